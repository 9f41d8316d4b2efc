//! The state of a run as a pure fold of its events, in the order every process agrees on
//! (hybrid stamp, writer, sequence: [`hlc`](super::hlc)). Nothing here reads a clock or a file: "now" is always passed in.

use std::collections::hash_map;
use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};

use super::authority::{self, Refused};
use super::timer::Timebox;
use super::{Entry, Event, Millis, NoteId, NoteKind, Place, Retimed};
use crate::session::Session;
use crate::text::{clean, clean_line};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub at: Place,
    /// `None` for the whole group.
    pub group: Option<String>,
    pub kind: NoteKind,
    pub text: String,
    pub by: String,
    pub written: Millis,
    pub edited: Option<Millis>,
    pub deleted: bool,
    /// For action items: marked done.
    pub done: bool,
    /// Saved as its writer left mid-note ([`Event::Unfinished`]), not edited since.
    pub unfinished: bool,
}

/// A note deleted (and not brought back): which, by which writer (journal), when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub id: NoteId,
    pub by: Arc<str>,
    pub at: Millis,
}

/// Text being typed, journalled so that it comes back after a crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub at: Place,
    pub group: Option<String>,
    pub text: String,
    pub written: Millis,
    /// Who typed it (the `--as` name).
    pub by: String,
    /// The saved note this is a change of, or `None` for a new note.
    pub edit: Option<NoteId>,
}

/// The facilitator's answer to a late start: keep the planned times, or move the plan to `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateStart {
    /// The planned start the meeting was late against.
    pub planned: Millis,
    /// When the choice was made (the first timebox started right after).
    pub at: Millis,
    pub moved: bool,
}

/// A process that wrote to the run, as its `Joined`, `TakingNotes` and `Left` events say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub name: String,
    pub role: super::Role,
    /// The group a note-taker writes for (`None`: the whole group).
    pub group: Option<String>,
    /// It quit.
    pub left: bool,
    /// Time of its latest event: how fresh its journal is, for the facilitator's console.
    pub last_seen: Millis,
    /// When it joined, or took over as facilitator: "Anna is on stage since 19:58".
    pub since: Millis,
}

impl Writer {
    /// The same person in the same role (another process of theirs).
    pub fn is(&self, other: &Writer) -> bool {
        self.name == other.name && self.role == other.role
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RunState {
    pub session: Arc<Session>,
    /// Where the facilitator is.
    pub place: Place,
    /// One timebox per step of each item: `timers[item][step]`.
    timers: Vec<Vec<Timebox>>,
    /// The meeting starts when its first timebox starts; time spent before does not count.
    pub started_at: Option<Millis>,
    pub ended_at: Option<Millis>,
    /// When the facilitator arrived at the current place.
    arrived: Millis,
    /// Time spent at each place in finished visits: `spent[item][step]`.
    spent: Vec<Vec<i64>>,
    /// How the facilitator chose to read the plan after a late start, if they were asked.
    pub late_start: Option<LateStart>,
    /// The fits (`F`) that stand, oldest first; `u` in the overview takes back the last.
    pub fits: Vec<Vec<Retimed>>,
    /// What fits took from each item's time between its steps (its minutes beyond its
    /// timeboxes), in ms; zero or less.
    slack: Vec<i64>,
    /// When each of `fits` was made, oldest first: the projection says "planen anpassad 19:47".
    pub fitted_at: Vec<Millis>,
    pub notes: Vec<Note>,
    note_index: HashMap<NoteId, usize>,
    /// The latest draft of each writer (journal), never of a name: two processes with one
    /// `--as` name each keep their own. A writer's draft gives way to a newer one of a writer
    /// with the same name and role (the same person's next process, after a crash).
    pub drafts: HashMap<Arc<str>, Draft>,
    /// Writers that joined, by writer id.
    pub writers: HashMap<Arc<str>, Writer>,
    /// The writer (journal) of the facilitator who drives the timer now: the last to join as
    /// facilitator or take over, until it leaves. A stage that is no longer it steps down.
    pub facilitator: Option<Arc<str>>,
    /// How many folded events were about notes: what a view derives from the notes (their order
    /// on screen) is kept until this changes. The same events give the same count, so a state
    /// folded again from the start keeps what was worked out for it.
    pub notes_changes: u64,
    /// Time of the last folded event.
    pub last_event: Millis,
    /// Time of the facilitator's last event, by the facilitator's clock: a note-taker's terminal
    /// learns from it how far its own clock is behind (`skew`).
    pub facilitator_clock: Millis,
    /// Events left out because their writer may not write them ([`authority`]), per journal.
    pub refused: Vec<Refused>,
    /// What the room's screen shows (`v`), as the facilitator on stage last chose it.
    pub room: super::RoomView,
    /// The notes deleted and not brought back, oldest deletion first: every terminal says the
    /// newest, and `u` brings it back where it may.
    pub deletions: Vec<Deletion>,
    /// How far ahead of the facilitator's each writer's clock was read to be, by writer id
    /// ([`Event::ClockAhead`]): the largest said.
    pub clock_ahead: HashMap<String, super::skew::Lead>,
    /// Time of the last event of the meeting itself: not a note-taker joining, not an action
    /// marked done afterwards in the review. Whether a run is still live is judged by this.
    pub last_activity: Millis,
}

impl RunState {
    pub fn new(session: Arc<Session>) -> RunState {
        let timers: Vec<Vec<Timebox>> = (0..session.agenda.len())
            .map(|item| {
                session
                    .steps(item)
                    .iter()
                    .map(|s| Timebox::new(s.minutes()))
                    .collect()
            })
            .collect();
        let spent = timers.iter().map(|t| vec![0; t.len()]).collect();
        RunState {
            slack: vec![0; session.agenda.len()],
            session,
            place: Place::START,
            timers,
            started_at: None,
            ended_at: None,
            arrived: 0,
            spent,
            late_start: None,
            fits: Vec::new(),
            fitted_at: Vec::new(),
            notes: Vec::new(),
            note_index: HashMap::new(),
            drafts: HashMap::new(),
            writers: HashMap::new(),
            facilitator: None,
            notes_changes: 0,
            last_event: 0,
            facilitator_clock: 0,
            last_activity: 0,
            refused: Vec::new(),
            room: super::RoomView::default(),
            clock_ahead: HashMap::new(),
            deletions: Vec::new(),
        }
    }

    /// Folds entries that are already in order.
    pub fn fold<'a>(session: Arc<Session>, entries: impl IntoIterator<Item = &'a Entry>) -> Self {
        let mut state = RunState::new(session);
        for entry in entries {
            state.apply(entry);
        }
        state
    }

    pub fn timebox(&self, place: Place) -> Option<&Timebox> {
        self.timers.get(place.item)?.get(place.step)
    }

    pub fn current(&self) -> Option<&Timebox> {
        self.timebox(self.place)
    }

    /// Number of steps of an item (at least one for an item that exists).
    pub fn steps(&self, item: usize) -> usize {
        self.timers.get(item).map_or(0, Vec::len)
    }

    /// The note-takers' terminals that joined and have not left, as (name, group), by name
    /// and group; one line each however often the same person joined for the same group.
    pub fn note_takers(&self) -> Vec<(&str, Option<&str>)> {
        let mut out: Vec<(&str, Option<&str>)> = self
            .writers
            .values()
            .filter(|w| w.role == super::Role::NoteTaker && !w.left)
            .map(|w| (w.name.as_str(), w.group.as_deref()))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The room's screens (`spar show`) that joined and have not left: one per process.
    pub fn screens(&self) -> usize {
        self.writers
            .values()
            .filter(|w| w.role == super::Role::Screen && !w.left)
            .count()
    }

    pub fn note(&self, id: &NoteId) -> Option<&Note> {
        self.note_index.get(id).map(|&i| &self.notes[i])
    }

    /// Notes that are not deleted, in fold order.
    pub fn live_notes(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| !n.deleted)
    }

    /// The place after `place`: the next step, else the first step of the next item.
    pub fn next_place(&self, place: Place) -> Option<Place> {
        if place.step + 1 < self.steps(place.item) {
            Some(Place {
                item: place.item,
                step: place.step + 1,
            })
        } else if place.item + 1 < self.timers.len() {
            Some(Place {
                item: place.item + 1,
                step: 0,
            })
        } else {
            None
        }
    }

    /// The place before `place`: the previous step, else the last step of the previous item.
    pub fn previous_place(&self, place: Place) -> Option<Place> {
        if place.step > 0 {
            Some(Place {
                item: place.item,
                step: place.step - 1,
            })
        } else if place.item > 0 {
            let item = place.item - 1;
            Some(Place {
                item,
                step: self.steps(item).saturating_sub(1),
            })
        } else {
            None
        }
    }

    /// Whether `place` names a timebox of this run's session.
    pub fn contains(&self, place: Place) -> bool {
        self.timebox(place).is_some()
    }

    /// Whether `place` names an item's time between its steps: the step just after its last.
    /// A fit (`F`) may shorten it; nobody can go there.
    pub fn is_slack(&self, place: Place) -> bool {
        place.item < self.session.agenda.len() && place.step == self.steps(place.item)
    }

    /// What fits took from item `item`'s time between its steps, in ms (zero or less).
    pub fn slack_change_ms(&self, item: usize) -> i64 {
        self.slack.get(item).copied().unwrap_or(0)
    }

    /// Time spent at one place (a question, a turn, a whole item) so far: every visit of the
    /// facilitator since the meeting started, until it ended. This is a question's actual time.
    pub fn spent_at(&self, place: Place, now: Millis) -> i64 {
        let closed = self
            .spent
            .get(place.item)
            .and_then(|s| s.get(place.step))
            .copied()
            .unwrap_or(0);
        if place == self.place && self.ended_at.is_none() {
            closed.saturating_add(self.open_visit_ms(now))
        } else {
            closed
        }
    }

    /// Time spent on an item so far: the time spent at each of its places.
    pub fn spent_ms(&self, item: usize, now: Millis) -> i64 {
        (0..self.steps(item))
            .map(|step| self.spent_at(Place { item, step }, now))
            .fold(0i64, i64::saturating_add)
    }

    /// Planned length of an item, with the `+`/`-` adjustments of its timeboxes.
    pub fn planned_ms(&self, item: usize) -> i64 {
        let base = self
            .session
            .agenda
            .get(item)
            .map_or(0, |i| i64::from(i.minutes) * 60_000);
        let adjust = self.timers.get(item).map_or(0, |t| {
            t.iter()
                .map(|t| t.adjust_ms)
                .fold(0i64, i64::saturating_add)
        });
        base.saturating_add(adjust)
            .saturating_add(self.slack_change_ms(item))
            .max(0)
    }

    fn open_visit_ms(&self, now: Millis) -> i64 {
        match self.started_at {
            Some(started) => now.saturating_sub(self.arrived.max(started)).max(0),
            None => 0,
        }
    }

    fn timer_mut(&mut self, place: Place) -> Option<&mut Timebox> {
        self.timers.get_mut(place.item)?.get_mut(place.step)
    }

    /// Applies one event. Events that name places or notes this run does not have (a damaged or
    /// foreign journal) change nothing; events their writer may not write are left out and
    /// counted ([`authority`]).
    pub fn apply(&mut self, entry: &Entry) {
        if !authority::allows(self, &entry.writer, entry.record.seq, &entry.record.ev) {
            self.refuse(entry);
            return;
        }
        let at = entry.record.at;
        self.last_event = self.last_event.max(at);
        let by_facilitator = match &entry.record.ev {
            Event::Joined { role, .. } => *role == super::Role::Facilitator,
            _ => {
                at > self.facilitator_clock
                    && self
                        .writers
                        .get(&entry.writer)
                        .is_some_and(|w| w.role == super::Role::Facilitator)
            }
        };
        if by_facilitator {
            self.facilitator_clock = self.facilitator_clock.max(at);
        }
        let afterwards = matches!(
            entry.record.ev,
            Event::ActionDone { .. }
                | Event::Joined {
                    role: super::Role::NoteTaker,
                    ..
                }
                | Event::TakingNotes { .. }
                | Event::ClockAhead { .. }
                | Event::Left
        ) || matches!(
            &entry.record.ev,
            Event::Joined {
                role: super::Role::Screen,
                ..
            }
        );
        if !afterwards {
            self.last_activity = self.last_activity.max(at);
        }
        if matches!(
            entry.record.ev,
            Event::NoteSaved { .. }
                | Event::NoteEdited { .. }
                | Event::EditUnfinished { .. }
                | Event::NoteDeleted { .. }
                | Event::NoteRestored { .. }
                | Event::ActionDone { .. }
        ) {
            self.notes_changes += 1;
        }
        if let Some(writer) = self.writers.get_mut(&entry.writer) {
            writer.last_seen = writer.last_seen.max(at);
        }
        match &entry.record.ev {
            Event::Joined { name, role } => {
                let writer = Writer {
                    name: clean_line(name),
                    role: *role,
                    group: None,
                    left: false,
                    last_seen: at,
                    since: at,
                };
                self.writers.insert(entry.writer.clone(), writer);
                if *role == super::Role::Facilitator {
                    self.facilitator = Some(entry.writer.clone());
                }
            }
            Event::TookOver => {
                self.facilitator = Some(entry.writer.clone());
                // On stage since the take-over.
                if let Some(writer) = self.writers.get_mut(&entry.writer) {
                    writer.since = at;
                }
            }
            Event::TakingNotes { group } => {
                if let Some(writer) = self.writers.get_mut(&entry.writer) {
                    writer.group = group.as_deref().map(clean_line);
                }
            }
            Event::Left => {
                if self.facilitator.as_ref() == Some(&entry.writer) {
                    self.facilitator = None;
                }
                if let Some(writer) = self.writers.get_mut(&entry.writer) {
                    writer.left = true;
                }
            }
            // Only the facilitator on stage chooses what the room sees.
            Event::RoomView { view } => {
                if self.facilitator.as_ref() == Some(&entry.writer) {
                    self.room = view.clone();
                }
            }
            Event::ClockAhead {
                writer,
                seq,
                stamp,
                ahead,
            } => {
                let lead = super::skew::Lead {
                    seq: *seq,
                    stamp: *stamp,
                    ahead: *ahead,
                };
                let said = self.clock_ahead.entry(writer.clone()).or_insert(lead);
                if lead.ahead > said.ahead {
                    *said = lead;
                }
            }
            Event::Moved { to } => {
                if self.contains(*to) && *to != self.place {
                    self.close_visit(at);
                    self.arrived = at;
                    self.place = *to;
                }
            }
            Event::TimerStarted { at: place } => {
                if self.ended_at.is_none() && self.contains(*place) {
                    if self.started_at.is_none() {
                        self.started_at = Some(at);
                    }
                    if let Some(t) = self.timer_mut(*place) {
                        t.start(at);
                    }
                }
            }
            Event::TimerPaused { at: place } => {
                if let Some(t) = self.timer_mut(*place) {
                    t.pause(at);
                }
            }
            Event::TimerAdjusted { at: place, seconds } => {
                if let Some(t) = self.timer_mut(*place) {
                    t.adjust_ms = t.adjust_ms.saturating_add(seconds.saturating_mul(1000));
                }
            }
            Event::NoteSaved {
                at: place,
                group,
                kind,
                text,
                by,
            } => self.add_note(entry, (*place, group, clean_kind(kind)), text, by, false),
            Event::Unfinished {
                at: place,
                group,
                text,
                by,
            } => self.add_note(entry, (*place, group, NoteKind::Note), text, by, true),
            Event::NoteEdited { id, kind, text } | Event::EditUnfinished { id, kind, text } => {
                if self.drafts.get(&entry.writer).and_then(|d| d.edit.as_ref()) == Some(id) {
                    self.drafts.remove(&entry.writer);
                }
                if let Some(note) = self.note_mut(id) {
                    note.kind = clean_kind(kind);
                    note.text = clean(text);
                    note.edited = Some(at);
                    // Saved as its writer left mid-change, or finished now.
                    note.unfinished = matches!(entry.record.ev, Event::EditUnfinished { .. });
                }
            }
            Event::NoteDeleted { id } => {
                if let Some(note) = self.note_mut(id)
                    && !std::mem::replace(&mut note.deleted, true)
                {
                    let (id, by) = (id.clone(), entry.writer.clone());
                    self.deletions.push(Deletion { id, by, at });
                }
            }
            Event::NoteRestored { id } => {
                if let Some(note) = self.note_mut(id) {
                    note.deleted = false;
                    self.deletions.retain(|d| d.id != *id);
                }
            }
            Event::ActionDone { id, done } => {
                if let Some(note) = self.note_mut(id) {
                    note.done = *done;
                }
            }
            Event::Draft {
                at: place,
                group,
                text,
                by,
            } => {
                let draft = Draft {
                    at: *place,
                    group: group.as_deref().map(clean_line),
                    text: clean(text),
                    written: at,
                    by: clean_line(by),
                    edit: None,
                };
                self.put_draft(&entry.writer, draft);
            }
            Event::EditDraft { id, text, by } => {
                // An edit of a note this run does not have changes nothing.
                if let Some(note) = self.note(id) {
                    let draft = Draft {
                        at: note.at,
                        group: note.group.clone(),
                        text: clean(text),
                        written: at,
                        by: clean_line(by),
                        edit: Some(id.clone()),
                    };
                    self.put_draft(&entry.writer, draft);
                }
            }
            Event::LateStart { planned, moved } => {
                if self.late_start.is_none() {
                    self.late_start = Some(LateStart {
                        planned: *planned,
                        at,
                        moved: *moved,
                    });
                }
            }
            Event::Fitted { changes } => {
                // Only timeboxes this run has: a foreign journal's places change nothing.
                let changes: Vec<Retimed> = changes
                    .iter()
                    .filter(|c| self.contains(c.at) || self.is_slack(c.at))
                    .copied()
                    .collect();
                self.retime(&changes, 1);
                self.fits.push(changes);
                self.fitted_at.push(at);
            }
            Event::FitUndone => {
                if let Some(changes) = self.fits.pop() {
                    self.retime(&changes, -1);
                    self.fitted_at.pop();
                }
            }
            Event::Ended => {
                if self.ended_at.is_none() {
                    self.close_visit(at);
                    for t in self.timers.iter_mut().flatten() {
                        t.pause(at);
                    }
                    self.ended_at = Some(at);
                }
            }
        }
    }

    /// Counts an event left out of the fold, per journal.
    fn refuse(&mut self, entry: &Entry) {
        match self.refused.iter_mut().find(|r| r.writer == entry.writer) {
            Some(refused) => refused.count += 1,
            None => self.refused.push(Refused {
                writer: entry.writer.clone(),
                first_seq: entry.record.seq,
                event: authority::event_name(&entry.record.ev),
                count: 1,
            }),
        }
    }

    /// How many events were left out of the fold (see [`authority`]).
    pub fn refused_count(&self) -> usize {
        self.refused.iter().map(|r| r.count).sum()
    }

    /// Adds the time of the visit to the current place up to `at` to its spent time.
    fn close_visit(&mut self, at: Millis) {
        if self.ended_at.is_some() {
            return;
        }
        let visit = self.open_visit_ms(at);
        let place = self.place;
        if let Some(spent) = self
            .spent
            .get_mut(place.item)
            .and_then(|s| s.get_mut(place.step))
        {
            *spent = spent.saturating_add(visit);
        }
    }

    /// Keeps `writer`'s draft (an empty one clears it). The same person's drafts in earlier
    /// journals (same name and role: the process before a crash) give way to it.
    fn put_draft(&mut self, writer: &Arc<str>, draft: Draft) {
        if let Some(me) = self.writers.get(writer).cloned() {
            self.drafts
                .retain(|w, _| w == writer || !self.writers.get(w).is_some_and(|o| o.is(&me)));
        }
        if draft.text.is_empty() {
            self.drafts.remove(writer);
        } else {
            self.drafts.insert(writer.clone(), draft);
        }
    }

    /// The newest draft left by an earlier process of this person (same name and role), for a
    /// new process to take up: never another person's, nor another role's under the same name.
    pub fn draft_left_by(&self, name: &str, role: super::Role) -> Option<&Draft> {
        self.drafts
            .iter()
            .filter(|(w, d)| {
                d.by == name
                    && self
                        .writers
                        .get(*w)
                        .is_some_and(|w| w.name == name && w.role == role)
            })
            .map(|(_, d)| d)
            .max_by_key(|d| d.written)
    }

    /// Adds each change of a fit to its timebox (`sign` -1 takes it back).
    fn retime(&mut self, changes: &[Retimed], sign: i64) {
        for change in changes {
            let ms = change.seconds.saturating_mul(sign).saturating_mul(1000);
            if self.is_slack(change.at) {
                if let Some(slack) = self.slack.get_mut(change.at.item) {
                    *slack = slack.saturating_add(ms);
                }
            } else if let Some(t) = self.timer_mut(change.at) {
                t.adjust_ms = t.adjust_ms.saturating_add(ms);
            }
        }
    }

    /// A new note from `entry` (the first line of its id counts), which clears its writer's
    /// draft.
    fn add_note(
        &mut self,
        entry: &Entry,
        (place, group, kind): (Place, &Option<String>, NoteKind),
        text: &str,
        by: &str,
        unfinished: bool,
    ) {
        let hash_map::Entry::Vacant(slot) = self.note_index.entry(entry.note_id()) else {
            return;
        };
        let id = slot.key().clone();
        slot.insert(self.notes.len());
        self.drafts.remove(&entry.writer);
        self.notes.push(Note {
            id,
            at: place,
            group: group.as_deref().map(clean_line),
            kind,
            text: clean(text),
            by: clean_line(by),
            written: entry.record.at,
            edited: None,
            deleted: false,
            done: false,
            unfinished,
        });
    }

    fn note_mut(&mut self, id: &NoteId) -> Option<&mut Note> {
        let i = *self.note_index.get(id)?;
        self.notes.get_mut(i)
    }
}

fn clean_kind(kind: &NoteKind) -> NoteKind {
    match kind {
        NoteKind::Action { owner, due } => NoteKind::Action {
            owner: clean_line(owner),
            due: due.as_deref().map(clean_line),
        },
        other => other.clone(),
    }
}
