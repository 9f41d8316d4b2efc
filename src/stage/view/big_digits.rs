//! Digits as large as a space allows, for a countdown the back of a video call can read.
//!
//! Drawn here from the 8×8 font that `tui-big-text` draws with (`font8x8`), because
//! `tui-big-text` maps one font pixel to a whole, half or quarter cell and so stops at 8 rows:
//! a shared screen of 200×60 needs twice that, and its finer sizes need octant or sextant glyphs
//! that few fonts have. Here each font pixel becomes `sx` × `sy` sub-cells of a grid with two
//! sub-cells per cell each way, and each cell shows its 2×2 sub-cells as one glyph: a space, a
//! full or half block or a quadrant (U+2580–U+259F), which common terminal fonts have.
//!
//! ```text
//!  ▄██▄    ▄█▄   ▄▄  ▄██▄  ███▀
//!  █  █     █        █  █  █▄▄
//!  █  █     █    ▄▄  █  █     █
//!  ▀██▀    ▀▀▀   ▀▀  ▀██▀  ▀▀▀
//! ```
//!
//! Digits all take the width of the widest, so the countdown stands still while its digits
//! change; the pixel shape stays between square and twice as tall as wide.

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

fn bits(c: char) -> [u8; 8] {
    font8x8::legacy::BASIC_LEGACY
        .get(c as usize)
        .copied()
        .unwrap_or([0; 8])
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

/// Font pixels `text` takes across.
fn pixel_width(text: &str) -> u16 {
    let glyphs: u16 = text.chars().map(|c| glyph(c).width).sum();
    glyphs + GAP * (text.chars().count() as u16).saturating_sub(1)
}

/// How large `text` is drawn in a space of `width` × `height` cells: sub-cells per font pixel
/// across and down, or `None` when even the smallest size does not fit.
pub fn scale(text: &str, width: u16, height: u16) -> Option<(u16, u16)> {
    let across = pixel_width(text).max(1);
    let max_sx = width * 2 / across;
    let max_sy = height * 2 / ROWS;
    (1..=max_sy).rev().find_map(|sy| {
        // Between square pixels (sx = 2·sy) and pixels twice as tall as wide (sx = sy); the
        // smallest size may be taller still rather than not fit at all.
        let sx = max_sx.min(2 * sy);
        (sx >= sy || (sy == 1 && sx >= 1)).then_some((sx, sy))
    })
}

/// Cells `text` takes at a scale: columns and rows.
pub fn size(text: &str, (sx, sy): (u16, u16)) -> (u16, u16) {
    (
        (pixel_width(text) * sx).div_ceil(2),
        (ROWS * sy).div_ceil(2),
    )
}

/// Draws `text` at a scale with its top left corner at `area`'s; every cell of the text's box is
/// written, so nothing of an earlier frame stays behind. Cells outside `area` are not touched.
pub fn render(text: &str, (sx, sy): (u16, u16), area: Rect, style: Style, buf: &mut Buffer) {
    let (cols, rows) = size(text, (sx, sy));
    let glyphs: Vec<Glyph> = text.chars().map(glyph).collect();
    // The font pixel column at each sub-column: which glyph, and which of its columns.
    let mut columns: Vec<Option<(usize, u16)>> = Vec::with_capacity(usize::from(cols) * 2);
    for (i, g) in glyphs.iter().enumerate() {
        if i > 0 {
            columns.extend(std::iter::repeat_n(None, usize::from(GAP * sx)));
        }
        for col in 0..g.width {
            columns.extend(std::iter::repeat_n(
                Some((i, g.from + col)),
                usize::from(sx),
            ));
        }
    }
    let lit = |sub_x: u16, sub_y: u16| -> bool {
        let row = sub_y / sy;
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
        render(text, scale, area, Style::default(), &mut buf);
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn every_digit_is_as_wide_as_the_widest() {
        let widths: Vec<u16> = ('0'..='9').map(|c| pixel_width(&c.to_string())).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
        assert_eq!(pixel_width("12:05"), pixel_width("88:88"));
    }

    #[test]
    fn the_largest_size_that_fits_with_pixels_between_square_and_twice_as_tall() {
        let (sx, sy) = scale("12:05", 100, 40).unwrap();
        let (w, h) = size("12:05", (sx, sy));
        assert!(w <= 100 && h <= 40);
        assert!(sy <= sx && sx <= 2 * sy);
        assert!(scale("12:05", 100, 40) >= scale("12:05", 60, 40));
        assert_eq!(scale("12:05", 10, 3), None);
    }

    #[test]
    fn only_blocks_and_quadrants_are_drawn() {
        for scale in [(1, 1), (2, 1), (3, 2), (5, 4)] {
            for line in draw("+1:23:45", scale) {
                assert!(line.chars().all(|c| GLYPHS.contains(c)), "{line}");
            }
        }
    }

    #[test]
    fn a_small_countdown_reads_as_digits() {
        let rows = draw("10:00", (2, 1));
        assert_eq!(rows.len(), 4);
        insta::assert_snapshot!(rows.join("\n"));
    }
}
