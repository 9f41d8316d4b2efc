//! A note-taker gone quiet: still in the run (not left), but nothing from their journal (a note,
//! a draft, a group chosen) for [`QUIET_AFTER`] of the running meeting. The facilitator sees it
//! as a word beside the name ("tyst 6 min"), never as a colour alone, and hears it once in
//! screen-reader mode. Counted from the meeting's start, so that joining early is not silence.

use foldhash::{HashMap, HashMapExt};

use super::state::{RunState, Writer};
use super::{Millis, Role};

/// Five minutes without a line: long enough for a question's thinking, short enough to notice a
/// terminal closed by accident before the breakout ends.
pub const QUIET_AFTER: Millis = 5 * 60_000;

/// Since when `writer` has been quiet, if it has, at `now`.
fn quiet_since(run: &RunState, writer: &Writer, now: Millis) -> Option<Millis> {
    let since = heard_since(run, writer)?;
    (now.saturating_sub(since) >= QUIET_AFTER).then_some(since)
}

/// When `writer` was last heard from in the running meeting: `None` when silence means nothing
/// (not a note-taker, left, before the start, after the end).
fn heard_since(run: &RunState, writer: &Writer) -> Option<Millis> {
    if writer.role != Role::NoteTaker || writer.left || run.ended_at.is_some() {
        return None;
    }
    Some(writer.last_seen.max(run.started_at?))
}

/// Whole minutes the note-taker `name` writing for `group` has been quiet, if they have: the
/// freshest of their terminals counts (one person may have two open).
pub fn quiet_minutes(run: &RunState, name: &str, group: Option<&str>, now: Millis) -> Option<i64> {
    let mine: Vec<&Writer> = run
        .writers
        .values()
        .filter(|w| w.name == name && w.group.as_deref() == group)
        .collect();
    let since = mine
        .iter()
        .map(|w| quiet_since(run, w, now))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()?;
    Some(now.saturating_sub(since) / 60_000)
}

/// The note-takers quiet at `now`, as (name, group) with the whole minutes they have been
/// quiet ([`quiet_minutes`] of each), sorted. One pass over the writers: a run folder may hold
/// thousands of journals, and every frame of the facilitator's stage asks.
pub fn quiet_note_takers(run: &RunState, now: Millis) -> Vec<(&str, Option<&str>, i64)> {
    // Per name and group: the freshest terminal's silence, or `None` once one is not quiet (a
    // writer that left or is no note-taker is never quiet, so only note-takers remain).
    let mut by: HashMap<(&str, Option<&str>), Option<Millis>> = HashMap::new();
    for w in run.writers.values() {
        let since = quiet_since(run, w, now);
        by.entry((w.name.as_str(), w.group.as_deref()))
            .and_modify(|all| *all = all.zip(since).map(|(a, b)| a.max(b)))
            .or_insert(since);
    }
    let mut out: Vec<(&str, Option<&str>, i64)> = by
        .into_iter()
        .filter_map(|((name, group), since)| {
            Some((name, group, now.saturating_sub(since?) / 60_000))
        })
        .collect();
    out.sort_unstable();
    out
}

/// The next moment a note-taker goes quiet if nothing is heard from them: a wake of every view
/// that says so.
pub fn next_quiet(run: &RunState, now: Millis) -> Option<Millis> {
    run.writers
        .values()
        .filter_map(|w| heard_since(run, w))
        .map(|since| since.saturating_add(QUIET_AFTER))
        .filter(|at| *at > now)
        .min()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::run::{Event, Place};

    const MIN: Millis = 60_000;

    fn run(events: &[(&str, Millis, Event)]) -> RunState {
        let session =
            crate::session::parse::parse_session(include_str!("../../sessions/kickoff.ron"))
                .unwrap();
        let entries = crate::run::numbered(events);
        RunState::fold(Arc::new(session), &entries)
    }

    fn joined(name: &str, role: Role) -> Event {
        Event::Joined {
            name: name.into(),
            role,
        }
    }

    #[test]
    fn a_note_taker_is_quiet_after_five_minutes_of_the_running_meeting_without_a_line() {
        let start = Event::TimerStarted { at: Place::START };
        let r = run(&[
            ("eva", 0, joined("Eva", Role::Facilitator)),
            ("anna", 0, joined("Anna", Role::NoteTaker)),
            ("eva", 10 * MIN, start),
        ]);
        // Joined ten minutes early: counted from the start.
        assert_eq!(quiet_minutes(&r, "Anna", None, 14 * MIN), None);
        assert_eq!(next_quiet(&r, 14 * MIN), Some(15 * MIN));
        assert_eq!(quiet_minutes(&r, "Anna", None, 15 * MIN), Some(5));
        assert_eq!(quiet_note_takers(&r, 17 * MIN), [("Anna", None, 7)]);
        assert_eq!(
            quiet_minutes(&r, "Eva", None, 30 * MIN),
            None,
            "not a note-taker"
        );
        assert_eq!(next_quiet(&r, 15 * MIN), None);
    }

    #[test]
    fn a_line_a_departure_or_the_end_makes_the_silence_no_news() {
        let start = Event::TimerStarted { at: Place::START };
        let mut events = vec![
            ("eva", 0, joined("Eva", Role::Facilitator)),
            ("anna", 0, joined("Anna", Role::NoteTaker)),
            ("eva", 0, start),
            ("anna", 4 * MIN, Event::TakingNotes { group: None }),
        ];
        let r = run(&events);
        assert_eq!(quiet_minutes(&r, "Anna", None, 8 * MIN), None);
        assert_eq!(next_quiet(&r, 8 * MIN), Some(9 * MIN));
        events.push(("anna", 9 * MIN, Event::Left));
        assert!(quiet_note_takers(&run(&events), 20 * MIN).is_empty());
        events.pop();
        events.push(("eva", 9 * MIN, Event::Ended));
        let r = run(&events);
        assert!(quiet_note_takers(&r, 20 * MIN).is_empty());
        assert_eq!(next_quiet(&r, 20 * MIN), None);
    }

    #[test]
    fn the_quiet_list_in_one_pass_agrees_with_each_name_asked_alone() {
        let start = Event::TimerStarted { at: Place::START };
        let draft = Event::Draft {
            at: Place::START,
            group: None,
            text: "x".into(),
            by: "Anna".into(),
        };
        let mut events = vec![("eva", 0, joined("Eva", Role::Facilitator))];
        // Anna on two terminals (one heard from late), and many quiet note-takers.
        events.push(("anna1", 0, joined("Anna", Role::NoteTaker)));
        events.push(("anna2", 0, joined("Anna", Role::NoteTaker)));
        let names: Vec<(String, String)> = (0..50)
            .map(|i| (format!("w{i}"), format!("N{}", i % 20)))
            .collect();
        for (writer, name) in &names {
            events.push((writer.as_str(), 0, joined(name, Role::NoteTaker)));
        }
        events.push(("eva", MIN, start));
        events.push(("anna2", 4 * MIN, draft));
        let r = run(&events);
        for now in [5 * MIN, 6 * MIN, 8 * MIN, 9 * MIN, 30 * MIN] {
            let each: Vec<(&str, Option<&str>, i64)> = r
                .note_takers()
                .into_iter()
                .filter_map(|(name, group)| {
                    Some((name, group, quiet_minutes(&r, name, group, now)?))
                })
                .collect();
            assert_eq!(quiet_note_takers(&r, now), each, "at {now}");
        }
        assert!(!quiet_note_takers(&r, 6 * MIN).iter().any(|q| q.0 == "Anna"));
        assert!(quiet_note_takers(&r, 9 * MIN).iter().any(|q| q.0 == "Anna"));
    }
}
