//! Issue 19: a deletion is said in every terminal of the run — who deleted whose note, where,
//! its first words, and how to bring it back: `u` in a terminal that may (the note's writer, the
//! facilitator), the names of those who may elsewhere, and on the room's screen only a note
//! the room was shown.

mod common;

use common::pty::Pty;

#[test]
fn a_deletion_on_the_stage_is_said_in_the_join_and_the_room_and_the_writer_brings_it_back() {
    let data = tempfile::tempdir().unwrap();
    let en = "en_GB.UTF-8";
    let mut stage = Pty::kickoff_lobby("Karin", data.path(), en);
    stage.start_first_timebox();
    stage.wait_for("RUNNING");
    let show = Pty::spawn(&["--as", "Rum", "show"], data.path(), en, 120, 30);
    show.wait_for("RUNNING");
    stage.send(b"v");
    stage.wait_for("The room sees: the countdown with the notes");
    show.wait_for("No notes yet");

    let mut sam = Pty::spawn(&["--as", "Sam", "join"], data.path(), en, 120, 40);
    sam.answer_on_stage(b"\r");
    sam.wait_for("RUNNING");
    let mut dana = Pty::spawn(&["--as", "Dana", "join"], data.path(), en, 120, 40);
    dana.answer_on_stage(b"\r");
    dana.wait_for("RUNNING");
    // A join opens with its editor open.
    sam.wait_for("Type here");
    sam.type_keys("budget first please");
    sam.send(b"\r");
    sam.send(b"\x1b");
    sam.wait_until(|s| !s.contains("Alt+Enter"), "the editor closed");
    stage.wait_for("budget first please");
    show.wait_for("budget first please");
    dana.wait_for("budget first please");

    // The facilitator deletes it.
    stage.send(b"\x1b[A");
    stage.send(b"x");
    stage.wait_for("Deleted “budget first please");

    // The writer: who, whose, its words, and `u` here.
    let said = sam.wait_for("Karin deleted a note by Sam");
    assert!(
        said.contains("“budget first please” · u brings it back"),
        "{said}"
    );
    // Another note-taker may not: who may is named.
    let said = dana.wait_for("Karin deleted a note by Sam");
    assert!(
        said.contains("Sam or the facilitator can bring it back with u"),
        "{said}"
    );
    // The room saw it: said there too, without a key.
    let said = show.wait_for("Karin deleted a note by Sam");
    assert!(said.contains("the facilitator can bring it back"), "{said}");
    show.wait_until(
        |s| !s.contains("budget first please ·") || s.contains("deleted"),
        "gone",
    );

    // The writer brings it back: every terminal has it again.
    sam.send(b"u");
    // (The stage's own line about its `x` stays until its next key.)
    stage.wait_until(
        |s| s.matches("budget first please").count() == 2,
        "the note back on the stage",
    );
    dana.wait_until(
        |s| s.matches("budget first please").count() == 2,
        "the note back in the other join",
    );

    // Dana's `u` brings back nothing of Sam's: the stage deletes it again, Dana tries.
    dana.send(b"\x1b");
    dana.wait_until(|s| !s.contains("deleted a note"), "Dana's line cleared");
    stage.send(b"\x1b[A");
    stage.send(b"x");
    dana.wait_for("Sam or the facilitator can bring it back with u");
    dana.send(b"u");
    dana.wait_until(|s| !s.contains("deleted a note"), "Dana's key taken");
    // Nothing brought it back: the stage's notes panel stays empty.
    stage.send(b"\x1b");
    let screen = stage.wait_until(|s| !s.contains("Deleted “"), "the stage's line gone");
    assert!(screen.contains("No notes yet"), "{screen}");
}

#[test]
fn a_deletion_is_said_in_swedish_and_the_room_hears_nothing_of_a_note_it_did_not_see() {
    let data = tempfile::tempdir().unwrap();
    let sv = "sv_SE.UTF-8";
    let mut stage = Pty::kickoff_lobby("Karin", data.path(), sv);
    stage.start_first_timebox();
    stage.wait_for("PÅGÅR");
    // The room shows only the countdown: no note is public there.
    let show = Pty::spawn(&["--as", "Rum", "show"], data.path(), sv, 120, 30);
    show.wait_for("PÅGÅR");
    let mut sam = Pty::spawn(&["--as", "Sam", "join"], data.path(), sv, 120, 40);
    sam.answer_on_stage(b"\r");
    sam.wait_for("PÅGÅR");
    sam.wait_for("Skriv här");
    sam.type_keys("budget först");
    sam.send(b"\r");
    sam.send(b"\x1b");
    stage.wait_for("budget först");
    stage.send(b"\x1b[A");
    stage.send(b"x");
    stage.wait_for("Raderade ”budget först");
    let said = sam.wait_for("Karin raderade en anteckning av Sam");
    assert!(said.contains("”budget först” · u ångrar"), "{said}");
    // The stage saw Sam's join say it; the room, which never showed the note, says nothing.
    let screen = show.screen();
    assert!(!screen.contains("raderade"), "{screen}");
    assert!(!screen.contains("budget"), "{screen}");
}
