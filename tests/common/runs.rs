//! A saved run made the way a user makes one, for the tests that compare builds.

use std::path::Path;

use super::pty::Pty;

/// Makes a run of the kickoff with two notes, typed into this platform's `spar`.
pub fn make_run(data: &Path) -> String {
    let mut spar = Pty::spawn(
        &["--as", "Anna", "run", "kickoff"],
        data,
        "en_GB.UTF-8",
        120,
        40,
    );
    spar.wait_for("Press space");
    spar.send(b"i");
    spar.wait_for("Type here");
    spar.type_keys("Första anteckningen – åäö");
    spar.send(b"\r");
    spar.wait_for("Anna");
    spar.type_keys("Second note");
    spar.send(b"\r");
    spar.wait_for("Second note");
    spar.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"q");
    spar.wait_exit();
    let run = std::fs::read_dir(data.join("runs"))
        .unwrap()
        .next()
        .expect("a run folder")
        .unwrap();
    run.file_name().to_string_lossy().to_string()
}
