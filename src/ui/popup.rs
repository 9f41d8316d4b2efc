//! Popups drawn over a screen (help, agenda, group picker, questions): where they sit and their
//! frame. Text inside takes its width from [`block`]'s `inner`, which counts the padding.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};

use crate::ui::theme::Theme;

/// Columns of the screen beneath that stay readable beside a popup: narrower margins would show
/// only slivers of words ("Vä", "å…"), so the popup takes the whole width instead.
const MIN_MARGIN: u16 = 8;

/// A rectangle of at most `width` × `height`, centred in `area`; the whole width of `area` when
/// less than [`MIN_MARGIN`] columns would be left on each side.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = if width.saturating_add(2 * MIN_MARGIN) > area.width {
        area.width
    } else {
        width
    };
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

/// Draws `paragraph` (with its [`block`]) as a popup over `area`. The whole screen inside the
/// view's frame is cleared first, not only the popup's box: a word or a countdown's stroke cut
/// by the popup's edge reads as a glitch (`Tur: Borlänge · Näst p╭`); the frame's title, clock
/// and key hints stay.
pub fn show(frame: &mut Frame, area: Rect, paragraph: Paragraph) {
    clear_beneath(frame, area);
    frame.render_widget(paragraph, area);
}

/// Clears the screen inside the view's frame and the popup's own `area`: see [`show`]. A view
/// without a frame (the zoomed stage) is cleared from edge to edge.
pub fn clear_beneath(frame: &mut Frame, area: Rect) {
    let screen = frame.area();
    let framed = frame
        .buffer_mut()
        .cell((screen.x, screen.y))
        .is_some_and(|c| c.symbol() == "╭");
    let beneath = if framed {
        screen.inner(Margin::new(1, 1))
    } else {
        screen
    };
    frame.render_widget(Clear, beneath);
    frame.render_widget(Clear, area);
}

/// Columns a popup needs for `lines` of content: the widest, its border and padding, at least
/// `least` (room for its title).
pub fn width_for(lines: &[Line], least: usize) -> u16 {
    let widest = lines.iter().map(Line::width).max().unwrap_or(0).max(least);
    u16::try_from(widest + 4).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_popup_leaves_readable_margins_or_none() {
        let area = Rect::new(1, 1, 78, 22);
        assert_eq!(centered(area, 60, 10), Rect::new(10, 7, 60, 10));
        // Four columns a side would show only slivers of the screen beneath.
        assert_eq!(centered(area, 70, 10), Rect::new(1, 7, 78, 10));
        assert_eq!(centered(area, 100, 30), area);
    }
}
