//! Issue 19: events are folded by a hybrid logical clock, not by raw wall stamps. A process
//! stamps what it writes after everything it has read, so a facilitator whose clock is behind
//! a note-taker's still deletes the note they just read; journals without hybrid stamps fold as
//! before.

use std::sync::Arc;

use spar::run::catalog::FoldedRun;
use spar::run::hold::BOUND;
use spar::run::journal::{decode, encode};
use spar::run::live::{FINISH_WAIT, LiveRun};
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, Millis, NoteKind, Place, Record, Role};
use spar::session::parse::parse_session;

const NINE: Millis = 1_600_333_200_000;

fn note(text: &str) -> Event {
    Event::NoteSaved {
        at: Place::START,
        group: None,
        kind: NoteKind::Note,
        text: text.into(),
        by: "Sam".into(),
    }
}

#[test]
fn a_facilitator_whose_clock_is_behind_deletes_the_note_they_read() {
    let data = tempfile::tempdir().unwrap();
    let session = parse_session(include_str!("../sessions/kickoff.ron")).unwrap();
    let run = DataDir::at(data.path())
        .create_run(RunHeader::new(session, None, NINE, "Karin"))
        .unwrap();
    // The note-taker's clock is two minutes ahead of the facilitator's (within the bound).
    let ahead = 2 * 60_000;
    let (mut stage, mut stage_state) =
        LiveRun::open(run.clone(), "Karin", Role::Facilitator, NINE).unwrap();
    let (mut join, mut join_state) =
        LiveRun::open(run.clone(), "Sam", Role::NoteTaker, NINE + ahead).unwrap();
    join.append(&mut join_state, note("budget first"), NINE + ahead + 1_000);
    assert!(join.finish(&mut join_state, FINISH_WAIT).is_empty());

    // The stage reads the note a second later by its clock, and deletes it.
    stage.follow(&mut stage_state, NINE + 2_000);
    let id = stage_state
        .live_notes()
        .next()
        .expect("the note is read")
        .id
        .clone();
    stage.append(&mut stage_state, Event::NoteDeleted { id }, NINE + 3_000);
    assert!(stage.finish(&mut stage_state, FINISH_WAIT).is_empty());
    assert_eq!(stage_state.live_notes().count(), 0, "deleted on the stage");

    // Its wall stamp is before the note's, its hybrid stamp after: every reader deletes it.
    let lines = std::fs::read_to_string(stage.journal_path()).unwrap();
    let deleted = lines
        .lines()
        .map(|l| decode(l.as_bytes()).unwrap())
        .find(|r| matches!(r.ev, Event::NoteDeleted { .. }))
        .unwrap();
    assert_eq!(deleted.at, NINE + 3_000);
    assert!(deleted.hlc().wall >= NINE + ahead + 1_000, "{deleted:?}");
    let folded = FoldedRun::read(run.clone(), NINE + 4_000).unwrap();
    assert_eq!(folded.state.notes.len(), 1);
    assert_eq!(
        folded.state.live_notes().count(),
        0,
        "deleted in the export"
    );
    // Timers still count with wall stamps: the delete happened at 09:00:03 by the stage.
    assert!(folded.problems.is_empty(), "{:?}", folded.problems);
}

#[test]
fn a_line_carries_its_hybrid_stamp_only_when_it_is_not_its_wall_stamp() {
    let plain = Record::new(NINE, spar::run::hlc::Hlc::of_wall(NINE), 1, Event::Ended);
    assert_eq!(plain.hlc, None);
    assert!(!encode(&plain).contains("hlc"), "{}", encode(&plain));
    let raised = spar::run::hlc::Hlc {
        wall: NINE + 90_000,
        count: 2,
    };
    let record = Record::new(NINE, raised, 2, Event::Ended);
    let line = encode(&record);
    assert!(
        line.contains("hlc:Some((wall:1600333290000,count:2))"),
        "{line}"
    );
    assert_eq!(decode(line.as_bytes()).unwrap(), record);
    assert_eq!(record.hlc(), raised);
    // A line of an older spar sorts by its wall stamp.
    let old = "(at:1600333200000,seq:1,ev:Ended,crc:0x00000000)";
    let body = "(at:1600333200000,seq:1,ev:Ended)";
    let line = old.replace(
        "00000000",
        &format!("{:08x}", crc32fast::hash(body.as_bytes())),
    );
    let read = decode(line.as_bytes()).unwrap();
    assert_eq!(read.hlc(), spar::run::hlc::Hlc::of_wall(NINE));
    // A hybrid stamp forged behind its wall stamp sorts by the wall stamp; one beyond the
    // bound is held like a wall stamp beyond it.
    let behind = Record {
        hlc: Some(spar::run::hlc::Hlc::of_wall(0)),
        ..plain.clone()
    };
    assert_eq!(behind.hlc().wall, NINE);
    let ahead = Record {
        hlc: Some(spar::run::hlc::Hlc::of_wall(NINE + BOUND + 1)),
        ..plain
    };
    let entry = spar::run::Entry {
        writer: Arc::from("w"),
        record: ahead,
    };
    assert!(spar::run::hold::too_far(&entry, NINE));
}
