//! The stage: what the facilitator shares on screen. `Stage` is the model, `update` turns an
//! action into effects, `view` draws it; the terminal loop (`crate::tui`) performs the effects.
//! `keys` holds one binding table per mode (stage, list overlay, question), `notes` the note
//! editor and panel it embeds. It draws with `crate::ui` and reads the recap from the read model
//! (`crate::run::catalog`); it imports no other screen.

pub mod action;
pub mod keys;
pub mod notes;
pub mod view;

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use crate::ui::keymap::lookup;

use crate::stage::notes::order::{NoteOrder, Shown};
use crate::stage::notes::{EditorOutcome, NoteEditor};

pub use action::Action;

use crate::run::fit::{Proposal, propose};
use crate::run::projection::{Projection, asks_about_late_start, planned_start, project};
use crate::run::state::RunState;
use crate::run::timer::Phase;
use crate::run::{Event, Millis, NoteId, NoteKind, Place, Role};

/// Everything the views need besides the run: fixed for the life of the process.
#[derive(Debug, Clone)]
pub struct Context {
    /// Language, colours and time zone.
    pub ui: crate::ui::Ctx,
    pub run_id: String,
    /// Track title, if the session belongs to a known track.
    pub track: Option<String>,
    /// The session's start time on the day the run began.
    pub start_of_day: Millis,
    /// Who writes in this process: the mark on each note, the owner of drafts.
    pub author: String,
    /// The facilitator's stage, or a note-taker's terminal (`spar join`).
    pub role: Role,
    /// What earlier meetings of the track left open: shown on a recap item.
    pub recap: Vec<crate::run::catalog::RecapEntry>,
}

/// A draft is journalled at most this long after the keystroke that changed it.
const DRAFT_DELAY: Millis = 500;

/// What is drawn over the stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    /// `?`, scrolled down by this many rows.
    Help {
        scroll: u16,
    },
    /// The agenda with planned and actual times; `selected` is an item index.
    Overview {
        selected: usize,
    },
    /// Choosing the group for new notes: 0 is the whole group, then the session's groups.
    Groups {
        selected: usize,
    },
    /// "Quit while the timebox runs?"
    ConfirmQuit,
    /// "End the meeting?" after the last timebox.
    ConfirmEnd,
    /// "N changes are not saved yet. Quit anyway?"
    ConfirmQuitUnsaved,
    /// `F`: the proposed fit of the rest beside the plan (`None`: nothing to fit), over the
    /// agenda with `selected` in view.
    Fit {
        proposal: Option<Proposal>,
        selected: usize,
    },
    /// The first timebox is about to start late: keep the planned times or move the plan.
    LateStart,
}

/// What `update` asks the loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write this event to our journal, then fold it in.
    Append(Event),
    /// Like `Append`, for a note: it shows as saved once the writer confirms it is on disk
    /// ([`Notice::unsaved_notes`] counts those not yet).
    SaveNote(Event),
    Bell,
    Quit,
}

#[derive(Debug, Clone)]
pub struct Stage {
    pub run: RunState,
    pub ctx: Context,
    pub overlay: Overlay,
    /// Facilitator notes of the current item on screen (hidden by default: the screen is shared).
    pub show_facilitator_notes: bool,
    pub bell_muted: bool,
    /// Where new notes go: `None` is the whole group. Chosen with `g`/`Tab`; every new item
    /// starts with [`home_group`](Self::set_home_group) again.
    pub group: Option<String>,
    /// A join's `--group` (else the whole group): where its notes go on every new item.
    home_group: Option<String>,
    /// The item `group` was chosen on.
    group_item: usize,
    /// Timeboxes whose bell has rung (or that were already over when this process began).
    rung: HashSet<Place>,
    /// What the edge reports: a failing save, damaged journal lines.
    pub notice: Notice,
    /// The note being written; kept, with its text, when the editor is closed.
    pub editor: Option<NoteEditor>,
    pub editor_open: bool,
    /// When the editor's text must be journalled as a draft.
    draft_due: Option<Millis>,
    /// The note selected on screen (to edit, delete, mark done).
    pub selected: Option<NoteId>,
    last_deleted: Option<NoteId>,
    /// A note-taker who stepped away from the facilitator's place is here; `None` follows.
    pub own: Option<Place>,
    /// The order of the notes on screen, for a place and a version of the notes
    /// ([`RunState::notes_changes`]): worked out when they change, not for every frame.
    note_order: RefCell<Option<(u64, Place, Arc<NoteOrder>)>>,
    /// `z`: only the question and the countdown on screen.
    pub focus: bool,
}

/// Trouble the stage must show without stopping the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notice {
    /// Why saving fails right now; events wait in memory and are retried.
    pub save_error: Option<String>,
    /// Damaged journal lines skipped so far.
    pub skipped: usize,
    /// Events waiting to be written: quitting asks first, and leaves a copy of them.
    pub unsaved: usize,
    /// Of those, notes (new or changed): "2 anteckningar sparas …" until the writer confirms.
    pub unsaved_notes: usize,
    /// What the last key did that the screen would not show otherwise ("Raderade … · u ångrar");
    /// until the next key.
    pub flash: Option<String>,
    /// Sync conflict copies of journals read with them.
    pub copies: usize,
    /// This computer's clock is this many seconds behind the facilitator's (the countdown is
    /// corrected by it).
    pub clock_behind: Option<i64>,
    /// Who took over as facilitator from this stage, which follows as a note-taker since.
    pub taken_over_by: Option<String>,
}

impl Stage {
    pub fn new(run: RunState, ctx: Context, bell_muted: bool, now: Millis) -> Stage {
        let mut stage = Stage {
            run,
            ctx,
            overlay: Overlay::None,
            show_facilitator_notes: false,
            bell_muted,
            group: None,
            home_group: None,
            group_item: 0,
            rung: HashSet::new(),
            notice: Notice::default(),
            editor: None,
            editor_open: false,
            draft_due: None,
            selected: None,
            last_deleted: None,
            own: None,
            note_order: RefCell::new(None),
            focus: false,
        };
        stage.mark_overdue_as_rung(now);
        stage.group_item = stage.view_place().item;
        // A draft of ours from before a crash comes back, ready to go on with `i`, and is
        // journalled again as this process's own at once.
        let left = stage
            .run
            .draft_left_by(&stage.ctx.author, stage.ctx.role)
            .cloned();
        if let Some(draft) = left {
            let note = draft.edit.as_ref().and_then(|id| stage.run.note(id));
            stage.editor = Some(match note {
                Some(note) => NoteEditor::for_note(note).with_replaced_text(&draft.text),
                None => NoteEditor::with_text(draft.at, draft.group.clone(), &draft.text),
            });
            stage.draft_due = Some(now);
        }
        stage
    }

    /// A join's `--group`: its notes go there, on every item, until `g`/`Tab` choose otherwise
    /// for the item at hand.
    pub fn set_home_group(&mut self, group: Option<String>) {
        self.home_group = group.clone();
        self.group = group;
        self.settle();
    }

    /// Where the next note saved goes: the open note's own question and group while it holds
    /// text (it keeps the question it was started on), else the place on screen and the group
    /// chosen. The panel marks this group, and "Anteckningar till:" names it.
    pub fn target(&self) -> (Place, Option<&str>) {
        match &self.editor {
            Some(editor) if !editor.is_blank() => (editor.at(), editor.group()),
            _ => (self.view_place(), self.group.as_deref()),
        }
    }

    /// A resumed run must not ring for timeboxes that ran out while nobody watched.
    fn mark_overdue_as_rung(&mut self, now: Millis) {
        for item in 0..self.run.session.agenda.len() {
            for step in 0..self.run.steps(item) {
                let place = Place { item, step };
                if self
                    .run
                    .timebox(place)
                    .is_some_and(|t| t.phase(now) == Phase::Over)
                {
                    self.rung.insert(place);
                }
            }
        }
    }

    /// The place this view shows and writes notes to: the facilitator's, unless a note-taker
    /// stepped away.
    pub fn view_place(&self) -> Place {
        self.own.unwrap_or(self.run.place)
    }

    /// Whether the item on screen is a `kind` (a breakout lays its notes out side by side, a
    /// recap needs room for its list).
    pub fn viewing(&self, kind: crate::session::ItemKind) -> bool {
        let item = self.run.session.agenda.get(self.view_place().item);
        item.is_some_and(|i| i.kind == kind)
    }

    /// After events are folded in (ours or other writers'): see [`settle`](Self::settle).
    pub fn after_fold(&mut self) {
        self.settle();
    }

    /// A facilitator's stage whose writer (`me`) no longer drives the timer, because another
    /// stage took over, steps down: from here on it follows as a note-taker does, never rings,
    /// and says who took over. Every terminal folds the same journals, so only one stage drives.
    pub fn step_down_if_taken_over(&mut self, me: &str) {
        if self.ctx.role != Role::Facilitator {
            return;
        }
        // Before its own `Joined` is folded, the facilitator on record is the one it follows.
        let Some(current) = self.run.facilitator.clone() else {
            return;
        };
        if &*current == me || !self.run.writers.contains_key(me) {
            return;
        }
        let name = self.run.writers.get(&current).map(|w| w.name.clone());
        self.ctx.role = Role::NoteTaker;
        self.bell_muted = true;
        self.overlay = Overlay::None;
        self.notice.taken_over_by = Some(name.unwrap_or_default());
        self.settle();
    }

    /// Brings what follows the place on screen in line with it: a new item starts with the home
    /// group, and an empty editor targets the question on screen and the group chosen. A note
    /// with text keeps where it was started.
    fn settle(&mut self) {
        let place = self.view_place();
        if place.item != self.group_item {
            self.group_item = place.item;
            self.group = self.home_group.clone();
        }
        let group = self.group.clone();
        if let Some(editor) = self.editor.as_mut()
            && editor.is_blank()
        {
            editor.set_target(place, group);
        }
        if self
            .selected
            .as_ref()
            .is_some_and(|id| self.run.note(id).is_none_or(|n| n.deleted || n.at != place))
        {
            self.selected = None;
        }
    }

    /// The key table of the mode in force: an open overlay takes the keys first, then an open
    /// editor, then the stage.
    pub fn bindings(&self) -> &'static [keys::Binding] {
        match self.overlay {
            Overlay::None if self.editor_open => keys::EDITOR_OPEN,
            Overlay::None => keys::STAGE,
            Overlay::Help { .. } => keys::HELP_OPEN,
            Overlay::Overview { .. } => keys::OVERVIEW,
            Overlay::Fit { .. } => keys::FIT,
            Overlay::Groups { .. } => keys::LIST,
            Overlay::ConfirmQuit | Overlay::ConfirmEnd | Overlay::ConfirmQuitUnsaved => {
                keys::CONFIRM
            }
            Overlay::LateStart => keys::LATE_START,
        }
    }

    /// The bindings of the mode in force that this role has and that do something now: what
    /// the keys answer and the hint bar shows.
    pub fn active_bindings(&self) -> impl Iterator<Item = &'static keys::Binding> + '_ {
        keys::for_role(self.bindings(), self.ctx.role).filter(|b| self.applies(b.action))
    }

    /// Whether an action does anything now: after the meeting ended there is no timebox to
    /// start or move through; a note-taker follows again only after stepping away.
    fn applies(&self, action: Action) -> bool {
        let ended = self.run.ended_at.is_some();
        match action {
            Action::ToggleTimer
            | Action::MoreTime
            | Action::LessTime
            | Action::Next
            | Action::Previous
            | Action::Fit => !ended,
            Action::Follow => self.own.is_some(),
            Action::UndoFit => !self.run.fits.is_empty(),
            _ => true,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, now: Millis) -> Vec<Effect> {
        self.notice.flash = None;
        if self.editor_open && self.overlay == Overlay::None {
            // F1 opens help over the editor; every other key is the editor's.
            if lookup(keys::EDITOR_OPEN, key) == Some(Action::Help) {
                self.overlay = Overlay::Help { scroll: 0 };
                return Vec::new();
            }
            return self.on_editor_key(key, now);
        }
        match lookup(self.active_bindings(), key) {
            Some(action) => self.update(action, now),
            None => Vec::new(),
        }
    }

    /// The open editor takes every key first: `q`, `n`, `p` and space are text there.
    fn on_editor_key(&mut self, key: KeyEvent, now: Millis) -> Vec<Effect> {
        let Some(editor) = self.editor.as_mut() else {
            return Vec::new();
        };
        let outcome = editor.on_key(key);
        self.editor_outcome(outcome, now)
    }

    /// A bracketed paste: into the editor, which opens for it if it is closed.
    pub fn on_paste(&mut self, text: &str, now: Millis) -> Vec<Effect> {
        if self.overlay != Overlay::None {
            return Vec::new();
        }
        self.open_editor();
        let Some(editor) = self.editor.as_mut() else {
            return Vec::new();
        };
        let outcome = editor.on_paste(text);
        self.editor_outcome(outcome, now)
    }

    fn editor_outcome(&mut self, outcome: EditorOutcome, now: Millis) -> Vec<Effect> {
        match outcome {
            EditorOutcome::Unchanged => Vec::new(),
            EditorOutcome::Edited => {
                let due = now.saturating_add(DRAFT_DELAY);
                self.draft_due = Some(self.draft_due.map_or(due, |d| d.min(due)));
                // Emptied: the editor targets the question on screen again.
                self.settle();
                Vec::new()
            }
            EditorOutcome::Save(request) => {
                // The note goes to the writer; the editor is free for the next one at once, so
                // nothing typed meanwhile waits on the disk or is lost when the save is done.
                self.draft_due = None;
                if let Some(editor) = self.editor.as_mut() {
                    editor.clear();
                }
                self.settle();
                vec![Effect::SaveNote(request.into_event(&self.ctx.author))]
            }
            EditorOutcome::Close => {
                self.editor_open = false;
                self.flush_draft()
            }
            EditorOutcome::Ignored => self.update(Action::Quit, now),
        }
    }

    /// Opens the editor: with the kept draft, which keeps its own question, or empty for the
    /// current place and group.
    pub fn open_editor(&mut self) {
        if self.editor.is_none() {
            self.editor = Some(NoteEditor::new(self.view_place(), self.group.clone()));
        }
        self.settle();
        self.editor_open = true;
    }

    /// What must reach the journal before the process ends: the draft being typed.
    pub fn leaving(&mut self) -> Vec<Effect> {
        self.flush_draft()
    }

    /// The draft event for the editor's text, now (an empty text clears the journalled draft);
    /// for a saved note being changed, the edit in progress.
    fn flush_draft(&mut self) -> Vec<Effect> {
        if self.draft_due.take().is_none() {
            return Vec::new();
        }
        let Some(editor) = &self.editor else {
            return Vec::new();
        };
        let by = self.ctx.author.clone();
        let mut text = editor.text();
        if text.len() > notes::editor::MAX_NOTE {
            // Never journal what can never be written; the editor says the note is too long.
            return Vec::new();
        }
        let ev = match editor.editing() {
            Some(id) => {
                // An edit back to the saved text is no draft.
                if self.run.note(id).is_some_and(|n| n.text == text) {
                    text.clear();
                }
                Event::EditDraft {
                    id: id.clone(),
                    text,
                    by,
                }
            }
            None => Event::Draft {
                at: editor.at(),
                group: editor.group().map(str::to_string),
                text,
                by,
            },
        };
        vec![Effect::Append(ev)]
    }

    /// The order of the current place's notes on screen (indices into `run.notes`), worked out
    /// again only when the notes or the place changed.
    pub fn note_order(&self) -> Arc<NoteOrder> {
        let (version, place) = (self.run.notes_changes, self.view_place());
        let mut cached = self.note_order.borrow_mut();
        match &*cached {
            Some((v, p, order)) if *v == version && *p == place => order.clone(),
            _ => {
                let groups = &self.run.session.groups;
                let order = Arc::new(NoteOrder::new(&self.run.notes, groups, |n| n.at == place));
                *cached = Some((version, place, order.clone()));
                order
            }
        }
    }

    fn select(&mut self, step: isize) {
        let order = self.note_order();
        let shown = Shown::new(&self.run.notes, &order);
        if shown.is_empty() {
            self.selected = None;
            return;
        }
        let last = shown.len() - 1;
        let at = self
            .selected
            .as_ref()
            .and_then(|s| shown.iter().position(|n| &n.id == s));
        let next = match (at, step < 0) {
            (None, true) => last,
            (None, false) => 0,
            (Some(i), true) => i.saturating_sub(1),
            (Some(i), false) => (i + 1).min(last),
        };
        self.selected = Some(shown.get(next).id.clone());
    }

    pub fn update(&mut self, action: Action, now: Millis) -> Vec<Effect> {
        match self.overlay.clone() {
            Overlay::Overview { selected } => return self.update_overview(action, selected, now),
            Overlay::Groups { selected } => return self.update_groups(action, selected),
            Overlay::ConfirmQuit | Overlay::ConfirmQuitUnsaved => {
                self.overlay = Overlay::None;
                return match action {
                    Action::Confirm | Action::Quit => vec![Effect::Quit],
                    _ => Vec::new(),
                };
            }
            Overlay::ConfirmEnd => {
                self.overlay = Overlay::None;
                return match action {
                    Action::Confirm => {
                        let mut effects = self.pause_current();
                        effects.push(Effect::Append(Event::Ended));
                        effects
                    }
                    _ => Vec::new(),
                };
            }
            Overlay::Help { scroll } => return self.update_help(action, scroll),
            Overlay::Fit { proposal, selected } => {
                return self.update_fit(action, proposal, selected);
            }
            Overlay::LateStart => {
                self.overlay = Overlay::None;
                return match action {
                    Action::KeepPlan => self.start_late(false),
                    Action::MovePlan => self.start_late(true),
                    Action::Quit => self.ask_quit(),
                    _ => Vec::new(),
                };
            }
            Overlay::None => {}
        }
        if self.ctx.role == Role::NoteTaker
            && let Some(effects) = self.update_note_taker(action)
        {
            return effects;
        }
        let place = self.run.place;
        match action {
            Action::Next => match self.run.next_place(place) {
                Some(to) => self.go(to),
                None if self.run.ended_at.is_none() => {
                    self.overlay = Overlay::ConfirmEnd;
                    Vec::new()
                }
                None => Vec::new(),
            },
            Action::Previous => self
                .run
                .previous_place(place)
                .map_or_else(Vec::new, |to| self.go(to)),
            Action::ToggleTimer => match self.run.current() {
                Some(t) if t.is_running() => vec![Effect::Append(Event::TimerPaused { at: place })],
                Some(_) if self.run.ended_at.is_none() => {
                    if asks_about_late_start(&self.run, self.ctx.start_of_day, now) {
                        self.overlay = Overlay::LateStart;
                        Vec::new()
                    } else {
                        vec![Effect::Append(Event::TimerStarted { at: place })]
                    }
                }
                _ => Vec::new(),
            },
            Action::Fit => {
                self.open_fit(now);
                Vec::new()
            }
            Action::Focus => {
                self.focus = !self.focus;
                Vec::new()
            }
            Action::MoreTime => vec![Effect::Append(Event::TimerAdjusted {
                at: place,
                seconds: 60,
            })],
            Action::LessTime => {
                // Never below zero in total: one minute less of a timebox with less than a
                // minute planned takes what is left.
                let total = self.run.current().map_or(0, |t| t.total_ms());
                let seconds = (total / 1000).min(60);
                if seconds == 0 {
                    Vec::new()
                } else {
                    vec![Effect::Append(Event::TimerAdjusted {
                        at: place,
                        seconds: -seconds,
                    })]
                }
            }
            Action::ChooseGroup => {
                let selected = match self.target().1 {
                    None => 0,
                    Some(g) => self
                        .run
                        .session
                        .groups
                        .iter()
                        .position(|x| x == g)
                        .map_or(0, |i| i + 1),
                };
                self.overlay = Overlay::Groups { selected };
                Vec::new()
            }
            Action::Overview => {
                self.overlay = Overlay::Overview {
                    selected: place.item,
                };
                Vec::new()
            }
            Action::Help => {
                self.overlay = Overlay::Help { scroll: 0 };
                Vec::new()
            }
            Action::ToggleFacilitatorNotes => {
                self.show_facilitator_notes = !self.show_facilitator_notes;
                Vec::new()
            }
            Action::ToggleBell => {
                self.bell_muted = !self.bell_muted;
                Vec::new()
            }
            Action::Quit => self.ask_quit(),
            Action::Write => {
                self.open_editor();
                Vec::new()
            }
            Action::SelectPrevious => {
                self.select(-1);
                Vec::new()
            }
            Action::SelectNext => {
                self.select(1);
                Vec::new()
            }
            Action::EditNote => {
                if let Some(note) = self.selected.as_ref().and_then(|id| self.run.note(id)) {
                    self.editor = Some(NoteEditor::for_note(note));
                    self.editor_open = true;
                }
                Vec::new()
            }
            Action::DeleteNote => match self.selected.take() {
                Some(id) => {
                    let snippet = self
                        .run
                        .note(&id)
                        .map(|n| snippet(&n.text))
                        .unwrap_or_default();
                    self.notice.flash = Some(self.ctx.ui.text().note_deleted(&snippet));
                    self.last_deleted = Some(id.clone());
                    vec![Effect::Append(Event::NoteDeleted { id })]
                }
                None => Vec::new(),
            },
            Action::ClearSelection => {
                self.selected = None;
                Vec::new()
            }
            Action::Newest => {
                let order = self.note_order();
                let shown = Shown::new(&self.run.notes, &order);
                self.selected = (!shown.is_empty()).then(|| shown.get(shown.newest(0)).id.clone());
                Vec::new()
            }
            Action::RestoreNote => match self.last_deleted.take() {
                Some(id) => vec![Effect::Append(Event::NoteRestored { id })],
                None => Vec::new(),
            },
            Action::ToggleDone => match self.selected.as_ref().and_then(|id| self.run.note(id)) {
                Some(note) if matches!(note.kind, NoteKind::Action { .. }) => {
                    vec![Effect::Append(Event::ActionDone {
                        id: note.id.clone(),
                        done: !note.done,
                    })]
                }
                _ => Vec::new(),
            },
            Action::NextGroup => {
                let groups = &self.run.session.groups;
                let next = match self.target().1 {
                    None => groups.first().cloned(),
                    Some(g) => groups
                        .iter()
                        .position(|x| x == g)
                        .and_then(|i| groups.get(i + 1))
                        .cloned(),
                };
                self.choose_group(next);
                Vec::new()
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Confirm
            | Action::Back
            | Action::Follow
            | Action::UndoFit
            | Action::KeepPlan
            | Action::MovePlan => Vec::new(),
        }
    }

    /// `q`: asks first while a timebox runs (or, when changes wait to be written, about those).
    fn ask_quit(&mut self) -> Vec<Effect> {
        if self.run.current().is_some_and(|t| t.is_running()) && self.notice.unsaved == 0 {
            self.overlay = Overlay::ConfirmQuit;
            Vec::new()
        } else {
            self.quit()
        }
    }

    /// The first timebox starts after the late-start question: the choice, then the start.
    fn start_late(&self, moved: bool) -> Vec<Effect> {
        vec![
            Effect::Append(Event::LateStart {
                planned: self.ctx.start_of_day,
                moved,
            }),
            Effect::Append(Event::TimerStarted { at: self.run.place }),
        ]
    }

    /// `F`: what fitting the rest into the planned end would change, over the agenda.
    fn open_fit(&mut self, now: Millis) {
        let start = planned_start(self.ctx.start_of_day, &self.run);
        self.overlay = Overlay::Fit {
            proposal: propose(&self.run, start, now),
            selected: self.run.place.item,
        };
    }

    fn update_help(&mut self, action: Action, scroll: u16) -> Vec<Effect> {
        const PAGE: u16 = 10;
        let last = view::help_rows(self).saturating_sub(1);
        let scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1).min(last),
            Action::PageUp => scroll.saturating_sub(PAGE),
            Action::PageDown => scroll.saturating_add(PAGE).min(last),
            Action::Quit => {
                self.overlay = Overlay::None;
                return self.ask_quit();
            }
            _ => {
                self.overlay = Overlay::None;
                return Vec::new();
            }
        };
        self.overlay = Overlay::Help { scroll };
        Vec::new()
    }

    fn update_fit(
        &mut self,
        action: Action,
        proposal: Option<Proposal>,
        selected: usize,
    ) -> Vec<Effect> {
        let items = self.run.session.agenda.len();
        let selected = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (selected + 1).min(items.saturating_sub(1)),
            Action::Confirm => {
                self.overlay = Overlay::None;
                return proposal.map_or_else(Vec::new, |p| {
                    vec![Effect::Append(Event::Fitted { changes: p.changes })]
                });
            }
            Action::Quit => {
                self.overlay = Overlay::None;
                return self.ask_quit();
            }
            _ => {
                self.overlay = Overlay::None;
                return Vec::new();
            }
        };
        self.overlay = Overlay::Fit { proposal, selected };
        Vec::new()
    }

    /// What a note-taker's keys do differently: they move only their own view, never the
    /// meeting, and quit without asking (the timebox is the facilitator's).
    fn update_note_taker(&mut self, action: Action) -> Option<Vec<Effect>> {
        let here = self.view_place();
        let moved = match action {
            Action::Next => self.run.next_place(here),
            Action::Previous => self.run.previous_place(here),
            Action::Follow => {
                self.own = None;
                self.selected = None;
                self.after_fold();
                return Some(Vec::new());
            }
            Action::Quit => return Some(self.quit()),
            _ => return None,
        };
        if let Some(to) = moved {
            self.own = (to != self.run.place).then_some(to);
            self.selected = None;
            self.after_fold();
        }
        Some(Vec::new())
    }

    /// Moves to `to`. A running timebox hands over to the next: the flow of the meeting goes on
    /// without a second key press (a round passes from speaker to speaker with `n` alone).
    fn go(&mut self, to: Place) -> Vec<Effect> {
        self.selected = None;
        let mut effects = self.pause_current();
        let running = !effects.is_empty();
        effects.push(Effect::Append(Event::Moved { to }));
        if running {
            effects.push(Effect::Append(Event::TimerStarted { at: to }));
        }
        effects
    }

    /// Pauses the current timebox if it runs.
    fn pause_current(&self) -> Vec<Effect> {
        match self.run.current() {
            Some(t) if t.is_running() => {
                vec![Effect::Append(Event::TimerPaused { at: self.run.place })]
            }
            _ => Vec::new(),
        }
    }

    fn update_overview(&mut self, action: Action, selected: usize, now: Millis) -> Vec<Effect> {
        let items = self.run.session.agenda.len();
        match action {
            Action::Up => {
                self.overlay = Overlay::Overview {
                    selected: selected.saturating_sub(1),
                }
            }
            Action::Down => {
                self.overlay = Overlay::Overview {
                    selected: (selected + 1).min(items.saturating_sub(1)),
                }
            }
            Action::Confirm => {
                self.overlay = Overlay::None;
                if selected != self.run.place.item {
                    return self.go(Place {
                        item: selected,
                        step: 0,
                    });
                }
            }
            Action::Fit => self.open_fit(now),
            Action::UndoFit => return vec![Effect::Append(Event::FitUndone)],
            Action::Quit => {
                self.overlay = Overlay::None;
                return self.ask_quit();
            }
            Action::Back | Action::Overview => self.overlay = Overlay::None,
            _ => {}
        }
        Vec::new()
    }

    fn update_groups(&mut self, action: Action, selected: usize) -> Vec<Effect> {
        let choices = self.run.session.groups.len() + 1;
        match action {
            Action::Up => {
                self.overlay = Overlay::Groups {
                    selected: selected.saturating_sub(1),
                }
            }
            Action::Down => {
                self.overlay = Overlay::Groups {
                    selected: (selected + 1).min(choices - 1),
                }
            }
            Action::Confirm => {
                let group = selected
                    .checked_sub(1)
                    .and_then(|i| self.run.session.groups.get(i))
                    .cloned();
                self.choose_group(group);
                self.overlay = Overlay::None;
            }
            Action::Quit => {
                self.overlay = Overlay::None;
                return self.ask_quit();
            }
            Action::Back => self.overlay = Overlay::None,
            _ => {}
        }
        Vec::new()
    }

    /// `g`/`Tab`: new notes go to `group` for the rest of this item, and so does the note being
    /// written (it keeps its question), so the panel and "Anteckningar till:" always agree.
    fn choose_group(&mut self, group: Option<String>) {
        self.group = group.clone();
        if let Some(editor) = self.editor.as_mut()
            && editor.editing().is_none()
        {
            let at = editor.at();
            editor.set_target(at, group);
        }
        self.settle();
    }

    /// `q`: asks first while changes wait to be written; else quits.
    fn quit(&mut self) -> Vec<Effect> {
        if self.notice.unsaved > 0 {
            self.overlay = Overlay::ConfirmQuitUnsaved;
            Vec::new()
        } else {
            vec![Effect::Quit]
        }
    }

    /// Called after time passes or events arrive: rings the bell once when the current timebox
    /// runs out.
    pub fn tick(&mut self, now: Millis) -> Vec<Effect> {
        let mut effects = if self.draft_due.is_some_and(|due| due <= now) {
            self.flush_draft()
        } else {
            Vec::new()
        };
        effects.extend(self.ring(now));
        effects
    }

    fn ring(&mut self, now: Millis) -> Vec<Effect> {
        let place = self.run.place;
        let over = self
            .run
            .current()
            .is_some_and(|t| t.phase(now) == Phase::Over);
        if over && self.rung.insert(place) && !self.bell_muted {
            vec![Effect::Bell]
        } else {
            Vec::new()
        }
    }

    /// The next moment the screen would look different without any input: the countdown's next
    /// second, or the wall clock's next minute.
    /// A draft that falls due is in the wake set too, so it is journalled on time with no
    /// timebox running (lobby, paused, a join).
    pub fn next_wake(&self, now: Millis) -> Millis {
        let next_minute = |t: Millis| now.saturating_add(60_000 - t.rem_euclid(60_000));
        let clock = next_minute(now);
        // The projected end moves with "now" while the clock stands still between items.
        let projected = next_minute(self.projection(now).projected_end);
        let countdown = self.run.current().and_then(|t| t.next_change(now));
        [Some(clock), Some(projected), countdown, self.draft_due]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(clock)
    }

    pub fn projection(&self, now: Millis) -> Projection {
        let start = planned_start(self.ctx.start_of_day, &self.run);
        project(&self.run, start, now)
    }
}

/// The start of a note's text, on one line, for a message about it.
fn snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short = crate::ui::fit::truncate(line, 30);
    if short.len() < text.len() && !short.ends_with('…') {
        format!("{short}…")
    } else {
        short
    }
}
