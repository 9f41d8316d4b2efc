//! `spar join [RUN] [--group NAME]`: a note-taker's terminal on a live run.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{catalog, data_dir, seat, speech, store_error, track_view, ui_ctx};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::Role;
use crate::run::catalog::{TrackView, recap};
use crate::run::store::{DataDir, RunDir};
use crate::session::load::Catalog;
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app::Seat;
use crate::tui::{stage_app, waiting_app};

pub fn run(global: &Global, run: Option<&str>, group: Option<&str>) -> anyhow::Result<ExitCode> {
    let data = data_dir(global)?;
    // Without the sessions (a bad `--sessions`) a run can still be joined: it carries its own
    // session; there is just nothing to recap.
    let catalog = catalog(global).unwrap_or_default();
    let now = now_ms();
    let lang = Lang::resolve(global.lang);
    let marks = speech(global, lang)?;
    let screen_reader = marks.is_some();
    let mut tui = None;
    let (dir, view) = match run {
        Some(id) => {
            let dir = data.find(id).map_err(store_error)?;
            // A header that cannot be read is bad input, said as one line before the terminal
            // is taken (off a terminal too). The run is read again when it opens: the header is
            // a few kilobytes, and this keeps the door's open in one place.
            dir.header().map_err(store_error)?;
            (dir, None)
        }
        None => {
            // What is awaited, and where: a wrong data folder shows at once.
            let waiting = format!(
                "{}\n{}",
                lang.text().waiting_for_facilitator,
                lang.text()
                    .watching_folder(&data.runs_dir().display().to_string())
            );
            let latest =
                latest_live_run(global, &data, &catalog, &mut tui, screen_reader, waiting)?;
            match latest {
                Some((dir, view)) => (dir, Some(view)),
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
    let mut tui = match tui {
        Some(tui) => tui,
        None => Tui::start_as(screen_reader)?,
    };
    stage_app::run(
        &mut tui,
        stage_app::Opening::Join(dir),
        Seat {
            speech: marks,
            ..seat(global, lang, Role::NoteTaker)
        },
        |session| match &view {
            Some(view) => view.recap(session),
            None => recap(&data, &catalog, session, now),
        },
        |stage| {
            // The group is looked up in the run's own session, read once with the run.
            let group = match group {
                Some(name) => {
                    let groups = &stage.run.session.groups;
                    resolve_group(lang, groups, name, &stage.ctx.run_id)?
                }
                None => None,
            };
            stage.set_home_group(group);
            stage.open_editor();
            Ok(())
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The latest live run, waited for on a calm screen saying `waiting` when there is none yet
/// (note-takers and the room's screen start early), in plain lines with `screen_reader`; off a terminal there is no waiting, and no
/// live run is one clear line. `None`: the user quit while waiting. The terminal, once started
/// for the waiting screen, is left in `tui` for the view.
pub(super) fn latest_live_run(
    global: &Global,
    data: &DataDir,
    catalog: &Catalog,
    tui: &mut Option<Tui>,
    screen_reader: bool,
    waiting: String,
) -> anyhow::Result<Option<(RunDir, TrackView)>> {
    let lang = Lang::resolve(global.lang);
    let view = track_view(data, catalog, now_ms());
    if let Some(live) = view.latest_live() {
        return Ok(Some((live.dir.clone(), view)));
    }
    if !std::io::stdout().is_terminal() {
        let runs = data.runs_dir().display().to_string();
        return Err(BadInput::Said(lang.text().no_live_run(&runs)).into());
    }
    // Wait in the lobby's stead for the facilitator's first event to create the run.
    let waiting_tui = tui.insert(Tui::start_as(screen_reader)?);
    let mut runs = RunsFolder::new(&data.runs_dir());
    waiting_app::wait_until(waiting_tui, ui_ctx(global, lang), waiting, || {
        if !runs.changed(&data.runs_dir()) {
            return None;
        }
        let view = track_view(data, catalog, now_ms());
        let dir = view.latest_live()?.dir.clone();
        Some((dir, view))
    })
}

/// The runs folder as the waiting join last saw it: the runs are read again only once a folder
/// has been added or removed (and from then on at every look, as a new run's header and first
/// event may land a moment after its folder).
struct RunsFolder {
    names: Vec<std::ffi::OsString>,
    changed: bool,
}

impl RunsFolder {
    fn new(folder: &std::path::Path) -> RunsFolder {
        RunsFolder {
            names: Self::names(folder),
            changed: false,
        }
    }

    fn names(folder: &std::path::Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(folder)
            .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Whether a run may have begun since the join began to wait.
    fn changed(&mut self, folder: &std::path::Path) -> bool {
        if !self.changed {
            self.changed = Self::names(folder) != self.names;
        }
        self.changed
    }
}

/// A group of the session by name, any case, or by a word of its name that no other group has
/// ("Siljan" for "Grupp Siljan"); "whole group" / "hela gruppen" is the plenary.
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
    let exact = groups.iter().find(|g| g.to_lowercase() == wanted);
    let mut by_word = groups.iter().filter(|g| {
        g.to_lowercase()
            .split_whitespace()
            .any(|word| word == wanted)
    });
    let unique_word = match (by_word.next(), by_word.next()) {
        (Some(g), None) => Some(g),
        _ => None,
    };
    exact
        .or(unique_word)
        .map(|g| Some(g.clone()))
        .ok_or_else(|| BadInput::Said(lang.text().no_such_group(run, name, groups)).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> Vec<String> {
        ["Grupp Siljan", "Grupp Dalälven", "Siljan Norr"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn a_group_by_its_name_or_a_word_no_other_group_has() {
        let find = |name: &str| resolve_group(Lang::En, &groups(), name, "r").ok();
        assert_eq!(find("grupp dalälven"), Some(Some("Grupp Dalälven".into())));
        assert_eq!(find("Dalälven"), Some(Some("Grupp Dalälven".into())));
        assert_eq!(find("Hela gruppen"), Some(None));
        assert_eq!(find("norr"), Some(Some("Siljan Norr".into())));
        // Two groups have "Siljan", and every group has "Grupp": neither names one.
        assert_eq!(find("Siljan"), None);
        assert_eq!(find("grupp"), None);
        assert_eq!(find("Bergslagen"), None);
    }
}
