//! The big countdown: as large as the space allows ([`big_digits`](super::big_digits), the
//! seconds half as large as the minutes), centred, in the colour of its phase, with the phase
//! also in words directly beneath it (colour is never the only signal).
//!
//! ```text
//! ████████████  ████████████
//!         ████  ████    ████
//!         ████  ████    ████
//! ████████████  ████████████     ██████ ██████
//! ████          ████    ████  ██     ██ ██  ██
//! ████          ████    ████     ██████ ██████
//! ████████████  ████████████  ██ ██         ██
//!                                ██████ ██████
//!           PÅGÅR · tid kvar av 30 min
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use super::big_digits::Countdown;
use crate::ui::fit::truncate;

use crate::i18n::Text;
use crate::run::Millis;
use crate::run::timer::{Phase, Timebox, format_countdown};
use crate::ui::theme::Theme;

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

/// Draws the countdown in the largest size that fits `area`, centred, with its phase in words
/// on the row directly under the digits. Every cell of `area` is written.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    timebox: &Timebox,
    text: &Text,
    theme: &Theme,
    now: Millis,
) {
    let style = theme.phase(timebox.phase(now));
    let digits = format_countdown(timebox.remaining_ms(now));
    let words = status_line(text, timebox, now);
    frame.render_widget(Clear, area);
    if area.height == 0 {
        return;
    }
    // Sized for the timebox's full time too, so the digits do not grow at 9:59.
    let total = format_countdown(timebox.total_ms());
    let countdown = Countdown::new(&digits);
    let full = Countdown::new(&total);
    let widest = if full.size((2, 2)).0 > countdown.size((2, 2)).0 {
        &full
    } else {
        &countdown
    };
    let scale = widest.scale(area.width, area.height - 1);
    let (width, height) = scale.map_or((0, 1), |s| countdown.size(s));
    let top = area.y + (area.height - 1 - height.min(area.height - 1)) / 2;
    let label = Rect {
        y: (top + height).min(area.bottom() - 1),
        height: 1,
        ..area
    };
    match scale {
        Some(scale) => {
            let at = Rect {
                x: area.x + (area.width - width.min(area.width)) / 2,
                y: top,
                width,
                height,
            }
            .intersection(area);
            countdown.render(scale, at, style, frame.buffer_mut());
        }
        // Too little room for big digits: the countdown in plain digits, above its words.
        None => {
            let at = Rect { y: top, ..label };
            frame.render_widget(Paragraph::new(digits).style(style).centered(), at);
        }
    }
    let words = truncate(&words, usize::from(area.width));
    frame.render_widget(Paragraph::new(words).style(style).centered(), label);
}
