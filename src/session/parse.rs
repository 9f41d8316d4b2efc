//! Parsing one session or track file from text, with a line and column for every error.
//!
//! [`parse_content`] decides from the first word whether a file is a track or a session and
//! turns RON's errors into plain words. [`Locator`] finds where a field or list entry of a parsed
//! file is written, so that validation findings can point at it too.

use std::fmt;

use ron::error::{Error as RonError, SpannedError};
use ron::extensions::Extensions;

use super::problem::{self, Expected, Problem, VariantKind};
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
    ) {
        if let Some(open) = open_string(text, pos) {
            return ParseError {
                pos: Some(open),
                message: message(&RonError::ExpectedStringEnd, what),
            };
        }
    }
    // RON points at the closing parenthesis of a struct that lacks a field: point at the
    // struct's name (or its opening parenthesis) instead.
    if let RonError::MissingStructField { .. } = err.code {
        if let Some(open) = opener(text, pos) {
            return ParseError {
                pos: Some(open),
                message: message(&err.code, what),
            };
        }
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
    ParseError {
        pos: Some(pos),
        message,
    }
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

/// Text from a file, fit to be shown in a one-line message: in quotes, without control
/// characters, and cut short when long.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", clean(text))
}

/// Text from a file on one line, cleaned, at most 60 characters long.
pub fn clean(text: &str) -> String {
    crate::text::clean_short(text, 60)
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

// ----- A light scanner of RON text, for positions -----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Punct(char),
    Ident(&'a str),
    /// A string, character, number or anything else that is one value.
    Literal,
    End,
}

#[derive(Debug, Clone)]
struct Lexer<'a> {
    text: &'a str,
    i: usize,
    line: usize,
    col: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            text,
            i: 0,
            line: 1,
            col: 1,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.i..]
    }

    fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                while let Some(c) = self.bump() {
                    if c == '\n' {
                        break;
                    }
                }
            } else if rest.starts_with("/*") {
                self.bump_n(2);
                let mut depth = 1usize;
                while depth > 0 {
                    let rest = self.rest();
                    if rest.starts_with("*/") {
                        self.bump_n(2);
                        depth -= 1;
                    } else if rest.starts_with("/*") {
                        self.bump_n(2);
                        depth += 1;
                    } else if self.bump().is_none() {
                        break;
                    }
                }
            } else if self.peek_char().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn next(&mut self) -> (Pos, Tok<'a>) {
        self.skip_trivia();
        let pos = Pos {
            line: self.line,
            col: self.col,
        };
        let Some(c) = self.peek_char() else {
            return (pos, Tok::End);
        };
        if "()[]{},:".contains(c) {
            self.bump();
            return (pos, Tok::Punct(c));
        }
        // Strings and characters, also raw (r#"…"#) and byte (b"…") ones.
        let rest = self.rest();
        let after_b = rest.strip_prefix('b').unwrap_or(rest);
        let prefix = rest.len() - after_b.len();
        if after_b.starts_with('"') {
            self.bump_n(prefix);
            self.string();
            return (pos, Tok::Literal);
        }
        if after_b.starts_with('\'') {
            self.bump_n(prefix);
            self.char_literal();
            return (pos, Tok::Literal);
        }
        if let Some(raw) = after_b.strip_prefix('r') {
            let hashes = raw.chars().take_while(|&c| c == '#').count();
            if raw[hashes..].starts_with('"') {
                self.bump_n(prefix + 1 + hashes);
                self.raw_string(hashes);
                return (pos, Tok::Literal);
            }
        }
        if c.is_alphabetic() || c == '_' {
            if rest.starts_with("r#") {
                self.bump_n(2);
            }
            let start = self.i;
            while self
                .peek_char()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                self.bump();
            }
            return (pos, Tok::Ident(&self.text[start..self.i]));
        }
        self.bump();
        while let Some(c) = self.peek_char() {
            let rest = self.rest();
            if c.is_whitespace()
                || "()[]{},:\"'".contains(c)
                || rest.starts_with("//")
                || rest.starts_with("/*")
            {
                break;
            }
            self.bump();
        }
        (pos, Tok::Literal)
    }

    fn string(&mut self) {
        self.bump(); // "
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => break,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self, hashes: usize) {
        self.bump(); // "
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('"') {
                if after.len() >= hashes && after.as_bytes()[..hashes].iter().all(|&b| b == b'#') {
                    self.bump_n(1 + hashes);
                    break;
                }
            }
            self.bump();
        }
    }

    fn char_literal(&mut self) {
        self.bump(); // '
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '\'' | '\n' => break,
                _ => {}
            }
        }
    }
}

#[derive(Debug)]
struct Node {
    pos: Pos,
    kind: NodeKind,
}

#[derive(Debug)]
enum NodeKind {
    Atom,
    /// `Name(field: value, …)` or `(field: value, …)`: each field's name, the position of
    /// the name, and its value.
    Fields(Vec<(String, Node)>),
    /// `[a, b]`, `Name(a, b)` or `(a, b)`.
    Items(Option<String>, Vec<Node>),
}

/// One step of a path to a place in a file: a field of a struct or an entry of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// Where the fields and list entries of a (parsed) RON file are written.
#[derive(Debug)]
pub struct Locator {
    root: Option<Node>,
}

/// Deeper than this, the locator stops building its tree (the parser allows far less).
const LOCATOR_DEPTH: usize = 2 * RECURSION_LIMIT;

impl Locator {
    pub fn new(text: &str) -> Locator {
        let mut lexer = Lexer::new(text);
        let root = match lexer.clone().next().1 {
            Tok::End => None,
            _ => Some(tree(&mut lexer, 0)),
        };
        Locator { root }
    }

    /// The position of the value at `path`, or of the deepest part of it that exists; `None`
    /// when not even the first step exists.
    pub fn locate(&self, path: &[Seg]) -> Option<Pos> {
        let mut node = self.root.as_ref()?;
        let mut found = None;
        for seg in path {
            node = unwrap_some(node);
            let next = match (seg, &node.kind) {
                (Seg::Field(name), NodeKind::Fields(fields)) => fields
                    .iter()
                    .rev()
                    .find(|(field, _)| field == name)
                    .map(|(_, value)| value),
                (Seg::Index(i), NodeKind::Items(_, items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => {
                    node = next;
                    found = Some(next.pos);
                }
                None => break,
            }
        }
        found
    }
}

/// `Some(x)` is written for optional values but also left out (implicit_some): look through it.
fn unwrap_some(mut node: &Node) -> &Node {
    while let NodeKind::Items(Some(name), items) = &node.kind {
        match items.as_slice() {
            [inner] if name == "Some" => node = inner,
            _ => break,
        }
    }
    node
}

fn tree(lexer: &mut Lexer<'_>, depth: usize) -> Node {
    let (pos, tok) = lexer.next();
    let atom = Node {
        pos,
        kind: NodeKind::Atom,
    };
    if depth > LOCATOR_DEPTH {
        return atom;
    }
    match tok {
        Tok::Ident(name) => {
            if lexer.clone().next().1 == Tok::Punct('(') {
                lexer.next();
                let kind = parens(lexer, Some(name.to_string()), depth);
                Node { pos, kind }
            } else {
                atom
            }
        }
        Tok::Punct('(') => Node {
            pos,
            kind: parens(lexer, None, depth),
        },
        Tok::Punct('[') => Node {
            pos,
            kind: NodeKind::Items(None, items(lexer, ']', depth)),
        },
        Tok::Punct('{') => {
            // Maps do not occur in the format; skip over the braces.
            items(lexer, '}', depth);
            atom
        }
        _ => atom,
    }
}

/// The inside of `( … )` after the opening parenthesis: fields if it starts with `name:`.
fn parens(lexer: &mut Lexer<'_>, name: Option<String>, depth: usize) -> NodeKind {
    let mut ahead = lexer.clone();
    let is_struct = matches!(ahead.next().1, Tok::Ident(_)) && ahead.next().1 == Tok::Punct(':');
    if !is_struct {
        return NodeKind::Items(name, items(lexer, ')', depth));
    }
    let mut fields = Vec::new();
    loop {
        match lexer.clone().next().1 {
            Tok::End => break,
            Tok::Punct(')') => {
                lexer.next();
                break;
            }
            Tok::Punct(',') => {
                lexer.next();
            }
            Tok::Ident(field) => {
                lexer.next();
                if lexer.clone().next().1 == Tok::Punct(':') {
                    lexer.next();
                    let value = tree(lexer, depth + 1);
                    fields.push((field.to_string(), value));
                }
            }
            _ => {
                lexer.next();
            }
        }
    }
    NodeKind::Fields(fields)
}

fn items(lexer: &mut Lexer<'_>, close: char, depth: usize) -> Vec<Node> {
    let mut items = Vec::new();
    loop {
        match lexer.clone().next().1 {
            Tok::End => break,
            Tok::Punct(c) if c == close => {
                lexer.next();
                break;
            }
            Tok::Punct(',') | Tok::Punct(')') | Tok::Punct(']') | Tok::Punct('}') => {
                lexer.next();
            }
            _ => items.push(tree(lexer, depth + 1)),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// A comment with Track( in it
Session(
    id: "x", /* block /* nested */ comment */
    title: r#"raw "quoted" text"#,
    agenda: [
        Item(kind: Talk(speaker: "Å", affiliation: "b"), minutes: 5),
        Item(kind: Break, minutes: 10, round: Some(Round(minutes_each: 2, turns: Names(["a"])))),
    ],
)
"##;

    fn at(line: usize, col: usize) -> Option<Pos> {
        Some(Pos { line, col })
    }

    #[test]
    fn locates_fields_and_entries() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.locate(&[Seg::Field("id")]), at(3, 9));
        assert_eq!(loc.locate(&[Seg::Field("title")]), at(4, 12));
        assert_eq!(
            loc.locate(&[Seg::Field("agenda"), Seg::Index(1), Seg::Field("minutes")]),
            at(7, 36)
        );
        assert_eq!(
            loc.locate(&[
                Seg::Field("agenda"),
                Seg::Index(0),
                Seg::Field("kind"),
                Seg::Field("speaker")
            ]),
            at(6, 34)
        );
        assert_eq!(
            loc.locate(&[
                Seg::Field("agenda"),
                Seg::Index(1),
                Seg::Field("round"),
                Seg::Field("minutes_each")
            ]),
            at(7, 72)
        );
        // The deepest part that exists.
        assert_eq!(
            loc.locate(&[Seg::Field("agenda"), Seg::Index(1), Seg::Field("questions")]),
            at(7, 9)
        );
        assert_eq!(loc.locate(&[Seg::Field("nothing")]), None);
    }

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

    #[test]
    fn scanner_survives_anything() {
        for text in [
            "", "\"", "r#\"", "'", "/*", "(((", "[[[", "a(b:", "b'", "r#x", "))]]",
        ] {
            let _ = Locator::new(text).locate(&[Seg::Field("a"), Seg::Index(0)]);
            let _ = file_kind(text);
        }
        let deep = "[".repeat(100_000);
        assert_eq!(Locator::new(&deep).locate(&[Seg::Index(0)]), at(1, 2));
    }
}
