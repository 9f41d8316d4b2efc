//! The fold, the timer and the projection as pure functions of events and an injected "now".

use std::sync::Arc;

use spar::run::fit::propose;
use spar::run::projection::{asks_about_late_start, planned_start, project};
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
        phase: None,
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
#[derive(Clone)]
struct Script {
    entries: Vec<Entry>,
}

impl Script {
    /// The facilitator's journal, begun with its `Joined` (only a facilitator drives the timer).
    fn new() -> Self {
        let mut script = Script {
            entries: Vec::new(),
        };
        let joined = Event::Joined {
            name: "Karin".into(),
            role: spar::run::Role::Facilitator,
        };
        script.push("facilitator", NINE - 60 * MIN, joined);
        script
    }
    fn at(mut self, minute: i64, ev: Event) -> Self {
        self.push("facilitator", NINE + minute * MIN, ev);
        self
    }
    /// Each writer's entries are numbered 1, 2, 3, … as its journal's lines are.
    fn push(&mut self, writer: &str, at: i64, ev: Event) {
        let seq = self.entries.iter().filter(|e| &*e.writer == writer).count() as u64 + 1;
        self.entries.push(Entry {
            writer: Arc::from(writer),
            record: Record {
                hlc: None,
                at,
                seq,
                ev,
            },
        });
    }
    fn fold(&self) -> RunState {
        self.fold_in(session())
    }
    fn fold_in(&self, session: Arc<Session>) -> RunState {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        RunState::fold(session, &entries)
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

/// The planned start of `state` when the session's start on the day of the run is 09:00.
#[test]
fn the_facilitator_is_the_last_stage_to_join_or_take_over_until_it_leaves() {
    use spar::run::Role;
    let joined = |name: &str, role| Event::Joined {
        name: name.into(),
        role,
    };
    let mut s = Script {
        entries: Vec::new(),
    };
    s.push("first", NINE, joined("Anna", Role::Facilitator));
    s.push("first", NINE + MIN, start(0, 0));
    assert_eq!(s.fold().facilitator.as_deref(), Some("first"));
    // A note-taker joining changes nothing.
    s.push("join", NINE + 2 * MIN, joined("Bo", Role::NoteTaker));
    assert_eq!(s.fold().facilitator.as_deref(), Some("first"));
    // A second stage takes over: from then on it is the facilitator on every terminal.
    s.push("second", NINE + 3 * MIN, joined("Cia", Role::Facilitator));
    s.push("second", NINE + 3 * MIN, Event::TookOver);
    let state = s.fold();
    assert_eq!(state.facilitator.as_deref(), Some("second"));
    assert_eq!(state.writers["second"].name, "Cia");
    // The first stage leaving does not unseat the second; the second leaving leaves none.
    s.push("first", NINE + 4 * MIN, Event::Left);
    assert_eq!(s.fold().facilitator.as_deref(), Some("second"));
    s.push("second", NINE + 5 * MIN, Event::Left);
    assert_eq!(s.fold().facilitator, None);
}

fn projected(state: &RunState, now: i64) -> spar::run::projection::Projection {
    project(state, planned_start(NINE, state), now)
}

/// Welcome done on time at 09:10, the discussion's first question started then.
fn in_the_discussion() -> Script {
    Script::new()
        .at(0, start(0, 0))
        .at(10, pause(0, 0))
        .at(10, moved(1, 0))
        .at(10, start(1, 0))
}

#[test]
fn an_overrun_inside_an_item_moves_the_end() {
    // The first question (15 min) runs one minute over; `n` to the second, not started yet.
    let state = in_the_discussion()
        .at(26, pause(1, 0))
        .at(26, moved(1, 1))
        .fold();
    let p = projected(&state, NINE + 26 * MIN);
    // 09:26 + 15 (second question) + 10 (break) + 10 (closing).
    assert_eq!(p.projected_end, NINE + 61 * MIN);
    assert_eq!(p.delta_minutes(), 1);
    // Its actual time is recorded per question.
    assert_eq!(state.spent_at(place(1, 0), NINE + 26 * MIN), 16 * MIN);
    assert_eq!(state.spent_at(place(1, 1), NINE + 28 * MIN), 2 * MIN);
    assert_eq!(state.spent_ms(1, NINE + 28 * MIN), 18 * MIN);
}

#[test]
fn a_skipped_question_drops_out_of_the_projection() {
    // The first question ends on time; its second question is skipped for the break.
    let state = in_the_discussion()
        .at(25, pause(1, 0))
        .at(25, moved(2, 0))
        .fold();
    let p = projected(&state, NINE + 25 * MIN);
    assert_eq!(p.projected_end, NINE + 45 * MIN);
    assert_eq!(p.delta_minutes(), -15);
    assert_eq!(state.spent_at(place(1, 1), NINE + 25 * MIN), 0);
}

#[test]
fn a_question_running_now_counts_what_is_left_of_it_never_less_than_zero() {
    let state = in_the_discussion().fold();
    // Five minutes into the first question: 10 + 15 + 20 left.
    assert_eq!(
        projected(&state, NINE + 15 * MIN).projected_end,
        NINE + 60 * MIN
    );
    // Four minutes over it: the overrun has already happened.
    assert_eq!(
        projected(&state, NINE + 29 * MIN).projected_end,
        NINE + 64 * MIN
    );
}

#[test]
fn equal_times_read_on_time() {
    // Started 40 seconds after 09:00: the end is 10:00:40, which the clock shows as 10:00.
    let mut s = Script::new();
    s.push("facilitator", NINE + 40_000, start(0, 0));
    let state = s.fold();
    let p = projected(&state, NINE + 3 * MIN);
    assert_eq!(p.projected_end, NINE + 60 * MIN + 40_000);
    assert_eq!(p.delta_minutes(), 0);
}

fn started_late(minutes: i64, choice: Option<bool>) -> RunState {
    let mut s = Script::new();
    if let Some(moved) = choice {
        s = s.at(
            minutes,
            Event::LateStart {
                planned: NINE,
                moved,
            },
        );
    }
    s.at(minutes, start(0, 0)).fold()
}

#[test]
fn five_minutes_late_does_not_ask_and_runs_five_minutes_late() {
    let state = Script::new().fold();
    assert!(!asks_about_late_start(
        &state,
        NINE,
        NINE + 5 * MIN + 30_000
    ));
    let state = started_late(5, None);
    assert_eq!(projected(&state, NINE + 5 * MIN).delta_minutes(), 5);
}

#[test]
fn twenty_minutes_late_asks_and_the_choice_is_kept_or_moves_the_plan() {
    assert!(asks_about_late_start(
        &Script::new().fold(),
        NINE,
        NINE + 20 * MIN
    ));
    let kept = started_late(20, Some(false));
    assert!(!asks_about_late_start(&kept, NINE, NINE + 20 * MIN));
    let p = projected(&kept, NINE + 20 * MIN);
    assert_eq!((p.planned_end, p.delta_minutes()), (NINE + 60 * MIN, 20));
    let moved = started_late(20, Some(true));
    let p = projected(&moved, NINE + 20 * MIN);
    assert_eq!(p.planned_start, NINE + 20 * MIN);
    assert_eq!((p.planned_end, p.delta_minutes()), (NINE + 80 * MIN, 0));
    assert_eq!(
        moved.late_start.map(|l| (l.planned, l.moved)),
        Some((NINE, true))
    );
}

#[test]
fn a_start_long_before_the_plan_asks_too() {
    // A rehearsal the night before: nine hours early is not "540 min ahead" without asking.
    let state = Script::new().fold();
    assert!(asks_about_late_start(&state, NINE, NINE - 9 * 60 * MIN));
    assert!(!asks_about_late_start(&state, NINE, NINE - 5 * MIN));
    let mut s = Script::new();
    s.push(
        "facilitator",
        NINE - 9 * 60 * MIN,
        Event::LateStart {
            planned: NINE,
            moved: true,
        },
    );
    s.push("facilitator", NINE - 9 * 60 * MIN, start(0, 0));
    let moved = s.fold();
    assert_eq!(
        projected(&moved, NINE - 9 * 60 * MIN + MIN).delta_minutes(),
        0
    );
}

#[test]
fn seventy_minutes_late_is_never_re_planned_silently() {
    let unasked = started_late(70, None);
    assert_eq!(projected(&unasked, NINE + 71 * MIN).delta_minutes(), 70);
    let kept = started_late(70, Some(false));
    assert_eq!(projected(&kept, NINE + 70 * MIN).delta_minutes(), 70);
    let moved = started_late(70, Some(true));
    assert_eq!(projected(&moved, NINE + 70 * MIN).delta_minutes(), 0);
}

#[test]
fn a_run_on_another_day_than_its_file_is_planned_on_its_own_day() {
    // The session file says 2020-09-17; the run is held a year later. The planned start is 09:00
    // on the day of the run, so the lobby speaks of minutes, not of days.
    let tz = jiff::tz::TimeZone::UTC;
    let year_later = NINE + 365 * 24 * 60 * MIN;
    let created = year_later - 40 * MIN;
    let start_of_day = spar::ui::clock::at_time_of_day(created, "09:00", &tz);
    assert_eq!(
        start_of_day,
        year_later - (year_later % (24 * 60 * MIN)) + 9 * 60 * MIN
    );
    let state = Script::new().fold();
    let early = project(
        &state,
        planned_start(start_of_day, &state),
        start_of_day - 10 * MIN,
    );
    assert_eq!(early.delta_minutes(), 0);
    let late = project(
        &state,
        planned_start(start_of_day, &state),
        start_of_day + 20 * MIN,
    );
    assert_eq!(late.delta_minutes(), 20);
}

#[test]
fn fit_the_rest_shortens_what_is_ahead_keeps_the_break_and_can_be_undone() {
    // The welcome ran 18 minutes: 8 late, with the discussion (15 + 15), a break and a closing
    // ahead.
    let s = Script::new()
        .at(0, start(0, 0))
        .at(18, pause(0, 0))
        .at(18, moved(1, 0));
    let state = s.fold();
    let now = NINE + 18 * MIN;
    assert_eq!(projected(&state, now).delta_minutes(), 8);
    let proposal = propose(&state, planned_start(NINE, &state), now).unwrap();
    assert_eq!(proposal.projected_end, NINE + 60 * MIN);
    assert_eq!(
        proposal.change_at(place(2, 0)),
        0,
        "the break keeps its time"
    );
    let cut: i64 = proposal.changes.iter().map(|c| -c.seconds).sum();
    assert_eq!(cut, 8 * 60);
    assert!(proposal.changes.iter().all(|c| c.seconds < 0));

    let fitted = s
        .clone()
        .at(
            18,
            Event::Fitted {
                changes: proposal.changes.clone(),
            },
        )
        .fold();
    assert_eq!(projected(&fitted, now).delta_minutes(), 0);
    assert_eq!(fitted.fits.len(), 1);
    let undone = s
        .at(
            18,
            Event::Fitted {
                changes: proposal.changes,
            },
        )
        .at(19, Event::FitUndone)
        .fold();
    assert_eq!(projected(&undone, NINE + 19 * MIN).delta_minutes(), 9);
    assert!(undone.fits.is_empty());
}

/// One-minute questions two minutes behind, with no break or talk ahead: the two minutes the
/// discussion has beyond its questions are what the fit takes, and the meeting ends on time.
#[test]
fn fit_takes_the_minutes_between_the_steps_when_the_steps_are_at_one_minute() {
    let short = Arc::new(Session {
        agenda: vec![
            item(ItemKind::Welcome, 10, &[]),
            item(ItemKind::Discussion, 5, &[1, 1, 1]),
        ],
        ..(*session()).clone()
    });
    let s = Script::new()
        .at(0, start(0, 0))
        .at(12, pause(0, 0))
        .at(12, moved(1, 0));
    let state = s.fold_in(short.clone());
    let now = NINE + 12 * MIN;
    assert_eq!(projected(&state, now).delta_minutes(), 2);
    let proposal = propose(&state, planned_start(NINE, &state), now).expect("a fit");
    assert_eq!(proposal.change_at(place(1, 3)), -2 * 60, "{proposal:?}");
    assert_eq!(
        proposal.change_at(place(1, 0)),
        0,
        "a one-minute step keeps it"
    );
    assert_eq!(proposal.projected_end, NINE + 15 * MIN);
    let fitted = s
        .clone()
        .at(
            12,
            Event::Fitted {
                changes: proposal.changes.clone(),
            },
        )
        .fold_in(short.clone());
    assert_eq!(projected(&fitted, now).delta_minutes(), 0);
    assert_eq!(fitted.planned_ms(1), 3 * MIN);
    let undone = s
        .at(
            12,
            Event::Fitted {
                changes: proposal.changes,
            },
        )
        .at(12, Event::FitUndone)
        .fold_in(short);
    assert_eq!(projected(&undone, now).delta_minutes(), 2);
}

#[test]
fn fit_proposes_nothing_on_time_and_never_below_one_minute() {
    let state = Script::new().at(0, start(0, 0)).fold();
    assert_eq!(propose(&state, NINE, NINE + 5 * MIN), None);
    // Two hours late: everything ahead goes to one minute, the break stays.
    let late = Script::new()
        .at(0, start(0, 0))
        .at(130, pause(0, 0))
        .at(130, moved(1, 0))
        .fold();
    let proposal = propose(&late, NINE, NINE + 130 * MIN).unwrap();
    assert_eq!(proposal.change_at(place(1, 0)), -14 * 60);
    assert_eq!(proposal.change_at(place(1, 1)), -14 * 60);
    assert_eq!(proposal.change_at(place(2, 0)), 0);
    assert_eq!(proposal.change_at(place(3, 0)), -9 * 60);
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
    // The facilitator may delete and restore anyone's note.
    s.push(
        "facilitator",
        NINE + 2,
        Event::NoteDeleted { id: id.clone() },
    );
    let state = s.fold();
    assert_eq!(state.live_notes().count(), 0);
    assert_eq!(state.note(&id).unwrap().kind, NoteKind::Decision);
    s.push(
        "facilitator",
        NINE + 3,
        Event::NoteRestored { id: id.clone() },
    );
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
            (any_time(), any::<bool>())
                .prop_map(|(planned, moved)| Event::LateStart { planned, moved }),
            prop::collection::vec(
                (
                    any_place(),
                    prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()]
                ),
                0..4
            )
            .prop_map(|changes| Event::Fitted {
                changes: changes
                    .into_iter()
                    .map(|(at, seconds)| spar::run::Retimed { at, seconds })
                    .collect(),
            }),
            Just(Event::FitUndone),
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
                    record: Record { hlc: None, at, seq: i as u64 + 1, ev },
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
            let start = planned_start(NINE, &state);
            let p = project(&state, start, now);
            let _ = p.delta_minutes();
            let _ = propose(&state, start, now);
            for item in 0..state.session.agenda.len() {
                for step in 0..state.steps(item) {
                    let _ = state.spent_at(Place { item, step }, now);
                }
            }
        }
    }
}

/// Words left in the editor when their writer left become a note marked unfinished, which clears
/// the draft; editing it finishes it.
#[test]
fn an_unfinished_note_is_a_note_until_its_writer_finishes_it() {
    let draft = Event::Draft {
        at: place(0, 0),
        group: None,
        text: "halv".into(),
        by: "Karin".into(),
    };
    let unfinished = Event::Unfinished {
        at: place(0, 0),
        group: None,
        text: "halv tanke".into(),
        by: "Karin".into(),
    };
    let left = Script::new()
        .at(1, draft)
        .at(2, unfinished)
        .at(3, Event::Left);
    let state = left.fold();
    let note = state.live_notes().next().expect("a note");
    assert!(note.unfinished);
    assert_eq!(note.text, "halv tanke");
    assert!(
        state
            .draft_left_by("Karin", spar::run::Role::Facilitator)
            .is_none()
    );
    let id = note.id.clone();
    let finished = left.at(
        4,
        Event::NoteEdited {
            id,
            kind: NoteKind::Note,
            text: "hel tanke".into(),
        },
    );
    let state = finished.fold();
    let note = state.live_notes().next().unwrap();
    assert!(!note.unfinished);
    assert_eq!(note.text, "hel tanke");
}
