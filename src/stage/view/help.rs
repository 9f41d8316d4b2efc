//! `?`: every key of the binding table in force, with what it does.
//!
//! ```text
//!        ╭ Hjälp ──────────────────────────────╮
//!        │ space    starta / pausa             │
//!        │ n →      nästa                      │
//!        │ …                                   │
//!        │ Tryck valfri tangent för att stänga │
//!        ╰─────────────────────────────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::stage::{Stage, keys};
use crate::ui::keymap::{help_lines, help_rows};
use crate::ui::popup::centered;

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let mut rows = help_rows(keys::for_role(keys::STAGE, stage.ctx.role), text);
    rows.push((String::new(), ""));
    rows.push((String::new(), text.notes));
    rows.extend(help_rows(crate::stage::notes::keys::EDITOR, text));
    let mut lines = help_lines(&rows, theme);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(text.help_close, theme.dim)));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2;
    // As wide as the widest line, borders and padding included, so no description is cut.
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX);
    let popup = centered(area, width, height);
    let block = crate::ui::popup::block(theme, text.help);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
