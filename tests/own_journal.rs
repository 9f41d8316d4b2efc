//! Our own journal moved aside or replaced under us, the way Syncthing does it: when the other
//! device's version of a file wins, Syncthing renames ours to `NAME.sync-conflict-….ron` and
//! puts the other version (often shorter) at `NAME.ron`, by a rename over it. Nothing is written
//! twice, nothing is lost, and the stage, a resumed run and the export show each note once.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use spar::run::live::LiveRun;
use spar::run::state::RunState;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, Millis, NoteKind, Place, Role};
use spar::session::Session;
use spar::tui::event_loop::now_ms;

fn session() -> Session {
    ron::from_str(
        r#"Session(id: "kickoff", track: "dalasparet", title: "Kickoff", start: "09:00",
           agenda: [(kind: Discussion, title: "Samtal", minutes: 30)])"#,
    )
    .expect("test session parses")
}

fn new_run(data: &Path) -> RunDir {
    let header = RunHeader::new(session(), None, 1_000, "Anna");
    DataDir::at(data).create_run(header).unwrap()
}

fn note(text: &str) -> Event {
    Event::NoteSaved {
        at: Place { item: 0, step: 0 },
        group: None,
        kind: NoteKind::Note,
        text: text.into(),
        by: "Anna".into(),
    }
}

/// Appends and waits until the writer thread confirmed everything: woken by the writer thread's
/// own waker, as the event loop is, never by a fixed sleep.
fn save(live: &mut LiveRun, state: &mut RunState, ev: Event, at: Millis) {
    let (woken, wake) = {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        (rx, move || {
            let _ = tx.send(());
        })
    };
    live.set_waker(Box::new(wake));
    live.append(state, ev, at);
    let deadline = Instant::now() + Duration::from_secs(10);
    while live.has_pending() {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "not confirmed: {:?}", live.save_error);
        // A news from the writer thread, or the deadline: either way look again.
        let _ = woken.recv_timeout(left);
        live.retry(state);
    }
}

fn texts(state: &RunState) -> Vec<String> {
    let mut texts: Vec<String> = state.live_notes().map(|n| n.text.clone()).collect();
    texts.sort();
    texts
}

/// What a run folder reads as from the start (a resumed run, the export).
fn loaded(run: &RunDir) -> (Vec<String>, Vec<String>) {
    let loaded = run.load().unwrap();
    let state = RunState::fold(std::sync::Arc::new(session()), &loaded.entries);
    let problems = loaded.problems.iter().map(|p| p.to_string()).collect();
    (texts(&state), problems)
}

fn conflict_name(writer: &str) -> String {
    format!("{writer}.sync-conflict-20261206-101530-ZQ57HVI.ron")
}

fn file(run: &RunDir, name: &str) -> PathBuf {
    run.path().join(name)
}

#[test]
fn a_journal_moved_aside_goes_on_in_a_new_segment_and_each_note_shows_once() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", Role::Facilitator, 1_000).unwrap();
    save(&mut live, &mut state, note("first"), 2_000);
    let writer = live.writer_id().to_owned();
    // Syncthing moves ours aside and puts the other device's version, older, in its place.
    let ours = file(&run, &format!("{writer}.ron"));
    let before = fs::read(&ours).unwrap();
    fs::rename(&ours, file(&run, &conflict_name(&writer))).unwrap();
    let tmp = file(&run, &format!(".syncthing.{writer}.ron.tmp"));
    fs::write(
        &tmp,
        &before[..before.iter().position(|&b| b == b'\n').unwrap() + 1],
    )
    .unwrap();
    fs::rename(&tmp, &ours).unwrap();
    save(&mut live, &mut state, note("second"), 3_000);
    save(&mut live, &mut state, note("third"), 4_000);
    assert!(file(&run, &format!("{writer}.2.ron")).exists());
    // Seconds later the stage has read the copy of its own journal too.
    for _ in 0..3 {
        live.follow(&mut state, now_ms());
        live.retry(&mut state);
    }
    let all = ["first", "second", "third"];
    assert_eq!(texts(&state), all, "the stage");
    let (resumed, problems) = loaded(&run);
    assert_eq!(resumed, all, "a resumed run and the export: {problems:?}");
    assert!(
        !problems.iter().any(|p| p.contains("sequence")),
        "no number used twice: {problems:?}"
    );
    // Nothing was retried into the moved file after it moved.
    let copy = fs::read_to_string(file(&run, &conflict_name(&writer))).unwrap();
    assert!(!copy.contains("second"), "{copy}");
}

#[test]
fn a_new_segment_holds_the_whole_journal_when_the_moved_file_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", Role::Facilitator, 1_000).unwrap();
    save(&mut live, &mut state, note("first"), 2_000);
    let writer = live.writer_id().to_owned();
    fs::remove_file(file(&run, &format!("{writer}.ron"))).unwrap();
    save(&mut live, &mut state, note("second"), 3_000);
    let (resumed, problems) = loaded(&run);
    assert_eq!(resumed, ["first", "second"], "{problems:?}");
    assert_eq!(texts(&state), ["first", "second"]);
}

#[test]
fn a_copy_holding_our_next_numbers_hides_none_of_our_next_notes() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", Role::Facilitator, 1_000).unwrap();
    save(&mut live, &mut state, note("first"), 2_000);
    let writer = live.writer_id().to_owned();
    // A copy of our journal with lines numbered 3 to 5, which we have not written yet.
    let mut copy = String::new();
    for seq in 3..=5 {
        let record = spar::run::Record {
            hlc: None,
            at: 2_500,
            seq,
            ev: note(&format!("copied {seq}")),
        };
        copy.push_str(&spar::run::journal::encode(&record));
    }
    fs::write(file(&run, &conflict_name(&writer)), copy).unwrap();
    live.follow(&mut state, now_ms());
    for text in ["mine a", "mine b", "mine c"] {
        save(&mut live, &mut state, note(text), 3_000);
    }
    live.follow(&mut state, now_ms());
    let all = [
        "copied 3", "copied 4", "copied 5", "first", "mine a", "mine b", "mine c",
    ];
    assert_eq!(texts(&state), all, "the stage");
    assert_eq!(loaded(&run).0, all, "the export");
}

#[test]
fn a_divergent_copy_is_decided_the_same_way_everywhere_and_said() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    // Another writer's journal and a copy of it with a different text under the same number.
    let writer = "bo-a1b2c3";
    let line = |text: &str| {
        spar::run::journal::encode(&spar::run::Record {
            hlc: None,
            at: 2_000,
            seq: 1,
            ev: note(text),
        })
    };
    fs::write(file(&run, &format!("{writer}.ron")), line("the original")).unwrap();
    fs::write(file(&run, &conflict_name(writer)), line("a forgery")).unwrap();
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", Role::Facilitator, 1_000).unwrap();
    live.follow(&mut state, now_ms());
    let (resumed, problems) = loaded(&run);
    assert_eq!(texts(&state), ["the original"], "the stage");
    assert_eq!(resumed, ["the original"], "the export");
    let said = |problems: &[String]| {
        problems
            .iter()
            .any(|p| p.contains(writer) && p.contains("sequence number 1"))
    };
    assert!(said(&problems), "{problems:?}");
    let live_said: Vec<String> = live
        .problems
        .iter()
        .chain(&live.notices)
        .map(|p| p.to_string())
        .collect();
    assert!(said(&live_said), "{live_said:?}");
}

#[test]
fn a_journal_rewritten_shorter_reads_the_same_live_and_in_the_export() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    let writer = "bo-a1b2c3";
    let lines = |texts: &[&str]| -> String {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                spar::run::journal::encode(&spar::run::Record {
                    hlc: None,
                    at: 2_000 + i as i64,
                    seq: i as u64 + 1,
                    ev: note(text),
                })
            })
            .collect()
    };
    let journal = file(&run, &format!("{writer}.ron"));
    fs::write(&journal, lines(&["one", "two", "three"])).unwrap();
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", Role::Facilitator, 1_000).unwrap();
    save(&mut live, &mut state, note("mine"), 3_000);
    assert_eq!(texts(&state), ["mine", "one", "three", "two"]);
    // Another version of the file, shorter and different, renamed over it.
    let tmp = file(&run, &format!(".syncthing.{writer}.ron.tmp"));
    fs::write(&tmp, lines(&["uno"])).unwrap();
    fs::rename(&tmp, &journal).unwrap();
    live.follow(&mut state, now_ms());
    let (resumed, problems) = loaded(&run);
    assert_eq!(resumed, ["mine", "uno"], "{problems:?}");
    assert_eq!(
        texts(&state),
        resumed,
        "the stage shows what the export shows"
    );
    // And our own notes go on as before.
    save(&mut live, &mut state, note("mine too"), 4_000);
    assert_eq!(texts(&state), ["mine", "mine too", "uno"]);
}
