//! Clean text: the one sanitizer for text that enters a note, a name, a screen, an error line
//! or an export.
//!
//! Notes come from keyboards, pastes and other people's journals; titles from session files;
//! error messages quote files and parsers. Control characters (C0 but the line break where lines
//! are allowed, DEL, C1) and bidi, zero-width, tag and other invisible format characters are removed,
//! so that no text can move the cursor, set the window title, write the clipboard (OSC 52) or
//! reorder what the screen shows.
//!
//! - [`clean`] / [`cleaned`]: text of several lines (CR LF and CR become LF, tabs are expanded);
//! - [`clean_line`] / [`cleaned_line`]: text that must stay on one line (line breaks and tabs
//!   become spaces);
//! - [`clean_short`]: one line of at most so many characters, cut with "…" (quoting a file);
//! - [`is_unsafe`]: the characters that never pass.
//!
//! Text is cleaned on every note folded while a run opens, so the common case is fast: a byte
//! scan finds the first byte that may start something to change (a control, or the lead byte of
//! a range that holds unsafe characters: most Swedish and English text has none), and text with
//! nothing to change is returned as it is.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Tab stops every this many columns.
const TAB: usize = 4;

/// Bytes that may start a character [`clean`] changes: ASCII controls and DEL, and the UTF-8
/// lead bytes of the blocks that hold [`is_unsafe`] characters. Continuation bytes are never in
/// it, so a position found is always a character boundary.
const LOOK: [bool; 256] = {
    let mut look = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        look[b] = true;
        b += 1;
    }
    look[0x7f] = true;
    // U+0080–U+00BF (C1, soft hyphen), U+0600–U+063F, U+06C0–U+073F, U+0800–U+0FFF,
    // U+1000–U+1FFF, U+2000–U+2FFF, U+F000–U+FFFF, U+10000–U+3FFFF, U+C0000–U+FFFFF.
    let leads = [0xc2, 0xd8, 0xdb, 0xdc, 0xe0, 0xe1, 0xe2, 0xef, 0xf0, 0xf3];
    let mut i = 0;
    while i < leads.len() {
        look[leads[i]] = true;
        i += 1;
    }
    look
};

/// Whether a character must never reach a terminal or a document from user text.
///
/// The zero-width joiner and non-joiner stay: emoji sequences (👨‍👩‍👧) and the spelling of
/// several scripts need them, and they cannot reorder or hide text.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // soft hyphen, Arabic number signs and letter mark, Syriac abbreviation mark
        | '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{8e2}'
        // Mongolian vowel separator, zero-width space, LRM/RLM
        | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
        // line/paragraph separators, bidi embeddings and overrides, invisible operators and isolates
        | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        // byte order mark, interlinear annotations
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        // Kaithi number signs, shorthand format controls, musical formatting
        | '\u{110bd}' | '\u{110cd}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        // tag characters: invisible, they can carry a whole hidden text (ASCII smuggling)
        | '\u{e0000}'..='\u{e007f}')
}

/// Cleans multi-line text: keeps line breaks (CR LF and CR become LF), expands tabs, and drops
/// C0 and C1 controls, DEL, and bidi and invisible format characters.
pub fn clean(text: &str) -> String {
    cleaned(text).into_owned()
}

/// [`clean`], without copying text that is clean already (most is).
pub fn cleaned(text: &str) -> Cow<'_, str> {
    sanitize(text, Lines::Keep)
}

/// Cleans text that must stay on one line (a name, a group, a title): line breaks become spaces.
pub fn clean_line(text: &str) -> String {
    cleaned_line(text).into_owned()
}

/// [`clean_line`], without copying text that is clean already.
pub fn cleaned_line(text: &str) -> Cow<'_, str> {
    sanitize(text, Lines::Join)
}

/// One clean line of at most `max` characters, cut with "…": for quoting a file or a parser's
/// message in a one-line report.
pub fn clean_short(text: &str, max: usize) -> String {
    let line = cleaned_line(text);
    match line.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.into_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    Keep,
    Join,
}

/// What becomes of one character that [`LOOK`] stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Keep,
    Drop,
    Put(&'static str),
    Tab,
}

fn sanitize(text: &str, lines: Lines) -> Cow<'_, str> {
    let find = |from: usize| {
        text.as_bytes()[from..]
            .iter()
            .position(|&b| LOOK[usize::from(b)])
            .map(|k| from + k)
    };
    let Some(mut pos) = find(0) else {
        return Cow::Borrowed(text);
    };
    // Made on the first change; `text[plain..]` is not copied into it yet.
    let mut out: Option<String> = None;
    let mut plain = 0;
    // Where the output's current line starts, and a point on it whose column is known (output
    // offsets): a tab measures only what came since.
    let mut line_start = 0;
    let mut measured = (0, 0);
    while let Some(c) = text[pos..].chars().next() {
        let end = pos + c.len_utf8();
        let line_break = match lines {
            Lines::Keep => "\n",
            Lines::Join => " ",
        };
        let edit = match c {
            '\n' if lines == Lines::Keep => Edit::Keep,
            '\n' => Edit::Put(line_break),
            '\r' if text[end..].starts_with('\n') => Edit::Drop,
            '\r' => Edit::Put(line_break),
            '\t' => Edit::Tab,
            c if is_unsafe(c) => Edit::Drop,
            _ => Edit::Keep,
        };
        if edit != Edit::Keep {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[plain..pos]);
            plain = end;
            match edit {
                Edit::Put(s) => o.push_str(s),
                Edit::Tab => {
                    let (from, column) = if measured.0 >= line_start {
                        measured
                    } else {
                        (line_start, 0)
                    };
                    let column = column
                        + o[from..]
                            .chars()
                            .map(|c| c.width().unwrap_or(0))
                            .sum::<usize>();
                    let pad = TAB - column % TAB;
                    o.extend(std::iter::repeat_n(' ', pad));
                    measured = (o.len(), column + pad);
                }
                Edit::Keep | Edit::Drop => {}
            }
        }
        // Tab stops count from a line break, also where it became a space.
        if matches!(c, '\n' | '\r') {
            line_start = out.as_ref().map_or(end, |o| o.len() + (end - plain));
        }
        match find(end) {
            Some(next) => pos = next,
            None => break,
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[plain..]);
            Cow::Owned(out)
        }
    }
}

/// Rows as plain aligned text that pipes well: columns two spaces apart, padded by display width
/// (Swedish letters, wide characters), the columns in `right` right-aligned (numbers), trailing
/// spaces trimmed.
pub fn aligned_table<R: AsRef<[String]>>(rows: &[R], right: &[usize]) -> String {
    use unicode_width::UnicodeWidthStr;
    let columns = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.as_ref().get(c).map_or(0, |s| s.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.as_ref().iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(widths[c] - cell.width());
            if right.contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_letters_emoji_and_wide_characters() {
        let text = "åäö ÅÄÖ – 😀 漢字 👨‍👩‍👧";
        assert_eq!(clean(text), text);
    }

    #[test]
    fn removes_escape_sequences_down_to_harmless_text() {
        let hostile = "a\u{1b}]52;c;SGVsbG8=\u{7}b\u{1b}[2Jc\u{9b}31md\u{202e}e\u{7f}";
        let cleaned = clean(hostile);
        assert!(!cleaned.chars().any(is_unsafe), "{cleaned:?}");
        assert_eq!(cleaned, "a]52;c;SGVsbG8=b[2Jc31mde");
    }

    #[test]
    fn tables_align_by_display_width() {
        let rows = [
            ["Nr".to_string(), "Träff".to_string()],
            ["10".to_string(), "漢字 åäö".to_string()],
            ["1".to_string(), "x".to_string()],
        ];
        assert_eq!(
            aligned_table(&rows, &[0]),
            "Nr  Träff\n10  漢字 åäö\n 1  x\n"
        );
    }

    /// The sanitizer as first written, one character at a time: the fast one must agree.
    fn reference(text: &str, lines: Lines) -> String {
        let mut out = String::new();
        let mut column = 0;
        let mut chars = text.chars().peekable();
        let line_break = |out: &mut String, column: &mut usize| match lines {
            Lines::Keep => {
                out.push('\n');
                *column = 0;
            }
            Lines::Join => {
                out.push(' ');
                *column = 0;
            }
        };
        while let Some(c) = chars.next() {
            match c {
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' | '\n' => line_break(&mut out, &mut column),
                '\t' => {
                    let pad = TAB - column % TAB;
                    out.extend(std::iter::repeat_n(' ', pad));
                    column += pad;
                }
                c if is_unsafe(c) => {}
                c => {
                    out.push(c);
                    column += c.width().unwrap_or(0);
                }
            }
        }
        out
    }

    #[test]
    fn the_fast_path_agrees_with_the_plain_sanitizer() {
        let pieces = [
            "a",
            "å",
            "漢",
            "😀",
            "–",
            "…",
            "\n",
            "\r",
            "\r\n",
            "\t",
            "\u{1b}",
            "\u{7f}",
            "\u{85}",
            "\u{9b}",
            "\u{ad}",
            "\u{200b}",
            "\u{200d}",
            "\u{202e}",
            "\u{2066}",
            "\u{feff}",
            "\u{180e}",
            "\u{e0001}",
            "\u{e0000}\u{e0020}\u{e0041}\u{e007f}",
            "\u{301}",
            "ab ",
            "\u{0}",
        ];
        let mut seed = 7u64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(clean(&text), reference(&text, Lines::Keep), "{text:?}");
            assert_eq!(clean_line(&text), reference(&text, Lines::Join), "{text:?}");
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        for text in [
            "Vi behöver – kanske – mer tid…",
            "rad ett\nrad två",
            "漢字 😀 👨‍👩‍👧",
        ] {
            assert!(matches!(cleaned(text), Cow::Borrowed(_)), "{text:?}");
        }
        assert!(matches!(cleaned_line("a\nb"), Cow::Owned(_)));
    }

    #[test]
    fn strips_every_kind_of_invisible_control() {
        let hostile = "a\u{0}\u{1f}\u{7f}\u{80}\u{9f}\u{ad}\u{600}\u{61c}\u{180e}\u{200b}\u{200e}\u{2028}\u{202a}\u{2066}\u{2069}\u{2060}\u{feff}\u{fff9}\u{1d173}\u{e0001}\u{e0000}\u{e0049}\u{e0067}\u{e007f}b";
        assert_eq!(clean(hostile), "ab");
        assert_eq!(clean_line(hostile), "ab");
    }

    #[test]
    fn short_text_is_cut_with_an_ellipsis() {
        assert_eq!(clean_short("abcdef", 3), "abc…");
        assert_eq!(clean_short("abc", 3), "abc");
        assert_eq!(clean_short("a\u{1b}[2Jb\nc", 60), "a[2Jb c");
    }

    #[test]
    fn normalises_line_breaks_and_expands_tabs() {
        assert_eq!(clean("a\r\nb\rc\n\td\tx"), "a\nb\nc\n    d   x");
        assert_eq!(clean_line("one\ntwo"), "one two");
        assert_eq!(clean_line("a\n\tb"), "a     b");
    }
}
