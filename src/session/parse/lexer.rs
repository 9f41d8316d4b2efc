//! A light scanner of RON text, for positions: it tells tokens apart (punctuation, names,
//! literals) and skips comments, and nothing more. `describe` and `locator` walk files with it;
//! the RON parser itself reads the values.

use super::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    Punct(char),
    Ident(&'a str),
    /// A string, character, number or anything else that is one value.
    Literal,
    End,
}

#[derive(Debug, Clone)]
pub(super) struct Lexer<'a> {
    text: &'a str,
    pub(super) i: usize,
    pub(super) line: usize,
    pub(super) col: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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

    pub(super) fn bump(&mut self) -> Option<char> {
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

    pub(super) fn skip_trivia(&mut self) {
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

    pub(super) fn next(&mut self) -> (Pos, Tok<'a>) {
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
            if let Some(after) = rest.strip_prefix('"')
                && after.len() >= hashes
                && after.as_bytes()[..hashes].iter().all(|&b| b == b'#')
            {
                self.bump_n(1 + hashes);
                break;
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
