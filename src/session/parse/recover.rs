//! The rest of a file after a syntax error: the agenda entry that holds the error is blanked
//! out (its characters made spaces, its line breaks kept, so every later position stays true)
//! and the file is read again, until it reads or an error lies outside every agenda entry.
//! `spar check` then reports each entry's fault and checks the items that read.

use super::lexer::{Lexer, Tok};
use super::{Content, ParseError, Pos, parse_content};

/// The most faults read past in one file; a file with more is mostly not RON.
const MAX_FAULTS: usize = 20;

/// The file read without the agenda entries that hold errors, the errors after the first
/// (`first` is where that one is), and the text that was read (the same length and lines as
/// `text`, so that findings in it point at the right place). None when an error lies outside
/// every agenda entry.
pub fn recover(text: &str, first: Pos) -> Option<(Content, Vec<ParseError>, String)> {
    let mut blanked = text.to_string();
    let mut faults = Vec::new();
    let mut at = first;
    for _ in 0..MAX_FAULTS {
        let (from, to) = entry_at(&blanked, at)?;
        let spaces: String = blanked[from..to]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        blanked.replace_range(from..to, &spaces);
        match parse_content(&blanked) {
            Ok(content) => return Some((content, faults, blanked)),
            Err(e) => {
                at = e.pos?;
                faults.push(e);
            }
        }
    }
    None
}

/// The bytes of the entry of the top-level `agenda: [ … ]` list that holds `at`, with the
/// comma after it.
fn entry_at(text: &str, at: Pos) -> Option<(usize, usize)> {
    let at = (at.line, at.col);
    let mut lexer = Lexer::new(text);
    let mut depth = 0usize;
    // The two tokens before this one, to see `agenda : [`.
    let mut agenda_colon = (false, false);
    // The depth inside the agenda's brackets, once open, and where its current entry began.
    let mut list: Option<usize> = None;
    let mut entry: Option<usize> = None;
    loop {
        lexer.skip_trivia();
        let start = lexer.i;
        let (pos, tok) = lexer.next();
        let pos = (pos.line, pos.col);
        if tok == Tok::End {
            return None;
        }
        let in_list = list == Some(depth);
        match tok {
            Tok::Punct(',') if in_list => {
                let from = entry.take()?;
                if at < (lexer.line, lexer.col) {
                    return Some((from, lexer.i));
                }
            }
            Tok::Punct(']') if in_list => {
                return entry.filter(|_| at <= pos).map(|from| (from, start));
            }
            _ if in_list && entry.is_none() => {
                if at < pos {
                    return None;
                }
                entry = Some(start);
            }
            _ => {}
        }
        match tok {
            Tok::Punct('(' | '[' | '{') => {
                depth += 1;
                if agenda_colon == (true, true) && tok == Tok::Punct('[') && list.is_none() {
                    list = Some(depth);
                }
            }
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        agenda_colon = match tok {
            Tok::Ident("agenda") if depth == 1 => (true, false),
            Tok::Punct(':') if agenda_colon == (true, false) => (true, true),
            _ => (false, false),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_faulty_entry_is_reported_and_the_rest_is_read() {
        let text = "Session(id: \"s\", track: \"x\", title: \"T\", start: \"10:00\", agenda: [\n    Item(kind: Breakout(), title: \"A\", minutes: 5),\n    Item(kind: Welcome, title: \"B\", minutes: 5),\n    Item(kind: Closing, title: \"C\", minuts: 5)\n])";
        let first = parse_content(text).unwrap_err();
        assert_eq!(first.pos.map(|p| p.line), Some(2));
        let (content, more, read) = recover(text, first.pos.unwrap()).expect("the rest reads");
        assert_eq!(read.lines().count(), text.lines().count());
        assert!(read.lines().nth(1).unwrap().trim().is_empty(), "{read}");
        assert_eq!(more.len(), 1, "{more:?}");
        assert_eq!(more[0].pos.map(|p| p.line), Some(4));
        match content {
            Content::Session(s) => assert_eq!(s.agenda.len(), 1),
            other => panic!("{other:?}"),
        }
        // An error outside the agenda cannot be read past.
        let text = "Session(id: 3, agenda: [])";
        let first = parse_content(text).unwrap_err();
        assert!(recover(text, first.pos.unwrap()).is_none());
    }
}
