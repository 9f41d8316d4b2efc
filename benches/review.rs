//! Review speed: a track of 6 runs with 10,000 notes in all (about 1,700 a run, in two journals
//! each), read from a data directory on disk. The issue asks that the review opens in under
//! 100 ms and that a search answers in under 20 ms per keystroke.
//!
//! - `open`: every run read, folded, ordered and indexed for search (`TrackView::load`);
//! - `open_and_first_frame`: that, then the first frame at 120×40;
//! - `search_*`: one search over every note (a word in every note, one in few);
//! - `keystroke`: one key typed into the search, searched and drawn at 120×40;
//! - `recap_of_the_sixth_meeting`: what `spar run` reads for a recap item before the stage.

use std::hint::black_box;
use std::io::Write;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::review::app::Review;
use spar::run::catalog::{TrackView, search};
use spar::run::journal::encode;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, NoteKind, Place, Record, Role};
use spar::session::load::{Catalog, load_catalog};
use spar::ui::theme::{Theme, ThemeName};

const NOTES: usize = 10_000;
const RUNS: usize = 6;
/// 2020-09-17 09:00 UTC.
const NINE: i64 = 1_600_333_200_000;
const DAY: i64 = 86_400_000;

const WORDS: &[&str] = &[
    "biblioteken",
    "digitalisering",
    "källkritik",
    "läsecirkel",
    "kommunen",
    "filialerna",
    "användarna",
    "öppen data",
    "tillgänglighet",
    "etik",
    "wifi",
    "studiedag",
];

/// The six meetings, each held once, with its share of the notes over every timebox and group.
fn write_track(data: &DataDir, catalog: &Catalog) {
    let mut note_no = 0;
    for (m, session) in catalog.meetings().iter().take(RUNS).enumerate() {
        let started = NINE + m as i64 * 28 * DAY;
        let header = RunHeader::new((*session).clone(), catalog.track.clone(), started, "Anna");
        let dir = data.create_run(header).expect("create a run");
        let places: Vec<Place> = (0..session.agenda.len())
            .flat_map(|item| (0..session.steps(item).len()).map(move |step| Place { item, step }))
            .collect();
        let groups: Vec<Option<String>> = std::iter::once(None)
            .chain(session.groups.iter().cloned().map(Some))
            .collect();
        let share = NOTES / RUNS + usize::from(m < NOTES % RUNS);
        for (w, writer) in ["anna-000001", "erik-000002"].iter().enumerate() {
            let mut lines = String::new();
            let mut seq = 0;
            let mut push = |at: i64, ev: Event| {
                seq += 1;
                lines.push_str(&encode(&Record {
                    hlc: None,
                    at,
                    seq,
                    ev,
                }));
            };
            push(
                started,
                Event::Joined {
                    name: writer.to_string(),
                    role: if w == 0 {
                        Role::Facilitator
                    } else {
                        Role::NoteTaker
                    },
                },
            );
            if w == 0 {
                push(started, Event::TimerStarted { at: Place::START });
            }
            for i in (w..share).step_by(2) {
                let n = note_no + i;
                let kind = match n % 40 {
                    0 => NoteKind::Decision,
                    1..=2 => NoteKind::Action {
                        owner: format!("Ansvarig {}", n % 7),
                        due: Some("2020-10-15".into()),
                    },
                    3 => NoteKind::Parking,
                    _ => NoteKind::Note,
                };
                let mut text = format!(
                    "Anteckning {n}: vi pratade om hur {} i Dalarna kan möta {} digitalt, åäö – 😀",
                    WORDS[n % WORDS.len()],
                    WORDS[(n / 3) % WORDS.len()]
                );
                if n % 4 == 0 {
                    text.push_str("\nOch en rad till om hur vi går vidare efter träffen.");
                }
                push(
                    started + (i as i64) * 1_000,
                    Event::NoteSaved {
                        at: places[n % places.len()],
                        group: groups[n % groups.len()].clone(),
                        kind,
                        text,
                        by: writer.to_string(),
                    },
                );
            }
            if w == 0 {
                push(started + 180 * 60_000, Event::Ended);
            }
            let mut file = std::fs::File::create(dir.path().join(format!("{writer}.ron")))
                .expect("create a journal");
            file.write_all(lines.as_bytes()).expect("write a journal");
        }
        note_no += share;
    }
}

fn ctx() -> spar::ui::Ctx {
    spar::ui::Ctx {
        lang: Lang::Sv,
        theme: Theme::new(ThemeName::Dark, false),
        tz: jiff::tz::TimeZone::UTC,
    }
}

fn bench(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let data = DataDir::at(tmp.path());
    let catalog = load_catalog(&[]).expect("the shipped sessions");
    write_track(&data, &catalog);
    let now = NINE + 200 * DAY;
    let view = TrackView::load(&data, &catalog, now).expect("load");
    assert_eq!(view.runs.len(), RUNS);
    assert_eq!(
        view.runs.iter().map(|r| r.note_count()).sum::<usize>(),
        NOTES
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");

    let mut group = c.benchmark_group("review_6_runs_10000_notes");
    group.sample_size(20);
    group.bench_function("open", |b| {
        b.iter(|| TrackView::load(black_box(&data), &catalog, now).expect("load"))
    });
    group.bench_function("open_and_first_frame", |b| {
        b.iter(|| {
            let view = TrackView::load(black_box(&data), &catalog, now).expect("load");
            let review = Review::new(view, ctx());
            terminal
                .draw(|f| spar::review::view::draw(f, &review, now))
                .expect("draw");
        })
    });
    group.bench_function("search_common_word", |b| {
        b.iter(|| search(black_box(&view.runs), "bibliotek"))
    });
    group.bench_function("search_rare_word", |b| {
        b.iter(|| search(black_box(&view.runs), "anteckning 9999:"))
    });
    group.bench_function("search_no_match", |b| {
        b.iter(|| search(black_box(&view.runs), "zebra"))
    });
    // The recap of the last meeting as `spar run` reads it before the stage starts: the five
    // earlier meetings' runs.
    let last = catalog.meetings()[RUNS - 1].clone();
    group.bench_function("recap_of_the_sixth_meeting", |b| {
        b.iter(|| spar::run::catalog::recap(black_box(&data), &catalog, &last, now))
    });
    // One key typed at the end of "bibliote" (a search over everything, most notes matching),
    // then drawn: what a keystroke costs.
    let mut typing = Review::new(view.clone(), ctx());
    for c in "/bibliote".chars() {
        typing.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    group.bench_function("keystroke", |b| {
        b.iter_batched(
            || typing.clone(),
            |mut review| {
                review.on_key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE));
                terminal
                    .draw(|f| spar::review::view::draw(f, &review, now))
                    .expect("draw");
                review
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
