//! `F`, fit the rest: the projected end turned into an action. When the meeting runs late, every
//! timebox still ahead is shortened in the same proportion so that the meeting ends at its
//! planned end; breaks and talks keep their time (people need the break, and a speaker cannot be
//! cut short from here), and no timebox goes below one minute. The result is a list of changes
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

/// The timeboxes a fit may shorten: those ahead of the facilitator that have not run at all (a
/// timebox partly used keeps its time), the current one only while it is not started, never a
/// break or a talk.
fn shortenable(state: &RunState) -> Vec<(Place, i64)> {
    let here = state.place;
    (here.item..state.session.agenda.len())
        .filter(|&item| {
            !matches!(
                state.session.agenda[item].kind,
                ItemKind::Break | ItemKind::Talk { .. }
            )
        })
        .flat_map(|item| (0..state.steps(item)).map(move |step| Place { item, step }))
        .filter(|place| *place >= here)
        .filter_map(|place| {
            let t = state.timebox(place)?;
            (!t.started).then_some((place, t.total_ms() / MINUTE))
        })
        .collect()
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
    let cuts = cuts(&candidates.iter().map(|c| c.1).collect::<Vec<_>>(), need);
    let changes: Vec<Retimed> = candidates
        .iter()
        .zip(&cuts)
        .filter(|(_, cut)| **cut > 0)
        .map(|((place, _), cut)| Retimed {
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

/// Whole minutes to cut from each of `minutes` so that `need` minutes are saved: in proportion to
/// their length, none below one minute; the minutes that rounding leaves go to the largest
/// remainders. When even one minute each is not enough, everything goes to one minute.
fn cuts(minutes: &[i64], need: i64) -> Vec<i64> {
    let room: Vec<i64> = minutes.iter().map(|m| (m - 1).max(0)).collect();
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

    #[test]
    fn cuts_are_in_proportion_and_add_up_to_the_need() {
        assert_eq!(cuts(&[10, 10, 20], 8), vec![2, 2, 4]);
        assert_eq!(cuts(&[10, 10, 20], 5).iter().sum::<i64>(), 5);
    }

    #[test]
    fn no_timebox_goes_below_one_minute() {
        assert_eq!(cuts(&[1, 2, 30], 20), vec![0, 1, 19]);
        assert_eq!(cuts(&[1, 2, 3], 50), vec![0, 1, 2]);
    }
}
