//! Who is taking notes: the facilitator's stage shows the note-takers' terminals that joined and
//! have not left, with their groups; a join that quits says so in its journal.

mod common;

use std::sync::Arc;

use common::pty::Pty;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Record, Role};
use spar::session::parse::parse_session;

fn entry(writer: &str, seq: u64, ev: Event) -> Entry {
    Entry {
        writer: Arc::from(writer),
        record: Record {
            hlc: None,
            at: 1_000 * seq as i64,
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

#[test]
fn note_takers_are_those_joined_and_not_left_with_their_groups() {
    let session =
        Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).expect("kickoff parses"));
    let siljan = Some("Grupp Siljan".to_string());
    let entries = [
        entry("fia-000001", 1, joined("Fia", Role::Facilitator)),
        entry("sam-000002", 2, joined("Sam", Role::NoteTaker)),
        entry("sam-000002", 3, Event::TakingNotes { group: None }),
        entry("dana-000003", 4, joined("Dana", Role::NoteTaker)),
        entry("dana-000003", 5, Event::TakingNotes { group: None }),
        // Sam chooses Siljan; Dana quits; Sam's earlier process (a crash) joined too.
        entry(
            "sam-000002",
            6,
            Event::TakingNotes {
                group: siljan.clone(),
            },
        ),
        entry("dana-000003", 7, Event::Left),
        entry("sam-000004", 8, joined("Sam", Role::NoteTaker)),
        entry(
            "sam-000004",
            9,
            Event::TakingNotes {
                group: siljan.clone(),
            },
        ),
    ];
    // Each journal's lines are numbered from 1 (its `Joined`), in the order written.
    let mut entries = entries.to_vec();
    for i in 0..entries.len() {
        let earlier = entries[..i].iter();
        let seq = earlier.filter(|e| e.writer == entries[i].writer).count() + 1;
        entries[i].record.seq = seq as u64;
    }
    let state = RunState::fold(session, &entries);
    assert_eq!(state.note_takers(), [("Sam", Some("Grupp Siljan"))]);
    // Joining and leaving is not the meeting's own activity.
    assert_eq!(state.last_activity, 1_000);
}

#[test]
fn the_stage_shows_a_join_with_its_group_until_it_quits() {
    let data = tempfile::tempdir().unwrap();
    let mut stage = Pty::spawn(
        &["--as", "Fia", "run", "kickoff"],
        data.path(),
        "en_GB.UTF-8",
        160,
        40,
    );
    stage.wait_for("Press space");
    // The run begins with its first item.
    stage.start_first_timebox();
    stage.wait_for("RUNNING");
    let mut join = Pty::spawn(
        &["--as", "Sam", "join", "--group", "Grupp Siljan"],
        data.path(),
        "sv_SE.UTF-8",
        100,
        30,
    );
    join.answer_on_stage(b"\r");
    join.wait_for("Följer processledaren");
    stage.wait_for("Taking notes: Sam (Grupp Siljan)");

    join.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    join.send(b"q");
    join.wait_exit();
    stage.wait_until(|s| !s.contains("Taking notes"), "the note-taker gone");

    let run = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let journals: Vec<String> = std::fs::read_dir(&run)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("sam-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(journals.len(), 1);
    let last = journals[0].lines().last().unwrap();
    assert!(last.contains("ev:Left"), "{}", journals[0]);
}
