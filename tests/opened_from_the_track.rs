//! Issue 18: a run found among the track's runs (`spar run` offering to resume, `spar join` and
//! `spar show` without RUN) is opened from what reading the track read of its journals, not read
//! again (`tests/run_reads.rs` counts the opens). Its reader goes on from where that read
//! stopped in each journal, keeping what a reader that starts at 0 guarantees: a torn last line
//! is read once it is whole, a journal replaced by a shorter version is read again from its
//! start, a conflict copy's lines count once, a journal over 64 MiB is skipped with its notice.

use std::io::Write;

use spar::i18n::Lang;
use spar::run::catalog::TrackView;
use spar::run::file_problem::{ProblemKind, Tally};
use spar::run::journal::{JournalWriter, encode};
use spar::run::live::LiveRun;
use spar::run::open::{Opened, beside};
use spar::run::reader::Control;
use spar::run::state::RunState;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, Millis, NoteKind, Place, Record, Role};

const NOW: Millis = 1_600_331_400_000;

struct World {
    tmp: tempfile::TempDir,
    dir: RunDir,
    anna: JournalWriter,
}

/// A live run: Anna on stage.
fn world() -> World {
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
    World { tmp, dir, anna }
}

fn note(text: &str) -> Event {
    Event::NoteSaved {
        at: Place::START,
        group: None,
        kind: NoteKind::Note,
        text: text.into(),
        by: "Bo".into(),
    }
}

/// Bo's line `seq`, as his journal holds it.
fn line(seq: u64, text: &str) -> String {
    encode(&Record {
        hlc: None,
        at: NOW + seq as Millis,
        seq,
        ev: note(text),
    })
}

impl World {
    /// The track's runs read, and the live one opened from that read.
    fn open_found(&self) -> (LiveRun, RunState) {
        let catalog = spar::session::load::load_catalog(&[]).unwrap();
        let data = DataDir::at(self.tmp.path());
        let mut view = TrackView::load_to_open(&data, &catalog, NOW + 100).unwrap();
        let index = view.find_run(self.dir.id()).unwrap();
        let found = view.found(index);
        assert!(found.read.is_some(), "a live run keeps what was read of it");
        // Views that open nothing keep no journal open.
        let shown = TrackView::load(&data, &catalog, NOW + 100).unwrap();
        assert!(shown.runs.iter().all(|r| r.read.is_none()));
        let Opened { live, state } = *beside(found, "Cia", NOW + 100).unwrap();
        (live, state)
    }

    fn bo(&self) -> std::path::PathBuf {
        self.dir.path().join("bo-b00002.ron")
    }
}

/// What the watcher's thread reads once the watch is armed (a rescan), folded.
fn read_on(live: &mut LiveRun, state: &mut RunState) {
    let mut reader = live.hand_over_reader().unwrap();
    reader.heard(&Control::Rescan);
    let batch = reader.read_all();
    live.take(state, batch, NOW + 100);
}

fn texts(state: &RunState) -> Vec<&str> {
    state.notes.iter().map(|n| n.text.as_str()).collect()
}

#[test]
fn a_torn_last_line_is_read_once_it_is_whole_and_is_no_problem() {
    let w = world();
    let whole = line(2, "second");
    let (start, end) = whole.split_at(whole.len() / 2);
    std::fs::write(w.bo(), format!("{}{start}", line(1, "first"))).unwrap();
    let (mut live, mut state) = w.open_found();
    assert_eq!(texts(&state), ["first"]);
    let torn = live
        .problems
        .iter()
        .any(|p| p.kind == ProblemKind::TornTail);
    assert!(!torn, "{:?}", live.problems);
    let mut bo = std::fs::OpenOptions::new()
        .append(true)
        .open(w.bo())
        .unwrap();
    bo.write_all(end.as_bytes()).unwrap();
    bo.write_all(line(3, "third").as_bytes()).unwrap();
    read_on(&mut live, &mut state);
    assert_eq!(texts(&state), ["first", "second", "third"]);
}

#[test]
fn a_line_written_after_the_track_was_read_is_read_on_from_where_it_stopped() {
    let mut w = world();
    std::fs::write(w.bo(), line(1, "first")).unwrap();
    let (mut live, mut state) = w.open_found();
    let mut bo = std::fs::OpenOptions::new()
        .append(true)
        .open(w.bo())
        .unwrap();
    bo.write_all(line(2, "second").as_bytes()).unwrap();
    w.anna.append(NOW + 10, Event::Left).unwrap();
    read_on(&mut live, &mut state);
    assert_eq!(texts(&state), ["first", "second"], "each line once");
    assert_eq!(state.facilitator, None, "Anna's line after the read too");
}

#[test]
fn a_journal_replaced_by_a_shorter_version_is_read_again_from_its_start() {
    let w = world();
    let two = format!("{}{}", line(1, "first"), line(2, "second"));
    std::fs::write(w.bo(), two).unwrap();
    let (mut live, mut state) = w.open_found();
    assert_eq!(texts(&state), ["first", "second"]);
    // A sync tool renames another version over Bo's journal: one line, another text.
    let other = w.dir.path().join(".syncthing.bo-b00002.ron.tmp");
    std::fs::write(&other, line(1, "other")).unwrap();
    std::fs::rename(&other, w.bo()).unwrap();
    read_on(&mut live, &mut state);
    assert_eq!(texts(&state), ["other"], "folded anew from what is there");
}

#[test]
fn a_conflict_copy_counts_once_and_is_said_and_a_huge_file_is_skipped() {
    let w = world();
    let two = format!("{}{}", line(1, "first"), line(2, "second"));
    std::fs::write(w.bo(), &two).unwrap();
    let copy = w
        .dir
        .path()
        .join("bo-b00002.sync-conflict-20260117-101530-ZQ57HVI.ron");
    std::fs::write(&copy, format!("{two}{}", line(3, "third"))).unwrap();
    let huge = std::fs::File::create(w.dir.path().join("huge-c0ffee.ron")).unwrap();
    huge.set_len(65 << 20).unwrap();
    let (mut live, mut state) = w.open_found();
    assert_eq!(texts(&state), ["first", "second", "third"]);
    assert_eq!(live.notices.len(), 1, "{:?}", live.notices);
    let too_large = |live: &LiveRun| {
        live.problems
            .iter()
            .filter(|p| matches!(p.kind, ProblemKind::TooLarge { .. }))
            .count()
    };
    assert_eq!(too_large(&live), 1, "{:?}", live.problems);
    // The stage, a join and the review word it as what it is, not as a damaged line.
    let tally = Tally::of(&live.problems);
    assert_eq!((tally.damaged, tally.too_large), (0, 1));
    assert_eq!(
        Lang::En.text().tally(&tally),
        "1 file too large to read, skipped"
    );
    assert_eq!(
        Lang::Sv.text().tally(&tally),
        "1 fil för stor att läsa, hoppades över"
    );
    // Read on: nothing counted twice, the huge file said once.
    read_on(&mut live, &mut state);
    assert_eq!(texts(&state), ["first", "second", "third"]);
    assert_eq!(too_large(&live), 1, "{:?}", live.problems);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_run_folder_is_never_followed() {
    let w = world();
    let secret = w.tmp.path().join("secret.ron");
    std::fs::write(&secret, line(1, "secret")).unwrap();
    std::os::unix::fs::symlink(&secret, w.bo()).unwrap();
    let (mut live, mut state) = w.open_found();
    assert!(texts(&state).is_empty(), "{:?}", texts(&state));
    read_on(&mut live, &mut state);
    assert!(texts(&state).is_empty(), "{:?}", texts(&state));
}

#[test]
fn each_damaged_line_is_counted_once_read_on_or_read_again() {
    let w = world();
    let garbage = w.dir.path().join("bad-bad000.ron");
    std::fs::write(&garbage, "x\n".repeat(30)).unwrap();
    let (mut live, mut state) = w.open_found();
    let counts = |live: &LiveRun| {
        let named = live.problems.iter().filter(|p| p.line.is_some()).count();
        let all: usize = live.problems.iter().map(|p| p.count()).sum();
        (named, all)
    };
    assert_eq!(counts(&live), (20, 30), "{:?}", live.problems);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&garbage)
        .unwrap();
    file.write_all("y\n".repeat(5).as_bytes()).unwrap();
    let mut reader = live.hand_over_reader().unwrap();
    reader.heard(&Control::Rescan);
    let batch = reader.read_all();
    live.take(&mut state, batch, NOW + 100);
    assert_eq!(counts(&live), (20, 35), "{:?}", live.problems);
    // Another version renamed over it: the whole file read again, each line still once.
    let copy = w.dir.path().join(".bad.tmp");
    std::fs::copy(&garbage, &copy).unwrap();
    std::fs::rename(&copy, &garbage).unwrap();
    reader.heard(&Control::Rescan);
    let batch = reader.read_all();
    live.take(&mut state, batch, NOW + 100);
    assert_eq!(counts(&live), (20, 35), "{:?}", live.problems);
}
