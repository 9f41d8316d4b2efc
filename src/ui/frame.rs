//! What every full-screen view shares: the minimum window size with its message, and the rounded
//! frame with a title, a corner (the clock) and the key hints along the bottom.
//!
//! ```text
//! ╭ Dalaspåret · Kick off ──────────────── 09:42 ╮
//! │ (the view, one column in from each side)      │
//! ╰ space starta / pausa  n → nästa ─────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::i18n::Text;
use crate::ui::theme::Theme;

/// Smallest window a view draws in; below it a clear message instead of a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Smallest window a zoomed view (a large font leaves 40×12 or so) draws in; below the full
/// minimum and at least this large, a view draws its zoomed form.
pub const ZOOMED_MIN_WIDTH: u16 = 28;
pub const ZOOMED_MIN_HEIGHT: u16 = 8;

/// Whether `area` is below the full views' minimum: a view draws its zoomed form there.
pub fn below_full(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Draws "Fönstret är för litet (minst 28 × 8)" and returns true when the window is below even a
/// zoomed view's minimum; else draws nothing and returns false.
pub fn too_small_zoomed(frame: &mut Frame, text: &Text, theme: &Theme) -> bool {
    let area = frame.area();
    if area.width >= ZOOMED_MIN_WIDTH && area.height >= ZOOMED_MIN_HEIGHT {
        return false;
    }
    say_too_small(
        frame,
        &text.window_too_small(ZOOMED_MIN_WIDTH, ZOOMED_MIN_HEIGHT),
        theme,
    );
    true
}

/// Draws "Fönstret är för litet (minst 60 × 20)" and returns true when the window is below the
/// minimum; else draws nothing and returns false.
pub fn too_small(frame: &mut Frame, text: &Text, theme: &Theme) -> bool {
    let area = frame.area();
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    say_too_small(frame, text.too_small, theme);
    true
}

/// Draws `message` (the window is too small, and what it takes) across the middle.
pub fn say_too_small(frame: &mut Frame, message: &str, theme: &Theme) {
    let area = frame.area();
    let middle = Rect {
        y: area.y + area.height / 2,
        height: area.height.min(3),
        ..area
    };
    let message = Paragraph::new(Line::from(message.to_string()).style(theme.error))
        .centered()
        .wrap(Wrap { trim: true });
    frame.render_widget(message, middle.intersection(area));
}

/// Draws the frame and returns the area inside it, a column in from each side.
pub fn screen(
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
    title: Line,
    corner: Option<Line>,
    hints: Line,
) -> Rect {
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(title.style(theme.title))
        .title_bottom(hints);
    if let Some(corner) = corner {
        block = block.title(corner.style(theme.text).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}
