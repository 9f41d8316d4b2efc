//! One keystroke in the note editor, handled and rendered at 200×60, with 10,000 notes in the
//! run (the spec asks for under 2 ms), and the stage's render alone at that size.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, NoteKind, Place, Record, Role};
use spar::session::parse::parse_session;
use spar::stage::{Action, Context, Stage, view};
use spar::tui::backend::TerseBackend;
use spar::ui::theme::{Theme, ThemeName};

const NOTES: usize = 10_000;
/// 2020-09-17 09:00 UTC.
const NINE: i64 = 1_600_333_200_000;

/// The kickoff with 10,000 notes over every timebox and group, on its fourth item (a discussion)
/// with the timer running.
fn stage() -> Stage {
    let session = Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap());
    let places: Vec<Place> = (0..session.agenda.len())
        .flat_map(|item| (0..session.steps(item).len()).map(move |step| Place { item, step }))
        .collect();
    let groups: Vec<Option<String>> = std::iter::once(None)
        .chain(session.groups.iter().cloned().map(Some))
        .collect();
    let mut entries = Vec::new();
    let mut push = |at: i64, ev: Event| {
        let seq = entries.len() as u64 + 1;
        entries.push(Entry {
            writer: Arc::from("bench"),
            record: Record {
                hlc: None,
                at,
                seq,
                ev,
            },
        });
    };
    // Only a facilitator's journal drives the timer: it begins with its `Joined`.
    push(
        NINE - 60_000,
        Event::Joined {
            name: "Anna".into(),
            role: spar::run::Role::Facilitator,
        },
    );
    push(NINE, Event::TimerStarted { at: Place::START });
    for i in 0..NOTES {
        push(
            NINE + i as i64,
            Event::NoteSaved {
                at: places[i % places.len()],
                group: groups[i % groups.len()].clone(),
                kind: NoteKind::Note,
                text: format!("Anteckning {i}: vad gruppen sa om frågan, åäö – 😀"),
                by: "Anna".into(),
            },
        );
    }
    let here = Place { item: 3, step: 0 };
    push(NINE + 20_000, Event::Moved { to: here });
    push(NINE + 20_000, Event::TimerStarted { at: here });
    let run = RunState::fold(session, &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang: Lang::Sv,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "bench".into(),
        track: Some("Dalaspåret".into()),
        start_of_day: NINE,
        author: "Anna".into(),
        role: Role::Facilitator,
        recap: Vec::new(),
    };
    let mut stage = Stage::new(run, ctx, true, NINE);
    stage.update(Action::Write, NINE + 30_000);
    stage
}

fn keystroke(c: &mut Criterion) {
    let mut stage = stage();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let now = NINE + 60_000;
    let key = KeyEvent::new(KeyCode::Char('å'), KeyModifiers::NONE);
    let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    c.bench_function(
        "keystroke in the editor + render 200x60, 10,000 notes",
        |b| {
            b.iter(|| {
                black_box(stage.on_key(key, now));
                terminal
                    .draw(|frame| view::draw(frame, &stage, now))
                    .unwrap();
                // Keep the draft short so every iteration measures the same thing.
                black_box(stage.on_key(backspace, now));
            })
        },
    );
    c.bench_function("render the stage 200x60, 10,000 notes", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &stage, now))
                .unwrap();
        })
    });
}

/// Opening a run of 100,000 events: the fold of the entries the store has read (reading them is
/// measured in `benches/storage.rs`).
fn fold_100k(c: &mut Criterion) {
    let session = Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap());
    let entries: Vec<Entry> = (0..100_000u64)
        .map(|i| {
            let ev = match i % 10 {
                // Only a facilitator's journal drives the timer: it begins with its `Joined`.
                0 if i == 0 => Event::Joined {
                    name: "Anna".into(),
                    role: spar::run::Role::Facilitator,
                },
                0 => Event::Moved {
                    to: Place {
                        item: (i / 10 % 12) as usize,
                        step: 0,
                    },
                },
                1 => Event::TimerStarted { at: Place::START },
                2 => Event::TimerPaused { at: Place::START },
                3 => Event::Draft {
                    at: Place::START,
                    group: None,
                    text: format!("utkast {i}"),
                    by: "Anna".into(),
                },
                _ => Event::NoteSaved {
                    at: Place { item: 3, step: 0 },
                    group: None,
                    kind: NoteKind::Note,
                    text: format!("Anteckning {i}: vad gruppen sa, åäö"),
                    by: "Anna".into(),
                },
            };
            Entry {
                writer: Arc::from("bench"),
                record: Record {
                    hlc: None,
                    at: NINE + i as i64,
                    seq: i + 1,
                    ev,
                },
            }
        })
        .collect();
    c.bench_function("fold a run of 100,000 events", |b| {
        b.iter(|| black_box(RunState::fold(session.clone(), &entries)))
    });
}

/// One shown second of an idle stage at 120×40 (one 30-minute question, its timebox running):
/// what the process does each second while nobody types, from the view to the bytes for the
/// terminal (`tests/idle_stage.rs` counts those bytes).
fn idle_second(c: &mut Criterion) {
    let session = parse_session(
        r#"Session(id: "idle", track: "idle", title: "Idle measurement", start: "09:00",
            agenda: [Item(kind: Discussion, title: "One long question", minutes: 30,
                questions: [Question(text: "How quiet can a countdown be?", minutes: 30)])])"#,
    )
    .unwrap();
    let entry = |seq, ev| Entry {
        writer: Arc::from("bench"),
        record: Record {
            hlc: None,
            at: NINE,
            seq,
            ev,
        },
    };
    let joined = Event::Joined {
        name: "Anna".into(),
        role: spar::run::Role::Facilitator,
    };
    let entries = [
        entry(1, joined),
        entry(2, Event::TimerStarted { at: Place::START }),
    ];
    let run = RunState::fold(Arc::new(session), &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang: Lang::Sv,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "bench".into(),
        track: None,
        start_of_day: NINE,
        author: "Anna".into(),
        role: Role::Facilitator,
        recap: Vec::new(),
    };
    let stage = Stage::new(run, ctx, true, NINE);
    let size = Size {
        width: 120,
        height: 40,
    };
    let viewport = Viewport::Fixed(Rect::new(0, 0, size.width, size.height));
    let backend = TerseBackend::sized(std::io::sink(), size);
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut now = NINE + 60_500;
    c.bench_function(
        "an idle second of the stage 120x40 (view, diff, bytes)",
        |b| {
            b.iter(|| {
                now += 1000;
                black_box(stage.next_wake(now));
                terminal
                    .draw(|frame| view::draw(frame, &stage, now))
                    .unwrap();
            })
        },
    );
}

criterion_group!(benches, keystroke, fold_100k, idle_second);
criterion_main!(benches);
