//! `?`: every key of the review's binding tables, with what it does.
//!
//! ```text
//!        ╭ Hjälp ──────────────────────────────────╮
//!        │ Tab          nästa vy                   │
//!        │ 1            Genomföranden              │
//!        │ …                                       │
//!        │ Sök                                     │
//!        │ Esc          lämna sökningen            │
//!        │ Tryck valfri tangent för att stänga     │
//!        ╰─────────────────────────────────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::review::app::Review;
use crate::review::keys::{Action, BROWSE, Binding, SEARCH};
use crate::ui::keymap::{help_lines, help_rows};

pub fn draw(frame: &mut Frame, area: Rect, review: &Review) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    // The screens' number keys on one row, as the tabs show them.
    let mut rows: Vec<(String, &str)> = Vec::new();
    let mut screens = Vec::new();
    let mut screens_at = None;
    for b in BROWSE.iter().filter(|b| b.listed) {
        if let Action::Show(_) = b.action {
            screens_at.get_or_insert_with(|| {
                rows.push((String::new(), ""));
                rows.len() - 1
            });
            screens.push((b.keys_label(), (b.describe)(text)));
        } else {
            rows.push((b.keys_label(), (b.describe)(text)));
        }
    }
    let joined;
    if let (Some(at), Some(first), Some(last)) = (screens_at, screens.first(), screens.last()) {
        let words: Vec<&str> = screens.iter().map(|(_, w)| *w).collect();
        joined = words.join(" · ");
        rows[at] = (format!("{}–{}", first.0, last.0), &joined);
    }
    rows.push((String::new(), ""));
    rows.push((String::new(), text.screen_search));
    rows.push(("a–ö".to_string(), text.search_typing));
    // Keys that do in the search what they do elsewhere are not listed twice.
    let same_as_browsing = |b: &Binding| {
        BROWSE
            .iter()
            .any(|o| o.action == b.action && b.keys.iter().all(|k| o.keys.contains(k)))
    };
    rows.extend(help_rows(
        SEARCH.iter().filter(|b| !same_as_browsing(b)),
        text,
    ));
    if area.width < crate::ui::frame::MIN_WIDTH || area.height < crate::ui::frame::MIN_HEIGHT {
        draw_zoomed(frame, area, review, &rows);
        return;
    }
    let mut lines = help_lines(&rows, theme);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        text.help_close_but_space(),
        theme.dim,
    )));
    // Two columns when the window is too short for one.
    let inner_height = usize::from(area.height.saturating_sub(4));
    let (width, columns) = if lines.len() > inner_height && area.width >= 100 {
        (110, 2)
    } else {
        (crate::ui::popup::width_for(&lines, 10), 1)
    };
    let rows = lines.len().div_ceil(columns);
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let popup = crate::ui::popup::centered(area, width, height);
    let block = crate::ui::popup::block(theme, text.help);
    crate::ui::popup::clear_beneath(frame, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if columns == 1 {
        frame.render_widget(Paragraph::new(lines), inner);
    } else {
        let half = inner.width / 2;
        let right: Vec<Line> = lines.split_off(rows);
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                width: half,
                ..inner
            },
        );
        frame.render_widget(
            Paragraph::new(right),
            Rect {
                x: inner.x + half,
                width: inner.width - half,
                ..inner
            },
        );
    }
}

/// On a zoomed terminal: the whole window, each key with its words wrapped between words; what
/// does not fit is on the next pages (PageDown or space).
fn draw_zoomed(frame: &mut Frame, area: Rect, review: &Review, rows: &[(String, &str)]) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let block = crate::ui::popup::block(theme, text.help);
    crate::ui::popup::clear_beneath(frame, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for (keys, words) in rows {
        if keys.is_empty() && words.is_empty() {
            continue;
        }
        let keys = if keys.is_empty() {
            String::new()
        } else {
            format!("{keys}  ")
        };
        lines.extend(crate::ui::fit::wrap(
            &[(keys.as_str(), theme.accent), (words, theme.text)],
            columns,
        ));
    }
    lines.extend(crate::ui::fit::wrap(
        &[(text.help_close_but_space(), theme.dim)],
        columns,
    ));
    // Pages of what fits, the last row saying which and how to turn.
    let room = usize::from(inner.height);
    if lines.len() > room && room > 1 {
        let per_page = room - 1;
        let pages = lines.len().div_ceil(per_page);
        let page = review.help_page % pages;
        let mut shown: Vec<Line> = lines
            .into_iter()
            .skip(page * per_page)
            .take(per_page)
            .collect();
        shown.resize(per_page, Line::from(""));
        shown.push(Line::from(Span::styled(
            text.help_page(page + 1, pages),
            theme.dim,
        )));
        lines = shown;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
