//! Issue 18, finding 3: no line written while a stage or a join starts is missed. A writer adds a
//! line at every step of start-up — before the run is read, after it is read, after our `Joined`
//! is on disk, after the watch is armed, after the watcher's thread is told to read the journals again — and every line is
//! folded in, either by the start-up's own reads or because the watch wakes the loop for it.
//! 100 start-ups of each of stage and join, and a model-based test that interleaves start-ups
//! with writers.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use spar::run::catalog::TrackView;
use spar::run::journal::JournalWriter;
use spar::run::live::LiveRun;
use spar::run::state::RunState;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, Millis, Place, Role};
use spar::tui::event_loop::Msg;
use spar::tui::watch::{Step, arm};

const NOW: Millis = 1_600_331_400_000;

/// A run with a facilitator's journal, and that writer.
fn run() -> (tempfile::TempDir, RunDir, JournalWriter) {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let session = catalog.find("kickoff").unwrap().clone();
    let dir = DataDir::at(tmp.path())
        .create_run(RunHeader::new(session, None, NOW, "Anna"))
        .unwrap();
    let mut anna = dir.open_writer("anna-a00001").unwrap();
    let joined = Event::Joined {
        name: "Anna".into(),
        role: Role::Facilitator,
    };
    anna.append(NOW, joined).unwrap();
    (tmp, dir, anna)
}

/// Anna's line number `n`: a note.
fn line(anna: &mut JournalWriter, n: usize) {
    let note = Event::NoteSaved {
        at: Place::START,
        group: None,
        kind: spar::run::NoteKind::Note,
        text: format!("line {n}"),
        by: "Anna".into(),
    };
    anna.append(NOW + n as Millis, note).unwrap();
}

fn notes(state: &RunState) -> usize {
    state.notes.len()
}

/// Where start-up stands when a line is written.
#[derive(Debug, Clone, Copy)]
enum At {
    BeforeRead,
    Read,
    Announced,
    Armed,
    ReadAgain,
}

/// How a start-up opens its run: named (`--resume RUN`, `join RUN`: the opening reads the
/// journals), or found among the track's runs (`spar run` resuming, `spar join` and `spar show`
/// without RUN: opened from what reading the track read, the journals not read again; `Read`
/// is then after the track's runs were read and the run opened without reading).
#[derive(Debug, Clone, Copy)]
enum Way {
    Named,
    FoundInTheTrack,
}

/// One start-up of a terminal in `role` with `lines[i]` lines written at step `i`; then the
/// event loop's part: every wake from the watch reads the journals. Returns the lines missed
/// when the watch has been quiet for a while after the last one (none expected).
fn start_up(role: Role, lines: [usize; 5], way: Way) -> usize {
    let (_tmp, dir, mut anna) = run();
    let mut written = 0;
    let mut write = |at: At, anna: &mut JournalWriter| {
        for _ in 0..lines[at as usize] {
            written += 1;
            line(anna, written);
        }
    };
    write(At::BeforeRead, &mut anna);
    let (mut live, mut state) = match way {
        Way::Named => LiveRun::open_unannounced(dir, "Bo", NOW + 100).unwrap(),
        Way::FoundInTheTrack => {
            let data = DataDir::at(dir.path().parent().unwrap().parent().unwrap());
            let catalog = spar::session::load::load_catalog(&[]).unwrap();
            let mut view = TrackView::load_to_open(&data, &catalog, NOW + 100).unwrap();
            let index = view.find_run(dir.id()).unwrap();
            let found = view.found(index);
            assert!(found.read.is_some(), "a live run keeps what was read of it");
            let opened = spar::run::open::beside(found, "Bo", NOW + 100).unwrap();
            (opened.live, opened.state)
        }
    };
    write(At::Read, &mut anna);
    live.announce(&mut state, "Bo", role, NOW + 100);
    write(At::Announced, &mut anna);
    let (tx, rx) = mpsc::channel();
    let _watch = arm(&mut live, tx, &mut |step| match step {
        Step::Armed => write(At::Armed, &mut anna),
        Step::ReadAgain => write(At::ReadAgain, &mut anna),
    })
    .expect("the first watch of the run");
    let total: usize = lines.iter().sum();
    // The loop: the watcher's thread reads (on file events, or where it polls, once a second)
    // and sends what it read; the loop folds it.
    let deadline = Instant::now() + Duration::from_secs(30);
    while notes(&state) < total && Instant::now() < deadline {
        if let Ok(Msg::Journals(batch)) = rx.recv_timeout(Duration::from_millis(500)) {
            live.take(&mut state, batch, NOW + 100);
        }
    }
    total - notes(&state)
}

#[test]
fn a_line_at_every_step_of_start_up_is_never_missed_in_100_start_ups_of_each() {
    // A line at one step only: a later line cannot wake the loop to read it along. 20
    // start-ups for each of the five steps.
    for way in [Way::Named, Way::FoundInTheTrack] {
        for role in [Role::Facilitator, Role::NoteTaker] {
            let missed: usize = (0..100)
                .map(|i| {
                    let mut lines = [0; 5];
                    lines[i % 5] = 1;
                    start_up(role, lines, way)
                })
                .sum();
            eprintln!("{way:?} {role:?}: {missed} lines missed in 100 start-ups, one line each");
            assert_eq!(missed, 0, "{way:?} {role:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Writers interleaved with start-up at random: lines at any steps, any number, stage or
    /// join. Every line reaches the state.
    #[test]
    fn start_ups_interleaved_with_writers_miss_no_line(
        lines in proptest::array::uniform5(0usize..4),
        stage in proptest::bool::ANY,
        found in proptest::bool::ANY,
    ) {
        let role = if stage { Role::Facilitator } else { Role::NoteTaker };
        let way = if found { Way::FoundInTheTrack } else { Way::Named };
        prop_assert_eq!(start_up(role, lines, way), 0);
    }
}
