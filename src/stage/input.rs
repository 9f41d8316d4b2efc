//! The stage's input: keys and pasted text, routed to the note editor when it is open, and the
//! editor's outcomes (a note saved, a draft kept or journalled after a pause) as effects.

use ratatui::crossterm::event::KeyEvent;

use crate::run::{Event, Millis};
use crate::stage::notes::{EditorOutcome, NoteEditor};
use crate::ui::keymap::lookup;

use super::{Action, DRAFT_DELAY, Effect, Overlay, Stage, keys, notes};

impl Stage {
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
            let group = self.target().1.map(str::to_string);
            self.editor = Some(NoteEditor::new(self.view_place(), group));
        }
        self.settle();
        self.editor_open = true;
    }

    /// What must reach the journal before the process ends: a new note being typed, as a note
    /// marked unfinished (in the record for everyone, for its writer to finish or delete later);
    /// a change of a saved note in progress, as that note's text marked unfinished. A change
    /// that changes nothing, or of a note gone or no longer ours to change, stays the private
    /// draft it was.
    pub fn leaving(&mut self) -> Vec<Effect> {
        let Some(editor) = self.editor.as_ref() else {
            return Vec::new();
        };
        let text = editor.text();
        if text.trim().is_empty() || text.len() > notes::editor::MAX_NOTE {
            return self.flush_draft();
        }
        let ev = match editor.editing() {
            Some(id) => match self.run.note(id) {
                Some(note) if note.text != text && self.may_change(note) => Event::EditUnfinished {
                    id: id.clone(),
                    kind: editor.kind(),
                    text,
                },
                _ => return self.flush_draft(),
            },
            None => Event::Unfinished {
                at: editor.at(),
                group: editor.group().map(str::to_string),
                text,
                by: self.ctx.author.clone(),
            },
        };
        if let Some(editor) = self.editor.as_mut() {
            editor.clear();
        }
        self.draft_due = None;
        vec![Effect::Append(ev)]
    }

    /// The editor's text is journalled as a draft at the next wake: a note typed in
    /// screen-reader mode and continued on the next line, which a crash must not lose.
    pub fn keep_draft(&mut self, now: Millis) {
        self.draft_due = Some(now);
    }

    /// Whether words are being typed in the editor (open or kept): quitting asks first.
    pub(super) fn typing(&self) -> bool {
        self.editor
            .as_ref()
            .is_some_and(|e| !e.text().trim().is_empty())
    }

    /// The draft event for the editor's text, now (an empty text clears the journalled draft);
    /// for a saved note being changed, the edit in progress.
    pub(super) fn flush_draft(&mut self) -> Vec<Effect> {
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
}
