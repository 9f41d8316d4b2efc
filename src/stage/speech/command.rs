//! The lines a screen-reader user types, one command or one note per line (the terminal's own
//! line editing, which screen readers read well, instead of keys read one by one): and
//! [`Speech`], which keeps what the listener has heard between wakes and answers them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Heard, TimeMarks, narrate, next_due, notes_here, opening, status};
use crate::run::Millis;
use crate::stage::notes::NoteEditor;
use crate::stage::notes::editor::{EditorError, Kind};
use crate::stage::{Action, Effect, Overlay, Stage, keys};
use crate::ui::keymap::lookup;

/// Stage keys this mode leaves out: they act on what only the screen shows (the selected note,
/// the focus view, the room's screen, help that scrolls).
const NOT_SAID: &[Action] = &[
    Action::SelectPrevious,
    Action::SelectNext,
    Action::Newest,
    Action::ClearSelection,
    Action::EditNote,
    Action::DeleteNote,
    Action::RestoreNote,
    Action::ToggleDone,
    Action::Focus,
    Action::Help,
];

/// Keys of this mode only: status, repeat, the question's notes, the list of keys.
const STATUS: &str = ".";
const REPEAT: &str = "r";
const LIST_NOTES: &str = "l";
const KEYS: &str = "?";
/// Space alone is hard to type as a line and to hear: `t` starts and pauses too.
const TIMER: &str = "t";
/// Change or delete your latest note (the stage's `e` and `x` act on the selected one, which
/// this mode has not), and bring the deleted one back (`u`, as on the stage).
const EDIT_LAST: &str = "e";
const DELETE_LAST: &str = "x";
const RESTORE: &str = "u";
/// While the note prompt is open every line is a note ("i" and "å" are words): a key there is
/// typed after this, "/e"; outside the prompt it may be typed either way. `.`, `?` and `q` (no
/// one's note, and a note-taker's prompt is open from the start) are keys always.
const KEY_PREFIX: char = '/';
const QUIT: &str = "q";

/// What the listener has heard, and the answers to their lines waiting to be said.
pub struct Speech {
    marks: TimeMarks,
    /// The last line typed ended in `\`: the next one goes on with the same note.
    continuing: bool,
    /// A line that failed a check (an action without its owner), as typed: kept as the draft
    /// until the next line of the same kind corrects it, or saved first as a plain note when
    /// another note is typed — nothing typed is dropped.
    kept: Option<String>,
    heard: Option<Heard>,
    voice: crate::speech::Voice,
}

impl Speech {
    pub fn new(marks: TimeMarks) -> Speech {
        Speech {
            marks,
            continuing: false,
            kept: None,
            heard: None,
            voice: crate::speech::Voice::default(),
        }
    }

    /// Before the first lines: a note of ours left unsaved by a crash (its draft) is saved now,
    /// where it was started, since this mode has no editor to bring it back into.
    pub fn start(&mut self, stage: &mut Stage, now: Millis) -> Vec<Effect> {
        if stage.editor.as_ref().is_none_or(|e| e.is_blank()) {
            return Vec::new();
        }
        let open = stage.editor_open;
        stage.editor_open = true;
        let effects = stage.on_key(press(KeyCode::Enter), now);
        stage.editor_open = open;
        effects
    }

    /// The lines to say now: the first lines, or what changed since the last ones, then the
    /// answers to what was typed.
    pub fn speak(&mut self, stage: &Stage, now: Millis) -> Vec<String> {
        let (lines, heard) = match &self.heard {
            None => opening(stage, now, &self.marks),
            Some(before) => narrate(before, stage, now, &self.marks),
        };
        self.heard = Some(heard);
        self.voice.say(lines)
    }

    /// When something next falls due to be said.
    pub fn next_due(&self, stage: &Stage, now: Millis) -> Millis {
        next_due(stage, self.heard.as_ref(), now, &self.marks)
    }

    /// A line typed and Enter: a command, an answer to the question or list that is open, or
    /// (with the note prompt open) a note.
    pub fn on_line(&mut self, stage: &mut Stage, line: &str, now: Millis) -> Vec<Effect> {
        let text = stage.ctx.ui.text();
        let (typed, as_key) = key_or_line(line.trim());
        stage.notice.flash = None;
        let open = stage.overlay != Overlay::None;
        // With the prompt open a line is a note unless it is `/` and a key, `.`, `?` or `q`.
        let note = stage.editor_open && !as_key && !matches!(typed, STATUS | KEYS | QUIT);
        match typed {
            _ if self.continuing && note => {}
            STATUS | REPEAT | LIST_NOTES | KEYS => {}
            _ if open => return self.answer(stage, typed, now),
            _ => {}
        }
        match typed {
            // A note going on: every line is its text, an empty one a blank line in it.
            _ if self.continuing && note => self.write(stage, typed, now),
            "" if stage.editor_open => {
                stage.editor_open = false;
                Vec::new()
            }
            _ if note => self.write(stage, typed, now),
            EDIT_LAST => self.on_latest(stage, Action::EditNote, now),
            DELETE_LAST => self.on_latest(stage, Action::DeleteNote, now),
            RESTORE => self.restore(stage, now),
            "" => Vec::new(),
            STATUS => {
                self.voice.answer(status(stage, now));
                Vec::new()
            }
            REPEAT => {
                let again = self.voice.last().unwrap_or_else(|| status(stage, now));
                self.voice.answer(again);
                Vec::new()
            }
            LIST_NOTES => {
                self.voice.answer_all(notes_here(stage));
                Vec::new()
            }
            KEYS => {
                self.voice.answer_all(keys_said(stage));
                Vec::new()
            }
            _ => match stage_key(stage, typed) {
                Some(action) => stage.update(action, now),
                None => {
                    self.voice.answer(text.said_not_a_key(typed));
                    Vec::new()
                }
            },
        }
    }

    /// A line while a question or a list is open: its number, or its key; empty cancels.
    fn answer(&mut self, stage: &mut Stage, typed: &str, now: Millis) -> Vec<Effect> {
        let text = stage.ctx.ui.text();
        let number = typed.parse::<usize>().ok();
        let picked = match (&stage.overlay, number) {
            (Overlay::Groups { .. }, Some(n)) if n <= stage.run.session.groups.len() => {
                Some(Overlay::Groups { selected: n })
            }
            (Overlay::Overview { .. }, Some(n))
                if (1..=stage.run.session.agenda.len()).contains(&n) =>
            {
                Some(Overlay::Overview { selected: n - 1 })
            }
            _ => None,
        };
        if let Some(picked) = picked {
            stage.overlay = picked;
            return stage.update(Action::Confirm, now);
        }
        let key = match typed {
            "" => press(KeyCode::Esc),
            _ => match one_char(typed) {
                Some(c) => press(KeyCode::Char(c)),
                None => {
                    self.voice.answer(text.said_not_a_key(typed));
                    return Vec::new();
                }
            },
        };
        let before = stage.overlay.clone();
        let effects = stage.on_key(key, now);
        if effects.is_empty() && stage.overlay == before {
            self.voice.answer(text.said_not_a_key(typed));
        }
        effects
    }

    /// Saves `typed` as a note where the prompt said it goes ([`typed::read`]: a kind named
    /// first, a line ending in `\` goes on); or, after `e`, as the new text of the note being
    /// changed.
    fn write(&mut self, stage: &mut Stage, typed: &str, now: Millis) -> Vec<Effect> {
        let text = stage.ctx.ui.text();
        let continuing = self.continuing;
        let line = super::typed::read(text, typed, !continuing);
        let mut effects = Vec::new();
        let mut so_far = stage.editor.take();
        if let Some(kept) = self.kept.take() {
            match so_far {
                // Another kind of note: the kept line is saved first, as typed, where it was
                // begun, and said so.
                Some(failed) if !continuing && failed.kind_choice() != line.kind => {
                    let at = failed.at();
                    let group = failed.group().map(str::to_string);
                    stage.editor = Some(NoteEditor::with_text(at, group, &kept));
                    effects = stage.on_key(press(KeyCode::Enter), now);
                    self.voice
                        .answer(match stage.editor.as_ref().and_then(NoteEditor::error) {
                            Some(error) => error.words(text),
                            None => text.said_kept_saved(&kept),
                        });
                    so_far = stage.editor.take().filter(|e| !e.is_blank());
                }
                // The same kind: the correction replaces it.
                _ => {}
            }
        }
        let editing = so_far.as_ref().is_some_and(|e| e.editing().is_some());
        let editor = match so_far {
            Some(editor) if continuing => {
                let joined = format!("{}\n{}", editor.text(), line.text);
                editor.with_replaced_text(&joined)
            }
            // The first line after `e`: the note's new text, its kind and place kept.
            Some(editor) if editing => editor.with_replaced_text(&line.text),
            _ => {
                let (at, group) = match self.heard.as_ref().and_then(|h| h.prompt.clone()) {
                    Some(target) => target,
                    None => {
                        let (at, group) = stage.target();
                        (at, group.map(str::to_string))
                    }
                };
                let mut editor = NoteEditor::with_text(at, group, &line.text);
                match line.kind {
                    Kind::Action => editor.set_action(&line.owner, line.due.as_deref()),
                    kind => editor.set_kind(kind),
                }
                editor
            }
        };
        stage.editor = Some(editor);
        self.continuing = line.more;
        if line.more {
            // Kept as a draft meanwhile: a crash does not lose the lines typed so far.
            stage.keep_draft(now);
            self.voice.answer(text.said_next_line().to_string());
            return Vec::new();
        }
        effects.extend(stage.on_key(press(KeyCode::Enter), now));
        match stage.editor.as_ref().and_then(NoteEditor::error) {
            // Kept for the next try, not dropped: the prompt stays where it was, and the draft
            // is on disk.
            Some(error) => {
                self.voice.answer(error.words(text));
                if error == EditorError::OwnerMissing && !continuing && !editing {
                    stage.keep_draft(now);
                    self.voice.answer(text.said_kept(typed));
                    self.kept = Some(typed.to_string());
                }
            }
            None if editing => self.voice.answer(text.said_changed().to_string()),
            None => {}
        }
        effects
    }

    /// `e` (change) or `x` (delete): your latest note, its text said, acted on as the stage's
    /// key acts on the selected note.
    fn on_latest(&mut self, stage: &mut Stage, action: Action, now: Millis) -> Vec<Effect> {
        let text = stage.ctx.ui.text();
        let author = stage.ctx.author.clone();
        let last = stage
            .run
            .live_notes()
            .filter(|n| n.by == author && stage.may_change(n))
            .max_by_key(|n| n.written)
            .map(|n| (n.id.clone(), n.text.clone()));
        let Some((id, said)) = last else {
            self.voice.answer(text.said_no_note_of_yours().to_string());
            return Vec::new();
        };
        stage.selected = Some(id);
        let effects = stage.update(action, now);
        stage.selected = None;
        self.continuing = false;
        let answer = match action {
            Action::EditNote => text.said_editing(&said),
            _ => text.said_deleted(&said),
        };
        self.voice.answer(crate::text::clean_line(&answer));
        effects
    }

    /// `u`: the note deleted last comes back.
    fn restore(&mut self, stage: &mut Stage, now: Millis) -> Vec<Effect> {
        let text = stage.ctx.ui.text();
        let effects = stage.update(Action::RestoreNote, now);
        self.voice.answer(
            if effects.is_empty() {
                text.said_nothing_to_restore()
            } else {
                text.said_restored()
            }
            .to_string(),
        );
        effects
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A line as typed: `/` and one character is that key (`true`); any other line is itself.
fn key_or_line(typed: &str) -> (&str, bool) {
    match typed.strip_prefix(KEY_PREFIX) {
        Some(key) if one_char(key).is_some() => (key, true),
        _ => (typed, false),
    }
}

fn one_char(typed: &str) -> Option<char> {
    let mut chars = typed.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// The stage action of a typed key, for this role and now.
fn stage_key(stage: &Stage, typed: &str) -> Option<Action> {
    if typed == TIMER {
        return Some(Action::ToggleTimer).filter(|a| said_key(stage, *a));
    }
    let c = one_char(typed)?;
    lookup(
        keys::for_role(keys::STAGE, stage.ctx.role),
        press(KeyCode::Char(c)),
    )
    .filter(|a| said_key(stage, *a))
}

fn said_key(stage: &Stage, action: Action) -> bool {
    action.is_for(stage.ctx.role) && stage.applies(action) && !NOT_SAID.contains(&action)
}

/// `?`: every key of this mode for this role, one per line.
pub fn keys_said(stage: &Stage) -> Vec<String> {
    let text = stage.ctx.ui.text();
    let mut lines = vec![text.said_keys().to_string()];
    let own: [(&str, &str); 7] = [
        (STATUS, text.key_status()),
        (REPEAT, text.key_repeat()),
        (LIST_NOTES, text.key_list_notes()),
        (KEYS, text.key_list_keys()),
        (EDIT_LAST, text.key_edit_last()),
        (DELETE_LAST, text.key_delete_last()),
        (RESTORE, text.key_restore_note),
    ];
    lines.extend(own.iter().map(|(k, words)| format!("{k}: {words}")));
    for binding in keys::for_role(keys::STAGE, stage.ctx.role) {
        if NOT_SAID.contains(&binding.action) || !binding.listed {
            continue;
        }
        let typed: Vec<String> = binding
            .keys
            .iter()
            .filter_map(|k| match k.code {
                KeyCode::Char(' ') => Some(TIMER.to_string()),
                KeyCode::Char(c) if k.modifiers.is_empty() => Some(c.to_string()),
                _ => None,
            })
            .collect();
        if typed.is_empty() {
            continue;
        }
        let words = if binding.action == Action::Write {
            text.key_write_line()
        } else {
            (binding.describe)(text)
        };
        lines.push(format!("{}: {words}", typed.join(" ")));
    }
    lines.push(text.key_prefix_rule().to_string());
    lines.push(text.key_empty_line().to_string());
    lines.extend(text.said_note_syntax());
    lines
}
