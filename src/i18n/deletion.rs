//! Words of issue 19 part A for a deleted note, said in every terminal of the run.

use super::{Lang, Text};

/// Who can bring a deleted note back, as the terminal that says it sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undo<'a> {
    /// This terminal may: `u`.
    Here,
    /// Only the note's writer (named) or the facilitator may.
    Elsewhere { writer: &'a str },
    /// The room's screen: the facilitator may.
    Room,
}

impl Text {
    /// Where a deleted note was, short: "Punkt 3" / "Item 3", with the step when the item has
    /// several ("Item 3, Question 2").
    pub fn note_place(&self, item: usize, step: Option<&str>) -> String {
        let item = match self.lang {
            Lang::Sv => format!("Punkt {item}"),
            Lang::En => format!("Item {item}"),
        };
        match step {
            Some(step) => format!("{item}, {step}"),
            None => item,
        }
    }

    /// "Karin deleted a note by Sam (Question 2): “budget first…” · u brings it back".
    pub fn deleted_by(
        &self,
        who: &str,
        writer: &str,
        place: &str,
        snippet: &str,
        undo: Undo,
    ) -> String {
        let what = match self.lang {
            Lang::Sv => format!("{who} raderade en anteckning av {writer} ({place}): ”{snippet}”"),
            Lang::En => format!("{who} deleted a note by {writer} ({place}): “{snippet}”"),
        };
        let back = match (self.lang, undo) {
            (Lang::Sv, Undo::Here) => "u ångrar".to_string(),
            (Lang::En, Undo::Here) => "u brings it back".to_string(),
            (Lang::Sv, Undo::Elsewhere { writer }) => {
                format!("{writer} eller processledaren kan ta tillbaka den med u")
            }
            (Lang::En, Undo::Elsewhere { writer }) => {
                format!("{writer} or the facilitator can bring it back with u")
            }
            (Lang::Sv, Undo::Room) => "processledaren kan ta tillbaka den".to_string(),
            (Lang::En, Undo::Room) => "the facilitator can bring it back".to_string(),
        };
        format!("{what} · {back}")
    }
}
