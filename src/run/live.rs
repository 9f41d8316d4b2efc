//! A run being written and followed by this process: our own journal (every event is on disk
//! before it is folded in), the other writers' journals (followed from where we last read), and
//! the state folded from all of them in the order every process agrees on.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::run::file_problem::{FileProblem, ProblemKind};
use crate::run::hlc::HybridClock;
use crate::run::hold::Held;
use crate::run::log::RunLog;
use crate::run::reader::{Batch, Control, ReadSoFar, Reader};
use crate::run::saver::{Saver, Waker, WriteError};
use crate::run::skew::{self, ClockSkew, Lead};
use crate::run::state::RunState;
use crate::run::store::{FsAction, RunDir, RunHeader, StoreError, new_writer_id, shown};
use crate::run::{Entry, Event, Millis, Record, Role};
use crate::text::clean_line;

/// How long an append waits for the writer thread's confirmation before going on without it.
const CONFIRM_WAIT: Duration = Duration::from_millis(100);
/// How long the end of a process waits for what is in flight to reach the disk.
pub const FINISH_WAIT: Duration = Duration::from_secs(2);

///
/// The state itself is owned by the view that shows it; every method that may change it takes it.
pub struct LiveRun {
    pub dir: RunDir,
    pub header: RunHeader,
    /// Our journal, written on its own thread.
    saver: Saver,
    writer_id: Arc<str>,
    /// Everything folded so far, in order, so that a late event can be put in its place.
    log: RunLog,
    /// Reads the other writers' journals until a watch takes it over (see
    /// [`follow`](Self::follow)).
    reader: Option<Reader>,
    /// Why the last write failed, while it still fails.
    pub save_error: Option<WriteError>,
    /// Damaged lines and other trouble in the journals, each reported once.
    pub problems: Vec<FileProblem>,
    /// Sync tools' conflict copies of journals that are read with them.
    pub notices: Vec<FileProblem>,
    /// Other writers' entries stamped too far ahead of our clock, held back until it reaches
    /// them.
    held: Held,
    /// The newest stamp read from a facilitator's journal (held or not), by their clock: a
    /// note-taker's terminal learns from it how far its own clock is behind (`skew`).
    facilitator_seen: Millis,
    /// The hybrid clock our events are stamped with: raised by every entry folded.
    clock: HybridClock,
    /// How far ahead of our clock each other writer's stamps were read, at most, when that
    /// could be its clock ([`skew::lead`]): what a facilitator's stage tells them.
    leads: HashMap<Arc<str>, Lead>,
    /// The last lead the stage told us that was looked for among our own lines, so that each
    /// is looked for once ([`learn_skew`](Self::learn_skew)).
    lead_checked: Option<Lead>,
}

impl LiveRun {
    /// Reads the run, starts this process's own journal in it and says who writes it.
    pub fn open(
        dir: RunDir,
        author: &str,
        role: Role,
        now: Millis,
    ) -> anyhow::Result<(LiveRun, RunState)> {
        let (mut live, mut state) = LiveRun::open_unannounced(dir, author, now)?;
        live.announce(&mut state, author, role, now);
        Ok((live, state))
    }

    /// Like [`open`](Self::open), without the `Joined` event: for a view that announces itself
    /// once its first frame is drawn. `now` is this computer's clock (see [`follow`](Self::follow)).
    pub fn open_unannounced(
        dir: RunDir,
        author: &str,
        now: Millis,
    ) -> anyhow::Result<(LiveRun, RunState)> {
        let header = dir.header()?;
        LiveRun::open_with(dir, header, None, author, now)
    }

    /// Like [`open_unannounced`](Self::open_unannounced), with the run's `header` already read
    /// (the door reads it once, before the terminal is taken) and, when the track's runs were
    /// read to find it, what that read of its journals (`read`): then they are not read again
    /// here, and the reader goes on from where that read stopped.
    pub fn open_with(
        dir: RunDir,
        header: RunHeader,
        mut read: Option<ReadSoFar>,
        author: &str,
        now: Millis,
    ) -> anyhow::Result<(LiveRun, RunState)> {
        let writer_id = new_writer_id(author);
        let writer = dir
            .open_writer(&writer_id)
            .map_err(|e| StoreError::io(FsAction::WriteIn, dir.path(), e))?;
        let mut state = RunState::new(Arc::new(header.session.clone()));
        let reader = match &mut read {
            Some(read) => Reader::continuing(
                dir.clone(),
                Arc::from(writer_id.as_str()),
                std::mem::take(&mut read.positions),
            ),
            None => Reader::new(dir.clone(), Arc::from(writer_id.as_str())),
        };
        let mut live = LiveRun {
            dir,
            header,
            saver: Saver::start(writer),
            writer_id: Arc::from(writer_id.as_str()),
            log: RunLog::new(),
            reader: Some(reader),
            save_error: None,
            problems: Vec::new(),
            notices: Vec::new(),
            held: Held::default(),
            facilitator_seen: 0,
            clock: HybridClock::default(),
            leads: HashMap::new(),
            lead_checked: None,
        };
        match read {
            Some(mut read) => {
                let batch = read.batch(&live.writer_id);
                live.take(&mut state, batch, now);
            }
            None => {
                live.follow(&mut state, now);
            }
        }
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
        self.saver.in_flight_len() > 0
    }

    /// How many events wait to be written.
    pub fn pending_count(&self) -> usize {
        self.saver.in_flight_len()
    }

    /// How many of them are notes (new or changed).
    pub fn pending_notes(&self) -> usize {
        crate::run::unsaved::notes(self.saver.in_flight())
    }

    /// How the event loop is woken when the writer thread has news.
    pub fn set_waker(&self, waker: Waker) {
        self.saver.set_waker(waker);
    }

    /// Hands an event to the writer thread and folds it in once it is on disk, so nothing shows
    /// as done that is not saved. Waits a moment for the usual quick confirmation, so that keys
    /// pressed in a row each see the last one's effect; a slow or failing disk is never waited
    /// for longer (the confirmation arrives later, see [`retry`](Self::retry)). Returns whether
    /// everything handed over is saved.
    pub fn append(&mut self, state: &mut RunState, ev: Event, now: Millis) -> bool {
        self.saver.submit(now, self.clock.tick(now), ev);
        self.collect(state, CONFIRM_WAIT)
    }

    /// Hands an event to the writer thread without waiting for it: for a draft, which nothing on
    /// screen waits for, so that typing never waits for the disk (an fsync can take tens of
    /// milliseconds on a busy disk). It is folded in when the writer thread confirms it and wakes
    /// the loop ([`retry`](Self::retry)); until then it counts as pending, so quitting still
    /// waits for it. Returns whether everything handed over before it is saved.
    pub fn submit(&mut self, state: &mut RunState, ev: Event, now: Millis) -> bool {
        self.saver.submit(now, self.clock.tick(now), ev);
        self.retry(state)
    }

    /// Folds in what the writer thread confirmed since the last call, without waiting. Returns
    /// whether nothing is left waiting.
    pub fn retry(&mut self, state: &mut RunState) -> bool {
        self.collect(state, Duration::ZERO)
    }

    fn collect(&mut self, state: &mut RunState, wait: Duration) -> bool {
        let collected = self.saver.collect(wait);
        for why in collected.given_up {
            let journal = self.saver.path();
            let name = journal.file_name().unwrap_or_default().to_string_lossy();
            let file = shown(self.dir.id(), &name);
            self.report(FileProblem::new(file, None, ProblemKind::LeftOut(why)));
        }
        self.fold_written(state, collected.written);
        self.save_error = self.saver.error.clone();
        !self.has_pending()
    }

    /// At the end of the process: waits up to `wait` for what is in flight (a failing write is
    /// tried once more) and returns the events that are still not saved, oldest first.
    pub fn finish(&mut self, state: &mut RunState, wait: Duration) -> Vec<(Millis, Event)> {
        let collected = self.saver.finish(wait);
        self.fold_written(state, collected.written);
        self.saver.in_flight().cloned().collect()
    }

    /// Folds in our own records, now on disk.
    fn fold_written(&mut self, state: &mut RunState, written: Vec<Record>) {
        let saved = written
            .into_iter()
            .map(|record| Entry {
                writer: self.writer_id.clone(),
                record,
            })
            .collect();
        self.log.add(state, saved);
    }

    /// Leaves a run this process wrote nothing to (a `spar run` that joins instead): our
    /// journal, still empty, is removed rather than left behind.
    pub fn discard(self) {
        let path = self.journal_path();
        drop(self);
        if std::fs::metadata(&path).is_ok_and(|m| m.len() == 0) {
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Our journal's path (its current segment).
    pub fn journal_path(&self) -> PathBuf {
        self.saver.path()
    }

    /// Reads what the other writers (and a previous process of ours) added since the last call
    /// and folds it in ([`take`](Self::take)), here and now: while a run is opened, before a
    /// watch takes the reading over ([`hand_over_reader`](Self::hand_over_reader)); after that
    /// the watcher's thread reads and nothing is read here. Returns whether anything changed.
    pub fn follow(&mut self, state: &mut RunState, now: Millis) -> bool {
        let Some(reader) = self.reader.as_mut() else {
            return false;
        };
        reader.heard(&Control::Rescan);
        let batch = reader.read_all();
        self.take(state, batch, now)
    }

    /// The reading of the other writers' journals, for the watcher's thread (once).
    pub fn hand_over_reader(&mut self) -> Option<Reader> {
        self.reader.take()
    }

    /// Folds in what a turn of reading found, all of it as one batch: the state is folded again
    /// at most once, however many journals had lines and however they interleave. Entries
    /// stamped too far ahead of `now` (this computer's clock, corrected by its skew) are held
    /// back ([`Held`]). A journal rewritten shorter or otherwise (a sync tool putting another
    /// version in its place) may have lost lines that were folded: then the reader read every
    /// file, ours too, again from the start, and the state is folded anew from that, so that
    /// the stage shows what a run opened now and the export show. Returns whether anything
    /// changed. No file is touched here.
    pub fn take(&mut self, state: &mut RunState, batch: Batch, now: Millis) -> bool {
        let Batch {
            reads,
            problems,
            notices,
            restarted,
            credit: _credit,
        } = batch;
        for problem in problems {
            self.report(problem);
        }
        for notice in notices {
            if !self.notices.contains(&notice) {
                self.notices.push(notice);
            }
        }
        if restarted {
            self.log = RunLog::new();
            self.held = Held::default();
            *state = RunState::new(state.session.clone());
        }
        // Sized once: a run being opened moves hundreds of thousands of large entries.
        let mut batch = Vec::with_capacity(reads.iter().map(|r| r.records.len()).sum());
        for read in reads {
            if read.ours
                && let Some(last) = read.records.iter().map(|r| r.seq).max()
            {
                self.saver.seen_seq(last);
            }
            let facilitator = state
                .writers
                .get(&read.writer)
                .is_some_and(|w| w.role == Role::Facilitator);
            for record in &read.records {
                let joins = matches!(
                    record.ev,
                    Event::Joined {
                        role: Role::Facilitator,
                        ..
                    }
                );
                if facilitator || (joins && record.seq == 1) {
                    self.facilitator_seen = self.facilitator_seen.max(record.at);
                }
            }
            if !read.ours
                && let Some(lead) = read
                    .records
                    .iter()
                    .filter_map(|r| {
                        skew::lead(r.at, now).map(|ahead| Lead {
                            seq: r.seq,
                            stamp: r.at,
                            ahead,
                        })
                    })
                    .max_by_key(|lead| lead.ahead)
            {
                let known = self.leads.entry(read.writer.clone()).or_insert(lead);
                if lead.ahead > known.ahead {
                    *known = lead;
                }
            }
            let writer = read.writer;
            batch.extend(read.records.into_iter().map(|record| Entry {
                writer: writer.clone(),
                record,
            }));
        }
        let mut batch = self.held.sift(batch, now);
        batch.extend(self.held.release(now));
        self.observe(&batch, now);
        let changed = self.log.add(state, batch) || restarted;
        for (writer, seq) in self.log.take_divergent() {
            let file = shown(self.dir.id(), &format!("{writer}.ron"));
            let writer = writer.to_string();
            self.report(FileProblem::new(
                file,
                None,
                ProblemKind::Divergent { writer, seq },
            ));
        }
        changed
    }

    /// Folds the held entries whose time has come by `now`; whether any did.
    pub fn release_held(&mut self, state: &mut RunState, now: Millis) -> bool {
        let due = self.held.release(now);
        self.observe(&due, now);
        !due.is_empty() && self.log.add(state, due)
    }

    /// Entries about to be folded raise our hybrid clock: what we write next sorts after them.
    fn observe(&mut self, entries: &[Entry], now: Millis) {
        for entry in entries {
            self.clock.observe(entry.record.hlc(), now);
        }
    }

    /// When a held entry may next be folded (for the wake set), by the corrected clock.
    pub fn next_release(&self) -> Option<Millis> {
        self.held.next_release()
    }

    /// How many entries are held back.
    pub fn held_count(&self) -> usize {
        self.held.len()
    }

    /// Learns how far this computer's clock is off the facilitator's: behind, from the
    /// facilitator's stamps as read (held back or not: a clock far behind theirs holds back all
    /// they write until it is corrected); ahead, from what the stage said of our journal — once
    /// the line it names is found among our own with the stamp it names, so that a line forged
    /// into our journal teaches nothing. `raw` is this computer's clock, uncorrected. Returns whether it was found (further)
    /// ahead: then our hybrid stamps start again from what was read
    /// ([`HybridClock::forget_own`]) — those taken by the wrong clock would put what we write
    /// next ahead of every reader for as long as we were off.
    pub fn learn_skew(&mut self, state: &RunState, skew: &mut ClockSkew, raw: Millis) -> bool {
        if state.facilitator.as_ref() == Some(&self.writer_id) {
            return false;
        }
        let before = skew.offset();
        skew.observe(state.facilitator_clock.max(self.facilitator_seen), raw);
        if let Some(&lead) = state.clock_ahead.get(&*self.writer_id)
            && self.lead_checked != Some(lead)
        {
            let ours = self.log.entries().iter().any(|e| {
                e.writer == self.writer_id && e.record.seq == lead.seq && e.record.at == lead.stamp
            });
            if ours {
                skew.told_ahead(lead.ahead);
            }
            // Not found while lines of ours wait for their confirmation: looked for again.
            if ours || !self.has_pending() {
                self.lead_checked = Some(lead);
            }
        }
        let corrected_back = skew.offset() < before;
        if corrected_back {
            self.clock.forget_own();
        }
        corrected_back
    }

    /// On the facilitator's stage: tells each writer whose stamps were read further ahead of
    /// our clock than the run said so far ([`Event::ClockAhead`]). Whether anything was said.
    pub fn tell_leads(&mut self, state: &mut RunState, now: Millis) -> bool {
        if state.facilitator.as_ref() != Some(&self.writer_id) {
            return false;
        }
        let grown: Vec<(String, Lead)> = self
            .leads
            .iter()
            .filter(|(w, lead)| {
                let said = state.clock_ahead.get(&***w).map_or(0, |said| said.ahead);
                lead.ahead > said.saturating_add(skew::TOLERANCE)
            })
            .map(|(w, lead)| (w.to_string(), *lead))
            .collect();
        for (writer, lead) in &grown {
            let ev = Event::ClockAhead {
                writer: writer.clone(),
                seq: lead.seq,
                stamp: lead.stamp,
                ahead: lead.ahead,
            };
            self.append(state, ev, now);
        }
        !grown.is_empty()
    }

    /// The newest stamp read from a facilitator's journal, held back or not.
    pub fn facilitator_seen(&self) -> Millis {
        self.facilitator_seen
    }

    /// How many times the state was folded from the start (see [`RunLog::folds`]).
    pub fn folds(&self) -> u64 {
        self.log.folds()
    }

    /// Keeps a problem once; "N more like these" of a file adds to the count said before.
    fn report(&mut self, problem: FileProblem) {
        if let ProblemKind::MoreLikeThese(n) = problem.kind
            && let Some(ProblemKind::MoreLikeThese(m)) = self
                .problems
                .iter_mut()
                .find(|p| p.file == problem.file && matches!(p.kind, ProblemKind::MoreLikeThese(_)))
                .map(|p| &mut p.kind)
        {
            *m += n;
            return;
        }
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    /// The journal folder, for the watcher.
    pub fn folder(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}
