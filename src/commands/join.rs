//! `spar join [RUN] [--group NAME]`: a note-taker's terminal on a live run.

use std::process::ExitCode;

use super::{catalog, data_dir, seat, store_error, track_view};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::Role;
use crate::run::catalog::{TrackView, recap};
use crate::run::store::{DataDir, RunDir};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app;

pub fn run(global: &Global, run: Option<&str>, group: Option<&str>) -> anyhow::Result<ExitCode> {
    let data = data_dir(global)?;
    // Without the sessions (a bad `--sessions`) a run can still be joined: it carries its own
    // session; there is just nothing to recap.
    let catalog = catalog(global).unwrap_or_default();
    let now = now_ms();
    let lang = Lang::resolve(global.lang);
    let (dir, view) = match run {
        Some(id) => (data.find(id).map_err(store_error)?, None),
        None => {
            let view = track_view(&data, &catalog, now);
            (latest_live(lang, &data, &view)?, Some(view))
        }
    };
    let header = dir.header().map_err(store_error)?;
    let group = match group {
        Some(name) => resolve_group(lang, &header.session.groups, name, dir.id())?,
        None => None,
    };
    let mut tui = Tui::start()?;
    stage_app::run(
        &mut tui,
        stage_app::Opening::Existing(dir),
        seat(global, lang, Role::NoteTaker),
        |session| match &view {
            Some(view) => view.recap(session),
            None => recap(&data, &catalog, session, now),
        },
        |stage| {
            stage.set_home_group(group);
            stage.open_editor();
            Ok(())
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The live run that changed last, or a clear message that there is none.
fn latest_live(lang: Lang, data: &DataDir, view: &TrackView) -> anyhow::Result<RunDir> {
    view.latest_live()
        .map(|run| run.dir.clone())
        .ok_or_else(|| {
            BadInput::Said(
                lang.text()
                    .no_live_run(&data.runs_dir().display().to_string()),
            )
            .into()
        })
}

/// A group of the session by name, any case; "whole group" / "hela gruppen" is the plenary.
fn resolve_group(
    lang: Lang,
    groups: &[String],
    name: &str,
    run: &str,
) -> anyhow::Result<Option<String>> {
    let wanted = name.trim().to_lowercase();
    if ["hela gruppen", "whole group", "plenary", "plenum"].contains(&wanted.as_str()) {
        return Ok(None);
    }
    groups
        .iter()
        .find(|g| g.to_lowercase() == wanted)
        .map(|g| Some(g.clone()))
        .ok_or_else(|| BadInput::Said(lang.text().no_such_group(run, name, groups)).into())
}
