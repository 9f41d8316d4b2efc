//! Taking the terminal over and giving it back exactly as it was: on quit, on error, on panic,
//! and on SIGTERM/SIGHUP (handled by the event loop, which ends normally).

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::style::{Attribute, SetAttribute};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use super::backend::TerseBackend;

pub type Term = Terminal<TerseBackend<Stdout>>;

/// Owns the terminal while a view runs; restores it when dropped, and a panic hook restores it
/// before the panic message prints, so the message lands on the normal screen.
pub struct Session {
    pub terminal: Term,
}

impl Session {
    /// Raw mode, the alternate screen, bracketed paste, hidden cursor. Asks the terminal nothing
    /// (its size comes from the kernel), so the first frame costs no round trip over SSH.
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        TAKEN.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(err) = execute!(
            stdout,
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        ) {
            restore();
            return Err(err);
        }
        match Terminal::new(TerseBackend::new(stdout)) {
            Ok(terminal) => Ok(Session { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Whether the terminal is taken over and not given back yet.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back: safe to call more than once, and only the first call after
/// [`Session::start`] writes anything (leaving the alternate screen a second time would move
/// the cursor back over what was printed after the first). The backend keeps its colours
/// between frames, so they are reset here.
pub fn restore() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    let _ = execute!(
        stdout,
        SetAttribute(Attribute::Reset),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Rings the terminal bell (BEL), the one sound a shared terminal can make.
pub fn bell() {
    let mut stdout = io::stdout();
    let _ = stdout.write_all(b"\x07");
    let _ = stdout.flush();
}
