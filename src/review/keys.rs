//! The review's key bindings, in one table per mode: they drive input, the `?` help and the hint
//! bar, so no key is described twice.

use ratatui::crossterm::event::KeyCode;

use super::app::Screen;
use crate::ui::keymap::Key;

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

/// Ctrl+C quits from every table, so nobody is stuck in whatever is open. Help leaves it out.
const CTRL_C: Binding = Binding::new(&[Key::ctrl('c')], Action::Quit, |t| t.key_quit).unlisted();

/// Tab and Shift+Tab move between the screens, in the search too.
const NEXT_SCREEN: Binding = Binding::new(&[Key::plain(KeyCode::Tab)], Action::NextScreen, |t| {
    t.key_next_screen
})
.hint();
const PREVIOUS_SCREEN: Binding = Binding::new(
    &[Key::plain(KeyCode::BackTab)],
    Action::PreviousScreen,
    |t| t.key_previous_screen,
);

/// Keys while browsing (every screen but the search).
pub static BROWSE: &[Binding] = &[
    NEXT_SCREEN,
    PREVIOUS_SCREEN,
    Binding::new(&[Key::char('1')], Action::Show(Screen::Runs), |t| {
        t.screen_runs
    }),
    Binding::new(&[Key::char('2')], Action::Show(Screen::Agenda), |t| {
        t.agenda
    }),
    Binding::new(&[Key::char('3')], Action::Show(Screen::Notes), |t| t.notes),
    Binding::new(&[Key::char('4')], Action::Show(Screen::Actions), |t| {
        t.actions
    }),
    Binding::new(&[Key::char('5')], Action::Show(Screen::Search), |t| {
        t.screen_search
    }),
    Binding::new(&[Key::char('6')], Action::Show(Screen::Time), |t| {
        t.screen_time()
    }),
    Binding::new(
        &[Key::plain(KeyCode::Up), Key::char('k')],
        Action::Up,
        |t| t.key_up,
    ),
    Binding::new(
        &[Key::plain(KeyCode::Down), Key::char('j')],
        Action::Down,
        |t| t.key_down,
    ),
    Binding::new(&[Key::plain(KeyCode::PageUp)], Action::PageUp, |t| {
        t.key_page_up
    }),
    Binding::new(
        &[Key::plain(KeyCode::PageDown), Key::char(' ')],
        Action::PageDown,
        |t| t.key_page_down,
    ),
    Binding::new(
        &[Key::plain(KeyCode::Left), Key::char('h')],
        Action::PreviousRun,
        |t| t.key_previous_run,
    ),
    Binding::new(
        &[Key::plain(KeyCode::Right), Key::char('l')],
        Action::NextRun,
        |t| t.key_next_run,
    ),
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Open, |t| t.key_open).hint(),
    Binding::new(&[Key::char('d')], Action::ToggleDone, |t| t.key_toggle_done).hint(),
    Binding::new(&[Key::char('/')], Action::Search, |t| t.key_search).hint(),
    Binding::new(&[Key::char('?')], Action::Help, |t| t.key_help).hint(),
    Binding::new(&[Key::char('q')], Action::Quit, |t| t.key_quit).hint(),
    CTRL_C,
];

/// Keys in the search, where every other key is typed into the query.
pub static SEARCH: &[Binding] = &[
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, |t| {
        t.key_leave_search
    })
    .hint(),
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Open, |t| t.key_open).hint(),
    Binding::new(&[Key::plain(KeyCode::Up)], Action::Up, |t| t.key_up),
    Binding::new(&[Key::plain(KeyCode::Down)], Action::Down, |t| t.key_down),
    Binding::new(&[Key::plain(KeyCode::PageUp)], Action::PageUp, |t| {
        t.key_page_up
    }),
    Binding::new(&[Key::plain(KeyCode::PageDown)], Action::PageDown, |t| {
        t.key_page_down
    }),
    NEXT_SCREEN,
    PREVIOUS_SCREEN,
    Binding::new(&[Key::plain(KeyCode::Backspace)], Action::DeleteChar, |t| {
        t.key_delete_char
    }),
    // With Ctrl, so it is never text.
    Binding::new(&[Key::ctrl('u')], Action::ClearQuery, |t| {
        t.key_clear_search
    }),
    CTRL_C,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::{bound_twice, lookup};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    #[test]
    fn no_key_is_bound_twice_in_one_table() {
        for table in [BROWSE, SEARCH] {
            assert_eq!(bound_twice(table), None);
        }
    }

    #[test]
    fn the_search_binds_no_letter_so_every_letter_is_text() {
        for key in SEARCH.iter().flat_map(|b| b.keys) {
            let plain_char = matches!(key.code, KeyCode::Char(_)) && key.modifiers.is_empty();
            assert!(!plain_char, "{key} would not be text");
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
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(lookup(SEARCH, ctrl('u')), Some(Action::ClearQuery));
        assert_eq!(lookup(BROWSE, ctrl('c')), Some(Action::Quit));
        assert_eq!(lookup(SEARCH, ctrl('c')), Some(Action::Quit));
        assert_eq!(lookup(BROWSE, ctrl('n')), None);
    }
}
