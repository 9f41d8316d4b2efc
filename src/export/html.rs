//! The summary as one self-contained HTML file: inline CSS that reads on a phone and prints
//! well, no scripts, no external assets.
//!
//! All text goes through [`push_escaped`] (`&`, `<`, `>`, `"`, `'`), in element content and in
//! attributes alike; the only attribute values not escaped are ids and links the writer makes
//! from numbers. The markup is also well-formed XML (void elements self-closed, every element
//! closed), so strict tools can read it too.

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::summary::{Coming, LinkPart, Listed, Marker, Summary, due_of, owner_of, time_lines};
use super::walk::{self, Block, List, Para, Writer};
use super::{RunDoc, TrackDoc, capacity};
use crate::i18n::{Lang, Text};
use crate::run::NoteKind;
use crate::run::catalog::time_spent::MeetingTime;
use crate::run::state::Note;
use crate::text::{cleaned, is_unsafe};

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1c1e21; --muted: #5d636b; --line: #d5d9de; --accent: #1d5a94; --bg: #fff; --soft: #f3f5f7; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8ea; --muted: #a3a9b0; --line: #3a4048; --accent: #8ab8ea; --bg: #15171a; --soft: #1f2226; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; overflow-wrap: anywhere; }
h1 { font-size: 1.75rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .25rem; }
.track > h1 + p, .meta, .detail, .ends, .by, .empty, footer { color: var(--muted); }
.detail { margin-top: 0; font-size: .95rem; }
.prompt { margin: .5rem 0; padding: .25rem .75rem; border-left: 3px solid var(--line); font-style: italic; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom-width: 2px; }
tfoot td { font-weight: 600; border-bottom: 0; }
.num { text-align: right; white-space: nowrap; }
tr.question td { color: #555; font-style: italic; }
.time { white-space: nowrap; }
ul.notes { margin: .25rem 0 1rem; padding-left: 1.25rem; }
ul.notes > li { margin: .3rem 0; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.kind { font-weight: 600; }
.by { font-size: .875em; }
.status { white-space: nowrap; }
.due { min-width: 6.5rem; overflow-wrap: normal; }
.due.date { white-space: nowrap; }
td.bar { width: 30%; min-width: 8rem; white-space: nowrap; }
td.bar span { display: inline-block; height: .75em; vertical-align: middle; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.bar .in { background: var(--accent); }
td.bar .spare { background: var(--soft); box-shadow: inset 0 0 0 1px var(--line); }
td.bar .over { background: #b3261e; }
tr.ran-over td:last-child { color: #b3261e; font-weight: 600; }
table.times td:last-child { white-space: nowrap; }
.done .status { color: var(--muted); }
a { color: var(--accent); }
footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--line); font-size: .875rem; }
@media (max-width: 32rem) {
  main { padding: .75rem .75rem 2rem; }
  h1 { font-size: 1.4rem; }
  h2 { font-size: 1.2rem; }
  table { font-size: .875rem; }
  th, td { padding: .3rem .25rem; }
  ul.notes { padding-left: 1rem; }
}
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --line: #bbb; --bg: #fff; --soft: #fff; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  li, tr, .prompt { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  article.meeting + article.meeting, .track section.all-actions { break-before: page; page-break-before: always; }
}
@page { margin: 16mm 14mm; }
"#;

/// A run's summary as one self-contained HTML file.
pub fn html(doc: &RunDoc, lang: Lang, tz: &TimeZone) -> String {
    let mut w = Html::new(lang, capacity(std::slice::from_ref(doc)) * 3 / 2);
    walk::run(&mut w, doc, lang, tz);
    w.out
}

/// The whole track as one self-contained HTML file: an overview of the meetings, every meeting
/// in track order, where the time went, then every action item of the track.
pub fn track_html(doc: &TrackDoc, lang: Lang, tz: &TimeZone) -> String {
    let mut w = Html::new(lang, capacity(&doc.held()) * 3 / 2);
    walk::track(&mut w, doc, lang, tz);
    w.out
}

/// Writes the parts as HTML elements.
struct Html {
    out: String,
    lang: Lang,
    /// The anchor of the meeting being written: the prefix of its ids.
    anchor: String,
}

impl Html {
    fn new(lang: Lang, capacity: usize) -> Html {
        Html {
            out: String::with_capacity(capacity),
            lang,
            anchor: String::new(),
        }
    }

    /// An id in the meeting being written, unique in the document.
    fn id(&self, name: &str) -> String {
        if self.anchor.is_empty() {
            name.to_string()
        } else {
            format!("{}-{name}", self.anchor)
        }
    }
}

impl Writer for Html {
    fn begin_document(&mut self, title: &str, class: &'static str) {
        let code = match self.lang {
            Lang::Sv => "sv",
            Lang::En => "en",
        };
        let out = &mut self.out;
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\" />\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
             <meta name=\"generator\" content=\"spar\" />\n<title>"
        );
        push_escaped(out, title);
        let _ = write!(out, "</title>\n<style>{STYLE}");
        // The widths of the time table's bars, one class per cell count.
        for cells in 0..=super::summary::BAR_WIDTH {
            let _ = writeln!(
                out,
                "td.bar .w{cells} {{ width: {:.3}%; }}",
                cells as f64 * 100.0 / super::summary::BAR_WIDTH as f64
            );
        }
        let _ = write!(out, "</style>\n</head>\n<body>\n<main class=\"{class}\">\n");
    }

    fn end_document(&mut self, footer: Option<&str>) {
        if let Some(footer) = footer {
            self.out.push_str("<footer>");
            push_escaped(&mut self.out, footer);
            self.out.push_str("</footer>\n");
        }
        self.out.push_str("</main>\n</body>\n</html>\n");
    }

    fn begin(&mut self, block: Block) {
        match block {
            Block::Header => self.out.push_str("<header>\n"),
            Block::Nav => self.out.push_str("<nav>\n"),
            Block::Meeting { anchor } => {
                self.anchor = anchor.to_string();
                if anchor.is_empty() {
                    self.out.push_str("<article class=\"meeting\">\n");
                } else {
                    let _ = writeln!(self.out, "<article class=\"meeting\" id=\"{anchor}\">");
                }
            }
            Block::Section { class, id: None } => {
                let _ = writeln!(self.out, "<section class=\"{class}\">");
            }
            Block::Section {
                class,
                id: Some(name),
            } => {
                let id = self.id(name);
                let _ = writeln!(self.out, "<section class=\"{class}\" id=\"{id}\">");
            }
        }
    }

    fn end(&mut self, block: Block) {
        self.out.push_str(match block {
            Block::Header => "</header>\n",
            Block::Nav => "</nav>\n",
            Block::Meeting { .. } => {
                self.anchor.clear();
                "</article>\n"
            }
            Block::Section { .. } => "</section>\n",
        });
    }

    fn heading(&mut self, level: usize, title: &str) {
        let level = level.clamp(1, 6);
        let _ = write!(self.out, "<h{level}>");
        push_escaped(&mut self.out, title);
        let _ = writeln!(self.out, "</h{level}>");
    }

    fn paragraph(&mut self, kind: Para, text: &str) {
        let (open, close) = match kind {
            Para::Meta => ("<p class=\"meta\">", "</p>\n"),
            Para::Ends => ("<p class=\"ends\">", "</p>\n"),
            Para::Detail => ("<p class=\"detail\">", "</p>\n"),
            Para::Prompt => ("<blockquote class=\"prompt\">", "</blockquote>\n"),
            Para::Empty => ("<p class=\"empty\">", "</p>\n"),
            Para::Text => ("<p class=\"text\">", "</p>\n"),
        };
        self.out.push_str(open);
        if kind == Para::Text {
            push_escaped(&mut self.out, cleaned(text).trim());
        } else {
            push_escaped(&mut self.out, text);
        }
        self.out.push_str(close);
    }

    fn begin_list(&mut self, list: List) {
        self.out.push_str(match list {
            List::Goals => "<ul>\n",
            List::Meetings => "<ol>\n",
            List::Notes => "<ul class=\"notes\">\n",
        });
    }

    fn end_list(&mut self, list: List) {
        self.out.push_str(match list {
            List::Goals | List::Notes => "</ul>\n",
            List::Meetings => "</ol>\n",
        });
    }

    fn goal(&mut self, goal: &str) {
        self.out.push_str("<li class=\"text\">");
        push_escaped(&mut self.out, cleaned(goal).trim());
        self.out.push_str("</li>\n");
    }

    /// A list of links; only web addresses are made links.
    fn links(&mut self, links: &[LinkPart]) {
        let out = &mut self.out;
        out.push_str("<ul class=\"prework\">\n");
        for link in links {
            out.push_str("<li>");
            if link.is_web() {
                out.push_str("<a href=\"");
                push_escaped(out, &link.url);
                out.push_str("\">");
                push_escaped(out, &link.title);
                out.push_str("</a>");
            } else {
                push_escaped(out, &link.title);
                out.push_str(": ");
                push_escaped(out, &link.url);
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }

    fn invitation(&mut self, label: &str, invitation: &str) {
        let _ = write!(
            self.out,
            "<p class=\"invitation\"><strong>{label}:</strong> "
        );
        push_escaped(&mut self.out, invitation);
        self.out.push_str("</p>\n");
    }

    fn meeting_entry(&mut self, number: usize, summary: &Summary) {
        let out = &mut self.out;
        let _ = write!(out, "<li><a href=\"#m{number}\">");
        push_escaped(out, &summary.title);
        out.push_str("</a> <span class=\"meta\">· ");
        push_escaped(out, &summary.span);
        out.push_str(" · ");
        out.push_str(&summary.text.notes_count(summary.note_count));
        out.push_str("</span></li>\n");
    }

    fn coming_entry(&mut self, number: usize, coming: &Coming) {
        let out = &mut self.out;
        let _ = write!(out, "<li class=\"coming\"><a href=\"#m{number}\">");
        push_escaped(out, &coming.title);
        out.push_str("</a> <span class=\"meta\">· ");
        push_escaped(out, &coming.meta);
        out.push_str("</span></li>\n");
    }

    /// A table with a plain inline bar per row: actual within the plan, plan left unused and
    /// overrun as three boxes whose widths (classes `w0` to `w24` of the style sheet, as no
    /// element has a style of its own) are the minutes; the figures beside them say the same
    /// in words, for a printer that leaves out backgrounds.
    fn time_table(&mut self, text: &Text, meeting: &MeetingTime) {
        let [planned, actual, suggested, over] = text.time_columns();
        let _ = write!(
            self.out,
            "<div class=\"scroll\"><table class=\"times\">\n<thead><tr><th>{}</th><th class=\"num\">{planned}</th><th class=\"num\">{actual}</th><th class=\"bar\"></th><th class=\"num\">{suggested}</th><th>{over}</th></tr></thead>\n<tbody>\n",
            text.export_item
        );
        for line in time_lines(text, meeting) {
            let class = match (line.question, line.over.is_empty()) {
                (true, true) => " class=\"question\"",
                (true, false) => " class=\"question ran-over\"",
                (false, true) => "",
                (false, false) => " class=\"ran-over\"",
            };
            let _ = write!(self.out, "<tr{class}><td>");
            push_escaped(&mut self.out, &line.title);
            let (within, spare, overrun) = line.bar;
            let _ = writeln!(
                self.out,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"bar\"><span class=\"in w{}\"></span><span class=\"spare w{}\"></span><span class=\"over w{}\"></span></td><td class=\"num\">{}</td><td>{}</td></tr>",
                line.planned, line.actual, within, spare, overrun, line.suggested, line.over
            );
        }
        self.out.push_str("</tbody>\n</table></div>\n");
    }

    /// `<li class="note decision"><strong class="kind">Beslut</strong>: <span class="text">…</span>
    /// <span class="by">— Anna, 10:02</span></li>`.
    fn note(&mut self, note: &Note, marker: Option<&Marker>, item: Option<&str>, byline: &str) {
        let class = match &note.kind {
            NoteKind::Note => "note",
            NoteKind::Decision => "note decision",
            NoteKind::Action { .. } if note.done => "note action done",
            NoteKind::Action { .. } => "note action",
            NoteKind::Parking => "note parking",
        };
        let out = &mut self.out;
        let _ = write!(out, "<li class=\"{class}\">");
        if let Some(marker) = marker {
            out.push_str("<strong class=\"kind\">");
            out.push_str(marker.label);
            out.push_str("</strong>");
            if let Some(detail) = &marker.detail {
                out.push_str(" (");
                push_escaped(out, detail);
                out.push(')');
            }
            out.push_str(": ");
        }
        out.push_str("<span class=\"text\">");
        push_escaped(out, cleaned(&note.text).trim());
        out.push_str("</span> <span class=\"by\">— ");
        if let Some(item) = item {
            push_escaped(out, item);
            out.push_str(" · ");
        }
        push_escaped(out, byline);
        out.push_str("</span></li>\n");
    }

    fn agenda(&mut self, s: &Summary) {
        let text = s.text;
        let _ = write!(
            self.out,
            "<div class=\"scroll\"><table>\n<thead><tr><th class=\"time\">{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            text.export_start, text.export_item, text.export_planned, text.export_actual
        );
        for row in &s.agenda {
            let id = self.id(&format!("item-{}", row.number));
            let _ = write!(
                self.out,
                "<tr><td class=\"time\">{}</td><td><a href=\"#{id}\">",
                row.start
            );
            push_escaped(&mut self.out, &row.item);
            let _ = writeln!(
                self.out,
                "</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                row.planned, row.actual
            );
            for q in &row.questions {
                self.out.push_str("<tr class=\"question\"><td></td><td>");
                push_escaped(&mut self.out, &q.text);
                let _ = writeln!(
                    self.out,
                    "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    q.planned, q.actual
                );
            }
        }
        let _ = write!(
            self.out,
            "</tbody>\n<tfoot><tr><td></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table></div>\n",
            text.export_total, s.total_planned, s.total_actual
        );
    }

    fn begin_actions(&mut self, text: &Text, with_meeting: bool) {
        self.out
            .push_str("<div class=\"scroll\"><table>\n<thead><tr>");
        let mut columns = vec![text.action, text.owner, text.due];
        if with_meeting {
            columns.push(text.meeting_column);
        }
        columns.push(text.action_status);
        for column in columns {
            let _ = write!(self.out, "<th>{column}</th>");
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
    }

    fn action(&mut self, s: &Summary, listed: &Listed, with_meeting: bool) {
        let NoteKind::Action { owner, due } = &listed.note.kind else {
            return;
        };
        let out = &mut self.out;
        out.push_str(if listed.note.done {
            "<tr class=\"done\"><td class=\"text\">"
        } else {
            "<tr><td class=\"text\">"
        });
        push_escaped(out, cleaned(&listed.note.text).trim());
        out.push_str("</td><td>");
        push_escaped(out, &owner_of(owner));
        // A date never breaks at its hyphens; a due in words wraps between them.
        let dated = due.as_deref().and_then(crate::run::due::date).is_some();
        out.push_str(if dated {
            "</td><td class=\"due date\">"
        } else {
            "</td><td class=\"due\">"
        });
        push_escaped(out, &due_of(due.as_deref()));
        out.push_str("</td><td>");
        if with_meeting {
            push_escaped(out, &s.title);
            out.push_str("</td><td>");
        }
        out.push_str("<span class=\"status\">");
        out.push_str(s.status(listed.note));
        out.push_str("</span></td></tr>\n");
    }

    fn end_actions(&mut self) {
        self.out.push_str("</tbody>\n</table></div>\n");
    }

    fn meeting_footer(&mut self, _footer: &str) {}
}

/// Escapes text for HTML element content and attribute values; drops what must never reach a
/// document (control, bidi and format characters, and Unicode noncharacters, which HTML parsers
/// report as errors). Line breaks stay: `.text` shows them.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    // Runs of plain text are copied whole; only the characters that need it are looked at.
    let mut plain = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            continue;
        }
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            '\n' => continue,
            c if unwanted(c) => "",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + c.len_utf8();
    }
    out.push_str(&text[plain..]);
}

fn unwanted(c: char) -> bool {
    is_unsafe(c)
        || c == '\r'
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (c as u32 & 0xfffe) == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        let mut out = String::new();
        push_escaped(
            &mut out,
            "<a href=\"x\" title='y'>&</a>\u{1b}[2J\u{202e}\u{fffe}\nnext",
        );
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;[2J\nnext"
        );
    }
}
