//! The summary as Markdown (CommonMark with GitHub's tables).
//!
//! Every piece of text is escaped ([`push_escaped`]): the characters that make emphasis, links,
//! code, HTML, headings, quotes, tables and math are backslash-escaped everywhere, and list and
//! setext markers where a line begins. A note's lines stay lines inside its list item (hard
//! breaks, continuation lines indented under the item), and no line of a note can begin a block
//! of its own: leading spaces are dropped and empty lines skipped.

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::summary::{GroupPart, LinkPart, Listed, Summary, due_of, owner_of, track_order};
use super::{RunDoc, capacity};
use crate::i18n::Lang;
use crate::run::NoteKind;
use crate::run::state::Note;
use crate::session::Track;
use crate::text::{clean_line, cleaned, is_unsafe};

/// A run's summary as Markdown.
pub fn markdown(doc: &RunDoc, lang: Lang, tz: &TimeZone) -> String {
    let summary = Summary::build(doc, lang, tz);
    let mut out = String::with_capacity(capacity(std::slice::from_ref(doc)));
    meeting(&mut out, &summary, 1);
    out.push_str("---\n\n*");
    push_escaped(&mut out, &summary.footer, false);
    out.push_str("*\n");
    out
}

/// The whole track as Markdown: an overview of the meetings, every meeting's summary in track
/// order, then every action item of the track.
pub fn track_markdown(track: Option<&Track>, runs: &[RunDoc], lang: Lang, tz: &TimeZone) -> String {
    let text = lang.text();
    let order = track_order(track, runs);
    let summaries: Vec<Summary> = order
        .iter()
        .map(|&i| Summary::build(&runs[i], lang, tz))
        .collect();
    let mut out = String::with_capacity(capacity(runs));

    out.push_str("# ");
    match track {
        Some(track) => push_escaped(&mut out, &clean_line(&track.title), false),
        None => out.push_str(text.all_meetings),
    }
    out.push_str("\n\n");
    if let Some(track) = track {
        if !track.description.trim().is_empty() {
            push_lines(&mut out, &track.description, "");
            out.push_str("\n\n");
        }
        if !track.goals.is_empty() {
            let _ = write!(out, "## {}\n\n", text.goals);
            for goal in &track.goals {
                out.push_str("- ");
                push_lines(&mut out, goal, "  ");
                out.push('\n');
            }
            out.push('\n');
        }
        if !track.prework.is_empty() {
            let _ = write!(out, "## {}\n\n", text.prework);
            links(&mut out, &LinkPart::all(&track.prework));
        }
    }

    let _ = write!(out, "## {}\n\n", text.meetings);
    if summaries.is_empty() {
        let _ = write!(out, "*{}*\n\n", text.none_yet);
    }
    for (n, summary) in summaries.iter().enumerate() {
        let _ = write!(out, "{}. ", n + 1);
        push_escaped(&mut out, &summary.title, true);
        out.push_str(" · ");
        push_escaped(&mut out, &summary.span, false);
        out.push_str(" · ");
        out.push_str(&text.notes_count(summary.note_count));
        out.push('\n');
    }
    out.push('\n');

    for summary in &summaries {
        meeting(&mut out, summary, 2);
        out.push('*');
        push_escaped(&mut out, &summary.footer, false);
        out.push_str("*\n\n");
    }

    let _ = write!(out, "## {}\n\n", text.all_actions);
    let count: usize = summaries.iter().map(|s| s.actions.len()).sum();
    if count == 0 {
        let _ = writeln!(out, "*{}*", text.none_yet);
    } else {
        let _ = write!(
            out,
            "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n",
            text.action, text.owner, text.due, text.meeting_column, text.action_status
        );
        for summary in &summaries {
            for listed in &summary.actions {
                action_row(&mut out, summary, listed, true);
            }
        }
    }
    out
}

/// One meeting, its title at heading `level`.
fn meeting(out: &mut String, s: &Summary, level: usize) {
    let text = s.text;
    heading(out, level, &s.title);
    push_escaped(out, &s.meta, false);
    out.push_str("\n\n");
    if !s.about.is_empty() {
        push_escaped(out, &s.about, true);
        out.push_str("\n\n");
    }
    if !s.prework.is_empty() {
        heading(out, level + 1, text.prework);
        links(out, &s.prework);
    }

    // Agenda
    heading(out, level + 1, text.agenda);
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
    push_escaped(out, &s.ends, false);
    out.push_str("\n\n");

    // Items, questions, groups, notes
    for item in &s.items {
        heading(out, level + 1, &item.heading);
        out.push('*');
        push_escaped(out, &item.detail, false);
        out.push_str("*\n\n");
        if let Some(invitation) = &item.invitation {
            let _ = write!(out, "**{}:** ", text.invitation());
            push_escaped(out, invitation, false);
            out.push_str("\n\n");
        }
        if let Some(prompt) = &item.prompt {
            out.push_str("> ");
            push_escaped(out, prompt, false);
            out.push_str("\n\n");
        }
        for step in &item.steps {
            let group_level = match &step.heading {
                Some(h) => {
                    heading(out, level + 2, h);
                    level + 3
                }
                None => level + 2,
            };
            if step.heading.is_some() && step.groups.is_empty() {
                let _ = write!(out, "*{}*\n\n", text.no_notes);
            }
            groups(out, s, &step.groups, group_level);
        }
    }
    if !s.other.is_empty() {
        heading(out, level + 1, text.other_notes);
        groups(out, s, &s.other, level + 2);
    }

    // Decisions, actions, parking lot
    heading(out, level + 1, text.decisions);
    listed(out, s, &s.decisions);
    heading(out, level + 1, text.actions);
    if s.actions.is_empty() {
        let _ = write!(out, "*{}*\n\n", text.none_yet);
    } else {
        let _ = write!(
            out,
            "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
            text.action, text.owner, text.due, text.action_status
        );
        for action in &s.actions {
            action_row(out, s, action, false);
        }
        out.push('\n');
    }
    heading(out, level + 1, text.parking_lot);
    listed(out, s, &s.parking);
}

/// A list of links, "- title: address", the address left bare so that readers link it.
fn links(out: &mut String, links: &[LinkPart]) {
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

fn heading(out: &mut String, level: usize, title: &str) {
    for _ in 0..level.min(6) {
        out.push('#');
    }
    out.push(' ');
    push_escaped(out, title, false);
    out.push_str("\n\n");
}

fn groups(out: &mut String, s: &Summary, groups: &[GroupPart], level: usize) {
    for group in groups {
        heading(out, level, &group.name);
        for note in &group.notes {
            note_item(out, s, note, None);
        }
        out.push('\n');
    }
}

/// `- **Beslut**: the text\` / `  its next line — *Anna, 10:02*`.
fn note_item(out: &mut String, s: &Summary, note: &Note, item: Option<&str>) {
    out.push_str("- ");
    // In the lists of decisions and parked questions (those with `item`) the heading says it.
    if let Some(marker) = s
        .marker(note)
        .filter(|_| item.is_none() || matches!(note.kind, NoteKind::Action { .. }))
    {
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
    if let Some(item) = item.filter(|i| !i.is_empty()) {
        push_escaped(out, item, false);
        out.push_str(" · ");
    }
    push_escaped(out, &s.byline(note), false);
    out.push_str("*\n");
}

fn listed(out: &mut String, s: &Summary, list: &[Listed]) {
    if list.is_empty() {
        let _ = write!(out, "*{}*\n\n", s.text.none_yet);
        return;
    }
    for entry in list {
        note_item(out, s, entry.note, Some(&entry.item));
    }
    out.push('\n');
}

/// `| Boka lokal | Per | 2020-10-01 | (Kick off — 2020-09-17 |) öppen |`.
fn action_row(out: &mut String, s: &Summary, listed: &Listed, with_meeting: bool) {
    let NoteKind::Action { owner, due } = &listed.note.kind else {
        return;
    };
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
