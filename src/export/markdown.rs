//! The summary as Markdown (CommonMark with GitHub's tables).
//!
//! Every piece of text is escaped ([`push_escaped`]): the characters that make emphasis, links,
//! code, HTML, headings, quotes, tables and math are backslash-escaped everywhere, and list and
//! setext markers where a line begins. A note's lines stay lines inside its list item (hard
//! breaks, continuation lines indented under the item), and no line of a note can begin a block
//! of its own: leading spaces are dropped and empty lines skipped.

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::summary::{Coming, LinkPart, Listed, Marker, Summary, due_of, owner_of, time_lines};
use super::walk::{self, Block, List, Para, Writer};
use super::{RunDoc, TrackDoc, capacity};
use crate::i18n::{Lang, Text};
use crate::run::NoteKind;
use crate::run::catalog::time_spent::MeetingTime;
use crate::run::state::Note;
use crate::text::{clean_line, cleaned, is_unsafe};

/// A run's summary as Markdown.
pub fn markdown(doc: &RunDoc, lang: Lang, tz: &TimeZone) -> String {
    let mut w = Markdown::with_capacity(capacity(std::slice::from_ref(doc)));
    walk::run(&mut w, doc, lang, tz);
    w.out
}

/// The whole track as Markdown: an overview of the meetings, every meeting in track order,
/// where the time went, then every action item of the track.
pub fn track_markdown(doc: &TrackDoc, lang: Lang, tz: &TimeZone) -> String {
    let mut w = Markdown::with_capacity(capacity(&doc.held()));
    walk::track(&mut w, doc, lang, tz);
    w.out
}

/// Writes the parts as Markdown blocks, each followed by an empty line.
struct Markdown {
    out: String,
}

impl Markdown {
    fn with_capacity(capacity: usize) -> Markdown {
        Markdown {
            out: String::with_capacity(capacity),
        }
    }
}

impl Writer for Markdown {
    fn begin_document(&mut self, _title: &str, _class: &'static str) {}

    fn end_document(&mut self, footer: Option<&str>) {
        match footer {
            Some(footer) => {
                self.out.push_str("---\n\n*");
                push_escaped(&mut self.out, footer, false);
                self.out.push_str("*\n");
            }
            // The last block needs no empty line after it.
            None => {
                if self.out.ends_with("\n\n") {
                    self.out.pop();
                }
            }
        }
    }

    fn begin(&mut self, _block: Block) {}

    /// The list of meetings (or the note that there are none) is followed by an empty line of
    /// its own; other blocks are not marked.
    fn end(&mut self, block: Block) {
        if matches!(block, Block::Nav) {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, level: usize, title: &str) {
        for _ in 0..level.min(6) {
            self.out.push('#');
        }
        self.out.push(' ');
        push_escaped(&mut self.out, title, false);
        self.out.push_str("\n\n");
    }

    fn paragraph(&mut self, kind: Para, text: &str) {
        let out = &mut self.out;
        match kind {
            Para::Meta | Para::Ends => push_escaped(out, text, false),
            Para::Detail | Para::Empty => {
                out.push('*');
                push_escaped(out, text, false);
                out.push('*');
            }
            Para::Prompt => {
                out.push_str("> ");
                push_escaped(out, text, false);
            }
            Para::Text => {
                push_lines(out, text, "");
            }
        }
        out.push_str("\n\n");
    }

    fn begin_list(&mut self, _list: List) {}

    fn end_list(&mut self, list: List) {
        if list != List::Meetings {
            self.out.push('\n');
        }
    }

    fn goal(&mut self, goal: &str) {
        self.out.push_str("- ");
        push_lines(&mut self.out, goal, "  ");
        self.out.push('\n');
    }

    /// "- title: address", the address left bare so that readers link it.
    fn links(&mut self, links: &[LinkPart]) {
        let out = &mut self.out;
        for link in links {
            out.push_str("- ");
            push_escaped(out, &link.title, false);
            out.push_str(": ");
            if link.is_web() {
                out.push('<');
                out.push_str(&link.url.replace(['<', '>', ' '], ""));
                out.push('>');
            } else {
                push_escaped(out, &link.url, false);
            }
            out.push('\n');
        }
        out.push('\n');
    }

    fn invitation(&mut self, label: &str, invitation: &str) {
        let _ = write!(self.out, "**{label}:** ");
        push_escaped(&mut self.out, invitation, false);
        self.out.push_str("\n\n");
    }

    fn meeting_entry(&mut self, number: usize, summary: &Summary) {
        let out = &mut self.out;
        let _ = write!(out, "{number}. ");
        push_escaped(out, &summary.title, true);
        out.push_str(" · ");
        push_escaped(out, &summary.span, false);
        out.push_str(" · ");
        out.push_str(&summary.text.notes_count(summary.note_count));
        out.push('\n');
    }

    fn coming_entry(&mut self, number: usize, coming: &Coming) {
        let out = &mut self.out;
        let _ = write!(out, "{number}. ");
        push_escaped(out, &coming.title, true);
        out.push_str(" · ");
        push_escaped(out, &coming.meta, false);
        out.push('\n');
    }

    /// `| 2. Samtal | 30 min | 38 min | `████████████████▓▓▓▓` | 38 min | över i 2 av 3 |`: the
    /// bar in a code span, so that it lines up in a monospaced font.
    fn time_table(&mut self, text: &Text, meeting: &MeetingTime) {
        let out = &mut self.out;
        let [planned, actual, suggested, over] = text.time_columns();
        let _ = write!(
            out,
            "| {} | {planned} | {actual} | | {suggested} | {over} |\n| --- | ---: | ---: | --- | ---: | --- |\n",
            text.export_item
        );
        for line in time_lines(text, meeting) {
            out.push_str("| ");
            if line.question {
                out.push('_');
                push_escaped(out, &line.title, false);
                out.push('_');
            } else {
                push_escaped(out, &line.title, false);
            }
            let (within, spare, overrun) = line.bar;
            let _ = writeln!(
                out,
                " | {} | {} | `{}{}{}` | {} | {} |",
                line.planned,
                line.actual,
                "█".repeat(within),
                "░".repeat(spare),
                "▓".repeat(overrun),
                line.suggested,
                line.over
            );
        }
        out.push('\n');
    }

    /// `- **Beslut**: the text\` / `  its next line — *Anna, 10:02*`.
    fn note(&mut self, note: &Note, marker: Option<&Marker>, item: Option<&str>, byline: &str) {
        let out = &mut self.out;
        out.push_str("- ");
        if let Some(marker) = marker {
            out.push_str("**");
            out.push_str(marker.label);
            out.push_str("**");
            if let Some(detail) = &marker.detail {
                out.push_str(" (");
                push_escaped(out, detail, false);
                out.push(')');
            }
            out.push_str(": ");
        }
        if push_lines(out, &note.text, "  ") {
            out.push(' ');
        }
        out.push_str("— *");
        if let Some(item) = item {
            push_escaped(out, item, false);
            out.push_str(" · ");
        }
        push_escaped(out, byline, false);
        out.push_str("*\n");
    }

    fn agenda(&mut self, s: &Summary) {
        let text = s.text;
        let out = &mut self.out;
        let _ = write!(
            out,
            "| {} | {} | {} | {} |\n| --- | --- | ---: | ---: |\n",
            text.export_start, text.export_item, text.export_planned, text.export_actual
        );
        for row in &s.agenda {
            out.push_str("| ");
            out.push_str(&row.start);
            out.push_str(" | ");
            push_escaped(out, &row.item, false);
            let _ = writeln!(out, " | {} | {} |", row.planned, row.actual);
            for q in &row.questions {
                out.push_str("| | _");
                push_escaped(out, &q.text, false);
                let _ = writeln!(out, "_ | {} | {} |", q.planned, q.actual);
            }
        }
        let _ = write!(
            out,
            "| | **{}** | **{}** | **{}** |\n\n",
            text.export_total, s.total_planned, s.total_actual
        );
    }

    fn begin_actions(&mut self, text: &Text, with_meeting: bool) {
        if with_meeting {
            let _ = write!(
                self.out,
                "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n",
                text.action, text.owner, text.due, text.meeting_column, text.action_status
            );
        } else {
            let _ = write!(
                self.out,
                "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
                text.action, text.owner, text.due, text.action_status
            );
        }
    }

    /// `| Boka lokal | Per | 2020-10-01 | (Kick off — 2020-09-17 |) öppen |`.
    fn action(&mut self, s: &Summary, listed: &Listed, with_meeting: bool) {
        let NoteKind::Action { owner, due } = &listed.note.kind else {
            return;
        };
        let out = &mut self.out;
        out.push_str("| ");
        push_escaped(out, &clean_line(listed.note.text.trim()), false);
        out.push_str(" | ");
        push_escaped(out, &owner_of(owner), false);
        out.push_str(" | ");
        push_escaped(out, &due_of(due.as_deref()), false);
        out.push_str(" | ");
        if with_meeting {
            push_escaped(out, &s.title, false);
            out.push_str(" | ");
        }
        out.push_str(s.status(listed.note));
        out.push_str(" |\n");
    }

    fn end_actions(&mut self) {
        self.out.push('\n');
    }

    fn meeting_footer(&mut self, footer: &str) {
        self.out.push('*');
        push_escaped(&mut self.out, footer, false);
        self.out.push_str("*\n\n");
    }
}

/// Writes multi-line text as the content of a list item (or a paragraph): its lines joined by
/// hard breaks, each continuation line indented by `indent`, empty lines left out. Returns
/// whether anything was written.
fn push_lines(out: &mut String, text: &str, indent: &str) -> bool {
    let cleaned = cleaned(text);
    let mut first = true;
    for line in cleaned.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !first {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        push_escaped(out, line, true);
        first = false;
    }
    !first
}

/// Escapes one line of text. With `line_start`, the text begins a line (or a list item), where
/// `-`, `+`, `=`, `:` and `1.` / `1)` would start a list, a setext heading, a rule or a
/// definition. Braces and `^` are escaped for the extensions that give them meaning (heading
/// attributes, superscript), `$` for math. Line breaks and tabs become spaces; control and bidi
/// characters are dropped.
pub(crate) fn push_escaped(out: &mut String, text: &str, line_start: bool) {
    let text = if line_start { text.trim_start() } else { text };
    let bytes = text.as_bytes();
    // Ordered-list marker: up to nine digits, then `.` or `)`.
    let digits = if line_start {
        bytes.iter().take_while(|b| b.is_ascii_digit()).count()
    } else {
        0
    };
    let list_number_end =
        (1..=9).contains(&digits) && matches!(bytes.get(digits), Some(b'.' | b')'));
    // Runs of plain text are copied whole; only the characters that need it are looked at.
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            continue;
        }
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' | '{' | '}'
            | '^' => true,
            // An entity reference (`&amp;`, `&#60;`) would be decoded; a lone `&` reads as is.
            '&' => bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'#'),
            '-' | '+' | '=' | ':' => line_start && i == 0,
            '.' | ')' => list_number_end && i == digits,
            '\n' | '\r' | '\t' => {
                out.push_str(&text[plain..i]);
                out.push(' ');
                plain = i + 1;
                continue;
            }
            c if is_unsafe(c) => {
                out.push_str(&text[plain..i]);
                plain = i + c.len_utf8();
                continue;
            }
            _ => false,
        };
        if escape {
            out.push_str(&text[plain..i]);
            out.push('\\');
            plain = i;
        }
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(text: &str, line_start: bool) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text, line_start);
        out
    }

    #[test]
    fn escapes_inline_structure() {
        assert_eq!(
            esc("a *b* _c_ `d` [e](f) <g> | ~h~ $i$", false),
            r"a \*b\* \_c\_ \`d\` \[e\](f) \<g\> \| \~h\~ \$i\$"
        );
        assert_eq!(esc(r"back\slash", false), r"back\\slash");
        assert_eq!(esc("{#id} x^2^", false), r"\{\#id\} x\^2\^");
        assert_eq!(esc("A & B &amp; &#60;", false), r"A & B \&amp; \&\#60;");
    }

    #[test]
    fn escapes_block_markers_at_line_start_only() {
        assert_eq!(esc("- item", true), r"\- item");
        assert_eq!(esc("+ item", true), r"\+ item");
        assert_eq!(esc("===", true), r"\===");
        assert_eq!(esc(": term", true), r"\: term");
        assert_eq!(esc("   - indented", true), r"\- indented");
        assert_eq!(esc("1. one", true), r"1\. one");
        assert_eq!(esc("2020) year", true), r"2020\) year");
        assert_eq!(esc("# heading", true), r"\# heading");
        assert_eq!(esc("> quote", true), r"\> quote");
        assert_eq!(esc("a - b 1. c", true), "a - b 1. c");
        assert_eq!(esc("- not at start", false), "- not at start");
        assert_eq!(
            esc("1234567890. too long for a list", true),
            "1234567890. too long for a list"
        );
    }

    #[test]
    fn lines_stay_inside_the_item() {
        let mut out = String::new();
        assert!(push_lines(
            &mut out,
            "first\n\n   - second\n# third  \n",
            "  "
        ));
        assert_eq!(out, "first\\\n  \\- second\\\n  \\# third");
        let mut empty = String::new();
        assert!(!push_lines(&mut empty, " \n\n", "  "));
    }
}
