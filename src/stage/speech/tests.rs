//! The speech view as a pure function: events folded into a stage at injected times, and the
//! sentences `narrate` says between them.

use std::sync::Arc;

use super::command::Speech;
use super::*;
use crate::i18n::Lang;
use crate::run::state::RunState;
use crate::run::{Entry, Event, NoteKind, Record};
use crate::stage::{Context, Effect};
use crate::ui::theme::{Theme, ThemeName};

/// 09:00 UTC on the day of the test run; the session starts at 09:00.
const NINE: Millis = 1_600_333_200_000;
const MIN: Millis = 60_000;

struct Meeting {
    stage: Stage,
    speech: Speech,
    /// Each writer's lines are numbered from 1, as in its journal.
    seqs: std::collections::HashMap<String, u64>,
}

impl Meeting {
    fn new(lang: Lang, role: Role) -> Meeting {
        let session =
            crate::session::parse::parse_session(include_str!("../../../sessions/kickoff.ron"))
                .unwrap();
        let run = RunState::new(Arc::new(session));
        let ctx = Context {
            ui: crate::ui::Ctx {
                lang,
                theme: Theme::new(ThemeName::Dark, false),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "20200917-0900-kickoff-abcd".into(),
            track: None,
            start_of_day: NINE,
            author: "Eva".into(),
            recap: Vec::new(),
            role,
        };
        let mut m = Meeting {
            stage: Stage::new(run, ctx, true, NINE),
            speech: Speech::new(TimeMarks::default()),
            seqs: std::collections::HashMap::new(),
        };
        m.event(
            "eva",
            Event::Joined {
                name: "Eva".into(),
                role: Role::Facilitator,
            },
            NINE,
        );
        m
    }

    fn event(&mut self, writer: &str, ev: Event, at: Millis) {
        let seq = self.seqs.entry(writer.to_string()).or_default();
        *seq += 1;
        let entry = Entry {
            writer: Arc::from(writer),
            record: Record {
                hlc: None,
                at,
                seq: *seq,
                ev,
            },
        };
        self.stage.run.apply(&entry);
        self.stage.after_fold();
    }

    /// What is said at `now`.
    fn say(&mut self, now: Millis) -> Vec<String> {
        self.speech.speak(&self.stage, now)
    }

    /// A typed line at `now`: its effects folded in as the edge would, then what is said.
    fn line(&mut self, typed: &str, now: Millis) -> Vec<String> {
        let effects = self.speech.on_line(&mut self.stage, typed, now);
        for effect in effects {
            if let Effect::Append(ev) | Effect::SaveNote(ev) = effect {
                self.event("eva", ev, now);
            }
        }
        self.say(now)
    }

    fn start(&mut self, at: Millis) {
        let place = self.stage.run.place;
        self.event("eva", Event::TimerStarted { at: place }, at);
    }
}

fn note(text: &str, by: &str) -> Event {
    Event::NoteSaved {
        at: Place { item: 3, step: 0 },
        group: Some("Grupp Siljan".into()),
        kind: NoteKind::Note,
        text: text.into(),
        by: by.into(),
    }
}

fn at_discussion(role: Role) -> Meeting {
    let mut m = Meeting::new(Lang::En, role);
    m.start(NINE);
    m.event(
        "eva",
        Event::Moved {
            to: Place { item: 3, step: 0 },
        },
        NINE + MIN,
    );
    m.start(NINE + MIN);
    m
}

#[test]
fn the_first_lines_say_the_mode_and_where_the_meeting_is() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    let said = m.say(NINE);
    assert!(said[0].contains("screen-reader mode: Kick off"), "{said:?}");
    assert!(said[1].starts_with("Item 1 of 12, Welcome: "), "{said:?}");
    assert!(said[1].contains("10 minutes. Not started."), "{said:?}");
    // Nothing changed: nothing more is said, however often the loop wakes.
    for t in [NINE + 1, NINE + 30_000, NINE + 59_000] {
        assert!(m.say(t).is_empty());
    }
}

#[test]
fn a_state_change_is_one_sentence_said_once() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.say(NINE);
    m.start(NINE);
    assert_eq!(m.say(NINE + 1000), vec!["Started.".to_string()]);
    assert!(m.say(NINE + 2000).is_empty());
    m.event(
        "eva",
        Event::TimerPaused { at: Place::START },
        NINE + 3 * MIN,
    );
    assert_eq!(
        m.say(NINE + 3 * MIN),
        vec!["Paused, 7 minutes left.".to_string()]
    );
    m.start(NINE + 4 * MIN);
    let said = m.say(NINE + 4 * MIN);
    assert_eq!(said[0], "Resumed, 7 minutes left.");
    // A minute paused moved the projected end a minute.
    assert_eq!(said[1], "Projected end 12:01, 1 min behind.");
    assert_eq!(said.len(), 2);
    m.event(
        "eva",
        Event::TimerAdjusted {
            at: Place::START,
            seconds: 60,
        },
        NINE + 4 * MIN,
    );
    let said = m.say(NINE + 4 * MIN);
    assert_eq!(said[0], "Extended by 1 minute: 8 minutes left.");
    // The projected end moved a minute with it.
    assert_eq!(said[1], "Projected end 12:02, 2 min behind.");
}

#[test]
fn the_next_question_is_said_with_its_question_and_minutes() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.start(NINE);
    m.say(NINE);
    m.event(
        "eva",
        Event::Moved {
            to: Place { item: 3, step: 0 },
        },
        NINE + MIN,
    );
    let said = m.say(NINE + MIN);
    assert!(
        said[0].starts_with("Item 4 of 12, Discussion: ") && said[0].contains("Question 1 of "),
        "{said:?}"
    );
    assert!(said[0].ends_with("minutes."), "{said:?}");
}

#[test]
fn time_marks_fall_at_half_time_two_and_one_minute_times_up_and_each_minute_over() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.say(NINE);
    m.start(NINE);
    m.say(NINE);
    // The welcome is 10 minutes.
    let mut heard = Vec::new();
    let mut now = NINE;
    while now < NINE + 13 * MIN {
        now = m.speech.next_due(&m.stage, now);
        heard.extend(m.say(now).into_iter().map(|l| (now - NINE, l)));
    }
    let marks: Vec<(i64, &str)> = heard
        .iter()
        .filter(|(_, l)| !l.starts_with("Projected end"))
        .map(|(t, l)| (*t, l.as_str()))
        .collect();
    assert_eq!(
        marks,
        vec![
            (5 * MIN, "Half-time, 5 minutes left."),
            (8 * MIN, "2 minutes left."),
            (9 * MIN, "1 minute left."),
            (10 * MIN, "Time's up."),
            (11 * MIN, "1 minute over."),
            (12 * MIN, "2 minutes over."),
            (13 * MIN, "3 minutes over."),
        ]
    );
    // Overtime moves the projected end: said once a minute, no more.
    let ends = heard
        .iter()
        .filter(|(_, l)| l.starts_with("Projected end"))
        .count();
    assert_eq!(ends, 3, "{heard:?}");
}

#[test]
fn the_next_wake_is_the_next_mark_or_minute_never_each_second() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.start(NINE);
    assert_eq!(m.speech.next_due(&m.stage, NINE + 1), NINE + MIN);
    assert_eq!(
        m.speech.next_due(&m.stage, NINE + 4 * MIN + 30_000),
        NINE + 5 * MIN
    );
}

#[test]
fn a_note_is_read_as_it_arrives_and_ours_is_said_saved() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.event(
        "anna",
        Event::Joined {
            name: "Anna".into(),
            role: Role::NoteTaker,
        },
        NINE + MIN,
    );
    m.event(
        "anna",
        Event::TakingNotes {
            group: Some("Grupp Siljan".into()),
        },
        NINE + MIN,
    );
    assert_eq!(
        m.say(NINE + MIN),
        vec!["Anna takes notes for Grupp Siljan.".to_string()]
    );
    m.event(
        "anna",
        note("Vi pratade om\nlånekort", "Anna"),
        NINE + 2 * MIN,
    );
    assert_eq!(
        m.say(NINE + 2 * MIN),
        vec!["Note from Anna, Grupp Siljan: Vi pratade om lånekort".to_string()]
    );
    assert!(
        m.line("i", NINE + 2 * MIN)[0]
            .starts_with("Type a note for item 4, question 1, Whole group")
    );
    let said = m.line("Our own", NINE + 2 * MIN);
    assert_eq!(
        said,
        vec!["Saved: item 4, question 1, Whole group.".to_string()]
    );
    let listed = m.line("/l", NINE + 2 * MIN);
    assert_eq!(listed[0], "2 notes for item 4, question 1:");
    assert_eq!(listed[2], "Note from Eva, Whole group: Our own");
}

#[test]
fn a_note_goes_where_the_prompt_said_even_if_the_question_moved_on() {
    let mut m = at_discussion(Role::NoteTaker);
    m.stage.open_editor();
    let said = m.say(NINE + MIN);
    assert!(
        said.last().unwrap().contains("item 4, question 1"),
        "{said:?}"
    );
    m.event(
        "eva",
        Event::Moved {
            to: Place { item: 3, step: 1 },
        },
        NINE + 2 * MIN,
    );
    // Typed before the new prompt was heard.
    let effects = m
        .speech
        .on_line(&mut m.stage, "Late thought", NINE + 2 * MIN);
    match &effects[..] {
        [Effect::SaveNote(Event::NoteSaved { at, .. })] => assert_eq!(at.step, 0),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failing_save_is_said_and_so_is_its_later_success() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.stage.notice.save_error = Some("disk full".into());
    m.stage.notice.unsaved_notes = 1;
    let said = m.say(NINE + MIN);
    assert_eq!(
        said,
        vec!["Cannot save: disk full. Everything is kept and tried again.".to_string()]
    );
    assert!(m.say(NINE + MIN + 1).is_empty());
    m.stage.notice.save_error = None;
    m.stage.notice.unsaved_notes = 0;
    assert_eq!(
        m.say(NINE + MIN + 2),
        vec!["Saved now: everything is on disk.".to_string()]
    );
}

#[test]
fn the_status_key_says_question_time_left_and_projected_end_and_r_repeats() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    let said = m.line(".", NINE + 2 * MIN + 30_000);
    assert_eq!(said.len(), 1);
    assert!(said[0].contains("Question 1 of "), "{said:?}");
    assert!(said[0].contains("minutes 30 seconds left."), "{said:?}");
    assert!(said[0].contains("Projected end "), "{said:?}");
    assert_eq!(m.line("r", NINE + 3 * MIN), said);
}

#[test]
fn pickers_take_numbers() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    let listed = m.line("g", NINE + MIN);
    assert_eq!(listed[1], "0: Whole group");
    assert_eq!(listed[2], "1: Grupp Siljan");
    assert_eq!(
        m.line("1", NINE + MIN),
        vec!["New notes go to Grupp Siljan.".to_string()]
    );
    let agenda = m.line("o", NINE + MIN);
    assert!(
        agenda[4].starts_with("4: Discussion") && agenda[4].ends_with(", now"),
        "{agenda:?}"
    );
    let said = m.line("6", NINE + MIN);
    assert!(said[0].starts_with("Item 6 of 12"), "{said:?}");
}

#[test]
fn every_key_is_listed_by_question_mark_and_unknown_keys_are_said() {
    let mut m = Meeting::new(Lang::Sv, Role::NoteTaker);
    m.say(NINE);
    let keys = m.line("?", NINE);
    assert!(
        keys.iter()
            .any(|l| l.starts_with(". :") || l.starts_with(".:")),
        "{keys:?}"
    );
    // A note-taker does not run the timer.
    assert!(!keys.iter().any(|l| l.starts_with("t:")), "{keys:?}");
    assert!(keys.iter().any(|l| l.starts_with("f:")), "{keys:?}");
    let said = m.line("zz", NINE);
    assert_eq!(
        said,
        vec!["Inte en tangent här: «zz». ? listar tangenterna.".to_string()]
    );
}

#[test]
fn the_meetings_end_is_said_in_swedish_too() {
    let mut m = Meeting::new(Lang::Sv, Role::Facilitator);
    m.start(NINE);
    m.say(NINE);
    m.event("eva", Event::Ended, NINE + 2 * MIN);
    let said = m.say(NINE + 2 * MIN);
    assert!(
        said.contains(&"Träffen är slut, 09:02.".to_string()),
        "{said:?}"
    );
}

#[test]
fn f_says_the_facilitators_notes_of_the_item_and_again_on_each_new_item() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.say(NINE);
    let said = m.line("f", NINE);
    assert_eq!(said.len(), 1, "{said:?}");
    let expected = match &m.stage.run.session.agenda[0].notes {
        Some(notes) => format!(
            "Facilitator notes: {}",
            crate::text::clean_line(notes.trim())
        ),
        None => "No facilitator notes for this item.".to_string(),
    };
    assert_eq!(said[0], expected);
    m.start(NINE);
    m.say(NINE);
    m.event(
        "eva",
        Event::Moved {
            to: Place { item: 1, step: 0 },
        },
        NINE + MIN,
    );
    let said = m.say(NINE + MIN);
    assert!(
        said.iter()
            .any(|l| l.starts_with("Facilitator notes") || l.starts_with("No facilitator")),
        "{said:?}"
    );
    // Hidden again: nothing more is said of them.
    m.line("f", NINE + MIN);
    m.event(
        "eva",
        Event::Moved {
            to: Place { item: 2, step: 0 },
        },
        NINE + 2 * MIN,
    );
    let said = m.say(NINE + 2 * MIN);
    assert!(
        !said.iter().any(|l| l.contains("acilitator notes")),
        "{said:?}"
    );
}

/// A step with its own group size says it, in the listener's language.
#[test]
fn a_step_says_how_many_work_together() {
    let session = crate::session::parse::parse_session(
        r#"Session(id: "s", track: "t", title: "T", start: "09:00", agenda: [
            Item(kind: Discussion, title: "1-2-4-All", minutes: 3, questions: [
                Instruction(text: "Note your own ideas.", minutes: 1, group_size: Alone),
                Instruction(text: "Build on them.", minutes: 2, group_size: Pairs),
            ]),
        ])"#,
    )
    .unwrap();
    for (lang, first, second) in [
        (Lang::En, "Alone.", "In pairs."),
        (Lang::Sv, "Enskilt.", "I par."),
    ] {
        let mut m = Meeting::new(lang, Role::Facilitator);
        m.stage.run = RunState::new(Arc::new(session.clone()));
        let said = crate::speech::place_sentence(&listener(&m.stage), Place { item: 0, step: 0 });
        assert!(said.contains(first), "{said}");
        let said = crate::speech::place_sentence(&listener(&m.stage), Place { item: 0, step: 1 });
        assert!(said.contains(second), "{said}");
    }
}

#[test]
fn a_note_taker_gone_quiet_is_told_to_the_facilitator_once_when_it_happens() {
    let mut m = Meeting::new(Lang::En, Role::Facilitator);
    m.event(
        "anna",
        Event::Joined {
            name: "Anna".into(),
            role: Role::NoteTaker,
        },
        NINE,
    );
    m.start(NINE);
    m.say(NINE);
    let marks = TimeMarks::default();
    // The wake falls when she goes quiet, not later.
    assert!(next_due(&m.stage, None, NINE + 4 * MIN + 30_000, &marks) <= NINE + 5 * MIN);
    let said = m.say(NINE + 5 * MIN);
    let quiet = "Anna, Whole group, has gone quiet: nothing for 5 minutes.";
    assert!(said.iter().any(|l| l == quiet), "{said:?}");
    let later: Vec<String> = (6..9).flat_map(|n| m.say(NINE + n * MIN)).collect();
    assert!(!later.iter().any(|l| l.contains("quiet")), "{later:?}");
    // She writes, goes quiet again: told again.
    m.event("anna", note("Vi pratade", "Anna"), NINE + 9 * MIN);
    m.say(NINE + 9 * MIN);
    let again = m.say(NINE + 14 * MIN);
    assert!(
        again.iter().any(|l| l.contains("has gone quiet")),
        "{again:?}"
    );
}

#[test]
fn a_typed_note_goes_on_over_lines_names_its_kind_and_the_latest_can_be_changed() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.line("i", NINE + MIN);
    let said = m.line("Vi pratade om \\", NINE + MIN);
    assert_eq!(
        said,
        ["Next line of the same note; a line without \\ at its end saves it."]
    );
    assert!(
        m.stage.run.notes.is_empty(),
        "not saved before its last line"
    );
    let said = m.line("lånekort", NINE + MIN);
    assert_eq!(said, ["Saved: item 4, question 1, Whole group."]);
    assert_eq!(m.stage.run.notes[0].text, "Vi pratade om\nlånekort");
    m.line("action Anna Berg 2020-10-01: book a room", NINE + 2 * MIN);
    let action = &m.stage.run.notes[1];
    assert_eq!(action.text, "book a room");
    assert_eq!(
        action.kind,
        NoteKind::Action {
            owner: "Anna Berg".into(),
            due: Some("2020-10-01".into())
        }
    );
    let said = m.line("/e", NINE + 3 * MIN);
    assert!(
        said.iter()
            .any(|l| l.starts_with("Change your latest note: book a room.")),
        "{said:?}"
    );
    let said = m.line("book the big room", NINE + 3 * MIN);
    assert!(said.iter().any(|l| l == "Changed."), "{said:?}");
    let changed = &m.stage.run.notes[1];
    assert_eq!(changed.text, "book the big room");
    assert!(matches!(changed.kind, NoteKind::Action { .. }), "kind kept");
    assert_eq!(m.stage.run.notes.len(), 2, "changed, not added");
    // The next line is a new note again.
    m.line("decision: we meet in May", NINE + 4 * MIN);
    assert_eq!(m.stage.run.notes[2].kind, NoteKind::Decision);
    let keys = m.line("?", NINE + 4 * MIN);
    assert!(
        keys.iter().any(|l| l == "e: change your latest note"),
        "{keys:?}"
    );
    // x deletes the latest, u brings it back.
    let said = m.line("/x", NINE + 5 * MIN);
    let deleted = "Deleted: we meet in May. u and Enter bring it back.";
    assert!(said.iter().any(|l| l == deleted), "{said:?}");
    assert_eq!(m.stage.run.live_notes().count(), 2);
    let back = m.line("/u", NINE + 5 * MIN);
    assert!(back.iter().any(|l| l == "The note is back."), "{back:?}");
    assert_eq!(m.stage.run.live_notes().count(), 3);
    let none = m.line("/u", NINE + 5 * MIN);
    assert!(
        none.iter().any(|l| l == "No deleted note to bring back."),
        "{none:?}"
    );
}

#[test]
fn the_facilitator_hears_what_the_rooms_screen_shows_once_one_is_attached() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.event(
        "screen",
        Event::Joined {
            name: "Rummet".into(),
            role: Role::Screen,
        },
        NINE + MIN,
    );
    assert_eq!(m.say(NINE + MIN), ["The room sees: the countdown."]);
    let said = m.line("v", NINE + MIN);
    assert_eq!(said, ["The room sees: the countdown with the notes."]);
}

#[test]
fn a_note_changed_by_another_is_said_again_and_ours_only_as_changed() {
    let mut m = at_discussion(Role::Facilitator);
    m.event("anna", note("Book a room", "Anna"), NINE + MIN);
    m.say(NINE + MIN);
    let id = m.stage.run.notes[0].id.clone();
    let edited = Event::NoteEdited {
        id,
        kind: NoteKind::Note,
        text: "Book the big room".into(),
    };
    m.event("anna", edited, NINE + 2 * MIN);
    assert_eq!(
        m.say(NINE + 2 * MIN),
        ["Changed: Note from Anna, Grupp Siljan: Book the big room"]
    );
    m.line("i", NINE + 2 * MIN);
    m.line("Our own", NINE + 2 * MIN);
    let said = m.line("/e", NINE + 3 * MIN);
    assert!(
        said.iter()
            .any(|l| l.starts_with("Change your latest note")),
        "{said:?}"
    );
    let said = m.line("Our own, changed", NINE + 3 * MIN);
    assert_eq!(said, ["Changed."]);
}

/// Sam's note, saved and then deleted by `deleter` (joined as `role`), each writer's `Joined`
/// first.
fn delete_sams_note(m: &mut Meeting, deleter: &str, role: Role) {
    let joined = |name: &str, role| Event::Joined {
        name: name.into(),
        role,
    };
    m.event("sam", joined("Sam", Role::NoteTaker), NINE + MIN);
    m.event("sam", note("Budget first", "Sam"), NINE + MIN);
    m.say(NINE + MIN);
    if deleter != "sam" {
        m.event(deleter, joined("Karin", role), NINE + MIN);
    }
    let id = m.stage.run.notes[0].id.clone();
    m.event(deleter, Event::NoteDeleted { id }, NINE + 2 * MIN);
}

#[test]
fn a_deletion_made_elsewhere_is_said_once_in_the_screens_words() {
    // The facilitator's terminal: it may bring the note back, with `u`.
    let mut m = at_discussion(Role::Facilitator);
    delete_sams_note(&mut m, "sam", Role::NoteTaker);
    let said = m.say(NINE + 2 * MIN);
    assert_eq!(
        said,
        ["Sam deleted a note by Sam (Item 4, Question 1): “Budget first” · u brings it back."]
    );
    // The same words as the screen's line.
    let shown = m
        .stage
        .notice
        .flash
        .clone()
        .expect("the screen says it too");
    assert_eq!(said[0], crate::speech::sentence(&shown));
    assert!(m.say(NINE + 3 * MIN).is_empty(), "said once");
    // And `u` brings it back here.
    m.line("/u", NINE + 3 * MIN);
    assert!(!m.stage.run.notes[0].deleted, "brought back");

    // Another note-taker's terminal: who may is named.
    let mut m = Meeting::new(Lang::Sv, Role::NoteTaker);
    m.stage.ctx.author = "Dana".into();
    m.say(NINE);
    delete_sams_note(&mut m, "karin", Role::Facilitator);
    assert_eq!(
        m.say(NINE + 2 * MIN),
        [
            "Karin raderade en anteckning av Sam (Punkt 4, Fråga 1): ”Budget first” · \
             Sam eller processledaren kan ta tillbaka den med u."
        ]
    );
    assert!(m.say(NINE + 3 * MIN).is_empty(), "said once");
}

/// Issue 23: the facilitator's move is journalled as a pause and then the move, which a
/// note-taker's terminal may read in two batches: it hears the move alone, as the facilitator's
/// own narration says it; a pause that stands (no move after it) is said once it has stood.
#[test]
fn a_move_read_in_two_batches_is_said_without_its_pause() {
    let mut m = at_discussion(Role::NoteTaker);
    m.say(NINE + MIN);
    let here = Place { item: 3, step: 0 };
    let next = Place { item: 3, step: 1 };
    let t = NINE + 3 * MIN;
    // The first batch: the pause alone.
    m.event("eva", Event::TimerPaused { at: here }, t);
    assert!(m.say(t + 50).is_empty(), "a pause alone is held back");
    let due = m.speech.next_due(&m.stage, t + 50);
    assert!(due <= t + 50 + crate::speech::SETTLE_MS, "{due}");
    // The second batch: the move and its start.
    m.event("eva", Event::Moved { to: next }, t);
    m.event("eva", Event::TimerStarted { at: next }, t);
    let said = m.say(t + 300);
    assert!(said[0].starts_with("Item 4 of 12"), "{said:?}");
    assert!(said[0].contains("Question 2 of 2"), "{said:?}");
    assert!(!said.iter().any(|l| l.starts_with("Paused")), "{said:?}");
    assert!(
        m.say(t + 10_000).is_empty(),
        "the pause is never said after"
    );

    // A pause that stands: said once it has stood, at the wake due for it.
    let t = NINE + 5 * MIN;
    m.event("eva", Event::TimerPaused { at: next }, t);
    assert!(m.say(t + 100).is_empty());
    let due = m.speech.next_due(&m.stage, t + 100);
    assert_eq!(due, t + 100 + crate::speech::SETTLE_MS);
    let said = m.say(due);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("Paused, "), "{said:?}");
    assert!(m.say(due + 1000).is_empty(), "said once");

    // The end read in two batches: "ended", not "paused" as well.
    let t = NINE + 7 * MIN;
    m.event("eva", Event::TimerStarted { at: next }, t);
    m.say(t);
    m.event("eva", Event::TimerPaused { at: next }, t + MIN);
    assert!(m.say(t + MIN + 10).is_empty());
    m.event("eva", Event::Ended, t + MIN);
    let said = m.say(t + MIN + 20);
    assert!(!said.iter().any(|l| l.starts_with("Paused")), "{said:?}");
    assert!(said.iter().any(|l| l.contains("ended")), "{said:?}");
}

/// The facilitator's own pause comes in one update with its move: said at once.
#[test]
fn the_facilitators_own_pause_is_said_at_once() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.event(
        "eva",
        Event::TimerPaused {
            at: Place { item: 3, step: 0 },
        },
        NINE + 2 * MIN,
    );
    let said = m.say(NINE + 2 * MIN);
    assert!(said[0].starts_with("Paused, "), "{said:?}");
}

/// Issue 23: with the note prompt open every line is a note, a single letter too ("i" and "å"
/// are words); a key there is typed after `/`; `.` and `?` are keys always; outside the prompt
/// a key may be typed bare. `?` says the rule.
#[test]
fn with_the_prompt_open_a_letter_is_a_note_and_a_key_takes_a_slash() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.line("i", NINE + MIN);
    assert!(m.stage.editor_open, "i opens the prompt");
    let said = m.line("e", NINE + MIN);
    assert_eq!(said, ["Saved: item 4, question 1, Whole group."]);
    assert_eq!(m.stage.run.notes[0].text, "e");
    let status = m.line(".", NINE + MIN);
    assert!(status[0].starts_with("Item 4 of 12"), "{status:?}");
    let keys = m.line("?", NINE + MIN);
    assert!(
        keys.iter().any(|l| l.contains("type / before the key")),
        "{keys:?}"
    );
    assert_eq!(m.stage.run.notes.len(), 1, ". and ? are keys, not notes");
    let said = m.line("/x", NINE + MIN);
    assert!(
        said.iter().any(|l| l.starts_with("Deleted: e.")),
        "{said:?}"
    );
    // A line that only begins with / is a note as typed.
    m.line("/home/anna", NINE + MIN);
    assert_eq!(m.stage.run.live_notes().last().unwrap().text, "/home/anna");
    // q quits (asks first) with the prompt open too: no one's note.
    let notes = m.stage.run.notes.len();
    m.line("q", NINE + MIN);
    assert_ne!(m.stage.overlay, Overlay::None, "q asks whether to quit");
    assert_eq!(m.stage.run.notes.len(), notes);
    m.line("", NINE + MIN);
    assert_eq!(m.stage.overlay, Overlay::None, "an empty line cancels");
    // Outside the prompt a key is typed bare.
    m.line("", NINE + MIN);
    assert!(!m.stage.editor_open);
    let said = m.line("x", NINE + MIN);
    assert!(
        said.iter().any(|l| l.starts_with("Deleted: /home/anna.")),
        "{said:?}"
    );
}

/// Issue 23: nothing typed is lost in line mode. A line that fails a check (an action without
/// its owner) is said, kept as the draft and said back; the next line of the same kind is its
/// correction and replaces it; another note saves it first, as typed, as a plain note.
#[test]
fn a_line_that_fails_a_check_is_kept_until_corrected_or_saved_as_typed() {
    let mut m = at_discussion(Role::Facilitator);
    m.say(NINE + MIN);
    m.line("i", NINE + MIN);
    let said = m.line("action: book a room", NINE + MIN);
    assert!(
        said.iter()
            .any(|l| l.starts_with("The line is kept as a draft: “action: book a room”.")),
        "{said:?}"
    );
    assert!(m.stage.run.notes.is_empty());
    assert!(
        m.stage
            .editor
            .as_ref()
            .is_some_and(|e| e.text() == "book a room")
    );
    // Another kind of note: the kept line is saved first, as typed.
    let said = m.line("we meet in May", NINE + 2 * MIN);
    assert!(
        said.iter()
            .any(|l| l == "The kept line was saved as a plain note: “action: book a room”."),
        "{said:?}"
    );
    let texts: Vec<_> = m.stage.run.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["action: book a room", "we meet in May"]);
    assert_eq!(m.stage.run.notes[0].kind, NoteKind::Note);
    // The same kind again: the correction replaces the kept line.
    m.line("action: call the library", NINE + 3 * MIN);
    m.line("action Anna: call the library", NINE + 3 * MIN);
    let last = m.stage.run.notes.last().unwrap();
    assert_eq!(last.text, "call the library");
    assert!(matches!(last.kind, NoteKind::Action { .. }));
    assert_eq!(m.stage.run.notes.len(), 3, "corrected, not kept twice");
}

/// A note folded in among earlier ones (its stamp earlier than a note already heard, so the
/// run is folded again in stamp order) is read out as it arrives, and ours is not said saved
/// twice.
#[test]
fn a_note_arriving_out_of_order_is_read_and_ours_said_once() {
    let mut m = at_discussion(Role::NoteTaker);
    m.say(NINE + MIN);
    let entry = |writer: &str, seq, at, ev| Entry {
        writer: Arc::from(writer),
        record: Record {
            hlc: None,
            at,
            seq,
            ev,
        },
    };
    let start = |at| Event::TimerStarted { at };
    let mut entries = vec![
        entry(
            "eva",
            1,
            NINE,
            Event::Joined {
                name: "Eva".into(),
                role: Role::Facilitator,
            },
        ),
        entry("eva", 2, NINE, start(Place::START)),
        entry(
            "eva",
            3,
            NINE + MIN,
            Event::Moved {
                to: Place { item: 3, step: 0 },
            },
        ),
        entry("eva", 4, NINE + MIN, start(Place { item: 3, step: 0 })),
        entry("me", 1, NINE + 2 * MIN + 500, note("Ours", "Eva")),
    ];
    m.stage.run = RunState::fold(m.stage.run.session.clone(), &entries);
    m.stage.after_fold();
    let said = m.say(NINE + 2 * MIN + 600);
    assert_eq!(said, ["Saved: item 4, question 1, Grupp Siljan."]);
    // Sam's note, stamped before ours, arrives after it: folded in before ours.
    entries.insert(4, entry("sam", 1, NINE + 2 * MIN, note("Sams", "Sam")));
    m.stage.run = RunState::fold(m.stage.run.session.clone(), &entries);
    m.stage.after_fold();
    assert_eq!(m.stage.run.notes[0].text, "Sams", "folded in stamp order");
    let said = m.say(NINE + 2 * MIN + 700);
    assert_eq!(said, ["Note from Sam, Grupp Siljan: Sams"]);
}
