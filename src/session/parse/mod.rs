//! Parsing one session or track file from text, with a line and column for every error.
//!
//! [`parse_content`] decides from the first word whether a file is a track or a session and
//! turns RON's errors into plain words ([`describe`]). [`Locator`] finds where a field or list
//! entry of a parsed file is written, so that validation findings can point at it too. The parts:
//! `lexer` (a light scanner of RON text, for positions), `describe` (RON's errors in plain words)
//! and `locator` (where a path of fields and entries is written).

mod context;
mod describe;
mod lexer;
mod locator;
mod recover;

pub use describe::describe;
pub use locator::{Locator, Seg};
pub use recover::recover;

use lexer::{Lexer, Tok};
use std::fmt;

use ron::extensions::Extensions;

use super::problem::Problem;
use super::source::{SessionFile, StructureFile};
use super::{Session, Track};

/// How deep brackets may nest in a session file. Real files need fewer than ten levels.
pub const RECURSION_LIMIT: usize = 64;

/// The RON options every session file is read with: `implicit_some` lets a facilitator write
/// `notes: "…"` instead of `notes: Some("…")`; `unwrap_variant_newtypes` lets an agenda entry
/// be written `Item(kind: …)` instead of `Item((kind: …))`; the recursion limit turns deeply nested input
/// into an error instead of a stack overflow.
pub fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// What a file holds: a track, a meeting, or a structure that meetings include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Track(Track),
    Session(Box<SessionFile>),
    Structure(Box<StructureFile>),
}

/// A session file on its own, as the stage reads it. Fails on a file that is not a session
/// and on one that includes a structure (which needs the other files: see `load`).
pub fn parse_session(text: &str) -> Result<Session, ParseError> {
    let file: SessionFile = options()
        .from_str(text)
        .map_err(|e| describe(&e, text, "Session"))?;
    if let Some((_, id)) = file.includes().next() {
        return Err(ParseError {
            pos: None,
            message: Problem::IncludesElsewhere(clean(id)),
        });
    }
    Ok(file.expand(|_| None))
}

pub fn parse_track(text: &str) -> Result<Track, ron::error::SpannedError> {
    options().from_str(text)
}

/// A place in a file: 1-based line and column, the column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };

    /// The position just after `text`.
    pub fn after(text: &str) -> Pos {
        let mut pos = Pos::START;
        for c in text.chars() {
            if c == '\n' {
                pos.line += 1;
                pos.col = 1;
            } else {
                pos.col += 1;
            }
        }
        pos
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A file that could not be parsed: where, and what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Option<Pos>,
    pub message: Problem,
}

/// What a file starts with, after comments and blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Nothing but comments and blank lines.
    Empty,
    Track,
    Session,
    Structure,
}

/// A file is a track if its first word is `Track`, a structure if it is `Structure`, else a
/// session.
pub fn file_kind(text: &str) -> FileKind {
    let mut lexer = Lexer::new(text);
    match lexer.next().1 {
        Tok::End => FileKind::Empty,
        Tok::Ident("Track") => FileKind::Track,
        Tok::Ident("Structure") => FileKind::Structure,
        _ => FileKind::Session,
    }
}

/// Parses a track or a session file.
pub fn parse_content(text: &str) -> Result<Content, ParseError> {
    match file_kind(text) {
        FileKind::Empty => Err(ParseError {
            pos: None,
            message: Problem::OnlyComments,
        }),
        FileKind::Track => parse_track(text)
            .map(Content::Track)
            .map_err(|e| describe(&e, text, "Track")),
        FileKind::Session => options()
            .from_str(text)
            .map(|s| Content::Session(Box::new(s)))
            .map_err(|e| describe(&e, text, "Session")),
        FileKind::Structure => options()
            .from_str(text)
            .map(|s| Content::Structure(Box::new(s)))
            .map_err(|e| describe(&e, text, "Structure")),
    }
}

/// Text from a file, fit to be shown in a one-line message: in quotes, without control
/// characters, and cut short when long.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", clean(text))
}

/// Text from a file on one line, cleaned, at most 60 characters long.
pub fn clean(text: &str) -> String {
    crate::text::clean_short(text, 60)
}

#[cfg(test)]
mod tests {
    use super::locator::tests::{TEXT, at};
    use super::*;

    #[test]
    fn kind_of_file() {
        assert_eq!(file_kind(TEXT), FileKind::Session);
        assert_eq!(
            file_kind("/* x */ // y\n Track(id: \"a\")"),
            FileKind::Track
        );
        assert_eq!(file_kind(" // only a comment\n"), FileKind::Empty);
        assert_eq!(file_kind("(id: \"a\")"), FileKind::Session);
    }

    #[test]
    fn errors_in_plain_words() {
        let text = "Session(\n    id: \"a\",\n    minuts: 3,\n)";
        let err = parse_content(text).unwrap_err();
        assert_eq!(err.pos, at(3, 5));
        assert!(
            err.message
                .to_string()
                .starts_with("unknown field \"minuts\" in Session, expected one of id,"),
            "{}",
            err.message
        );
        let err = parse_content("Track(id: \"a\", title: \"b\", meetings: []) x").unwrap_err();
        assert_eq!(err.pos, at(1, 42));
        assert_eq!(
            err.message.to_string(),
            "unexpected text after the end of the Track"
        );
    }
}
