//! Issue 19, the fold's property: any set of journals — writers with any clock (year 9999,
//! `i64::MAX`, negative, a year ahead), any role, any hybrid stamp, read in any order and any
//! batches — folds without a panic to a state in which
//! - no stamp beyond the bound reorders the past: the state is exactly the fold of the entries
//!   within the bound, in their order, as if the others were never written;
//! - no note-taker's or screen's event drives the meeting: the timers, the place, the start,
//!   the end and who drives are those of the facilitators' journals alone.

use std::sync::Arc;

use proptest::prelude::*;
use spar::run::hlc::Hlc;
use spar::run::hold::{BOUND, Held};
use spar::run::log::RunLog;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::Session;
use spar::session::parse::parse_session;

const NINE: Millis = 1_600_333_200_000;
const DAY: Millis = 86_400_000;
/// The reader's clock: two hours into the meeting.
const NOW: Millis = NINE + 2 * 3_600_000;

fn session() -> Arc<Session> {
    Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap())
}

fn sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    entries
}

fn any_place() -> impl Strategy<Value = Place> {
    (0usize..12, 0usize..4).prop_map(|(item, step)| Place { item, step })
}

/// How far a writer's clock is off: on time, minutes either way, a year ahead, year 9999,
/// the ends of `i64`, anything.
fn any_clock() -> impl Strategy<Value = Millis> {
    prop_oneof![
        Just(0),
        -600_000i64..600_000,
        Just(365 * DAY),
        Just(253_402_300_799_000 - NINE),
        Just(i64::MAX),
        Just(i64::MIN),
        any::<i64>(),
    ]
}

fn any_event() -> impl Strategy<Value = Event> {
    let id = (0usize..4, 1u64..12).prop_map(|(w, seq)| NoteId {
        writer: format!("w{w}"),
        seq,
    });
    prop_oneof![
        any_place().prop_map(|to| Event::Moved { to }),
        any_place().prop_map(|at| Event::TimerStarted { at }),
        any_place().prop_map(|at| Event::TimerPaused { at }),
        (any_place(), any::<i64>()).prop_map(|(at, seconds)| Event::TimerAdjusted { at, seconds }),
        Just(Event::Ended),
        Just(Event::TookOver),
        (any::<i64>(), any::<bool>())
            .prop_map(|(planned, moved)| Event::LateStart { planned, moved }),
        Just(Event::Joined {
            name: "x".into(),
            role: Role::Facilitator
        }),
        any_place().prop_map(|at| Event::NoteSaved {
            at,
            group: None,
            kind: NoteKind::Note,
            text: "n".into(),
            by: "x".into(),
        }),
        id.clone().prop_map(|id| Event::NoteDeleted { id }),
        id.prop_map(|id| Event::NoteEdited {
            id,
            kind: NoteKind::Decision,
            text: "e".into()
        }),
        (0usize..4, any::<u64>(), any::<i64>(), any::<i64>()).prop_map(|(w, seq, stamp, ahead)| {
            Event::ClockAhead {
                writer: format!("w{w}"),
                seq,
                stamp,
                ahead,
            }
        }),
        Just(Event::Left),
    ]
}

/// A journal: its writer's role, clock and events, each some time into the meeting by that
/// clock, some with a hybrid stamp of their own (a forged one included).
#[allow(clippy::type_complexity)]
fn any_journal() -> impl Strategy<Value = (Role, Millis, Vec<(Millis, Option<(i64, u32)>, Event)>)>
{
    (
        prop_oneof![
            Just(Role::Facilitator),
            Just(Role::NoteTaker),
            Just(Role::Screen)
        ],
        any_clock(),
        prop::collection::vec(
            (
                0i64..3 * 3_600_000,
                prop::option::of((any::<i64>(), any::<u32>())),
                any_event(),
            ),
            0..10,
        ),
    )
}

fn journals_strategy() -> impl Strategy<Value = (Vec<Entry>, Vec<Role>)> {
    prop::collection::vec(any_journal(), 1..5).prop_map(|journals| {
        let mut entries = Vec::new();
        let mut roles = Vec::new();
        for (w, (role, clock, events)) in journals.into_iter().enumerate() {
            let writer: Arc<str> = Arc::from(format!("w{w}").as_str());
            let start = NINE.saturating_add(clock);
            let joined = Event::Joined {
                name: format!("w{w}"),
                role,
            };
            let record = |at, hlc: Option<Hlc>, seq, ev| Entry {
                writer: writer.clone(),
                record: Record { at, seq, ev, hlc },
            };
            entries.push(record(start, None, 1, joined));
            for (i, (delta, hlc, ev)) in events.into_iter().enumerate() {
                let hlc = hlc.map(|(wall, count)| Hlc { wall, count });
                entries.push(record(start.saturating_add(delta), hlc, i as u64 + 2, ev));
            }
            roles.push(role);
        }
        (entries, roles)
    })
}

/// The meeting a state shows: the place, every timebox, start, end, late start, fits, who
/// drives.
fn meeting(state: &RunState) -> impl PartialEq + std::fmt::Debug {
    let timers: Vec<_> = (0..state.session.agenda.len())
        .flat_map(|item| (0..state.steps(item)).map(move |step| Place { item, step }))
        .map(|place| state.timebox(place).copied())
        .collect();
    (
        state.place,
        timers,
        state.started_at,
        state.ended_at,
        state.late_start,
        state.fits.clone(),
        state.facilitator.clone(),
    )
}

fn drives(ev: &Event) -> bool {
    matches!(
        ev,
        Event::Moved { .. }
            | Event::TimerStarted { .. }
            | Event::TimerPaused { .. }
            | Event::TimerAdjusted { .. }
            | Event::Ended
            | Event::TookOver
            | Event::LateStart { .. }
            | Event::Joined {
                role: Role::Facilitator,
                ..
            }
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn any_journals_fold_within_the_bound_and_only_facilitators_drive(
        (entries, roles) in journals_strategy(),
        order in any::<prop::sample::Index>(),
        batch in 1usize..8,
    ) {
        // Read in any order (a rotation of the journals' lines) and in batches, as a live run
        // reads them: held back beyond the bound, folded into the log.
        let mut read = entries.clone();
        let len = read.len();
        read.rotate_left(order.index(len.max(1)) % len.max(1));
        let mut held = Held::default();
        let mut log = RunLog::new();
        let mut state = RunState::new(session());
        for chunk in read.chunks(batch) {
            let mut fold = held.sift(chunk.to_vec(), NOW);
            fold.extend(held.release(NOW));
            log.add(&mut state, fold);
        }

        // Exactly the fold of what is within the bound: a later stamp changed nothing.
        // Beyond the bound: its wall stamp or its hybrid stamp more than the bound after now.
        let beyond = |e: &Entry| {
            let hlc = e.record.hlc.map_or(i64::MIN, |h| h.wall);
            e.record.at.max(hlc) > NOW + BOUND
        };
        let within: Vec<Entry> = entries.iter().filter(|e| !beyond(e)).cloned().collect();
        let expected = RunState::fold(session(), &sorted(within.clone()));
        prop_assert_eq!(&state, &expected);
        prop_assert_eq!(held.len(), entries.len() - within.len());
        prop_assert_eq!(log.entries(), &sorted(within.clone())[..]);

        // No note-taker's or screen's event drives the meeting.
        let facilitators: Vec<Entry> = within
            .into_iter()
            .filter(|e| {
                let w: usize = e.writer[1..].parse().unwrap();
                roles[w] == Role::Facilitator || !drives(&e.record.ev)
            })
            .collect();
        let honest = RunState::fold(session(), &sorted(facilitators));
        prop_assert_eq!(meeting(&state), meeting(&honest));
    }
}
