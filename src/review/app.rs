//! The review's model: which screen, what is selected, the search. `on_key` turns a key into an
//! [`Action`] through the binding table, `update` changes the model and returns the effects for
//! the edge to perform (writing "action done" to the run, quitting). Nothing here touches a file
//! or a clock.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::{self, Action};
use crate::run::catalog::{Hit, NoteRef, Target, TrackView, all_actions, search};
use crate::run::{Millis, NoteId, NoteKind};
use crate::text::clean_line;

/// The review's screens, in the order Tab and the number keys know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Runs,
    Agenda,
    Notes,
    Actions,
    Search,
    /// Where the time went, across the track.
    Time,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Runs,
        Screen::Agenda,
        Screen::Notes,
        Screen::Actions,
        Screen::Search,
        Screen::Time,
    ];

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn name(self, text: &crate::i18n::Text) -> &'static str {
        match self {
            Screen::Runs => text.screen_runs,
            Screen::Agenda => text.agenda,
            Screen::Notes => text.notes,
            Screen::Actions => text.actions,
            Screen::Search => text.screen_search,
            Screen::Time => text.screen_time(),
        }
    }
}

/// What `update` asks the edge to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Append `ActionDone { id, done }` to run `run` (an index into `TrackView::runs`), then tell
    /// the review with [`Review::changed`].
    SetDone {
        run: usize,
        id: NoteId,
        done: bool,
    },
    Quit,
}

/// Rows one PageUp / PageDown moves.
const PAGE: usize = 10;

#[derive(Debug, Clone)]
pub struct Review {
    pub view: TrackView,
    pub ctx: crate::ui::Ctx,
    pub screen: Screen,
    /// Where Esc in the search goes back to.
    before_search: Screen,
    /// The run the agenda and notes screens show, and the one selected in the runs screen.
    pub run: usize,
    /// The agenda item selected in the chart.
    pub item: usize,
    /// The note selected in the notes screen: a position in the run's `order`.
    pub note: usize,
    /// Every action item of the track, and the one selected.
    pub actions: Vec<NoteRef>,
    pub action: usize,
    pub query: String,
    pub hits: Vec<Hit>,
    pub hit: usize,
    pub help: bool,
    /// The page of help shown, on a zoomed terminal where it takes more than one (PageDown or
    /// space turns it; the view wraps it round).
    pub help_page: usize,
    /// The first row of where the time went in view.
    pub time_row: usize,
    /// Why writing fails right now, shown until it works.
    pub save_error: Option<String>,
}

impl Review {
    pub fn new(view: TrackView, ctx: crate::ui::Ctx) -> Review {
        let actions = all_actions(&view.runs);
        Review {
            view,
            ctx,
            screen: Screen::Runs,
            before_search: Screen::Runs,
            run: 0,
            item: 0,
            note: 0,
            actions,
            action: 0,
            query: String::new(),
            hits: Vec::new(),
            hit: 0,
            help: false,
            help_page: 0,
            time_row: 0,
            save_error: None,
        }
    }

    /// Opens run `run` (an index into `TrackView::runs`) on its agenda chart.
    pub fn open_run(&mut self, run: usize) {
        self.select_run(run);
        self.screen = Screen::Agenda;
    }

    /// The key table in force.
    pub fn bindings(&self) -> &'static [keys::Binding] {
        if self.screen == Screen::Search {
            keys::SEARCH
        } else {
            keys::BROWSE
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let action = crate::ui::keymap::lookup(self.bindings(), key);
        if self.help {
            // PageDown or space turns a page of help on a zoomed terminal.
            if action == Some(Action::PageDown) {
                self.help_page += 1;
                return Vec::new();
            }
            // Any other key closes help, so nobody is stuck in it; Ctrl+C still quits.
            self.help = false;
            self.help_page = 0;
            return match action {
                Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    vec![Effect::Quit]
                }
                _ => Vec::new(),
            };
        }
        match action {
            Some(action) => self.update(action),
            None => {
                let plain = !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if let (Screen::Search, KeyCode::Char(c), true) = (self.screen, key.code, plain) {
                    self.type_text(&c.to_string());
                }
                Vec::new()
            }
        }
    }

    /// A bracketed paste: into the search query when the search is open.
    pub fn on_paste(&mut self, text: &str) {
        if self.screen == Screen::Search && !self.help {
            self.type_text(text);
        }
    }

    fn type_text(&mut self, text: &str) {
        self.query.push_str(&clean_line(text));
        self.run_search();
    }

    fn run_search(&mut self) {
        self.hits = search(&self.view.runs, &self.query);
        self.hit = 0;
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::NextScreen | Action::PreviousScreen => {
                let n = Screen::ALL.len();
                let step = if action == Action::NextScreen {
                    1
                } else {
                    n - 1
                };
                self.show(Screen::ALL[(self.screen.index() + step) % n]);
            }
            Action::Show(screen) => self.show(screen),
            Action::Search => self.show(Screen::Search),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(PAGE as isize)),
            Action::PageDown => self.move_by(PAGE as isize),
            Action::PreviousRun => self.select_run(self.run.saturating_sub(1)),
            Action::NextRun => self.select_run(self.run + 1),
            Action::Open => self.open(),
            Action::ToggleDone => return self.toggle_done(),
            Action::Help => self.help = true,
            Action::Quit => return vec![Effect::Quit],
            Action::Back => self.screen = self.before_search,
            Action::ClearQuery => {
                if self.screen == Screen::Search {
                    self.query.clear();
                    self.run_search();
                }
            }
            Action::DeleteChar => {
                self.query.pop();
                self.run_search();
            }
        }
        Vec::new()
    }

    fn show(&mut self, screen: Screen) {
        if screen == Screen::Search && self.screen != Screen::Search {
            self.before_search = self.screen;
        }
        self.screen = screen;
    }

    fn select_run(&mut self, run: usize) {
        let run = run.min(self.view.runs.len().saturating_sub(1));
        if run != self.run {
            self.item = 0;
            self.note = 0;
        }
        self.run = run;
    }

    fn move_by(&mut self, delta: isize) {
        let step = |at: usize, len: usize| -> usize {
            at.saturating_add_signed(delta).min(len.saturating_sub(1))
        };
        match self.screen {
            Screen::Runs => self.select_run(step(self.run, self.view.runs.len())),
            Screen::Agenda => {
                let items = self
                    .view
                    .runs
                    .get(self.run)
                    .map_or(0, |r| r.session().agenda.len());
                self.item = step(self.item, items);
            }
            Screen::Notes => {
                let notes = self.view.runs.get(self.run).map_or(0, |r| r.order.len());
                self.note = step(self.note, notes);
            }
            Screen::Actions => self.action = step(self.action, self.actions.len()),
            Screen::Search => self.hit = step(self.hit, self.hits.len()),
            // Scrolled by the view's rows, which it bounds when it draws.
            Screen::Time => self.time_row = self.time_row.saturating_add_signed(delta),
        }
    }

    /// Enter: a run opens on its agenda, an item on its notes; an action and a search result
    /// jump to where they were written.
    fn open(&mut self) {
        match self.screen {
            Screen::Runs => {
                if !self.view.runs.is_empty() {
                    self.screen = Screen::Agenda;
                }
            }
            Screen::Agenda => {
                if let Some(run) = self.view.runs.get(self.run) {
                    let place = crate::run::Place {
                        item: self.item,
                        step: 0,
                    };
                    self.note = run
                        .first_note_from(place)
                        .unwrap_or(run.order.len().saturating_sub(1));
                    self.screen = Screen::Notes;
                }
            }
            Screen::Notes | Screen::Time => {}
            Screen::Actions => {
                if let Some(r) = self.actions.get(self.action).copied() {
                    self.jump_to_note(r);
                }
            }
            Screen::Search => match self.hits.get(self.hit).copied() {
                Some(Hit {
                    run,
                    target: Target::Note(note),
                }) => self.jump_to_note(NoteRef { run, note }),
                Some(Hit {
                    run,
                    target: Target::Place(place),
                }) => {
                    self.select_run(run);
                    let here = self.view.runs[run].first_note_from(place).filter(|&i| {
                        self.view.runs[run].state.notes[self.view.runs[run].order[i]].at == place
                    });
                    match here {
                        Some(i) => {
                            self.note = i;
                            self.screen = Screen::Notes;
                        }
                        None => {
                            self.item = place.item;
                            self.screen = Screen::Agenda;
                        }
                    }
                }
                None => {}
            },
        }
    }

    fn jump_to_note(&mut self, r: NoteRef) {
        self.select_run(r.run);
        if let Some(run) = self.view.runs.get(r.run) {
            if let Some(i) = run.order.iter().position(|&n| n == r.note) {
                self.note = i;
            }
            if let Some(note) = run.state.notes.get(r.note) {
                self.item = note.at.item;
            }
        }
        self.screen = Screen::Notes;
    }

    /// The note `d` acts on: the selected action, or the selected note of the notes screen.
    pub fn selected_note(&self) -> Option<NoteRef> {
        match self.screen {
            Screen::Actions => self.actions.get(self.action).copied(),
            Screen::Notes => {
                let run = self.view.runs.get(self.run)?;
                let note = *run.order.get(self.note)?;
                Some(NoteRef {
                    run: self.run,
                    note,
                })
            }
            _ => None,
        }
    }

    fn toggle_done(&mut self) -> Vec<Effect> {
        let Some(r) = self.selected_note() else {
            return Vec::new();
        };
        match self.view.note(r) {
            Some(note) if matches!(note.kind, NoteKind::Action { .. }) => vec![Effect::SetDone {
                run: r.run,
                id: note.id.clone(),
                done: !note.done,
            }],
            _ => Vec::new(),
        }
    }

    /// The edge wrote to run `run` (an index into `TrackView::runs`) and folded it into its
    /// state: index it again and recompute what derives from it.
    pub fn changed(&mut self, run: usize, now: Millis) {
        if let Some(r) = self.view.runs.get_mut(run) {
            r.refresh(now);
        }
        self.refresh();
    }

    /// Recomputes what is derived from the runs: the actions and the search results, keeping the
    /// selections where they are.
    pub fn refresh(&mut self) {
        self.actions = all_actions(&self.view.runs);
        self.action = self.action.min(self.actions.len().saturating_sub(1));
        let hit = self.hit;
        self.run_search();
        self.hit = hit.min(self.hits.len().saturating_sub(1));
        let notes = self.view.runs.get(self.run).map_or(0, |r| r.order.len());
        self.note = self.note.min(notes.saturating_sub(1));
    }
}
