//! RON's errors in plain words, at the place a reader would look: the first stray character, the
//! start of a text left open, the name of a struct that lacks a field, the value of a wrong type.

use ron::error::{Error as RonError, SpannedError};

use super::super::problem::{self, AgendaProblem, Expected, Problem, VariantKind};
use super::context::field_at;
use super::lexer::{Lexer, Tok};
use super::{ParseError, Pos, RECURSION_LIMIT, clean};

/// RON's error in plain words, at the place it points to. `what` is the top-level struct.
pub fn describe(err: &SpannedError, text: &str, what: &str) -> ParseError {
    let start = Pos {
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
    };
    let pos = match err.code {
        // RON points just after the value; point at the first stray character instead.
        RonError::TrailingCharacters => next_token(text, start).unwrap_or(start),
        _ => start,
    };
    let end = Pos {
        line: err.span.end.line.max(1),
        col: err.span.end.col.max(1),
    };
    // Whatever RON expected next, nothing more is written: the file ends too early. Point
    // just after its last character.
    if err.code != RonError::TrailingCharacters && next_token(text, end.max(pos)).is_none() {
        return ParseError {
            pos: Some(Pos::after(text.trim_end())),
            message: message(&RonError::Eof, what),
        };
    }
    // A text left open runs on to the next quote, and RON stumbles over what follows it: say
    // where the text began instead.
    if !matches!(
        err.code,
        RonError::NoSuchStructField { .. }
            | RonError::MissingStructField { .. }
            | RonError::DuplicateStructField { .. }
            | RonError::NoSuchEnumVariant { .. }
            | RonError::InvalidValueForType { .. }
    ) && let Some(open) = open_string(text, pos)
    {
        return ParseError {
            pos: Some(open),
            message: message(&RonError::ExpectedStringEnd, what),
        };
    }
    // RON points at the closing parenthesis of a struct that lacks a field: point at the
    // struct's name (or its opening parenthesis) instead.
    if let RonError::MissingStructField { .. } = err.code
        && let Some(open) = opener(text, pos)
    {
        return ParseError {
            pos: Some(open),
            message: message(&err.code, what),
        };
    }
    let mut message = message(&err.code, what);
    let mut pos = pos;
    if matches!(
        err.code,
        RonError::ExpectedInteger
            | RonError::ExpectedFloat
            | RonError::ExpectedBoolean
            | RonError::ExpectedString
            | RonError::ExpectedArray
            | RonError::ExpectedStructLike
            | RonError::ExpectedNamedStructLike(_)
            | RonError::ExpectedIdentifier
    ) {
        // RON points before the blanks ahead of the value; point at the value itself.
        if let Some((at, found)) = token_at(text, pos) {
            pos = at;
            message = Problem::Found(Box::new(message), clean(found));
        }
    }
    // A value of the wrong form in a field a facilitator writes often: say what the field
    // expects, with an example, in place of the parser's words.
    if !matches!(
        err.code,
        RonError::NoSuchStructField { .. }
            | RonError::MissingStructField { .. }
            | RonError::DuplicateStructField { .. }
            | RonError::NoSuchEnumVariant { .. }
    ) && let Some(words) = field_words(text, pos)
    {
        message = words;
    }
    ParseError {
        pos: Some(pos),
        message,
    }
}

/// What a field of the agenda expects, when the error is in its value.
fn field_words(text: &str, pos: Pos) -> Option<Problem> {
    let (field, found) = field_at(text, pos)?;
    let found = if found.is_empty() {
        "…".to_string()
    } else {
        found
    };
    Some(Problem::Agenda(match field {
        "group_size" => AgendaProblem::SizeWritten(found),
        "kind" => AgendaProblem::KindWritten(found),
        "minutes" | "minutes_each" | "times" => AgendaProblem::MinutesWritten {
            field: field.to_string(),
            found,
        },
        _ => return None,
    }))
}

/// Where a text in double quotes begins that was left open before `at`: one that runs over a
/// line break and ends on the line of `at` (or never ends).
fn open_string(text: &str, at: Pos) -> Option<Pos> {
    let mut lexer = Lexer::new(text);
    loop {
        lexer.skip_trivia();
        let start = lexer.i;
        let (pos, tok) = lexer.next();
        if tok == Tok::End || (pos.line, pos.col) >= (at.line, at.col) {
            return None;
        }
        let token = &text[start..lexer.i];
        if tok == Tok::Literal && token.starts_with('"') {
            let closed = token.len() >= 2 && token.ends_with('"');
            if !closed || (token.contains('\n') && lexer.line == at.line) {
                return Some(pos);
            }
        }
    }
}

/// The name (or opening bracket) of the struct whose closing parenthesis is at `close`.
fn opener(text: &str, close: Pos) -> Option<Pos> {
    let mut lexer = Lexer::new(text);
    let mut stack: Vec<Pos> = Vec::new();
    let mut last_ident: Option<Pos> = None;
    loop {
        let (pos, tok) = lexer.next();
        match tok {
            Tok::End => return None,
            Tok::Punct('(') | Tok::Punct('[') | Tok::Punct('{') => {
                stack.push(last_ident.take().unwrap_or(pos));
            }
            Tok::Punct(')') | Tok::Punct(']') | Tok::Punct('}') => {
                let open = stack.pop();
                if pos == close {
                    return open;
                }
            }
            Tok::Ident(_) => {
                last_ident = Some(pos);
                continue;
            }
            _ => {}
        }
        last_ident = None;
        if (pos.line, pos.col) > (close.line, close.col) {
            return None;
        }
    }
}

/// The first token at or after `pos`: where it starts and its text.
fn token_at(text: &str, pos: Pos) -> Option<(Pos, &str)> {
    let mut lexer = Lexer::new(text);
    while (lexer.line, lexer.col) < (pos.line, pos.col) {
        lexer.bump()?;
    }
    lexer.skip_trivia();
    let start = lexer.i;
    match lexer.next() {
        (_, Tok::End) => None,
        (at, _) => Some((at, &text[start..lexer.i])),
    }
}

fn message(code: &RonError, what: &str) -> Problem {
    match code {
        RonError::Eof => Problem::EndOfFile,
        RonError::ExpectedArray => Problem::ExpectedList,
        RonError::ExpectedArrayEnd => Problem::ExpectedCommaOrBracket,
        RonError::ExpectedComma => Problem::ExpectedComma,
        RonError::ExpectedMap => Problem::ExpectedMap,
        RonError::ExpectedMapColon => Problem::ExpectedColon,
        RonError::ExpectedMapEnd => Problem::ExpectedBrace,
        RonError::ExpectedInteger => Problem::ExpectedWholeNumber,
        RonError::IntegerOutOfBounds => Problem::NumberOutOfRange,
        RonError::InvalidIntegerDigit { digit, .. } => {
            Problem::InvalidDigit(clean(&digit.to_string()))
        }
        RonError::ExpectedFloat => Problem::ExpectedNumber,
        RonError::UnderscoreAtBeginning | RonError::FloatUnderscore => Problem::Underscore,
        RonError::ExpectedBoolean => Problem::ExpectedBool,
        RonError::ExpectedString => Problem::ExpectedText,
        RonError::ExpectedStringEnd => Problem::TextNotClosed,
        RonError::ExpectedChar => Problem::ExpectedChar,
        RonError::InvalidEscape(_) => Problem::InvalidEscape,
        RonError::ExpectedStructLike => Problem::ExpectedParen,
        RonError::ExpectedNamedStructLike("") => Problem::ExpectedParen,
        RonError::ExpectedNamedStructLike(name) => {
            if *name == what {
                // The file's first word is none of the kinds a file can be.
                Problem::ExpectedFileKind(None)
            } else {
                Problem::ExpectedParenOr(clean(name))
            }
        }
        RonError::ExpectedStructName(name) => Problem::ExpectedNamed(clean(name)),
        RonError::ExpectedDifferentStructName { expected, found } if *expected == what => {
            // The file's first word: a file can be any of three kinds.
            Problem::ExpectedFileKind(Some(clean(found)))
        }
        RonError::ExpectedDifferentStructName { expected, found } => Problem::ExpectedStruct {
            expected: clean(expected),
            found: clean(found),
        },
        RonError::ExpectedStructLikeEnd | RonError::ExpectedOptionEnd => {
            Problem::ExpectedCloseParen
        }
        RonError::ExpectedIdentifier => Problem::ExpectedFieldName,
        RonError::ExpectedUnit => Problem::ExpectedUnit,
        RonError::ExpectedOption => Problem::ExpectedOption,
        RonError::UnexpectedChar(c) => Problem::UnexpectedChar(clean(&c.to_string())),
        RonError::UnclosedBlockComment => Problem::CommentNotClosed,
        RonError::TrailingCharacters => Problem::Trailing(match what {
            "Track" => problem::FileKind::Track,
            "Structure" => problem::FileKind::Structure,
            _ => problem::FileKind::Session,
        }),
        RonError::Utf8Error(_) => Problem::NotUtf8,
        RonError::InvalidValueForType { expected, found } => Problem::WrongType {
            expected: match expected.as_str() {
                "u8" | "u16" | "u32" | "u64" | "usize" => Expected::WholeNumber,
                "a string" => Expected::Text,
                "a sequence" => Expected::List,
                other => Expected::Other(clean(other)),
            },
            found: clean(found),
        },
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => Problem::UnknownVariant {
            kind: match outer.as_deref() {
                Some("ItemKind") => VariantKind::ItemKind,
                Some("Turns") => VariantKind::Turns,
                Some("agenda entry") => VariantKind::AgendaEntry,
                Some("step") => VariantKind::Step,
                Some("GroupSize") => VariantKind::GroupSize,
                _ => VariantKind::Other,
            },
            found: clean(found),
            expected: names(expected),
        },
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => Problem::UnknownField {
            found: clean(found),
            outer: outer.as_deref().map(clean),
            expected: names(expected),
        },
        RonError::MissingStructField { field, outer } => Problem::MissingField {
            field: clean(field),
            outer: outer.as_deref().map(clean),
        },
        RonError::DuplicateStructField { field, outer } => Problem::DuplicateField {
            field: clean(field),
            outer: outer.as_deref().map(clean),
        },
        RonError::ExceededRecursionLimit => Problem::TooDeep(RECURSION_LIMIT),
        RonError::NoSuchExtension(name) => Problem::UnknownExtension(clean(name)),
        RonError::Message(text) => Problem::Ron(clean(text)),
        other => {
            // Variants added to RON later: its own words, first letter in lower case.
            let text = clean(&other.to_string());
            let mut chars = text.chars();
            Problem::Ron(match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "cannot read this file".to_string(),
            })
        }
    }
}

fn names(alts: &[&str]) -> Vec<String> {
    alts.iter().map(|a| clean(a)).collect()
}

/// The position of the first token at or after `from`.
fn next_token(text: &str, from: Pos) -> Option<Pos> {
    let mut lexer = Lexer::new(text);
    while (lexer.line, lexer.col) < (from.line, from.col) {
        lexer.bump()?;
    }
    match lexer.next() {
        (_, Tok::End) => None,
        (pos, _) => Some(pos),
    }
}
