//! Issue 18: each file of a run is read once on the way to the first frame. The binary logs
//! every open of a file for reading, and its first frame, when `SPAR_READ_LOG` names a file
//! (`spar::fsx::read_log`); this counts the opens of each run file before that line, for every
//! way into a run. What is read after it (the journals' catch-up once the watch is armed) is
//! not counted.
//!
//! `cargo test --locked --test run_reads -- --nocapture` prints the counts.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use common::pty::Pty;
use spar::fsx::read_log::FIRST_FRAME;

/// The opens of files under `data`'s runs folder before the first frame, by path under it
/// (`<run>/run.ron`, `<run>/anna-….ron`), once the log has the first frame.
fn reads_before_first_frame(log: &Path, data: &Path) -> BTreeMap<String, usize> {
    let text = common::disk::wait_until(
        log.parent().expect("the log is in a folder"),
        Duration::from_secs(10),
        "the first frame in the read log",
        || {
            let text = std::fs::read_to_string(log).unwrap_or_default();
            text.lines().any(|l| l == FIRST_FRAME).then_some(text)
        },
    );
    let runs = data.join("runs");
    let mut counts = BTreeMap::new();
    for line in text.lines().take_while(|l| *l != FIRST_FRAME) {
        if let Ok(file) = Path::new(line).strip_prefix(&runs) {
            *counts.entry(file.display().to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// `spar ARGS` with its read log in `data`, answering the questions on the way in with Enter
/// (`asks`: the texts that say a question is on screen); the counts before its first frame.
fn way_in(data: &Path, args: &[&str], asks: &[&str], cols: u16) -> BTreeMap<String, usize> {
    // A log of its own for each way in.
    let log = tempfile::NamedTempFile::new_in(data)
        .unwrap()
        .into_temp_path();
    let _ = std::fs::remove_file(&log);
    let log_env = log.display().to_string();
    let mut spar = Pty::spawn_env(
        args,
        data,
        &[("LANG", "en_GB.UTF-8"), ("SPAR_READ_LOG", &log_env)],
        cols,
        24,
    );
    for ask in asks {
        spar.wait_for(ask);
        spar.send(b"\r");
    }
    let counts = reads_before_first_frame(&log, data);
    spar.signal("TERM");
    spar.wait_exit();
    counts
}

fn run_id(data: &Path) -> String {
    std::fs::read_dir(data.join("runs"))
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .file_name()
        .into_string()
        .unwrap()
}

/// The header read once, and each journal once (at least one journal read): a way in that
/// finds its run among the track's runs opens it from what reading them read.
fn read(what: &str, counts: &BTreeMap<String, usize>) {
    eprintln!("{what}: {counts:?}");
    let headers: Vec<usize> = counts
        .iter()
        .filter(|(f, _)| f.ends_with("/run.ron"))
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(headers, [1], "{what}: the header once: {counts:?}");
    assert!(counts.len() > 1, "{what}: no journal read: {counts:?}");
    for (file, n) in counts {
        assert_eq!(*n, 1, "{what}: {file} read {n} times: {counts:?}");
    }
}

#[test]
fn a_stage_reads_each_file_of_its_run_once_before_its_first_frame() {
    let data = tempfile::tempdir().unwrap();
    let new = way_in(data.path(), &["--as", "Anna", "run", "kickoff"], &[], 120);
    eprintln!("spar run (new): {new:?}");
    assert!(
        new.is_empty(),
        "a new run is created after the first frame: {new:?}"
    );

    // A run left mid-meeting: Anna starts it and quits.
    let mut anna = Pty::kickoff_lobby("Anna", data.path(), "en_GB.UTF-8");
    anna.start_first_timebox();
    anna.send(b"q");
    anna.wait_for("Quit");
    anna.send(b"y");
    anna.wait_exit();
    let id = run_id(data.path());
    let offered = way_in(
        data.path(),
        &["--as", "Anna", "run", "kickoff"],
        &["[Y/n]"],
        120,
    );
    read("spar run (resume offered)", &offered);
    let resumed = way_in(
        data.path(),
        &["--as", "Anna", "run", "kickoff", "--resume", &id],
        &[],
        120,
    );
    read("spar run --resume", &resumed);
}

#[test]
fn joins_and_the_room_read_each_file_of_the_run_once_before_their_first_frame() {
    let data = tempfile::tempdir().unwrap();
    let mut anna = Pty::kickoff_lobby("Anna", data.path(), "en_GB.UTF-8");
    anna.start_first_timebox();
    common::pty::wait_for_journal(data.path(), "TimerStarted");
    let id = run_id(data.path());
    let question = "The meeting is running";
    for (what, args, asks) in [
        ("spar join", vec!["--as", "Bo", "join"], vec![question]),
        (
            "spar join RUN",
            vec!["--as", "Cia", "join", &id],
            vec![question],
        ),
        ("spar show", vec!["show"], vec![]),
        ("spar show RUN", vec!["show", &id], vec![]),
    ] {
        let counts = way_in(data.path(), &args, &asks, 120);
        read(what, &counts);
    }
}
