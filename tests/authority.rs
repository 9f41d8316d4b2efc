//! Issue 19, finding 5 and 11: who may write what. A journal's role is the role its writer
//! joined with; a note-taker's journal never drives the timer nor claims the facilitator's
//! seat; a take-over is a facilitator's; a note-taker changes only their own notes. What is
//! left out is counted, and the stage says so.

mod common;

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use common::pty::Pty;
use proptest::prelude::*;
use spar::run::journal::encode;
use spar::run::state::RunState;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::Session;
use spar::session::parse::parse_session;

const MIN: i64 = 60_000;
const NINE: Millis = 1_600_333_200_000;

fn session() -> Arc<Session> {
    Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap())
}

fn entry(writer: &str, at: Millis, seq: u64, ev: Event) -> Entry {
    Entry {
        writer: Arc::from(writer),
        record: Record {
            hlc: None,
            at,
            seq,
            ev,
        },
    }
}

fn joined(name: &str, role: Role) -> Event {
    Event::Joined {
        name: name.into(),
        role,
    }
}

fn fold(mut entries: Vec<Entry>) -> RunState {
    entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    RunState::fold(session(), &entries)
}

fn note(text: &str, by: &str) -> Event {
    Event::NoteSaved {
        at: Place::START,
        group: None,
        kind: NoteKind::Note,
        text: text.into(),
        by: by.into(),
    }
}

/// The run of finding 5: a facilitator started the first timebox; a note-taker's journal then
/// claims the facilitator's seat and drives the timer.
fn forged() -> Vec<Entry> {
    let f = "karin-000001";
    let n = "sam-000002";
    let item = |item| Place { item, step: 0 };
    vec![
        entry(f, NINE, 1, joined("Karin", Role::Facilitator)),
        entry(f, NINE + MIN, 2, Event::TimerStarted { at: Place::START }),
        entry(n, NINE + 2 * MIN, 1, joined("Sam", Role::NoteTaker)),
        entry(n, NINE + 3 * MIN, 2, joined("Sam", Role::Facilitator)),
        entry(n, NINE + 3 * MIN, 3, Event::TookOver),
        entry(n, NINE + 3 * MIN, 4, Event::Moved { to: item(3) }),
        entry(n, NINE + 3 * MIN, 5, Event::TimerStarted { at: item(3) }),
        entry(
            n,
            NINE + 3 * MIN,
            6,
            Event::TimerAdjusted {
                at: Place::START,
                seconds: -3600,
            },
        ),
        entry(
            n,
            NINE + 3 * MIN,
            7,
            Event::LateStart {
                planned: NINE,
                moved: true,
            },
        ),
        entry(n, NINE + 3 * MIN, 8, Event::Ended),
        entry(n, NINE + 4 * MIN, 9, note("Vi vill ha mer tid", "Sam")),
    ]
}

#[test]
fn a_note_takers_journal_never_drives_the_timer_nor_takes_the_seat() {
    let state = fold(forged());
    let honest = fold(forged().into_iter().take(3).collect());
    assert_eq!(state.facilitator.as_deref(), Some("karin-000001"));
    assert_eq!(state.writers["sam-000002"].role, Role::NoteTaker);
    assert_eq!(state.place, Place::START);
    assert_eq!(state.ended_at, None);
    assert_eq!(state.late_start, None);
    assert_eq!(state.current(), honest.current());
    // Its note counts; the seven events it may not write are left out and counted.
    assert_eq!(state.live_notes().count(), 1);
    assert_eq!(state.refused_count(), 7);
    assert_eq!(state.refused[0].event, "Joined");
    assert_eq!(state.refused[0].first_seq, 2);
}

#[test]
fn the_file_problem_names_the_journal_in_both_languages() {
    let state = fold(forged());
    let problem = spar::run::file_problem::FileProblem::refused("r1", &state.refused[0]);
    assert_eq!(problem.count(), 7);
    assert_eq!(
        spar::i18n::Lang::En.text().file_problem(&problem),
        "runs/r1/sam-000002.ron: left out 7 events its writer may not write (the first: \
         Joined, number 2)"
    );
    assert_eq!(
        spar::i18n::Lang::Sv.text().file_problem(&problem),
        "runs/r1/sam-000002.ron: utelämnade 7 händelser som skribenten inte får skriva (den \
         första: Joined, nummer 2)"
    );
}

#[test]
fn a_displaced_facilitator_takes_the_run_back() {
    let mut entries = vec![
        entry("first", NINE, 1, joined("Anna", Role::Facilitator)),
        entry("second", NINE + MIN, 1, joined("Cia", Role::Facilitator)),
        entry("second", NINE + MIN, 2, Event::TookOver),
    ];
    assert_eq!(fold(entries.clone()).facilitator.as_deref(), Some("second"));
    entries.push(entry("first", NINE + 2 * MIN, 2, Event::TookOver));
    let state = fold(entries);
    assert_eq!(state.facilitator.as_deref(), Some("first"));
    assert_eq!(state.refused_count(), 0);
}

#[test]
fn a_note_taker_changes_only_their_own_notes_the_facilitator_any() {
    let id = |writer: &str, seq| NoteId {
        writer: writer.into(),
        seq,
    };
    let base = vec![
        entry("karin", NINE, 1, joined("Karin", Role::Facilitator)),
        entry("karin", NINE + 1, 2, note("Facilitatorns", "Karin")),
        entry("sam", NINE + 2, 1, joined("Sam", Role::NoteTaker)),
        entry("sam", NINE + 3, 2, note("Sams", "Sam")),
        entry("lo", NINE + 4, 1, joined("Lo", Role::NoteTaker)),
        entry("lo", NINE + 5, 2, note("Los", "Lo")),
        // Sam again, after a restart: another journal of the same person.
        entry("sam2", NINE + 6, 1, joined("Sam", Role::NoteTaker)),
    ];
    let delete = |writer: &str, seq: u64, note: NoteId| {
        entry(writer, NINE + MIN, seq, Event::NoteDeleted { id: note })
    };
    let edit = |writer: &str, seq: u64, note: NoteId| {
        let ev = Event::NoteEdited {
            id: note,
            kind: NoteKind::Note,
            text: "ändrad".into(),
        };
        entry(writer, NINE + MIN, seq, ev)
    };
    let cases = [
        (delete("sam", 3, id("karin", 2)), false),
        (delete("sam", 3, id("lo", 2)), false),
        (edit("sam", 3, id("lo", 2)), false),
        (delete("sam", 3, id("sam", 2)), true),
        (delete("sam2", 2, id("sam", 2)), true),
        (edit("sam2", 2, id("sam", 2)), true),
        (delete("karin", 3, id("lo", 2)), true),
        (edit("karin", 3, id("sam", 2)), true),
    ];
    for (change, allowed) in cases {
        let what = format!("{change:?}");
        let mut entries = base.clone();
        entries.push(change);
        let state = fold(entries);
        assert_eq!(state.refused_count(), usize::from(!allowed), "{what}");
        assert_eq!(
            state.live_notes().count() == 3 && state.live_notes().all(|n| n.edited.is_none()),
            !allowed,
            "{what}"
        );
    }
}

#[test]
fn the_stage_asks_the_same_question_before_it_writes_a_change() {
    let state = fold(vec![
        entry("sam", NINE, 1, joined("Sam", Role::NoteTaker)),
        entry("sam", NINE + 1, 2, note("Sams", "Sam")),
    ]);
    let sams = &state.notes[0];
    use spar::run::authority::may_change;
    assert!(may_change(&state, "Sam", Role::NoteTaker, sams));
    assert!(!may_change(&state, "Lo", Role::NoteTaker, sams));
    assert!(may_change(&state, "Karin", Role::Facilitator, sams));
}

mod any_journals {
    //! Any set of journals, from writers with any clocks and roles, folds to a state in which
    //! no event of a note-taker's journal drives the timer: the same state as without them.

    use super::*;

    fn any_time() -> impl Strategy<Value = Millis> {
        prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            NINE - 10 * MIN..NINE + 120 * MIN,
            any::<i64>(),
        ]
    }

    fn any_place() -> impl Strategy<Value = Place> {
        (0usize..13, 0usize..3).prop_map(|(item, step)| Place { item, step })
    }

    /// What drives the meeting (a facilitator's events), and a claim of the seat.
    fn driving() -> impl Strategy<Value = Event> {
        prop_oneof![
            any_place().prop_map(|to| Event::Moved { to }),
            any_place().prop_map(|at| Event::TimerStarted { at }),
            any_place().prop_map(|at| Event::TimerPaused { at }),
            (any_place(), -7200i64..7200)
                .prop_map(|(at, seconds)| Event::TimerAdjusted { at, seconds }),
            Just(Event::Ended),
            Just(Event::TookOver),
            Just(Event::FitUndone),
            (any_time(), any::<bool>())
                .prop_map(|(planned, moved)| Event::LateStart { planned, moved }),
            Just(joined("x", Role::Facilitator)),
        ]
    }

    fn any_event() -> impl Strategy<Value = Event> {
        prop_oneof![
            3 => driving(),
            1 => Just(note("n", "x")),
            1 => Just(Event::Left),
        ]
    }

    /// A journal: its writer's role and events, each at any time.
    fn any_journal() -> impl Strategy<Value = (bool, Vec<(Millis, Event)>)> {
        (
            any::<bool>(),
            prop::collection::vec((any_time(), any_event()), 0..12),
        )
    }

    /// The state's meeting: where it is, every timebox, when it started and ended, who drives.
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn no_note_takers_event_drives_the_timer(journals in prop::collection::vec(any_journal(), 1..5)) {
            let mut all = Vec::new();
            let mut without = Vec::new();
            for (w, (facilitator, events)) in journals.into_iter().enumerate() {
                let writer = format!("w{w}");
                let role = if facilitator { Role::Facilitator } else { Role::NoteTaker };
                // Its `Joined` is its first line, stamped by its own clock (any clock).
                let first = events.first().map_or(NINE, |(at, _)| *at);
                let mut journal = vec![entry(&writer, first.saturating_sub(1), 1, joined(&writer, role))];
                for (i, (at, ev)) in events.into_iter().enumerate() {
                    journal.push(entry(&writer, at, i as u64 + 2, ev));
                }
                all.extend(journal.iter().cloned());
                let kept = journal.into_iter().filter(|e| {
                    facilitator || matches!(e.record.ev, Event::NoteSaved { .. } | Event::Left)
                        || e.record.seq == 1
                });
                without.extend(kept);
            }
            let state = fold(all);
            let honest = fold(without);
            prop_assert_eq!(meeting(&state), meeting(&honest));
        }
    }
}

fn now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as Millis
}

/// Finding 5 as the user sees it: a forged line in a note-taker's journal claims the seat and
/// stops the meeting; the stage stays on stage, keeps its countdown, and says what it left out.
#[test]
fn a_forged_line_in_a_note_takers_journal_leaves_the_stage_on_stage_and_is_worded() {
    for (lang, said, ours) in [
        ("en_GB.UTF-8", "events left out: not allowed", "RUNNING"),
        ("sv_SE.UTF-8", "otillåtna händelser utelämnade", "PÅGÅR"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut stage = Pty::kickoff_lobby("Karin", data.path(), lang);
        stage.start_first_timebox();
        stage.wait_for(ours);
        let runs = DataDir::at(data.path()).runs_dir();
        let run = std::fs::read_dir(&runs)
            .unwrap()
            .flatten()
            .find(|e| e.path().is_dir())
            .unwrap()
            .path();
        let now = now_ms();
        let lines: String = [
            joined("Sam", Role::NoteTaker),
            joined("Sam", Role::Facilitator),
            Event::TookOver,
            Event::Ended,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, ev)| {
            encode(&Record {
                hlc: None,
                at: now,
                seq: i as u64 + 1,
                ev,
            })
        })
        .collect();
        std::fs::write(run.join("sam-00000b.ron"), lines).unwrap();
        let screen = stage.wait_for(said);
        assert!(screen.contains(&format!("3 {said}")), "{screen}");
        assert!(screen.contains(ours), "{screen}");
        for taken in ["took over", "tog över"] {
            assert!(!screen.contains(taken), "no take-over said:\n{screen}");
        }
    }
}

/// Finding 5's clock half: a journal of its own claims the seat with lines stamped in year 9999
/// (and at `i64::MAX`). They are held back, not folded: the real facilitator keeps the run, its
/// countdown is not in overtime, and the lines are said as waiting.
#[test]
fn stamps_from_the_far_future_are_held_and_never_take_the_run() {
    use spar::run::live::LiveRun;
    let data = tempfile::tempdir().unwrap();
    let now = now_ms();
    let header = RunHeader::new((*session()).clone(), None, now, "Karin");
    let run = DataDir::at(data.path()).create_run(header).unwrap();
    let lines = |events: Vec<(Millis, Event)>| -> String {
        let numbered = events.into_iter().enumerate();
        numbered
            .map(|(i, (at, ev))| {
                let seq = i as u64 + 1;
                encode(&Record {
                    hlc: None,
                    at,
                    seq,
                    ev,
                })
            })
            .collect()
    };
    let honest = lines(vec![
        (now - MIN, joined("Karin", Role::Facilitator)),
        (now - MIN, Event::TimerStarted { at: Place::START }),
    ]);
    std::fs::write(run.path().join("karin-00000a.ron"), honest).unwrap();
    let year_9999 = 253_402_300_799_000;
    let forged = lines(vec![
        (year_9999, joined("Mallory", Role::Facilitator)),
        (year_9999, Event::TookOver),
        (i64::MAX, Event::Ended),
    ]);
    std::fs::write(run.path().join("mallory-00000b.ron"), forged).unwrap();

    let (live, state) = LiveRun::open(run.clone(), "Sam", Role::NoteTaker, now).unwrap();
    assert_eq!(state.facilitator.as_deref(), Some("karin-00000a"));
    assert_eq!(state.ended_at, None);
    assert_eq!(live.held_count(), 3);
    assert_eq!(
        live.next_release(),
        Some(year_9999 - spar::run::hold::BOUND)
    );
    let left = state.current().unwrap().remaining_ms(now);
    assert!((8 * MIN..=9 * MIN).contains(&left), "{left}");
    // Reviewed or exported, the same: held, and said.
    let folded = spar::run::catalog::FoldedRun::read(run, now).unwrap();
    assert_eq!(folded.state.facilitator.as_deref(), Some("karin-00000a"));
    let said: Vec<String> = folded
        .problems
        .iter()
        .map(|p| spar::i18n::Lang::En.text().file_problem(p))
        .collect();
    assert!(
        said.iter().any(
            |s| s.contains("mallory-00000b.ron: 3 events are stamped up to")
                && s.contains("days ahead of this computer's clock and wait until then")
        ),
        "{said:?}"
    );
}

/// The same as the stage sees it: the stage keeps the run, says the lines wait, never that
/// someone took over, and its countdown is not in overtime.
#[test]
fn a_stage_keeps_the_run_when_a_journal_from_year_9999_appears() {
    for (lang, said, ours) in [
        ("en_GB.UTF-8", "3 events from the future wait", "RUNNING"),
        ("sv_SE.UTF-8", "3 händelser från framtiden väntar", "PÅGÅR"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut stage = Pty::kickoff_lobby("Karin", data.path(), lang);
        stage.start_first_timebox();
        stage.wait_for(ours);
        let runs = DataDir::at(data.path()).runs_dir();
        let run = std::fs::read_dir(&runs)
            .unwrap()
            .flatten()
            .find(|e| e.path().is_dir())
            .unwrap()
            .path();
        let year_9999 = 253_402_300_799_000;
        let lines: String = [
            joined("Mallory", Role::Facilitator),
            Event::TookOver,
            Event::Ended,
        ]
        .into_iter()
        .enumerate()
        .map(|(i, ev)| {
            encode(&Record {
                hlc: None,
                at: year_9999,
                seq: i as u64 + 1,
                ev,
            })
        })
        .collect();
        std::fs::write(run.join("mallory-00000b.ron"), lines).unwrap();
        let screen = stage.wait_for(said);
        assert!(screen.contains(ours), "{screen}");
        for taken in ["took over", "tog över", "Mallory"] {
            assert!(!screen.contains(taken), "{taken:?}:\n{screen}");
        }
        // Not in overtime: the ten minutes of the welcome just began.
        for over in ["TIME'S UP", "TIDEN ÄR UTE", "OVERTIME", "ÖVERTID"] {
            assert!(!screen.contains(over), "{over:?}:\n{screen}");
        }
    }
}
