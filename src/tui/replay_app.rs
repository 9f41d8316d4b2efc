//! The replay at the edge: keys and time move the moment; nothing is written.

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui};
use crate::replay::{Outcome, Replay, view};
use crate::run::Millis;

/// Runs the replay until it quits.
pub fn run(tui: &mut Tui, replay: Replay) -> anyhow::Result<()> {
    tui.run(&mut ReplayApp { replay })
}

struct ReplayApp {
    replay: Replay,
}

impl App for ReplayApp {
    fn handle(&mut self, msg: Msg, now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => match self.replay.on_key(key, now) {
                Outcome::Quit => Flow::Quit,
                Outcome::Continue => Flow::Continue,
            },
            Msg::Signal(_) => Flow::Quit,
            _ => Flow::Continue,
        }
    }

    fn wake(&mut self, now: Millis) -> Flow {
        self.replay.tick(now);
        Flow::Continue
    }

    fn draw(&self, frame: &mut Frame, _now: Millis) {
        view::draw(frame, &self.replay);
    }

    /// Paused, nothing moves: the next wake is far off. Playing: the next event or shown second.
    fn next_wake(&self, now: Millis) -> Millis {
        self.replay
            .next_wake(now)
            .unwrap_or(now.saturating_add(3_600_000))
    }

    fn shutdown(&mut self, _now: Millis) {}
}
