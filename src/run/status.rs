//! Whether a run is live, ended or abandoned: derived from its folded state, never stored.

use super::Millis;
use super::state::RunState;

/// A run nobody has written to for this long, and that was never ended, is abandoned.
pub const ABANDONED_AFTER: Millis = 12 * 3_600_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Live,
    Ended,
    Abandoned,
}

pub fn status(state: &RunState, started: Millis, now: Millis) -> RunStatus {
    if state.ended_at.is_some() {
        RunStatus::Ended
    } else if now.saturating_sub(state.last_activity.max(started)) > ABANDONED_AFTER {
        RunStatus::Abandoned
    } else {
        RunStatus::Live
    }
}
