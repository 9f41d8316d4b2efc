//! The read model of the track's saved runs: every run of the data directory, read from its own
//! folder and folded from its own session snapshot (so a run of an older version of a session
//! reads as it was), in the catalog's track order: by meeting, then by start.
//!
//! It is loaded once per command ([`TrackView::load`]) and everything that shows saved runs is a
//! pure function of it: the start screen (which meetings are done or in progress), `spar run` and
//! `spar join` (which run is live), `spar runs`, the review and the recap on the stage:
//!
//! - [`TrackView::counted`]: the run of a meeting that counts (see [`counted`]);
//! - [`open_actions`]: what earlier meetings of the track left open (the recap);
//! - [`all_actions`]: every action item of the track;
//! - [`search`]: notes, owners and questions that contain a query, ignoring case.
//!
//! The text search looks at is lowercased once, when a run is read, so that a keystroke in the
//! search costs only substring scans.

pub mod counted;
mod folded;
mod search;
pub mod time_spent;

use std::sync::Arc;

pub use folded::FoldedRun;
pub use search::{Hit, Target, highlight_ranges, search};

use crate::run::file_problem::{FileProblem, Tally};
use crate::run::open::Found;
use crate::run::reader::ReadSoFar;
use crate::run::state::{Note, RunState};
use crate::run::status::{RunStatus, status};
use crate::run::store::{DataDir, LoadedRun, RunDir, RunHeader, StoreError};
use crate::run::{Millis, NoteKind, Place};
use crate::session::load::Catalog;
use crate::session::{ItemKind, Session, Step, Track};

/// One saved run, read and folded.
#[derive(Debug, Clone)]
pub struct SavedRun {
    pub dir: RunDir,
    pub header: RunHeader,
    /// Folded from every journal with the header's session snapshot.
    pub state: RunState,
    /// Damaged or skipped journal lines (see `LoadedRun::problems`).
    pub problems: Vec<FileProblem>,
    pub status: RunStatus,
    /// The meeting's 1-based place in the catalog's track; `None` for a session outside it.
    pub meeting: Option<usize>,
    /// The session file is no longer what the run was held with: the run reads from its snapshot.
    pub snapshot_differs: bool,
    /// Kept out of the track by `spar runs --discard` (see [`counted`]).
    pub discarded: bool,
    /// The run of its meeting that the track, the recap and the exports use.
    pub counts: bool,
    /// A live run: what was read of it, for the way in that opens it to go on from
    /// ([`TrackView::found`]).
    pub read: Option<ReadSoFar>,
    /// Indices into `state.notes` of the notes that are not deleted, in the order they are shown:
    /// by place in the agenda, then group (the whole group first, then the session's groups),
    /// then as written. Notes at places the session does not have come last.
    pub order: Vec<usize>,
    /// The notes screen of this run: headings and notes, in `order`.
    pub rows: Vec<Row>,
    /// Lowercased text of each note, parallel to `state.notes`.
    lower: Vec<LowerNote>,
    /// Lowercased text of each place that has a question or a title, by place.
    places: Vec<(Place, String)>,
}

#[derive(Debug, Clone, Default)]
struct LowerNote {
    text: String,
    /// An action's owner; empty for other notes.
    owner: String,
}

/// One row of a run's notes, as the notes screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An agenda item's heading.
    Item(usize),
    /// A question or a turn of a round, under its item.
    Step(Place),
    /// The heading of notes at places the session does not have.
    Other,
    /// A group's heading: the group of note `.0` (an index into `state.notes`).
    Group(usize),
    /// Note `.0`, an index into `state.notes`.
    Note(usize),
}

/// A run folder whose header cannot be read: listed, never fatal. Its problem is worded in the
/// user's language where it is shown (`Text::store_error`).
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub id: String,
    pub problem: Arc<StoreError>,
}

/// A meeting of the track, run or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: String,
    pub title: String,
}

/// Every saved run, in track order.
#[derive(Debug, Clone, Default)]
pub struct TrackView {
    pub track: Option<Track>,
    /// The track's meetings, in order, whether run or not.
    pub meetings: Vec<Meeting>,
    /// By meeting in track order, then runs of sessions outside the track by title; each
    /// meeting's runs oldest first.
    pub runs: Vec<SavedRun>,
    /// Run folders whose header cannot be read.
    pub unreadable: Vec<Unreadable>,
}

/// A note of a run: `run` indexes `TrackView::runs`, `note` the run's `state.notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoteRef {
    pub run: usize,
    pub note: usize,
}

/// What an earlier meeting left open, as the recap on the stage shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecapEntry {
    /// The meeting's 1-based place in the track.
    pub meeting: usize,
    pub meeting_title: String,
    /// An open action (with its owner and due date) or a parked question.
    pub kind: NoteKind,
    pub text: String,
    pub group: Option<String>,
}

impl TrackView {
    /// Reads every run of the data directory. Only an unreadable runs folder is an error; a run
    /// whose header cannot be read is listed in `unreadable`, damaged journal lines in each run's
    /// `problems`.
    pub fn load(data: &DataDir, catalog: &Catalog, now: Millis) -> Result<TrackView, StoreError> {
        TrackView::read(data, catalog, now, false)
    }

    /// [`load`](Self::load) for a way in that opens a live run it finds ([`found`](Self::found)):
    /// each live run keeps what was read of its journals (and so keeps them open), for the run
    /// opened to read none of them again.
    pub fn load_to_open(
        data: &DataDir,
        catalog: &Catalog,
        now: Millis,
    ) -> Result<TrackView, StoreError> {
        TrackView::read(data, catalog, now, true)
    }

    fn read(
        data: &DataDir,
        catalog: &Catalog,
        now: Millis,
        keep_reads: bool,
    ) -> Result<TrackView, StoreError> {
        let listings = data.list_runs()?;
        let mut runs = Vec::with_capacity(listings.len());
        let mut unreadable = Vec::new();
        for listing in listings {
            // The header as the listing read it: each file is read once. Each run is folded as
            // soon as it is read: only a live run keeps its journals open (see `ReadSoFar`).
            match listing
                .header
                .and_then(|header| listing.dir.load_with(header))
            {
                Ok(run) => {
                    let mut run = SavedRun::new(listing.dir, run, catalog, now);
                    if !keep_reads {
                        run.read = None;
                    }
                    runs.push(run);
                }
                Err(e) => unreadable.push(Unreadable {
                    id: listing.id,
                    problem: Arc::new(e),
                }),
            }
        }
        let mut view = TrackView::of_runs(catalog, runs);
        view.unreadable = unreadable;
        Ok(view)
    }

    /// The view of runs already read: folds each and puts them in track order.
    pub fn build(catalog: &Catalog, loaded: Vec<(RunDir, LoadedRun)>, now: Millis) -> TrackView {
        let runs = loaded
            .into_iter()
            .map(|(dir, run)| SavedRun::new(dir, run, catalog, now))
            .collect();
        TrackView::of_runs(catalog, runs)
    }

    /// The view of runs already folded, put in track order.
    fn of_runs(catalog: &Catalog, mut runs: Vec<SavedRun>) -> TrackView {
        // The catalog lists the track's meetings first, then its other sessions by id.
        let rank = |run: &SavedRun| {
            catalog
                .sessions
                .iter()
                .position(|s| s.id == run.header.session.id)
                .unwrap_or(usize::MAX)
        };
        runs.sort_by_cached_key(|run| {
            (
                rank(run),
                run.header.session.title.clone(),
                run.header.session.id.clone(),
                run.header.started,
                run.dir.id().to_string(),
            )
        });
        mark_counted(&mut runs);
        TrackView {
            track: catalog.track.clone(),
            meetings: catalog
                .meetings()
                .iter()
                .map(|s| Meeting {
                    id: s.id.clone(),
                    title: s.title.clone(),
                })
                .collect(),
            runs,
            unreadable: Vec::new(),
        }
    }

    /// Run `index` ([`unfinished`](Self::unfinished), [`latest_live`](Self::latest_live)) for
    /// a way in to open: its header and what was read of its journals, taken (opened once).
    /// The other runs' reads are let go of (their journals closed): only one run is opened.
    pub fn found(&mut self, index: usize) -> Found {
        let read = self.runs[index].read.take();
        for run in &mut self.runs {
            run.read = None;
        }
        let run = &self.runs[index];
        Found {
            dir: run.dir.clone(),
            header: run.header.clone(),
            read,
        }
    }

    /// The 1-based place of a session in the track.
    pub fn position(&self, session: &str) -> Option<usize> {
        self.meetings
            .iter()
            .position(|m| m.id == session)
            .map(|i| i + 1)
    }

    pub fn note(&self, r: NoteRef) -> Option<&Note> {
        self.runs.get(r.run)?.state.notes.get(r.note)
    }

    /// Index of the run with this id.
    pub fn find_run(&self, id: &str) -> Option<usize> {
        self.runs.iter().position(|r| r.dir.id() == id)
    }

    /// The run of this session that counts: the one the track's export, the recap and the
    /// track's statistics use (see [`counted`]).
    pub fn counted(&self, session: &str) -> Option<&SavedRun> {
        self.runs
            .iter()
            .find(|r| r.counts && r.header.session.id == session)
    }

    /// How many other runs of `run`'s session there are besides it (discarded ones too).
    pub fn others(&self, run: &SavedRun) -> usize {
        self.runs
            .iter()
            .filter(|r| r.header.session.id == run.header.session.id && r.dir != run.dir)
            .count()
    }

    /// The latest live run of this session not discarded, if any: the one `spar run` offers to
    /// resume and the start screen shows as in progress.
    pub fn unfinished(&self, session: &str) -> Option<&SavedRun> {
        self.runs
            .iter()
            .rev()
            .find(|r| r.header.session.id == session && r.status == RunStatus::Live && !r.discarded)
    }

    /// Whether a run of this session not discarded has ended.
    pub fn has_ended(&self, session: &str) -> bool {
        self.runs
            .iter()
            .any(|r| r.header.session.id == session && r.status == RunStatus::Ended && !r.discarded)
    }

    /// The live run that changed last: the one `spar join` joins when none is named.
    pub fn latest_live(&self) -> Option<&SavedRun> {
        self.runs
            .iter()
            .filter(|r| r.status == RunStatus::Live)
            .max_by_key(|r| r.last_activity())
    }

    /// The run not ended nor discarded that changed last among those whose files were
    /// `written` (run ids) while a join waited: someone is at work in it now, whatever this
    /// computer's clock makes of its stamps (one a year ahead sees today's run as abandoned by
    /// the 12-hour rule, [`status`]).
    pub fn latest_written(
        &self,
        written: &std::collections::BTreeSet<String>,
    ) -> Option<&SavedRun> {
        self.runs
            .iter()
            .filter(|r| r.status != RunStatus::Ended && !r.discarded)
            .filter(|r| written.contains(r.dir.id()))
            .max_by_key(|r| r.last_activity())
    }

    /// The recap for a run of `session` going on stage: what the meetings of the track before it
    /// left open. Empty when the session has no recap item or is not in the track.
    pub fn recap(&self, session: &Session) -> Vec<RecapEntry> {
        let in_track = self.track.as_ref().is_some_and(|t| t.id == session.track);
        if !in_track || !has_recap(session) {
            return Vec::new();
        }
        open_actions(self, &session.id)
    }
}

/// Marks in each session's runs the one that counts.
fn mark_counted(runs: &mut [SavedRun]) {
    let mut by_session: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, run) in runs.iter().enumerate() {
        by_session
            .entry(run.header.session.id.as_str())
            .or_default()
            .push(i);
    }
    let chosen: Vec<usize> = by_session
        .values()
        .filter_map(|group| {
            let weights: Vec<(bool, counted::Weight)> = group
                .iter()
                .map(|&i| (runs[i].discarded, counted::Weight::of(&runs[i])))
                .collect();
            counted::choose(&weights).map(|k| group[k])
        })
        .collect();
    for (i, run) in runs.iter_mut().enumerate() {
        run.counts = chosen.contains(&i);
    }
}

fn has_recap(session: &Session) -> bool {
    session.agenda.iter().any(|i| i.kind == ItemKind::Recap)
}

impl SavedRun {
    pub fn new(dir: RunDir, loaded: LoadedRun, catalog: &Catalog, now: Millis) -> SavedRun {
        let FoldedRun {
            dir,
            header,
            state,
            problems,
            read,
        } = FoldedRun::new(dir, loaded, now);
        let status = status(&state, header.started, now);
        let in_track = catalog
            .track
            .as_ref()
            .is_some_and(|t| t.id == header.session.track);
        let meeting = catalog.position(&header.session.id).filter(|_| in_track);
        let snapshot_differs = catalog
            .get(&header.session.id)
            .is_some_and(|s| *s != header.session);
        let discarded = counted::is_discarded(&dir);
        let mut run = SavedRun {
            dir,
            header,
            state,
            problems,
            status,
            meeting,
            snapshot_differs,
            discarded,
            counts: false,
            read,
            order: Vec::new(),
            rows: Vec::new(),
            lower: Vec::new(),
            places: Vec::new(),
        };
        run.places = places(&run.state.session);
        run.reindex();
        run
    }

    /// After the state changed (this process wrote to the run): its status and indexes again.
    pub fn refresh(&mut self, now: Millis) {
        self.status = status(&self.state, self.header.started, now);
        self.reindex();
    }

    /// Orders the notes, builds the rows and lowercases the text for search.
    pub fn reindex(&mut self) {
        self.order = display_order(&self.state);
        self.rows = rows(&self.state, &self.order);
        self.lower = self
            .state
            .notes
            .iter()
            .map(|n| LowerNote {
                text: n.text.to_lowercase(),
                owner: match &n.kind {
                    NoteKind::Action { owner, .. } => owner.to_lowercase(),
                    _ => String::new(),
                },
            })
            .collect();
    }

    pub fn session(&self) -> &Session {
        &self.state.session
    }

    /// Live notes.
    pub fn note_count(&self) -> usize {
        self.order.len()
    }

    /// Live action items, and how many of them are open.
    pub fn action_counts(&self) -> (usize, usize) {
        self.order
            .iter()
            .map(|&i| &self.state.notes[i])
            .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
            .fold((0, 0), |(all, open), n| {
                (all + 1, open + usize::from(!n.done))
            })
    }

    /// How long the meeting ran: from its first timebox to its end, or to the last event of a
    /// meeting not ended. `None` before it started.
    pub fn length_ms(&self) -> Option<Millis> {
        let started = self.state.started_at?;
        let end = self.state.ended_at.unwrap_or(self.state.last_event);
        Some(end.saturating_sub(started).max(0))
    }

    /// When the meeting began: its first timebox, else when the run was created.
    pub fn began(&self) -> Millis {
        self.state.started_at.unwrap_or(self.header.started)
    }

    /// What reading this run met, counted by kind: damaged lines (counting "N more problems
    /// like these" as N), events held back or left out, conflict copies read.
    pub fn tally(&self) -> Tally {
        Tally::of(&self.problems)
    }

    /// The last event of the meeting itself, or when the run was created.
    pub fn last_activity(&self) -> Millis {
        self.state.last_activity.max(self.header.started)
    }

    /// Position in `order` of the first note at or after `place`, if any.
    pub fn first_note_from(&self, place: Place) -> Option<usize> {
        let notes = &self.state.notes;
        self.order
            .iter()
            .position(|&i| self.state.contains(notes[i].at) && notes[i].at >= place)
    }
}

/// Live notes by place, group and time; notes at unknown places last.
fn display_order(state: &RunState) -> Vec<usize> {
    let groups = &state.session.groups;
    let mut order: Vec<usize> = (0..state.notes.len())
        .filter(|&i| !state.notes[i].deleted)
        .collect();
    order.sort_by_cached_key(|&i| {
        let n = &state.notes[i];
        let known = state.contains(n.at);
        (
            !known,
            n.at,
            crate::session::group_rank(n.group.as_deref(), groups),
            n.written,
            i,
        )
    });
    order
}

fn rows(state: &RunState, order: &[usize]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(order.len() * 5 / 4 + 8);
    let mut last: Option<(bool, Place, Option<&str>)> = None;
    for &i in order {
        let note = &state.notes[i];
        let known = state.contains(note.at);
        let group = note.group.as_deref();
        let same_place = last.is_some_and(|(k, p, _)| k == known && (!known || p == note.at));
        if known {
            if last.is_none_or(|(k, p, _)| !k || p.item != note.at.item) {
                rows.push(Row::Item(note.at.item));
            }
            if !same_place && is_step(&state.session, note.at) {
                rows.push(Row::Step(note.at));
            }
        } else if last.is_none_or(|(k, _, _)| k) {
            rows.push(Row::Other);
        }
        if !same_place || last.is_some_and(|(_, _, g)| g != group) {
            rows.push(Row::Group(i));
        }
        rows.push(Row::Note(i));
        last = Some((known, note.at, group));
    }
    rows
}

/// Whether a place is a question or a turn (shown under its item), not the item as a whole.
pub fn is_step(session: &Session, place: Place) -> bool {
    !matches!(
        session.steps(place.item).get(place.step),
        Some(Step::Whole(_)) | None
    )
}

/// The searchable text of each place: an item's title (and a round's prompt) at its first step,
/// each question at its own.
fn places(session: &Session) -> Vec<(Place, String)> {
    let mut out = Vec::new();
    for (item, it) in session.agenda.iter().enumerate() {
        for (step, s) in session.steps(item).iter().enumerate() {
            let mut text = String::new();
            if step == 0 {
                text.push_str(&it.title);
                if let Some(prompt) = it.round.as_ref().and_then(|r| r.prompt.as_deref()) {
                    text.push('\n');
                    text.push_str(prompt);
                }
            }
            if let Step::Question(q) = s {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&q.text);
            }
            if !text.is_empty() {
                out.push((Place { item, step }, text.to_lowercase()));
            }
        }
    }
    out
}

/// Every live action item of the track, in track order and, within a run, as the notes are shown.
pub fn all_actions(runs: &[SavedRun]) -> Vec<NoteRef> {
    runs.iter()
        .enumerate()
        .flat_map(|(r, run)| {
            run.order
                .iter()
                .copied()
                .filter(|&i| matches!(run.state.notes[i].kind, NoteKind::Action { .. }))
                .map(move |note| NoteRef { run: r, note })
        })
        .collect()
}

/// What the meetings of the track before `before_session` left open: action items not marked
/// done and parked questions, from the run that counts of each of those meetings, in track order. Nothing for a
/// session outside the track, and never anything of `before_session`'s own meeting.
pub fn open_actions(view: &TrackView, before_session: &str) -> Vec<RecapEntry> {
    let Some(before) = view.position(before_session) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for run in &view.runs {
        let Some(meeting) = run.meeting.filter(|&m| m < before && run.counts) else {
            continue;
        };
        for &i in &run.order {
            let note = &run.state.notes[i];
            let open = match note.kind {
                NoteKind::Action { .. } => !note.done,
                NoteKind::Parking => true,
                _ => false,
            };
            if open {
                out.push(RecapEntry {
                    meeting,
                    meeting_title: run.header.session.title.clone(),
                    kind: note.kind.clone(),
                    text: note.text.clone(),
                    group: note.group.clone(),
                });
            }
        }
    }
    // Runs are in track order already; keep it stable by meeting in case of foreign runs.
    out.sort_by_key(|e| e.meeting);
    out
}

/// The recap for a run of `session` about to go on stage when the track's runs are not loaded
/// already (see [`TrackView::recap`]): reads only the runs of the meetings before it in the
/// catalog's track. Empty when the session has no recap item or is not in the
/// track; runs that cannot be read are left out (the review shows them).
pub fn recap(data: &DataDir, catalog: &Catalog, session: &Session, now: Millis) -> Vec<RecapEntry> {
    if !has_recap(session) {
        return Vec::new();
    }
    let in_track = catalog
        .track
        .as_ref()
        .is_some_and(|t| t.id == session.track);
    let Some(before) = catalog.position(&session.id).filter(|_| in_track) else {
        return Vec::new();
    };
    let earlier: Vec<&str> = catalog.meetings()[..before - 1]
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let Ok(listings) = data.list_runs() else {
        return Vec::new();
    };
    let loaded = listings
        .into_iter()
        .filter_map(|l| {
            let header = l.header.ok()?;
            earlier
                .contains(&header.session.id.as_str())
                .then_some(())?;
            Some((l.dir.clone(), l.dir.load_with(header).ok()?))
        })
        .collect();
    open_actions(&TrackView::build(catalog, loaded, now), &session.id)
}
