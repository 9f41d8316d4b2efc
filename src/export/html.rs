//! The summary as one self-contained HTML file: inline CSS that reads on a phone and prints
//! well, no scripts, no external assets.
//!
//! All text goes through [`push_escaped`] (`&`, `<`, `>`, `"`, `'`), in element content and in
//! attributes alike; the only attribute values not escaped are ids and links the writer makes
//! from numbers. The markup is also well-formed XML (void elements self-closed, every element
//! closed), so strict tools can read it too.

use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::summary::{GroupPart, LinkPart, Listed, Summary, due_of, owner_of, track_order};
use super::{RunDoc, capacity};
use crate::i18n::Lang;
use crate::run::NoteKind;
use crate::run::state::Note;
use crate::session::Track;
use crate::text::{clean, clean_line, cleaned, is_unsafe};

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
    let summary = Summary::build(doc, lang, tz);
    let mut out = String::with_capacity(capacity(std::slice::from_ref(doc)) * 3 / 2);
    open_document(&mut out, lang, &summary.title, "run");
    meeting(&mut out, &summary, 1, "");
    out.push_str("<footer>");
    push_escaped(&mut out, &summary.footer);
    out.push_str("</footer>\n");
    close_document(&mut out);
    out
}

/// The whole track as one self-contained HTML file: an overview of the meetings, every
/// meeting's summary in track order, then every action item of the track.
pub fn track_html(track: Option<&Track>, runs: &[RunDoc], lang: Lang, tz: &TimeZone) -> String {
    let text = lang.text();
    let order = track_order(track, runs);
    let summaries: Vec<Summary> = order
        .iter()
        .map(|&i| Summary::build(&runs[i], lang, tz))
        .collect();
    let mut out = String::with_capacity(capacity(runs) * 3 / 2);
    let title = track.map_or_else(|| text.all_meetings.to_string(), |t| clean_line(&t.title));
    open_document(&mut out, lang, &title, "track");

    out.push_str("<header>\n<h1>");
    push_escaped(&mut out, &title);
    out.push_str("</h1>\n");
    if let Some(track) = track {
        if !track.description.trim().is_empty() {
            out.push_str("<p class=\"text\">");
            push_escaped(&mut out, clean(&track.description).trim());
            out.push_str("</p>\n");
        }
        if !track.goals.is_empty() {
            let _ = write!(out, "<h2>{}</h2>\n<ul>\n", text.goals);
            for goal in &track.goals {
                out.push_str("<li class=\"text\">");
                push_escaped(&mut out, clean(goal).trim());
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        if !track.prework.is_empty() {
            let _ = writeln!(out, "<h2>{}</h2>", text.prework);
            links(&mut out, &LinkPart::all(&track.prework));
        }
    }
    let _ = write!(out, "<nav>\n<h2>{}</h2>\n", text.meetings);
    if summaries.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", text.none_yet);
    } else {
        out.push_str("<ol>\n");
        for (n, summary) in summaries.iter().enumerate() {
            let _ = write!(out, "<li><a href=\"#m{}\">", n + 1);
            push_escaped(&mut out, &summary.title);
            out.push_str("</a> <span class=\"meta\">· ");
            push_escaped(&mut out, &summary.span);
            out.push_str(" · ");
            out.push_str(&text.notes_count(summary.note_count));
            out.push_str("</span></li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</nav>\n</header>\n");

    for (n, summary) in summaries.iter().enumerate() {
        meeting(&mut out, summary, 2, &format!("m{}", n + 1));
    }

    let _ = write!(
        out,
        "<section class=\"all-actions\" id=\"actions\">\n<h2>{}</h2>\n",
        text.all_actions
    );
    let count: usize = summaries.iter().map(|s| s.actions.len()).sum();
    if count == 0 {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", text.none_yet);
    } else {
        let _ = write!(
            out,
            "<div class=\"scroll\"><table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            text.action, text.owner, text.due, text.meeting_column, text.action_status
        );
        for summary in &summaries {
            for listed in &summary.actions {
                action_row(&mut out, summary, listed, true);
            }
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    out.push_str("</section>\n");
    close_document(&mut out);
    out
}

/// A list of links; only web addresses are made links.
fn links(out: &mut String, links: &[LinkPart]) {
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

fn open_document(out: &mut String, lang: Lang, title: &str, class: &str) {
    let code = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"spar\" />\n<title>"
    );
    push_escaped(out, title);
    let _ = write!(
        out,
        "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main class=\"{class}\">\n"
    );
}

fn close_document(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// One meeting as an `<article>`, its title at heading `level`; `prefix` keeps the ids of
/// several meetings in one file apart.
fn meeting(out: &mut String, s: &Summary, level: usize, prefix: &str) {
    let text = s.text;
    let id = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}-{name}")
        }
    };
    if prefix.is_empty() {
        out.push_str("<article class=\"meeting\">\n<header>\n");
    } else {
        let _ = write!(
            out,
            "<article class=\"meeting\" id=\"{prefix}\">\n<header>\n"
        );
    }
    heading(out, level, &s.title);
    out.push_str("<p class=\"meta\">");
    push_escaped(out, &s.meta);
    out.push_str("</p>\n");
    if !s.about.is_empty() {
        out.push_str("<p class=\"text\">");
        push_escaped(out, &s.about);
        out.push_str("</p>\n");
    }
    if !s.prework.is_empty() {
        heading(out, level + 1, text.prework);
        links(out, &s.prework);
    }
    out.push_str("</header>\n");

    // Agenda
    let _ = writeln!(out, "<section class=\"agenda\" id=\"{}\">", id("agenda"));
    heading(out, level + 1, text.agenda);
    let _ = write!(
        out,
        "<div class=\"scroll\"><table>\n<thead><tr><th class=\"time\">{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        text.export_start, text.export_item, text.export_planned, text.export_actual
    );
    for row in &s.agenda {
        let _ = write!(
            out,
            "<tr><td class=\"time\">{}</td><td><a href=\"#{}\">",
            row.start,
            id(&format!("item-{}", row.number))
        );
        push_escaped(out, &row.item);
        let _ = writeln!(
            out,
            "</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            row.planned, row.actual
        );
        for q in &row.questions {
            out.push_str("<tr class=\"question\"><td></td><td>");
            push_escaped(out, &q.text);
            let _ = writeln!(
                out,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                q.planned, q.actual
            );
        }
    }
    let _ = write!(
        out,
        "</tbody>\n<tfoot><tr><td></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table></div>\n",
        text.export_total, s.total_planned, s.total_actual
    );
    out.push_str("<p class=\"ends\">");
    push_escaped(out, &s.ends);
    out.push_str("</p>\n</section>\n");

    // Items, questions, groups, notes
    for item in &s.items {
        let _ = writeln!(
            out,
            "<section class=\"item\" id=\"{}\">",
            id(&format!("item-{}", item.number))
        );
        heading(out, level + 1, &item.heading);
        out.push_str("<p class=\"detail\">");
        push_escaped(out, &item.detail);
        out.push_str("</p>\n");
        if let Some(invitation) = &item.invitation {
            let _ = write!(
                out,
                "<p class=\"invitation\"><strong>{}:</strong> ",
                text.invitation()
            );
            push_escaped(out, invitation);
            out.push_str("</p>\n");
        }
        if let Some(prompt) = &item.prompt {
            out.push_str("<blockquote class=\"prompt\">");
            push_escaped(out, prompt);
            out.push_str("</blockquote>\n");
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
                let _ = writeln!(out, "<p class=\"empty\">{}</p>", text.no_notes);
            }
            groups(out, s, &step.groups, group_level);
        }
        out.push_str("</section>\n");
    }
    if !s.other.is_empty() {
        out.push_str("<section class=\"other\">\n");
        heading(out, level + 1, text.other_notes);
        groups(out, s, &s.other, level + 2);
        out.push_str("</section>\n");
    }

    // Decisions, actions, parking lot
    let _ = writeln!(
        out,
        "<section class=\"decisions\" id=\"{}\">",
        id("decisions")
    );
    heading(out, level + 1, text.decisions);
    listed(out, s, &s.decisions);
    let _ = write!(
        out,
        "</section>\n<section class=\"actions\" id=\"{}\">\n",
        id("actions")
    );
    heading(out, level + 1, text.actions);
    if s.actions.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", text.none_yet);
    } else {
        let _ = write!(
            out,
            "<div class=\"scroll\"><table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            text.action, text.owner, text.due, text.action_status
        );
        for action in &s.actions {
            action_row(out, s, action, false);
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    let _ = write!(
        out,
        "</section>\n<section class=\"parking\" id=\"{}\">\n",
        id("parking")
    );
    heading(out, level + 1, text.parking_lot);
    listed(out, s, &s.parking);
    out.push_str("</section>\n</article>\n");
}

fn heading(out: &mut String, level: usize, title: &str) {
    let level = level.clamp(1, 6);
    let _ = write!(out, "<h{level}>");
    push_escaped(out, title);
    let _ = writeln!(out, "</h{level}>");
}

fn groups(out: &mut String, s: &Summary, groups: &[GroupPart], level: usize) {
    for group in groups {
        heading(out, level, &group.name);
        out.push_str("<ul class=\"notes\">\n");
        for note in &group.notes {
            note_item(out, s, note, None);
        }
        out.push_str("</ul>\n");
    }
}

/// `<li class="note decision"><strong class="kind">Beslut</strong>: <span class="text">…</span>
/// <span class="by">— Anna, 10:02</span></li>`.
fn note_item(out: &mut String, s: &Summary, note: &Note, item: Option<&str>) {
    let class = match &note.kind {
        NoteKind::Note => "note",
        NoteKind::Decision => "note decision",
        NoteKind::Action { .. } if note.done => "note action done",
        NoteKind::Action { .. } => "note action",
        NoteKind::Parking => "note parking",
    };
    let _ = write!(out, "<li class=\"{class}\">");
    // In the lists of decisions and parked questions (those with `item`) the heading says it.
    if let Some(marker) = s
        .marker(note)
        .filter(|_| item.is_none() || matches!(note.kind, NoteKind::Action { .. }))
    {
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
    if let Some(item) = item.filter(|i| !i.is_empty()) {
        push_escaped(out, item);
        out.push_str(" · ");
    }
    push_escaped(out, &s.byline(note));
    out.push_str("</span></li>\n");
}

fn listed(out: &mut String, s: &Summary, list: &[Listed]) {
    if list.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", s.text.none_yet);
        return;
    }
    out.push_str("<ul class=\"notes\">\n");
    for entry in list {
        note_item(out, s, entry.note, Some(&entry.item));
    }
    out.push_str("</ul>\n");
}

fn action_row(out: &mut String, s: &Summary, listed: &Listed, with_meeting: bool) {
    let NoteKind::Action { owner, due } = &listed.note.kind else {
        return;
    };
    out.push_str(if listed.note.done {
        "<tr class=\"done\"><td class=\"text\">"
    } else {
        "<tr><td class=\"text\">"
    });
    push_escaped(out, cleaned(&listed.note.text).trim());
    out.push_str("</td><td>");
    push_escaped(out, &owner_of(owner));
    out.push_str("</td><td class=\"time\">");
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
