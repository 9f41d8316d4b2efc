//! The room's screen at the edge: opens a journal in the run only to say it is there (as a
//! screen, never a note-taker), watches the run's journals, and runs the loop with the show until
//! `q`. It sends no event that changes the run.

use std::sync::mpsc::Sender;

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;

use super::event_loop::{App, Flow, Msg, Tui};
use super::watch::{Watch, arm};
use crate::run::live::{FINISH_WAIT, LiveRun};
use crate::run::reader::Credit;
use crate::run::skew::ClockSkew;
use crate::run::{Event, Millis, Role};
use crate::show::speech::{QUIT, ShowSpeech};
use crate::show::{Show, ShowCtx, view};
use crate::speech::TimeMarks;

/// Opens the run `found` and shows it until the user quits. `author` names the screen in
/// the journal; `track` is the track's title, if the session belongs to a known one. With
/// `speech` (its time marks), the show is said in plain lines instead of drawn.
pub fn run(
    tui: &mut Tui,
    found: crate::run::open::Found,
    author: String,
    ui: crate::ui::Ctx,
    track: Option<String>,
    speech: Option<TimeMarks>,
) -> anyhow::Result<()> {
    let opening = {
        let me = author.clone();
        let now = super::event_loop::now_ms();
        tui.while_opening(move || crate::run::open::beside(found, &me, now))
    };
    let Some(opened) = opening else {
        return Ok(());
    };
    let crate::run::open::Opened { live, state: run } = *opened?;
    let header = live.header.clone();
    let ctx = ShowCtx {
        start_of_day: crate::ui::clock::at_time_of_day(header.started, &run.session.start, &ui.tz),
        ui,
        run_id: header.id.clone(),
        track,
    };
    let mut app = ShowApp {
        show: Show::new(run, ctx),
        speech: speech.map(ShowSpeech::new),
        live,
        author,
        watch: None,
        credit: None,
        announced: false,
        skew: ClockSkew::default(),
    };
    tui.run(&mut app)
}

struct ShowApp {
    show: Show,
    /// In screen-reader mode: what has been said.
    speech: Option<ShowSpeech>,
    live: LiveRun,
    author: String,
    /// Started after the first frame; kept alive while the show runs.
    watch: Option<Watch>,
    /// The watcher's credit for the batch last taken, given back once the frame that shows it
    /// is drawn: the next batch is read after that frame, so a key typed during a slow frame is
    /// answered before the next batch is folded.
    credit: Option<Credit>,
    announced: bool,
    /// How far this computer's clock is behind the facilitator's (a show on another computer).
    skew: ClockSkew,
}

impl App for ShowApp {
    fn handle(&mut self, msg: Msg, raw: Millis) -> Flow {
        match msg {
            // q, Esc, Ctrl+C: the only keys a show has.
            Msg::Key(key) if key.code == KeyCode::Esc || super::event_loop::gives_up(&key) => {
                Flow::Quit
            }
            Msg::Signal(_) => Flow::Quit,
            Msg::Journals(mut batch) => {
                self.credit = batch.credit.take();
                let now = self.skew.corrected(raw);
                if self.live.take(&mut self.show.run, batch, now) {
                    self.show.after_fold(now);
                }
                self.live.learn_skew(&self.show.run, &mut self.skew, raw);
                Flow::Continue
            }
            Msg::Saved => {
                self.live.retry(&mut self.show.run);
                Flow::Continue
            }
            Msg::Line(line) if line.trim() == QUIT => Flow::Quit,
            Msg::Line(line) => {
                if let Some(speech) = self.speech.as_mut() {
                    speech.on_line(&self.show, &line, self.skew.corrected(raw));
                }
                Flow::Continue
            }
            Msg::Key(_) | Msg::Paste(_) | Msg::Resize => Flow::Continue,
        }
    }

    fn wake(&mut self, raw: Millis) -> Flow {
        self.live.learn_skew(&self.show.run, &mut self.skew, raw);
        self.live
            .release_held(&mut self.show.run, self.skew.corrected(raw));
        Flow::Continue
    }

    fn after_draw(&mut self) {
        self.credit = None;
    }

    fn draw(&self, frame: &mut Frame, raw: Millis) {
        view::draw(frame, &self.show, self.skew.corrected(raw));
    }

    fn speak(&mut self, raw: Millis) -> Vec<String> {
        let now = self.skew.corrected(raw);
        match self.speech.as_mut() {
            Some(speech) => speech.speak(&self.show, now),
            None => Vec::new(),
        }
    }

    fn next_wake(&self, raw: Millis) -> Millis {
        let now = self.skew.corrected(raw);
        let wake = self.skew.raw(match &self.speech {
            Some(speech) => speech.next_due(&self.show, now),
            None => self.show.next_wake(now),
        });
        // Entries from the future are folded when this clock reaches them.
        match self.live.next_release() {
            Some(release) => wake.min(self.skew.raw(release)),
            None => wake,
        }
    }

    fn after_first_frame(&mut self, tx: &Sender<Msg>, now: Millis) {
        crate::fsx::read_log::note(crate::fsx::read_log::FIRST_FRAME);
        let saved = tx.clone();
        self.live.set_waker(Box::new(move || {
            let _ = saved.send(Msg::Saved);
        }));
        // Lines written between the first read and the watch being armed are read there.
        self.watch = arm(&mut self.live, tx.clone(), &mut |_| {});
        self.live
            .announce(&mut self.show.run, &self.author, Role::Screen, now);
        self.announced = true;
    }

    /// Says in the journal that the screen left, so the stage stops calling itself a console.
    fn shutdown(&mut self, now: Millis) {
        if self.announced {
            self.live.append(&mut self.show.run, Event::Left, now);
        }
        self.live.finish(&mut self.show.run, FINISH_WAIT);
    }
}
