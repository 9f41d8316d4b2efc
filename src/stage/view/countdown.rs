//! The big countdown: as large as the space allows, in the colour of its phase, with the phase
//! also in words beneath it (colour is never the only signal).
//!
//! ```text
//!   ██  ████      ████  ████
//!  ███  █   █  █  █   █ █
//!   ██    ██      ████  ████
//!   ██  ██     █     █     █
//!  ████ █████     ████  ████
//!        PÅGÅR · tid kvar av 15 min
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use crate::i18n::Text;
use crate::run::Millis;
use crate::run::timer::{Phase, Timebox, format_countdown};
use crate::ui::theme::Theme;

/// Glyphs are 8×8 pixels; these are the cell sizes of one glyph at each pixel size, largest first.
const SIZES: [(PixelSize, u16, u16); 4] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
    (PixelSize::Octant, 4, 2),
];

pub fn phase_words(text: &Text, phase: Phase) -> &'static str {
    match phase {
        Phase::Ready => text.ready,
        Phase::Running => text.running,
        Phase::Paused => text.paused,
        Phase::Low => text.low,
        Phase::Over => text.over,
    }
}

/// The phase line: "PÅGÅR · tid kvar av 15 min", "TIDEN ÄR UTE · övertid · pausad".
pub fn status_line(text: &Text, timebox: &Timebox, now: Millis) -> String {
    let phase = timebox.phase(now);
    let words = phase_words(text, phase).to_uppercase();
    let total = timebox.total_ms() / 60_000;
    match phase {
        Phase::Over if timebox.is_running() => format!("{words} · {}", text.overtime),
        Phase::Over => format!("{words} · {} · {}", text.overtime, text.paused),
        _ => format!("{words} · {}", text.left_of(total)),
    }
}

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    timebox: &Timebox,
    text: &Text,
    theme: &Theme,
    now: Millis,
) {
    let phase = timebox.phase(now);
    let style = theme.phase(phase);
    let digits = format_countdown(timebox.remaining_ms(now));
    let glyphs = digits.chars().count() as u16;
    let [big, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let size = SIZES
        .iter()
        .find(|(_, w, h)| glyphs * w <= big.width && *h <= big.height);
    match size {
        Some(&(pixel_size, _, h)) => {
            let top = big.y + (big.height - h) / 2;
            let at = Rect {
                y: top,
                height: h,
                ..big
            };
            let widget = BigText::builder()
                .pixel_size(pixel_size)
                .style(style)
                .lines(vec![Line::from(digits)])
                .centered()
                .build();
            frame.render_widget(widget, at);
        }
        None => {
            let at = Rect {
                y: big.y + big.height.saturating_sub(1) / 2,
                height: 1.min(big.height),
                ..big
            };
            frame.render_widget(
                Paragraph::new(Line::from(digits).style(style)).centered(),
                at,
            );
        }
    }
    let words = status_line(text, timebox, now);
    frame.render_widget(
        Paragraph::new(Line::from(words).style(style)).centered(),
        status,
    );
}
