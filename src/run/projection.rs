//! The projected end of a meeting, from how its items actually ran so far.
//!
//! Projected end = now + what is left of the current item + the plan for every later item.
//! An item's "left" is its plan (with `+`/`-` adjustments) minus the time already spent on it,
//! never below zero: an item that overran has pushed the end out by exactly its overrun, because
//! that time has already passed. Items skipped over count nothing; items after the current one
//! count their plan minus any time spent on them earlier (a facilitator who jumped ahead and back).

use super::Millis;
use super::state::RunState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub planned_end: Millis,
    pub projected_end: Millis,
}

impl Projection {
    /// Whole minutes behind (positive) or ahead (negative) of the plan, rounded to nearest.
    pub fn delta_minutes(&self) -> i64 {
        let delta = self.projected_end.saturating_sub(self.planned_end);
        (delta as f64 / 60_000.0).round() as i64
    }
}

/// `planned_start` is when the meeting was planned to begin (see [`planned_start`]).
pub fn project(state: &RunState, planned_start: Millis, now: Millis) -> Projection {
    let items = state.session.agenda.len();
    // Saturating throughout: a hostile journal may hold any time and any adjustment.
    let planned_total = (0..items)
        .map(|i| i64::from(state.session.agenda[i].minutes) * 60_000)
        .fold(0i64, i64::saturating_add);
    let planned_end = planned_start.saturating_add(planned_total);
    let projected_end = if let Some(ended) = state.ended_at {
        ended
    } else if state.started_at.is_none() {
        let adjusted = (0..items)
            .map(|i| state.planned_ms(i))
            .fold(0i64, i64::saturating_add);
        now.max(planned_start).saturating_add(adjusted)
    } else {
        let current = state.place.item;
        let rest = (current..items)
            .map(|i| {
                state
                    .planned_ms(i)
                    .saturating_sub(state.spent_ms(i, now))
                    .max(0)
            })
            .fold(0i64, i64::saturating_add);
        now.saturating_add(rest)
    };
    Projection {
        planned_end,
        projected_end,
    }
}

/// When the meeting was planned to begin: the session's start time on the day the run began.
/// A run that began more than an hour away from that (a rehearsal, a moved meeting) is planned
/// from its own first minute instead, so the projection speaks of this meeting, not the calendar.
pub fn planned_start(session_start_of_day: Millis, first_started: Option<Millis>) -> Millis {
    const HOUR: Millis = 3_600_000;
    match first_started {
        Some(started)
            if started
                .saturating_sub(session_start_of_day)
                .saturating_abs()
                > HOUR =>
        {
            started.saturating_sub(started.rem_euclid(60_000))
        }
        _ => session_start_of_day,
    }
}
