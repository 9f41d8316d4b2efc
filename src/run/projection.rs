//! The projected end of a meeting, from how it actually ran so far.
//!
//! Projected end = now + what is left of the facilitator's timebox (never below zero: an overrun
//! has already pushed the end out, because that time has passed) + the plan of every timebox
//! after it + the untimed part of the items still ahead (an item planned longer than its
//! questions has room for an introduction or a summing up). Places behind the facilitator, done
//! or skipped, count nothing; a timebox ahead that was already partly used counts what is left.
//!
//! The planned start is the session's start time on the day the run is held, or, when the
//! facilitator chose to move the plan after a late start, the minute they did. Times compare in
//! whole minutes cut the same way on both sides, as the clock shows them: equal times are on time.

use super::Millis;
use super::Place;
use super::state::RunState;

pub const MINUTE: Millis = 60_000;

/// A start this many minutes or more off the planned start (late, or early: a rehearsal at
/// night) asks the facilitator how to read the plan.
pub const ASK_AFTER_LATE_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projection {
    pub planned_start: Millis,
    pub planned_end: Millis,
    pub projected_end: Millis,
}

impl Projection {
    /// Whole minutes behind (positive) or ahead (negative) of the plan, both ends cut to the
    /// minute the clock shows.
    pub fn delta_minutes(&self) -> i64 {
        minute(self.projected_end) - minute(self.planned_end)
    }
}

/// The whole minute a time falls in, as the clock shows it.
pub fn minute(t: Millis) -> i64 {
    t.div_euclid(MINUTE)
}

/// Minutes from `planned` to `at` as the clock shows them: positive when `at` is later.
pub fn minutes_between(planned: Millis, at: Millis) -> i64 {
    minute(at) - minute(planned)
}

/// When the meeting is planned to begin: the session's start time on the day of the run, unless
/// the facilitator moved the plan when the meeting started late (then the minute they did).
/// There is no silent re-planning: only that journalled choice moves it.
pub fn planned_start(start_of_day: Millis, state: &RunState) -> Millis {
    match state.late_start {
        Some(late) if late.moved => minute(late.at).saturating_mul(MINUTE),
        _ => start_of_day,
    }
}

/// Whether starting the first timebox at `now` must first ask how to read the plan: more than five
/// minutes after the planned start, or before it.
pub fn asks_about_late_start(state: &RunState, start_of_day: Millis, now: Millis) -> bool {
    state.started_at.is_none()
        && state.late_start.is_none()
        && minutes_between(start_of_day, now).abs() > ASK_AFTER_LATE_MINUTES
}

pub fn project(state: &RunState, planned_start: Millis, now: Millis) -> Projection {
    // Saturating throughout: a hostile journal may hold any time and any adjustment.
    let planned_total = state
        .session
        .agenda
        .iter()
        .map(|i| i64::from(i.minutes) * MINUTE)
        .fold(0i64, i64::saturating_add);
    let projected_end = if let Some(ended) = state.ended_at {
        ended
    } else if state.started_at.is_none() {
        // The lobby: the whole meeting is ahead, from the planned start or from now if that
        // has passed.
        let adjusted = (0..state.session.agenda.len())
            .map(|i| state.planned_ms(i))
            .fold(0i64, i64::saturating_add);
        now.max(planned_start).saturating_add(adjusted)
    } else {
        now.saturating_add(left_ms(state, now))
    };
    Projection {
        planned_start,
        planned_end: planned_start.saturating_add(planned_total),
        projected_end,
    }
}

/// What is left of the meeting from the facilitator's place at `now`.
pub fn left_ms(state: &RunState, now: Millis) -> i64 {
    let here = state.place;
    let items = state.session.agenda.len();
    (here.item..items)
        .map(|item| {
            let timeboxes = (0..state.steps(item))
                .map(|step| Place { item, step })
                .filter(|place| *place >= here)
                .filter_map(|place| state.timebox(place))
                .map(|t| t.remaining_ms(now).max(0))
                .fold(0i64, i64::saturating_add);
            timeboxes.saturating_add(untimed_left_ms(state, item, now))
        })
        .fold(0i64, i64::saturating_add)
}

/// The planned time of an item outside its timeboxes, less the time already spent in the item
/// with no timebox running.
pub fn untimed_left_ms(state: &RunState, item: usize, now: Millis) -> i64 {
    let Some(planned) = state.session.agenda.get(item) else {
        return 0;
    };
    let steps = state.session.steps(item);
    let in_steps: i64 = steps.iter().map(|s| i64::from(s.minutes()) * MINUTE).sum();
    let untimed_plan = (i64::from(planned.minutes) * MINUTE - in_steps)
        .saturating_add(state.slack_change_ms(item))
        .max(0);
    let timed = (0..steps.len())
        .filter_map(|step| state.timebox(Place { item, step }))
        .map(|t| t.elapsed_ms(now))
        .fold(0i64, i64::saturating_add);
    let untimed_spent = state.spent_ms(item, now).saturating_sub(timed).max(0);
    untimed_plan.saturating_sub(untimed_spent).max(0)
}
