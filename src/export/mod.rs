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
//! A run's summary says which run of its meeting it is (the one that counts, and how many others
//! exist) and ends with the next meeting of the track: its title and pre-work.
//!
//! The track's export lists every meeting of the track in order: those held with their summary
//! one heading level down, those to come with their title, summary and pre-work (no dates are
//! made up); then where the time went (planned against actual, with text-free inline bars), and
//! every action item of the track with its owner, due, meeting and status (dated ones first).

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
use crate::run::catalog::time_spent::TimeReport;
use crate::run::state::RunState;
use crate::run::store::RunHeader;
use crate::session::{Session, Track};

/// What an export says about the track around a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Around<'a> {
    /// Which run of its meeting this is; `None` when the track's runs were not read.
    pub which: Option<Which>,
    /// The meeting after this one in its track.
    pub next: Option<&'a Session>,
    /// The meeting is the last of its track (so has no next one).
    pub last: bool,
}

/// Which run of its meeting a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Which {
    pub counts: bool,
    pub discarded: bool,
    /// The meeting's other runs.
    pub others: usize,
}

/// A meeting of a track's export.
#[derive(Debug, Clone, Copy)]
pub enum TrackMeeting<'a> {
    /// Held: its run that counts.
    Held(RunDoc<'a>),
    /// To come: its session.
    ToCome(&'a Session),
}

impl TrackDoc<'_> {
    /// The meetings held.
    fn held(&self) -> Vec<RunDoc<'_>> {
        self.meetings
            .iter()
            .filter_map(|m| match m {
                TrackMeeting::Held(doc) => Some(*doc),
                TrackMeeting::ToCome(_) => None,
            })
            .collect()
    }
}

/// A whole track to export.
#[derive(Debug, Clone, Default)]
pub struct TrackDoc<'a> {
    pub track: Option<&'a Track>,
    /// Every meeting, held or to come.
    pub meetings: Vec<TrackMeeting<'a>>,
    /// Where the time went.
    pub time: TimeReport,
}

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
    pub around: Around<'a>,
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
            around: Around::default(),
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

/// The whole track in `format`: every meeting in track order, where the time went, then all
/// action items.
pub fn track(doc: &TrackDoc, format: Format, lang: Lang, tz: &TimeZone) -> String {
    match format {
        Format::Md => track_markdown(doc, lang, tz),
        Format::Html => track_html(doc, lang, tz),
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
