//! What sync tools leave in a run folder, with the names each really uses: temporary files are
//! passed over; a conflict copy of a journal is read with it (its lines the journal lacks count,
//! lines in both count once) and named in one line, when a run is opened, followed live and
//! exported.

use std::fs;
use std::process::Command;

use spar::run::journal::encode;
use spar::run::live::LiveRun;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, NoteKind, Place, Record, Role};
use spar::session::Session;
use spar::tui::event_loop::now_ms;

const WRITER: &str = "anna-3fa9c2";

/// Per engine: its conflict copy of `anna-3fa9c2.ron`, and temporary files it leaves.
const ENGINES: &[(&str, &str, &[&str])] = &[
    (
        "Syncthing",
        "anna-3fa9c2.sync-conflict-20260117-101530-ZQ57HVI.ron",
        &[
            ".syncthing.anna-3fa9c2.ron.tmp",
            "~syncthing~anna-3fa9c2.ron.tmp",
        ],
    ),
    (
        "Nextcloud",
        "anna-3fa9c2 (conflicted copy 2026-01-17 101530).ron",
        &[".anna-3fa9c2.ron.~1a2b3c4d", ".~lock.anna-3fa9c2.ron#"],
    ),
    (
        "Dropbox",
        "anna-3fa9c2 (Anna Berg's conflicted copy 2026-01-17).ron",
        &[".dropbox.cache", ".dropbox.attr"],
    ),
    (
        "OneDrive",
        "anna-3fa9c2-LAPTOP-7F3K2LQ.ron",
        &["~$anna-3fa9c2.ron", "anna-3fa9c2.ron.tmp"],
    ),
];

fn session() -> Session {
    ron::from_str(
        r#"Session(id: "kickoff", track: "dalasparet", title: "Kick off", start: "09:00",
           agenda: [(kind: Discussion, title: "Samtal", minutes: 30,
                     questions: [(text: "Vad?", minutes: 15)])])"#,
    )
    .expect("test session parses")
}

fn lines(seqs: &[u64]) -> String {
    seqs.iter()
        .map(|&seq| {
            encode(&Record {
                hlc: None,
                at: 1_768_640_000_000 + seq as i64 * 1000,
                seq,
                ev: Event::NoteSaved {
                    at: Place { item: 0, step: 0 },
                    group: None,
                    kind: NoteKind::Note,
                    text: format!("note {seq}"),
                    by: "Anna".into(),
                },
            })
        })
        .collect()
}

/// A run whose journal has notes 1–3 and whose conflict copy has 1, 2 and 4 (the version the
/// sync tool set aside had a note the journal never got), with the engine's temporary files
/// holding garbage.
fn run_with_copy(data: &DataDir, copy: &str, temps: &[&str]) -> RunDir {
    let run = data
        .create_run(RunHeader::new(session(), None, 1_768_640_000_000, "Anna"))
        .unwrap();
    fs::write(run.path().join(format!("{WRITER}.ron")), lines(&[1, 2, 3])).unwrap();
    fs::write(run.path().join(copy), lines(&[1, 2, 4])).unwrap();
    for temp in temps {
        fs::write(run.path().join(temp), "garbage, half a line (at:1,seq:").unwrap();
    }
    run
}

fn notice(run: &RunDir, copy: &str, engine: &str) -> String {
    format!(
        "runs/{}/{copy}: a {engine} conflict copy of {WRITER}.ron, read with it (lines in both \
         count once)",
        run.id()
    )
}

#[test]
fn a_conflict_copy_is_read_with_its_journal_and_temporary_files_are_passed_over() {
    for &(engine, copy, temps) in ENGINES {
        let dir = tempfile::tempdir().unwrap();
        let run = run_with_copy(&DataDir::at(dir.path()), copy, temps);
        let loaded = run.load().unwrap();
        let seqs: Vec<(String, u64)> = loaded
            .entries
            .iter()
            .map(|e| (e.writer.to_string(), e.record.seq))
            .collect();
        let want: Vec<(String, u64)> = (1..=4).map(|s| (WRITER.to_string(), s)).collect();
        assert_eq!(seqs, want, "{engine}");
        let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems, [notice(&run, copy, engine)], "{engine}");
    }
}

#[test]
fn a_live_run_follows_a_conflict_copy_and_counts_each_note_once() {
    for &(engine, copy, temps) in ENGINES {
        let dir = tempfile::tempdir().unwrap();
        let run = run_with_copy(&DataDir::at(dir.path()), copy, temps);
        let (mut live, mut state) = LiveRun::open(run, "Fia", Role::Facilitator, now_ms()).unwrap();
        let texts = |state: &spar::run::state::RunState| {
            let mut t: Vec<String> = state.live_notes().map(|n| n.text.clone()).collect();
            t.sort();
            t
        };
        assert_eq!(
            texts(&state),
            ["note 1", "note 2", "note 3", "note 4"],
            "{engine}"
        );
        assert!(live.problems.is_empty(), "{engine}: {:?}", live.problems);
        assert_eq!(live.notices.len(), 1, "{engine}");

        // The sync tool brings a newer copy: only its new line counts.
        let path = live.folder().join(copy);
        fs::write(&path, lines(&[1, 2, 4, 5])).unwrap();
        assert!(live.follow(&mut state, now_ms()));
        assert_eq!(
            texts(&state),
            ["note 1", "note 2", "note 3", "note 4", "note 5"],
            "{engine}"
        );
        assert!(!live.follow(&mut state, now_ms()));
    }
}

#[test]
fn export_reads_the_conflict_copy_and_says_so_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, copy, temps) = ENGINES[0];
    let run = run_with_copy(&DataDir::at(dir.path()), copy, temps);
    let out = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", "en", "export", run.id()])
        .env("SPAR_DATA_DIR", dir.path())
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let md = String::from_utf8(out.stdout).unwrap();
    for n in 1..=4 {
        assert_eq!(md.matches(&format!("note {n}")).count(), 1, "{md}");
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&notice(&run, copy, engine)), "{err}");
}
