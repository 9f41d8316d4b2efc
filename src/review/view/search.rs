//! The search across every run of the track: the query as it is typed, how many results, and
//! each result with its meeting, question and group, the match highlighted.
//!
//! ```text
//! Sök: wifi▏                                                          3 resultat
//!
//! ▶ 1 Kick off 2020-09-17 · Grupp Dalälven · Fråga 2: Vad menar vi själva …
//!     Åtgärd → Åsa Lindqvist · Fråga kommunen om [wifi] i filialerna
//!   2 Det digitala samhället 2020-10-15 · Hela gruppen · Fråga 1: Var möter vi …
//!     [WIFI] saknas fortfarande i flera filialer.
//!   1 Kick off 2020-09-17 · 4. Samtal · Fråga 2                              a question
//!     Vad menar vi själva när vi säger digitalisering?
//! ```

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{meeting_title, scroll_to};
use crate::i18n::Text;
use crate::review::app::Review;
use crate::run::catalog::{Hit, SavedRun, Target, highlight_ranges};
use crate::run::{NoteKind, Place};
use crate::session::Step;
use crate::text::clean_line;
use crate::ui::clock::{hh_mm, iso_date};
use crate::ui::fit::{truncate, truncate_at_word, width as text_width};
use crate::ui::labels::{group_name, place_label};
use crate::ui::theme::Theme;

/// Rows per result: where it is, then the text around the match.
const ROWS: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, review: &Review) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let [query_area, _, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let width = usize::from(area.width);

    let count = if review.query.trim().is_empty() {
        String::new()
    } else {
        text.results(review.hits.len())
    };
    let prompt = format!("{}: ", text.screen_search);
    let room = width.saturating_sub(prompt.width() + count.width() + 2);
    // The end of a long query stays in view, where the typing is.
    let query = tail(&review.query, room.saturating_sub(1));
    let used = prompt.width() + query.width() + 1;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.title),
            Span::styled(query, theme.text),
            Span::styled("▏", theme.accent),
            Span::raw(" ".repeat(width.saturating_sub(used + count.width()))),
            Span::styled(count, theme.dim),
        ])),
        query_area,
    );

    if review.query.trim().is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(text.search_hint, width)).style(theme.dim),
            Rect { height: 1, ..list },
        );
        return;
    }
    if review.hits.is_empty() {
        frame.render_widget(
            Paragraph::new(text.search_nothing).style(theme.dim),
            Rect { height: 1, ..list },
        );
        return;
    }
    let per_page = (usize::from(list.height) / ROWS).max(1);
    let scroll = scroll_to(review.hit, review.hits.len(), per_page);
    let mut lines = Vec::with_capacity(per_page * ROWS);
    for (i, hit) in review.hits.iter().enumerate().skip(scroll).take(per_page) {
        lines.extend(hit_lines(review, hit, i == review.hit, width));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// The last `width` columns of `s`.
fn tail(s: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

fn hit_lines(review: &Review, hit: &Hit, selected: bool, width: usize) -> Vec<Line<'static>> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let run = &review.view.runs[hit.run];
    let marker = if selected { "▶ " } else { "  " };
    let where_style = if selected { theme.selected } else { theme.dim };
    let body_width = width.saturating_sub(4);
    match hit.target {
        Target::Note(n) => {
            let note = &run.state.notes[n];
            let question = if run.state.contains(note.at) {
                place_text(text, run, note.at)
            } else {
                text.other_notes.to_string()
            };
            let place = [
                meeting_of(review, run),
                group_name(text, note.group.as_deref()).to_string(),
                question,
            ];
            let mut body: Vec<Span<'static>> = Vec::new();
            let mut room = body_width;
            if let Some(mark) = short_mark(text, &note.kind) {
                let mark = format!("{mark} · ");
                room = room.saturating_sub(text_width(&mark));
                body.extend(snippet(
                    &mark,
                    &review.query,
                    body_width,
                    theme.accent,
                    theme,
                ));
            }
            body.extend(snippet(&note.text, &review.query, room, theme.text, theme));
            vec![
                Line::from(vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(truncate_at_word(&place.join(" · "), width - 2), where_style),
                ]),
                Line::from([vec![Span::raw("    ")], body].concat()),
            ]
        }
        Target::Place(place) => {
            let session = run.session();
            let item = session.agenda.get(place.item);
            let kind = item.map_or("", |i| text.item_kind(&i.kind));
            let mut heading = vec![
                meeting_of(review, run),
                format!("{}. {kind}", place.item + 1),
            ];
            if crate::run::catalog::is_step(session, place) {
                heading.push(place_label(text, session, place));
            }
            // The matching text of the place: its question, else the item's title (and prompt).
            let question = match session.steps(place.item).get(place.step) {
                Some(Step::Question(q)) if !highlight_ranges(&q.text, &review.query).is_empty() => {
                    clean_line(&q.text)
                }
                _ => {
                    let item = item.map_or(String::new(), |i| clean_line(&i.title));
                    let prompt = item_prompt(run, place.item);
                    if highlight_ranges(&item, &review.query).is_empty() && !prompt.is_empty() {
                        prompt
                    } else {
                        item
                    }
                }
            };
            vec![
                Line::from(vec![
                    Span::styled(marker, theme.accent),
                    Span::styled(
                        truncate_at_word(&heading.join(" · "), width - 2),
                        where_style,
                    ),
                ]),
                Line::from(
                    [
                        vec![Span::raw("    ")],
                        snippet(&question, &review.query, body_width, theme.text, theme),
                    ]
                    .concat(),
                ),
            ]
        }
    }
}

/// "1 Kick off 2020-09-17 09:02": the meeting, the day and the start, so that two runs of it,
/// on one day too, can be told apart.
fn meeting_of(review: &Review, run: &SavedRun) -> String {
    let tz = &review.ctx.tz;
    format!(
        "{} {} {}",
        meeting_title(run),
        iso_date(run.began(), tz),
        hh_mm(run.began(), tz)
    )
}

/// A note's kind in a result, short: "Beslut", "Parkerad fråga", "Åtgärd → Erik" (the owner is
/// searched too).
fn short_mark(text: &Text, kind: &NoteKind) -> Option<String> {
    match kind {
        NoteKind::Note => None,
        NoteKind::Decision => Some(text.decision.to_string()),
        NoteKind::Parking => Some(text.parked_question.to_string()),
        NoteKind::Action { owner, .. } if owner.is_empty() => Some(text.action.to_string()),
        NoteKind::Action { owner, .. } => Some(format!("{} → {owner}", text.action)),
    }
}

fn item_prompt(run: &SavedRun, item: usize) -> String {
    run.session()
        .agenda
        .get(item)
        .and_then(|i| i.round.as_ref())
        .and_then(|r| r.prompt.as_deref())
        .map(clean_line)
        .unwrap_or_default()
}

/// "Fråga 2: Vad betyder …", or the item's title for a note on the item as a whole.
fn place_text(text: &Text, run: &SavedRun, place: Place) -> String {
    let session = run.session();
    match session.steps(place.item).get(place.step) {
        Some(Step::Question(q)) if session.steps(place.item).len() > 1 => {
            let label = match session.agenda.get(place.item) {
                Some(item) => text.step_label(item, place.step + 1),
                None => text.question_n(place.step + 1),
            };
            format!("{label}: {}", clean_line(&q.text))
        }
        Some(Step::Question(q)) => clean_line(&q.text),
        _ => clean_line(&place_label(text, session, place)),
    }
}

/// One line of `text` around the first match of `query`, every match in view highlighted:
/// "… att [wifi] saknas på …".
fn snippet(
    text: &str,
    query: &str,
    width: usize,
    base: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let line = text.replace('\n', " ");
    let ranges = highlight_ranges(&line, query);
    let mark = base
        .patch(theme.accent)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    // Start a few words before the first match when the line is longer than the room.
    let start = match ranges.first() {
        Some(first) if text_width(&line) > width => {
            let before = text_width(&line[..first.start]);
            let lead = width / 4;
            if before > lead {
                let mut at = first.start;
                let mut shown = 0;
                for (i, c) in line[..first.start].char_indices().rev() {
                    shown += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    if shown > lead {
                        break;
                    }
                    at = i;
                }
                // Begin at a word, not inside one.
                let starts_word = line[..at].ends_with(char::is_whitespace);
                match line[at..first.start].find(char::is_whitespace) {
                    Some(space) if !starts_word => at + space + 1,
                    _ => at,
                }
            } else {
                0
            }
        }
        _ => 0,
    };
    let mut spans = Vec::new();
    let mut room = width;
    if start > 0 {
        spans.push(Span::styled("…", theme.dim));
        room = room.saturating_sub(1);
    }
    let mut at = start;
    let pieces = ranges
        .iter()
        .filter(|r| r.end > start)
        .map(|r| r.start.max(start)..r.end)
        .collect::<Vec<Range<usize>>>();
    let push = |piece: &str, style: Style, room: &mut usize, spans: &mut Vec<Span<'static>>| {
        if *room == 0 || piece.is_empty() {
            return;
        }
        let w = text_width(piece);
        if w <= *room {
            spans.push(Span::styled(piece.to_string(), style));
            *room -= w;
        } else {
            spans.push(Span::styled(truncate(piece, *room), style));
            *room = 0;
        }
    };
    for r in pieces {
        push(&line[at..r.start], base, &mut room, &mut spans);
        push(&line[r.clone()], mark, &mut room, &mut spans);
        at = r.end;
    }
    push(&line[at..], base, &mut room, &mut spans);
    spans
}
