//! `spar runs`: every saved run, in track order, as plain aligned text that pipes well.
//!
//! ```text
//! Id                              Träff               Startad           Status    Längd  Anteckningar  Åtgärder  Öppna  Spåret
//! 20200917-0700-kickoff-3fa9      kickoff             2020-09-17 09:02  avslutad  183 min           42         5      2  räknas
//! ```
//!
//! `spar runs --discard RUN` keeps a stray run out of the track and `--restore RUN` takes it back
//! (see `run::catalog::counted`).

use std::process::ExitCode;

use jiff::tz::TimeZone;

use super::list::write_out;
use super::{catalog, data_dir, store_error};
use crate::cli::Global;
use crate::i18n::{Lang, Text};
use crate::run::catalog::{TrackView, counted};
use crate::run::store::{FsAction, StoreError};
use crate::text::clean_line;
use crate::tui::event_loop::now_ms;
use crate::ui::clock::{hh_mm, iso_date, whole_minutes};

pub fn run(global: &Global) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let text = Lang::resolve(global.lang).text();
    let view = TrackView::load(&data, &catalog, now_ms()).map_err(store_error)?;
    write_out(&render(&view, text, &TimeZone::system()))?;
    // What was skipped reading the runs goes to stderr, so that the listing stays clean to pipe.
    for run in view.runs.iter().filter(|r| !r.problems.is_empty()) {
        eprintln!("spar: runs/{}: {}", run.dir.id(), text.tally(&run.tally()));
    }
    for bad in &view.unreadable {
        eprintln!("spar: {}", clean_line(&text.store_error(&bad.problem)));
    }
    Ok(ExitCode::SUCCESS)
}

/// `--discard RUN` (`discard`) or `--restore RUN`: the marker written or removed, then which run
/// of the meeting counts now. An unknown run is bad input (exit 2).
pub fn discard(global: &Global, name: &str, discard: bool) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let text = Lang::resolve(global.lang).text();
    let dir = data.find(name).map_err(store_error)?;
    let note = format!("{} {}\n", super::author(global), now_ms());
    counted::set_discarded(&dir, discard, &note).map_err(|e| {
        anyhow::Error::from(StoreError::io(
            FsAction::Write,
            &dir.path().join(counted::DISCARD_MARK),
            e,
        ))
    })?;
    let said = if discard {
        text.discarded_run(dir.id())
    } else {
        text.restored_run(dir.id())
    };
    let view = TrackView::load(&data, &catalog, now_ms()).map_err(store_error)?;
    let session = view
        .runs
        .iter()
        .find(|r| r.dir == dir)
        .map(|r| r.header.session.id.clone());
    let now = session.map(|s| text.now_counts(view.counted(&s).map(|r| r.dir.id())));
    write_out(&format!(
        "{said}\n{}",
        now.map(|n| n + "\n").unwrap_or_default()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// A header line, then one line per run in track order: id, session, when it began, state,
/// length, notes, action items, how many are open, and whether the track counts it (or it was
/// discarded). Words left-aligned, numbers right-aligned.
pub fn render(view: &TrackView, text: &Text, tz: &TimeZone) -> String {
    if view.runs.is_empty() && view.unreadable.is_empty() {
        return format!("{}\n", text.no_runs_yet);
    }
    const COLUMNS: usize = 9;
    /// Columns with numbers, right-aligned.
    const NUMBERS: [usize; 4] = [4, 5, 6, 7];
    let mut rows: Vec<[String; COLUMNS]> = vec![[
        text.list_id.to_string(),
        text.list_meeting.to_string(),
        text.runs_started.to_string(),
        text.runs_state.to_string(),
        text.list_length.to_string(),
        text.notes.to_string(),
        text.actions.to_string(),
        text.runs_open.to_string(),
        text.runs_track_column().to_string(),
    ]];
    for run in &view.runs {
        let began = run.began();
        let (actions, open) = run.action_counts();
        rows.push([
            run.dir.id().to_string(),
            clean_line(&run.header.session.id),
            format!("{} {}", iso_date(began, tz), hh_mm(began, tz)),
            text.run_state(run.status).to_string(),
            run.length_ms()
                .map_or_else(|| "–".to_string(), |ms| text.minutes(whole_minutes(ms))),
            run.note_count().to_string(),
            actions.to_string(),
            open.to_string(),
            if run.counts {
                text.run_counts()
            } else if run.discarded {
                text.run_discarded()
            } else {
                ""
            }
            .to_string(),
        ]);
    }
    for bad in &view.unreadable {
        let mut row: [String; COLUMNS] = Default::default();
        row[0] = bad.id.clone();
        row[3] = text.state_unreadable.to_string();
        rows.push(row);
    }
    crate::text::aligned_table(&rows, &NUMBERS)
}
