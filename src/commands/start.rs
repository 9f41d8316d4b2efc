//! `spar` with no command: the start screen, then the stage of the chosen meeting.

use std::process::ExitCode;

use ratatui::Frame;

use super::run::{SavedRun, saved_runs, unfinished};
use super::{catalog, data_dir};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::Millis;
use crate::run::status::RunStatus;
use crate::start::{Choice, Meeting, MeetingState, StartScreen, view};
use crate::tui::event_loop::{App, Flow, Msg, Tui, now_ms};
use crate::ui::theme::{Theme, no_color_requested};

pub fn run(global: &Global) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let runs = saved_runs(&data, now_ms());
    let meetings = catalog
        .meetings()
        .iter()
        .map(|session| Meeting {
            state: meeting_state(&runs, &session.id),
            session: session.clone(),
        })
        .collect();
    let theme = Theme::new(global.theme, no_color_requested());
    let screen = StartScreen::new(
        catalog.track.clone(),
        meetings,
        lang,
        theme,
        jiff::tz::TimeZone::system(),
    );
    let mut tui = Tui::start()?;
    let mut app = StartApp {
        screen,
        choice: Choice::Stay,
    };
    tui.run(&mut app)?;
    let Choice::Run(i) = app.choice else {
        return Ok(ExitCode::SUCCESS);
    };
    let meeting = &app.screen.meetings[i];
    let dir = match &meeting.state {
        MeetingState::InProgress(dir) => dir.clone(),
        _ => super::run::create(&data, &meeting.session, &catalog, global, now_ms())?,
    };
    super::run::stage(global, dir, lang, &mut tui)?;
    Ok(ExitCode::SUCCESS)
}

/// In progress when a live run exists, done when a run ended, else not run.
fn meeting_state(runs: &[SavedRun], session: &str) -> MeetingState {
    if let Some(run) = unfinished(runs, session) {
        return MeetingState::InProgress(run.dir.clone());
    }
    if runs
        .iter()
        .any(|r| r.session == session && r.status == RunStatus::Ended)
    {
        MeetingState::Done
    } else {
        MeetingState::NotRun
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
            Msg::Paste(_) | Msg::Resize | Msg::Journals => Flow::Continue,
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
