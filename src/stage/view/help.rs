//! `?`: every key of the stage and of the note editor, one row per binding, scrolling when the
//! window is short (↑↓, PageUp/PageDown; Esc or `?` closes).
//!
//! ```text
//!        ╭ Hjälp ───────────────────────── 1–18 av 40 ╮
//!        │ space    starta / pausa                    │
//!        │ n →      nästa                             │
//!        │ …                                          │
//!        ╰────────────────────────────────────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::stage::{Stage, keys};
use crate::ui::keymap::{help_lines, help_rows};
use crate::ui::popup::centered;

/// The help text, one line per binding, headings between the tables.
fn lines(stage: &Stage) -> Vec<Line<'static>> {
    let text = stage.ctx.ui.text();
    let mut rows = help_rows(keys::for_role(keys::STAGE, stage.ctx.role), text);
    rows.push((String::new(), ""));
    rows.push((String::new(), text.notes));
    rows.extend(help_rows(crate::stage::notes::keys::EDITOR, text));
    help_lines(&rows, &stage.ctx.ui.theme)
}

/// Rows of help: how far it can scroll.
pub fn rows(stage: &Stage) -> u16 {
    u16::try_from(lines(stage).len()).unwrap_or(u16::MAX)
}

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage, scroll: u16) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let lines = lines(stage);
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    // The frame's hint bar stays in view below the popup: it says how to scroll and close.
    // As wide as its widest line, up to the window: nothing cut that would fit.
    let width = crate::ui::popup::width_for(&lines, 20).min(area.width.saturating_sub(2));
    let popup = centered(area, width, (total + 2).min(area.height.saturating_sub(2)));
    let visible = popup.height.saturating_sub(2);
    let scroll = scroll.min(total.saturating_sub(visible));
    let width = usize::from(popup.width.saturating_sub(4));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(usize::from(scroll))
        .take(usize::from(visible))
        .map(|line| crate::ui::fit::fit_spans(line, width))
        .collect();
    let mut block = crate::ui::popup::block(theme, text.help);
    if visible < total {
        let position = format!(
            " {}–{} / {total} ",
            scroll + 1,
            (scroll + visible).min(total)
        );
        block = block.title(Line::from(position).style(theme.dim).right_aligned());
    }
    crate::ui::popup::show(frame, popup, Paragraph::new(shown).block(block));
}
