//! `spar` with no command: the start screen, then the stage of the chosen meeting.

use std::process::ExitCode;

use super::{catalog, data_dir, seat, track_view, ui_ctx};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::Role;
use crate::start::{Choice, Meeting, MeetingState, StartScreen};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::{stage_app, start_app};

pub fn run(global: &Global) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let view = track_view(&data, &catalog, now_ms());
    let meetings = catalog
        .meetings()
        .iter()
        .map(|session| Meeting {
            state: MeetingState::of(&view, &session.id),
            session: (*session).clone(),
        })
        .collect();
    let screen = StartScreen::new(catalog.track.clone(), meetings, ui_ctx(global, lang));
    let mut tui = Tui::start()?;
    let (screen, choice) = start_app::choose(&mut tui, screen)?;
    let Choice::Run(i) = choice else {
        return Ok(ExitCode::SUCCESS);
    };
    let meeting = &screen.meetings[i];
    let dir = match &meeting.state {
        MeetingState::InProgress(dir) => dir.clone(),
        _ => super::run::create(&data, &meeting.session, &catalog, global, now_ms())?,
    };
    stage_app::run(
        &mut tui,
        dir,
        seat(global, lang, Role::Facilitator),
        |session| view.recap(session),
        |_| Ok(()),
    )?;
    Ok(ExitCode::SUCCESS)
}
