//! The command line, as the SPEC fixes it: commands, flags and their environment variables.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;
use crate::ui::theme::ThemeName;

/// `0.1.0 (4988d05a1c, 2026-12-06)`: the package version and the commit it was built from, which
/// `build.rs` stamps (the bare version when built outside a git checkout).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("SPAR_BUILT_FROM"));

/// Run workshop tracks in the terminal: an agenda, timeboxes the whole call can read, and the
/// groups' answers captured live.
///
/// With no command, spar shows the track and its meetings and lets you pick one to run.
#[derive(Debug, Parser)]
#[command(name = "spar", version = VERSION, about, long_about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Where runs are stored [default: the platform data directory]
    #[arg(long, global = true, env = "SPAR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A folder of session files that add to or override the shipped ones by id (repeatable)
    #[arg(long = "sessions", global = true, value_name = "DIR")]
    pub sessions: Vec<PathBuf>,
    /// Language of the interface [default: Swedish when LANG starts with "sv", else English]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Who is writing, shown beside each note [default: your user name]
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub author: Option<String>,
    /// Colour theme of the terminal views
    #[arg(long, global = true, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
    /// Never ring the bell when a timebox runs out
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Plain lines for a screen reader (run, join, show, review): each change said once, no
    /// full-screen drawing; type a key and Enter, `?` lists them
    #[arg(
        long,
        global = true,
        env = "SPAR_SCREEN_READER",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub screen_reader: bool,
    /// In --screen-reader mode, when a running timebox is said: "half", minutes left, "over"
    /// (each minute over); time's up is always said
    #[arg(
        long,
        global = true,
        env = "SPAR_TIME_MARKS",
        value_name = "LIST",
        default_value = "half,2,1,over"
    )]
    pub time_marks: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every track with its meetings, in order: id, title, term, planned start and length
    List,
    /// Validate session files or folders (default: every known session)
    Check {
        /// Files or folders to check
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Instead of checking: suggested timeboxes from the runs so far (the median actual), as
        /// changes to the session file; for one session (an id or its number in the track) or
        /// every meeting held
        #[arg(
            long,
            value_name = "SESSION",
            num_args = 0..=1,
            default_missing_value = "",
            conflicts_with = "paths"
        )]
        suggest: Option<String>,
    },
    /// Facilitate a meeting on the stage: agenda, timeboxes, notes
    Run {
        /// The track a position counts in [default: the one track besides Dalaspåret, if any]
        #[arg(long, value_name = "ID")]
        track: Option<String>,
        /// Session id (e.g. kickoff) or its position in the track (e.g. 3)
        session: String,
        /// Start a new run even if an unfinished one exists
        #[arg(long, conflicts_with = "resume")]
        new: bool,
        /// Resume this run (an id or a unique prefix of one)
        #[arg(long, value_name = "RUN")]
        resume: Option<String>,
    },
    /// Take notes on a live run in your own terminal
    Join {
        /// The run to join [default: the latest live run]
        run: Option<String>,
        /// The group your notes belong to: its name, or a word of it no other group has ("Siljan")
        #[arg(long, value_name = "NAME")]
        group: Option<String>,
    },
    /// List saved runs: id, session, started, state, notes, and which run the track counts
    Runs {
        /// Keep this run out of the track, the recap and the exports (undo with --restore)
        #[arg(long, value_name = "RUN", conflicts_with = "restore")]
        discard: Option<String>,
        /// Take a discarded run back into the track
        #[arg(long, value_name = "RUN")]
        restore: Option<String>,
    },
    /// The room's screen: follows a live run, read-only; share this window in the meeting
    Show {
        /// The run to show [default: the latest live run]
        run: Option<String>,
    },
    /// Browse saved runs, notes, actions and search in the terminal
    Review {
        /// The run to open [default: all runs of the track]
        run: Option<String>,
    },
    /// A run as it happened: the stage at any moment, stepped or played through its events
    Replay {
        /// The run to replay (an id or a unique prefix of one) [default: the run that changed
        /// last]
        run: Option<String>,
    },
    /// Write a run's summary, or the whole track's, as Markdown or HTML
    Export {
        /// The run to export (an id or a unique prefix of one)
        #[arg(required_unless_present = "track", conflicts_with = "track")]
        run: Option<String>,
        /// Export a whole track (by its id; without one, the default track): every meeting,
        /// then all actions
        #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
        track: Option<String>,
        /// Output format [default: from the extension of -o (.html, .htm), else md]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write to this file (atomically) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The export formats, named by the exports that write them.
pub use crate::export::Format;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
