//! Every action item of the track: open or done, owner, due date, the meeting it came from, and
//! what is to be done. `d` marks the selected one done or open again.
//!
//! ```text
//! Alla åtgärder · 3 öppna · 1 klar
//!   Status  Ansvarig      Klart senast  Träff               Åtgärd
//! ▶ öppen   Erik          2020-10-01    1 Kick off          Fråga kommunen om wifi i filialerna
//!   klar    Anna          –             1 Kick off          Boka lokal till nästa träff
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{meeting_title, scroll_to};
use crate::review::app::Review;
use crate::run::NoteKind;
use crate::ui::fit::fit;
use crate::ui::fit::truncate;

pub fn draw(frame: &mut Frame, area: Rect, review: &Review) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let view = &review.view;
    let [heading, columns, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let width = usize::from(area.width);
    let done = review
        .actions
        .iter()
        .filter(|r| view.note(**r).is_some_and(|n| n.done))
        .count();
    let title = format!(
        "{} · {}",
        text.all_actions,
        text.actions_summary(review.actions.len() - done, done)
    );
    frame.render_widget(
        Paragraph::new(truncate(&title, width)).style(theme.title),
        heading,
    );
    if review.actions.is_empty() {
        frame.render_widget(
            Paragraph::new(format!("  {}", text.no_actions)).style(theme.dim),
            columns,
        );
        return;
    }

    // Status, owner, due and meeting in columns as wide as they need (within reason); the action
    // itself takes the rest.
    let widest = |f: &dyn Fn(usize) -> String, min: usize, max: usize| {
        (0..review.actions.len())
            .map(|i| f(i).width())
            .chain([min])
            .max()
            .unwrap_or(min)
            .min(max)
    };
    let owner_due = |i: usize| -> (String, String) {
        match view.note(review.actions[i]).map(|n| &n.kind) {
            Some(NoteKind::Action { owner, due }) => (
                owner.clone(),
                due.clone().filter(|d| !d.is_empty()).unwrap_or("–".into()),
            ),
            _ => (String::new(), String::new()),
        }
    };
    let status_w = text
        .action_open
        .width()
        .max(text.action_done.width())
        .max(text.action_status.width());
    let owner_w = widest(&|i| owner_due(i).0, text.owner.width(), 18);
    let due_w = widest(&|i| owner_due(i).1, text.due.width(), 12);
    // A zoomed window has no room for the meeting's column (the search names it).
    let meeting_w = if width < 60 {
        0
    } else {
        widest(
            &|i| meeting_title(&view.runs[review.actions[i].run]),
            text.meeting_column.width(),
            (width / 5).max(12),
        )
    };
    // On a narrow window what is to be done gets a row of its own under the rest.
    let two_rows = width < 100;
    let fixed = 2 + status_w + 2 + owner_w + 2 + due_w + 2 + meeting_w + 2;
    let what_w = if two_rows {
        width.saturating_sub(4)
    } else {
        width.saturating_sub(fixed)
    };
    let mut header = format!(
        "  {}  {}  {}  {}",
        fit(text.action_status, status_w),
        fit(text.owner, owner_w),
        fit(text.due, due_w),
        fit(text.meeting_column, meeting_w),
    );
    if meeting_w == 0 {
        header = header.trim_end().to_string();
    }
    if !two_rows {
        header.push_str("  ");
        header.push_str(text.action);
    }
    frame.render_widget(
        Paragraph::new(truncate(header.trim_end(), width)).style(theme.dim),
        columns,
    );

    let rows = if two_rows { 2 } else { 1 };
    let per_page = (usize::from(list.height) / rows).max(1);
    let scroll = scroll_to(review.action, review.actions.len(), per_page);
    let mut lines = Vec::with_capacity(per_page * rows);
    for (i, r) in review
        .actions
        .iter()
        .enumerate()
        .skip(scroll)
        .take(per_page)
    {
        let Some(note) = view.note(*r) else { continue };
        let (owner, due) = owner_due(i);
        let selected = i == review.action;
        let status = if note.done {
            text.action_done
        } else {
            text.action_open
        };
        let status_style = if note.done { theme.dim } else { theme.low };
        let row_style = if selected { theme.selected } else { theme.text };
        let what = fit(&truncate(&note.text.replace('\n', " "), what_w), what_w);
        let mut columns = format!(
            "  {}  {}  {}",
            fit(&truncate(&owner, owner_w), owner_w),
            fit(&due, due_w),
            fit(
                &truncate(&meeting_title(&view.runs[r.run]), meeting_w),
                meeting_w
            ),
        );
        if !two_rows {
            columns.push_str("  ");
            columns.push_str(&what);
        }
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.accent),
            Span::styled(fit(status, status_w), status_style),
            Span::styled(columns, row_style),
        ]));
        if two_rows {
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(what, if selected { theme.title } else { theme.text }),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
}
