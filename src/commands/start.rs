//! `spar` with no command: the start screen, then the stage of the chosen meeting.

use std::process::ExitCode;

use super::{catalog, data_dir, seat, track_view, ui_ctx};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::Role;
use crate::session::Session;
use crate::start::{Choice, Meeting, MeetingState, StartScreen, TrackPage};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app::{self, Opening};
use crate::tui::start_app;

pub fn run(global: &Global) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let view = track_view(&data, &catalog, now_ms());
    let meeting = |session: &Session| Meeting {
        state: MeetingState::of(&view, &session.id),
        session: session.clone(),
    };
    // Every track, the default one shown first.
    let pages: Vec<TrackPage> = catalog
        .tracks
        .iter()
        .map(|(track, _)| {
            let meetings = catalog.meetings_of(&track.id);
            TrackPage::new(
                Some(track.clone()),
                meetings.into_iter().map(meeting).collect(),
            )
        })
        .collect();
    let first = catalog
        .track
        .as_ref()
        .and_then(|t| {
            catalog
                .tracks
                .iter()
                .position(|(other, _)| other.id == t.id)
        })
        .unwrap_or(0);
    let screen = StartScreen::with_pages(pages, first, ui_ctx(global, lang));
    let mut tui = Tui::start()?;
    let (screen, choice) = start_app::choose(&mut tui, screen)?;
    let Choice::Run(i) = choice else {
        return Ok(ExitCode::SUCCESS);
    };
    let Some(meeting) = screen.meeting(i) else {
        return Ok(ExitCode::SUCCESS);
    };
    let opening = match &meeting.state {
        MeetingState::InProgress(dir) => Opening::Existing(dir.clone()),
        _ => super::run::create(&data, &meeting.session, &catalog, global, now_ms()),
    };
    stage_app::run(
        &mut tui,
        opening,
        seat(global, lang, Role::Facilitator),
        |session| view.recap(session),
        |_| Ok(()),
    )?;
    Ok(ExitCode::SUCCESS)
}
