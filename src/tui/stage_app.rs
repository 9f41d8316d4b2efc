//! The stage at the edge: opens this process's journal in a run, watches the other writers',
//! and runs the event loop with the stage until it quits. Performs what the stage asks (writing,
//! the bell) and feeds it what arrives (keys, paste, other writers' events, time).

use std::sync::mpsc::Sender;

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui, now_ms};
use super::terminal;
use super::watch::Watch;
use crate::run::catalog::RecapEntry;
use crate::run::live::LiveRun;
use crate::run::store::RunDir;
use crate::run::{Millis, Role};
use crate::session::Session;
use crate::stage::{Context, Effect, Stage, view};

/// Who sits at this terminal and how it looks: what the stage needs besides the run.
pub struct Seat {
    /// Language, colours and time zone.
    pub ui: crate::ui::Ctx,
    /// The mark on each note this process writes.
    pub author: String,
    /// The facilitator's stage, or a note-taker's terminal (`spar join`).
    pub role: Role,
    /// `--quiet`: no bell. A note-taker's terminal never rings.
    pub quiet: bool,
}

/// The stage or a note-taker's view on a run: opens our journal in it, watches the others, and
/// runs the loop until quit. `recap` says what earlier meetings left open for the run's session
/// (its snapshot); `prepare` sets the stage up before the first frame (or refuses).
pub fn run(
    tui: &mut Tui,
    dir: RunDir,
    seat: Seat,
    recap: impl FnOnce(&Session) -> Vec<RecapEntry>,
    prepare: impl FnOnce(&mut Stage) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let now = now_ms();
    let opening = {
        let me = seat.author.clone();
        tui.while_opening(move || LiveRun::open_unannounced(dir, &me))
    };
    // Given up while opening: nothing was shown, nothing was written but our empty journal.
    let Some(opened) = opening else {
        return Ok(());
    };
    let (live, run) = opened?;
    let ctx = Context {
        start_of_day: crate::ui::clock::at_time_of_day(
            live.header.started,
            &run.session.start,
            &seat.ui.tz,
        ),
        ui: seat.ui,
        run_id: live.dir.id().to_string(),
        track: live.header.track.as_ref().map(|t| t.title.clone()),
        author: seat.author,
        role: seat.role,
        recap: recap(&run.session),
    };
    let quiet = seat.quiet || seat.role == Role::NoteTaker;
    let mut stage = Stage::new(run, ctx, quiet, now);
    prepare(&mut stage)?;

    let mut app = StageApp {
        stage,
        live,
        watch: None,
        polled_at: 0,
        journals_changed: false,
    };
    app.refresh_notice();
    tui.run(&mut app)
}

/// The stage at the edge: performs what the stage asks (writing, the bell) and feeds it what
/// arrives (keys, other writers' events).
struct StageApp {
    stage: Stage,
    live: LiveRun,
    /// Started after the first frame; kept alive while the view runs.
    watch: Option<Watch>,
    /// Without file events: when the journals were last read.
    polled_at: Millis,
    /// The watcher saw journal changes not yet read: read once per wake, however many came.
    journals_changed: bool,
}

/// Without file events the journals are read at least this often.
const POLL_EVERY: Millis = 1000;
/// ... and on any wake at least this long after the last read: a running countdown wakes every
/// second anyway, so polling rides on its wakes and adds none of its own.
const POLL_GAP: Millis = 500;

impl StageApp {
    fn polling(&self) -> bool {
        self.watch.as_ref().is_some_and(Watch::polling)
    }

    fn perform(&mut self, effects: Vec<Effect>, now: Millis) -> Flow {
        let mut flow = Flow::Continue;
        for effect in effects {
            match effect {
                Effect::Append(ev) => {
                    self.live.append(&mut self.stage.run, ev, now);
                    self.stage.after_fold();
                }
                Effect::SaveNote(ev) => {
                    self.live.append(&mut self.stage.run, ev, now);
                    self.stage.after_fold();
                }
                Effect::Bell => terminal::bell(),
                Effect::Quit => flow = Flow::Quit,
            }
        }
        self.refresh_notice();
        flow
    }

    fn refresh_notice(&mut self) {
        self.stage.notice.save_error = self.live.save_error.clone();
        self.stage.notice.skipped = self.live.problems.len();
        self.stage.notice.unsaved = self.live.pending_count();
        self.stage.notice.unsaved_notes = self.live.pending_notes();
        self.stage.notice.copies = self.live.notices.len();
    }
}

impl App for StageApp {
    fn handle(&mut self, msg: Msg, now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => {
                let effects = self.stage.on_key(key, now);
                self.perform(effects, now)
            }
            Msg::Paste(text) => {
                let effects = self.stage.on_paste(&text, now);
                self.perform(effects, now)
            }
            Msg::Resize => Flow::Continue,
            Msg::Journals => {
                self.journals_changed = true;
                Flow::Continue
            }
            Msg::Signal(_) => Flow::Quit,
        }
    }

    fn wake(&mut self, now: Millis) -> Flow {
        let poll = self.polling() && now - self.polled_at >= POLL_GAP;
        if poll {
            self.polled_at = now;
        }
        let look = std::mem::take(&mut self.journals_changed) || poll;
        if look && self.live.follow(&mut self.stage.run) {
            self.stage.after_fold();
        }
        if self.live.has_pending() {
            self.live.retry(&mut self.stage.run);
            self.stage.after_fold();
        }
        let effects = self.stage.tick(now);
        self.perform(effects, now)
    }

    fn draw(&self, frame: &mut Frame, now: Millis) {
        view::draw(frame, &self.stage, now);
    }

    fn next_wake(&self, now: Millis) -> Millis {
        let wake = self.stage.next_wake(now);
        // Retry a failing save every second.
        let wake = if self.live.has_pending() {
            wake.min(now + 1000)
        } else {
            wake
        };
        if self.polling() {
            wake.min(self.polled_at + POLL_EVERY)
        } else {
            wake
        }
    }

    fn after_first_frame(&mut self, tx: &Sender<Msg>, now: Millis) {
        let (author, role) = (self.stage.ctx.author.clone(), self.stage.ctx.role);
        self.live.announce(&mut self.stage.run, &author, role, now);
        let own = format!("{}.ron", self.live.writer_id());
        self.watch = Some(Watch::start(&self.live.folder(), &own, tx.clone()));
        self.polled_at = now;
        self.refresh_notice();
    }

    /// Quit, SIGTERM, SIGHUP: the draft being typed and anything waiting are written first.
    fn shutdown(&mut self, now: Millis) {
        let effects = self.stage.leaving();
        self.perform(effects, now);
        self.live.retry(&mut self.stage.run);
    }
}
