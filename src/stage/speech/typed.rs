//! A note typed as a line in screen-reader mode: plain text, or a kind named first the way the
//! stage's kind key would set it, in the user's language ("beslut: …", "åtgärd Anna 2020-10-01:
//! …", "parkerad: …"); and a line ending in `\` goes on to the next line of the same note.

use crate::i18n::Text;
use crate::stage::notes::editor::Kind;

/// What a typed line says of its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub kind: Kind,
    /// An action's owner and due date, as typed before its text.
    pub owner: String,
    pub due: Option<String>,
    pub text: String,
    /// The line ended in `\`: the note goes on on the next line.
    pub more: bool,
}

/// The words that name a kind before a note's text, lower case: decision, action, parked.
fn kind_words(text: &Text) -> [(Kind, String); 3] {
    let first = |words: &str| {
        words
            .split_whitespace()
            .next()
            .unwrap_or(words)
            .to_lowercase()
    };
    [
        (Kind::Decision, first(text.decision)),
        (Kind::Action, first(text.action)),
        (Kind::Parking, first(text.parked_question)),
    ]
}

/// Reads `line`; `first` when it begins a note (a continued line is text only).
pub fn read(text: &Text, line: &str, first: bool) -> Typed {
    let (line, more) = match line.trim_end().strip_suffix('\\') {
        Some(rest) => (rest.trim_end(), true),
        None => (line, false),
    };
    let plain = Typed {
        kind: Kind::Note,
        owner: String::new(),
        due: None,
        text: line.to_string(),
        more,
    };
    let Some((head, rest)) = line.split_once(':').filter(|_| first) else {
        return plain;
    };
    let mut words = head.split_whitespace();
    let Some(word) = words.next().map(str::to_lowercase) else {
        return plain;
    };
    let Some(kind) = kind_words(text)
        .into_iter()
        .find(|(_, w)| *w == word)
        .map(|(k, _)| k)
    else {
        return plain;
    };
    let mut named: Vec<&str> = words.collect();
    let (owner, due) = match kind {
        Kind::Action => {
            let is_date = |w: &&str| {
                w.len() == 10
                    && w.chars().enumerate().all(|(i, c)| match i {
                        4 | 7 => c == '-',
                        _ => c.is_ascii_digit(),
                    })
            };
            let due = named.last().filter(|w| is_date(w)).map(|d| d.to_string());
            if due.is_some() {
                named.pop();
            }
            (named.join(" "), due)
        }
        // "Beslut om lånekort: …" is a note about a decision, not a decision.
        _ if !named.is_empty() => return plain,
        _ => (String::new(), None),
    };
    Typed {
        kind,
        owner,
        due,
        text: rest.trim().to_string(),
        more,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_kind_is_named_before_the_text_in_the_users_language() {
        let sv = Lang::Sv.text();
        let typed = read(sv, "Beslut: vi ses i maj", true);
        assert_eq!(
            (typed.kind, typed.text.as_str()),
            (Kind::Decision, "vi ses i maj")
        );
        let typed = read(sv, "åtgärd Anna Berg 2020-10-01: boka lokal", true);
        assert_eq!(typed.kind, Kind::Action);
        assert_eq!(typed.owner, "Anna Berg");
        assert_eq!(typed.due.as_deref(), Some("2020-10-01"));
        assert_eq!(typed.text, "boka lokal");
        let typed = read(sv, "parkerad: vem äger wifi?", true);
        assert_eq!(typed.kind, Kind::Parking);
        let en = Lang::En.text();
        assert_eq!(read(en, "action Per: ring IT", true).owner, "Per");
        assert_eq!(read(en, "parked: later", true).kind, Kind::Parking);
    }

    #[test]
    fn anything_else_is_a_note_as_typed() {
        let sv = Lang::Sv.text();
        for line in ["Beslut om lånekort: oklart", "Tid: 10:45", "vi pratade", ""] {
            let typed = read(sv, line, true);
            assert_eq!((typed.kind, typed.text.as_str()), (Kind::Note, line));
        }
        // A continued line is text only.
        assert_eq!(read(sv, "beslut: x", false).kind, Kind::Note);
    }

    #[test]
    fn a_line_ending_in_a_backslash_goes_on() {
        let sv = Lang::Sv.text();
        let typed = read(sv, "första raden \\", true);
        assert!(typed.more);
        assert_eq!(typed.text, "första raden");
        assert!(!read(sv, "sista raden", false).more);
    }
}
