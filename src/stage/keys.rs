//! The one table of key bindings: it drives input, the `?` help and the hint bar, so no key is
//! described twice.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::run::Role;

/// A binding of the stage: which role has it is the action's to say ([`Action::is_for`]).
pub type Binding = crate::ui::keymap::Binding<Action>;

/// Keys of the stage itself (no overlay open).
pub static STAGE: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Char(' ')],
        label: "space",
        action: Action::ToggleTimer,
        describe: |t| t.key_timer,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('n'), KeyCode::Right, KeyCode::PageDown],
        label: "n →",
        action: Action::Next,
        describe: |t| t.key_next,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('p'), KeyCode::Left, KeyCode::PageUp],
        label: "p ←",
        action: Action::Previous,
        describe: |t| t.key_previous,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('+')],
        label: "+",
        action: Action::MoreTime,
        describe: |t| t.key_more,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('-')],
        label: "-",
        action: Action::LessTime,
        describe: |t| t.key_less,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('i')],
        label: "i",
        action: Action::Write,
        describe: |t| t.key_write,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::SelectPrevious,
        describe: |t| t.key_select_note,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::SelectNext,
        describe: |t| t.key_select_note,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('e')],
        label: "e",
        action: Action::EditNote,
        describe: |t| t.key_edit_note,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('x'), KeyCode::Delete],
        label: "x Del",
        action: Action::DeleteNote,
        describe: |t| t.key_delete_note,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('u')],
        label: "u",
        action: Action::RestoreNote,
        describe: |t| t.key_restore_note,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('d')],
        label: "d",
        action: Action::ToggleDone,
        describe: |t| t.key_toggle_done,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::NextGroup,
        describe: |t| t.key_next_group,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('g')],
        label: "g",
        action: Action::ChooseGroup,
        describe: |t| t.key_group,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('o')],
        label: "o",
        action: Action::Overview,
        describe: |t| t.key_overview,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::ToggleFacilitatorNotes,
        describe: |t| t.key_facilitator_notes,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('b')],
        label: "b",
        action: Action::ToggleBell,
        describe: |t| t.key_bell,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('f')],
        label: "f",
        action: Action::Follow,
        describe: |t| t.key_follow,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        action: Action::Help,
        describe: |t| t.key_help,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        action: Action::Quit,
        describe: |t| t.key_quit,
        hint: true,
    },
];

/// Keys in a list overlay (overview, group picker).
pub static LIST: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑",
        action: Action::Up,
        describe: |t| t.key_up,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓",
        action: Action::Down,
        describe: |t| t.key_down,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Confirm,
        describe: |t| t.key_choose,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Esc, KeyCode::Char('q')],
        label: "Esc",
        action: Action::Back,
        describe: |t| t.key_close,
        hint: true,
    },
];

/// Keys of a yes/no question.
pub static CONFIRM: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Char('y'), KeyCode::Char('j'), KeyCode::Enter],
        label: "j/y",
        action: Action::Confirm,
        describe: |t| t.yes,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('n'), KeyCode::Esc],
        label: "n/Esc",
        action: Action::Back,
        describe: |t| t.no,
        hint: true,
    },
];

/// The bindings of a table that this role has.
pub fn for_role(table: &'static [Binding], role: Role) -> impl Iterator<Item = &'static Binding> {
    table.iter().filter(move |b| b.action.is_for(role))
}

/// The action of a key press in the given table for this role. Ctrl+C always quits, so nobody is
/// stuck in whatever is open.
pub fn lookup(table: &'static [Binding], role: Role, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    crate::ui::keymap::find(for_role(table, role), key.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_table() {
        for role in [Role::Facilitator, Role::NoteTaker] {
            for table in [STAGE, LIST, CONFIRM] {
                let twice = crate::ui::keymap::bound_twice(for_role(table, role));
                assert_eq!(twice, None, "bound twice for {role:?}");
            }
        }
    }

    #[test]
    fn the_spec_keys_exist() {
        let press = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let spec = [
            (KeyCode::Char('n'), Action::Next),
            (KeyCode::Right, Action::Next),
            (KeyCode::PageDown, Action::Next),
            (KeyCode::Char('p'), Action::Previous),
            (KeyCode::Left, Action::Previous),
            (KeyCode::PageUp, Action::Previous),
            (KeyCode::Char(' '), Action::ToggleTimer),
            (KeyCode::Char('+'), Action::MoreTime),
            (KeyCode::Char('-'), Action::LessTime),
            (KeyCode::Char('g'), Action::ChooseGroup),
            (KeyCode::Char('o'), Action::Overview),
            (KeyCode::Char('?'), Action::Help),
            (KeyCode::Char('q'), Action::Quit),
            (KeyCode::Char('i'), Action::Write),
        ];
        for (code, action) in spec {
            assert_eq!(
                lookup(STAGE, Role::Facilitator, press(code)),
                Some(action),
                "{code:?}"
            );
        }
    }
}
