//! `spar` with no command: the start screen, then the stage of the chosen meeting.

use std::process::ExitCode;

use super::{author, catalog, data_dir, seat, track_view, ui_ctx};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::Role;
use crate::run::open::{Door, Pick, lock};
use crate::session::Session;
use crate::start::{Choice, Meeting, MeetingState, StartScreen, TrackPage};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app;
use crate::tui::start_app::{self, ScreenAsk};

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
    let pick = match &meeting.state {
        MeetingState::InProgress(dir) => Pick::Resume(dir.clone()),
        _ => Pick::New,
    };
    let session = meeting.session.clone();
    let author = author(global);
    let door = Door {
        data: &data,
        author: &author,
        lang,
        now: now_ms(),
        locks: lock::folder(),
    };
    let track = catalog.track_by_id(&session.track).cloned();
    let mut ask = ScreenAsk {
        tui: &mut tui,
        screen,
    };
    let entry = door.stage(&session, track, pick, &mut ask)?;
    let mut seat = seat(global, lang, Role::Facilitator);
    let Some(opening) = super::opening(entry, &mut seat, door.locks) else {
        return Ok(ExitCode::SUCCESS);
    };
    let note_taker = seat.role == Role::NoteTaker;
    stage_app::run(
        &mut tui,
        opening,
        seat,
        |session| view.recap(session),
        |stage| {
            // Joined instead of driving: a note-taker's terminal, ready to type.
            if note_taker {
                stage.open_editor();
            }
            Ok(())
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
