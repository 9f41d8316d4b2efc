//! The stage lock: a stage that drives a run holds an operating-system lock on a small file of
//! its own computer while it runs, so that another way in on the same computer tells a live
//! stage from one that crashed (the system lets go of a dead process's locks; `kill -9` writes no
//! `Left`), and so that two stages started at the same instant never both drive the run: only one
//! gets the lock.
//!
//! The file lies in this user's cache folder, never in the run folder: a sync tool would carry it
//! to other computers, where its lock means nothing. The holder writes its writer id into it, so
//! that a later way in knows which stage last ran here: the facilitator on record who is that
//! writer, with the lock free, crashed here. A facilitator on record who never ran here may be
//! live on another computer; only their journal can tell, and the door asks.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock of one run's stage, held until dropped.
#[derive(Debug)]
pub struct StageLock {
    file: File,
}

/// What trying the lock found.
#[derive(Debug)]
pub enum Lock {
    /// Ours now; `last` is the writer id of the stage that held it before on this computer.
    Taken {
        lock: StageLock,
        last: Option<String>,
    },
    /// A stage on this computer holds it: live.
    Held,
    /// No lock can be had here (no cache folder, a read-only one): the journals alone decide.
    Unavailable,
}

/// What a stage holds of its run's lock.
#[derive(Debug)]
pub enum Hold {
    /// Nothing: a note-taker, or no lock can be had (the journals alone decide).
    None,
    /// Held until dropped: the stage drives, and other ways in on this computer see it live.
    Held(StageLock),
    /// Wanted, in this folder: a new run's, once the run is created; a run taken over, once the
    /// stage stepping down lets go of it ([`Hold::try_take`] again until then).
    Wanted(PathBuf),
}

impl Hold {
    /// Tries a wanted lock of run `run_id` for `writer_id`: taken, it says who holds it; still
    /// held by another stage, it stays wanted; unavailable, nothing is held.
    pub fn try_take(&mut self, run_id: &str, writer_id: &str) {
        let Hold::Wanted(folder) = self else {
            return;
        };
        *self = match try_lock(folder, run_id) {
            Lock::Taken { mut lock, .. } => {
                lock.record(writer_id);
                Hold::Held(lock)
            }
            Lock::Held => return,
            Lock::Unavailable => Hold::None,
        };
    }

    pub fn is_wanted(&self) -> bool {
        matches!(self, Hold::Wanted(_))
    }

    pub fn is_held(&self) -> bool {
        matches!(self, Hold::Held(_))
    }
}

/// The folder of stage locks: `<cache folder>/stages` (`~/.cache/spar/stages` on Linux).
pub fn folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "spar").map(|dirs| dirs.cache_dir().join("stages"))
}

/// Tries the lock of run `run_id` in `folder`, without waiting.
pub fn try_lock(folder: &Path, run_id: &str) -> Lock {
    if std::fs::create_dir_all(folder).is_err() {
        return Lock::Unavailable;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never through a planted link.
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let Ok(file) = options.open(folder.join(format!("{run_id}.lock"))) else {
        return Lock::Unavailable;
    };
    // fs4's lock (flock, LockFileEx): std's own needs a newer Rust than the project's 1.85.
    match fs4::FileExt::try_lock(&file) {
        Ok(()) => {}
        Err(fs4::TryLockError::WouldBlock) => return Lock::Held,
        Err(fs4::TryLockError::Error(_)) => return Lock::Unavailable,
    }
    let mut text = String::new();
    // A writer id is short; anything longer is not one.
    let _ = (&file).take(256).read_to_string(&mut text);
    let last = Some(text.trim().to_string()).filter(|t| !t.is_empty());
    Lock::Taken {
        lock: StageLock { file },
        last,
    }
}

impl StageLock {
    /// Says which writer holds the lock, for a way in after a crash.
    pub fn record(&mut self, writer_id: &str) {
        let _ = self.file.set_len(0);
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = self.file.write_all(writer_id.as_bytes());
        let _ = self.file.sync_data();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_last_holder_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let Lock::Taken { mut lock, last } = try_lock(dir.path(), "r1") else {
            panic!("a free lock is taken");
        };
        assert_eq!(last, None);
        lock.record("anna-a00001");
        assert!(matches!(try_lock(dir.path(), "r1"), Lock::Held));
        assert!(matches!(try_lock(dir.path(), "r2"), Lock::Taken { .. }));
        drop(lock);
        let Lock::Taken { last, .. } = try_lock(dir.path(), "r1") else {
            panic!("a lock let go of is free");
        };
        assert_eq!(last.as_deref(), Some("anna-a00001"));
    }

    #[test]
    fn a_wanted_lock_is_taken_once_its_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let Lock::Taken { lock: old, .. } = try_lock(dir.path(), "r1") else {
            panic!("a free lock is taken");
        };
        let mut wanted = Hold::Wanted(dir.path().to_path_buf());
        wanted.try_take("r1", "cia-c00001");
        assert!(wanted.is_wanted(), "still held by the old stage");
        drop(old);
        wanted.try_take("r1", "cia-c00001");
        assert!(wanted.is_held());
        let Hold::Held(lock) = wanted else {
            unreachable!()
        };
        drop(lock);
        let Lock::Taken { last, .. } = try_lock(dir.path(), "r1") else {
            panic!("let go of");
        };
        assert_eq!(last.as_deref(), Some("cia-c00001"));
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("r1.lock")).unwrap();
        assert!(matches!(try_lock(dir.path(), "r1"), Lock::Unavailable));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    }
}
