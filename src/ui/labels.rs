//! How run data is named on screen, the same in every view: a note's group, kind and place.

use crate::i18n::Text;
use crate::run::{NoteKind, Place};
use crate::session::{Session, Step};

/// "Hela gruppen" or the group's own name.
pub fn group_name<'a>(text: &'a Text, group: Option<&'a str>) -> &'a str {
    group.unwrap_or(text.whole_group)
}

/// How a note's kind is marked on screen, in words and a symbol: "Beslut ✔",
/// "Åtgärd → Anna, klart senast 2020-10-01", "Parkerad fråga:" (the words and a colon before the
/// question: a "?" after them read as stray punctuation); nothing for a plain note.
pub fn kind_mark(text: &Text, kind: &NoteKind, done: bool) -> Option<String> {
    match kind {
        NoteKind::Note => None,
        NoteKind::Decision => Some(format!("{} ✔", text.decision)),
        NoteKind::Parking => Some(format!("{}:", text.parked_question)),
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
        Some(Step::Question(_)) if steps.len() > 1 => text.step_label(item, place.step + 1),
        Some(Step::Turn { name, .. }) => text.turn_named(place.step + 1, name),
        _ => item.title.clone(),
    }
}

/// The start of a note's text, on one line, for a message about it: its first words up to 30
/// columns, ended at a word (a word longer than that is cut), with "…" when there is more.
pub fn note_snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short = crate::ui::fit::truncate(line, 30);
    let start = match short.strip_suffix('…') {
        Some(start) if short != line => start,
        _ if short.len() < text.len() && !short.ends_with('…') => return format!("{short}…"),
        _ => return short,
    };
    // `truncate` cut inside the line: back to the last whole word, if the cut fell in one.
    let cut_in_word = !line[start.len()..].starts_with(char::is_whitespace);
    let words = match start.rfind(char::is_whitespace) {
        Some(space) if cut_in_word => &start[..space],
        _ => start,
    };
    format!("{}…", words.trim_end())
}

#[cfg(test)]
mod snippet_tests {
    use super::note_snippet;

    #[test]
    fn a_snippet_ends_at_a_whole_word() {
        assert_eq!(
            note_snippet("Budget first, then the opening hours of every branch"),
            "Budget first, then the…"
        );
        assert_eq!(note_snippet("budget first please"), "budget first please");
        assert_eq!(note_snippet("one line\nand more"), "one line…");
        assert_eq!(note_snippet("wait for it…"), "wait for it…");
        // One word longer than the room: cut, with "…".
        let long = "x".repeat(40);
        let snippet = note_snippet(&long);
        assert!(
            snippet.ends_with('…') && snippet.chars().count() <= 30,
            "{snippet}"
        );
    }
}
