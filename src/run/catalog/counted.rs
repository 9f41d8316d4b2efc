//! The run that counts: of a meeting's runs, the one the track, the recap and the exports use.
//!
//! A meeting may have several runs: one held, one started by mistake afterwards, one abandoned
//! half way. The one that counts is the ended run with the most content; when none has ended,
//! the run with the most content. The facilitator chooses otherwise by discarding a run
//! (`spar runs --discard RUN`): a marker file in the run's folder, never a deletion, and taken
//! back by removing it (`--restore RUN`). A marker file rather than a journalled event, because
//! a discard is a choice about the run from outside it, made after the meeting by whoever looks
//! after the track, and must not make the run look active again or need a writer's role; the file
//! syncs between machines like the journals do.

use std::io;
use std::path::PathBuf;

use crate::run::Millis;
use crate::run::status::RunStatus;
use crate::run::store::RunDir;

use super::SavedRun;

/// The marker file's name in a run's folder. It does not end in `.ron`, so journal readers and
/// sync-tool rules never take it for a journal.
pub const DISCARD_MARK: &str = "discarded";

/// What makes one run of a meeting count before another, most important first: it ended, then
/// its notes, then the time it ran, then the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Weight {
    pub ended: bool,
    pub notes: usize,
    pub ran: Millis,
    pub began: Millis,
}

impl Weight {
    pub fn of(run: &SavedRun) -> Weight {
        Weight {
            ended: run.status == RunStatus::Ended,
            notes: run.note_count(),
            ran: run.length_ms().unwrap_or(0),
            began: run.began(),
        }
    }
}

/// Of the runs of one meeting (`discarded`, weight), the index of the one that counts: the
/// heaviest not discarded. `None` when all are discarded (or there are none).
pub fn choose(runs: &[(bool, Weight)]) -> Option<usize> {
    runs.iter()
        .enumerate()
        .filter(|(_, (discarded, _))| !discarded)
        .max_by_key(|(_, (_, weight))| *weight)
        .map(|(i, _)| i)
}

fn mark_path(dir: &RunDir) -> PathBuf {
    dir.path().join(DISCARD_MARK)
}

/// Whether the run's folder holds the discard marker. The marker is looked at, never followed
/// or read: whatever stands under its name (a file, a forged link) marks the run.
pub fn is_discarded(dir: &RunDir) -> bool {
    std::fs::symlink_metadata(mark_path(dir)).is_ok()
}

/// Discards the run (writes the marker, atomically) or restores it (removes the marker; a link
/// under its name is removed, never what it points to). Either is a no-op when already so.
pub fn set_discarded(dir: &RunDir, discarded: bool, note: &str) -> io::Result<()> {
    let path = mark_path(dir);
    if discarded {
        if is_discarded(dir) {
            return Ok(());
        }
        crate::fsx::write_atomic(&path, note.as_bytes())
    } else {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(ended: bool, notes: usize, ran: Millis, began: Millis) -> Weight {
        Weight {
            ended,
            notes,
            ran,
            began,
        }
    }

    #[test]
    fn an_ended_run_counts_before_a_fuller_one_in_progress() {
        // Kick off held (25 notes, ended), then an empty run started by mistake afterwards.
        let held = (false, w(true, 25, 170 * 60_000, 1_000));
        let stray = (false, w(false, 0, 0, 9_000));
        assert_eq!(choose(&[held, stray]), Some(0));
        // A fuller run still live does not win over an ended one either.
        let live = (false, w(false, 40, 60 * 60_000, 9_000));
        assert_eq!(choose(&[held, live]), Some(0));
    }

    #[test]
    fn of_ended_runs_the_one_with_most_content_counts() {
        let rehearsal = (false, w(true, 3, 20 * 60_000, 1_000));
        let real = (false, w(true, 25, 170 * 60_000, 5_000));
        assert_eq!(choose(&[rehearsal, real]), Some(1));
        // Same notes: the longer; same everything: the newer.
        let a = (false, w(true, 5, 60_000, 1_000));
        let b = (false, w(true, 5, 120_000, 500));
        assert_eq!(choose(&[a, b]), Some(1));
        let c = (false, w(true, 5, 60_000, 2_000));
        assert_eq!(choose(&[a, c]), Some(1));
    }

    #[test]
    fn when_none_ended_the_one_with_most_content_counts() {
        let empty = (false, w(false, 0, 0, 9_000));
        let half = (false, w(false, 12, 40 * 60_000, 1_000));
        assert_eq!(choose(&[empty, half]), Some(1));
    }

    #[test]
    fn a_discarded_run_never_counts() {
        let held = (true, w(true, 25, 170 * 60_000, 1_000));
        let other = (false, w(false, 1, 0, 9_000));
        assert_eq!(choose(&[held, other]), Some(1));
        assert_eq!(choose(&[held]), None);
        assert_eq!(choose(&[]), None);
    }

    #[test]
    fn the_marker_comes_and_goes_without_touching_the_run() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = RunDir::at(tmp.path().join("20260101-0900-kickoff-abcd"));
        std::fs::create_dir_all(dir.path()).unwrap();
        std::fs::write(dir.path().join("anna-123456.ron"), "x").unwrap();
        assert!(!is_discarded(&dir));
        set_discarded(&dir, true, "Anna").unwrap();
        assert!(is_discarded(&dir));
        set_discarded(&dir, true, "Anna").unwrap();
        set_discarded(&dir, false, "").unwrap();
        assert!(!is_discarded(&dir));
        set_discarded(&dir, false, "").unwrap();
        assert!(dir.path().join("anna-123456.ron").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_forged_link_as_marker_is_removed_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = RunDir::at(tmp.path().join("run"));
        std::fs::create_dir_all(dir.path()).unwrap();
        let precious = tmp.path().join("precious");
        std::fs::write(&precious, "keep").unwrap();
        std::os::unix::fs::symlink(&precious, dir.path().join(DISCARD_MARK)).unwrap();
        assert!(is_discarded(&dir));
        set_discarded(&dir, false, "").unwrap();
        assert!(!is_discarded(&dir));
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep");
    }
}
