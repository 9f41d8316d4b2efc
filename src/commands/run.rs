//! `spar run [--track ID] SESSION [--new | --resume RUN]`: the stage, on a new or resumed run.

use std::process::ExitCode;

use super::ask::TerminalAsk;
use super::{author, catalog, data_dir, seat, speech, store_error};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::Role;
use crate::run::catalog::{TrackView, recap};
use crate::run::open::{Door, Pick, lock};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app;

pub fn run(
    global: &Global,
    track: Option<&str>,
    name: &str,
    new: bool,
    resume: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let session = match track {
        Some(track) => catalog.find_in(track, name)?,
        None => catalog.find(name)?,
    }
    .clone();
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let marks = speech(global, lang)?;
    let now = now_ms();
    // The track's runs are read only when they are needed to choose the run; else the recap
    // reads just the earlier meetings' runs.
    let (pick, view) = match resume {
        Some(id) => (Pick::Resume(data.find(id).map_err(store_error)?), None),
        None if new => (Pick::New, None),
        None => {
            let mut view = TrackView::load_to_open(&data, &catalog, now).unwrap_or_default();
            let offer = view
                .unfinished(&session.id)
                // Offered by the meeting's start (its first timebox), which the facilitator
                // knows it by.
                .map(|run| {
                    let started = run.state.started_at.unwrap_or(run.header.started);
                    (run.dir.id().to_string(), started)
                })
                .and_then(|(id, started)| {
                    let index = view.find_run(&id)?;
                    Some((Box::new(view.found(index)), started))
                });
            (Pick::Offer(offer), Some(view))
        }
    };
    let author = author(global);
    let door = Door {
        data: &data,
        author: &author,
        lang,
        now,
        locks: lock::folder(),
    };
    let track = catalog.track_by_id(&session.track).cloned();
    let entry = door.stage(&session, track, pick, &mut TerminalAsk { lang })?;
    let mut seat = seat(global, lang, Role::Facilitator);
    seat.speech = marks;
    let Some(opening) = super::opening(entry, &mut seat, door.locks) else {
        return Ok(ExitCode::SUCCESS);
    };
    let note_taker = seat.role == Role::NoteTaker;
    let mut tui = Tui::start_as(seat.speech.is_some())?;
    stage_app::run(
        &mut tui,
        opening,
        seat,
        |session| match &view {
            Some(view) => view.recap(session),
            None => recap(&data, &catalog, session, now),
        },
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
