//! `spar export`: a run's summary, or the whole track's, as Markdown or as one self-contained
//! HTML file.
//!
//! What a summary says is built once (`summary`), walked once (`walk`: which parts, in what
//! order) and written by a writer per format (`markdown`, `html`); all are pure
//! functions of the run state, the language and the time zone: no files, no clock. All text that
//! came from people (notes, names, groups) or from session files is cleaned of control and bidi
//! characters and escaped for the format, so no note can change the document's structure.
//!
//! A run's summary:
//!
//! ```text
//! # Kick off — 2020-09-17
//! Dalaspåret · träff 1 av 6 · Hösten 2020 · 09:02–12:05
//! ## Agenda                  table: planned start, item, planned and actual minutes, total; ends
//! ## 1. Välkomna …           each item: kind, speaker, minutes
//! ### Vad väckte …           each question (or turn of a round that has notes)
//! #### Hela gruppen          the whole group first, then the session's groups in order
//! - note — *Anna, 10:02*     each note: kind marker, text, author and time
//! ## Beslut / Åtgärder / Parkerade frågor
//! ```
//!
//! The track's export has every meeting's summary one heading level down, in track order, then
//! every action item of the track with its owner, due date, meeting and status.

mod html;
mod markdown;
mod summary;
mod walk;

use jiff::tz::TimeZone;

pub use html::{html, track_html};
pub use markdown::{markdown, track_markdown};

/// What an export is written as (`--format`, or `-o`'s extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
}

use crate::i18n::Lang;
use crate::run::Millis;
use crate::run::state::RunState;
use crate::run::store::RunHeader;
use crate::session::Track;

/// One run to export.
#[derive(Debug, Clone, Copy)]
pub struct RunDoc<'a> {
    pub run_id: &'a str,
    /// The folded run; its session snapshot is `state.session`.
    pub state: &'a RunState,
    /// The track of the run's session, if known: its title and the meeting's place in it.
    pub track: Option<&'a Track>,
    /// When the run began (the header's `started`): the day the meeting's planned times are on.
    pub started: Millis,
    /// "Now", for a run still in progress: its current item counts up to here.
    pub now: Millis,
}

impl<'a> RunDoc<'a> {
    /// A run saved with `header` and folded to `state`, exported at `now`.
    pub fn of(header: &'a RunHeader, state: &'a RunState, now: Millis) -> RunDoc<'a> {
        RunDoc {
            run_id: &header.id,
            state,
            track: header.track.as_ref(),
            started: header.started,
            now,
        }
    }
}

/// A run's summary in `format`.
pub fn run(doc: &RunDoc, format: Format, lang: Lang, tz: &TimeZone) -> String {
    match format {
        Format::Md => markdown(doc, lang, tz),
        Format::Html => html(doc, lang, tz),
    }
}

/// The whole track in `format`: every run's summary in track order, then all action items.
pub fn track(
    track: Option<&Track>,
    runs: &[RunDoc],
    format: Format,
    lang: Lang,
    tz: &TimeZone,
) -> String {
    match format {
        Format::Md => track_markdown(track, runs, lang, tz),
        Format::Html => track_html(track, runs, lang, tz),
    }
}

/// "planerat slut" → "Planerat slut".
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Room for the whole document at once: the notes' text plus their markup.
fn capacity(runs: &[RunDoc]) -> usize {
    runs.iter()
        .map(|r| {
            r.state
                .notes
                .iter()
                .map(|n| n.text.len() + 160)
                .sum::<usize>()
                + 8_192
        })
        .sum::<usize>()
        + 8_192
}
