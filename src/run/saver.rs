//! This process's journal, written on its own thread: a frozen or slow file system (NFS, SMB, a
//! sync tool holding a lock) stalls the writes, never the countdown, the keys or the signals.
//!
//! [`Saver::submit`] hands an event to the thread and returns at once; the thread writes and
//! fsyncs the events in order, retrying a failing write every second, and reports each outcome
//! back ([`Saver::collect`]). Only a confirmed event counts as saved. An event that can never be
//! written (larger than a journal line may be) is given up with a report instead of holding up
//! every event after it.

use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::hlc::Hlc;
use super::journal::JournalWriter;
use super::{Event, Millis, Record};
use crate::fsx::FileId;

/// A failing write is tried again this often.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// Why the last write to our journal failed; it is tried again. Worded in the user's language
/// where it is shown ([`Text::write_error`](crate::i18n::Text::write_error)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub journal: PathBuf,
    pub why: WriteWhy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteWhy {
    /// The file system said no; the system's words for why.
    Io {
        kind: io::ErrorKind,
        message: String,
    },
    /// The run folder was removed under us: what is written there nobody would read. (A
    /// journal moved aside or replaced is continued in a new segment.)
    Replaced,
    /// The writer thread is gone.
    Stopped,
}

/// What the thread says about the oldest event not yet reported.
#[derive(Debug)]
enum Outcome {
    /// On disk.
    Written(Record),
    /// Not written, retried in a second; the error says why.
    Failed(WriteError),
    /// Refused for good (it can never be written); the event is left out.
    GivenUp(String),
}

/// Called by the writer thread after each outcome, so the event loop wakes to collect it.
pub type Waker = Box<dyn Fn() + Send>;

/// The handle the event loop keeps: what was handed over and not yet confirmed, and the outcomes.
pub struct Saver {
    jobs: Option<Sender<Job>>,
    /// The least sequence number the next record may get: raised past the numbers found in
    /// copies of our journal, so that none names two events.
    floor: Arc<AtomicU64>,
    outcomes: Receiver<Outcome>,
    waker: Arc<Mutex<Option<Waker>>>,
    /// Handed to the thread and not confirmed yet, oldest first.
    in_flight: VecDeque<(Millis, Event)>,
    /// The journal's current segment, as the writer thread names it.
    path: Arc<Mutex<PathBuf>>,
    /// Why the writes fail, while they fail.
    pub error: Option<WriteError>,
}

/// What [`Saver::collect`] found.
#[derive(Debug, Default)]
pub struct Collected {
    /// Confirmed on disk, in the order they were submitted.
    pub written: Vec<Record>,
    /// Events given up for good: why, one line each (the journal is the saver's).
    pub given_up: Vec<String>,
}

impl Saver {
    /// Starts the thread that owns `writer`.
    pub fn start(writer: JournalWriter) -> Saver {
        let (jobs, inbox) = mpsc::channel();
        let (report, outcomes) = mpsc::channel();
        let waker: Arc<Mutex<Option<Waker>>> = Arc::new(Mutex::new(None));
        let path = Arc::new(Mutex::new(writer.path().to_path_buf()));
        let wake = waker.clone();
        let floor = Arc::new(AtomicU64::new(0));
        let least = floor.clone();
        let named = path.clone();
        std::thread::spawn(move || {
            let shared = Shared {
                report,
                waker: wake,
                floor: least,
                path: named,
            };
            write_loop(writer, &inbox, &shared);
        });
        Saver {
            jobs: Some(jobs),
            floor,
            outcomes,
            waker,
            in_flight: VecDeque::new(),
            path,
            error: None,
        }
    }

    /// How the event loop is woken when an outcome is ready.
    pub fn set_waker(&self, waker: Waker) {
        if let Ok(mut slot) = self.waker.lock() {
            *slot = Some(waker);
        }
    }

    pub fn path(&self) -> PathBuf {
        match self.path.lock() {
            Ok(path) => path.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// A copy of our journal holds sequence number `seq`: the next records are numbered past it.
    pub fn seen_seq(&self, seq: u64) {
        self.floor
            .fetch_max(seq.saturating_add(1), Ordering::Relaxed);
    }

    /// Hands `ev`, stamped `at` and `hlc`, to the writer thread; returns at once.
    pub fn submit(&mut self, at: Millis, hlc: Hlc, ev: Event) {
        self.in_flight.push_back((at, ev.clone()));
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send((at, hlc, ev)).is_ok());
        if !sent {
            self.error = Some(WriteError {
                journal: self.path(),
                why: WriteWhy::Stopped,
            });
        }
    }

    /// Events handed over and not confirmed, oldest first.
    pub fn in_flight(&self) -> impl Iterator<Item = &(Millis, Event)> {
        self.in_flight.iter()
    }

    pub fn in_flight_len(&self) -> usize {
        self.in_flight.len()
    }

    /// The outcomes reported so far; waits up to `wait` for the thread to confirm everything
    /// handed over (zero: only what is there already).
    pub fn collect(&mut self, wait: Duration) -> Collected {
        let deadline = Instant::now() + wait;
        let mut collected = Collected::default();
        loop {
            while let Ok(outcome) = self.outcomes.try_recv() {
                self.take(outcome, &mut collected);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if self.in_flight.is_empty() || left.is_zero() {
                return collected;
            }
            match self.outcomes.recv_timeout(left) {
                Ok(outcome) => self.take(outcome, &mut collected),
                Err(_) => return collected,
            }
        }
    }

    fn take(&mut self, outcome: Outcome, collected: &mut Collected) {
        match outcome {
            Outcome::Written(record) => {
                self.in_flight.pop_front();
                self.error = None;
                collected.written.push(record);
            }
            Outcome::Failed(why) => self.error = Some(why),
            Outcome::GivenUp(why) => {
                self.in_flight.pop_front();
                collected.given_up.push(why);
            }
        }
    }

    /// At the end: no more events; waits up to `wait` for those in flight (the thread tries a
    /// failing one once more at once). What is still in flight afterwards is not saved.
    pub fn finish(&mut self, wait: Duration) -> Collected {
        self.jobs = None;
        self.collect(wait)
    }
}

/// What the writer thread shares with the event loop.
struct Shared {
    report: Sender<Outcome>,
    waker: Arc<Mutex<Option<Waker>>>,
    floor: Arc<AtomicU64>,
    path: Arc<Mutex<PathBuf>>,
}

/// An event to write: its wall stamp, its hybrid stamp, the event.
type Job = (Millis, Hlc, Event);

fn write_loop(mut writer: JournalWriter, inbox: &Receiver<Job>, shared: &Shared) {
    let tell = |outcome: Outcome| {
        let sent = shared.report.send(outcome).is_ok();
        if let Ok(slot) = shared.waker.lock()
            && let Some(wake) = slot.as_ref()
        {
            wake();
        }
        sent
    };
    let mut opened = FileId::of_path(writer.path()).ok();
    let mut queue: VecDeque<Job> = VecDeque::new();
    // Every record confirmed, and how many of them the current file holds: a new segment is
    // written them again, so that the journal lacks nothing even when the file moved aside is
    // lost (a sync tool keeps it as a conflict copy; where both are read a line counts once).
    let mut history: Vec<Record> = Vec::new();
    let mut in_file = 0;
    // The oldest event's record when it reached a file that was moved aside meanwhile: written
    // again as it is, never as a new line with a new number.
    let mut limbo: Option<Record> = None;
    let mut open = true;
    loop {
        if queue.is_empty() {
            if !open {
                return;
            }
            match inbox.recv() {
                Ok(job) => queue.push_back(job),
                Err(_) => return,
            }
        }
        while let Ok(job) = inbox.try_recv() {
            queue.push_back(job);
        }
        let Some(job) = queue.front().cloned() else {
            continue;
        };
        let written = write_one(
            &mut writer,
            &mut opened,
            (&history, &mut in_file),
            &mut limbo,
            job,
            shared.floor.load(Ordering::Relaxed),
        );
        if let Ok(mut path) = shared.path.lock()
            && *path != writer.path()
        {
            *path = writer.path().to_path_buf();
        }
        match written {
            Ok(Some(record)) => {
                queue.pop_front();
                history.push(record.clone());
                in_file = history.len();
                if !tell(Outcome::Written(record)) {
                    return;
                }
            }
            // Moved aside while being written: again at once, in a new segment.
            Ok(None) => continue,
            Err(WriteWhy::Io {
                kind: io::ErrorKind::InvalidInput,
                message,
            }) => {
                queue.pop_front();
                if !tell(Outcome::GivenUp(message)) {
                    return;
                }
            }
            Err(why) => {
                let journal = writer.path().to_path_buf();
                if !tell(Outcome::Failed(WriteError { journal, why })) {
                    return;
                }
                // Wait a second before the next try; the end of the process (the sender
                // dropped) cuts it short for one last try.
                if open {
                    match inbox.recv_timeout(RETRY_EVERY) {
                        Ok(job) => queue.push_back(job),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => open = false,
                    }
                } else {
                    return;
                }
            }
        }
    }
}

/// One try at the oldest event: `Some(record)` once it is in our journal as the path names it
/// now, `None` when the file was moved aside or replaced as it was written (the record is kept
/// in `limbo` for the next try). A file found moved before writing is left for a new segment,
/// which is brought up to date with `history` first.
fn write_one(
    writer: &mut JournalWriter,
    opened: &mut Option<FileId>,
    (history, in_file): (&[Record], &mut usize),
    limbo: &mut Option<Record>,
    (at, hlc, ev): Job,
    floor: u64,
) -> Result<Option<Record>, WriteWhy> {
    let io = |e: io::Error| WriteWhy::Io {
        kind: e.kind(),
        message: e.to_string(),
    };
    if !names_the_same_file(writer.path(), opened.as_ref()) {
        writer.next_segment().map_err(|e| match e.kind() {
            // The run folder itself is gone: what is written there nobody would read.
            io::ErrorKind::NotFound => WriteWhy::Replaced,
            _ => io(e),
        })?;
        *opened = FileId::of_path(writer.path()).ok();
        *in_file = 0;
    }
    while let Some(record) = history.get(*in_file) {
        writer.rewrite(record).map_err(io)?;
        *in_file += 1;
    }
    let record = match limbo.take() {
        Some(record) => match writer.rewrite(&record) {
            Ok(()) => record,
            Err(e) => {
                *limbo = Some(record);
                return Err(io(e));
            }
        },
        None => {
            writer.raise_seq(floor);
            writer.append_stamped(at, hlc, ev).map_err(io)?
        }
    };
    if names_the_same_file(writer.path(), opened.as_ref()) {
        Ok(Some(record))
    } else {
        *limbo = Some(record);
        Ok(None)
    }
}

/// Whether `path` still names the file opened as `opened`.
fn names_the_same_file(path: &Path, opened: Option<&FileId>) -> bool {
    let now = FileId::of_path(path).ok();
    now.is_some() && now.as_ref() == opened
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Place;

    fn moved(item: usize) -> Event {
        Event::Moved {
            to: Place { item, step: 0 },
        }
    }

    #[test]
    fn events_are_confirmed_in_order_and_counted_until_then() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::start(JournalWriter::create(dir.path(), "w").unwrap());
        for i in 0..5 {
            saver.submit(i, Hlc::of_wall(i), moved(i as usize));
        }
        let collected = saver.collect(Duration::from_secs(10));
        let seqs: Vec<u64> = collected.written.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2, 3, 4, 5]);
        assert_eq!(saver.in_flight_len(), 0);
        assert_eq!(saver.error, None);
    }

    #[test]
    fn an_event_too_large_to_write_is_given_up_and_the_next_ones_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::start(JournalWriter::create(dir.path(), "w").unwrap());
        let huge = Event::Draft {
            at: Place::START,
            group: None,
            text: "x".repeat(crate::run::journal::MAX_LINE + 1),
            by: "Anna".into(),
        };
        saver.submit(1, Hlc::of_wall(1), huge);
        saver.submit(2, Hlc::of_wall(2), moved(1));
        let collected = saver.collect(Duration::from_secs(10));
        assert_eq!(collected.given_up.len(), 1, "{collected:?}");
        assert_eq!(collected.written.len(), 1);
        assert_eq!(saver.in_flight_len(), 0);
    }

    #[test]
    fn the_waker_is_called_for_each_outcome() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::start(JournalWriter::create(dir.path(), "w").unwrap());
        let (tx, rx) = mpsc::channel();
        saver.set_waker(Box::new(move || {
            let _ = tx.send(());
        }));
        saver.submit(1, Hlc::of_wall(1), moved(1));
        rx.recv_timeout(Duration::from_secs(10)).expect("woken");
        assert_eq!(saver.collect(Duration::ZERO).written.len(), 1);
    }

    /// Waits for the thread to confirm everything handed over.
    fn confirmed(saver: &mut Saver) -> Vec<Record> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut written = Vec::new();
        while saver.in_flight_len() > 0 && Instant::now() < deadline {
            written.extend(saver.collect(Duration::from_millis(20)).written);
        }
        written
    }

    #[test]
    fn a_journal_moved_aside_goes_on_in_a_new_segment_with_every_record() {
        let dir = tempfile::tempdir().unwrap();
        let writer = JournalWriter::create(dir.path(), "w").unwrap();
        let path = writer.path().to_path_buf();
        let mut saver = Saver::start(writer);
        saver.submit(1, Hlc::of_wall(1), moved(1));
        assert_eq!(confirmed(&mut saver).len(), 1);
        let aside = dir
            .path()
            .join("w.sync-conflict-20260117-101530-ZQ57HVI.ron");
        std::fs::rename(&path, &aside).unwrap();
        saver.submit(2, Hlc::of_wall(2), moved(2));
        let written = confirmed(&mut saver);
        assert_eq!(written.iter().map(|r| r.seq).collect::<Vec<_>>(), [2]);
        let segment = dir.path().join("w.2.ron");
        assert_eq!(saver.path(), segment);
        let read = crate::run::journal::read_journal_file(&segment).unwrap();
        let seqs: Vec<u64> = read.records.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2], "the segment holds the whole journal");
        let copy = crate::run::journal::read_journal_file(&aside).unwrap();
        assert_eq!(copy.records.len(), 1, "nothing more went to the moved file");
    }

    /// A link planted at our journal's name — here to our own file, moved aside — is never
    /// taken for the journal: every reader refuses a link, so writing on through it would hide
    /// our notes. The writer goes on in a new segment and writes nothing through the link.
    #[cfg(unix)]
    #[test]
    fn a_link_swapped_in_for_our_journal_is_left_for_a_new_segment() {
        let dir = tempfile::tempdir().unwrap();
        let writer = JournalWriter::create(dir.path(), "w").unwrap();
        let path = writer.path().to_path_buf();
        let mut saver = Saver::start(writer);
        saver.submit(1, Hlc::of_wall(1), moved(1));
        assert_eq!(confirmed(&mut saver).len(), 1);
        let aside = dir.path().join("elsewhere");
        std::fs::rename(&path, &aside).unwrap();
        std::os::unix::fs::symlink(&aside, &path).unwrap();
        saver.submit(2, Hlc::of_wall(2), moved(2));
        assert_eq!(confirmed(&mut saver).len(), 1);
        assert_eq!(saver.path(), dir.path().join("w.2.ron"));
        let read = crate::run::journal::read_journal_file(&saver.path()).unwrap();
        let seqs: Vec<u64> = read.records.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2], "the segment holds the whole journal");
        let through = crate::run::journal::read_journal_file(&aside).unwrap();
        assert_eq!(through.records.len(), 1, "nothing written through the link");
        assert!(std::fs::symlink_metadata(&path).unwrap().is_symlink());
        assert!(
            FileId::of_path(&path).is_err(),
            "a link has no identity of ours"
        );
    }

    #[test]
    fn a_number_seen_in_a_copy_is_never_used_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::start(JournalWriter::create(dir.path(), "w").unwrap());
        saver.seen_seq(7);
        saver.submit(1, Hlc::of_wall(1), moved(1));
        let written = confirmed(&mut saver);
        assert_eq!(written.iter().map(|r| r.seq).collect::<Vec<_>>(), [8]);
    }

    #[test]
    fn a_run_folder_removed_under_the_writer_is_never_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run");
        std::fs::create_dir(&run).unwrap();
        let mut saver = Saver::start(JournalWriter::create(&run, "w").unwrap());
        saver.submit(1, Hlc::of_wall(1), moved(1));
        assert_eq!(confirmed(&mut saver).len(), 1);
        std::fs::remove_dir_all(&run).unwrap();
        saver.submit(2, Hlc::of_wall(2), moved(2));
        // The waker may be called before the outcome can be taken: wait for it.
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut written = Vec::new();
        while saver.error.is_none() && Instant::now() < deadline {
            written.extend(saver.collect(Duration::from_millis(20)).written);
        }
        assert!(written.is_empty());
        assert_eq!(saver.in_flight_len(), 1);
        let error = saver.error.clone().map(|e| e.why);
        assert_eq!(error, Some(WriteWhy::Replaced));
    }
}
