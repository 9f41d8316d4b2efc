//! Validation of session and track files beyond their syntax: timeboxes that add up, real
//! times, dates and links, and names that are not empty or repeated.
//!
//! The rules of one file are here: `session` ([`session_issues`], [`structure_issues`]) with
//! `agenda` for the items and steps they hold, `track` ([`track_issues`]), `times` and `links`
//! for single values. The rules across files (duplicate ids, unknown tracks and meetings) are in
//! `load`, which sees every file. A [`Finding`] (`finding`) is one line, `path:line:col: message`
//! or `path:line:col: warning: message`.

mod agenda;
mod finding;
mod links;
mod session;
mod times;
mod track;

pub use finding::{Finding, Issue, Severity, locate};
pub use links::is_web_address;
pub use session::{session_issues, structure_issues};
pub use times::{is_date, is_time, parse_time, time_of_day};
pub use track::track_issues;

use super::parse::{Seg, clean};
use super::problem::{FileKind, Problem};

use Seg::Field;

/// The longest timebox that makes sense: a question, an item or a turn.
pub const MAX_TIMEBOX_MINUTES: u64 = 180;
/// A meeting longer than this is an error.
pub const MAX_MEETING_MINUTES: u64 = 8 * 60;
/// A meeting longer than this is a warning.
pub const LONG_MEETING_MINUTES: u64 = 4 * 60;
/// A meeting shorter than this is a warning.
pub const SHORT_MEETING_MINUTES: u64 = 15;

/// The rule of every file's `id`: not empty, letters, digits, `-`, `_` and `.` only, and for a
/// session not only digits.
fn check_id(id: &str, what: FileKind, out: &mut Vec<Issue>) {
    let at = [Field("id")];
    if id.trim().is_empty() {
        out.push(Issue::error(&at, Problem::IdEmpty(what)));
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        out.push(Issue::error(&at, Problem::IdChars(clean(id))));
    } else if what == FileKind::Session && id.chars().all(|c| c.is_ascii_digit()) {
        out.push(Issue::error(&at, Problem::IdNumber(clean(id))));
    }
}
