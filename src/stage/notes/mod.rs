//! Notes on the stage: the editor a note-taker types the groups' answers in, and the notes on
//! screen.
//!
//! They live under `stage` because only the stage draws them (`spar run` and `spar join` are both
//! the stage); the review and the exports show saved notes with `ui::labels` and never need the
//! editor or the panel, so no screen imports another.
//!
//! Both are self-contained: [`NoteEditor`] turns key presses and pastes into an
//! [`EditorOutcome`] and never touches a file or a clock; the views in [`editor`] and [`panel`]
//! are pure functions of notes and a [`Ctx`] to a frame.

pub mod editor;
pub mod keys;
pub mod order;
pub mod panel;

pub use editor::{EditorOutcome, Field, Kind, NoteEditor, SaveRequest};

use crate::i18n::Text;
use crate::run::Place;
use crate::run::state::Note;
use crate::session::Session;

/// What the notes views need besides the notes.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Language, colours and time zone (for the time a note was written).
    pub ui: &'a crate::ui::Ctx,
    /// The run's session: its groups, in order, and its agenda.
    pub session: &'a Session,
    /// Where new notes go (`None`: the whole group); its breakout column is marked.
    pub group: Option<&'a str>,
    /// The place on screen: the editor's title says so plainly when its note goes elsewhere.
    pub here: Option<Place>,
}

/// "Anteckning", "Beslut", "Åtgärd", "Parkerad fråga".
pub fn kind_name(text: &Text, kind: Kind) -> &'static str {
    match kind {
        Kind::Note => text.note,
        Kind::Decision => text.decision,
        Kind::Action => text.action,
        Kind::Parking => text.parked_question,
    }
}

/// The notes at one place in the agenda that are not deleted, in the order they were written.
pub fn notes_at(notes: &[Note], place: Place) -> Vec<&Note> {
    notes
        .iter()
        .filter(|n| n.at == place && !n.deleted)
        .collect()
}
