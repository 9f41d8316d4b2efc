//! The notes of one run, per item and question, by group, with decisions, actions and parked
//! questions marked; the selected note is brought into view with some context above it, and
//! the item and question of the first note in view stay at the top.
//!
//! ```text
//! 1 Kick off — 2020-09-17 · 42 anteckningar                      ← → genomförande 1/2
//! 4. Samtal efter föredraget
//!   Fråga 1: Vad tar du med dig från föredraget?
//!     Hela gruppen
//!     Anna · 10:02
//!     Vi pratade om hur biblioteken kan nå fler.
//!   ▶ Erik · 10:05                                                     selected
//!     Åtgärd → Erik, klart senast 2020-10-01 · öppen
//!     Fråga kommunen om wifi i filialerna.
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{run_heading, selected_run};
use crate::i18n::Text;
use crate::review::app::Review;
use crate::run::catalog::{Row, SavedRun};
use crate::run::state::Note;
use crate::run::{NoteKind, Place};
use crate::session::{Session, Step};
use crate::text::clean_line;
use crate::ui::clock::hh_mm;
use crate::ui::fit::{truncate, wrap};
use crate::ui::labels::{group_name, kind_mark};
use crate::ui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, review: &Review) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let Some(run) = selected_run(frame, area, review) else {
        return;
    };
    let [heading, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let width = usize::from(area.width);
    let count = text.notes_count(run.note_count());
    frame.render_widget(
        Paragraph::new(run_heading(review, run, &count, width)),
        heading,
    );
    if run.order.is_empty() {
        frame.render_widget(
            Paragraph::new(format!("  {}", text.no_notes)).style(theme.dim),
            Rect { height: 1, ..body },
        );
        return;
    }
    frame.render_widget(Paragraph::new(visible_lines(review, run, body)), body);
}

/// The rows around the selected note that fit in `area`: from about a third of the height
/// above it, the item and question of the first row in view repeated at the top.
fn visible_lines(review: &Review, run: &SavedRun, area: Rect) -> Vec<Line<'static>> {
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let selected_note = run.order.get(review.note).copied();
    let selected_row = run
        .rows
        .iter()
        .position(|r| matches!(r, Row::Note(i) if Some(*i) == selected_note))
        .unwrap_or(0);
    let lines_of = |row: usize| row_lines(review, run, run.rows[row], width, selected_note);

    // Walk back from the selected row while a third of the height is not used.
    let mut first = selected_row;
    let mut above = 0;
    while first > 0 {
        let rows = lines_of(first - 1).len();
        if above + rows > height / 3 {
            break;
        }
        above += rows;
        first -= 1;
    }
    let mut lines = context_lines(review, run, first, width);
    for row in first..run.rows.len() {
        if lines.len() >= height {
            break;
        }
        lines.extend(lines_of(row));
    }
    lines.truncate(height);
    lines
}

/// The headings the row at `first` is under (its item, question and group) when they are above
/// it, so that what is in view is always under its question.
fn context_lines(
    review: &Review,
    run: &SavedRun,
    first: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let level = |row: &Row| match row {
        Row::Item(_) | Row::Other => 0,
        Row::Step(_) => 1,
        Row::Group(_) => 2,
        Row::Note(_) => 3,
    };
    let mut above = Vec::new();
    let mut at = level(&run.rows[first]);
    for row in run.rows[..first].iter().rev() {
        if at == 0 {
            break;
        }
        if level(row) < at {
            at = level(row);
            above.push(*row);
        }
    }
    above
        .into_iter()
        .rev()
        .flat_map(|row| row_lines(review, run, row, width, None))
        .collect()
}

fn row_lines(
    review: &Review,
    run: &SavedRun,
    row: Row,
    width: usize,
    selected: Option<usize>,
) -> Vec<Line<'static>> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let session = run.session();
    match row {
        Row::Item(i) => {
            let Some(item) = session.agenda.get(i) else {
                return Vec::new();
            };
            let kind = text.item_kind(&item.kind);
            let heading = format!("{}. {} ({kind})", i + 1, clean_line(&item.title));
            vec![Line::from(Span::styled(
                truncate(&heading, width),
                theme.title,
            ))]
        }
        Row::Step(place) => {
            // Wrapped under its own indent, so a long question never runs back to the margin.
            let heading = step_heading(text, session, place);
            wrap(&[(heading.as_str(), theme.accent)], width.saturating_sub(2))
                .into_iter()
                .map(|mut line| {
                    line.spans.insert(0, Span::raw("  "));
                    line
                })
                .collect()
        }
        Row::Other => vec![Line::from(Span::styled(
            truncate(text.other_notes, width),
            theme.title,
        ))],
        Row::Group(n) => {
            let group = run.state.notes[n].group.as_deref();
            let name = format!("    {}", group_name(text, group));
            vec![Line::from(Span::styled(
                truncate(&name, width),
                theme.title,
            ))]
        }
        Row::Note(n) => note_lines(
            text,
            theme,
            &run.state.notes[n],
            &review.ctx.tz,
            width,
            selected == Some(n),
        ),
    }
}

/// "Fråga 1: Vad tar du med dig …", "Tur 3: Falun", or the item's title.
fn step_heading(text: &Text, session: &Session, place: Place) -> String {
    match session.steps(place.item).get(place.step) {
        Some(Step::Question(q)) => {
            let label = match session.agenda.get(place.item) {
                Some(item) => text.step_label(item, place.step + 1),
                None => text.question_n(place.step + 1),
            };
            format!("{label}: {}", clean_line(&q.text))
        }
        Some(Step::Turn { name, .. }) => text.turn_named(place.step + 1, &clean_line(name)),
        _ => String::new(),
    }
}

/// A note: who wrote it and when, its mark (decision, action with owner, due and status, parked
/// question) and its text, wrapped under it.
pub(crate) fn note_lines(
    text: &Text,
    theme: &Theme,
    note: &Note,
    tz: &jiff::tz::TimeZone,
    width: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let indent = "    ";
    let body_width = width.saturating_sub(indent.len()).max(1);
    let mut who = vec![note.by.clone(), hh_mm(note.written, tz)];
    if note.edited.is_some() {
        who.push(text.edited.to_string());
    }
    let (gutter, who_style) = if selected {
        ("  ▶ ", theme.selected)
    } else {
        (indent, theme.dim)
    };
    let mut lines = vec![Line::from(vec![
        Span::raw(gutter),
        Span::styled(truncate(&who.join(" · "), body_width), who_style),
    ])];
    let mark = kind_mark(text, &note.kind, note.done).map(|mut m| {
        if matches!(note.kind, NoteKind::Action { .. }) && !note.done {
            m.push_str(&format!(" · {}", text.action_open));
        }
        m
    });
    let mark_style = match note.kind {
        NoteKind::Action { .. } if !note.done => theme.low,
        NoteKind::Note => theme.text,
        _ => theme.accent,
    };
    let mut segments: Vec<(&str, Style)> = Vec::new();
    if let Some(mark) = &mark {
        segments.push((mark.as_str(), mark_style));
        segments.push((" ", theme.text));
    }
    let unfinished = note.unfinished.then(|| format!("({})", text.unfinished()));
    if let Some(mark) = &unfinished {
        segments.push((mark.as_str(), theme.low));
        segments.push((" ", theme.text));
    }
    segments.push((note.text.as_str(), theme.text));
    for line in wrap(&segments, body_width) {
        let mut spans = vec![Span::raw(indent)];
        spans.extend(line.spans);
        lines.push(Line::from(spans));
    }
    lines
}
