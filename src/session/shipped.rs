//! The Dalaspåret track and its six meetings, compiled into the binary so that `spar` works
//! from any directory.

/// Each shipped file: the path it is shown with in messages, and its text.
pub const FILES: &[(&str, &str)] = &[
    (
        "sessions/dalasparet.ron",
        include_str!("../../sessions/dalasparet.ron"),
    ),
    (
        "sessions/kickoff.ron",
        include_str!("../../sessions/kickoff.ron"),
    ),
    (
        "sessions/digitala-samhallet.ron",
        include_str!("../../sessions/digitala-samhallet.ron"),
    ),
    (
        "sessions/begrepp.ron",
        include_str!("../../sessions/begrepp.ron"),
    ),
    (
        "sessions/digitala-uppdraget.ron",
        include_str!("../../sessions/digitala-uppdraget.ron"),
    ),
    (
        "sessions/larande-organisation.ron",
        include_str!("../../sessions/larande-organisation.ron"),
    ),
    (
        "sessions/synas-i-kommunen.ron",
        include_str!("../../sessions/synas-i-kommunen.ron"),
    ),
];

/// Id of the shipped track.
pub const TRACK_ID: &str = "dalasparet";
