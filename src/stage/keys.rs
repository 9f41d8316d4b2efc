//! The one table of key bindings: it drives input, the `?` help and the hint bar, so no key is
//! described twice.

use ratatui::crossterm::event::KeyCode;

use super::action::Action;
use crate::run::Role;
use crate::ui::keymap::Key;

/// A binding of the stage: which role has it is the action's to say ([`Action::is_for`]).
pub type Binding = crate::ui::keymap::Binding<Action>;

/// Ctrl+C quits from every table, so nobody is stuck in whatever is open. Help leaves it out.
const CTRL_C: Binding = Binding::new(&[Key::ctrl('c')], Action::Quit, |t| t.key_quit).unlisted();

/// Keys of the stage itself (no overlay open).
pub static STAGE: &[Binding] = &[
    Binding::new(&[Key::char(' ')], Action::ToggleTimer, |t| t.key_timer).hint(),
    Binding::new(
        &[
            Key::char('n'),
            Key::plain(KeyCode::Right),
            Key::plain(KeyCode::PageDown),
        ],
        Action::Next,
        |t| t.key_next,
    )
    .shown(2)
    .hint(),
    Binding::new(
        &[
            Key::char('p'),
            Key::plain(KeyCode::Left),
            Key::plain(KeyCode::PageUp),
        ],
        Action::Previous,
        |t| t.key_previous,
    )
    .shown(2)
    .hint(),
    // A note-taker who stepped away sees first how to follow again.
    Binding::new(&[Key::char('f')], Action::Follow, |t| t.key_follow).hint(),
    Binding::new(&[Key::char('+')], Action::MoreTime, |t| t.key_more).hint(),
    Binding::new(&[Key::char('-')], Action::LessTime, |t| t.key_less).hint(),
    Binding::new(&[Key::char('i')], Action::Write, |t| t.key_write).hint(),
    // One row in help for the pair.
    Binding::new(&[Key::plain(KeyCode::Up)], Action::SelectPrevious, |t| {
        t.key_select_note
    })
    .label("↑↓"),
    Binding::new(&[Key::plain(KeyCode::Down)], Action::SelectNext, |t| {
        t.key_select_note
    })
    .unlisted(),
    Binding::new(&[Key::plain(KeyCode::End)], Action::Newest, |t| {
        t.key_newest
    }),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::ClearSelection, |t| {
        t.key_clear_selection
    }),
    Binding::new(&[Key::char('e')], Action::EditNote, |t| t.key_edit_note),
    Binding::new(
        &[Key::char('x'), Key::plain(KeyCode::Delete)],
        Action::DeleteNote,
        |t| t.key_delete_note,
    ),
    Binding::new(&[Key::char('u')], Action::RestoreNote, |t| {
        t.key_restore_note
    }),
    Binding::new(&[Key::char('d')], Action::ToggleDone, |t| t.key_toggle_done),
    Binding::new(&[Key::plain(KeyCode::Tab)], Action::NextGroup, |t| {
        t.key_next_group
    }),
    Binding::new(&[Key::char('g')], Action::ChooseGroup, |t| t.key_group),
    Binding::new(&[Key::char('o')], Action::Overview, |t| t.key_overview).hint(),
    Binding::new(&[Key::char('F')], Action::Fit, |t| t.key_fit),
    Binding::new(&[Key::char('z')], Action::Focus, |t| t.key_focus),
    Binding::new(&[Key::char('f')], Action::ToggleFacilitatorNotes, |t| {
        t.key_facilitator_notes
    }),
    Binding::new(&[Key::char('v')], Action::RoomView, |t| t.key_room_view()),
    Binding::new(&[Key::char('b')], Action::ToggleBell, |t| t.key_bell),
    HELP,
    Binding::new(&[Key::char('q')], Action::Quit, |t| t.key_quit).hint(),
    CTRL_C,
];

/// `?` and F1 (which also works while the editor is open, where `?` is a letter).
const HELP: Binding = Binding::new(
    &[Key::char('?'), Key::plain(KeyCode::F(1))],
    Action::Help,
    |t| t.key_help,
)
.shown(1)
.hint();

/// What the stage itself answers while the note editor is open: every other key is the editor's.
/// Esc is listed for the hint bar; the editor closes itself on it.
pub static EDITOR_OPEN: &[Binding] = &[
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, |t| {
        t.key_close_editor
    })
    .hint(),
    Binding::new(&[Key::plain(KeyCode::F(1))], Action::Help, |t| t.key_help).hint(),
    Binding::new(&[Key::ctrl('c')], Action::Quit, |t| t.key_quit).hint(),
];

/// `?` help: it scrolls on a small window.
pub static HELP_OPEN: &[Binding] = &[
    Binding::new(
        &[Key::plain(KeyCode::Up), Key::char('k')],
        Action::Up,
        |t| t.key_scroll,
    )
    .label("↑↓")
    .hint(),
    Binding::new(
        &[Key::plain(KeyCode::Down), Key::char('j')],
        Action::Down,
        |t| t.key_scroll,
    ),
    Binding::new(&[Key::plain(KeyCode::PageUp)], Action::PageUp, |t| {
        t.key_scroll_page
    })
    .label("PgUp PgDn")
    .hint(),
    Binding::new(&[Key::plain(KeyCode::PageDown)], Action::PageDown, |t| {
        t.key_scroll_page
    }),
    Binding::new(
        &[
            Key::plain(KeyCode::Esc),
            Key::char('?'),
            Key::plain(KeyCode::F(1)),
        ],
        Action::Back,
        |t| t.key_close,
    )
    .shown(2)
    .hint(),
    Binding::new(&[Key::char('q')], Action::Quit, |t| t.key_quit).hint(),
    CTRL_C,
];

/// The agenda overview: a list, and the fit of the rest (`F`, `u`).
pub static OVERVIEW: &[Binding] = &[
    UP,
    DOWN,
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Confirm, |t| {
        t.key_go_to_item
    })
    .hint(),
    Binding::new(&[Key::char('F')], Action::Fit, |t| t.key_fit).hint(),
    Binding::new(&[Key::char('u')], Action::UndoFit, |t| t.key_undo_fit).hint(),
    BACK,
    QUIT,
    CTRL_C,
];

/// `F`: the proposed fit beside the plan, applied on Enter.
pub static FIT: &[Binding] = &[
    UP,
    DOWN,
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Confirm, |t| {
        t.key_apply_fit
    })
    .hint(),
    BACK,
    QUIT,
    CTRL_C,
];

/// The first timebox starts late: keep the planned times, or move the plan.
pub static LATE_START: &[Binding] = &[
    Binding::new(&[Key::char('1')], Action::KeepPlan, |t| t.key_keep_plan).hint(),
    Binding::new(&[Key::char('2')], Action::MovePlan, |t| t.key_move_plan).hint(),
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, |t| t.key_cancel).hint(),
    QUIT,
    CTRL_C,
];

const UP: Binding = Binding::new(
    &[Key::plain(KeyCode::Up), Key::char('k')],
    Action::Up,
    |t| t.key_up,
)
.shown(1)
.hint();
const DOWN: Binding = Binding::new(
    &[Key::plain(KeyCode::Down), Key::char('j')],
    Action::Down,
    |t| t.key_down,
)
.shown(1)
.hint();
const BACK: Binding =
    Binding::new(&[Key::plain(KeyCode::Esc)], Action::Back, |t| t.key_close).hint();
/// `q` in an overlay quits the program (asking first while a timebox runs), as on the stage.
const QUIT: Binding = Binding::new(&[Key::char('q')], Action::Quit, |t| t.key_quit).hint();

/// Keys in the group picker.
pub static LIST: &[Binding] = &[
    UP,
    DOWN,
    Binding::new(&[Key::plain(KeyCode::Enter)], Action::Confirm, |t| {
        t.key_choose
    })
    .hint(),
    BACK,
    QUIT,
    CTRL_C,
];

/// Keys of a yes/no question.
pub static CONFIRM: &[Binding] = &[
    Binding::new(
        &[Key::char('y'), Key::char('j'), Key::plain(KeyCode::Enter)],
        Action::Confirm,
        |t| t.yes,
    )
    .label("j/y")
    .hint(),
    Binding::new(
        &[Key::char('n'), Key::plain(KeyCode::Esc)],
        Action::Back,
        |t| t.no,
    )
    .label("n/Esc")
    .hint(),
    CTRL_C,
];

/// The bindings of a table that this role has.
pub fn for_role(table: &'static [Binding], role: Role) -> impl Iterator<Item = &'static Binding> {
    table.iter().filter(move |b| b.action.is_for(role))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keymap::{bound_twice, lookup};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    #[test]
    fn no_key_is_bound_twice_in_one_table() {
        for role in [Role::Facilitator, Role::NoteTaker] {
            for table in [
                STAGE,
                LIST,
                CONFIRM,
                EDITOR_OPEN,
                HELP_OPEN,
                OVERVIEW,
                FIT,
                LATE_START,
            ] {
                let twice = bound_twice(for_role(table, role));
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
                lookup(for_role(STAGE, Role::Facilitator), press(code)),
                Some(action),
                "{code:?}"
            );
        }
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for table in [STAGE, LIST, CONFIRM] {
            assert_eq!(lookup(table, ctrl_c), Some(Action::Quit));
        }
    }
}
