//! Digits as large as a space allows, for a countdown the back of a video call can read.
//!
//! The digits are drawn in seven segments, as a stage timer's LEDs ([`DIGITS`]); other
//! characters ("+") come from the 8×8 font that `tui-big-text` draws with (`font8x8`).
//! `tui-big-text` itself maps one font pixel to a whole, half or quarter cell and so stops at 8
//! rows: a shared screen of 200×60 needs twice that, and its finer sizes need octant or sextant
//! glyphs that few fonts have. Here each font pixel becomes `sx` × `sy` sub-cells of a grid with
//! two sub-cells per cell each way, and each cell shows its 2×2 sub-cells as one glyph: a space,
//! a full or half block or a quadrant (U+2580–U+259F), which common terminal fonts have.
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
//! ```
//!
//! Digits all take the width of the widest, so the countdown stands still while its digits
//! change; pixels are twice as tall as wide, so the strokes are as thick across as upright.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Rows of the font that digits use (the bottom row is empty in all of them).
const ROWS: u16 = 7;
/// Font pixels between two glyphs.
const GAP: u16 = 1;

/// The columns one glyph takes from the font, and its bitmap.
struct Glyph {
    bits: [u8; 8],
    /// First column used.
    from: u16,
    /// Columns taken.
    width: u16,
}

/// The digits in seven segments, rows top to bottom, bit n lit = column n: straight strokes,
/// two pixels wide upright and one tall across, as a stage timer's LEDs. Going from one second
/// to the next changes about 12 of their pixels where the rounded digits of `font8x8` change
/// 20, and each pixel changed is bytes sent to the terminal every second.
const DIGITS: [[u8; 8]; 10] = [
    [0x3F, 0x33, 0x33, 0x33, 0x33, 0x33, 0x3F, 0],
    [0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0],
    [0x3F, 0x30, 0x30, 0x3F, 0x03, 0x03, 0x3F, 0],
    [0x3F, 0x30, 0x30, 0x3F, 0x30, 0x30, 0x3F, 0],
    [0x33, 0x33, 0x33, 0x3F, 0x30, 0x30, 0x30, 0],
    [0x3F, 0x03, 0x03, 0x3F, 0x30, 0x30, 0x3F, 0],
    [0x3F, 0x03, 0x03, 0x3F, 0x33, 0x33, 0x3F, 0],
    [0x3F, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0],
    [0x3F, 0x33, 0x33, 0x3F, 0x33, 0x33, 0x3F, 0],
    [0x3F, 0x33, 0x33, 0x3F, 0x30, 0x30, 0x3F, 0],
];

/// Two square dots between the digits' middle stroke and their top and bottom ones.
const COLON: [u8; 8] = [0, 0, 0x03, 0, 0x03, 0, 0, 0];

fn bits(c: char) -> [u8; 8] {
    match c {
        '0'..='9' => DIGITS[c as usize - '0' as usize],
        ':' => COLON,
        _ => font8x8::legacy::BASIC_LEGACY
            .get(c as usize)
            .copied()
            .unwrap_or([0; 8]),
    }
}

fn used_columns(bits: &[u8; 8]) -> Option<(u16, u16)> {
    let all = bits.iter().fold(0u8, |a, b| a | b);
    if all == 0 {
        return None;
    }
    let from = all.trailing_zeros() as u16;
    let to = 7 - all.leading_zeros() as u16;
    Some((from, to - from + 1))
}

/// Digits share the columns of all digits; other characters (":", "+") take only their own.
fn glyph(c: char) -> Glyph {
    let bits = bits(c);
    let (from, width) = if c.is_ascii_digit() {
        digit_columns()
    } else {
        used_columns(&bits).unwrap_or((0, 2))
    };
    Glyph { bits, from, width }
}

fn digit_columns() -> (u16, u16) {
    let all = ('0'..='9').fold([0u8; 8], |mut acc, c| {
        for (a, b) in acc.iter_mut().zip(bits(c)) {
            *a |= b;
        }
        acc
    });
    used_columns(&all).unwrap_or((0, 8))
}

/// Sub-cells per font pixel across and down.
pub type Scale = (u16, u16);

/// The seconds' scale beside minutes drawn at `scale`: half as large where that leaves them at
/// least seven rows (pixels of two sub-cells); smaller countdowns draw all their digits alike.
pub fn half((sx, sy): Scale) -> Scale {
    if sy >= 4 { (sx / 2, sy / 2) } else { (sx, sy) }
}

/// Sub-columns between two glyphs at `sx` sub-columns a pixel: a whole number of cells, so
/// that every glyph starts on a cell's edge and a digit looks the same in every place (a gap
/// of half a cell would draw the next digit's strokes in half blocks).
fn gap_sub_columns(sx: u16) -> u16 {
    (GAP * sx).next_multiple_of(2)
}

/// Cells `text` takes at a scale: columns and rows.
pub fn size(text: &str, (sx, sy): Scale) -> (u16, u16) {
    let glyphs: u16 = text.chars().map(|c| glyph(c).width * sx).sum();
    let gaps = gap_sub_columns(sx) * (text.chars().count() as u16).saturating_sub(1);
    ((glyphs + gaps).div_ceil(2), (ROWS * sy).div_ceil(2))
}

/// A countdown in two sizes: its minutes (and hours) at a scale, its seconds with their colon
/// at [`half`] of it, on the same baseline (drawing above). The minutes are what the back of the
/// room reads; the seconds say the clock runs. A changing second then redraws a quarter of the
/// cells a full-size one would: what an idle stage writes to the terminal each second.
pub struct Countdown<'a> {
    /// Up to the seconds' colon: "28", "1:05", "+3".
    minutes: &'a str,
    /// The seconds with their colon: ":29"; empty when the text has no colon.
    seconds: &'a str,
}

impl<'a> Countdown<'a> {
    pub fn new(text: &'a str) -> Countdown<'a> {
        let at = text.rfind(':').unwrap_or(text.len());
        let (minutes, seconds) = text.split_at(at);
        Countdown { minutes, seconds }
    }

    /// Columns between the minutes and the seconds: one font pixel of the minutes.
    fn gap(&self, (sx, _): Scale) -> u16 {
        if self.minutes.is_empty() || self.seconds.is_empty() {
            0
        } else {
            (GAP * sx).div_ceil(2)
        }
    }

    /// Cells the countdown takes at a scale (its minutes'): columns and rows.
    pub fn size(&self, scale: Scale) -> (u16, u16) {
        let (minutes, rows) = size(self.minutes, scale);
        let (seconds, _) = size(self.seconds, half(scale));
        (minutes + self.gap(scale) + seconds, rows)
    }

    /// The largest scale at which the countdown fits `width` × `height` cells, or `None` when
    /// even the smallest does not fit. Pixels are twice as tall as wide (cells are about twice
    /// as tall as wide, so the segments' strokes are as thick across as upright) — except in a
    /// small countdown, all of whose digits are drawn alike ([`half`]): there a digit only three
    /// or six columns wide reads as a sliver across a video call, so its pixels are half as
    /// wide again where the width allows.
    pub fn scale(&self, width: u16, height: u16) -> Option<Scale> {
        let max = height * 2 / ROWS;
        (1..=max).rev().find_map(|sy| {
            let small = half((sy, sy)) == (sy, sy);
            let widest = if small { (3 * sy).div_ceil(2) } else { sy };
            (sy..=widest)
                .rev()
                .map(|sx| (sx, sy))
                .find(|&scale| self.size(scale).0 <= width)
        })
    }

    /// Draws the countdown at a scale with its top left corner at `area`'s; every cell of its
    /// box is written, so nothing of an earlier frame stays behind. Cells outside `area` are not
    /// touched.
    pub fn render(&self, scale: Scale, area: Rect, style: Style, buf: &mut Buffer) {
        let (_, height) = self.size(scale);
        let (minutes, _) = size(self.minutes, scale);
        render(self.minutes, scale, 0, area, style, buf);
        let small = half(scale);
        let (seconds, _) = size(self.seconds, small);
        let gap = self.gap(scale);
        // The seconds end where the minutes' pixels end, which may be half a cell down.
        let top = ROWS * scale.1 - ROWS * small.1;
        let above = top / 2;
        // The gap, and the space above the seconds, are the countdown's too.
        let blank = Rect {
            x: area.x + minutes,
            y: area.y,
            width: gap + seconds,
            height: above,
        };
        for position in blank.intersection(area).positions() {
            if let Some(cell) = buf.cell_mut(position) {
                cell.set_char(' ').set_style(style);
            }
        }
        let at = Rect {
            x: area.x + minutes + gap,
            y: area.y + above,
            width: seconds,
            height: height - above,
        };
        render(
            self.seconds,
            small,
            top % 2,
            at.intersection(area),
            style,
            buf,
        );
    }
}

/// The largest scale at which `text` fits `width` × `height` cells with every glyph alike,
/// pixels twice as tall as wide (as [`Countdown::scale`] draws its minutes).
pub fn uniform_scale(text: &str, width: u16, height: u16) -> Option<Scale> {
    let max = height * 2 / ROWS;
    (1..=max)
        .rev()
        .map(|sy| (sy, sy))
        .find(|&scale| size(text, scale).0 <= width)
}

/// Draws `text` with every glyph at `scale`, its top left corner at `area`'s.
pub fn render_uniform(text: &str, scale: Scale, area: Rect, style: Style, buf: &mut Buffer) {
    render(text, scale, 0, area, style, buf);
}

/// Draws `text` at a scale with its top left corner at `area`'s, `shift` sub-cells (0 or 1) down;
/// every cell of the text's box is written, so nothing of an earlier frame stays behind. Cells
/// outside `area` are not touched.
fn render(text: &str, (sx, sy): Scale, shift: u16, area: Rect, style: Style, buf: &mut Buffer) {
    let (cols, _) = size(text, (sx, sy));
    let rows = (shift + ROWS * sy).div_ceil(2);
    let glyphs: Vec<Glyph> = text.chars().map(glyph).collect();
    // The font pixel column at each sub-column: which glyph, and which of its columns.
    let mut columns: Vec<Option<(usize, u16)>> = Vec::with_capacity(usize::from(cols) * 2);
    for (i, g) in glyphs.iter().enumerate() {
        if i > 0 {
            columns.extend(std::iter::repeat_n(None, usize::from(gap_sub_columns(sx))));
        }
        for col in 0..g.width {
            columns.extend(std::iter::repeat_n(
                Some((i, g.from + col)),
                usize::from(sx),
            ));
        }
    }
    let lit = |sub_x: u16, sub_y: u16| -> bool {
        let Some(row) = sub_y.checked_sub(shift).map(|y| y / sy) else {
            return false;
        };
        if row >= ROWS {
            return false;
        }
        match columns.get(usize::from(sub_x)).copied().flatten() {
            Some((i, col)) => glyphs[i].bits[usize::from(row)] & (1 << col) != 0,
            None => false,
        }
    };
    for y in 0..rows.min(area.height) {
        for x in 0..cols.min(area.width) {
            let quadrants = [
                lit(2 * x, 2 * y),
                lit(2 * x + 1, 2 * y),
                lit(2 * x, 2 * y + 1),
                lit(2 * x + 1, 2 * y + 1),
            ];
            if let Some(cell) = buf.cell_mut((area.x + x, area.y + y)) {
                cell.set_char(quadrant(quadrants)).set_style(style);
            }
        }
    }
}

/// The glyph for a cell's four sub-cells: top left, top right, bottom left, bottom right.
fn quadrant([tl, tr, bl, br]: [bool; 4]) -> char {
    match (tl, tr, bl, br) {
        (false, false, false, false) => ' ',
        (true, true, true, true) => '█',
        (true, true, false, false) => '▀',
        (false, false, true, true) => '▄',
        (true, false, true, false) => '▌',
        (false, true, false, true) => '▐',
        (true, false, false, false) => '▘',
        (false, true, false, false) => '▝',
        (false, false, true, false) => '▖',
        (false, false, false, true) => '▗',
        (true, false, false, true) => '▚',
        (false, true, true, false) => '▞',
        (true, true, true, false) => '▛',
        (true, true, false, true) => '▜',
        (true, false, true, true) => '▙',
        (false, true, true, true) => '▟',
    }
}

/// Every glyph the big digits draw with: what the frame scan of the tests allows.
pub const GLYPHS: &str = " █▀▄▌▐▘▝▖▗▚▞▛▜▙▟";

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(text: &str, scale: (u16, u16)) -> Vec<String> {
        let (w, h) = size(text, scale);
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        render(text, scale, 0, area, Style::default(), &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn every_digit_is_as_wide_as_the_widest() {
        for scale in [(1, 1), (3, 2), (5, 5)] {
            let widths: Vec<u16> = ('0'..='9').map(|c| size(&c.to_string(), scale).0).collect();
            assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
            assert_eq!(size("12:05", scale), size("88:88", scale));
        }
    }

    #[test]
    fn a_digit_looks_the_same_wherever_it_stands() {
        // Pixels one and a half cells wide: the gaps are whole cells, so both zeros of "0:00"
        // (and the one alone) are the same cells, never drawn in half blocks.
        let alone = draw("0", (3, 2));
        let shown = draw("0:00", (3, 2));
        let width = alone[0].chars().count();
        for row in 0..alone.len() {
            let cells: Vec<char> = shown[row].chars().collect();
            let last: String = cells[cells.len() - width..].iter().collect();
            let first: String = cells[..width].iter().collect();
            assert_eq!(first, alone[row]);
            assert_eq!(last, alone[row]);
        }
        assert!(
            shown
                .concat()
                .chars()
                .all(|c| c == ' ' || c == '█' || "▀▄".contains(c))
        );
    }

    #[test]
    fn the_largest_size_that_fits_with_pixels_between_square_and_twice_as_tall() {
        let countdown = Countdown::new("12:05");
        let (sx, sy) = countdown.scale(100, 40).unwrap();
        let (w, h) = countdown.size((sx, sy));
        assert!(w <= 100 && h <= 40);
        assert!(sy <= sx && sx <= 2 * sy);
        assert!(countdown.scale(100, 40) >= countdown.scale(60, 40));
        assert_eq!(countdown.scale(10, 3), None);
        // One pixel wider or taller would not fit.
        assert!(countdown.size((sx + 1, sy)).0 > 100 || sx == 2 * sy);
        assert!(countdown.size((sx, sy + 1)).1 > 40 || countdown.size((sy + 1, sy + 1)).0 > 100);
    }

    #[test]
    fn the_seconds_are_half_as_large_on_the_minutes_baseline() {
        let scale = (4, 4);
        let rows = draw_countdown("28:29", scale);
        let (w, h) = Countdown::new("28:29").size(scale);
        assert_eq!(rows.len(), usize::from(h));
        assert!(rows.iter().all(|r| r.chars().count() == usize::from(w)));
        let (minutes, _) = size("28", scale);
        let (_, low) = size(":29", half(scale));
        // Above the seconds, right of the minutes: blank.
        for row in &rows[..usize::from(h - low)] {
            assert!(
                row.chars().skip(usize::from(minutes)).all(|c| c == ' '),
                "{row}"
            );
        }
        insta::assert_snapshot!(rows.join("\n"));
    }

    #[test]
    fn a_countdown_without_a_colon_is_all_minutes() {
        let countdown = Countdown::new("5");
        assert_eq!(countdown.size((2, 2)), size("5", (2, 2)));
    }

    #[test]
    fn only_blocks_and_quadrants_are_drawn() {
        for scale in [(1, 1), (2, 1), (3, 2), (5, 4)] {
            for line in draw("+1:23:45", scale) {
                assert!(line.chars().all(|c| GLYPHS.contains(c)), "{line}");
            }
        }
    }

    fn draw_countdown(text: &str, scale: Scale) -> Vec<String> {
        let countdown = Countdown::new(text);
        let (w, h) = countdown.size(scale);
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        countdown.render(scale, area, Style::default(), &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn a_small_countdown_reads_as_digits() {
        let rows = draw("10:00", (2, 1));
        assert_eq!(rows.len(), 4);
        insta::assert_snapshot!(rows.join("\n"));
    }
}
