//! One module per command; `dispatch` hands the parsed command line to the right one.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command, Global};
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::catalog::TrackView;
use crate::run::open::Entry;
use crate::run::open::lock::Hold;
use crate::run::store::{DataDir, StoreError};
use crate::run::{Millis, Role};
use crate::session::load::{Catalog, load_catalog};
use crate::speech::TimeMarks;
use crate::tui::stage_app::{Opening, Seat};
use crate::ui::theme::{Theme, no_color_requested};

mod ask;
pub mod check;
pub mod export;
pub mod join;
pub mod list;
pub mod replay;
pub mod review;
pub mod run;
pub mod runs;
pub mod show;
pub mod start;
pub mod suggest;

pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = cli.global;
    match cli.command {
        None => start::run(&global),
        Some(Command::List) => list::run(&global),
        Some(Command::Check { paths, suggest }) => match suggest {
            Some(session) => suggest::run(&global, &session),
            None => check::run(&global, &paths),
        },
        Some(Command::Run {
            track,
            session,
            new,
            resume,
        }) => run::run(&global, track.as_deref(), &session, new, resume.as_deref()),
        Some(Command::Join { run, group }) => join::run(&global, run.as_deref(), group.as_deref()),
        Some(Command::Runs { discard, restore }) => match (discard, restore) {
            (Some(run), _) => runs::discard(&global, &run, true),
            (None, Some(run)) => runs::discard(&global, &run, false),
            (None, None) => runs::run(&global),
        },
        Some(Command::Show { run }) => show::run(&global, run.as_deref()),
        Some(Command::Review { run }) => review::run(&global, run.as_deref()),
        Some(Command::Replay { run }) => replay::run(&global, run.as_deref()),
        Some(Command::Export {
            run,
            track,
            format,
            output,
        }) => export::run(
            &global,
            run.as_deref(),
            track.as_deref(),
            format,
            output.as_deref(),
        ),
    }
}

/// The sessions known to this invocation: shipped, plus `--sessions` folders.
pub fn catalog(global: &Global) -> anyhow::Result<Catalog> {
    Ok(load_catalog(&global.sessions)?)
}

pub fn data_dir(global: &Global) -> anyhow::Result<DataDir> {
    DataDir::resolve(global.data_dir.clone())
}

/// The track's saved runs, for choosing one to resume or join: an unreadable runs folder has
/// none (creating a run in it then says what is wrong).
pub fn track_view(data: &DataDir, catalog: &Catalog, now: Millis) -> TrackView {
    TrackView::load(data, catalog, now).unwrap_or_default()
}

/// `--theme`, unless `NO_COLOR` asks for none.
pub fn theme(global: &Global) -> Theme {
    Theme::new(global.theme, no_color_requested())
}

/// How the screens look: `lang`, `--theme` (or none under `NO_COLOR`), the system time zone.
pub fn ui_ctx(global: &Global, lang: Lang) -> crate::ui::Ctx {
    crate::ui::Ctx {
        lang,
        theme: theme(global),
        tz: jiff::tz::TimeZone::system(),
    }
}

/// Who sits at this terminal, from the global options.
pub fn seat(global: &Global, lang: Lang, role: Role) -> Seat {
    Seat {
        ui: ui_ctx(global, lang),
        author: author(global),
        role,
        quiet: global.quiet,
        take_over: false,
        speech: None,
    }
}

/// `--screen-reader` with its `--time-marks`: `None` draws the full screen. Marks that do not
/// parse are bad input.
pub fn speech(global: &Global, lang: Lang) -> anyhow::Result<Option<TimeMarks>> {
    if !global.screen_reader {
        return Ok(None);
    }
    TimeMarks::parse(&global.time_marks)
        .map(Some)
        .map_err(|word| BadInput::Said(lang.text().bad_time_marks(&word)).into())
}

/// What the stage opens for the door's `entry`, and who sits at it (a way in that joins takes
/// notes; one that takes over says so); `None`: cancelled.
pub fn opening(entry: Entry, seat: &mut Seat, locks: Option<PathBuf>) -> Option<Opening> {
    match entry {
        Entry::New { data, header } => Some(Opening::New {
            data,
            header,
            lock: locks.map_or(Hold::None, Hold::Wanted),
        }),
        Entry::Stage {
            run,
            take_over,
            lock,
        } => {
            seat.take_over = take_over;
            Some(Opening::Opened { run, lock })
        }
        Entry::Join(run) => {
            seat.role = Role::NoteTaker;
            Some(Opening::Opened {
                run,
                lock: Hold::None,
            })
        }
        Entry::Cancelled => None,
    }
}

/// Store errors that mean "you named something that is not there" exit with 2.
pub fn store_error(err: StoreError) -> anyhow::Error {
    if err.is_bad_input() {
        BadInput::Store(err).into()
    } else {
        err.into()
    }
}

/// Who is writing: `--as`, else the user name, else a plain word.
pub fn author(global: &Global) -> String {
    let name = global
        .author
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|n| crate::text::clean_line(n.trim()))
        .unwrap_or_default();
    if name.is_empty() {
        "spar".to_string()
    } else {
        name
    }
}
