//! `spar show [RUN]`: the room's screen on a live run (default: the latest live run, waited for
//! calmly when none has started yet).

use std::process::ExitCode;

use super::{author, catalog, data_dir, speech, store_error, ui_ctx};
use crate::cli::Global;
use crate::i18n::Lang;
use crate::run::open::Found;
use crate::tui::event_loop::Tui;
use crate::tui::show_app;
use crate::tui::waiting_app::latest_live_run;

pub fn run(global: &Global, run: Option<&str>) -> anyhow::Result<ExitCode> {
    let data = data_dir(global)?;
    let catalog = catalog(global).unwrap_or_default();
    let lang = Lang::resolve(global.lang);
    let marks = speech(global, lang)?;
    let screen_reader = marks.is_some();
    let mut tui = None;
    let found = match run {
        Some(id) => {
            let dir = data.find(id).map_err(store_error)?;
            Found::named(dir).map_err(store_error)?
        }
        None => {
            let folder = data.runs_dir().display().to_string();
            let waiting = lang.text().show_waiting(&folder);
            let ctx = ui_ctx(global, lang);
            match latest_live_run(&data, &catalog, &mut tui, ctx, screen_reader, waiting)? {
                Some((found, _)) => found,
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
    let track = found.header.track.as_ref().map(|t| t.title.clone());
    let mut tui = match tui {
        Some(tui) => tui,
        None => Tui::start_as(screen_reader)?,
    };
    show_app::run(
        &mut tui,
        found,
        author(global),
        ui_ctx(global, lang),
        track,
        marks,
    )?;
    Ok(ExitCode::SUCCESS)
}
