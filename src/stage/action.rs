//! What a key asks the stage to do. Keys map to actions in `keys`; `Stage::update` turns an
//! action into effects.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Next,
    Previous,
    ToggleTimer,
    MoreTime,
    LessTime,
    ChooseGroup,
    Overview,
    Help,
    ToggleFacilitatorNotes,
    /// `v`: what the room's screen (`spar show`) shows next.
    RoomView,
    ToggleBell,
    Quit,
    /// Open the note editor for the current question and group.
    Write,
    /// Select the previous / next note on screen (to edit, delete or mark done).
    SelectPrevious,
    SelectNext,
    EditNote,
    DeleteNote,
    /// Select no note: the notes panel follows new notes again.
    ClearSelection,
    /// Select the newest note of the current question.
    Newest,
    /// Undo the last deletion.
    RestoreNote,
    /// Mark the selected action item done, or open again.
    ToggleDone,
    /// New notes go to the next group (and a narrow breakout shows it).
    NextGroup,
    /// A note-taker who stepped away follows the facilitator again.
    Follow,
    /// In a list (overview, groups): move the selection.
    Up,
    Down,
    /// In a list: take the selected entry. In the quit question: yes.
    Confirm,
    /// Close an overlay, or answer no.
    Back,
    /// In help: a page up or down.
    PageUp,
    PageDown,
    /// `F`: propose to fit the rest of the meeting into its planned end.
    Fit,
    /// `u` in the overview: take back the latest fit.
    UndoFit,
    /// `z`: only the question and the countdown on screen, or everything again.
    Focus,
    /// After a late start: keep the planned times, or move the plan to start now.
    KeepPlan,
    MovePlan,
}

impl Action {
    /// Who has the key for this: the facilitator runs the timeboxes, a note-taker follows.
    pub fn is_for(self, role: crate::run::Role) -> bool {
        use crate::run::Role;
        match self {
            Action::ToggleTimer
            | Action::MoreTime
            | Action::LessTime
            | Action::ToggleFacilitatorNotes
            | Action::RoomView
            | Action::ToggleBell
            | Action::Fit
            | Action::UndoFit
            | Action::KeepPlan
            | Action::MovePlan => role == Role::Facilitator,
            Action::Follow => role == Role::NoteTaker,
            _ => true,
        }
    }
}
