//! The fold, the timer and the projection as pure functions of events and an injected "now".

use std::sync::Arc;

use spar::run::projection::{planned_start, project};
use spar::run::state::RunState;
use spar::run::timer::Phase;
use spar::run::{Entry, Event, NoteKind, Place, Record};
use spar::session::{Item, ItemKind, Question, Session};

const MIN: i64 = 60_000;
/// 09:00 on some day, as wall-clock milliseconds.
const NINE: i64 = 1_600_333_200_000;

fn item(kind: ItemKind, minutes: u32, questions: &[u32]) -> Item {
    Item {
        kind,
        title: "item".into(),
        minutes,
        notes: None,
        invitation: None,
        group_size: None,
        questions: questions
            .iter()
            .map(|&m| Question::new(format!("{m} min question"), m))
            .collect(),
        round: None,
    }
}

/// A 60-minute meeting: welcome 10, discussion 30 (two questions of 15), break 10, closing 10.
fn session() -> Arc<Session> {
    Arc::new(Session {
        id: "test".into(),
        track: "t".into(),
        title: "Test".into(),
        term: String::new(),
        date: None,
        start: "09:00".into(),
        summary: String::new(),
        prework: vec![],
        groups: vec!["A".into(), "B".into()],
        agenda: vec![
            item(ItemKind::Welcome, 10, &[]),
            item(ItemKind::Discussion, 30, &[15, 15]),
            item(ItemKind::Break, 10, &[]),
            item(ItemKind::Closing, 10, &[]),
        ],
    })
}

/// Builds entries of one writer with increasing sequence numbers.
struct Script {
    entries: Vec<Entry>,
}

impl Script {
    fn new() -> Self {
        Script {
            entries: Vec::new(),
        }
    }
    fn at(mut self, minute: i64, ev: Event) -> Self {
        self.push("facilitator", NINE + minute * MIN, ev);
        self
    }
    fn push(&mut self, writer: &str, at: i64, ev: Event) {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Entry {
            writer: Arc::from(writer),
            record: Record { at, seq, ev },
        });
    }
    fn fold(&self) -> RunState {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        RunState::fold(session(), &entries)
    }
}

fn place(item: usize, step: usize) -> Place {
    Place { item, step }
}

fn moved(item: usize, step: usize) -> Event {
    Event::Moved {
        to: place(item, step),
    }
}
fn start(item: usize, step: usize) -> Event {
    Event::TimerStarted {
        at: place(item, step),
    }
}
fn pause(item: usize, step: usize) -> Event {
    Event::TimerPaused {
        at: place(item, step),
    }
}

#[test]
fn pause_and_resume_keep_the_time_left() {
    let s = Script::new()
        .at(0, start(0, 0))
        .at(4, pause(0, 0))
        .at(10, start(0, 0));
    let state = s.fold();
    let t = state.current().unwrap();
    assert_eq!(t.remaining_ms(NINE + 11 * MIN), 5 * MIN);
    assert_eq!(t.phase(NINE + 11 * MIN), Phase::Running);
}

#[test]
fn extending_past_zero_and_overtime() {
    let s = Script::new().at(0, start(0, 0)).at(
        12,
        Event::TimerAdjusted {
            at: place(0, 0),
            seconds: 60,
        },
    );
    let state = s.fold();
    let t = state.current().unwrap();
    // 10 planned + 1 extended, 12 gone: one minute over.
    assert_eq!(t.remaining_ms(NINE + 12 * MIN), -MIN);
    assert_eq!(t.phase(NINE + 12 * MIN), Phase::Over);
    assert_eq!(state.planned_ms(0), 11 * MIN);
}

#[test]
fn a_resumed_run_folds_to_the_same_place_and_time() {
    // The facilitator's process is killed at 09:17; a new process (another writer) resumes at
    // 09:19. Folding the same journals gives the same place, and the timer kept running.
    let mut s = Script::new()
        .at(0, start(0, 0))
        .at(10, pause(0, 0))
        .at(10, moved(1, 0))
        .at(10, start(1, 0));
    let before = s.fold();
    s.push(
        "facilitator-2",
        NINE + 19 * MIN,
        Event::Joined {
            name: "Anna".into(),
            role: spar::run::Role::Facilitator,
        },
    );
    let after = s.fold();
    assert_eq!(before.place, after.place);
    assert_eq!(after.place, place(1, 0));
    assert_eq!(
        after.current().unwrap().remaining_ms(NINE + 19 * MIN),
        6 * MIN
    );
}

#[test]
fn skipping_back_keeps_each_timebox_its_own_time() {
    let s = Script::new()
        .at(0, start(1, 0))
        .at(0, moved(1, 0))
        .at(5, pause(1, 0))
        .at(5, moved(1, 1))
        .at(5, start(1, 1))
        .at(7, pause(1, 1))
        .at(7, moved(1, 0));
    let state = s.fold();
    assert_eq!(state.place, place(1, 0));
    assert_eq!(
        state.current().unwrap().remaining_ms(NINE + 8 * MIN),
        10 * MIN
    );
    assert_eq!(
        state
            .timebox(place(1, 1))
            .unwrap()
            .remaining_ms(NINE + 8 * MIN),
        13 * MIN
    );
    assert_eq!(
        state.current().unwrap().phase(NINE + 8 * MIN),
        Phase::Paused
    );
}

#[test]
fn before_the_start_the_projection_is_the_plan() {
    let state = Script::new().fold();
    let p = project(&state, NINE, NINE - 30 * MIN);
    assert_eq!(p.planned_end, NINE + 60 * MIN);
    assert_eq!(p.projected_end, NINE + 60 * MIN);
    // Still not started at 09:05: the whole meeting is still ahead.
    let late = project(&state, NINE, NINE + 5 * MIN);
    assert_eq!(late.delta_minutes(), 5);
}

#[test]
fn a_meeting_that_runs_long_projects_a_late_end() {
    // Welcome planned 10 takes 14; the discussion then starts at 09:14.
    let state = Script::new()
        .at(0, start(0, 0))
        .at(14, pause(0, 0))
        .at(14, moved(1, 0))
        .at(14, start(1, 0))
        .fold();
    assert_eq!(state.spent_ms(0, NINE + 20 * MIN), 14 * MIN);
    let p = project(&state, NINE, NINE + 20 * MIN);
    assert_eq!(p.planned_end, NINE + 60 * MIN);
    // 6 min into a 30 min item, then 20 planned: 09:20 + 24 + 20 = 10:04.
    assert_eq!(p.projected_end, NINE + 64 * MIN);
    assert_eq!(p.delta_minutes(), 4);
}

#[test]
fn a_meeting_that_runs_short_projects_an_early_end() {
    let state = Script::new()
        .at(0, start(0, 0))
        .at(5, pause(0, 0))
        .at(5, moved(1, 0))
        .at(5, start(1, 0))
        .at(25, moved(2, 0))
        .fold();
    let p = project(&state, NINE, NINE + 25 * MIN);
    // Break and closing still planned: 09:25 + 20 = 09:45.
    assert_eq!(p.projected_end, NINE + 45 * MIN);
    assert_eq!(p.delta_minutes(), -15);
}

#[test]
fn the_current_item_overrunning_pushes_the_end_by_its_overrun() {
    let state = Script::new().at(0, start(0, 0)).fold();
    // 13 minutes into a 10-minute welcome: +3 so far, the other 50 still planned.
    let p = project(&state, NINE, NINE + 13 * MIN);
    assert_eq!(p.projected_end, NINE + 63 * MIN);
}

#[test]
fn an_ended_meeting_projects_its_real_end() {
    let state = Script::new().at(0, start(0, 0)).at(52, Event::Ended).fold();
    let p = project(&state, NINE, NINE + 90 * MIN);
    assert_eq!(p.projected_end, NINE + 52 * MIN);
    assert_eq!(state.spent_ms(0, NINE + 90 * MIN), 52 * MIN);
    assert!(!state.current().unwrap().is_running());
}

#[test]
fn time_before_the_first_timer_does_not_count() {
    let state = Script::new().at(-20, moved(0, 0)).at(0, start(0, 0)).fold();
    assert_eq!(state.spent_ms(0, NINE + 3 * MIN), 3 * MIN);
}

#[test]
fn a_rehearsal_far_from_the_planned_start_is_planned_from_its_own_start() {
    assert_eq!(planned_start(NINE, Some(NINE + 10 * MIN)), NINE);
    assert_eq!(
        planned_start(NINE, Some(NINE + 300 * MIN + 5_000)),
        NINE + 300 * MIN
    );
    assert_eq!(planned_start(NINE, None), NINE);
}

#[test]
fn notes_are_cleaned_edited_deleted_and_restored_by_id() {
    let mut s = Script::new();
    s.push(
        "anna",
        NINE,
        Event::NoteSaved {
            at: place(1, 0),
            group: Some("A".into()),
            kind: NoteKind::Note,
            text: "ok\u{1b}]0;pwned\u{7} text".into(),
            by: "Anna".into(),
        },
    );
    let id = spar::run::NoteId {
        writer: "anna".into(),
        seq: 1,
    };
    let state = s.fold();
    assert_eq!(state.note(&id).unwrap().text, "ok]0;pwned text");
    s.push(
        "anna",
        NINE + 1,
        Event::NoteEdited {
            id: id.clone(),
            kind: NoteKind::Decision,
            text: "beslut".into(),
        },
    );
    s.push("bert", NINE + 2, Event::NoteDeleted { id: id.clone() });
    let state = s.fold();
    assert_eq!(state.live_notes().count(), 0);
    assert_eq!(state.note(&id).unwrap().kind, NoteKind::Decision);
    s.push("bert", NINE + 3, Event::NoteRestored { id: id.clone() });
    assert_eq!(s.fold().live_notes().count(), 1);
}

#[test]
fn a_saved_note_clears_its_authors_draft() {
    let mut s = Script::new();
    s.push(
        "anna",
        NINE,
        Event::Draft {
            at: place(1, 0),
            group: None,
            text: "halv".into(),
            by: "Anna".into(),
        },
    );
    assert_eq!(s.fold().drafts["anna"].text, "halv");
    s.push(
        "anna",
        NINE + 5,
        Event::NoteSaved {
            at: place(1, 0),
            group: None,
            kind: NoteKind::Note,
            text: "hel".into(),
            by: "Anna".into(),
        },
    );
    assert!(s.fold().drafts.is_empty());
}

#[test]
fn events_naming_places_the_session_lacks_change_nothing() {
    let state = Script::new().at(0, moved(99, 0)).at(1, start(5, 7)).fold();
    assert_eq!(state.place, place(0, 0));
    assert_eq!(state.started_at, None);
}

#[test]
fn marking_an_action_done_later_does_not_make_a_run_live_again() {
    use spar::run::status::{ABANDONED_AFTER, RunStatus, status};
    let mut s = Script::new().at(0, start(0, 0));
    let id = spar::run::NoteId {
        writer: "facilitator".into(),
        seq: 1,
    };
    let weeks = 30 * 24 * 60;
    s.push(
        "reviewer",
        NINE + weeks * MIN,
        Event::Joined {
            name: "Rev".into(),
            role: spar::run::Role::NoteTaker,
        },
    );
    s.push(
        "reviewer",
        NINE + weeks * MIN,
        Event::ActionDone { id, done: true },
    );
    let state = s.fold();
    assert_eq!(state.last_activity, NINE);
    assert_eq!(
        status(&state, NINE, NINE + weeks * MIN + 1),
        RunStatus::Abandoned
    );
    assert_eq!(
        status(&state, NINE, NINE + ABANDONED_AFTER / 2),
        RunStatus::Live
    );
}

mod hostile {
    //! Item 20: a journal may hold any `at` and `seconds` (a hostile or broken writer); folding
    //! them and showing the result saturates, never panics or wraps.

    use super::*;
    use proptest::prelude::*;
    use spar::run::timer::format_countdown;

    fn any_time() -> impl Strategy<Value = i64> {
        prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            Just(0),
            NINE - 10 * MIN..NINE + 10 * MIN,
            any::<i64>(),
        ]
    }

    fn any_place() -> impl Strategy<Value = Place> {
        (0usize..6, 0usize..4).prop_map(|(item, step)| Place { item, step })
    }

    fn any_event() -> impl Strategy<Value = Event> {
        prop_oneof![
            any_place().prop_map(|to| Event::Moved { to }),
            any_place().prop_map(|at| Event::TimerStarted { at }),
            any_place().prop_map(|at| Event::TimerPaused { at }),
            (
                any_place(),
                prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()]
            )
                .prop_map(|(at, seconds)| Event::TimerAdjusted { at, seconds }),
            Just(Event::Ended),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn folding_arbitrary_records_never_panics(
            records in prop::collection::vec((any_time(), any_event()), 0..24),
            now in any_time(),
        ) {
            let mut entries: Vec<Entry> = records
                .into_iter()
                .enumerate()
                .map(|(i, (at, ev))| Entry {
                    writer: Arc::from("w"),
                    record: Record { at, seq: i as u64 + 1, ev },
                })
                .collect();
            entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
            let state = RunState::fold(session(), &entries);
            for item in 0..state.session.agenda.len() {
                let _ = state.spent_ms(item, now);
                let _ = state.planned_ms(item);
                for step in 0..state.steps(item) {
                    if let Some(t) = state.timebox(Place { item, step }) {
                        let _ = t.phase(now);
                        let _ = t.next_change(now);
                        let _ = format_countdown(t.remaining_ms(now));
                    }
                }
            }
            let start = planned_start(NINE, state.started_at);
            let p = project(&state, start, now);
            let _ = p.delta_minutes();
        }
    }
}
