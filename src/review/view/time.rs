//! Where the time went, across the track: per meeting, per item and question, planned against
//! actual (the median of the runs that count), a text bar of the one against the other, the
//! suggested timebox and, where it ran over in most runs, how often.
//!
//! ```text
//! 1 Kick off · från 1 genomförande
//!   Punkt                          Planerat Faktiskt                      Förslag  Över
//!   2. Incheckning                   17 min   20 min  ██████████████▓▓      20 min  över i 1 av 1
//!      Vad tar du med dig?            6 min    5 min  ████░                  5 min
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::review::app::Review;
use crate::run::Millis;
use crate::run::catalog::time_spent::{TimeReport, whole_minutes};
use crate::text::clean_line;
use crate::ui::fit::{fit, truncate};

pub fn draw(frame: &mut Frame, area: Rect, review: &Review, now: Millis) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let width = usize::from(area.width);
    let report = TimeReport::of(&review.view, now);
    let mut lines: Vec<Line> = Vec::new();
    if report.meetings.is_empty() {
        lines.push(Line::from(Span::styled(text.no_times_yet(), theme.dim)));
    }
    let [planned_h, actual_h, suggested_h, over_h] = text.time_columns();
    let bar_w = if width >= 110 { 24 } else { 12 };
    let minutes_w = 8;
    let over_w = text.over_in(9, 9).width().max(over_h.width());
    let fixed = 2 + 2 * (minutes_w + 1) + 2 + bar_w + 2 + minutes_w + 2 + over_w;
    let title_w = width.saturating_sub(fixed).max(8);
    for meeting in &report.meetings {
        let number = meeting.meeting.map(|n| format!("{n} ")).unwrap_or_default();
        lines.push(Line::from(Span::styled(
            truncate(
                &format!(
                    "{number}{} · {}",
                    clean_line(&meeting.title),
                    text.from_runs(meeting.runs)
                ),
                width,
            ),
            theme.title,
        )));
        lines.push(Line::from(Span::styled(
            format!(
                "  {} {:>minutes_w$} {:>minutes_w$}  {}  {:>minutes_w$}  {}",
                fit(text.export_item, title_w),
                planned_h,
                actual_h,
                " ".repeat(bar_w),
                suggested_h,
                over_h,
            ),
            theme.dim,
        )));
        for row in &meeting.rows {
            let title = match row.question {
                None => format!("{}. {}", row.item + 1, clean_line(&row.title)),
                Some(_) => format!("   {}", clean_line(&row.title)),
            };
            let dash = || "–".to_string();
            let actual = row
                .median()
                .map_or_else(dash, |m| text.minutes(whole_minutes(m)));
            let suggested = row.suggested().map_or_else(dash, |m| text.minutes(m));
            let (within, spare, over) = meeting.bar(row, bar_w);
            let pad = bar_w.saturating_sub(within + spare + over);
            let style = if row.question.is_some() {
                theme.dim
            } else {
                theme.text
            };
            let mut spans = vec![Span::styled(
                format!(
                    "  {} {:>minutes_w$} {:>minutes_w$}  ",
                    fit(&title, title_w),
                    text.minutes(row.planned),
                    actual
                ),
                style,
            )];
            spans.push(Span::styled("█".repeat(within), theme.accent));
            spans.push(Span::styled("░".repeat(spare), theme.dim));
            spans.push(Span::styled("▓".repeat(over), theme.low));
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(format!("  {suggested:>minutes_w$}  "), style));
            if row.flagged() {
                spans.push(Span::styled(
                    text.over_in(row.over_in(), row.actual.len()),
                    theme.low,
                ));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::from(""));
    }
    let height = usize::from(area.height);
    let top = review.time_row.min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(shown), area);
}
