//! `F`, fit the rest, end to end: a stage and a join in pseudo-terminals on one run. The fit is
//! journalled, so the join shows the new plan; `u` in the stage's overview takes it back, and
//! the join shows that too.

mod common;

use common::pty::Pty;

/// The kickoff, planned to start this minute (UTC, as the pseudo-terminals run), in a sessions
/// folder of its own: the meeting is on time when it starts, whatever the time of day.
fn kickoff_starting_now(dir: &std::path::Path) {
    let now = jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now());
    if now.hour() == 23 && now.minute() == 59 {
        // The run must begin on the day its planned start names.
        std::thread::sleep(std::time::Duration::from_secs(61));
        return kickoff_starting_now(dir);
    }
    let start = format!("start: \"{:02}:{:02}\"", now.hour(), now.minute());
    let text = include_str!("../sessions/kickoff.ron").replace("start: \"09:00\"", &start);
    std::fs::write(dir.join("kickoff.ron"), text).unwrap();
}

#[test]
fn a_fit_made_on_the_stage_shows_in_a_join_and_is_undone_with_u() {
    let data = tempfile::tempdir().unwrap();
    let sessions = tempfile::tempdir().unwrap();
    kickoff_starting_now(sessions.path());
    let dir = sessions.path().to_str().unwrap();
    let mut stage = Pty::spawn(
        &["--as", "Fia", "--sessions", dir, "run", "kickoff"],
        data.path(),
        "en_GB.UTF-8",
        120,
        40,
    );
    stage.wait_for("Press space");
    stage.send(b" ");
    stage.wait_for("RUNNING");
    // Five minutes more for the welcome: the meeting now runs five minutes late.
    stage.send(b"+++++");
    stage.wait_for("5 min behind");

    let mut join = Pty::spawn(
        &["--as", "Sam", "--sessions", dir, "join"],
        data.path(),
        "en_GB.UTF-8",
        120,
        40,
    );
    join.answer_on_stage(b"\r");
    join.wait_for("Following the facilitator");
    join.wait_for("5 min behind");
    // The join opens with the editor ready: Esc, then the agenda overview.
    join.send(b"\x1b");
    join.wait_for("i write a note");
    join.send(b"o");
    join.wait_for("Agenda");
    assert!(!join.screen().contains("new plan"));

    stage.send(b"F");
    stage.wait_for("Fit the rest into the planned end");
    stage.wait_for("with the new plan: projected end");
    stage.send(b"\r");
    // A popup clears the stage beneath it: the projection shows once none is open.
    let screen = stage.wait_until(
        |s| s.contains("on time") || s.contains("╭ Agenda"),
        "the fit applied",
    );
    if screen.contains("╭ Agenda") {
        stage.send(b"\x1b");
        stage.wait_for("on time");
    }

    // The join folds the same event: its overview has the new plan beside the old, its
    // projection is on time.
    join.wait_for("new plan");
    join.send(b"\x1b");
    join.wait_for("on time");

    // `u` in the stage's overview takes the fit back, everywhere.
    stage.send(b"o");
    stage.wait_for("u undo the fit");
    stage.send(b"u");
    stage.send(b"\x1b");
    stage.wait_for("5 min behind");
    join.wait_for("5 min behind");
    join.send(b"o");
    join.wait_until(
        |s| s.contains("Agenda") && !s.contains("new plan"),
        "the fit undone in the join",
    );
}
