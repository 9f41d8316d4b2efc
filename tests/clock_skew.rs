//! A note-taker's computer whose clock is behind the facilitator's: the join says so and counts
//! down by the facilitator's clock.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::pty::{Pty, countdown_seconds};
use spar::run::journal::encode;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, Millis, Place, Record, Role};
use spar::session::parse::parse_session;

fn now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as Millis
}

#[test]
fn a_join_whose_clock_is_a_minute_behind_says_so_and_counts_down_by_the_facilitators() {
    let data = tempfile::tempdir().unwrap();
    let session = parse_session(include_str!("../sessions/kickoff.ron")).unwrap();
    // The facilitator's clock is 60 s ahead of this one: they started the first timebox "now".
    let theirs = now_ms() + 60_000;
    let run = DataDir::at(data.path())
        .create_run(RunHeader::new(session, None, theirs, "Fia"))
        .unwrap();
    let events = [
        Event::Joined {
            name: "Fia".into(),
            role: Role::Facilitator,
        },
        Event::TimerStarted { at: Place::START },
    ];
    let journal: String = events
        .into_iter()
        .enumerate()
        .map(|(i, ev)| {
            encode(&Record {
                hlc: None,
                at: theirs,
                seq: i as u64 + 1,
                ev,
            })
        })
        .collect();
    std::fs::write(run.path().join("fia-00000a.ron"), journal).unwrap();

    let mut join = Pty::spawn(
        &["--as", "Sam", "join", "--group", "Grupp Siljan"],
        data.path(),
        "en_GB.UTF-8",
        120,
        30,
    );
    join.answer_on_stage(b"\r");
    let screen = join.wait_for("s behind the facilitator's");
    assert!(
        screen.contains("this computer's clock is 60 s behind the facilitator's")
            || screen.contains("this computer's clock is 59 s behind the facilitator's"),
        "{screen}"
    );
    // The first item's 10 minutes, just begun on the facilitator's clock (not 11 minutes).
    let screen = join.wait_until(|s| countdown_seconds(s).is_some(), "a countdown");
    let left = countdown_seconds(&screen).unwrap();
    assert!((580..=600).contains(&left), "{left} s left:\n{screen}");

    let mut sv = Pty::spawn(
        &["--as", "Dana", "join"],
        data.path(),
        "sv_SE.UTF-8",
        120,
        30,
    );
    sv.answer_on_stage(b"\r");
    sv.wait_for("s efter processledarens");
}
