//! The note editor's own keys, in one table: it drives the editor's input, its hint line and
//! the `?` help, so no key is described twice.
//!
//! While the editor is open every printable key is text (`q`, `n`, `p`, space…). Only the keys
//! below, the usual editing keys (arrows, Home/End, Backspace/Delete, Ctrl+W, Ctrl+K, Shift+arrows
//! to select) and Ctrl+C (left to the caller, which quits) are not.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Text;

/// What a key asks the editor to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditorAction {
    Save,
    LineBreak,
    Close,
    CycleKind,
    NextField,
    PreviousField,
    Undo,
    Redo,
}

/// One binding: key presses (code and modifiers, exactly), how help writes them, what they do.
pub struct EditorBinding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in help ("Alt+Enter Ctrl+J"); the hint line shows the first.
    pub label: &'static str,
    pub action: EditorAction,
    /// What they do, for help; the hint line shows what comes before a comma or colon.
    pub describe: fn(&Text) -> &'static str,
    /// Shown in the editor's hint line.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL_SHIFT: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::SHIFT);

/// The editor's keys, in the order help and the hint line show them.
pub static EDITOR: &[EditorBinding] = &[
    EditorBinding {
        // Ctrl+M is what Enter sends on a terminal without keyboard enhancements.
        keys: &[(KeyCode::Enter, NONE), (KeyCode::Char('m'), CTRL)],
        label: "Enter",
        action: EditorAction::Save,
        describe: |t| t.key_save,
        hint: true,
    },
    EditorBinding {
        // Shift+Enter too, where the terminal tells it from Enter (kitty keyboard protocol).
        keys: &[
            (KeyCode::Enter, ALT),
            (KeyCode::Char('j'), CTRL),
            (KeyCode::Enter, SHIFT),
        ],
        label: "Alt+Enter Ctrl+J",
        action: EditorAction::LineBreak,
        describe: |t| t.key_line_break,
        hint: true,
    },
    EditorBinding {
        keys: &[(KeyCode::Esc, NONE)],
        label: "Esc",
        action: EditorAction::Close,
        describe: |t| t.key_close_editor,
        hint: true,
    },
    EditorBinding {
        keys: &[(KeyCode::Tab, NONE)],
        label: "Tab",
        action: EditorAction::NextField,
        describe: |t| t.key_field,
        hint: true,
    },
    EditorBinding {
        keys: &[(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)],
        label: "Shift+Tab",
        action: EditorAction::PreviousField,
        describe: |t| t.key_previous_field,
        hint: false,
    },
    EditorBinding {
        keys: &[(KeyCode::Char('t'), CTRL), (KeyCode::F(2), NONE)],
        label: "Ctrl+T F2",
        action: EditorAction::CycleKind,
        describe: |t| t.key_kind,
        hint: true,
    },
    EditorBinding {
        keys: &[(KeyCode::Char('z'), CTRL)],
        label: "Ctrl+Z",
        action: EditorAction::Undo,
        describe: |t| t.key_undo,
        hint: true,
    },
    EditorBinding {
        keys: &[(KeyCode::Char('y'), CTRL), (KeyCode::Char('z'), CTRL_SHIFT)],
        label: "Ctrl+Y Ctrl+Shift+Z",
        action: EditorAction::Redo,
        describe: |t| t.key_redo,
        hint: false,
    },
];

/// The key as the table writes it: only Ctrl, Alt and Shift count, and a letter with Ctrl is
/// lower case (Ctrl+Shift+Z arrives as `Z` or `z` with Shift, depending on the terminal).
pub fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = key.modifiers & (CTRL | ALT | SHIFT);
    match key.code {
        KeyCode::Char(c) if mods.contains(CTRL) && c.is_ascii_alphabetic() => {
            (KeyCode::Char(c.to_ascii_lowercase()), mods)
        }
        code => (code, mods),
    }
}

/// The editor action of a key press, if it is one of the table's.
pub fn lookup(key: KeyEvent) -> Option<EditorAction> {
    let key = normalize(key);
    EDITOR
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = HashSet::new();
        for key in EDITOR.iter().flat_map(|b| b.keys) {
            assert!(seen.insert(*key), "{key:?} bound twice");
        }
    }

    #[test]
    fn letters_without_ctrl_are_never_bound() {
        for (code, mods) in EDITOR.iter().flat_map(|b| b.keys) {
            if let KeyCode::Char(_) = code {
                assert!(mods.contains(CTRL), "{code:?} {mods:?} would not be text");
            }
        }
    }

    #[test]
    fn ctrl_shift_z_is_redo_however_the_terminal_spells_it() {
        let upper = KeyEvent::new(KeyCode::Char('Z'), CTRL_SHIFT);
        let lower = KeyEvent::new(KeyCode::Char('z'), CTRL_SHIFT);
        assert_eq!(lookup(upper), Some(EditorAction::Redo));
        assert_eq!(lookup(lower), Some(EditorAction::Redo));
        assert_eq!(
            lookup(KeyEvent::new(KeyCode::Char('Z'), CTRL)),
            Some(EditorAction::Undo)
        );
    }
}
