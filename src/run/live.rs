//! A run being written and followed by this process: our own journal (every event is on disk
//! before it is folded in), the other writers' journals (followed from where we last read), and
//! the state folded from all of them in the order every process agrees on.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;

use crate::run::journal::{JournalTail, JournalWriter};
use crate::run::log::RunLog;
use crate::run::state::RunState;
use crate::run::store::{RunDir, RunHeader, new_writer_id};
use crate::run::{Entry, Event, Millis, Role};
use crate::text::clean_line;

///
/// The state itself is owned by the view that shows it; every method that may change it takes it.
pub struct LiveRun {
    pub dir: RunDir,
    pub header: RunHeader,
    writer: JournalWriter,
    writer_id: Arc<str>,
    /// Everything folded so far, in order, so that a late event can be put in its place.
    log: RunLog,
    tails: HashMap<PathBuf, JournalTail>,
    /// Events whose write failed, with the time they happened; retried in order.
    pending: VecDeque<(Millis, Event)>,
    /// Why the last write failed, while it still fails.
    pub save_error: Option<String>,
    /// Damaged lines and other trouble in the journals, one line each, each reported once.
    pub problems: Vec<String>,
    /// Sync tools' conflict copies of journals that are read with them, one line each.
    pub notices: Vec<String>,
}

impl LiveRun {
    /// Reads the run, starts this process's own journal in it and says who writes it.
    pub fn open(
        dir: RunDir,
        author: &str,
        role: Role,
        now: Millis,
    ) -> anyhow::Result<(LiveRun, RunState)> {
        let (mut live, mut state) = LiveRun::open_unannounced(dir, author)?;
        live.announce(&mut state, author, role, now);
        Ok((live, state))
    }

    /// Like [`open`](Self::open), without the `Joined` event: for a view that announces itself
    /// once its first frame is drawn.
    pub fn open_unannounced(dir: RunDir, author: &str) -> anyhow::Result<(LiveRun, RunState)> {
        let header = dir.header()?;
        let writer_id = new_writer_id(author);
        let writer = dir
            .open_writer(&writer_id)
            .map_err(|e| anyhow::anyhow!("cannot write in {}: {e}", dir.path().display()))?;
        let mut state = RunState::new(Arc::new(header.session.clone()));
        let mut live = LiveRun {
            dir,
            header,
            writer,
            writer_id: Arc::from(writer_id.as_str()),
            log: RunLog::new(),
            tails: HashMap::new(),
            pending: VecDeque::new(),
            save_error: None,
            problems: Vec::new(),
            notices: Vec::new(),
        };
        live.follow(&mut state);
        Ok((live, state))
    }

    /// Says in the journal who writes it. Not needed for the first frame, so the views call it
    /// after drawing that.
    pub fn announce(&mut self, state: &mut RunState, author: &str, role: Role, now: Millis) {
        self.append(
            state,
            Event::Joined {
                name: clean_line(author),
                role,
            },
            now,
        );
    }

    pub fn writer_id(&self) -> &str {
        &self.writer_id
    }

    /// Whether events are waiting to be written.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// How many events wait to be written.
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// How many of them are notes (new or changed).
    pub fn pending_notes(&self) -> usize {
        self.pending
            .iter()
            .filter(|(_, ev)| matches!(ev, Event::NoteSaved { .. } | Event::NoteEdited { .. }))
            .count()
    }

    /// Writes an event to our journal (durably) and folds it in. When the write fails the event
    /// waits in memory and is retried by [`retry`](Self::retry); it is not folded in until it is
    /// on disk, so nothing shows as done that is not saved. Returns whether it was saved.
    pub fn append(&mut self, state: &mut RunState, ev: Event, now: Millis) -> bool {
        self.pending.push_back((now, ev));
        self.retry(state)
    }

    /// Writes what is waiting, in order; stops at the first failure. Returns whether nothing
    /// is left waiting.
    pub fn retry(&mut self, state: &mut RunState) -> bool {
        let mut saved = Vec::new();
        let mut all = true;
        while let Some((at, ev)) = self.pending.front().cloned() {
            match self.writer.append(at, ev) {
                Ok(record) => {
                    self.pending.pop_front();
                    self.save_error = None;
                    saved.push(Entry {
                        writer: self.writer_id.clone(),
                        record,
                    });
                }
                Err(e) => {
                    self.save_error = Some(format!("{}: {e}", self.writer.path().display()));
                    all = false;
                    break;
                }
            }
        }
        self.log.add(state, saved);
        all
    }

    /// Reads what the other writers (and a previous process of ours) added since the last call
    /// and folds it in, all of it as one batch: the state is folded again at most once, however
    /// many journals had lines and however they interleave. Returns whether anything changed.
    pub fn follow(&mut self, state: &mut RunState) -> bool {
        let (journals, problems) = match self.dir.journals() {
            Ok(found) => found,
            Err(e) => {
                self.report(format!(
                    "{}: cannot read the run folder: {e}",
                    self.dir.path().display()
                ));
                return false;
            }
        };
        for problem in problems {
            self.report(problem);
        }
        let mut batch = Vec::new();
        for file in journals {
            // Our own lines are folded as they are written; a conflict copy of our journal may
            // still hold lines of a previous process of ours.
            if file.writer == *self.writer_id && file.copy.is_none() {
                continue;
            }
            if let Some(notice) = file.copy_notice(self.dir.id())
                && !self.notices.contains(&notice)
            {
                self.notices.push(notice);
            }
            let tail = self.tails.entry(file.path.clone()).or_default();
            let read = match tail.poll(&file.path) {
                Ok(read) => read,
                Err(e) => {
                    self.report(format!(
                        "runs/{}/{}: cannot read: {e}",
                        self.dir.id(),
                        file.name()
                    ));
                    continue;
                }
            };
            for skipped in &read.skipped {
                let line = format!(
                    "runs/{}/{}:{}: skipped a damaged line ({})",
                    self.dir.id(),
                    file.name(),
                    skipped.line,
                    skipped.reason
                );
                self.report(line);
            }
            let writer: Arc<str> = Arc::from(file.writer.as_str());
            batch.extend(read.records.into_iter().map(|record| Entry {
                writer: writer.clone(),
                record,
            }));
        }
        self.log.add(state, batch)
    }

    /// How many times the state was folded from the start (see [`RunLog::folds`]).
    pub fn folds(&self) -> u64 {
        self.log.folds()
    }

    fn report(&mut self, problem: String) {
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// The journal folder, for the watcher.
    pub fn folder(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}
