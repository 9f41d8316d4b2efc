//! The room's screen said as a pure function: events folded into a show at injected times, and
//! the sentences it says between them. Nothing private is ever said.

use std::sync::Arc;

use super::*;
use crate::i18n::Lang;
use crate::run::state::RunState;
use crate::run::{Entry, Event, NoteKind, Place, Record, Role};
use crate::show::ShowCtx;
use crate::ui::theme::{Theme, ThemeName};

/// 09:00 UTC on the day of the test run; the session starts at 09:00.
const NINE: Millis = 1_600_333_200_000;
const MIN: Millis = 60_000;
const DISCUSSION: Place = Place { item: 3, step: 0 };

struct Room {
    show: Show,
    speech: ShowSpeech,
    seqs: std::collections::HashMap<String, u64>,
    /// Everything said so far.
    said: Vec<String>,
}

impl Room {
    fn new(lang: Lang) -> Room {
        let session =
            crate::session::parse::parse_session(include_str!("../../../sessions/kickoff.ron"))
                .unwrap();
        let ctx = ShowCtx {
            ui: crate::ui::Ctx {
                lang,
                theme: Theme::new(ThemeName::Dark, false),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "20200917-0900-kickoff-abcd".into(),
            track: None,
            start_of_day: NINE,
        };
        let mut room = Room {
            show: Show::new(RunState::new(Arc::new(session)), ctx),
            speech: ShowSpeech::new(TimeMarks::default()),
            seqs: std::collections::HashMap::new(),
            said: Vec::new(),
        };
        room.event("eva", joined("Eva", Role::Facilitator), NINE);
        room.event("anna", joined("Anna", Role::NoteTaker), NINE);
        room.event("screen", joined("Rummet", Role::Screen), NINE);
        room
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
        self.show.run.apply(&entry);
        self.show.after_fold(at);
    }

    fn say(&mut self, now: Millis) -> Vec<String> {
        let lines = self.speech.speak(&self.show, now);
        self.said.extend(lines.clone());
        lines
    }

    fn line(&mut self, typed: &str, now: Millis) -> Vec<String> {
        self.speech.on_line(&self.show, typed, now);
        self.say(now)
    }

    fn room_view(&mut self, view: RoomView, at: Millis) {
        self.event("eva", Event::RoomView { view }, at);
    }

    /// The facilitator on the discussion, its timer running from `NINE + MIN`.
    fn at_discussion(lang: Lang) -> Room {
        let mut room = Room::new(lang);
        room.say(NINE);
        room.event("eva", Event::Moved { to: DISCUSSION }, NINE + MIN);
        room.event("eva", Event::TimerStarted { at: DISCUSSION }, NINE + MIN);
        room.say(NINE + MIN);
        room
    }
}

fn joined(name: &str, role: Role) -> Event {
    Event::Joined {
        name: name.into(),
        role,
    }
}

fn note(text: &str) -> Event {
    Event::NoteSaved {
        at: DISCUSSION,
        group: Some("Grupp Siljan".into()),
        kind: NoteKind::Note,
        text: text.into(),
        by: "Anna".into(),
    }
}

#[test]
fn the_first_lines_say_the_room_screen_where_the_meeting_is_and_what_the_room_sees() {
    let mut room = Room::new(Lang::En);
    let said = room.say(NINE);
    assert!(
        said[0].contains("the room's screen in screen-reader mode"),
        "{said:?}"
    );
    assert!(said[1].starts_with("Item 1 of 12"), "{said:?}");
    assert!(said[1].contains("Projected end"), "{said:?}");
    assert_eq!(said[2], "The room sees: the countdown.");
    assert!(
        room.say(NINE + 1000).is_empty(),
        "nothing new, nothing said"
    );
}

#[test]
fn each_change_is_said_once_and_the_marks_fall_but_never_the_seconds() {
    let mut room = Room::at_discussion(Lang::En);
    let said = room.said.join("\n");
    assert_eq!(said.matches("Item 4 of 12").count(), 1, "{said}");
    assert!(said.contains("left."), "{said}");
    let mut after = Vec::new();
    for s in (5..=60 * 7 + 30).map(|s| NINE + MIN + s * 1000) {
        after.extend(room.say(s));
    }
    // The discussion is 6 minutes: half-time, 2 and 1 minute, time's up, a minute over (and
    // the projected end, which moves with it).
    assert!(after.iter().any(|l| l.contains("Half-time")), "{after:?}");
    assert!(after.iter().any(|l| l == "2 minutes left."), "{after:?}");
    assert!(after.iter().any(|l| l == "1 minute left."), "{after:?}");
    assert_eq!(
        after.iter().filter(|l| l.contains("Time's up")).count(),
        1,
        "{after:?}"
    );
    assert!(after.len() <= 7, "{after:?}");
    room.event("eva", Event::TimerPaused { at: DISCUSSION }, NINE + 9 * MIN);
    // A pause alone may be the first half of a move read in two batches: said once it stands.
    let first = room.say(NINE + 9 * MIN);
    assert!(!first.iter().any(|l| l.starts_with("Paused")), "{first:?}");
    let paused = room.say(NINE + 9 * MIN + crate::speech::SETTLE_MS);
    assert!(paused.iter().any(|l| l.starts_with("Paused")), "{paused:?}");
    room.event("eva", Event::Ended, NINE + 10 * MIN);
    let end = room.say(NINE + 10 * MIN);
    assert!(
        end.iter().any(|l| l.contains("meeting has ended")),
        "{end:?}"
    );
}

#[test]
fn notes_are_said_only_while_the_room_sees_them() {
    let mut room = Room::at_discussion(Lang::En);
    room.event("anna", note("Hidden by the countdown"), NINE + 2 * MIN);
    assert!(
        room.say(NINE + 2 * MIN).is_empty(),
        "the room does not see notes"
    );
    assert_eq!(
        room.line("l", NINE + 2 * MIN),
        ["The room's screen shows no notes now."]
    );
    room.room_view(RoomView::Wall, NINE + 2 * MIN + 10_000);
    let wall = room.say(NINE + 2 * MIN + 10_000);
    assert_eq!(wall[0], "The room sees: the notes wall.");
    assert!(
        wall.iter().any(|l| l.contains("Hidden by the countdown")),
        "{wall:?}"
    );
    room.event("anna", note("Seen on the wall"), NINE + 2 * MIN + 20_000);
    let new = room.say(NINE + 2 * MIN + 20_000);
    assert_eq!(new, ["Note from Anna, Grupp Siljan: Seen on the wall"]);
    assert!(room.say(NINE + 2 * MIN + 20_000).is_empty(), "said once");
    let id = room.show.run.notes[1].id.clone();
    room.room_view(RoomView::Pinned(id), NINE + 2 * MIN + 30_000);
    let pinned = room.say(NINE + 2 * MIN + 30_000);
    assert_eq!(
        pinned,
        [
            "The room sees: the pinned note.",
            "Note from Anna, Grupp Siljan: Seen on the wall"
        ]
    );
    room.room_view(RoomView::Countdown, NINE + 2 * MIN + 40_000);
    room.event("anna", note("Hidden again"), NINE + 2 * MIN + 40_000);
    let back = room.say(NINE + 2 * MIN + 40_000);
    assert_eq!(back, ["The room sees: the countdown."]);
}

#[test]
fn drafts_and_the_facilitators_notes_are_never_said() {
    let mut room = Room::at_discussion(Lang::Sv);
    room.room_view(RoomView::WithNotes, NINE + 2 * MIN);
    room.event(
        "anna",
        Event::Draft {
            at: DISCUSSION,
            group: None,
            text: "halvskrivet utkast".into(),
            by: "Anna".into(),
        },
        NINE + 3 * MIN,
    );
    for now in [NINE + 3 * MIN, NINE + 4 * MIN] {
        room.say(now);
    }
    for typed in [".", "l", "r", "?", "f"] {
        room.line(typed, NINE + 4 * MIN);
    }
    room.event(
        "eva",
        Event::Moved {
            to: Place { item: 4, step: 0 },
        },
        NINE + 5 * MIN,
    );
    room.say(NINE + 5 * MIN);
    let said = room.said.join("\n");
    assert!(!said.contains("halvskrivet"), "a draft was said:\n{said}");
    for item in &room.show.run.session.agenda {
        if let Some(notes) = &item.notes {
            let start: String = notes.chars().take(20).collect();
            assert!(!said.contains(&start), "facilitator notes said:\n{said}");
        }
    }
    assert!(
        said.contains("Rummet ser: nedräkningen med anteckningarna."),
        "{said}"
    );
    assert!(
        said.contains("Inte en tangent här"),
        "f is no key here:\n{said}"
    );
}

#[test]
fn the_status_key_and_the_keys_in_swedish() {
    let mut room = Room::at_discussion(Lang::Sv);
    let status = room.line(".", NINE + 2 * MIN);
    assert_eq!(status.len(), 1);
    assert!(status[0].starts_with("Punkt 4 av 12"), "{status:?}");
    assert!(status[0].contains("kvar"), "{status:?}");
    assert!(status[0].contains("Beräknat slut"), "{status:?}");
    assert_eq!(room.line("r", NINE + 2 * MIN), status);
    let keys = room.line("?", NINE + 2 * MIN);
    assert!(
        keys.iter().any(|l| l == "q: avsluta rummets skärm"),
        "{keys:?}"
    );
}

#[test]
fn the_end_is_said_once_without_what_the_room_saw_before() {
    let mut room = Room::at_discussion(Lang::En);
    room.room_view(RoomView::Wall, NINE + 2 * MIN);
    room.say(NINE + 2 * MIN);
    room.event("eva", Event::Ended, NINE + 3 * MIN);
    assert_eq!(room.say(NINE + 3 * MIN), ["The meeting has ended, 09:03."]);
}

#[test]
fn a_note_the_room_sees_changed_is_said_again_once() {
    let mut room = Room::at_discussion(Lang::En);
    room.room_view(RoomView::WithNotes, NINE + 2 * MIN);
    room.event("anna", note("Book a room"), NINE + 2 * MIN);
    room.say(NINE + 2 * MIN);
    let id = room.show.run.notes[0].id.clone();
    let edited = Event::NoteEdited {
        id,
        kind: NoteKind::Note,
        text: "Book the big room".into(),
    };
    room.event("anna", edited, NINE + 2 * MIN + 10_000);
    assert_eq!(
        room.say(NINE + 2 * MIN + 10_000),
        ["Changed: Note from Anna, Grupp Siljan: Book the big room"]
    );
    assert!(room.say(NINE + 2 * MIN + 20_000).is_empty());
}

#[test]
fn a_deleted_note_is_said_once_only_if_the_room_was_shown_it() {
    // The room shows the notes: the deletion is said, in the screen's words, once.
    let mut room = Room::at_discussion(Lang::En);
    room.room_view(RoomView::WithNotes, NINE + 2 * MIN);
    room.event("anna", note("Book a room"), NINE + 2 * MIN);
    room.say(NINE + 2 * MIN);
    let id = room.show.run.notes[0].id.clone();
    let now = NINE + 3 * MIN;
    room.event("eva", Event::NoteDeleted { id }, now);
    let said = room.say(now);
    let shown = room.show.deletion_notice(now).expect("the screen says it");
    assert_eq!(said, [crate::speech::sentence(&shown)]);
    assert_eq!(
        said,
        [
            "Eva deleted a note by Anna (Item 4, Question 1): “Book a room” · the facilitator can bring it back."
        ]
    );
    assert!(room.say(now + 1_000).is_empty(), "said once");

    // The room shows only the countdown: a note it never saw is nobody's business there.
    let mut room = Room::at_discussion(Lang::Sv);
    room.event("anna", note("Book a room"), NINE + 2 * MIN);
    room.say(NINE + 2 * MIN);
    let id = room.show.run.notes[0].id.clone();
    room.event("eva", Event::NoteDeleted { id }, NINE + 3 * MIN);
    let said = room.say(NINE + 3 * MIN);
    assert!(said.iter().all(|l| !l.contains("raderade")), "{said:?}");
}
