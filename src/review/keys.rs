//! The review's key bindings, in one table per mode: they drive input, the `?` help and the hint
//! bar, so no key is described twice.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Screen;
use crate::i18n::Text;

/// What a key asks the review to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    NextScreen,
    PreviousScreen,
    Show(Screen),
    Up,
    Down,
    PageUp,
    PageDown,
    PreviousRun,
    NextRun,
    /// Open the selected run, item, action or search result where it is.
    Open,
    /// Mark the selected action item done, or open again.
    ToggleDone,
    Search,
    Help,
    Quit,
    /// In the search: back to the screen before it.
    Back,
    ClearQuery,
    DeleteChar,
}

pub type Binding = crate::ui::keymap::Binding<Action>;

/// Keys while browsing (every screen but the search).
pub static BROWSE: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::NextScreen,
        describe: |t| t.key_next_screen,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::BackTab],
        label: "Shift+Tab",
        action: Action::PreviousScreen,
        describe: |t| t.key_previous_screen,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('1')],
        label: "1",
        action: Action::Show(Screen::Runs),
        describe: |t| t.screen_runs,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('2')],
        label: "2",
        action: Action::Show(Screen::Agenda),
        describe: |t| t.agenda,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('3')],
        label: "3",
        action: Action::Show(Screen::Notes),
        describe: |t| t.notes,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('4')],
        label: "4",
        action: Action::Show(Screen::Actions),
        describe: |t| t.actions,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Char('5')],
        label: "5",
        action: Action::Show(Screen::Search),
        describe: |t| t.screen_search,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑ k",
        action: Action::Up,
        describe: |t| t.key_up,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓ j",
        action: Action::Down,
        describe: |t| t.key_down,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageUp],
        label: "PageUp",
        action: Action::PageUp,
        describe: |t| t.key_page_up,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageDown, KeyCode::Char(' ')],
        label: "PageDown space",
        action: Action::PageDown,
        describe: |t| t.key_page_down,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Left, KeyCode::Char('h')],
        label: "← h",
        action: Action::PreviousRun,
        describe: |t| t.key_previous_run,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Right, KeyCode::Char('l')],
        label: "→ l",
        action: Action::NextRun,
        describe: |t| t.key_next_run,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        describe: |t| t.key_open,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('d')],
        label: "d",
        action: Action::ToggleDone,
        describe: |t| t.key_toggle_done,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Char('/')],
        label: "/",
        action: Action::Search,
        describe: |t| t.key_search,
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

/// Keys in the search, where every other key is typed into the query.
pub static SEARCH: &[Binding] = &[
    Binding {
        keys: &[KeyCode::Esc],
        label: "Esc",
        action: Action::Back,
        describe: |t| t.key_leave_search,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        action: Action::Open,
        describe: |t| t.key_open,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::Up],
        label: "↑",
        action: Action::Up,
        describe: |t| t.key_up,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Down],
        label: "↓",
        action: Action::Down,
        describe: |t| t.key_down,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageUp],
        label: "PageUp",
        action: Action::PageUp,
        describe: |t| t.key_page_up,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::PageDown],
        label: "PageDown",
        action: Action::PageDown,
        describe: |t| t.key_page_down,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        action: Action::NextScreen,
        describe: |t| t.key_next_screen,
        hint: true,
    },
    Binding {
        keys: &[KeyCode::BackTab],
        label: "Shift+Tab",
        action: Action::PreviousScreen,
        describe: |t| t.key_previous_screen,
        hint: false,
    },
    Binding {
        keys: &[KeyCode::Backspace],
        label: "Backspace",
        action: Action::DeleteChar,
        describe: |t| t.key_delete_char,
        hint: false,
    },
];

/// Ctrl+U in the search: clears the query (with Ctrl, so it is never text).
pub const CLEAR_QUERY: (&str, fn(&Text) -> &'static str) = ("Ctrl+U", |t| t.key_clear_search);

/// What a key press does in the table: Ctrl+C always quits; Ctrl+U clears the search; other
/// keys with Ctrl or Alt do nothing.
pub fn lookup(table: &[Binding], key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('u') => Some(Action::ClearQuery),
            _ => None,
        };
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    crate::ui::keymap::find(table, key.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_table() {
        for table in [BROWSE, SEARCH] {
            assert_eq!(crate::ui::keymap::bound_twice(table), None);
        }
    }

    #[test]
    fn the_search_binds_no_letter_so_every_letter_is_text() {
        for key in SEARCH.iter().flat_map(|b| b.keys) {
            assert!(
                !matches!(key, KeyCode::Char(_)),
                "{key:?} would not be text"
            );
        }
    }

    #[test]
    fn the_issue_keys_exist() {
        let press = |c| KeyEvent::new(c, KeyModifiers::NONE);
        for (code, action) in [
            (KeyCode::Tab, Action::NextScreen),
            (KeyCode::Char('3'), Action::Show(Screen::Notes)),
            (KeyCode::Up, Action::Up),
            (KeyCode::Down, Action::Down),
            (KeyCode::Enter, Action::Open),
            (KeyCode::Char('d'), Action::ToggleDone),
            (KeyCode::Char('/'), Action::Search),
            (KeyCode::Char('?'), Action::Help),
            (KeyCode::Char('q'), Action::Quit),
        ] {
            assert_eq!(lookup(BROWSE, press(code)), Some(action), "{code:?}");
        }
        assert_eq!(lookup(SEARCH, press(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(lookup(SEARCH, press(KeyCode::Char('q'))), None);
    }
}
