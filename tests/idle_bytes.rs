//! Bytes a running countdown writes to the terminal per shown second, counted in-process and
//! deterministically: the stage of `benches/idle.rs` (one 30-minute question, its timebox
//! running) drawn second after second through the backend the binary uses, into memory. The
//! same figure from outside, beside other countdowns: `cargo bench --bench idle`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, Place, Record, Role};
use spar::session::parse::parse_session;
use spar::stage::{Context, Stage, view};
use spar::tui::backend::TerseBackend;
use spar::ui::theme::{Theme, ThemeName};

/// 2020-09-17 09:00 UTC.
const NINE: Millis = 1_600_333_200_000;

const SESSION: &str = r#"Session(
    id: "idle",
    track: "idle",
    title: "Idle measurement",
    start: "09:00",
    agenda: [
        Item(kind: Discussion, title: "One long question", minutes: 30,
             questions: [Question(text: "How quiet can a countdown be?", minutes: 30)]),
    ],
)"#;

fn stage(lang: Lang) -> Stage {
    let session = Arc::new(parse_session(SESSION).expect("session parses"));
    let entries = [Entry {
        writer: Arc::from("facilitator"),
        record: Record {
            at: NINE,
            seq: 1,
            ev: Event::TimerStarted { at: Place::START },
        },
    }];
    let run = RunState::fold(session, &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "idle".into(),
        track: None,
        start_of_day: NINE,
        author: "Anna".into(),
        recap: Vec::new(),
        role: Role::Facilitator,
    };
    Stage::new(run, ctx, true, NINE)
}

/// Bytes per second over `seconds` shown seconds (the first, full frame not counted), starting
/// `from` ms after the timebox started.
fn bytes_per_second(lang: Lang, (width, height): (u16, u16), from: Millis, seconds: i64) -> f64 {
    let stage = stage(lang);
    let out = Out::default();
    let backend = TerseBackend::sized(out.clone(), Size { width, height });
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    terminal
        .draw(|frame| view::draw(frame, &stage, NINE + from))
        .unwrap();
    let first = out.0.borrow().len();
    for s in 1..=seconds {
        let now = NINE + from + s * 1000;
        terminal
            .draw(|frame| view::draw(frame, &stage, now))
            .unwrap();
    }
    (out.0.borrow().len() - first) as f64 / seconds as f64
}

#[derive(Clone, Default)]
struct Out(Rc<RefCell<Vec<u8>>>);

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// At most this many bytes per second at each size: `timr-tui`, the quietest peer, writes about
/// 295 at both (README, "Measured").
const BUDGET: [((u16, u16), f64); 2] = [((120, 40), 110.0), ((200, 60), 250.0)];

#[test]
fn a_running_countdown_stays_within_its_bytes_per_second() {
    for (size, budget) in BUDGET {
        for lang in [Lang::Sv, Lang::En] {
            // Ten minutes from 1:30 into the timebox: every kind of change (seconds, tens of
            // seconds, minutes, the wall clock's minute) in its share.
            let rate = bytes_per_second(lang, size, 90_500, 600);
            println!("{}x{} {lang:?}: {rate:.1} bytes/s", size.0, size.1);
            assert!(
                rate <= budget,
                "{size:?} {lang:?}: {rate:.1} bytes/s, budget {budget}"
            );
        }
    }
}
