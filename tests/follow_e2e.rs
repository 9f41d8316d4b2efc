//! Following a run from outside: a note-taker's terminal that polls (`SPAR_WATCH=poll`, as on a
//! network share) still sees the facilitator's notes while no countdown wakes it, and a run
//! written by four processes at once opens on the stage with the newest note in view.

mod common;

use common::interleaved;
use common::pty::Pty;

#[test]
fn a_polling_join_and_the_stage_see_each_others_notes_with_no_countdown_running() {
    let data = tempfile::tempdir().unwrap();
    let stage = Pty::kickoff_lobby("Fia", data.path(), "en_GB.UTF-8");
    // The note-taker joins early, while the facilitator is still in the lobby (which creates no
    // run): the join waits for the run.
    let mut join = Pty::spawn_env(
        &["--as", "Sam", "join"],
        data.path(),
        &[("LANG", "en_GB.UTF-8"), ("SPAR_WATCH", "poll")],
        100,
        30,
    );
    join.wait_for("Waiting for the facilitator to start the meeting");
    // The run begins with the facilitator's first note, and the join opens it.
    let mut stage = stage;
    stage.send(b"i");
    stage.type_keys("Välkomna");
    stage.send(b"\r");
    stage.wait_for("· Fia ·");
    join.answer_on_stage(b"\r");
    join.wait_for("Following the facilitator");
    join.wait_for("Välkomna");

    // Nothing runs on either screen: the join reads the journals by itself, a second apart.
    stage.type_keys("Från scenen");
    stage.send(b"\r");
    join.wait_for("Från scenen");

    join.type_keys("Från antecknaren");
    join.send(b"\r");
    stage.wait_for("Från antecknaren");
}

#[test]
fn a_run_of_four_writers_opens_with_the_newest_note_in_view() {
    let data = tempfile::tempdir().unwrap();
    let text = include_str!("../sessions/kickoff.ron");
    let session = spar::session::parse::parse_session(text).unwrap();
    let id = interleaved::write_run(data.path(), &session, 3_000);
    let stage = Pty::spawn(
        &["--as", "Fia", "run", "kickoff", "--resume", &id],
        data.path(),
        "en_GB.UTF-8",
        200,
        60,
    );
    // The last note of the run, by the last of the four writers.
    stage.wait_for("Anteckning 2999: vad gruppen sa");
}
