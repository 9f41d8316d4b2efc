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

use super::big_digits::{Countdown, Scale};
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

/// The widest countdown of a timebox under an hour, overtime's sign included. Every countdown
/// in an area is drawn at the scale this fits, so the digits keep one typeface and size through
/// every state (ready, running, nearly over, over) and every item kind.
const WIDEST: &str = "+88:88";

/// The scale of a countdown in `width` × `rows` cells (its words included): the largest at
/// which [`WIDEST`] fits.
pub fn scale_in(width: u16, rows: u16) -> Option<Scale> {
    Countdown::new(WIDEST).scale(width, rows.checked_sub(1)?)
}

/// Rows a countdown at `scale` takes, its words included.
pub fn rows_at(scale: Scale) -> u16 {
    Countdown::new(WIDEST).size(scale).1 + 1
}

/// Draws the countdown at `scale` (`None`: the largest [`WIDEST`] fits in `area`), with its
/// phase in words on the row directly under the digits. The digits stand right-aligned in the
/// box the timebox's full time takes, with room for overtime's sign on its left, so a minute's
/// digit stays where it is from 10:00 to 9:59 and from 0:01 to +0:01. Every cell of `area` is
/// written.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    timebox: &Timebox,
    text: &Text,
    theme: &Theme,
    now: Millis,
    scale: Option<Scale>,
) {
    let style = theme.phase(timebox.phase(now));
    let digits = format_countdown(timebox.remaining_ms(now));
    let words = status_line(text, timebox, now);
    frame.render_widget(Clear, area);
    if area.height == 0 {
        return;
    }
    let full = format_countdown(timebox.total_ms());
    let signed_text = format!("+{full}");
    let signed_full = Countdown::new(&signed_text);
    let countdown = Countdown::new(&digits);
    let rows = area.height - 1;
    let scale = scale.or_else(|| scale_in(area.width, area.height));
    let fits = |s: Scale| {
        let (w, h) = signed_full.size(s);
        w <= area.width && h <= rows
    };
    // A timebox of an hour or more ("1:05:00") is wider than the widest of the others.
    let scale = match scale {
        Some(s) if !fits(s) => signed_full.scale(area.width, rows),
        s => s,
    };
    let height = scale.map_or(1, |s| countdown.size(s).1);
    let top = area.y + (area.height - 1 - height.min(area.height - 1)) / 2;
    let label = Rect {
        y: (top + height).min(area.bottom() - 1),
        height: 1,
        ..area
    };
    match scale {
        Some(scale) => {
            let unsigned = digits.trim_start_matches('+');
            let width = |t: &str| Countdown::new(t).size(scale).0;
            let sign = width("+0:00").saturating_sub(width("0:00"));
            let box_width = width(&full).max(width(unsigned));
            let right = area.x + area.width.saturating_sub(sign + box_width) / 2 + sign + box_width;
            let (w, h) = countdown.size(scale);
            let at = Rect {
                x: right.saturating_sub(w).max(area.x),
                y: top,
                width: w,
                height: h,
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

/// A clock time ("19:59") as large as `area` allows, centred, in one size (no half-size
/// seconds: it is a time of day, not a countdown); false when even the smallest does not fit.
pub fn draw_time(frame: &mut Frame, area: Rect, time: &str, style: ratatui::style::Style) -> bool {
    let Some(scale) = super::big_digits::uniform_scale(time, area.width, area.height) else {
        return false;
    };
    let (w, h) = super::big_digits::size(time, scale);
    let at = Rect {
        x: area.x + area.width.saturating_sub(w) / 2,
        y: area.y + area.height.saturating_sub(h) / 2,
        width: w,
        height: h,
    }
    .intersection(area);
    super::big_digits::render_uniform(time, scale, at, style, frame.buffer_mut());
    true
}
