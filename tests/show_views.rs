//! Snapshots of the room's screen (`spar show`) at 40×12 (zoomed), 80×24, 120×40 and 200×60 in Swedish and
//! English: before the start, each room view the facilitator can choose, a breakout with its
//! groups, and the closing screen; and checks that nothing private is ever drawn on it.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role, RoomView};
use spar::show::{Show, ShowCtx, view};
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff's planned start, with the views in UTC.
const NINE: Millis = 1_600_333_200_000;
const KICKOFF: &str = include_str!("../sessions/kickoff.ron");

/// The journals of a run: the facilitator's (its `Joined` first), a note-taker's and the
/// screen's, each line numbered from 1 in its own journal.
fn show(lang: Lang, facilitator: &[(i64, Event)], notes: &[(i64, Event)]) -> Show {
    let session = Arc::new(spar::session::parse::parse_session(KICKOFF).expect("kickoff parses"));
    let journal = |writer: &str, role: Role, events: &[(i64, Event)]| -> Vec<Entry> {
        let joined = Event::Joined {
            name: writer.into(),
            role,
        };
        std::iter::once((-60, joined))
            .chain(events.iter().cloned())
            .enumerate()
            .map(|(i, (minute, ev))| Entry {
                writer: Arc::from(writer),
                record: Record {
                    hlc: None,
                    at: NINE + minute * MIN,
                    seq: i as u64 + 1,
                    ev,
                },
            })
            .collect()
    };
    let mut entries = journal("anna", Role::Facilitator, facilitator);
    entries.extend(journal("sam", Role::NoteTaker, notes));
    entries.extend(journal("rum", Role::Screen, &[]));
    entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let run = RunState::fold(session, &entries);
    Show::new(
        run,
        ShowCtx {
            ui: spar::ui::Ctx {
                lang,
                theme: Theme::new(ThemeName::Dark, false),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "20200917-0900-kickoff-abcd".into(),
            track: Some("Dalaspåret".into()),
            start_of_day: NINE,
        },
    )
}

fn render(show: &Show, now: Millis, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, show, now)).unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The facilitator on the breakout (item 7, "Gruppsamtal"), its timebox started at minute 0.
fn at_breakout(view: Option<RoomView>) -> Vec<(i64, Event)> {
    let place = Place { item: 6, step: 0 };
    let mut events = vec![
        (0, Event::TimerStarted { at: Place::START }),
        (1, Event::Moved { to: place }),
        (1, Event::TimerStarted { at: place }),
    ];
    events.extend(view.map(|view| (2, Event::RoomView { view })));
    events
}

/// Three notes on the breakout's question: two groups and the whole group.
fn notes() -> Vec<(i64, Event)> {
    let place = Place { item: 6, step: 0 };
    let note = |group: Option<&str>, kind: NoteKind, text: &str| Event::NoteSaved {
        at: place,
        group: group.map(String::from),
        kind,
        text: text.into(),
        by: "Sam".into(),
    };
    vec![
        (
            3,
            note(
                Some("Grupp Siljan"),
                NoteKind::Note,
                "Biblioteket som mötesplats för digital delaktighet",
            ),
        ),
        (
            4,
            note(
                Some("Grupp Dalälven"),
                NoteKind::Decision,
                "Vi samverkar med kommunens medborgarkontor",
            ),
        ),
        (
            5,
            note(None, NoteKind::Parking, "Hur når vi dem som inte kommer?"),
        ),
    ]
}

/// The first note of the note-taker's journal (its `Joined` is line 1).
fn first_note() -> NoteId {
    NoteId {
        writer: "sam".into(),
        seq: 2,
    }
}

/// Events at minutes after the planned start.
type Timed = Vec<(i64, Event)>;

/// A view state: its name, the facilitator's events, the note-taker's, and the minute it is
/// looked at.
fn cases() -> Vec<(&'static str, Timed, Timed, i64)> {
    let ended = {
        let mut events = at_breakout(None);
        events.push((30, Event::Ended));
        events
    };
    vec![
        ("lobby", Vec::new(), Vec::new(), 0),
        (
            "countdown",
            vec![(0, Event::TimerStarted { at: Place::START })],
            Vec::new(),
            3,
        ),
        ("breakout_countdown", at_breakout(None), notes(), 8),
        (
            "with_notes",
            at_breakout(Some(RoomView::WithNotes)),
            notes(),
            8,
        ),
        ("wall", at_breakout(Some(RoomView::Wall)), notes(), 8),
        (
            "pinned",
            at_breakout(Some(RoomView::Pinned(first_note()))),
            notes(),
            8,
        ),
        // 20 minutes into a 20-minute timebox and past it: time's up, overtime.
        ("overtime", at_breakout(None), Vec::new(), 23),
        ("ended", ended, notes(), 31),
    ]
}

fn every_frame() -> Vec<(String, Buffer)> {
    let mut frames = Vec::new();
    for (name, facilitator, notes, minute) in cases() {
        for lang in [Lang::Sv, Lang::En] {
            let show = show(lang, &facilitator, &notes);
            for (w, h) in [(40, 12), (80, 24), (120, 40), (200, 60)] {
                let code = if lang == Lang::Sv { "sv" } else { "en" };
                frames.push((
                    format!("{name}_{code}_{w}x{h}"),
                    render(&show, NINE + minute * MIN, w, h),
                ));
            }
        }
    }
    frames
}

#[test]
fn every_show_view_at_every_size_in_both_languages() {
    for (name, buffer) in every_frame() {
        insta::assert_snapshot!(name, text_of(&buffer));
    }
}

/// The facilitator's notes of every item, a draft being typed, the stage's keys: never drawn on
/// the room's screen, whatever it shows.
#[test]
fn nothing_private_is_ever_drawn_on_the_show() {
    let session = spar::session::parse::parse_session(KICKOFF).unwrap();
    let private: Vec<String> = session
        .agenda
        .iter()
        .filter_map(|item| item.notes.as_deref())
        .map(|n| n.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
        .collect();
    assert!(!private.is_empty(), "the kickoff has facilitator notes");
    let mut draft = notes();
    draft.push((
        6,
        Event::Draft {
            at: Place { item: 6, step: 0 },
            group: None,
            text: "ett utkast som ingen ska se".into(),
            by: "Sam".into(),
        },
    ));
    for view in [
        None,
        Some(RoomView::WithNotes),
        Some(RoomView::Wall),
        Some(RoomView::Pinned(first_note())),
    ] {
        for item in 0..session.agenda.len() {
            let place = Place { item, step: 0 };
            let mut events = vec![
                (0, Event::TimerStarted { at: Place::START }),
                (1, Event::Moved { to: place }),
            ];
            events.extend(view.clone().map(|view| (2, Event::RoomView { view })));
            let shown = show(Lang::Sv, &events, &draft);
            let screen = text_of(&render(&shown, NINE + 8 * MIN, 200, 60));
            let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
            for words in &private {
                assert!(
                    !flat.contains(words.as_str()),
                    "{words:?} on the show:\n{screen}"
                );
            }
            assert!(
                !flat.contains("ett utkast"),
                "a draft on the show:\n{screen}"
            );
            assert!(!flat.contains("Processledarens"), "{screen}");
        }
    }
}

/// A note-taker's journal cannot choose what the room sees: only the facilitator's can.
#[test]
fn a_note_takers_room_view_line_changes_nothing() {
    let forged = vec![(
        3,
        Event::RoomView {
            view: RoomView::Wall,
        },
    )];
    let shown = show(Lang::En, &at_breakout(None), &forged);
    assert_eq!(shown.run.room, RoomView::Countdown);
    assert_eq!(shown.run.screens(), 1);
}

/// A note the room was shown, deleted by the facilitator: the room's screen at 80×24 says it
/// whole — who, whose, where, its first words, who can bring it back — wrapped at words in
/// rows of its own, never cut at the edge.
#[test]
fn a_deleted_note_the_room_saw_is_said_whole_at_80_by_24() {
    for (lang, code) in [(Lang::Sv, "sv"), (Lang::En, "en")] {
        let facilitator = at_breakout(Some(RoomView::WithNotes));
        let mut shown = show(lang, &facilitator, &notes());
        let now = NINE + 8 * MIN;
        shown.run.apply(&Entry {
            writer: Arc::from("anna"),
            record: Record {
                hlc: None,
                at: now - MIN,
                // After its `Joined` and its events.
                seq: facilitator.len() as u64 + 2,
                ev: Event::NoteDeleted { id: first_note() },
            },
        });
        shown.after_fold(now);
        let notice = shown.deletion_notice(now).expect("the room saw the note");
        let screen = text_of(&render(&shown, now, 80, 24));
        insta::assert_snapshot!(format!("deleted_{code}_80x24"), screen);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat_screen = flat(&screen.replace('│', " "));
        assert!(
            flat_screen.contains(&flat(&notice)),
            "{notice:?} not whole on:\n{screen}"
        );
    }
}
