//! Snapshots of every stage view at 80×24 and 120×40 in Swedish and English, and buffer checks
//! for what lives in the colour.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, Place, Record};
use spar::session::Session;
use spar::stage::{Action, Context, Stage, view};
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff's planned start, with the views in UTC.
const NINE: Millis = 1_600_333_200_000;

fn kickoff() -> Arc<Session> {
    let text = include_str!("../sessions/kickoff.ron");
    Arc::new(spar::session::parse::parse_session(text).expect("kickoff parses"))
}

fn stage(lang: Lang, events: &[(i64, Event)]) -> Stage {
    let session = kickoff();
    let entries: Vec<Entry> = events
        .iter()
        .enumerate()
        .map(|(i, (minute, ev))| Entry {
            writer: Arc::from("facilitator"),
            record: Record {
                at: NINE + minute * MIN,
                seq: i as u64 + 1,
                ev: ev.clone(),
            },
        })
        .collect();
    let run = RunState::fold(session, &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "20200917-0900-kickoff-abcd".into(),
        track: Some("Dalaspåret".into()),
        start_of_day: NINE,
        author: "Anna".into(),
        recap: Vec::new(),
        role: spar::run::Role::Facilitator,
    };
    Stage::new(run, ctx, false, NINE)
}

fn render(stage: &Stage, now: Millis, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, stage, now))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at(item: usize, step: usize) -> Place {
    Place { item, step }
}

/// A view state: its name, the events that lead to it, the minute it is looked at, and a key
/// pressed then.
type Case = (&'static str, Vec<(i64, Event)>, i64, Option<Action>);

/// Every view state.
fn cases() -> Vec<Case> {
    use Event::*;
    vec![
        ("lobby", vec![], -5, None),
        ("ready", vec![(0, Moved { to: at(3, 0) })], 0, None),
        ("running", vec![(0, TimerStarted { at: at(0, 0) })], 3, None),
        ("low", vec![(0, TimerStarted { at: at(0, 0) })], 9, None),
        ("over", vec![(0, TimerStarted { at: at(0, 0) })], 12, None),
        (
            "paused",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (4, TimerPaused { at: at(0, 0) }),
            ],
            6,
            None,
        ),
        (
            "round",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (10, Moved { to: at(1, 2) }),
                (10, TimerStarted { at: at(1, 2) }),
            ],
            10,
            None,
        ),
        (
            "talk",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (27, Moved { to: at(2, 0) }),
                (27, TimerStarted { at: at(2, 0) }),
            ],
            40,
            None,
        ),
        (
            "question",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (60, Moved { to: at(3, 1) }),
                (60, TimerStarted { at: at(3, 1) }),
            ],
            62,
            None,
        ),
        (
            "break",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (75, Moved { to: at(4, 0) }),
                (75, TimerStarted { at: at(4, 0) }),
            ],
            80,
            None,
        ),
        (
            "facilitator_notes",
            vec![],
            0,
            Some(Action::ToggleFacilitatorNotes),
        ),
        (
            "overview",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (14, Moved { to: at(1, 0) }),
            ],
            20,
            Some(Action::Overview),
        ),
        ("help", vec![], 0, Some(Action::Help)),
        ("groups", vec![], 0, Some(Action::ChooseGroup)),
        (
            "confirm_quit",
            vec![(0, TimerStarted { at: at(0, 0) })],
            1,
            Some(Action::Quit),
        ),
    ]
}

#[test]
fn every_view_at_both_sizes_in_both_languages() {
    for (name, events, minute, action) in cases() {
        for lang in [Lang::Sv, Lang::En] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut stage = stage(lang, &events);
                let now = NINE + minute * MIN;
                if let Some(action) = action {
                    stage.update(action, now);
                }
                let screen = text_of(&render(&stage, now, w, h));
                let lang = if lang == Lang::Sv { "sv" } else { "en" };
                insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), screen);
            }
        }
    }
}

#[test]
fn too_small_says_so_instead_of_a_broken_layout() {
    for lang in [Lang::Sv, Lang::En] {
        let stage = stage(lang, &[]);
        for (w, h) in [(59, 24), (80, 19), (20, 5), (1, 1), (0, 0)] {
            let screen = text_of(&render(&stage, NINE, w, h));
            if w >= 40 {
                let expected = if lang == Lang::Sv {
                    "Fönstret är för litet"
                } else {
                    "Window too small"
                };
                assert!(screen.contains(expected), "{w}x{h}: {screen}");
            }
        }
        let lang = if lang == Lang::Sv { "sv" } else { "en" };
        insta::assert_snapshot!(
            format!("too_small_{lang}"),
            text_of(&render(&stage, NINE, 50, 10))
        );
    }
}

#[test]
fn every_size_up_to_250_by_70_renders_without_panic() {
    let stage = stage(Lang::Sv, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    for w in (0..=250).step_by(7) {
        for h in (0..=70).step_by(3) {
            render(&stage, NINE + 5 * MIN, w, h);
        }
    }
}

/// The colour of the countdown's status line: where the phase lives besides its words.
fn status_colour(stage: &Stage, now: Millis, word: &str) -> Option<Color> {
    let buffer = render(stage, now, 120, 40);
    let screen = text_of(&buffer);
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(word))?;
    let x = line.chars().take_while(|c| !word.starts_with(*c)).count();
    buffer[(x as u16, y as u16)].fg.into()
}

#[test]
fn the_countdown_colour_follows_the_phase() {
    let running = stage(Lang::En, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    assert_eq!(
        status_colour(&running, NINE + 3 * MIN, "RUNNING"),
        Some(Color::LightGreen)
    );
    assert_eq!(
        status_colour(&running, NINE + 9 * MIN, "RUNNING LOW"),
        Some(Color::Yellow)
    );
    assert_eq!(
        status_colour(&running, NINE + 11 * MIN, "TIME'S UP"),
        Some(Color::LightRed)
    );
    let ready = stage(Lang::En, &[(0, Event::Moved { to: at(3, 0) })]);
    assert_eq!(status_colour(&ready, NINE, "READY"), Some(Color::Gray));
}

#[test]
fn no_color_draws_no_colour_at_all() {
    let mut s = stage(Lang::En, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    s.ctx.ui.theme = Theme::monochrome();
    let buffer = render(&s, NINE + 11 * MIN, 120, 40);
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "{:?}",
            cell
        );
    }
}
