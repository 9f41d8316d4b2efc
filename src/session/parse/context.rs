//! Where in a file an error is, in the facilitator's terms: the field whose value holds it
//! (`group_size`, `kind`, `minutes`), and that value's text as written. `describe` uses it to
//! say what such a field expects, with an example, instead of the parser's words.

use super::lexer::{Lexer, Tok};
use super::{Pos, clean};

/// The innermost named field whose value holds `at`, and the value's text up to the end of
/// that value (its line, at most).
pub(super) fn field_at(text: &str, at: Pos) -> Option<(&str, String)> {
    let mut lexer = Lexer::new(text);
    // For each open bracket: the field being written at that depth and where its value began.
    let mut stack: Vec<Option<(&str, usize)>> = vec![None];
    let mut last_ident: Option<&str> = None;
    loop {
        let (pos, tok) = lexer.next();
        if tok == Tok::End || (pos.line, pos.col) >= (at.line, at.col) {
            break;
        }
        match tok {
            Tok::Punct(':') => {
                if let (Some(name), Some(top)) = (last_ident, stack.last_mut()) {
                    *top = Some((name, lexer.i));
                }
            }
            Tok::Punct('(' | '[' | '{') => stack.push(None),
            Tok::Punct(')' | ']' | '}') => {
                stack.pop();
                if stack.is_empty() {
                    stack.push(None);
                }
            }
            Tok::Punct(',') => {
                if let Some(top) = stack.last_mut() {
                    *top = None;
                }
            }
            _ => {}
        }
        last_ident = match tok {
            Tok::Ident(name) => Some(name),
            _ => None,
        };
    }
    let (name, from) = stack.iter().rev().find_map(|f| *f)?;
    Some((name, value_text(&text[from..])))
}

/// A value as written: up to the comma or closing bracket that ends it, on its first line.
fn value_text(rest: &str) -> String {
    let mut depth = 0i32;
    let mut in_text = false;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '"' => in_text = !in_text,
            '\n' => {
                end = i;
                break;
            }
            _ if in_text => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                end = i;
                break;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    clean(rest[..end].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_around_an_error_and_its_value() {
        let text =
            "Session(agenda: [\n    Item(kind: Breakout(), title: \"A\", group_size: \"4-7\"),\n])";
        assert_eq!(
            field_at(text, Pos { line: 2, col: 24 }),
            Some(("kind", "Breakout()".to_string()))
        );
        assert_eq!(
            field_at(text, Pos { line: 2, col: 56 }),
            Some(("group_size", "\"4-7\"".to_string()))
        );
        // Inside Between( … ) no field is named: the one around it is.
        let text = "Item(group_size: Between(2-4), minutes: 3)";
        assert_eq!(
            field_at(text, Pos { line: 1, col: 27 }),
            Some(("group_size", "Between(2-4)".to_string()))
        );
        assert_eq!(field_at("Session(", Pos { line: 1, col: 9 }), None);
    }
}
