//! `spar review [RUN]`: the saved runs of the track in the terminal (see `tui::review_app`).

use std::process::ExitCode;

use super::{author, catalog, data_dir, store_error, ui_ctx};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::review::app::Review;
use crate::run::catalog::TrackView;
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::review_app;

pub fn run(global: &Global, run: Option<&str>) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let now = now_ms();
    let view = TrackView::load(&data, &catalog, now).map_err(store_error)?;
    let ctx = ui_ctx(global, Lang::resolve(global.lang));
    let mut review = Review::new(view, ctx);
    if let Some(name) = run {
        let dir = data.find(name).map_err(store_error)?;
        match review.view.find_run(dir.id()) {
            Some(i) => review.open_run(i),
            None => {
                // Listed as unreadable: say why, as `spar run --resume` would.
                let why = dir.header().err().map_or_else(
                    || BadInput::Said(review.ctx.lang.text().run_unreadable(dir.id())),
                    BadInput::Store,
                );
                return Err(why.into());
            }
        }
    }
    let mut tui = Tui::start_as(global.screen_reader)?;
    review_app::run(&mut tui, review, author(global), global.screen_reader)?;
    Ok(ExitCode::SUCCESS)
}
