//! The start screen's keys, in one table: it drives the screen's input and its hint bar.

use ratatui::crossterm::event::KeyCode;

use crate::ui::keymap::Key;

/// What a key asks the start screen to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    /// The meeting of the digit pressed (1–9).
    Meeting,
    NextTrack,
    PreviousTrack,
    /// Run the selected meeting: resume its live run, or start one.
    Start,
    Quit,
}

pub type Binding = crate::ui::keymap::Binding<Action>;

/// The start screen's keys, in the order the hint bar shows them.
pub static START: &[Binding] = &[
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Start, |t| {
        t.key_start_or_resume
    })
    .hint(),
    // The hint bar writes the two arrows as one: "↑↓ välj".
    Binding::new(
        &[Key::plain(KeyCode::Up), Key::char('k')],
        Action::Up,
        |t| t.key_choose,
    )
    .label("↑↓")
    .hint(),
    Binding::new(
        &[Key::plain(KeyCode::Down), Key::char('j')],
        Action::Down,
        |t| t.key_down,
    ),
    Binding::new(
        &[
            Key::char('1'),
            Key::char('2'),
            Key::char('3'),
            Key::char('4'),
            Key::char('5'),
            Key::char('6'),
            Key::char('7'),
            Key::char('8'),
            Key::char('9'),
        ],
        Action::Meeting,
        |t| t.key_choose,
    )
    .label("1–9"),
    Binding::new(
        &[
            Key::plain(KeyCode::Tab),
            Key::plain(KeyCode::Right),
            Key::char('l'),
        ],
        Action::NextTrack,
        |t| t.track,
    )
    .shown(1)
    .hint(),
    Binding::new(
        &[
            Key::plain(KeyCode::BackTab),
            Key::plain(KeyCode::Left),
            Key::char('h'),
        ],
        Action::PreviousTrack,
        |t| t.track,
    ),
    Binding::new(
        &[Key::char('q'), Key::plain(KeyCode::Esc)],
        Action::Quit,
        |t| t.key_quit,
    )
    .shown(1)
    .hint(),
    Binding::new(&[Key::ctrl('c')], Action::Quit, |t| t.key_quit).unlisted(),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::{bound_twice, lookup};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    #[test]
    fn no_key_is_bound_twice() {
        assert_eq!(bound_twice(START), None);
    }

    #[test]
    fn ctrl_c_quits_and_other_ctrl_keys_do_nothing() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(lookup(START, ctrl('c')), Some(Action::Quit));
        assert_eq!(lookup(START, ctrl('q')), None);
    }
}
