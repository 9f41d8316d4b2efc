//! The real binary in a pseudo-terminal, end to end: a meeting promises an action, the next
//! meeting's recap shows it, the review marks it done, and the recap after that no longer shows it.

mod common;

use common::pty::Pty;

const LANG: &str = "en_GB.UTF-8";
const ACTION: &str = "Ask the council about wifi";

/// Steps the stage forward with `n` until the position line shows `position`.
fn advance_to(spar: &mut Pty, position: &str) -> String {
    let line = |s: &str| s.lines().nth(1).unwrap_or("").to_string();
    for _ in 0..40 {
        let screen = spar.screen();
        if line(&screen).contains(position) {
            return screen;
        }
        spar.send(b"n");
        // The next place is on screen before the next key.
        let before = line(&screen);
        spar.wait_until(|s| line(s) != before, "the next place");
    }
    panic!("never reached {position}:\n{}", spar.screen())
}

/// A new run of the second meeting, at its recap item; returns the screen there.
fn second_meeting_recap(data: &std::path::Path) -> String {
    let mut spar = Pty::spawn(&["run", "digitala-samhallet", "--new"], data, LANG, 120, 40);
    spar.wait_for("Press space to start the first item");
    let screen = advance_to(&mut spar, "Item 3 of 10 · Recap");
    spar.send(b"q");
    assert_eq!(spar.wait_exit(), 0);
    screen
}

#[test]
fn an_action_is_recapped_until_the_review_marks_it_done() {
    let data = tempfile::tempdir().unwrap();

    // The kickoff: one action for Erik.
    let mut kickoff = Pty::spawn(&["run", "kickoff"], data.path(), LANG, 120, 40);
    kickoff.wait_for("Press space to start the first item");
    kickoff.send(b"i");
    kickoff.wait_for("Enter");
    kickoff.type_keys(ACTION);
    // Ctrl+T twice: note → decision → action; Tab to the owner.
    kickoff.send(b"\x14");
    kickoff.wait_for("Decision ·");
    kickoff.send(b"\x14");
    kickoff.wait_for("Action ·");
    kickoff.send(b"\t");
    kickoff.type_keys("Erik");
    kickoff.send(b"\r");
    kickoff.wait_for("Action → Erik");
    kickoff.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    kickoff.send(b"q");
    assert_eq!(kickoff.wait_exit(), 0);

    // The next meeting's recap lists it.
    let screen = second_meeting_recap(data.path());
    assert!(
        screen.contains("Open action items from earlier meetings"),
        "{screen}"
    );
    assert!(screen.contains(ACTION), "{screen}");
    assert!(screen.contains("Erik · meeting 1 Kick off"), "{screen}");

    // The review marks it done.
    let mut review = Pty::spawn(&["review"], data.path(), LANG, 120, 40);
    review.wait_for("1 Kick off");
    review.send(b"4");
    review.wait_for("All action items · 1 open · 0 done");
    assert!(review.screen().contains(ACTION));
    review.send(b"d");
    review.wait_for("All action items · 0 open · 1 done");
    review.send(b"q");
    assert_eq!(review.wait_exit(), 0);
    assert!(!review.alternate_screen(), "left the alternate screen");

    // The recap after that no longer lists it.
    let screen = second_meeting_recap(data.path());
    assert!(!screen.contains(ACTION), "{screen}");
    assert!(
        screen.contains("Nothing open from earlier meetings"),
        "{screen}"
    );

    // And `spar runs` shows all three runs, the kickoff first.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["runs", "--lang", "en"])
        .env("SPAR_DATA_DIR", data.path())
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let listing = String::from_utf8(out.stdout).unwrap();
    let sessions: Vec<&str> = listing
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        sessions,
        ["kickoff", "digitala-samhallet", "digitala-samhallet"],
        "{listing}"
    );
}

#[test]
fn review_searches_and_jumps_to_the_note() {
    let data = tempfile::tempdir().unwrap();
    let mut kickoff = Pty::spawn(&["run", "kickoff"], data.path(), "sv_SE.UTF-8", 80, 24);
    kickoff.wait_for("Tryck mellanslag");
    // Typed only once the editor is open (the stage's own lines may say "Enter" before it).
    kickoff.type_into_new_note("Läsecirkel om källkritik");
    kickoff.send(b"\r");
    // Saved: the editor is empty again (the lobby has no notes panel; the review below finds
    // the note on disk).
    kickoff.wait_until(
        |s| !s.contains("Läsecirkel om källkritik") && s.contains("Skriv här"),
        "the editor emptied by the save",
    );
    kickoff.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    kickoff.send(b"q");
    assert_eq!(kickoff.wait_exit(), 0);

    let mut review = Pty::spawn(&["review"], data.path(), "sv_SE.UTF-8", 80, 24);
    review.wait_for("1 Kick off");
    review.send(b"/");
    review.wait_for("Sök:");
    review.type_keys("KÄLLKRITIK");
    review.wait_for("1 resultat");
    review.send(b"\r");
    // The notes screen, at the note, under its item.
    let screen = review.wait_for("1. Välkomna till Dalaspåret");
    assert!(screen.contains("1 anteckning"), "{screen}");
    assert!(screen.contains("Läsecirkel om källkritik"), "{screen}");
    review.send(b"q");
    assert_eq!(review.wait_exit(), 0);
}
