//! Notes: the editor a note-taker types the groups' answers in, and the notes on screen.
//!
//! Both are self-contained: [`NoteEditor`] turns key presses and pastes into an
//! [`EditorOutcome`] and never touches a file or a clock; the views in [`editor`] and [`panel`]
//! are pure functions of notes and a [`Ctx`] to a frame.

pub mod editor;
pub mod keys;
pub mod order;
pub mod panel;
pub mod wrap;

pub use editor::{EditorOutcome, Field, Kind, NoteEditor, SaveRequest};

use jiff::tz::TimeZone;

use crate::i18n::Text;
use crate::run::state::Note;
use crate::run::{NoteKind, Place};
use crate::session::{Session, Step};
use crate::ui::theme::Theme;

/// What the notes views need besides the notes.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub text: &'static Text,
    pub theme: &'a Theme,
    /// Local time, for the time a note was written.
    pub tz: &'a TimeZone,
    /// The run's session: its groups, in order, and its agenda.
    pub session: &'a Session,
    /// Where new notes go (`None`: the whole group); its breakout column is marked.
    pub group: Option<&'a str>,
}

/// "Hela gruppen" or the group's own name.
pub fn group_name<'a>(text: &'a Text, group: Option<&'a str>) -> &'a str {
    group.unwrap_or(text.whole_group)
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

/// How a note's kind is marked on screen, in words and a symbol: "Beslut ✔",
/// "Åtgärd → Anna, klart senast 2020-10-01", "Parkerad fråga ?"; nothing for a plain note.
pub fn kind_mark(text: &Text, kind: &NoteKind, done: bool) -> Option<String> {
    match kind {
        NoteKind::Note => None,
        NoteKind::Decision => Some(format!("{} ✔", text.decision)),
        NoteKind::Parking => Some(format!("{} ?", text.parked_question)),
        NoteKind::Action { owner, due } => {
            let mut mark = text.action.to_string();
            if !owner.is_empty() {
                mark.push_str(&format!(" → {owner}"));
            }
            if let Some(due) = due.as_deref().filter(|d| !d.is_empty()) {
                mark.push_str(&format!(", {}", text.due_on(due)));
            }
            if done {
                mark.push_str(&format!(" · {}", text.action_done));
            }
            Some(mark)
        }
    }
}

/// Where in the agenda a note goes, short: "Fråga 2", "Tur 3: Falun", or the item's title.
pub fn place_label(text: &Text, session: &Session, place: Place) -> String {
    let Some(item) = session.agenda.get(place.item) else {
        return String::new();
    };
    let steps = session.steps(place.item);
    match steps.get(place.step) {
        Some(Step::Question(_)) if steps.len() > 1 => text.question_n(place.step + 1),
        Some(Step::Turn { name, .. }) => text.turn_named(place.step + 1, name),
        _ => item.title.clone(),
    }
}

/// The notes at one place in the agenda that are not deleted, in the order they were written.
pub fn notes_at(notes: &[Note], place: Place) -> Vec<&Note> {
    notes
        .iter()
        .filter(|n| n.at == place && !n.deleted)
        .collect()
}

/// Whether `s` is a date written `YYYY-MM-DD` that exists (2020-02-30 does not).
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let number = |r: std::ops::Range<usize>| s[r].parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    jiff::civil::Date::new(year, month as i8, day as i8).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict_and_real() {
        assert!(is_iso_date("2020-10-01"));
        assert!(is_iso_date("2024-02-29"));
        for bad in [
            "2020-02-30",
            "2021-02-29",
            "2020-13-01",
            "2020-1-01",
            "20201001",
            "2020/10/01",
            "",
            "2020-10-01 ",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
