//! `spar join [RUN] [--group NAME]`: a note-taker's terminal on a live run. Parses, and goes
//! through the door (`run::open`): the run is opened beside the stage, and a facilitator found
//! on stage is said and asked about (Enter joins, `t` takes over, `q` cancels).

use std::process::ExitCode;

use super::{author, catalog, data_dir, seat, speech, store_error, ui_ctx};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::Role;
use crate::run::catalog::recap;
use crate::run::open::{Door, Found, lock};
use crate::tui::event_loop::{Tui, now_ms};
use crate::tui::stage_app::Seat;
use crate::tui::waiting_app::latest_live_run;
use crate::tui::{ask_app, stage_app};

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
    let (run, view) = match run {
        Some(id) => {
            let dir = data.find(id).map_err(store_error)?;
            (Found::named(dir).map_err(store_error)?, None)
        }
        None => {
            // What is awaited, and where: a wrong data folder shows at once.
            let waiting = format!(
                "{}\n{}",
                lang.text().waiting_for_facilitator,
                lang.text()
                    .watching_folder(&data.runs_dir().display().to_string())
            );
            let ctx = ui_ctx(global, lang);
            match latest_live_run(&data, &catalog, &mut tui, ctx, screen_reader, waiting)? {
                Some((found, view)) => (found, Some(view)),
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
    // The group is looked up in the run's own session, as its header was read: a group it does
    // not have is one line before the terminal is taken (off a terminal too).
    let home_group = match group {
        Some(name) => resolve_group(lang, &run.header.session.groups, name, &run.header.id)?,
        None => None,
    };
    let mut tui = match tui {
        Some(tui) => tui,
        None => Tui::start_as(screen_reader)?,
    };
    let author = author(global);
    let door = Door {
        data: &data,
        author: &author,
        lang,
        now,
        locks: lock::folder(),
    };
    let entry = ask_app::join(&mut tui, &door, run, ui_ctx(global, lang))?;
    let mut seat = Seat {
        speech: marks,
        ..seat(global, lang, Role::Facilitator)
    };
    let Some(opening) = super::opening(entry, &mut seat, door.locks) else {
        return Ok(ExitCode::SUCCESS);
    };
    let note_taker = seat.role == Role::NoteTaker;
    stage_app::run(
        &mut tui,
        opening,
        seat,
        |session| match &view {
            Some(view) => view.recap(session),
            None => recap(&data, &catalog, session, now),
        },
        |stage| {
            // Taken over: the stage drives, for no group of its own.
            if !note_taker {
                return Ok(());
            }
            stage.set_home_group(home_group);
            stage.open_editor();
            Ok(())
        },
    )?;
    Ok(ExitCode::SUCCESS)
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
