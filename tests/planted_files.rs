//! What others can put in a shared run folder is never followed and never holds a reader up:
//! a journal that is a link is not read, and a journal of gigabytes is passed over with a word.

use std::fs;
use std::path::Path;

use spar::run::live::LiveRun;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, NoteKind, Place, Record, Role};
use spar::session::Session;

fn new_run(data: &Path) -> RunDir {
    let session: Session = ron::from_str(
        r#"Session(id: "kickoff", track: "dalasparet", title: "Kickoff", start: "09:00",
           agenda: [(kind: Discussion, title: "Samtal", minutes: 30)])"#,
    )
    .unwrap();
    DataDir::at(data)
        .create_run(RunHeader::new(session, None, 1_000, "Anna"))
        .unwrap()
}

fn line(text: &str) -> String {
    spar::run::journal::encode(&Record {
        hlc: None,
        at: 2_000,
        seq: 1,
        ev: Event::NoteSaved {
            at: Place { item: 0, step: 0 },
            group: None,
            kind: NoteKind::Note,
            text: text.into(),
            by: "Bo".into(),
        },
    })
}

fn said(problems: &[spar::run::file_problem::FileProblem], name: &str, words: &str) -> bool {
    problems.iter().any(|p| {
        let p = p.to_string();
        p.contains(name) && p.contains(words)
    })
}

#[cfg(unix)]
#[test]
fn a_journal_that_is_a_link_is_not_read() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    // A private file outside the data folder, shaped like a journal.
    let private = data.path().join("private.ron");
    fs::write(&private, line("a private line")).unwrap();
    std::os::unix::fs::symlink(&private, run.path().join("bo-a1b2c3.ron")).unwrap();
    let loaded = run.load().unwrap();
    assert!(loaded.entries.is_empty(), "{:?}", loaded.entries);
    assert!(
        said(&loaded.problems, "bo-a1b2c3.ron", "not a regular file"),
        "{:?}",
        loaded.problems
    );
    let (live, state) = LiveRun::open(run, "Anna", Role::Facilitator, 1_000).unwrap();
    assert!(state.live_notes().next().is_none());
    assert!(
        said(&live.problems, "bo-a1b2c3.ron", "not a regular file"),
        "{:?}",
        live.problems
    );
}

#[test]
fn a_journal_of_gigabytes_is_passed_over_at_once_with_a_word() {
    let data = tempfile::tempdir().unwrap();
    let run = new_run(data.path());
    // 4 GiB, sparse: no disk space taken, and every byte a NUL to read.
    let huge = fs::File::create(run.path().join("bo-a1b2c3.ron")).unwrap();
    huge.set_len(4 << 30).unwrap();
    let loaded = run.load().unwrap();
    let (live, _) = LiveRun::open(run, "Anna", Role::Facilitator, 1_000).unwrap();
    for (problems, lang) in [(&loaded.problems, "en"), (&live.problems, "en")] {
        assert!(
            said(problems, "bo-a1b2c3.ron", "larger than 64 MiB"),
            "{lang}: {problems:?}"
        );
    }
    let sv = spar::i18n::Lang::Sv
        .text()
        .file_problem(&loaded.problems[0]);
    assert!(sv.contains("större än 64 MiB"), "{sv}");
}
