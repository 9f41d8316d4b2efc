//! The stage: what the facilitator shares on screen. `Stage` is the model, `update` turns an
//! action into effects, `input` routes keys and pasted text to it or to the note editor, `view`
//! draws it; the terminal loop (`crate::tui`) performs the effects. `keys` holds one binding
//! table per mode (stage, list overlay, question), `notes` the note editor and panel it embeds.
//! It draws with `crate::ui` and reads the recap from the read model (`crate::run::catalog`); it
//! imports no other screen.

pub mod action;
pub mod keys;
pub mod notes;
pub mod speech;
pub mod view;

mod input;
mod update;

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use crate::stage::notes::NoteEditor;
use crate::stage::notes::order::NoteOrder;

pub use action::Action;

use crate::i18n::deletion::Undo;
use crate::run::fit::Proposal;
use crate::run::projection::{Projection, planned_start, project};
use crate::run::state::RunState;
use crate::run::timer::Phase;
use crate::run::{Event, Millis, NoteId, Place, Role};
use crate::ui::deletion::deletion_notice;

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
    /// "The note being typed is kept as an unfinished note. Quit?"
    ConfirmQuitTyping,
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
    /// The step where `g`/`Tab` last chose a group: there the choice holds even on a step the
    /// whole group does together.
    group_chosen_at: Option<Place>,
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
    /// The run's newest deletion this stage has said (or found when it opened), so that each
    /// is said once ([`after_fold`](Self::after_fold)).
    deletion_said: Option<crate::run::state::Deletion>,
    /// A note-taker who stepped away from the facilitator's place is here; `None` follows.
    pub own: Option<Place>,
    /// The order of the notes on screen, for a place and a version of the notes
    /// ([`RunState::notes_changes`]): worked out when they change, not for every frame.
    note_order: RefCell<Option<(u64, Place, Arc<NoteOrder>)>>,
    /// The notes panel as last drawn, and what it was drawn from (see [`view::notes`]).
    pub(crate) notes_panel: RefCell<Option<view::notes::Drawn>>,
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
    /// Journals over the size bound, not read (said as such, not as damaged lines).
    pub too_large: usize,
    /// Events waiting to be written: quitting asks first, and leaves a copy of them.
    pub unsaved: usize,
    /// Of those, notes (new or changed): "2 anteckningar sparas …" until the writer confirms.
    pub unsaved_notes: usize,
    /// What the last key did that the screen would not show otherwise ("Raderade … · u ångrar");
    /// until the next key.
    pub flash: Option<String>,
    /// Sync conflict copies of journals read with them.
    pub copies: usize,
    /// This computer's clock is this many seconds behind the facilitator's (negative: ahead);
    /// the countdown and what this terminal writes are corrected by it.
    pub clock_off: Option<i64>,
    /// Entries from the future held back until this clock reaches them
    /// ([`hold`](crate::run::hold)).
    pub held: usize,
    /// Who took over as facilitator from this stage, which follows as a note-taker since.
    pub taken_over_by: Option<String>,
    /// Notes deleted in other terminals said here so far, and the words of the last: the
    /// screen shows them as the flash, a screen reader says them once (one source of words).
    pub deleted_elsewhere: Option<(usize, String)>,
    /// What the run header's session copy held that was set aside, worded
    /// ([`check`](crate::run::open::header::check)).
    pub set_aside: Vec<String>,
}

impl Stage {
    pub fn new(run: RunState, ctx: Context, bell_muted: bool, now: Millis) -> Stage {
        let deletion_said = run.deletions.last().cloned();
        let mut stage = Stage {
            run,
            ctx,
            overlay: Overlay::None,
            show_facilitator_notes: false,
            bell_muted,
            group: None,
            home_group: None,
            group_item: 0,
            group_chosen_at: None,
            rung: HashSet::new(),
            notice: Notice::default(),
            editor: None,
            editor_open: false,
            draft_due: None,
            selected: None,
            last_deleted: None,
            deletion_said,
            own: None,
            note_order: RefCell::new(None),
            notes_panel: RefCell::new(None),
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
            _ => (self.view_place(), self.step_group()),
        }
    }

    /// The group a new note on the step on screen goes to: none (the whole group) on a step the
    /// whole group does together, unless `g` chose one there; else the group chosen.
    fn step_group(&self) -> Option<&str> {
        let place = self.view_place();
        let whole = self.run.session.whole_group_step(place.item, place.step);
        if whole && self.group_chosen_at != Some(place) {
            None
        } else {
            self.group.as_deref()
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
        self.say_deletion();
    }

    /// A note deleted in another terminal is said here until the next key: who deleted whose
    /// note, where, its first words, and who can bring it back — `u` here, when this terminal
    /// may change the note (its writer or the facilitator).
    fn say_deletion(&mut self) {
        let Some(deletion) = crate::ui::deletion::newer(&self.run, &mut self.deletion_said) else {
            return;
        };
        // Our own `x` said it already.
        if self.last_deleted.as_ref() == Some(&deletion.id) {
            return;
        }
        let Some(note) = self.run.note(&deletion.id) else {
            return;
        };
        let undo = if self.may_change(note) {
            self.last_deleted = Some(deletion.id.clone());
            Undo::Here
        } else {
            Undo::Elsewhere { writer: &note.by }
        };
        let text = self.ctx.ui.text();
        let Some(words) = deletion_notice(text, &self.run, &deletion, undo) else {
            return;
        };
        let said = self
            .notice
            .deleted_elsewhere
            .as_ref()
            .map_or(0, |(n, _)| *n);
        self.notice.deleted_elsewhere = Some((said + 1, words.clone()));
        self.notice.flash = Some(words);
    }

    /// Whether this terminal may edit or delete `note`: the facilitator any, a note-taker their
    /// own (as every terminal's fold will judge it, [`authority`](crate::run::authority)).
    pub fn may_change(&self, note: &crate::run::state::Note) -> bool {
        crate::run::authority::may_change(&self.run, &self.ctx.author, self.ctx.role, note)
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
        let group = self.step_group().map(str::to_string);
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
            Overlay::ConfirmQuit
            | Overlay::ConfirmEnd
            | Overlay::ConfirmQuitUnsaved
            | Overlay::ConfirmQuitTyping => keys::CONFIRM,
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
    /// While the countdown shows a new second every second, the minutes of the clock and of the
    /// projected end are drawn with its next second (less than a second late) rather than on a
    /// wake of their own: an idle stage wakes once per shown second.
    pub fn next_wake(&self, now: Millis) -> Millis {
        let next_minute = |t: Millis| now.saturating_add(60_000 - t.rem_euclid(60_000));
        let clock = next_minute(now);
        // The projected end moves with "now" while the clock stands still between items.
        let projected = next_minute(self.projection(now).projected_end);
        let countdown = self.run.current().and_then(|t| t.next_change(now));
        let ticking = countdown.is_some_and(|at| at.saturating_sub(now) <= 1000);
        let minutes = (!ticking).then_some(clock.min(projected));
        // A note-taker going quiet is shown (to the facilitator) when it happens; while the
        // countdown ticks, on its next second.
        let quiet = match self.ctx.role {
            Role::Facilitator if !ticking => crate::run::quiet::next_quiet(&self.run, now),
            _ => None,
        };
        [minutes, countdown, self.draft_due, quiet]
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
