//! The terminal of the screen-reader mode: plain lines out, typed lines in. Nothing here moves
//! the cursor, switches screens or sets colours; the terminal stays in its normal (cooked)
//! mode, so its own line editing and echo, which screen readers follow well, do the typing.
//! Ctrl+C still arrives as a signal, Ctrl+D (end of input) as a hang-up: both save and leave.

use std::io::{BufRead, Write};
use std::sync::mpsc::Sender;

use super::event_loop::Msg;
use super::signals::Stop;

/// Reads typed lines into the loop until the input ends.
pub fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let msg = match input.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => Msg::Signal(Stop::Hangup),
                Ok(_) => Msg::Line(
                    String::from_utf8_lossy(&buf)
                        .trim_end_matches(['\r', '\n'])
                        .to_string(),
                ),
            };
            let stop = matches!(msg, Msg::Signal(_));
            if tx.send(msg).is_err() || stop {
                return;
            }
        }
    });
}

/// Says `lines`, each on a line of its own. Text from the shared folder (names, notes) is
/// cleaned of control characters, so no forged escape sequence reaches the terminal.
pub fn say(lines: &[String]) -> std::io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{}", crate::text::cleaned_line(line))?;
    }
    out.flush()
}
