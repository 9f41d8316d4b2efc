//! The review at the edge: browsing writes nothing; the first "action done" in a run opens this
//! process's own journal in it, and from then on every change is an event like any other.

use std::collections::HashMap;

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui};
use crate::review::app::{Effect, Review};
use crate::review::speech::ReviewSpeech;
use crate::review::view;
use crate::run::live::LiveRun;
use crate::run::{Event, Millis, Role};

/// Runs the review until it quits; `author` marks what it writes.
/// With `screen_reader`, the review is said in plain lines instead of drawn.
pub fn run(
    tui: &mut Tui,
    review: Review,
    author: String,
    screen_reader: bool,
) -> anyhow::Result<()> {
    let mut app = ReviewApp {
        review,
        live: HashMap::new(),
        author,
        speech: screen_reader.then(ReviewSpeech::default),
    };
    tui.run(&mut app)
}

/// The review at the edge: writes what the review asks to the runs, each through its own
/// journal opened on first need.
struct ReviewApp {
    review: Review,
    /// Runs this process has written to, by index into `TrackView::runs`.
    live: HashMap<usize, LiveRun>,
    author: String,
    /// `--screen-reader`: the review's lines, instead of drawing.
    speech: Option<ReviewSpeech>,
}

impl ReviewApp {
    fn perform(&mut self, effects: Vec<Effect>, now: Millis) -> Flow {
        let mut flow = Flow::Continue;
        for effect in effects {
            match effect {
                Effect::SetDone { run, id, done } => self.set_done(run, id, done, now),
                Effect::Quit => flow = Flow::Quit,
            }
        }
        flow
    }

    fn set_done(&mut self, run: usize, id: crate::run::NoteId, done: bool, now: Millis) {
        let Some(target) = self.review.view.runs.get_mut(run) else {
            return;
        };
        if !self.live.contains_key(&run) {
            match LiveRun::open(target.dir.clone(), &self.author, Role::NoteTaker, now) {
                Ok((live, state)) => {
                    // The freshest state, with whatever was written since the review began.
                    target.state = state;
                    self.live.insert(run, live);
                }
                Err(e) => {
                    self.review.save_error = Some(crate::error::one_line(&e, self.review.ctx.lang));
                    return;
                }
            }
        }
        if let Some(live) = self.live.get_mut(&run) {
            live.append(&mut target.state, Event::ActionDone { id, done }, now);
        }
        self.review.changed(run, now);
        self.refresh_error();
    }

    fn refresh_error(&mut self) {
        let text = self.review.ctx.text();
        self.review.save_error = self
            .live
            .values()
            .find_map(|l| l.save_error.as_ref())
            .map(|e| text.write_error(e));
    }
}

impl App for ReviewApp {
    fn handle(&mut self, msg: Msg, now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => {
                let effects = self.review.on_key(key);
                self.perform(effects, now)
            }
            Msg::Paste(text) => {
                self.review.on_paste(&text);
                Flow::Continue
            }
            Msg::Line(line) => match self.speech.as_mut() {
                Some(speech) => {
                    let effects = speech.on_line(&mut self.review, &line, now);
                    self.perform(effects, now)
                }
                None => Flow::Continue,
            },
            Msg::Resize | Msg::Journals(_) | Msg::Saved => Flow::Continue,
            Msg::Signal(_) => Flow::Quit,
        }
    }

    fn wake(&mut self, now: Millis) -> Flow {
        let mut changed = Vec::new();
        for (run, live) in &mut self.live {
            if live.has_pending()
                && let Some(target) = self.review.view.runs.get_mut(*run)
                && live.retry(&mut target.state)
            {
                changed.push(*run);
            }
        }
        for run in changed {
            self.review.changed(run, now);
        }
        self.refresh_error();
        Flow::Continue
    }

    fn draw(&self, frame: &mut Frame, now: Millis) {
        view::draw(frame, &self.review, now);
    }

    fn speak(&mut self, _now: Millis) -> Vec<String> {
        match self.speech.as_mut() {
            Some(speech) => speech.speak(&self.review),
            None => Vec::new(),
        }
    }

    /// Nothing moves by itself but a run in progress's minutes; a failing save retries every
    /// second.
    fn next_wake(&self, now: Millis) -> Millis {
        if self.live.values().any(LiveRun::has_pending) {
            now.saturating_add(1000)
        } else {
            now.saturating_add(60_000 - now.rem_euclid(60_000))
        }
    }

    /// What the writer threads still hold is given its chance to reach the disk.
    fn shutdown(&mut self, _now: Millis) {
        for (run, live) in &mut self.live {
            if let Some(target) = self.review.view.runs.get_mut(*run) {
                live.finish(&mut target.state, crate::run::live::FINISH_WAIT);
            }
        }
    }
}
