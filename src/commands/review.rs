//! `spar review [RUN]`: the saved runs of the track in the terminal. Browsing writes nothing;
//! the first "action done" in a run opens this process's own journal in it, and from then on
//! every change is an event like any other.

use std::collections::HashMap;
use std::process::ExitCode;

use ratatui::Frame;

use super::{author, catalog, data_dir, store_error};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::review::app::{Effect, Review, ReviewCtx};
use crate::review::{RecapEntry, TrackView, view};
use crate::run::live::LiveRun;
use crate::run::{Event, Millis, Role};
use crate::session::Session;
use crate::tui::event_loop::{App, Flow, Msg, Tui, now_ms};
use crate::ui::theme::{Theme, no_color_requested};

pub fn run(global: &Global, run: Option<&str>) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let now = now_ms();
    let view = TrackView::load(&data, &catalog, now).map_err(store_error)?;
    let ctx = ReviewCtx {
        lang: Lang::resolve(global.lang),
        theme: Theme::new(global.theme, no_color_requested()),
        tz: jiff::tz::TimeZone::system(),
    };
    let mut review = Review::new(view, ctx);
    if let Some(name) = run {
        let dir = data.find(name).map_err(store_error)?;
        match review.view.find_run(dir.id()) {
            Some(i) => review.open_run(i),
            None => {
                // Listed as unreadable: say why, as `spar run --resume` would.
                let why = dir.header().err().map_or_else(
                    || format!("run {} cannot be read", dir.id()),
                    |e| e.to_string(),
                );
                return Err(BadInput(why).into());
            }
        }
    }
    let mut tui = Tui::start()?;
    let mut app = ReviewApp {
        review,
        live: HashMap::new(),
        author: author(global),
    };
    tui.run(&mut app)?;
    Ok(ExitCode::SUCCESS)
}

/// The recap for a run of `session` going on stage (see [`crate::review::recap`]). Best effort:
/// without a catalog or data directory there is simply nothing to recap.
pub fn recap_for(global: &Global, session: &Session, now: Millis) -> Vec<RecapEntry> {
    if !session
        .agenda
        .iter()
        .any(|i| i.kind == crate::session::ItemKind::Recap)
    {
        return Vec::new();
    }
    match (catalog(global), data_dir(global)) {
        (Ok(catalog), Ok(data)) => crate::review::recap(&data, &catalog, session, now),
        _ => Vec::new(),
    }
}

/// The review at the edge: writes what the review asks to the runs, each through its own
/// journal opened on first need.
struct ReviewApp {
    review: Review,
    /// Runs this process has written to, by index into `TrackView::runs`.
    live: HashMap<usize, LiveRun>,
    author: String,
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
                    self.review.save_error = Some(crate::error::one_line(&e));
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
        self.review.save_error = self.live.values().find_map(|l| l.save_error.clone());
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
            Msg::Resize | Msg::Journals => Flow::Continue,
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

    /// Nothing moves by itself but a run in progress's minutes; a failing save retries every
    /// second.
    fn next_wake(&self, now: Millis) -> Millis {
        if self.live.values().any(LiveRun::has_pending) {
            now + 1000
        } else {
            now + 60_000 - now.rem_euclid(60_000)
        }
    }

    fn shutdown(&mut self, _now: Millis) {
        for (run, live) in &mut self.live {
            if let Some(target) = self.review.view.runs.get_mut(*run) {
                live.retry(&mut target.state);
            }
        }
    }
}
