//! Clean text: what may enter a note, a name or a screen.
//!
//! Notes come from keyboards, pastes and other people's journals. Control characters and bidi
//! or format characters are removed where text enters, so that no note can move the cursor, set
//! the window title, write the clipboard (OSC 52) or reorder what the screen shows.

use unicode_width::UnicodeWidthChar;

/// Tab stops every this many columns.
const TAB: usize = 4;

/// Cleans multi-line text: keeps line breaks (CR LF and CR become LF), expands tabs, and drops
/// C0 and C1 controls, DEL, and bidi and invisible format characters.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            '\n' => {
                out.push('\n');
                column = 0;
            }
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

/// Cleans text that must stay on one line (a name, a group, a title): line breaks become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text).replace('\n', " ")
}

/// Whether a character must never reach a terminal or a document from user text.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // soft hyphen, Arabic letter mark, zero-width space, LRM/RLM
        | '\u{ad}' | '\u{61c}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
        // line/paragraph separators, bidi embeddings and overrides, invisible operators and isolates
        | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
        // byte order mark, interlinear annotations
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Rows as plain aligned text that pipes well: columns two spaces apart, padded by display width
/// (Swedish letters, wide characters), the columns in `right` right-aligned (numbers), trailing
/// spaces trimmed.
pub fn aligned_table<const N: usize>(rows: &[[String; N]], right: &[usize]) -> String {
    use unicode_width::UnicodeWidthStr;
    let widths: Vec<usize> = (0..N)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
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

    #[test]
    fn normalises_line_breaks_and_expands_tabs() {
        assert_eq!(clean("a\r\nb\rc\n\td\tx"), "a\nb\nc\n    d   x");
        assert_eq!(clean_line("one\ntwo"), "one two");
    }
}
