//! Several tracks at once: the example track of `sessions/examples/` beside the shipped
//! Dalaspåret in `spar check`, `spar list`, `spar run --track` and `spar export --track`, and
//! the export's format from the name of its file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::pty::Pty;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> PathBuf {
    root().join("sessions/examples")
}

/// `spar ARGS` with its data in `data`, in the language of `lang`.
fn spar(args: &[&str], data: &Path, lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(args)
        .stdin(Stdio::null())
        .current_dir(root())
        .env("SPAR_DATA_DIR", data)
        .env("LANG", lang)
        .env("TZ", "UTC")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("spar runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_examples_check_without_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let out = spar(&["check", "sessions/examples"], data.path(), "en_GB.UTF-8");
    assert_eq!(text(&out.stderr), "", "no errors and no warnings");
    assert_eq!(text(&out.stdout), "9 files checked: no problems\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn list_shows_both_tracks_each_numbered() {
    let data = tempfile::tempdir().unwrap();
    let dir = examples();
    for (lang, name) in [
        ("en_GB.UTF-8", "list_two_tracks_en"),
        ("sv_SE.UTF-8", "list_two_tracks_sv"),
    ] {
        let out = spar(
            &["--sessions", dir.to_str().unwrap(), "list"],
            data.path(),
            lang,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        insta::assert_snapshot!(name, text(&out.stdout));
    }
}

#[test]
fn plain_numbers_count_in_the_one_other_track() {
    let data = tempfile::tempdir().unwrap();
    let dir = examples();
    let dir = dir.to_str().unwrap();
    // `spar export --track ID` of a track without runs: its description, goals and meetings.
    let out = spar(
        &[
            "--sessions",
            dir,
            "export",
            "--track",
            "liberating-structures",
        ],
        data.path(),
        "en_GB.UTF-8",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Liberating Structures: four examples\n\nFour short structures"),
        "{md}"
    );
    // An unknown track names the known ones.
    let out = spar(
        &["--sessions", dir, "export", "--track", "nope"],
        data.path(),
        "en_GB.UTF-8",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "spar: unknown track \"nope\"; known tracks: dalasparet, liberating-structures\n"
    );
    let out = spar(
        &[
            "--sessions",
            dir,
            "run",
            "--track",
            "liberating-structures",
            "9",
        ],
        data.path(),
        "en_GB.UTF-8",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "spar: there is no meeting \"9\" in track \"liberating-structures\": it has 4 (1–4)\n"
    );
}

#[test]
fn the_track_export_begins_with_description_goals_and_prework() {
    let data = tempfile::tempdir().unwrap();
    let out = spar(
        &["export", "--track", "dalasparet"],
        data.path(),
        "sv_SE.UTF-8",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("track_export_without_runs_sv", text(&out.stdout));
}

#[test]
fn the_format_follows_the_name_of_the_file() {
    let data = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let html = out_dir.path().join("track.html");
    let md = out_dir.path().join("track.md");
    let forced = out_dir.path().join("forced.html");
    for (path, extra) in [(&html, None), (&md, None), (&forced, Some("md"))] {
        let mut args = vec!["export", "--track", "-o", path.to_str().unwrap()];
        if let Some(format) = extra {
            args.extend(["--format", format]);
        }
        let out = spar(&args, data.path(), "en_GB.UTF-8");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    assert!(
        fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert!(
        fs::read_to_string(&md)
            .unwrap()
            .starts_with("# Dalaspåret\n")
    );
    assert!(
        fs::read_to_string(&forced)
            .unwrap()
            .starts_with("# Dalaspåret\n"),
        "--format wins"
    );
}

#[test]
fn run_by_track_and_number_on_the_stage() {
    let data = tempfile::tempdir().unwrap();
    let dir = examples();
    let mut stage = Pty::spawn(
        &[
            "--sessions",
            dir.to_str().unwrap(),
            "run",
            "--track",
            "liberating-structures",
            "2",
        ],
        data.path(),
        "en_GB.UTF-8",
        100,
        30,
    );
    stage.wait_for("Ideas from everyone");
    stage.start_first_timebox();
    stage.wait_for("RUNNING");
    stage.send(b"n");
    // The structure included by id: its invitation stays above each step, and each step says
    // how many work together.
    let screen = stage.wait_for("In silence: note your own ideas.");
    assert!(
        screen.contains("What opportunities do you see for making progress on this challenge?"),
        "{screen}"
    );
    assert!(
        screen.contains("Step 1 of 4 · instruction, no notes · alone"),
        "{screen}"
    );
    stage.send(b"n");
    let screen = stage.wait_for("Step 2 of 4 · instruction, no notes · in pairs");
    assert!(
        screen.contains("Build on the ideas from your reflection."),
        "{screen}"
    );
    stage.send(b"n");
    let screen = stage.wait_for("Step 3 of 4 · instruction, no notes · in foursomes");
    assert!(
        screen.contains("Share and develop the ideas of your pair"),
        "{screen}"
    );
    stage.send(b"n");
    // Waited for by its position: the question itself is on screen already, as "Next: …".
    let screen = stage.wait_for("Step 4 of 4 · whole group");
    assert!(
        screen.contains("What is one idea that stood out in your conversation?"),
        "{screen}"
    );
    assert!(!screen.contains("instruction, no notes"), "{screen}");
    assert!(
        screen.contains("What opportunities do you see for making progress on this challenge?"),
        "{screen}"
    );
    stage.send(b"q");
    stage.wait_for("?");
    stage.send(b"y");
    assert_eq!(stage.wait_exit(), 0);
}

/// Waits until `ok` holds for what is on disk; panics after 10 s.
fn wait_on_disk(ok: impl Fn() -> bool, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn runs(data: &Path) -> usize {
    fs::read_dir(data.join("runs")).map_or(0, |d| d.count())
}

#[test]
fn a_run_is_created_by_the_first_note_not_by_the_lobby() {
    let data = tempfile::tempdir().unwrap();
    let dir = examples();
    let args = ["--sessions", dir.to_str().unwrap(), "run", "ls-ideas"];
    let mut stage = Pty::spawn(&args, data.path(), "en_GB.UTF-8", 100, 30);
    stage.wait_for("Ideas from everyone");
    assert_eq!(runs(data.path()), 0, "the lobby creates no run");
    // The facilitator writes a note before starting: the run is created with the note in it.
    stage.send(b"i");
    stage.type_keys("Hej");
    stage.send(b"\r");
    wait_on_disk(|| runs(data.path()) == 1, "the run folder");
    stage.wait_for("Hej");
    // Close the editor (it stays open for the next note), then quit.
    stage.send(b"\x1b");
    stage.wait_until(|s| !s.contains("Enter save"), "the editor closed");
    stage.send(b"q");
    stage.wait_exit();
    let out = spar(&["runs"], data.path(), "en_GB.UTF-8");
    assert!(
        text(&out.stdout).contains("ls-ideas"),
        "{}",
        text(&out.stdout)
    );
}
