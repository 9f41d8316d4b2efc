//! What an idle stage with a running countdown costs, counted in-process and deterministically on
//! the stage of `benches/idle.rs` (one 30-minute question, its timebox running): its wakes, and
//! the bytes it writes to the terminal per shown second, drawn second after second through the
//! backend the binary uses, into memory. The same figures from outside, beside other
//! countdowns: `cargo bench --bench idle`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;

use ratatui::backend::TestBackend;
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

/// One 30-minute question: the stage the idle figures are measured on (the same in
/// `benches/idle.rs` and `tests/idle_stage.rs`).
const SESSION: &str = include_str!("fixtures/idle.ron");

fn stage(lang: Lang) -> Stage {
    stage_started(lang, NINE)
}

/// The stage with its timebox started at `at`.
fn stage_started(lang: Lang, at: Millis) -> Stage {
    let session = Arc::new(parse_session(SESSION).expect("session parses"));
    let entry = |seq, ev| Entry {
        writer: Arc::from("facilitator"),
        record: Record {
            hlc: None,
            at,
            seq,
            ev,
        },
    };
    // Only a facilitator's journal drives the timer: it begins with its `Joined`.
    let joined = Event::Joined {
        name: "Anna".into(),
        role: Role::Facilitator,
    };
    let entries = [
        entry(1, joined),
        entry(2, Event::TimerStarted { at: Place::START }),
    ];
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

#[test]
fn a_running_countdown_wakes_once_per_shown_second() {
    // Started between two wall-clock seconds, so its seconds and the clock's minutes differ.
    let started = NINE + 30_000 + 437;
    let stage = stage_started(Lang::En, started);
    let mut now = started + 1;
    let mut wakes = 0;
    while now < started + 5 * 60_000 {
        let wake = stage.next_wake(now);
        assert!(wake > now, "the wake at {wake} is not after {now}");
        assert_eq!(
            (started - wake).rem_euclid(1000),
            0,
            "a wake between the countdown's seconds: {} ms in",
            wake - started
        );
        wakes += 1;
        now = wake;
    }
    assert_eq!(wakes, 5 * 60);
    // The clock's new minute is on screen with the countdown's next second.
    let minute = NINE + 60_000;
    let next_second = stage.next_wake(minute - 1);
    assert!(next_second >= minute && next_second - minute < 1000);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, &stage, next_second))
        .unwrap();
    let top: String = (0..120)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert!(top.contains("09:01"), "{top}");
}
