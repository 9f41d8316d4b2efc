//! A full or refusing disk loses nothing typed: the quit question counts every event not yet
//! saved (a run never created too), the copy goes outside the shared folder, and when no copy
//! can be written the words are printed on the terminal given back.

mod common;

use std::path::Path;

use common::pty::Pty;

/// A data folder where no run can be created: `runs` is a file.
fn no_room_for_runs() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("runs"), "").unwrap();
    data
}

/// `spar run kickoff` on `data` with `env`, a note typed and Enter pressed, then `q`: the stage
/// must ask, and `y` quits with exit code 1.
fn note_then_quit(data: &Path, env: &[(&str, &str)], note: &str) -> Pty {
    let mut env = env.to_vec();
    env.push(("LANG", "en_GB.UTF-8"));
    let mut spar = Pty::spawn_env(&["--as", "Anna", "run", "kickoff"], data, &env, 100, 30);
    spar.wait_for("Press space");
    spar.type_into_new_note(note);
    spar.send(b"\r");
    spar.wait_for("Type here");
    spar.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"q");
    spar.wait_for("not saved yet. Quit anyway?");
    spar.send(b"y");
    assert_eq!(spar.wait_exit(), 1);
    assert!(!spar.alternate_screen());
    spar
}

#[test]
fn a_note_typed_before_the_run_could_be_created_is_asked_about_and_kept() {
    let data = no_room_for_runs();
    let spar = note_then_quit(data.path(), &[], "the chairs are booked");
    let screen = spar.wait_for("a copy is in");
    assert!(screen.contains("could not be saved"), "{screen}");
    let copies = data.path().join("state").join("spar").join("unsaved");
    let copy = std::fs::read_dir(&copies)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .next()
        .expect("a copy in the state folder");
    let kept = std::fs::read_to_string(copy).unwrap();
    assert!(kept.contains("\nthe chairs are booked\n"), "{kept}");
}

#[test]
fn when_no_copy_can_be_written_the_words_are_printed() {
    let data = no_room_for_runs();
    // Files where the state, cache and temporary folders should be.
    let blocked = data.path().join("blocked");
    std::fs::write(&blocked, "").unwrap();
    let blocked = blocked.to_str().unwrap();
    let env = [
        ("XDG_STATE_HOME", blocked),
        ("XDG_CACHE_HOME", blocked),
        ("TMPDIR", blocked),
    ];
    let spar = note_then_quit(data.path(), &env, "the chairs are booked");
    let screen = spar.wait_for("nor copied");
    let raw = String::from_utf8_lossy(&spar.raw()).into_owned();
    let tail = &raw[raw.len().saturating_sub(400)..];
    assert!(
        screen.contains("the chairs are booked"),
        "{screen}\n{tail:?}"
    );
}
