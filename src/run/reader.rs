//! Reading the other writers' journals of a live run, in bounded turns: the part of following a
//! run that touches files. Once a view is up it runs on the watcher's thread
//! ([`crate::tui::watch`]), never on the event loop: a file of gigabytes or ten thousand
//! journals in the shared folder cost that thread time, not the keys. The event loop folds what
//! a turn found ([`Batch`], see [`LiveRun::take`](crate::run::live::LiveRun::take)).
//!
//! - The folder is listed once per change of its names (a file created, renamed or removed, a
//!   lost file event), not once per turn; a journal that was written to is read alone.
//! - A turn reads at most [`SLICE`] bytes of each journal and about [`TURN`] bytes in all; a
//!   journal with more is read on in the next turn, after the others (round robin).
//! - A journal that shrank or was replaced by another version makes the next turn read every
//!   file again from the start, ours too ([`Batch::restarted`]).

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::run::Record;
use crate::run::file_problem::{FileProblem, ProblemKind};
use crate::run::journal::{JournalTail, MAX_LINE};
use crate::run::store::{JournalFile, RunDir, shown};

/// The most read of one journal in one turn: a line of the longest length a journal may hold,
/// with its line end.
pub const SLICE: u64 = MAX_LINE as u64 + 1;
/// A turn stops reading once it has read this much, whatever journals are left for the next.
pub const TURN: u64 = 4 * SLICE;
/// Damaged lines named one by one per file; the rest are counted ("N more problems like
/// these"), as opening a run does.
const NAMED_PER_FILE: usize = 20;

/// What one turn read: the event loop folds it.
#[derive(Debug, Default)]
pub struct Batch {
    /// The records read, per journal file, in file order.
    pub reads: Vec<FileRead>,
    /// Damaged lines, unreadable files and names that are no journal's (each may come again in
    /// a later batch: the receiver reports each once).
    pub problems: Vec<FileProblem>,
    /// Sync tools' conflict copies being read with their journals.
    pub notices: Vec<FileProblem>,
    /// Every file was read again from its start, ours too: forget what was folded before.
    pub restarted: bool,
    /// The watcher's thread waits for the batch to be taken before it sends the next (dropped
    /// with the batch).
    pub credit: Option<Credit>,
}

impl Batch {
    /// Whether the turn found nothing to say.
    pub fn is_empty(&self) -> bool {
        !self.restarted
            && self.problems.is_empty()
            && self.notices.is_empty()
            && self.reads.iter().all(|r| r.records.is_empty())
    }

    fn extend(&mut self, more: Batch) {
        self.reads.extend(more.reads);
        self.problems.extend(more.problems);
        self.notices.extend(more.notices);
        self.restarted |= more.restarted;
    }
}

/// The records of one journal file that a turn read.
#[derive(Debug)]
pub struct FileRead {
    pub writer: Arc<str>,
    /// One of our own files (a conflict copy of our journal, or our journal read again).
    pub ours: bool,
    /// A sync tool's conflict copy.
    pub copy: bool,
    pub records: Vec<Record>,
}

/// What listing a run read of its journals, handed to the live run that opens it
/// ([`LiveRun::open_with`](crate::run::live::LiveRun::open_with)) so that it reads none of
/// them again on the way in: the entries read (its conflict copies' counted once), the trouble
/// met as a live reader reports it, and where each journal was read to — its identity, offset
/// and any torn tail left unread — from where the reader goes on ([`Reader::continuing`]).
#[derive(Debug, Clone, Default)]
pub struct ReadSoFar {
    pub entries: Vec<crate::run::Entry>,
    pub problems: Vec<FileProblem>,
    pub notices: Vec<FileProblem>,
    pub positions: Vec<Position>,
}

/// Where reading a journal stopped: the file, its tail, and how many damaged lines were met
/// (the first [`NAMED_PER_FILE`] of them named, as a reader names them), so that reading it on,
/// or again from its start, counts each damaged line once.
#[derive(Debug, Clone)]
pub struct Position {
    pub file: JournalFile,
    pub tail: JournalTail,
    pub damaged: usize,
}

impl ReadSoFar {
    /// What was read, as a turn of reading would have found it, for writer `writer_id`.
    pub fn batch(&mut self, writer_id: &str) -> Batch {
        let mut by_writer: Vec<FileRead> = Vec::new();
        for entry in std::mem::take(&mut self.entries) {
            let at = match by_writer.iter().position(|r| r.writer == entry.writer) {
                Some(at) => at,
                None => {
                    by_writer.push(FileRead {
                        ours: &*entry.writer == writer_id,
                        writer: entry.writer.clone(),
                        copy: false,
                        records: Vec::new(),
                    });
                    by_writer.len() - 1
                }
            };
            by_writer[at].records.push(entry.record);
        }
        Batch {
            reads: by_writer,
            problems: std::mem::take(&mut self.problems),
            notices: std::mem::take(&mut self.notices),
            restarted: false,
            credit: None,
        }
    }
}

/// What the watcher's thread is told.
#[derive(Debug)]
pub enum Control {
    /// This file in the run folder was written to.
    Written(std::ffi::OsString),
    /// A file of this name was created, renamed or removed: list the folder again (and read
    /// the journal now under that name).
    Named(std::ffi::OsString),
    /// File events were lost or cannot be had: list the folder and look at every journal.
    Rescan,
    /// The event loop took the last batch.
    Taken,
    /// The watch is over.
    Stop,
}

/// Given back (as [`Control::Taken`]) when dropped — with its batch, or by a view once the frame
/// showing the batch is drawn: at most one batch is on its way to the event loop at any time, so
/// a burst of reading never queues in front of the keys.
#[derive(Debug)]
pub struct Credit(pub Sender<Control>);

impl Drop for Credit {
    fn drop(&mut self) {
        let _ = self.0.send(Control::Taken);
    }
}

/// The files of a run folder being followed and where each was read to.
#[derive(Debug)]
pub struct Reader {
    dir: RunDir,
    writer_id: Arc<str>,
    /// The files followed, as last listed, and where each was read to.
    followed: HashMap<PathBuf, (JournalFile, JournalTail)>,
    /// Our own journal's files as last listed: written to by us, not read.
    own: HashSet<PathBuf>,
    /// The folder's names changed since it was listed.
    stale: bool,
    /// Per file: damaged lines named so far, and the last line named or counted.
    counted: HashMap<PathBuf, (usize, usize)>,
    /// Journals with lines to read, in turn order (each once).
    behind: VecDeque<PathBuf>,
    queued: HashSet<PathBuf>,
    /// Every file is read again from the start: our own journal too.
    read_own: bool,
}

impl Reader {
    /// A reader of `dir` for writer `writer_id` (whose own journal it reads only when reading
    /// everything again). Nothing is read until the first turn, which lists the folder.
    pub fn new(dir: RunDir, writer_id: Arc<str>) -> Reader {
        Reader {
            dir,
            writer_id,
            followed: HashMap::new(),
            counted: HashMap::new(),
            own: HashSet::new(),
            stale: true,
            behind: VecDeque::new(),
            queued: HashSet::new(),
            read_own: false,
        }
    }

    /// A reader of `dir` that goes on from where listing the run read each journal to
    /// (`positions`): its first turn lists the folder (a journal new since is read from its
    /// start); a rescan reads each journal on from its position, or from its start if it
    /// shrank or was replaced since.
    pub fn continuing(dir: RunDir, writer_id: Arc<str>, positions: Vec<Position>) -> Reader {
        let mut reader = Reader::new(dir, writer_id);
        for Position {
            file,
            tail,
            damaged,
        } in positions
        {
            let counted = (damaged.min(NAMED_PER_FILE), tail.lines());
            reader.counted.insert(file.path.clone(), counted);
            reader.followed.insert(file.path.clone(), (file, tail));
        }
        reader
    }

    /// Takes in what the watcher heard.
    pub fn heard(&mut self, what: &Control) {
        match what {
            Control::Written(name) => {
                let path = self.dir.path().join(name);
                if self.followed.contains_key(&path) {
                    self.queue(path);
                } else if !self.own.contains(&path) {
                    // Written before its creation was heard of: list again.
                    self.stale = true;
                }
            }
            Control::Named(name) => {
                self.stale = true;
                let path = self.dir.path().join(name);
                if self.followed.contains_key(&path) {
                    self.queue(path);
                }
            }
            Control::Rescan => {
                self.stale = true;
                let paths: Vec<PathBuf> = self.followed.keys().cloned().collect();
                for path in paths {
                    self.queue(path);
                }
            }
            Control::Taken | Control::Stop => {}
        }
    }

    /// Whether a turn has anything to do.
    pub fn pending(&self) -> bool {
        self.stale || !self.behind.is_empty()
    }

    /// One bounded turn: the folder listed if its names changed, then at most [`SLICE`] of each
    /// journal with lines to read, about [`TURN`] in all.
    pub fn turn(&mut self) -> Batch {
        let mut batch = Batch::default();
        if self.stale {
            self.list(&mut batch);
        }
        let mut budget = TURN;
        let mut rounds = self.behind.len();
        let mut restarted = false;
        while rounds > 0 && budget > 0 {
            rounds -= 1;
            let Some(path) = self.behind.pop_front() else {
                break;
            };
            let Some((file, tail)) = self.followed.get_mut(&path) else {
                // Gone since it was queued.
                self.queued.remove(&path);
                continue;
            };
            let before = tail.offset();
            let polled = tail.poll_at_most(&path, SLICE.min(budget));
            let more = tail.more();
            budget = budget.saturating_sub(tail.offset().saturating_sub(before));
            if more {
                self.behind.push_back(path);
            } else {
                self.queued.remove(&path);
            }
            let shown_name = shown(self.dir.id(), &file.name());
            let (writer, copy) = (Arc::<str>::from(file.writer.as_str()), file.copy.is_some());
            let read = match polled {
                Ok(read) => read,
                Err(e) => {
                    batch
                        .problems
                        .push(FileProblem::cannot_read(shown_name, &e));
                    continue;
                }
            };
            restarted |= read.restarted;
            // A file of garbage has a damaged line per line: the first few are named, the
            // rest counted (each line once, also when the file is read again).
            let (named, last) = self.counted.entry(file.path.clone()).or_default();
            let from = *last;
            let mut unnamed = 0;
            for skipped in read.skipped.iter().filter(|s| s.line > from) {
                *last = skipped.line;
                if *named < NAMED_PER_FILE {
                    *named += 1;
                    let kind = ProblemKind::Skipped(skipped.reason.clone());
                    let problem = FileProblem::new(shown_name.clone(), Some(skipped.line), kind);
                    batch.problems.push(problem);
                } else {
                    unnamed += 1;
                }
            }
            if unnamed > 0 {
                let kind = ProblemKind::MoreLikeThese(unnamed);
                batch
                    .problems
                    .push(FileProblem::new(shown_name, None, kind));
            }
            batch.reads.push(FileRead {
                ours: writer == self.writer_id,
                writer,
                copy,
                records: read.records,
            });
        }
        if restarted {
            return self.read_again();
        }
        // A journal's lines before its copies' (a number found in both keeps the journal's).
        batch.reads.sort_by_key(|r| r.copy);
        batch
    }

    /// Turns until nothing is left to read, as one batch (opening a run, and the tests).
    pub fn read_all(&mut self) -> Batch {
        let mut batch = Batch::default();
        while self.pending() {
            let turn = self.turn();
            if turn.restarted {
                batch = Batch::default();
            }
            batch.extend(turn);
        }
        batch
    }

    /// Forgets where every file was read to and reads them all, ours too, from the start.
    fn read_again(&mut self) -> Batch {
        self.followed.clear();
        self.behind.clear();
        self.queued.clear();
        self.stale = true;
        self.read_own = true;
        let mut batch = self.read_all();
        self.read_own = false;
        batch.restarted = true;
        batch
    }

    /// Lists the folder: journals new since the last listing are queued to be read, those
    /// gone are forgotten.
    fn list(&mut self, batch: &mut Batch) {
        self.stale = false;
        let (journals, problems) = match self.dir.journals() {
            Ok(found) => found,
            Err(e) => {
                let folder = format!("runs/{}", self.dir.id());
                batch.problems.push(FileProblem::cannot_read(folder, &e));
                return;
            }
        };
        batch.problems.extend(problems);
        let mut now_there = HashSet::with_capacity(journals.len());
        self.own.clear();
        for file in journals {
            // Our own lines are folded as they are written (our journal and its later segments
            // are ours); a conflict copy of our journal holds lines of ours once more, each
            // folded once, and maybe numbers we have not used yet, which we then never use.
            let ours = file.writer == *self.writer_id;
            if ours && file.copy.is_none() && !self.read_own {
                self.own.insert(file.path);
                continue;
            }
            now_there.insert(file.path.clone());
            batch.notices.extend(file.copy_notice(self.dir.id()));
            if !self.followed.contains_key(&file.path) {
                self.queue(file.path.clone());
                self.followed
                    .insert(file.path.clone(), (file.clone(), JournalTail::new()));
            }
        }
        self.followed.retain(|path, _| now_there.contains(path));
    }

    fn queue(&mut self, path: PathBuf) {
        if self.queued.insert(path.clone()) {
            self.behind.push_back(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::run::journal::{JournalWriter, encode};
    use crate::run::store::{DataDir, RunHeader};
    use crate::run::{Event, Millis};

    const NOW: Millis = 1_600_331_400_000;

    fn run() -> (tempfile::TempDir, RunDir) {
        let tmp = tempfile::tempdir().unwrap();
        let session = crate::session::load::load_catalog(&[])
            .unwrap()
            .find("kickoff")
            .unwrap()
            .clone();
        let dir = DataDir::at(tmp.path())
            .create_run(RunHeader::new(session, None, NOW, "Anna"))
            .unwrap();
        (tmp, dir)
    }

    fn records(batch: &Batch, writer: &str) -> usize {
        let reads = batch.reads.iter().filter(|r| &*r.writer == writer);
        reads.map(|r| r.records.len()).sum()
    }

    /// `n` bytes or more of Bo's lines, written at once (each line a note of 1,000 letters).
    fn big_journal(dir: &RunDir, n: u64) -> u64 {
        let mut bytes = Vec::new();
        let mut seq = 0;
        while (bytes.len() as u64) < n {
            seq += 1;
            let ev = Event::NoteSaved {
                at: crate::run::Place::START,
                group: None,
                kind: crate::run::NoteKind::Note,
                text: "x".repeat(1000),
                by: "Bo".into(),
            };
            bytes.extend(
                encode(&Record {
                    hlc: None,
                    at: NOW,
                    seq,
                    ev,
                })
                .as_bytes(),
            );
        }
        std::fs::write(dir.path().join("bo-b00002.ron"), &bytes).unwrap();
        seq
    }

    #[test]
    fn a_large_journal_is_read_in_slices_and_the_others_are_not_held_up() {
        let (_tmp, dir) = run();
        let lines = big_journal(&dir, 6 * SLICE);
        let mut eva = dir.open_writer("eva-e00003").unwrap();
        eva.append(NOW, Event::Left).unwrap();
        let mut reader = Reader::new(dir, Arc::from("anna-a00001"));
        let first = reader.turn();
        // Eva's line comes in the first turn; Bo's journal a slice at a time.
        assert_eq!(records(&first, "eva-e00003"), 1);
        let bo = records(&first, "bo-b00002") as u64;
        assert!(bo > 0 && bo < lines, "{bo} of {lines} in the first turn");
        let mut turns = 1;
        let mut read = bo;
        while reader.pending() {
            let turn = reader.turn();
            assert_eq!(records(&turn, "eva-e00003"), 0);
            read += records(&turn, "bo-b00002") as u64;
            turns += 1;
        }
        assert_eq!(read, lines, "every line once");
        assert!(turns >= 6, "{turns} turns for 6 slices");
    }

    #[test]
    fn a_write_reads_that_journal_alone_and_only_a_change_of_names_lists_the_folder() {
        let (_tmp, dir) = run();
        let mut bo = dir.open_writer("bo-b00002").unwrap();
        let mut reader = Reader::new(dir.clone(), Arc::from("anna-a00001"));
        assert!(reader.read_all().is_empty());
        // A journal appears and nobody says so: a write to Bo's is read without listing.
        let mut eva = dir.open_writer("eva-e00003").unwrap();
        eva.append(NOW, Event::Left).unwrap();
        bo.append(NOW, Event::Left).unwrap();
        reader.heard(&Control::Written("bo-b00002.ron".into()));
        let batch = reader.read_all();
        assert_eq!(records(&batch, "bo-b00002"), 1);
        assert_eq!(
            records(&batch, "eva-e00003"),
            0,
            "the folder was not listed"
        );
        // Its creation is heard of: the folder is listed, Eva's journal read.
        reader.heard(&Control::Named("eva-e00003.ron".into()));
        let batch = reader.read_all();
        assert_eq!(records(&batch, "eva-e00003"), 1);
        assert_eq!(records(&batch, "bo-b00002"), 0);
        // A write to a file never listed lists the folder too.
        let mut fia = dir.open_writer("fia-f00004").unwrap();
        fia.append(NOW, Event::Left).unwrap();
        reader.heard(&Control::Written("fia-f00004.ron".into()));
        assert_eq!(records(&reader.read_all(), "fia-f00004"), 1);
        // Our own journal is neither read nor a reason to list.
        let mut own = JournalWriter::create(dir.path(), "anna-a00001").unwrap();
        reader.heard(&Control::Named("anna-a00001.ron".into()));
        reader.read_all();
        own.append(NOW, Event::Left).unwrap();
        reader.heard(&Control::Written("anna-a00001.ron".into()));
        assert!(!reader.pending());
    }

    #[test]
    fn a_huge_file_is_skipped_with_a_notice_and_a_replaced_journal_is_read_again() {
        let (_tmp, dir) = run();
        let huge = std::fs::File::create(dir.path().join("huge-c0ffee.ron")).unwrap();
        huge.set_len(4 << 30).unwrap();
        let mut bo = dir.open_writer("bo-b00002").unwrap();
        bo.append(NOW, Event::Left).unwrap();
        let mut reader = Reader::new(dir.clone(), Arc::from("anna-a00001"));
        let batch = reader.read_all();
        assert_eq!(records(&batch, "bo-b00002"), 1);
        let problems: Vec<String> = batch.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("huge-c0ffee.ron"), "{problems:?}");
        assert!(problems[0].contains("64 MiB"), "{problems:?}");
        // A sync tool renames a shorter version over Bo's journal: everything is read again.
        let path = dir.path().join("bo-b00002.ron");
        let other = dir.path().join(".syncthing.bo-b00002.ron.tmp");
        let mut file = std::fs::File::create(&other).unwrap();
        let line = encode(&Record {
            hlc: None,
            at: NOW + 1,
            seq: 1,
            ev: Event::TookOver,
        });
        file.write_all(line.as_bytes()).unwrap();
        std::fs::rename(&other, &path).unwrap();
        reader.heard(&Control::Named("bo-b00002.ron".into()));
        let batch = reader.read_all();
        assert!(batch.restarted);
        assert_eq!(records(&batch, "bo-b00002"), 1);
    }

    #[test]
    fn a_file_of_garbage_names_twenty_damaged_lines_and_counts_the_rest_once() {
        let (_tmp, dir) = run();
        let path = dir.path().join("bad-bad000.ron");
        std::fs::write(&path, "x\n".repeat(1000)).unwrap();
        let (mut live, _) =
            crate::run::live::LiveRun::open_unannounced(dir.clone(), "Anna", NOW).unwrap();
        let counts = |live: &crate::run::live::LiveRun| {
            let named = live.problems.iter().filter(|p| p.line.is_some()).count();
            let all: usize = live.problems.iter().map(FileProblem::count).sum();
            (live.problems.len(), named, all)
        };
        assert_eq!(counts(&live), (21, 20, 1000));
        // More garbage, and the whole file read again after a rename over it: each line once.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all("y\n".repeat(10).as_bytes()).unwrap();
        let mut state = crate::run::state::RunState::new(Arc::new(
            crate::session::load::load_catalog(&[])
                .unwrap()
                .find("kickoff")
                .unwrap()
                .clone(),
        ));
        live.follow(&mut state, NOW);
        assert_eq!(counts(&live), (21, 20, 1010));
        let copy = dir.path().join(".bad.tmp");
        std::fs::copy(&path, &copy).unwrap();
        std::fs::rename(&copy, &path).unwrap();
        live.follow(&mut state, NOW);
        assert_eq!(counts(&live), (21, 20, 1010));
    }
}
