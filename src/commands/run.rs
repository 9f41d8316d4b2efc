//! `spar run [--track ID] SESSION [--new | --resume RUN]`: the stage, on a new or resumed run.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::ask::{ask, resume_answer, take_over_answer};
use super::{author, catalog, data_dir, seat, speech, store_error, track_view};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::catalog::recap;
use crate::run::live::LiveRun;
use crate::run::state::RunState;
use crate::run::status::{RunStatus, status};
use crate::run::store::{DataDir, RunDir, RunHeader};
use crate::run::{Millis, Role};
use crate::session::Session;
use crate::session::load::Catalog;
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app::{self, Opening};

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
    let (opening, view) = match resume {
        Some(id) => {
            let dir = data.find(id).map_err(store_error)?;
            let header = dir.header().map_err(store_error)?;
            if header.session.id != session.id {
                return Err(BadInput::Said(lang.text().run_of_other_session(
                    dir.id(),
                    &header.session.id,
                    &session.id,
                ))
                .into());
            }
            (Opening::Existing(dir), None)
        }
        None if new => (create(&data, &session, &catalog, global, now), None),
        None => {
            let view = track_view(&data, &catalog, now);
            let opening = match view.unfinished(&session.id) {
                Some(run) if ask_resume(lang, &run.dir, run.last_activity())? => {
                    Opening::Existing(run.dir.clone())
                }
                _ => create(&data, &session, &catalog, global, now),
            };
            (opening, Some(view))
        }
    };
    let mut seat = seat(global, lang, Role::Facilitator);
    seat.speech = marks;
    // A run that exists is opened before anything is asked: whether another stage is live on it
    // is read from the fold the stage then starts from, so a large run is read once, not twice.
    let opening = match opening {
        Opening::Existing(dir) => {
            Opening::Opened(Box::new(LiveRun::open_unannounced(dir, &seat.author)?))
        }
        new => new,
    };
    // A facilitator on record with our own name is taken to be us, back after a crash (kill -9
    // writes no `Left`): resumed without a question. Should that stage still run, it steps down
    // when it folds our `Joined`, so two stages never drive the timer either way.
    if let Opening::Opened(opened) = &opening
        && let Some(by) = live_facilitator(&opened.0, &opened.1, now)
        && by != crate::text::clean_line(&author(global))
    {
        let id = opened.0.dir.id().to_string();
        if ask_take_over(lang, &by, &id)? {
            seat.take_over = true;
        } else {
            if let Opening::Opened(opened) = opening {
                opened.0.discard();
            }
            return super::join::run(global, Some(&id), None);
        }
    }
    let mut tui = Tui::start_as(seat.speech.is_some())?;
    stage_app::run(
        &mut tui,
        opening,
        seat,
        |session| match &view {
            Some(view) => view.recap(session),
            None => recap(&data, &catalog, session, now),
        },
        |_| Ok(()),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A new run of `session`: created on disk when its first item starts or the first note is
/// typed, not when the lobby opens.
pub fn create(
    data: &DataDir,
    session: &Session,
    catalog: &Catalog,
    global: &Global,
    now: Millis,
) -> Opening {
    let track = catalog.track_by_id(&session.track).cloned();
    Opening::New {
        data: data.clone(),
        header: Box::new(RunHeader::new(session.clone(), track, now, &author(global))),
    }
}

/// The name of the facilitator whose stage is on the opened run now: one joined as facilitator
/// (or took over) and has not left, in a run that is live. A stage killed without quitting never
/// says it left, so it counts too; taking over from it is then the right answer anyway.
fn live_facilitator(live: &LiveRun, state: &RunState, now: Millis) -> Option<String> {
    if status(state, live.header.started, now) != RunStatus::Live {
        return None;
    }
    let writer = state.facilitator.as_ref()?;
    Some(
        state
            .writers
            .get(writer)
            .map(|w| w.name.clone())
            .unwrap_or_default(),
    )
}

/// "Ta över som processledare (t) eller anteckna (a)?" on the terminal: whether to take over.
fn ask_take_over(lang: Lang, by: &str, run: &str) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    let text = lang.text();
    if !stdin.is_terminal() {
        return Err(BadInput::Said(text.facilitator_live(by, run)).into());
    }
    let prompt = text.takeover_prompt(by, run);
    ask(&prompt, &mut stdin.lock(), take_over_answer)
}

/// "Fortsätta träffen från 14:02? [J/n]" on the terminal, before the stage takes it over.
fn ask_resume(lang: Lang, dir: &RunDir, last: Millis) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(BadInput::Said(lang.text().unfinished_run(dir.id())).into());
    }
    let tz = jiff::tz::TimeZone::system();
    let text = lang.text();
    let prompt = text.resume_prompt(&crate::ui::clock::hh_mm(last, &tz), dir.id());
    ask(&prompt, &mut stdin.lock(), resume_answer)
}
