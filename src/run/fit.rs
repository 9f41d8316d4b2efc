//! `F`, fit the rest: the projected end turned into an action. When the meeting runs late, every
//! timebox still ahead is shortened in the same proportion so that the meeting ends at its
//! planned end; breaks and talks keep their time (people need the break, and a speaker cannot be
//! cut short from here), and no timebox goes below one minute. The minutes an item has beyond
//! its steps (to get into rooms, to introduce the first question) are shortened too, down to
//! none: a plan of one-minute steps can still be fitted into its end. The result is a list of changes
//! journalled as one `Fitted` event, so every terminal shows it and `u` can take it back.

use super::projection::{MINUTE, project};
use super::state::RunState;
use super::{Millis, Place, Retimed};
use crate::session::ItemKind;

/// A proposed fit: the changes, and where the meeting would end with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub changes: Vec<Retimed>,
    pub projected_end: Millis,
}

impl Proposal {
    /// The change proposed for one timebox, in seconds (0 when it keeps its time).
    pub fn change_at(&self, place: Place) -> i64 {
        self.changes
            .iter()
            .find(|c| c.at == place)
            .map_or(0, |c| c.seconds)
    }
}

/// The timeboxes a fit may shorten, each with its minutes and the fewest it may keep: those
/// ahead of the facilitator that have not run at all (a timebox partly used keeps its time), the
/// current one only while it is not started, down to one minute; and the time between the steps
/// of each item not begun, down to none. Never a break or a talk.
fn shortenable(state: &RunState) -> Vec<(Place, i64, i64)> {
    let here = state.place;
    let mut out = Vec::new();
    for item in here.item..state.session.agenda.len() {
        let planned = &state.session.agenda[item];
        if matches!(planned.kind, ItemKind::Break | ItemKind::Talk { .. }) {
            continue;
        }
        let steps = state.steps(item);
        for step in 0..steps {
            let place = Place { item, step };
            if place < here {
                continue;
            }
            if let Some(t) = state.timebox(place).filter(|t| !t.started) {
                out.push((place, t.total_ms() / MINUTE, 1));
            }
        }
        let begun = (0..steps).any(|step| {
            state
                .timebox(Place { item, step })
                .is_some_and(|t| t.started)
        });
        if !begun {
            let in_steps: i64 = state
                .session
                .steps(item)
                .iter()
                .map(|s| i64::from(s.minutes()))
                .sum();
            let between =
                (i64::from(planned.minutes) - in_steps) * MINUTE + state.slack_change_ms(item);
            if between >= MINUTE {
                out.push((Place { item, step: steps }, between / MINUTE, 0));
            }
        }
    }
    out
}

/// What `F` proposes at `now`, or `None` when the meeting is not late or nothing can be shortened.
pub fn propose(state: &RunState, planned_start: Millis, now: Millis) -> Option<Proposal> {
    if state.ended_at.is_some() {
        return None;
    }
    let projection = project(state, planned_start, now);
    let need = projection.delta_minutes();
    if need <= 0 {
        return None;
    }
    let candidates = shortenable(state);
    let cuts = cuts(
        &candidates.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>(),
        need,
    );
    let changes: Vec<Retimed> = candidates
        .iter()
        .zip(&cuts)
        .filter(|(_, cut)| **cut > 0)
        .map(|((place, _, _), cut)| Retimed {
            at: *place,
            seconds: -cut * 60,
        })
        .collect();
    if changes.is_empty() {
        return None;
    }
    let saved: i64 = cuts.iter().sum();
    Some(Proposal {
        changes,
        projected_end: projection
            .projected_end
            .saturating_sub(saved.saturating_mul(MINUTE)),
    })
}

/// Whole minutes to cut from each of `boxes` (minutes, fewest to keep) so that `need` minutes
/// are saved: in proportion to their length, none below its floor; the minutes that rounding
/// leaves go to the largest remainders. When even that is not enough, everything goes to its
/// floor.
fn cuts(boxes: &[(i64, i64)], need: i64) -> Vec<i64> {
    let minutes: Vec<i64> = boxes.iter().map(|b| b.0).collect();
    let room: Vec<i64> = boxes.iter().map(|(m, floor)| (m - floor).max(0)).collect();
    let total_room: i64 = room.iter().sum();
    if total_room <= need {
        return room;
    }
    let total = minutes
        .iter()
        .fold(0i64, |a, m| a.saturating_add(*m))
        .max(1);
    let mut cut: Vec<i64> = minutes
        .iter()
        .zip(&room)
        .map(|(m, r)| (need.saturating_mul(*m) / total).min(*r))
        .collect();
    let mut left = need - cut.iter().sum::<i64>();
    // Hand out what rounding and the one-minute floor left to the timeboxes furthest below their
    // share that still have room: a minute at a time while it is a few, more at once when the
    // floor left much (so the loop stays short whatever a journal says).
    while left > 0 {
        let open: Vec<usize> = (0..minutes.len()).filter(|&i| cut[i] < room[i]).collect();
        let Some(&i) = open.iter().max_by_key(|&&i| {
            (
                need.saturating_mul(minutes[i])
                    .saturating_sub(cut[i].saturating_mul(total)),
                minutes[i],
            )
        }) else {
            break;
        };
        let give = (left / open.len() as i64).max(1).min(room[i] - cut[i]);
        cut[i] += give;
        left -= give;
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::cuts;

    /// Timeboxes of these minutes, each kept at one minute at least.
    fn boxes(minutes: &[i64]) -> Vec<(i64, i64)> {
        minutes.iter().map(|m| (*m, 1)).collect()
    }

    #[test]
    fn cuts_are_in_proportion_and_add_up_to_the_need() {
        assert_eq!(cuts(&boxes(&[10, 10, 20]), 8), vec![2, 2, 4]);
        assert_eq!(cuts(&boxes(&[10, 10, 20]), 5).iter().sum::<i64>(), 5);
    }

    #[test]
    fn no_timebox_goes_below_one_minute() {
        assert_eq!(cuts(&boxes(&[1, 2, 30]), 20), vec![0, 1, 19]);
        assert_eq!(cuts(&boxes(&[1, 2, 3]), 50), vec![0, 1, 2]);
    }

    #[test]
    fn the_time_between_steps_may_go_to_none() {
        // Three one-minute questions and two minutes between the steps of their item.
        assert_eq!(cuts(&[(1, 1), (1, 1), (1, 1), (2, 0)], 2), vec![0, 0, 0, 2]);
        assert_eq!(cuts(&[(1, 1), (2, 0)], 5), vec![0, 2]);
    }
}
