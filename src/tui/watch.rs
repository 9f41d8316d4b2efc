//! Following a run folder for other writers' journal lines, on a thread of its own: it owns the
//! reading ([`Reader`]) and sends what each turn found to the event loop ([`Msg::Journals`]),
//! one batch at a time, so the loop itself never opens another writer's journal. It is told
//! what changed by file events where the file system delivers them; where it does not (network
//! shares, or `SPAR_WATCH=poll` for a folder a sync tool writes to in a way that file events
//! miss) it lists the folder and looks at every journal once a second ([`POLL_EVERY`]), on its
//! own clock: nothing falls due on the event loop's.
//!
//! Only changes wake us: a journal created, written, renamed or removed. Opening or reading a
//! file in the folder (our own reads, another process opening the run) never does. A write names
//! its file, and only that file is read; the folder is listed again only when its names change
//! or file events were lost.

use std::ffi::OsString;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::event_loop::Msg;
use crate::run::live::LiveRun;
use crate::run::reader::{Control, Credit, Reader};

/// Without file events, the folder is listed and every journal looked at this often.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// A step of arming the watch, where the start-up test writes a line (see [`arm`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The watch is armed; the journals are not read again yet.
    Armed,
    /// The watcher's thread has the reading, told to list the folder and read every journal
    /// on from where the opening read stopped.
    ReadAgain,
}

/// Starts watching the run's folder, then has its journals read once more, on the watcher's
/// thread: a line written after the run was first read and before the watch could see it is
/// read there, and one written after the watch is armed is heard of. So no line is missed at
/// start-up, whatever the order. `step` is called after each step (the tests write a line
/// there). `None` when the reading was handed over before (a run is watched once).
pub fn arm(live: &mut LiveRun, tx: Sender<Msg>, step: &mut dyn FnMut(Step)) -> Option<Watch> {
    let mut reader = live.hand_over_reader()?;
    let own = format!("{}.ron", live.writer_id());
    let (control, heard) = mpsc::channel();
    let forced = std::env::var("SPAR_WATCH").is_ok_and(|v| v == "poll");
    let folder = live.folder();
    let source = if forced || is_network_folder(&folder) {
        None
    } else {
        events(&folder, OsString::from(own), control.clone()).ok()
    };
    step(Step::Armed);
    reader.heard(&Control::Rescan);
    let poll = source.is_none().then_some(POLL_EVERY);
    let me = control.clone();
    let started = std::thread::Builder::new()
        .name("spar-read".into())
        .spawn(move || read_loop(reader, &heard, &me, &tx, poll));
    step(Step::ReadAgain);
    Some(Watch {
        _source: source,
        polling: poll.is_some() || started.is_err(),
        control,
    })
}

/// On Linux the watching thread owns the inotify instance; dropping this removes the folder's
/// watch, the kernel's `IN_IGNORED` for it wakes the thread, and the thread ends and closes the
/// instance. Instances are few per user (`fs.inotify.max_user_instances`, 128 by default,
/// shared by every process of the user): one kept per watch ever armed ran them out in a
/// process that armed many (the start-up tests), and every spar of that user then polled.
#[cfg(target_os = "linux")]
struct Watcher {
    watches: inotify::Watches,
    folder: inotify::WatchDescriptor,
}

#[cfg(target_os = "linux")]
impl Drop for Watcher {
    fn drop(&mut self) {
        // Fails only when the folder's watch is gone already (the folder removed): the thread
        // heard its IN_IGNORED then and has ended.
        let _ = self.watches.remove(self.folder.clone());
    }
}
#[cfg(not(target_os = "linux"))]
type Watcher = notify::RecommendedWatcher;

/// A run folder being followed; dropping it stops the reading.
pub struct Watch {
    /// File events, or `None` when the folder is polled (dropping the watcher stops them).
    _source: Option<Watcher>,
    polling: bool,
    control: Sender<Control>,
}

impl Watch {
    /// Whether the folder is polled for want of file events.
    pub fn polling(&self) -> bool {
        self.polling
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.control.send(Control::Stop);
    }
}

/// The watcher's thread: takes in what it is told, and while the event loop has taken the last
/// batch, reads a turn and sends what it found. Without file events it lists and reads every
/// [`POLL_EVERY`]. Ends when told to stop or when the event loop is gone.
fn read_loop(
    mut reader: Reader,
    heard: &Receiver<Control>,
    me: &Sender<Control>,
    tx: &Sender<Msg>,
    poll: Option<Duration>,
) {
    let mut credit = true;
    let mut next_poll = Instant::now() + poll.unwrap_or_default();
    loop {
        let first = if credit && reader.pending() {
            heard.try_recv().ok()
        } else if let Some(every) = poll {
            let left = next_poll.saturating_duration_since(Instant::now());
            match heard.recv_timeout(left) {
                Ok(control) => Some(control),
                Err(RecvTimeoutError::Timeout) => {
                    next_poll = Instant::now() + every;
                    Some(Control::Rescan)
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match heard.recv() {
                Ok(control) => Some(control),
                Err(_) => return,
            }
        };
        for control in first.into_iter().chain(heard.try_iter()) {
            match control {
                Control::Stop => return,
                Control::Taken => credit = true,
                other => reader.heard(&other),
            }
        }
        if credit && reader.pending() {
            let mut batch = reader.turn();
            if batch.is_empty() {
                continue;
            }
            batch.credit = Some(Credit(me.clone()));
            credit = false;
            if tx.send(Msg::Journals(batch)).is_err() {
                return;
            }
        }
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
fn events(folder: &Path, own: OsString, tx: Sender<Control>) -> std::io::Result<Watcher> {
    use inotify::{EventMask, Inotify, WatchMask};

    let inotify = Inotify::init()?;
    let mut watches = inotify.watches();
    let wd = watches.add(
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
            let mut inotify = inotify;
            let mut buffer = [0u8; 4096];
            loop {
                let Ok(events) = inotify.read_events_blocking(&mut buffer) else {
                    return;
                };
                for event in events {
                    if event.mask.contains(EventMask::IGNORED) {
                        // The folder's only watch is gone (dropped, or the folder removed):
                        // nothing more can come; ending closes the instance.
                        return;
                    }
                    let control = if event.mask.contains(EventMask::Q_OVERFLOW) {
                        Control::Rescan
                    } else {
                        match event.name {
                            Some(name) if is_journal(name, &own) => {
                                if event.mask.contains(EventMask::MODIFY) {
                                    Control::Written(name.to_owned())
                                } else {
                                    Control::Named(name.to_owned())
                                }
                            }
                            _ => continue,
                        }
                    };
                    if tx.send(control).is_err() {
                        return;
                    }
                }
            }
        })?;
    Ok(Watcher {
        watches,
        folder: wd,
    })
}

/// Elsewhere: notify's watcher (FSEvents, ReadDirectoryChangesW), changes only.
#[cfg(not(target_os = "linux"))]
fn events(folder: &Path, own: OsString, tx: Sender<Control>) -> notify::Result<Watcher> {
    use notify::event::ModifyKind;
    use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

    let handler = move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else {
            // An error of the watcher itself: what it missed is found by reading everything.
            let _ = tx.send(Control::Rescan);
            return;
        };
        if event.need_rescan() {
            let _ = tx.send(Control::Rescan);
            return;
        }
        let written = match event.kind {
            EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Create(_)
            | EventKind::Remove(_) => false,
            EventKind::Modify(_) => true,
            _ => return,
        };
        for name in event.paths.iter().filter_map(|p| p.file_name()) {
            if is_journal(name, &own) {
                let control = if written {
                    Control::Written(name.to_owned())
                } else {
                    Control::Named(name.to_owned())
                };
                let _ = tx.send(control);
            }
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
    use crate::run::journal::JournalWriter;
    use crate::run::store::{DataDir, RunHeader};
    use crate::run::{Event, Millis};

    const NOW: Millis = 1_600_331_400_000;

    /// A run opened by Anna, and Bo's journal in it.
    fn followed_run() -> (tempfile::TempDir, LiveRun, JournalWriter) {
        let tmp = tempfile::tempdir().unwrap();
        let session = crate::session::load::load_catalog(&[])
            .unwrap()
            .find("kickoff")
            .unwrap()
            .clone();
        let dir = DataDir::at(tmp.path())
            .create_run(RunHeader::new(session, None, NOW, "Anna"))
            .unwrap();
        let bo = dir.open_writer("bo-b00002").unwrap();
        let (live, _) = LiveRun::open_unannounced(dir, "Anna", NOW).unwrap();
        (tmp, live, bo)
    }

    /// Takes batches from the watcher until `want` records came (each batch dropped, so the
    /// next can come); how many came.
    fn records_sent(rx: &mpsc::Receiver<Msg>, want: usize) -> usize {
        let mut got = 0;
        while got < want {
            match rx.recv_timeout(std::time::Duration::from_secs(30)) {
                Ok(Msg::Journals(batch)) => {
                    got += batch.reads.iter().map(|r| r.records.len()).sum::<usize>();
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        got
    }

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
    fn the_watch_asks_for_changes_only_and_a_write_sends_the_line() {
        let (_tmp, mut live, mut writer) = followed_run();
        let (tx, rx) = mpsc::channel();
        let watch = arm(&mut live, tx, &mut |_| {}).expect("a first watch");
        assert!(!watch.polling());
        let masks = inotify_masks();
        assert!(!masks.is_empty(), "an inotify watch is set");
        let reads = (WatchMask::OPEN | WatchMask::ACCESS | WatchMask::CLOSE_NOWRITE).bits();
        for mask in masks {
            assert_eq!(mask & reads, 0, "mask {mask:#x} asks for opens or reads");
        }
        writer.append(NOW, Event::Left).unwrap();
        assert_eq!(records_sent(&rx, 1), 1);
        assert!(arm(&mut live, mpsc::channel().0, &mut |_| {}).is_none());
        // Dropped, the watch gives its inotify instance back (a per-user resource: kept, they
        // ran out under the start-up tests, and this watch then polled): its thread, named by
        // now since it sent the line's event, ends. No other unit test reads file events.
        let ours = watch_threads();
        assert_eq!(ours.len(), 1, "one thread reads the file events");
        drop(watch);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while watch_threads().contains(&ours[0]) {
            assert!(
                std::time::Instant::now() < deadline,
                "the watch's thread (and its inotify instance) outlived the watch"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// The ids of this process's threads that read file events (`spar-watch`).
    fn watch_threads() -> Vec<String> {
        std::fs::read_dir("/proc/self/task")
            .unwrap()
            .flatten()
            .filter(|task| {
                std::fs::read_to_string(task.path().join("comm"))
                    .is_ok_and(|comm| comm.trim() == "spar-watch")
            })
            .map(|task| task.file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn without_file_events_the_poll_timer_wakes_the_reader() {
        let (_tmp, mut live, mut writer) = followed_run();
        let mut reader = live.hand_over_reader().unwrap();
        assert!(reader.read_all().is_empty());
        let (tx, rx) = mpsc::channel();
        let (control, heard) = mpsc::channel();
        let me = control.clone();
        let poll = Some(std::time::Duration::from_millis(20));
        let thread = std::thread::spawn(move || read_loop(reader, &heard, &me, &tx, poll));
        // Nothing tells the thread of this line but its own clock.
        writer.append(NOW, Event::Left).unwrap();
        assert_eq!(records_sent(&rx, 1), 1);
        control.send(Control::Stop).unwrap();
        thread.join().unwrap();
    }
}
