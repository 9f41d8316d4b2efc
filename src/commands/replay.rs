//! `spar replay [RUN]`: a run as it happened (see `crate::replay`). Without RUN, the run that
//! changed last.

use std::process::ExitCode;
use std::sync::Arc;

use super::{catalog, data_dir, store_error, ui_ctx};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::replay::Replay;
use crate::run::catalog::TrackView;
use crate::run::{Role, store::LoadedRun};
use crate::stage::Context;
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::replay_app;

pub fn run(global: &Global, run: Option<&str>) -> anyhow::Result<ExitCode> {
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let dir = match run {
        Some(name) => data.find(name).map_err(store_error)?,
        None => {
            let catalog = catalog(global)?;
            let view = TrackView::load(&data, &catalog, now_ms()).map_err(store_error)?;
            match view.runs.iter().max_by_key(|r| r.last_activity()) {
                Some(run) => run.dir.clone(),
                None => return Err(BadInput::Said(lang.text().nothing_to_replay().into()).into()),
            }
        }
    };
    let LoadedRun {
        header, entries, ..
    } = dir.load().map_err(store_error)?;
    let ui = ui_ctx(global, lang);
    let ctx = Context {
        start_of_day: crate::ui::clock::at_time_of_day(
            header.started,
            &header.session.start,
            &ui.tz,
        ),
        ui,
        run_id: header.id.clone(),
        track: header.track.as_ref().map(|t| t.title.clone()),
        author: String::new(),
        role: Role::Facilitator,
        recap: Vec::new(),
    };
    let text = ctx.ui.text();
    let set_aside = header.set_aside.iter().map(|s| text.set_aside(s)).collect();
    let mut replay = Replay::new(Arc::new(header.session), entries, ctx);
    replay.set_aside = set_aside;
    let mut tui = Tui::start()?;
    replay_app::run(&mut tui, replay)?;
    Ok(ExitCode::SUCCESS)
}
