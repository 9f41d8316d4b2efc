//! The notice of a deleted note, the same in every terminal of the run: who deleted whose note,
//! at which question, its first words, and who can bring it back (`u`). The stage and the room's
//! screen each decide whether to say it (the room only a note it showed) and how long.

use crate::i18n::Text;
use crate::i18n::deletion::Undo;
use crate::run::state::{Deletion, RunState};
use crate::ui::labels::{note_snippet, place_label};

/// The most rows a deletion notice is wrapped in where it does not fit one line: at 80 columns
/// the longest (two long names, a place with its question, the first words) takes two.
pub const NOTICE_ROWS: usize = 3;

/// The run's newest deletion when it is newer than `said` (the last one a terminal looked
/// at), which it then becomes: each deletion is looked at once. After a note is brought back,
/// the one deleted before it is newest again, and was looked at then.
pub fn newer(run: &RunState, said: &mut Option<Deletion>) -> Option<Deletion> {
    let newest = run.deletions.last()?;
    if said
        .as_ref()
        .is_some_and(|said| said == newest || said.at > newest.at)
    {
        return None;
    }
    *said = Some(newest.clone());
    Some(newest.clone())
}

/// What `deletion` says, in `text`'s language; `None` when its note is gone from the run.
pub fn deletion_notice(
    text: &Text,
    run: &RunState,
    deletion: &Deletion,
    undo: Undo,
) -> Option<String> {
    let note = run.note(&deletion.id)?;
    let who = run
        .writers
        .get(&deletion.by)
        .map_or(deletion.by.to_string(), |w| w.name.clone());
    let step = (run.steps(note.at.item) > 1).then(|| place_label(text, &run.session, note.at));
    let place = text.note_place(note.at.item + 1, step.as_deref());
    Some(text.deleted_by(&who, &note.by, &place, &note_snippet(&note.text), undo))
}
