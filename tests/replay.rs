//! `spar replay`: the stage as it stood at any moment of a run, drawn by the stage's own views
//! under a timeline; stepped, played and jumped through; in a pseudo-terminal too.

mod common;

use std::sync::Arc;

use common::pty::Pty;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::replay::{Outcome, Replay};
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, Millis, NoteKind, Place, Role};
use spar::stage::Context;
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC.
const KICKOFF: Millis = 1_600_333_200_000;

fn place(item: usize, step: usize) -> Place {
    Place { item, step }
}

/// A kickoff run: the welcome (12 minutes, two over), the check-in's first turn with a note
/// written at 09:14, then ended at 09:20.
fn kickoff(data: &DataDir) -> RunDir {
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let session = catalog.get("kickoff").unwrap().clone();
    let header = RunHeader::new(session, catalog.track.clone(), KICKOFF, "Anna");
    let dir = data.create_run(header).unwrap();
    let mut w = dir.open_writer("anna-000001").unwrap();
    let events = [
        (
            0,
            Event::Joined {
                name: "Anna".into(),
                role: Role::Facilitator,
            },
        ),
        (0, Event::TimerStarted { at: place(0, 0) }),
        (12, Event::Moved { to: place(1, 0) }),
        (12, Event::TimerStarted { at: place(1, 0) }),
        (
            14,
            Event::NoteSaved {
                at: place(1, 0),
                group: None,
                kind: NoteKind::Note,
                text: "Biblioteket är kommunens vardagsrum.".into(),
                by: "Lena".into(),
            },
        ),
        (20, Event::Ended),
    ];
    for (minute, ev) in events {
        w.append(KICKOFF + minute * MIN, ev).unwrap();
    }
    dir
}

fn replay_of(dir: &RunDir, lang: Lang) -> Replay {
    let run = dir.load().unwrap();
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: run.header.id.clone(),
        track: Some("Dalaspåret".into()),
        start_of_day: KICKOFF,
        author: String::new(),
        role: Role::Facilitator,
        recap: Vec::new(),
    };
    Replay::new(Arc::new(run.header.session), run.entries, ctx)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn render(replay: &Replay, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| spar::replay::view::draw(f, replay))
        .unwrap();
    text_of(terminal.backend().buffer())
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

#[test]
fn stepping_playing_and_jumping_move_the_moment_through_the_events() {
    let data = tempfile::tempdir().unwrap();
    let dir = kickoff(&DataDir::at(data.path()));
    let mut r = replay_of(&dir, Lang::En);
    assert_eq!(
        (r.moment, r.position()),
        (KICKOFF, 2),
        "both events at 09:00"
    );
    assert!(r.stage().run.started_at.is_some());
    // → to the next moment with events: the move and the check-in's timer at 09:12.
    r.on_key(key(KeyCode::Right), 0);
    assert_eq!((r.moment, r.position()), (KICKOFF + 12 * MIN, 4));
    assert_eq!(r.stage().run.place, place(1, 0));
    // The note is not there before it was written, and is after.
    assert!(r.stage().run.notes.is_empty());
    r.on_key(key(KeyCode::Right), 0);
    assert_eq!(r.stage().run.notes.len(), 1);
    r.on_key(key(KeyCode::Left), 0);
    assert_eq!(r.moment, KICKOFF + 12 * MIN);
    assert!(r.stage().run.notes.is_empty());

    // 3 picks 60×, space plays: a wall-clock second is a minute of the meeting.
    r.on_key(key(KeyCode::Char('3')), 0);
    r.on_key(key(KeyCode::Char(' ')), 1_000);
    assert_eq!(r.speed, 60);
    r.tick(2_000);
    assert_eq!(r.moment, KICKOFF + 13 * MIN);
    // It wakes for the next shown second of the meeting, not later.
    assert_eq!(r.next_wake(2_000), Some(2_017));
    r.tick(9_000);
    assert_eq!(
        r.position(),
        6,
        "by 09:20 the note and the end have happened"
    );
    assert!(r.playing.is_none(), "play stops at the last event");
    assert_eq!(r.next_wake(9_000), None);
    // Home and End; 1, 2 and 4 are the other speeds.
    r.on_key(key(KeyCode::Home), 10_000);
    assert_eq!(r.moment, KICKOFF);
    for (c, speed) in [('1', 1), ('2', 10), ('4', 600)] {
        r.on_key(key(KeyCode::Char(c)), 10_000);
        assert_eq!(r.speed, speed);
    }
    r.on_key(key(KeyCode::End), 10_000);
    assert_eq!(r.position(), r.entries.len());
    assert_eq!(r.on_key(key(KeyCode::Char('q')), 10_000), Outcome::Quit);
}

#[test]
fn the_stage_as_it_stood_at_three_sizes_in_both_languages() {
    let data = tempfile::tempdir().unwrap();
    let dir = kickoff(&DataDir::at(data.path()));
    for lang in [Lang::Sv, Lang::En] {
        let mut r = replay_of(&dir, lang);
        // At 09:15, three minutes into the check-in's first turn, the note written at 09:14.
        r.on_key(key(KeyCode::Right), 0);
        r.on_key(key(KeyCode::Right), 0);
        r.moment += MIN;
        let name = if lang == Lang::Sv { "sv" } else { "en" };
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let screen = render(&r, w, h);
            assert!(
                screen.contains("Biblioteket är kommunens vardagsrum."),
                "{screen}"
            );
            assert!(screen.contains("09:15:00"), "{screen}");
            insta::assert_snapshot!(format!("replay_{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn the_replay_in_a_terminal_steps_plays_at_60x_and_quits() {
    let data = tempfile::tempdir().unwrap();
    let dir = kickoff(&DataDir::at(data.path()));
    let mut spar = Pty::spawn(&["replay", dir.id()], data.path(), "en_GB.UTF-8", 80, 24);
    spar.wait_for("event 2 of 6");
    spar.send(b"\x1b[C");
    spar.wait_for("event 4 of 6");
    spar.send(b"3");
    spar.send(b" ");
    // Playing at 60× (8 s of wall time to the end: a loaded machine may see it only once it has
    // stopped there, paused at the same speed).
    spar.wait_until(
        |s| s.contains("▶ 60×") || s.contains("‖ 60×"),
        "played at 60×",
    );
    spar.wait_for("event 6 of 6");
    spar.send(b"\x1b[H");
    spar.wait_for("event 2 of 6");
    // Stepped to it, the note written at 09:14 is on the stage as it stood then.
    // (Events 3 and 4 share their minute: one step passes both.)
    for event in [4, 5] {
        spar.send(b"\x1b[C");
        spar.wait_for(&format!("event {event} of 6"));
    }
    spar.wait_for("Biblioteket är kommunens vardagsrum.");
    spar.send(b"\x1b[F");
    spar.wait_for("event 6 of 6");
    spar.send(b"q");
    assert_eq!(spar.wait_exit(), 0);
}
