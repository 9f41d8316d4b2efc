//! Parsing one session or track file from text.

use ron::extensions::Extensions;

use super::{Session, Track};

/// The RON options every session file is read with: `implicit_some` lets a facilitator write
/// `notes: "…"` instead of `notes: Some("…")`; the recursion limit turns deeply nested input
/// into an error instead of a stack overflow.
pub fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64)
}

/// What a file holds: a track or a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Track(Track),
    Session(Box<Session>),
}

pub fn parse_session(text: &str) -> Result<Session, ron::error::SpannedError> {
    options().from_str(text)
}

pub fn parse_track(text: &str) -> Result<Track, ron::error::SpannedError> {
    options().from_str(text)
}
