//! One event loop for every terminal view. It blocks on a channel fed by the keyboard, signals
//! and (for live runs) the journal watcher, with a timeout set to the next moment the screen
//! would change by itself. No fixed-rate redraw, no busy polling: an idle stage with a running
//! countdown wakes once per shown second.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ratatui::Frame;
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};

use super::signals::{self, Stop};
use super::terminal::Session;
use crate::run::Millis;

/// Something that wakes the loop.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    /// SIGTERM, SIGHUP, SIGINT or the Windows console's equivalents: save what is pending and
    /// leave.
    Signal(Stop),
    /// What a turn of reading the run's other journals found (from the watcher's thread, which
    /// sends the next once this one is dropped).
    Journals(crate::run::reader::Batch),
    /// The writer thread has news: an event on disk, or a write failing.
    Saved,
    /// A line typed and Enter, in screen-reader mode (which reads lines, not keys).
    Line(String),
}

/// What a view says after handling a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// A terminal view driven by the loop. Handling may do I/O (it is the edge); drawing may not.
pub trait App {
    fn handle(&mut self, msg: Msg, now: Millis) -> Flow;
    /// Time passed: ring bells, retry saves.
    fn wake(&mut self, now: Millis) -> Flow;
    fn draw(&self, frame: &mut Frame, now: Millis);
    /// In screen-reader mode, instead of drawing: the lines to say now (each said once).
    fn speak(&mut self, _now: Millis) -> Vec<String> {
        Vec::new()
    }
    /// Called after each frame is on screen (or said): a view lets go here of what waited for
    /// the frame (the watcher's credit, so that it reads on while nothing is drawn).
    fn after_draw(&mut self) {}
    /// The next moment the screen changes without input.
    fn next_wake(&self, now: Millis) -> Millis;
    /// Called once before the terminal is given back, on every exit path that is not a panic.
    fn shutdown(&mut self, now: Millis);
    /// Called once after the first frame is on screen: work the first frame does not need
    /// (watching files, announcing ourselves) waits until then.
    fn after_first_frame(&mut self, _tx: &Sender<Msg>, _now: Millis) {}
}

pub fn now_ms() -> Millis {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Millis::try_from(since.as_millis()).unwrap_or(Millis::MAX)
}

/// The terminal and the message channel, set up once per process.
pub struct Tui {
    /// The full screen; `None` in screen-reader mode, which writes plain lines (see
    /// [`super::lines`]).
    session: Option<Session>,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    /// Messages that came while a run was opening, for the view once it runs.
    held: VecDeque<Msg>,
}

impl Tui {
    pub fn start() -> anyhow::Result<Tui> {
        Tui::start_as(false)
    }

    /// The full screen, or with `screen_reader` plain lines on the normal screen: no alternate
    /// screen, no raw mode, no cursor moves; typed lines come in as [`Msg::Line`].
    pub fn start_as(screen_reader: bool) -> anyhow::Result<Tui> {
        let (tx, rx) = mpsc::channel();
        let session = if screen_reader {
            super::lines::spawn_input(tx.clone());
            None
        } else {
            let session = Session::start()?;
            spawn_input(tx.clone());
            Some(session)
        };
        signals::spawn(tx.clone())?;
        Ok(Tui {
            session,
            tx,
            rx,
            held: VecDeque::new(),
        })
    }

    /// Does `work` (opening a run) on another thread while answering the user: `q`, Ctrl+C and
    /// the signals give up on it (`None`; the thread is left to end with the process), anything
    /// else typed meanwhile is kept for the view.
    pub fn while_opening<T: Send + 'static>(
        &mut self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (done_tx, done_rx) = mpsc::channel();
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let _ = done_tx.send(work());
            // Wake the loop below; it finds the result waiting.
            let _ = tx.send(Msg::Resize);
        });
        loop {
            if let Ok(done) = done_rx.try_recv() {
                return Some(done);
            }
            match self.rx.recv() {
                Ok(Msg::Signal(_)) | Err(_) => return None,
                Ok(Msg::Key(key)) if gives_up(&key) => return None,
                Ok(Msg::Line(line)) if line.trim() == "q" => return None,
                // The first frame is drawn at the size of the moment.
                Ok(Msg::Resize) => self.resized(),
                Ok(msg) => self.held.push_back(msg),
            }
        }
    }

    /// A sender for other sources (the journal watcher).
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    pub fn run(&mut self, app: &mut dyn App) -> anyhow::Result<()> {
        let result = self.run_inner(app);
        app.shutdown(now_ms());
        // What leaving said (saved, or where unsaved text went) is heard too.
        if self.session.is_none() {
            super::lines::say(&app.speak(now_ms()))?;
        }
        signals::saved();
        result
    }

    fn run_inner(&mut self, app: &mut dyn App) -> anyhow::Result<()> {
        self.draw(app)?;
        app.after_first_frame(&self.tx, now_ms());
        if !self.held.is_empty() {
            let now = now_ms();
            for msg in std::mem::take(&mut self.held) {
                if app.handle(msg, now) == Flow::Quit {
                    return Ok(());
                }
            }
            self.draw(app)?;
        }
        loop {
            let now = now_ms();
            // One millisecond past the change, so the wake lands after it, not just before.
            let wait = app
                .next_wake(now)
                .saturating_sub(now)
                .saturating_add(1)
                .clamp(1, 60_000);
            let first = match self.rx.recv_timeout(Duration::from_millis(wait as u64)) {
                Ok(msg) => Some(msg),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            };
            let now = now_ms();
            let mut flow = match first {
                Some(msg) => self.handle(app, msg, now),
                None => app.wake(now),
            };
            // Take everything already waiting (a paste, a burst of journal lines) before drawing.
            while flow == Flow::Continue {
                match self.rx.try_recv() {
                    Ok(msg) => flow = self.handle(app, msg, now),
                    Err(_) => break,
                }
            }
            if flow == Flow::Continue {
                flow = app.wake(now);
            }
            if flow == Flow::Quit {
                return Ok(());
            }
            self.draw(app)?;
        }
    }

    fn handle(&self, app: &mut dyn App, msg: Msg, now: Millis) -> Flow {
        if matches!(msg, Msg::Resize) {
            self.resized();
        }
        app.handle(msg, now)
    }

    fn resized(&self) {
        if let Some(session) = &self.session {
            session.terminal.backend().resized();
        }
    }

    /// Draws the frame, or in screen-reader mode says what there is to say.
    fn draw(&mut self, app: &mut dyn App) -> anyhow::Result<()> {
        let now = now_ms();
        match &mut self.session {
            Some(session) => {
                session.terminal.draw(|frame| app.draw(frame, now))?;
            }
            None => super::lines::say(&app.speak(now))?,
        }
        app.after_draw();
        Ok(())
    }
}

/// The keys that quit a view that is not up yet (q, Ctrl+C).
pub fn gives_up(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char('q'))
        || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                // Only presses: release and repeat events would double every action under the
                // kitty keyboard protocol and on Windows.
                Ok(TermEvent::Key(key)) if key.kind == KeyEventKind::Press => Msg::Key(key),
                Ok(TermEvent::Paste(text)) => Msg::Paste(text),
                Ok(TermEvent::Resize(..)) => Msg::Resize,
                Ok(_) => continue,
                // The terminal went away (SSH drop): behave as on SIGHUP.
                Err(_) => Msg::Signal(Stop::Hangup),
            };
            let stop = matches!(msg, Msg::Signal(_));
            if tx.send(msg).is_err() || stop {
                return;
            }
        }
    });
}
