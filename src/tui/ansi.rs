//! The escape sequences the terminal backend ([`super::backend`]) writes: cursor moves, the
//! shortest of absolute, relative, to a column and line feeds, and colour and attribute changes
//! in one SGR sequence from what the terminal has. Hand-written, as the backend is (crossterm's
//! commands always write the long forms); only sequences common to xterm-like terminals and the
//! Windows console.

use std::io::Write;

use ratatui::layout::Position;
use ratatui::style::{Color, Modifier};

/// Colours and attributes as the terminal has them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };
}

/// Writes the shortest sequence that takes the cursor from `from` (unknown: `None`) to `to`.
pub fn shortest_move(from: Option<Position>, to: Position, out: &mut Vec<u8>) {
    let mut best = Vec::with_capacity(16);
    absolute(to, &mut best);
    let Some(from) = from else {
        out.extend_from_slice(&best);
        return;
    };
    let mut candidate = Vec::with_capacity(16);
    // Each way to the row, and the column the cursor is in then (`None`: unknown).
    let dy = i32::from(to.y) - i32::from(from.y);
    let mut rows: Vec<(Vec<u8>, Option<u16>)> = Vec::with_capacity(5);
    if dy == 0 {
        rows.push((Vec::new(), Some(from.x)));
    } else {
        let (up_down, next_prev) = if dy > 0 { (b'B', b'E') } else { (b'A', b'F') };
        let n = dy.unsigned_abs() as u16;
        rows.push((csi(n, up_down), Some(from.x)));
        rows.push((csi(n, next_prev), Some(0)));
        rows.push((csi(to.y + 1, b'd'), Some(from.x)));
        if (1..=3).contains(&dy) {
            rows.push((vec![b'\n'; n.into()], None));
        }
    }
    for (row, column) in rows {
        candidate.clear();
        candidate.extend_from_slice(&row);
        to_column(column, to.x, &mut candidate);
        if candidate.len() < best.len() {
            std::mem::swap(&mut best, &mut candidate);
        }
    }
    out.extend_from_slice(&best);
}

/// The shortest way along a row from `column` (unknown: `None`) to `x`.
fn to_column(column: Option<u16>, x: u16, out: &mut Vec<u8>) {
    let absolute = csi(x + 1, b'G');
    let mut carriage = vec![b'\r'];
    if x > 0 {
        carriage.extend(csi(x, b'C'));
    }
    let relative = match column {
        Some(c) if c == x => Some(Vec::new()),
        Some(c) if c < x => Some(csi(x - c, b'C')),
        Some(c) => Some(csi(c - x, b'D')),
        None => None,
    };
    let best = [Some(absolute), Some(carriage), relative]
        .into_iter()
        .flatten()
        .min_by_key(Vec::len)
        .unwrap_or_default();
    out.extend_from_slice(&best);
}

/// `ESC[row;colH`, with the parameters that are 1 left out.
fn absolute(to: Position, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\x1b[");
    if to.y > 0 || to.x > 0 {
        number(to.y + 1, out);
    }
    if to.x > 0 {
        out.push(b';');
        number(to.x + 1, out);
    }
    out.push(b'H');
}

/// `ESC[nX`, with n left out when it is 1 (the default of every sequence used here).
fn csi(n: u16, last: u8) -> Vec<u8> {
    let mut out = b"\x1b[".to_vec();
    if n != 1 {
        number(n, &mut out);
    }
    out.push(last);
    out
}

fn number(n: u16, out: &mut Vec<u8>) {
    // Writing to a Vec does not fail.
    let _ = write!(out, "{n}");
}

/// One SGR sequence from the pen `from` (unknown: `None`) to `to`: the changes alone, or a
/// reset and all of `to`, whichever is shorter.
pub fn sgr(from: Option<Pen>, to: Pen, out: &mut Vec<u8>) {
    let mut full = vec![0u16.to_string()];
    attributes(Modifier::empty(), to.modifier, &mut full);
    colours(&Pen::PLAIN, &to, &mut full);
    let best = match from {
        Some(from) => {
            let mut changes = Vec::new();
            attributes(from.modifier, to.modifier, &mut changes);
            colours(&from, &to, &mut changes);
            if changes.join(";").len() <= full.join(";").len() {
                changes
            } else {
                full
            }
        }
        None => full,
    };
    if best.is_empty() {
        return;
    }
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(best.join(";").as_bytes());
    out.push(b'm');
}

/// SGR parameters that change the attributes `from` into `to`.
fn attributes(from: Modifier, to: Modifier, out: &mut Vec<String>) {
    let removed = from - to;
    let mut added = to - from;
    // Bold and dim end together, as do both blinks: what stays is set again.
    let groups = [
        (Modifier::BOLD | Modifier::DIM, 22),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, 25),
    ];
    for (group, off) in groups {
        if removed.intersects(group) {
            out.push(off.to_string());
            added |= to & group;
        }
    }
    let single = [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::REVERSED, 27),
        (Modifier::HIDDEN, 28),
        (Modifier::CROSSED_OUT, 29),
    ];
    for (modifier, off) in single {
        if removed.contains(modifier) {
            out.push(off.to_string());
        }
    }
    let on = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    for (modifier, code) in on {
        if added.contains(modifier) {
            out.push(code.to_string());
        }
    }
}

/// SGR parameters that change the colours of `from` into `to`, written as crossterm writes
/// them (the 16 named colours as indexed colours 0–15).
fn colours(from: &Pen, to: &Pen, out: &mut Vec<String>) {
    for (was, is, base) in [
        (from.fg, to.fg, 38),
        (from.bg, to.bg, 48),
        (from.underline, to.underline, 58),
    ] {
        if was != is {
            out.push(colour(is, base));
        }
    }
}

fn colour(colour: Color, base: u16) -> String {
    let index = match colour {
        Color::Reset => return (base + 1).to_string(),
        Color::Rgb(r, g, b) => return format!("{base};2;{r};{g};{b}"),
        Color::Indexed(i) => i,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    format!("{base};5;{index}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_take_the_shortest_sequence() {
        let moved = |from: Option<(u16, u16)>, to: (u16, u16)| {
            let mut out = Vec::new();
            shortest_move(
                from.map(|(x, y)| Position { x, y }),
                Position { x: to.0, y: to.1 },
                &mut out,
            );
            String::from_utf8(out).unwrap()
        };
        assert_eq!(moved(None, (0, 0)), "\x1b[H");
        assert_eq!(moved(None, (92, 39)), "\x1b[40;93H");
        assert_eq!(moved(Some((96, 39)), (92, 40)), "\n\x1b[93G");
        assert_eq!(moved(Some((10, 5)), (14, 5)), "\x1b[4C");
        assert_eq!(moved(Some((10, 5)), (10, 6)), "\x1b[B");
        assert_eq!(moved(Some((10, 5)), (0, 6)), "\n\r");
        assert_eq!(moved(Some((10, 5)), (0, 9)), "\x1b[4E");
        assert_eq!(moved(Some((10, 5)), (2, 5)), "\x1b[3G");
        assert_eq!(moved(Some((10, 5)), (0, 5)), "\r");
    }

    #[test]
    fn colours_and_attributes_change_in_one_sequence() {
        let pen = |fg, modifier| Pen {
            fg,
            modifier,
            ..Pen::PLAIN
        };
        let sgr_of = |from: Option<Pen>, to: Pen| {
            let mut out = Vec::new();
            sgr(from, to, &mut out);
            String::from_utf8(out).unwrap()
        };
        let green = pen(Color::LightGreen, Modifier::empty());
        let bold_red = pen(Color::LightRed, Modifier::BOLD);
        assert_eq!(sgr_of(None, green), "\x1b[0;38;5;10m");
        assert_eq!(sgr_of(Some(Pen::PLAIN), green), "\x1b[38;5;10m");
        assert_eq!(sgr_of(Some(green), bold_red), "\x1b[1;38;5;9m");
        assert_eq!(sgr_of(Some(bold_red), green), "\x1b[0;38;5;10m");
        assert_eq!(
            sgr_of(Some(bold_red), pen(Color::LightGreen, Modifier::BOLD)),
            "\x1b[38;5;10m"
        );
        assert_eq!(sgr_of(Some(bold_red), Pen::PLAIN), "\x1b[0m");
        // Ending one blink keeps the other; ending bold keeps dim.
        let both = pen(Color::Blue, Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
        assert_eq!(
            sgr_of(Some(both), pen(Color::Blue, Modifier::RAPID_BLINK)),
            "\x1b[25;6m"
        );
        let bold_dim = pen(Color::Blue, Modifier::BOLD | Modifier::DIM);
        assert_eq!(
            sgr_of(Some(bold_dim), pen(Color::Blue, Modifier::DIM)),
            "\x1b[22;2m"
        );
        assert_eq!(
            sgr_of(Some(Pen::PLAIN), pen(Color::Reset, Modifier::CROSSED_OUT)),
            "\x1b[9m"
        );
    }
}
