//! The start screen at the edge: runs the loop until the facilitator picks a meeting or quits.

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui};
use crate::run::Millis;
use crate::run::open::{Answer, Ask, AskResume, OnStage};
use crate::start::{Asking, Choice, StartScreen, view};

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

/// The start screen's [`Ask`]: its questions as a popup over the screen.
pub struct ScreenAsk<'a> {
    pub tui: &'a mut Tui,
    pub screen: StartScreen,
}

impl AskResume for ScreenAsk<'_> {
    /// The start screen resumes a meeting in progress by choosing it: nothing to ask.
    fn resume(&mut self, _run: &str, _last: Millis) -> anyhow::Result<bool> {
        Ok(true)
    }
}

impl Ask for ScreenAsk<'_> {
    fn on_stage(&mut self, run: &str, who: &OnStage) -> anyhow::Result<Answer> {
        let ctx = &self.screen.ctx;
        let since = crate::ui::clock::hh_mm(who.since, &ctx.tz);
        self.screen.asking = Some(Asking {
            line: ctx.text().on_stage(&who.name, &since),
            run: run.to_string(),
        });
        let mut app = StartApp {
            screen: self.screen.clone(),
            choice: Choice::Stay,
        };
        self.tui.run(&mut app)?;
        self.screen.asking = None;
        // A signal or a closed terminal: the answer that displaces no one and opens nothing.
        Ok(match app.choice {
            Choice::Answered(answer) => answer,
            _ => Answer::Cancel,
        })
    }
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
            Msg::Paste(_) | Msg::Resize | Msg::Journals(_) | Msg::Saved | Msg::Line(_) => {
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
        now.saturating_add(60_000 - now.rem_euclid(60_000))
    }

    fn shutdown(&mut self, _now: Millis) {}
}
