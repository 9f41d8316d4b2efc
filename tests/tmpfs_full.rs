//! Issue 19, finding 2, on a real small file system: the run folder on a tmpfs of 512 KiB that
//! fills up during a run (in a mount namespace of our own, `unshare -rm`; where one cannot be
//! had, the test says so and is skipped). The note that does not fit is not lost: the stage says
//! "Not saved, retrying", and once space frees the note is saved, once, beside the one before.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::Pty;
use spar::run::Event;

/// Mounts the tmpfs on `runs` and runs the rest (spar) in that mount namespace.
const MOUNT: &str = "mount -t tmpfs -o size=512k tmpfs \"$0\" && exec \"$@\"";

/// Why a tmpfs cannot be mounted here, if it cannot.
fn cannot_mount(at: &Path) -> Option<String> {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", MOUNT])
        .arg(at)
        .arg("true")
        .output();
    match probe {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(String::from_utf8_lossy(&out.stderr).trim().to_string()),
        Err(e) => Some(e.to_string()),
    }
}

/// `path` as the process `pid` sees it, in its mount namespace.
fn inside(pid: u32, path: &Path) -> PathBuf {
    Path::new(&format!("/proc/{pid}/root")).join(path.strip_prefix("/").unwrap())
}

/// The lines of the run's journals (one run, ours) as the stage sees them.
fn journal(runs: &Path) -> String {
    let mut text = String::new();
    for run in std::fs::read_dir(runs).unwrap().flatten() {
        if !run.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(run.path()).unwrap().flatten() {
            if file.file_name() != "run.ron" {
                text += &std::fs::read_to_string(file.path()).unwrap_or_default();
            }
        }
    }
    text
}

/// How many notes read from `journal` as spar reads it (complete lines with a good checksum)
/// hold `text`.
fn saved(journal: &str, text: &str) -> usize {
    let read = spar::run::journal::read_journal(journal.as_bytes());
    read.records
        .iter()
        .filter(|r| matches!(&r.ev, Event::NoteSaved { text: t, .. } if t.contains(text)))
        .count()
}

#[test]
fn a_full_tmpfs_during_a_run_loses_nothing_and_the_note_is_saved_once_space_frees() {
    let data = tempfile::tempdir().unwrap();
    let runs = data.path().join("runs");
    std::fs::create_dir(&runs).unwrap();
    if let Some(why) = cannot_mount(&runs) {
        eprintln!("skipped: no tmpfs can be mounted here (unshare -rm, mount -t tmpfs): {why}");
        return;
    }
    let runs_arg = runs.to_str().unwrap();
    let mut spar = Pty::spawn_under(
        &["unshare", "-rm", "sh", "-c", MOUNT, runs_arg],
        &["--as", "Anna", "run", "kickoff"],
        data.path(),
        "en_GB.UTF-8",
        100,
        30,
    );
    spar.wait_for("Press space");
    spar.type_into_new_note("written before the disk filled");
    spar.send(b"\r");
    spar.wait_for("Whole group · Anna");
    let runs_inside = inside(spar.pid(), &runs);
    assert_eq!(saved(&journal(&runs_inside), "before the disk filled"), 1);

    // Fill the tmpfs to the last page.
    let filler = runs_inside.join("filler.bin");
    let mut fill = std::fs::File::create(&filler).unwrap();
    let page = [0u8; 4096];
    while fill.write_all(&page).is_ok() {}
    drop(fill);

    // A note longer than a page: it cannot fit in what is left of the journal's last page.
    let words = "written while the disk was full ".repeat(200);
    // The editor stays open after a note is saved.
    spar.wait_for("Type here");
    spar.paste(&words);
    spar.send(b"\r");
    spar.wait_for("Not saved, retrying");
    // What did not fit is taken back: no piece of a line for the readers to report.
    let during = journal(&runs_inside);
    assert!(during.ends_with('\n'), "{during}");
    assert_eq!(saved(&during, "while the disk was full"), 0);

    // Space frees: the stage saves the note by itself and stops saying it is not saved.
    std::fs::remove_file(&filler).unwrap();
    spar.wait_until(
        |s| !s.contains("Not saved, retrying"),
        "the note saved once there is room",
    );
    let journal = journal(&runs_inside);
    let read = spar::run::journal::read_journal(journal.as_bytes());
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    assert_eq!(saved(&journal, "before the disk filled"), 1, "{journal}");
    assert_eq!(saved(&journal, words.trim_end()), 1, "{journal}");
    // Nothing waits to be saved: `q` quits without asking.
    spar.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"q");
    assert_eq!(spar.wait_exit(), 0);
}
