//! The backend every view draws through: ratatui's crossterm backend, writing fewer bytes for
//! the same screen.
//!
//! Hand-written because ratatui's backend moves the cursor with a full `ESC[row;colH` before
//! every run of changed cells, and resets every colour and attribute after every frame: for a
//! running countdown that is most of what reaches the terminal each second, and a shared
//! screen (over SSH, in a video call) pays for every byte. For the same cells this one
//! - moves the cursor by the shortest sequence: absolute, relative, to a column, line feeds
//!   (the sequences are written by [`super::ansi`]);
//! - prints a short gap of unchanged cells again when that is shorter than moving over it,
//!   from a shadow of what the terminal shows;
//! - changes colours and attributes in one sequence, only when they change, and keeps them
//!   between frames (reset before clearing and when the terminal is given back,
//!   [`super::terminal::restore`]);
//! - hides or shows the cursor only when that changes;
//! - asks the terminal its size once, and again only after a resize event
//!   ([`TerseBackend::resized`]): crossterm opens `/dev/tty` for it, and ratatui asks before
//!   every frame.
//!
//! It assumes what ratatui's backend assumes (a cell of width 1 advances the cursor by one) and
//! nothing more: after a wide symbol, or in the last column (pending wrap), the next move is
//! absolute. Only sequences common to xterm-like terminals and the Windows console are used; a
//! line feed is always followed by an absolute column, as the Windows console may return the
//! carriage with it. The tests write random frames through it and through ratatui's backend
//! into a terminal emulator (vt100) and compare the screens.

use std::cell::Cell as Shared;
use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

use super::ansi::{Pen, sgr, shortest_move};

/// Gaps of more unchanged cells than this are always moved over.
const LONGEST_GAP: u16 = 24;

pub struct TerseBackend<W: Write> {
    out: W,
    /// The bytes of one call, written at its end.
    buf: Vec<u8>,
    /// A scratch buffer for comparing sequences.
    scratch: Vec<u8>,
    /// A terminal in memory has a fixed size; a real one is asked.
    fixed: Option<Size>,
    /// The size last asked or fixed.
    size: Shared<Size>,
    /// The size is asked again: at the start and after a resize event.
    ask: Shared<bool>,
    /// What the terminal shows where known (cells of width 1 printed since the last clear), row
    /// by row at `shadow_size`.
    shadow: Vec<Option<Cell>>,
    shadow_size: Size,
    cursor: Option<Position>,
    /// `None` when unknown (at the start).
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    /// `NO_COLOR`: colours are not written (as crossterm does).
    colours: bool,
}

impl<W: Write> TerseBackend<W> {
    /// A backend for the terminal `out` is connected to.
    pub fn new(out: W) -> TerseBackend<W> {
        TerseBackend::with(out, None, Size::default())
    }

    /// A backend writing to a terminal of a known size that cannot be asked (a terminal in
    /// memory, a pipe).
    pub fn sized(out: W, size: Size) -> TerseBackend<W> {
        TerseBackend::with(out, Some(size), size)
    }

    fn with(out: W, fixed: Option<Size>, size: Size) -> TerseBackend<W> {
        let no_color = std::env::var("NO_COLOR").is_ok_and(|v| !v.is_empty());
        TerseBackend {
            out,
            buf: Vec::with_capacity(4096),
            scratch: Vec::with_capacity(32),
            fixed,
            size: Shared::new(size),
            ask: Shared::new(fixed.is_none()),
            shadow: Vec::new(),
            shadow_size: Size::default(),
            cursor: None,
            pen: None,
            cursor_shown: None,
            colours: !no_color,
        }
    }

    /// The terminal said it was resized: its size is asked again before the next frame.
    pub fn resized(&self) {
        self.ask.set(self.fixed.is_none());
    }

    fn send(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// The shadow at the screen's size; forgotten when the size changed.
    fn fit_shadow(&mut self) {
        let size = self.size.get();
        if size != self.shadow_size {
            self.shadow_size = size;
            self.shadow = vec![None; usize::from(size.width) * usize::from(size.height)];
            self.cursor = None;
        }
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        let Size { width, height } = self.shadow_size;
        (x < width && y < height).then(|| usize::from(y) * usize::from(width) + usize::from(x))
    }

    fn pen_of(&self, cell: &Cell) -> Pen {
        if self.colours {
            Pen {
                fg: cell.fg,
                bg: cell.bg,
                underline: cell.underline_color,
                modifier: cell.modifier,
            }
        } else {
            Pen {
                modifier: cell.modifier,
                ..Pen::PLAIN
            }
        }
    }

    fn set_pen(&mut self, pen: Pen) {
        if self.pen != Some(pen) {
            sgr(self.pen, pen, &mut self.buf);
            self.pen = Some(pen);
        }
    }

    fn print(&mut self, x: u16, y: u16, cell: &Cell) {
        self.set_pen(self.pen_of(cell));
        let symbol = cell.symbol();
        self.buf.extend_from_slice(symbol.as_bytes());
        let narrow = symbol.width() == 1;
        if let Some(i) = self.index(x, y) {
            self.shadow[i] = narrow.then(|| cell.clone());
        }
        if !narrow && let Some(i) = self.index(x + 1, y) {
            self.shadow[i] = None;
        }
        // In the last column the cursor waits to wrap: where it is then differs between
        // terminals.
        self.cursor =
            (narrow && x + 1 < self.shadow_size.width).then_some(Position { x: x + 1, y });
    }

    /// Bytes to print the unchanged cells from the cursor up to `x` on its row and then set the
    /// pen for `next`, when all of them are known.
    fn gap_cost(&mut self, x: u16, y: u16, next: Pen) -> Option<usize> {
        let from = self.cursor?;
        if from.y != y || from.x >= x || x - from.x > LONGEST_GAP {
            return None;
        }
        let mut pen = self.pen;
        let mut cost = 0;
        for gx in from.x..x {
            let cell = self.shadow[self.index(gx, y)?].as_ref()?;
            let p = self.pen_of(cell);
            cost += cell.symbol().len() + self.sgr_len(pen, p);
            pen = Some(p);
        }
        Some(cost + self.sgr_len(pen, next))
    }

    fn sgr_len(&mut self, from: Option<Pen>, to: Pen) -> usize {
        if from == Some(to) {
            return 0;
        }
        self.scratch.clear();
        sgr(from, to, &mut self.scratch);
        self.scratch.len()
    }

    /// Gets the cursor to `(x, y)` for `cell`: by printing the gap again or by moving,
    /// whichever is shorter.
    fn reach(&mut self, x: u16, y: u16, cell: &Cell) {
        let next = self.pen_of(cell);
        if let Some(gap) = self.gap_cost(x, y, next) {
            self.scratch.clear();
            shortest_move(self.cursor, Position { x, y }, &mut self.scratch);
            let moving = self.scratch.len() + self.sgr_len(self.pen, next);
            if gap < moving {
                let from = self.cursor.map_or(x, |c| c.x);
                for gx in from..x {
                    if let Some(cell) = self.index(gx, y).and_then(|i| self.shadow[i].clone()) {
                        self.print(gx, y, &cell);
                    }
                }
                return;
            }
        }
        self.move_to(Position { x, y });
    }

    fn move_to(&mut self, to: Position) {
        if self.cursor != Some(to) {
            shortest_move(self.cursor, to, &mut self.buf);
            self.cursor = Some(to);
        }
    }
}

impl<W: Write> Backend for TerseBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.fit_shadow();
        for (x, y, cell) in content {
            if self.cursor != Some(Position { x, y }) {
                self.reach(x, y, cell);
            }
            self.print(x, y, cell);
        }
        self.send()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            self.buf.extend_from_slice(b"\x1b[?25l");
            self.cursor_shown = Some(false);
        }
        self.send()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            self.buf.extend_from_slice(b"\x1b[?25h");
            self.cursor_shown = Some(true);
        }
        self.send()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        match (self.cursor, self.fixed) {
            (Some(at), _) => Ok(at),
            (None, Some(_)) => Ok(Position::ORIGIN),
            (None, None) => {
                let (x, y) = ratatui::crossterm::cursor::position()?;
                Ok(Position { x, y })
            }
        }
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.move_to(position.into());
        self.send()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erased cells take the pen's background.
        self.set_pen(Pen::PLAIN);
        self.fit_shadow();
        let (sequence, blank): (&[u8], bool) = match clear_type {
            ClearType::All => (b"\x1b[2J", true),
            ClearType::AfterCursor => (b"\x1b[J", false),
            ClearType::BeforeCursor => (b"\x1b[1J", false),
            ClearType::CurrentLine => (b"\x1b[2K", false),
            ClearType::UntilNewLine => (b"\x1b[K", false),
        };
        self.buf.extend_from_slice(sequence);
        let known = blank.then(Cell::default);
        self.shadow.iter_mut().for_each(|c| *c = known.clone());
        self.send()
    }

    fn size(&self) -> io::Result<Size> {
        if self.ask.get() {
            let (width, height) = ratatui::crossterm::terminal::size()?;
            self.size.set(Size { width, height });
            self.ask.set(false);
        }
        Ok(self.size.get())
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        match self.fixed {
            Some(size) => Ok(WindowSize {
                columns_rows: size,
                pixels: Size::default(),
            }),
            None => {
                let w = ratatui::crossterm::terminal::window_size()?;
                Ok(WindowSize {
                    columns_rows: Size {
                        width: w.columns,
                        height: w.rows,
                    },
                    pixels: Size {
                        width: w.width,
                        height: w.height,
                    },
                })
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use proptest::prelude::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::{Terminal, TerminalOptions, Viewport};

    use super::*;

    /// What a backend wrote, shared with the test.
    #[derive(Clone, Default)]
    struct Out(Rc<RefCell<Vec<u8>>>);

    impl Write for Out {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Out {
        fn take(&self) -> Vec<u8> {
            std::mem::take(&mut self.0.borrow_mut())
        }
    }

    const SYMBOLS: [&str; 8] = [" ", "a", "Z", "å", "█", "▀", "日", "é"];
    const FG: [Color; 5] = [
        Color::Reset,
        Color::Red,
        Color::LightGreen,
        Color::Indexed(130),
        Color::Rgb(1, 2, 3),
    ];
    const BG: [Color; 3] = [Color::Reset, Color::Blue, Color::Indexed(236)];

    /// A string written at a place in a style: what a widget does to a buffer.
    #[derive(Debug, Clone)]
    struct Put {
        x: u16,
        y: u16,
        text: String,
        style: Style,
    }

    fn put(width: u16, height: u16) -> impl Strategy<Value = Put> {
        (
            0..width,
            0..height,
            prop::collection::vec(0..SYMBOLS.len(), 1..6),
            0..FG.len(),
            0..BG.len(),
            0..512u16,
        )
            .prop_map(|(x, y, symbols, fg, bg, bits)| Put {
                x,
                y,
                text: symbols.into_iter().map(|i| SYMBOLS[i]).collect(),
                style: Style::new()
                    .fg(FG[fg])
                    .bg(BG[bg])
                    // vt100 keeps one intensity, so a cell both bold and dim (which terminals
                    // show) would compare by the order of the two.
                    .add_modifier(Modifier::from_bits_truncate(bits) - Modifier::DIM),
            })
    }

    /// What a frame writes over the one before, where it shows the cursor, and whether the
    /// screen is cleared first.
    type Frame = (Vec<Put>, Option<(u16, u16)>, bool);

    /// A screen size and its frames.
    fn frames() -> impl Strategy<Value = (u16, u16, Vec<Frame>)> {
        (1..14u16, 1..6u16).prop_flat_map(|(width, height)| {
            let frame = (
                prop::collection::vec(put(width, height), 0..12),
                prop::option::weighted(0.3, (0..width, 0..height)),
                prop::bool::weighted(0.1),
            );
            (
                Just(width),
                Just(height),
                prop::collection::vec(frame, 1..6),
            )
        })
    }

    fn screen(bytes: &[u8], width: u16, height: u16) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(height), size(width), 0);
        parser.process(bytes);
        parser
    }

    /// Every cell as the terminal shows it: text, colours and the attributes vt100 keeps.
    fn cells(screen: &vt100::Screen, width: u16, height: u16) -> Vec<String> {
        let mut out = Vec::new();
        for y in 0..height {
            for x in 0..width {
                let c = screen.cell(y, x).unwrap();
                out.push(format!(
                    "{x},{y} {:?} {:?} {:?} b{} d{} i{} u{} r{}",
                    c.contents(),
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.dim(),
                    c.italic(),
                    c.underline(),
                    c.inverse()
                ));
            }
        }
        out
    }

    /// Ratatui's backend on a terminal of a known size (it would ask the real one).
    struct Sized<B>(B, Size);

    impl<B: Backend> Backend for Sized<B> {
        type Error = B::Error;
        fn draw<'a, I>(&mut self, content: I) -> Result<(), B::Error>
        where
            I: Iterator<Item = (u16, u16, &'a Cell)>,
        {
            self.0.draw(content)
        }
        fn hide_cursor(&mut self) -> Result<(), B::Error> {
            self.0.hide_cursor()
        }
        fn show_cursor(&mut self) -> Result<(), B::Error> {
            self.0.show_cursor()
        }
        fn get_cursor_position(&mut self) -> Result<Position, B::Error> {
            Ok(Position::ORIGIN)
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, at: P) -> Result<(), B::Error> {
            self.0.set_cursor_position(at)
        }
        fn clear(&mut self) -> Result<(), B::Error> {
            self.0.clear()
        }
        fn clear_region(&mut self, clear_type: ClearType) -> Result<(), B::Error> {
            self.0.clear_region(clear_type)
        }
        fn size(&self) -> Result<Size, B::Error> {
            Ok(self.1)
        }
        fn window_size(&mut self) -> Result<WindowSize, B::Error> {
            Ok(WindowSize {
                columns_rows: self.1,
                pixels: Size::default(),
            })
        }
        fn flush(&mut self) -> Result<(), B::Error> {
            self.0.flush()
        }
    }

    fn draw<B: Backend>(
        terminal: &mut Terminal<B>,
        buffer: &Buffer,
        cursor: Option<(u16, u16)>,
        clear: bool,
    ) where
        B::Error: std::fmt::Debug,
    {
        if clear {
            // As a resize does: the whole screen, then the viewport, and a full frame after.
            terminal.backend_mut().clear().unwrap();
            let area = terminal.get_frame().area();
            terminal.resize(area).unwrap();
        }
        terminal
            .draw(|frame| {
                frame.buffer_mut().merge(buffer);
                if let Some(at) = cursor {
                    frame.set_cursor_position(at);
                }
            })
            .unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The screen after each frame is the one ratatui's own backend leaves, and it shows
        /// the buffer; never more bytes than ratatui's backend.
        #[test]
        fn the_screen_equals_the_one_ratatuis_backend_leaves((width, height, frames) in frames()) {
            let area = Rect::new(0, 0, width, height);
            let options = || TerminalOptions { viewport: Viewport::Fixed(area) };
            let (terse, plain) = (Out::default(), Out::default());
            let size = Size { width, height };
            let mut ours =
                Terminal::with_options(TerseBackend::sized(terse.clone(), size), options()).unwrap();
            let theirs = Sized(CrosstermBackend::new(plain.clone()), size);
            let mut theirs = Terminal::with_options(theirs, options()).unwrap();
            let (mut our_screen, mut their_screen) =
                (screen(b"", width, height), screen(b"", width, height));
            let mut buffer = Buffer::empty(area);
            let (mut our_bytes, mut their_bytes) = (0, 0);
            let mut wide = vec![false; usize::from(height)];
            for (puts, cursor, clear) in frames {
                for p in puts {
                    buffer.set_string(p.x, p.y, &p.text, p.style);
                }
                draw(&mut ours, &buffer, cursor, clear);
                draw(&mut theirs, &buffer, cursor, clear);
                let (a, b) = (terse.take(), plain.take());
                our_bytes += a.len();
                their_bytes += b.len();
                our_screen.process(&a);
                their_screen.process(&b);
                let (o, t) = (our_screen.screen(), their_screen.screen());
                prop_assert_eq!(cells(o, width, height), cells(t, width, height));
                // Wide symbols half overwritten confuse ratatui's diff the same way for both
                // backends (compared above); rows that never had one show the buffer.
                for y in 0..height {
                    wide[usize::from(y)] |= (0..width).any(|x| buffer[(x, y)].symbol().width() > 1);
                    for x in 0..width {
                        let cell = o.cell(y, x).unwrap();
                        if !wide[usize::from(y)] {
                            let shown = if cell.contents().is_empty() { " " } else { cell.contents() };
                            prop_assert_eq!(shown, buffer[(x, y)].symbol(), "{},{}", x, y);
                        }
                    }
                }
                prop_assert_eq!(o.hide_cursor(), t.hide_cursor());
                if let Some((x, y)) = cursor {
                    prop_assert_eq!(o.cursor_position(), (y, x));
                }
            }
            prop_assert!(our_bytes <= their_bytes, "{} > {}", our_bytes, their_bytes);
        }
    }

    #[test]
    fn a_hidden_cursor_is_hidden_once() {
        let out = Out::default();
        let mut backend = TerseBackend::sized(
            out.clone(),
            Size {
                width: 4,
                height: 2,
            },
        );
        backend.hide_cursor().unwrap();
        backend.hide_cursor().unwrap();
        assert_eq!(out.take(), b"\x1b[?25l");
        backend.show_cursor().unwrap();
        assert_eq!(out.take(), b"\x1b[?25h");
    }
}
