//! The start screen at the edge: runs the loop until the facilitator picks a meeting or quits.

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui};
use crate::run::Millis;
use crate::start::{Choice, StartScreen, view};

/// Shows the start screen until a choice is made; the screen is handed back with it (the chosen
/// meeting is an index into its `meetings`).
pub fn choose(tui: &mut Tui, screen: StartScreen) -> anyhow::Result<(StartScreen, Choice)> {
    let mut app = StartApp {
        screen,
        choice: Choice::Stay,
    };
    tui.run(&mut app)?;
    Ok((app.screen, app.choice))
}

struct StartApp {
    screen: StartScreen,
    choice: Choice,
}

impl App for StartApp {
    fn handle(&mut self, msg: Msg, _now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => match self.screen.on_key(key) {
                Choice::Stay => Flow::Continue,
                choice => {
                    self.choice = choice;
                    Flow::Quit
                }
            },
            Msg::Signal(_) => Flow::Quit,
            Msg::Paste(_) | Msg::Resize | Msg::Journals | Msg::Saved | Msg::Line(_) => {
                Flow::Continue
            }
        }
    }

    fn wake(&mut self, _now: Millis) -> Flow {
        Flow::Continue
    }

    fn draw(&self, frame: &mut Frame, now: Millis) {
        view::draw(frame, &self.screen, now);
    }

    /// Only the wall clock in the corner changes.
    fn next_wake(&self, now: Millis) -> Millis {
        now + 60_000 - now.rem_euclid(60_000)
    }

    fn shutdown(&mut self, _now: Millis) {}
}
