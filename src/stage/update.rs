//! The stage's `update`: one action in, the model changed and the effects out, for the stage
//! and for each overlay (overview, groups, help, fit, the questions asked before quitting or
//! starting late).

use crate::run::fit::{Proposal, propose};
use crate::run::projection::{asks_about_late_start, planned_start};
use crate::run::{Event, Millis, NoteKind, Place, Role};
use crate::stage::notes::NoteEditor;
use crate::stage::notes::order::Shown;

use super::{Action, Effect, Overlay, Stage, view};

impl Stage {
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
            Overlay::ConfirmQuit | Overlay::ConfirmQuitUnsaved | Overlay::ConfirmQuitTyping => {
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
            Action::RoomView => self.next_room_view(),
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
                    if self.may_change(note) {
                        self.editor = Some(NoteEditor::for_note(note));
                        self.editor_open = true;
                    } else {
                        self.notice.flash = Some(self.ctx.ui.text().not_your_note().to_string());
                    }
                }
                Vec::new()
            }
            Action::DeleteNote => match self.selected.take() {
                Some(id) if !self.run.note(&id).is_none_or(|n| self.may_change(n)) => {
                    self.notice.flash = Some(self.ctx.ui.text().not_your_note().to_string());
                    self.selected = Some(id);
                    Vec::new()
                }
                Some(id) => {
                    let snippet = self
                        .run
                        .note(&id)
                        .map(|n| crate::ui::labels::note_snippet(&n.text))
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
    /// `v`: the room's screen shows the next choice, journalled so that every show follows it
    /// (and a replay shows it); the stage says what the room sees now.
    fn next_room_view(&mut self) -> Vec<Effect> {
        let view = self.run.room.after(self.selected.as_ref());
        self.notice.flash = Some(self.ctx.ui.text().room_sees(&view));
        vec![Effect::Append(Event::RoomView { view })]
    }

    fn ask_quit(&mut self) -> Vec<Effect> {
        if self.typing() {
            return self.quit();
        }
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

    /// Closes the overlay open; `q` then asks to quit, as it does without one.
    fn close_overlay(&mut self, action: Action) -> Vec<Effect> {
        self.overlay = Overlay::None;
        if action == Action::Quit {
            self.ask_quit()
        } else {
            Vec::new()
        }
    }

    fn update_help(&mut self, action: Action, scroll: u16) -> Vec<Effect> {
        const PAGE: u16 = 10;
        let last = view::help_rows(self).saturating_sub(1);
        let scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1).min(last),
            Action::PageUp => scroll.saturating_sub(PAGE),
            Action::PageDown => scroll.saturating_add(PAGE).min(last),
            _ => return self.close_overlay(action),
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
        if let Some(selected) = moved(action, selected, self.run.session.agenda.len()) {
            self.overlay = Overlay::Fit { proposal, selected };
            return Vec::new();
        }
        if action != Action::Confirm {
            return self.close_overlay(action);
        }
        self.overlay = Overlay::None;
        proposal.map_or_else(Vec::new, |p| {
            vec![Effect::Append(Event::Fitted { changes: p.changes })]
        })
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
        if let Some(selected) = moved(action, selected, self.run.session.agenda.len()) {
            self.overlay = Overlay::Overview { selected };
            return Vec::new();
        }
        match action {
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
            Action::Quit => return self.close_overlay(action),
            Action::Back | Action::Overview => self.overlay = Overlay::None,
            _ => {}
        }
        Vec::new()
    }

    fn update_groups(&mut self, action: Action, selected: usize) -> Vec<Effect> {
        // The whole group, then the session's groups.
        if let Some(selected) = moved(action, selected, self.run.session.groups.len() + 1) {
            self.overlay = Overlay::Groups { selected };
            return Vec::new();
        }
        match action {
            Action::Confirm => {
                let group = selected
                    .checked_sub(1)
                    .and_then(|i| self.run.session.groups.get(i))
                    .cloned();
                self.choose_group(group);
                self.overlay = Overlay::None;
            }
            Action::Quit => return self.close_overlay(action),
            Action::Back => self.overlay = Overlay::None,
            _ => {}
        }
        Vec::new()
    }

    /// `g`/`Tab`: new notes go to `group` for the rest of this item, and so does the note being
    /// written (it keeps its question), so the panel and "Anteckningar till:" always agree.
    fn choose_group(&mut self, group: Option<String>) {
        self.group = group.clone();
        self.group_chosen_at = Some(self.view_place());
        if let Some(editor) = self.editor.as_mut()
            && editor.editing().is_none()
        {
            let at = editor.at();
            editor.set_target(at, group);
        }
        self.settle();
    }

    /// `q`, Ctrl+C: asks first while changes wait to be written or words are being typed (kept
    /// as an unfinished note on leaving, see [`Stage::leaving`]); else quits.
    fn quit(&mut self) -> Vec<Effect> {
        if self.notice.unsaved > 0 {
            self.overlay = Overlay::ConfirmQuitUnsaved;
            Vec::new()
        } else if self.typing() {
            self.overlay = Overlay::ConfirmQuitTyping;
            Vec::new()
        } else {
            vec![Effect::Quit]
        }
    }
}

/// Where ↑ or ↓ moves the cursor of a list of `len` rows from row `selected`; `None` for any
/// other action.
fn moved(action: Action, selected: usize, len: usize) -> Option<usize> {
    match action {
        Action::Up => Some(selected.saturating_sub(1)),
        Action::Down => Some((selected + 1).min(len.saturating_sub(1))),
        _ => None,
    }
}
