//! Closing mid-note keeps the words in the record: Ctrl+C with words in the editor asks first,
//! and leaving — confirmed, a closed window, a signal — saves them as a note marked unfinished,
//! which every view and export shows in the user's language.

mod common;

use std::path::Path;
use std::process::Command;

use common::pty::Pty;

fn only_run(data: &Path) -> String {
    std::fs::read_dir(data.join("runs"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .next()
        .expect("a run")
}

fn export(data: &Path, lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", lang, "export", &only_run(data)])
        .env("SPAR_DATA_DIR", data)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn ctrl_c_with_words_in_the_editor_asks_and_keeps_them_as_an_unfinished_note() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "en_GB.UTF-8", 100, 30);
    spar.type_into_new_note("half a thought");
    spar.send(b"\x03");
    spar.wait_for("saved as unfinished");
    // No: back to the editor, the words still there.
    spar.send(b"n");
    spar.type_keys(" and more");
    spar.wait_for("half a thought and more");
    spar.send(b"\x03");
    spar.wait_for("saved as unfinished");
    spar.send(b"y");
    assert_eq!(spar.wait_exit(), 0);
    assert!(!spar.alternate_screen());
    for (lang, mark) in [("en", "unfinished"), ("sv", "ofullständig")] {
        let md = export(data.path(), lang);
        let line = md
            .lines()
            .position(|l| l.contains("half a thought and more"))
            .unwrap_or_else(|| panic!("{lang}: the words are in the export:\n{md}"));
        let near: String = md.lines().skip(line).take(3).collect::<Vec<_>>().join("\n");
        assert!(near.contains(mark), "{lang}: marked {mark}:\n{near}");
    }
}

#[test]
fn a_closed_window_saves_the_words_as_an_unfinished_note() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "sv_SE.UTF-8", 100, 30);
    spar.type_into_new_note("halv tanke");
    spar.signal("HUP");
    assert_eq!(spar.wait_exit(), 0);
    let md = export(data.path(), "sv");
    assert!(md.contains("halv tanke"), "{md}");
    assert!(md.contains("ofullständig"), "{md}");
}

/// A change of a saved note in progress when the process ends (a signal here) is kept as the
/// note's text, marked unfinished, in the record for everyone — not only as a private draft.
#[test]
fn a_change_of_a_saved_note_in_progress_is_kept_as_an_unfinished_edit() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "en_GB.UTF-8", 120, 40);
    spar.start_first_timebox();
    spar.wait_for("RUNNING");
    spar.type_into_new_note("first version");
    spar.send(b"\r");
    spar.send(b"\x1b");
    spar.wait_until(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"\x1b[A");
    spar.send(b"e");
    spar.wait_for("Alt+Enter");
    spar.type_keys(" revised");
    spar.wait_for("first version revised");
    spar.signal("TERM");
    assert_eq!(spar.wait_exit(), 0);
    for (lang, mark) in [("en", "unfinished"), ("sv", "ofullständig")] {
        let md = export(data.path(), lang);
        assert!(
            !md.contains("first version\n"),
            "{lang}: the change is kept:\n{md}"
        );
        let line = md
            .lines()
            .position(|l| l.contains("first version revised"))
            .unwrap_or_else(|| panic!("{lang}: the change is in the export:\n{md}"));
        let near: String = md.lines().skip(line).take(3).collect::<Vec<_>>().join("\n");
        assert!(near.contains(mark), "{lang}: marked {mark}:\n{near}");
    }
}
