//! Popups drawn over a screen (help, agenda, group picker, questions): where they sit and their
//! frame. Text inside takes its width from [`block`]'s `inner`, which counts the padding.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};

use crate::ui::theme::Theme;

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// A popup's frame: rounded, titled " Agenda ", a column of padding inside each side.
pub fn block<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::from(format!(" {title} ")).style(theme.title))
        .padding(Padding::horizontal(1))
}

/// Draws `paragraph` (with its [`block`]) as a popup over `area`: what was under it is cleared
/// first, so no cell of the screen beneath shows through.
pub fn show(frame: &mut Frame, area: Rect, paragraph: Paragraph) {
    frame.render_widget(Clear, area);
    frame.render_widget(paragraph, area);
}
