//! Watching a run folder for other writers' journal lines: file events where the file system
//! delivers them (no polling loop at all), and where it does not (network shares, or
//! `SPAR_WATCH=poll` for a folder a sync tool writes to in a way that file events miss) the
//! event loop reads the journals itself when it wakes, at least once a second ([`Watch::Poll`]).
//!
//! Only changes wake us: a journal created, written, renamed or removed. Opening or reading a
//! file in the folder (our own reads, another process opening the run) never does.

use std::ffi::OsString;
use std::path::Path;
use std::sync::mpsc::Sender;

use super::event_loop::Msg;
use crate::run::live::LiveRun;
use crate::run::state::RunState;

/// A step of arming the watch, where the start-up test writes a line (see [`arm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The watch is armed; the journals are not read again yet.
    Armed,
    /// The journals are read again.
    CaughtUp,
}

/// Starts watching the run's folder, then reads its journals once more: a line written after
/// the run was first read and before the watch could see it is read here, and one written after
/// the watch is armed wakes the loop. So no line is missed at start-up, whatever the order.
/// `step` is called after each step (the tests write a line there). `now` is this computer's
/// clock, corrected by its skew (stamps far ahead of it are held back).
pub fn arm(
    live: &mut LiveRun,
    state: &mut RunState,
    now: crate::run::Millis,
    tx: Sender<Msg>,
    step: &mut dyn FnMut(Step),
) -> Watch {
    let own = format!("{}.ron", live.writer_id());
    let watch = Watch::start(&live.folder(), &own, tx);
    step(Step::Armed);
    live.follow(state, now);
    step(Step::CaughtUp);
    watch
}

/// On Linux the watching thread owns the inotify instance and ends with the process.
#[cfg(target_os = "linux")]
type Watcher = ();
#[cfg(not(target_os = "linux"))]
type Watcher = notify::RecommendedWatcher;

/// How the run folder is followed.
pub enum Watch {
    /// File events arrive as [`Msg::Journals`] (dropping the watcher stops them).
    Events { _watcher: Watcher },
    /// No file events: the loop reads the journals when it wakes, at most a second apart.
    Poll,
}

impl Watch {
    /// Starts following `folder`, where `own` is our own journal's file name (our own writes
    /// are already folded in and wake nobody). Falls back to polling where events cannot be had.
    pub fn start(folder: &Path, own: &str, tx: Sender<Msg>) -> Watch {
        let forced = std::env::var("SPAR_WATCH").is_ok_and(|v| v == "poll");
        if forced || is_network_folder(folder) {
            return Watch::Poll;
        }
        match events(folder, OsString::from(own), tx) {
            Ok(watcher) => Watch::Events { _watcher: watcher },
            Err(_) => Watch::Poll,
        }
    }

    pub fn polling(&self) -> bool {
        matches!(self, Watch::Poll)
    }
}

/// Whether a file name in the run folder is another writer's journal.
fn is_journal(name: &std::ffi::OsStr, own: &OsString) -> bool {
    name != own.as_os_str() && Path::new(name).extension().is_some_and(|e| e == "ron")
}

/// Linux: inotify directly, asking only for changes. notify's inotify backend always adds
/// `IN_OPEN` to its mask, so every process that opened a file in the run folder (our own journal
/// reads included) woke its thread; hand-written for that reason only.
#[cfg(target_os = "linux")]
fn events(folder: &Path, own: OsString, tx: Sender<Msg>) -> std::io::Result<Watcher> {
    use inotify::{EventMask, Inotify, WatchMask};

    let mut inotify = Inotify::init()?;
    inotify.watches().add(
        folder,
        WatchMask::CREATE
            | WatchMask::MODIFY
            | WatchMask::MOVED_FROM
            | WatchMask::MOVED_TO
            | WatchMask::DELETE,
    )?;
    std::thread::Builder::new()
        .name("spar-watch".into())
        .spawn(move || {
            let mut buffer = [0u8; 4096];
            loop {
                let Ok(events) = inotify.read_events_blocking(&mut buffer) else {
                    return;
                };
                let wanted = events.into_iter().any(|event| {
                    event.mask.contains(EventMask::Q_OVERFLOW)
                        || event.name.is_some_and(|name| is_journal(name, &own))
                });
                if wanted && tx.send(Msg::Journals).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Elsewhere: notify's watcher (FSEvents, ReadDirectoryChangesW), changes only.
#[cfg(not(target_os = "linux"))]
fn events(folder: &Path, own: OsString, tx: Sender<Msg>) -> notify::Result<Watcher> {
    use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

    let handler = move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
            && event
                .paths
                .iter()
                .any(|p| p.file_name().is_some_and(|name| is_journal(name, &own)))
        {
            let _ = tx.send(Msg::Journals);
        }
    };
    let mut watcher = RecommendedWatcher::new(handler, notify::Config::default())?;
    watcher.watch(folder, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

/// Whether the folder lies on a file system that does not deliver file events for changes made
/// by other machines (NFS, SMB, FUSE mounts such as sshfs), from the longest matching mount
/// point in /proc/mounts.
#[cfg(target_os = "linux")]
fn is_network_folder(folder: &Path) -> bool {
    let Ok(mounts) = std::fs::read_to_string("/proc/mounts") else {
        return false;
    };
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let fstype = mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let _device = fields.next()?;
            let point = fields.next()?.replace("\\040", " ");
            let fstype = fields.next()?;
            folder
                .starts_with(&point)
                .then(|| (point.len(), fstype.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fstype)| fstype)
        .unwrap_or_default();
    fstype.starts_with("nfs")
        || fstype.starts_with("cifs")
        || fstype.starts_with("smb")
        || fstype.starts_with("fuse")
        || fstype == "9p"
        || fstype == "afs"
}

/// Windows and macOS deliver file events for network shares they mount themselves; a folder
/// that stays silent can still be polled with `SPAR_WATCH=poll`.
#[cfg(not(target_os = "linux"))]
fn is_network_folder(_folder: &Path) -> bool {
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::sync::mpsc;

    use inotify::WatchMask;

    use super::*;

    /// The event masks of this process's inotify watches, from `/proc/self/fdinfo`.
    fn inotify_masks() -> Vec<u32> {
        let mut masks = Vec::new();
        for fd in std::fs::read_dir("/proc/self/fd").unwrap().flatten() {
            let is_inotify = std::fs::read_link(fd.path())
                .is_ok_and(|target| target.to_string_lossy() == "anon_inode:inotify");
            if !is_inotify {
                continue;
            }
            let info = std::fs::read_to_string(format!(
                "/proc/self/fdinfo/{}",
                fd.file_name().to_string_lossy()
            ))
            .unwrap_or_default();
            for line in info.lines().filter(|l| l.starts_with("inotify ")) {
                let mask = line
                    .split_whitespace()
                    .find_map(|field| field.strip_prefix("mask:"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok());
                masks.extend(mask);
            }
        }
        masks
    }

    #[test]
    fn the_watch_asks_for_changes_only_and_a_write_wakes_the_loop() {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("bo-b00002.ron");
        std::fs::write(&theirs, "line\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let watch = Watch::start(dir.path(), "anna-a00001.ron", tx);
        assert!(!watch.polling());
        let masks = inotify_masks();
        assert!(!masks.is_empty(), "an inotify watch is set");
        let reads = (WatchMask::OPEN | WatchMask::ACCESS | WatchMask::CLOSE_NOWRITE).bits();
        for mask in masks {
            assert_eq!(mask & reads, 0, "mask {mask:#x} asks for opens or reads");
        }
        std::fs::OpenOptions::new()
            .append(true)
            .open(&theirs)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"theirs\n"))
            .unwrap();
        assert!(matches!(rx.recv().unwrap(), Msg::Journals));
    }
}
