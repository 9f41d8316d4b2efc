//! The note editor's own keys, in one table: it drives the editor's input, its hint line and
//! the `?` help, so no key is described twice.
//!
//! While the editor is open every printable key is text (`q`, `n`, `p`, space…). Only the keys
//! below, the usual editing keys (arrows, Home/End, Backspace/Delete, Ctrl+W, Ctrl+K, Shift+arrows
//! to select) and Ctrl+C (left to the caller, which quits) are not.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::ui::keymap::Key;

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

/// A binding of the editor.
pub type Binding = crate::ui::keymap::Binding<EditorAction>;

const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL_SHIFT: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::SHIFT);

/// The editor's keys, in the order help and the hint line show them.
pub static EDITOR: &[Binding] = &[
    // Ctrl+M is what Enter sends on a terminal without keyboard enhancements.
    Binding::new(
        &[Key::plain(KeyCode::Enter), Key::ctrl('m')],
        EditorAction::Save,
        |t| t.key_save,
    )
    .shown(1)
    .hint(),
    // Shift+Enter too, where the terminal tells it from Enter (kitty keyboard protocol).
    Binding::new(
        &[
            Key::with(KeyCode::Enter, ALT),
            Key::ctrl('j'),
            Key::with(KeyCode::Enter, SHIFT),
        ],
        EditorAction::LineBreak,
        |t| t.key_line_break,
    )
    .shown(2)
    .hint(),
    Binding::new(&[Key::plain(KeyCode::Esc)], EditorAction::Close, |t| {
        t.key_close_editor
    })
    .hint(),
    Binding::new(&[Key::plain(KeyCode::Tab)], EditorAction::NextField, |t| {
        t.key_field
    })
    .hint(),
    Binding::new(
        &[Key::plain(KeyCode::BackTab)],
        EditorAction::PreviousField,
        |t| t.key_previous_field,
    ),
    Binding::new(
        &[Key::ctrl('t'), Key::plain(KeyCode::F(2))],
        EditorAction::CycleKind,
        |t| t.key_kind,
    )
    .hint(),
    Binding::new(&[Key::ctrl('z')], EditorAction::Undo, |t| t.key_undo).hint(),
    Binding::new(
        &[Key::ctrl('y'), Key::with(KeyCode::Char('z'), CTRL_SHIFT)],
        EditorAction::Redo,
        |t| t.key_redo,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::{bound_twice, lookup};
    use ratatui::crossterm::event::KeyEvent;

    #[test]
    fn no_key_is_bound_twice() {
        assert_eq!(bound_twice(EDITOR), None);
    }

    #[test]
    fn letters_without_ctrl_are_never_bound() {
        for key in EDITOR.iter().flat_map(|b| b.keys) {
            if let KeyCode::Char(_) = key.code {
                assert!(
                    key.modifiers.contains(KeyModifiers::CONTROL),
                    "{key} would not be text"
                );
            }
        }
    }

    #[test]
    fn ctrl_shift_z_is_redo_however_the_terminal_spells_it() {
        let upper = KeyEvent::new(KeyCode::Char('Z'), CTRL_SHIFT);
        let lower = KeyEvent::new(KeyCode::Char('z'), CTRL_SHIFT);
        assert_eq!(lookup(EDITOR, upper), Some(EditorAction::Redo));
        assert_eq!(lookup(EDITOR, lower), Some(EditorAction::Redo));
        assert_eq!(
            lookup(
                EDITOR,
                KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::CONTROL)
            ),
            Some(EditorAction::Undo)
        );
    }
}
