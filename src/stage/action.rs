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
    ToggleBell,
    Quit,
    /// In a list (overview, groups): move the selection.
    Up,
    Down,
    /// In a list: take the selected entry. In the quit question: yes.
    Confirm,
    /// Close an overlay, or answer no.
    Back,
}
