//! Runs written by four processes at once (a facilitator and three note-takers, journals
//! interleaved in time) of 1,000, 10,000 and 100,000 notes, in-process: opening one as the stage
//! does (read every journal, merge once, fold once), folding a burst of late lines, and one
//! keystroke in the editor handled and rendered at 200×60 with the notes on the current question.
//!
//! `cargo bench --bench multiwriter` (the from-outside figures are `cargo bench --bench outside`).

#[path = "../tests/common/interleaved.rs"]
mod interleaved;

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::run::live::LiveRun;
use spar::run::log::RunLog;
use spar::run::state::RunState;
use spar::run::store::DataDir;
use spar::run::{Entry, Role};
use spar::session::Session;
use spar::session::parse::parse_session;
use spar::stage::{Action, Context, Stage, view};
use spar::ui::theme::{Theme, ThemeName};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// One question of 30 minutes: every note lands on the question on screen (the worst case for a
/// frame).
const ONE_QUESTION: &str = include_str!("../tests/fixtures/idle_with_groups.ron");

fn one_question() -> Session {
    parse_session(ONE_QUESTION).unwrap()
}

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open a 4-writer run (read, merge, fold)");
    group.sample_size(10);
    let data = tempfile::tempdir().unwrap();
    let session = one_question();
    for notes in SIZES {
        let id = interleaved::write_run(data.path(), &session, notes);
        let dir = DataDir::at(data.path()).find(&id).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(notes), &dir, |b, dir| {
            b.iter(|| {
                let (live, state) = LiveRun::open_unannounced(
                    dir.clone(),
                    "Bench",
                    spar::tui::event_loop::now_ms(),
                )
                .unwrap();
                // Our own (empty) journal goes again, so every iteration opens the same run.
                let own = live.folder().join(format!("{}.ron", live.writer_id()));
                std::fs::remove_file(own).unwrap();
                black_box(state)
            })
        });
    }
    group.finish();
}

fn late_burst(c: &mut Criterion) {
    let mut group = c.benchmark_group("fold four journals read one after another");
    group.sample_size(10);
    let session = Arc::new(one_question());
    for notes in SIZES {
        let journals: Vec<Vec<Entry>> = interleaved::entries(&session, notes);
        group.bench_with_input(
            BenchmarkId::from_parameter(notes),
            &journals,
            |b, journals| {
                b.iter(|| {
                    let mut log = RunLog::new();
                    let mut state = RunState::new(session.clone());
                    for journal in journals {
                        log.add(&mut state, journal.clone());
                    }
                    black_box(state)
                })
            },
        );
    }
    group.finish();
}

fn stage(notes: usize) -> Stage {
    let session = Arc::new(one_question());
    let run = RunState::fold(session.clone(), &interleaved::merged(&session, notes));
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang: Lang::Sv,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "bench".into(),
        track: None,
        start_of_day: interleaved::NINE,
        author: "Eva".into(),
        role: Role::Facilitator,
        recap: Vec::new(),
    };
    let mut stage = Stage::new(run, ctx, true, interleaved::NINE);
    stage.update(Action::Write, interleaved::NINE + 1_000_000);
    stage
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke in the editor + render 200x60");
    let now = interleaved::NINE + 1_000_000;
    let key = KeyEvent::new(KeyCode::Char('å'), KeyModifiers::NONE);
    let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    for notes in SIZES {
        let mut stage = stage(notes);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        group.bench_function(BenchmarkId::from_parameter(notes), |b| {
            b.iter(|| {
                black_box(stage.on_key(key, now));
                terminal
                    .draw(|frame| view::draw(frame, &stage, now))
                    .unwrap();
                black_box(stage.on_key(backspace, now));
            })
        });
    }
    group.finish();
}

criterion_group!(benches, open, late_burst, keystroke);
criterion_main!(benches);
