//! Notes end to end: typed and pasted in a real pseudo-terminal, killed, resumed, exported; and
//! hostile text from a journal never reaches the terminal or the export.

mod common;

use std::process::Command;

use common::pty::Pty;

const SWEDISH: &str = "åäö ÅÄÖ – 😀 漢字";

fn export(data: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", "sv", "export"])
        .args(args)
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

fn only_run(data: &std::path::Path) -> String {
    // Run folders only: a copy of unsaved changes may lie beside them.
    let mut runs = std::fs::read_dir(data.join("runs"))
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()));
    let id = runs
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .to_string_lossy()
        .to_string();
    assert!(runs.next().is_none());
    id
}

#[test]
fn typed_and_pasted_notes_survive_kill_9_with_the_draft_and_export_byte_for_byte() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby("Anna", data.path(), "sv_SE.UTF-8");
    spar.start_first_timebox();
    spar.send(b"n");
    spar.wait_for("Tur 1 av 15");
    spar.send(b"i");
    spar.wait_for("Skriv här");
    spar.type_keys(SWEDISH);
    spar.send(b"\r");
    spar.wait_for("Hela gruppen · Anna");
    // A pasted multi-line text arrives as one edit.
    spar.paste("första raden\nandra raden\n  indragen tredje");
    spar.wait_for("indragen tredje");
    spar.send(b"\r");
    spar.wait_until(
        |s| s.matches("Hela gruppen · Anna").count() == 2,
        "two saved notes",
    );
    // A draft, then kill -9 as soon as it is journalled.
    spar.type_keys("halvfärdig tanke");
    common::pty::wait_for_journal(data.path(), "halvfärdig tanke");
    spar.signal("KILL");
    spar.wait_exit();

    let mut again = Pty::spawn(
        &["--as", "Anna", "run", "kickoff"],
        data.path(),
        "sv_SE.UTF-8",
        120,
        40,
    );
    again.wait_for("Fortsätta träffen");
    again.send(b"j\r");
    let screen = again.wait_for("indragen tredje");
    assert!(screen.contains(SWEDISH), "{screen}");
    assert!(
        screen.contains("Utkast sparat"),
        "the draft is back: {screen}"
    );
    again.send(b"i");
    again.wait_for("halvfärdig tanke");
    again.escape(|s| s.contains("Utkast sparat"), "the editor closed");
    // Quitting with the draft kept asks, and keeps it as a note marked unfinished.
    again.send(b"q");
    again.wait_for("ofullständig; du kan");
    again.send(b"j");
    again.wait_exit();

    let md = export(data.path(), &[&only_run(data.path())]);
    assert!(md.contains(SWEDISH), "{md}");
    assert!(md.contains("halvfärdig tanke"), "{md}");
    assert!(md.contains("ofullständig"), "{md}");
    for line in ["första raden", "andra raden", "indragen tredje"] {
        assert!(md.contains(line), "{line} missing in {md}");
    }
}

/// Writes a journal of another writer, as a hostile or broken process might, into the run.
fn plant_journal(run: &std::path::Path, writer: &str, texts: &[&str]) {
    use spar::run::journal::encode;
    use spar::run::{Event, NoteKind, Place, Record};
    let mut lines = String::new();
    for (i, text) in texts.iter().enumerate() {
        let record = Record {
            hlc: None,
            at: 1_600_333_200_000 + i as i64,
            seq: i as u64 + 1,
            ev: Event::NoteSaved {
                at: Place { item: 0, step: 0 },
                group: Some("Grupp Siljan\u{1b}[31m".into()),
                kind: NoteKind::Note,
                text: text.to_string(),
                by: "Mallory\u{7}".into(),
            },
        };
        lines.push_str(&encode(&record));
    }
    lines.push_str("garbage that is not a record\n\0\0\0(at:1,seq:");
    std::fs::write(run.join(format!("{writer}.ron")), lines).unwrap();
}

const HOSTILE: &[&str] = &[
    "osc0 \u{1b}]0;pwned title\u{7} end",
    "osc2 \u{1b}]2;pwned\u{1b}\\ end",
    "osc8 \u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\ end",
    "osc52 \u{1b}]52;c;cm0gLXJmIH4=\u{7} end",
    "csi \u{1b}[2J\u{1b}[H\u{1b}[31m end",
    "decrqss \u{1b}P$q m\u{1b}\\ end",
    "c1 \u{9b}31m \u{9d}0;x\u{9c} end",
    "bidi \u{202e}evil\u{202c} \u{2066}x\u{2069} end",
];

#[test]
fn hostile_notes_from_a_journal_never_reach_the_terminal_or_the_export() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::spawn(&["run", "kickoff"], data.path(), "en_GB.UTF-8", 120, 40);
    spar.wait_for("Press space");
    // A run is created by the meeting's first event, not by opening the lobby: step forward
    // and back.
    spar.send(b"n");
    spar.wait_for("Item 2 of 12");
    spar.send(b"p");
    spar.wait_for("Press space");
    spar.send(b"q");
    spar.wait_exit();
    let id = only_run(data.path());
    plant_journal(
        &data.path().join("runs").join(&id),
        "mallory-000001",
        HOSTILE,
    );

    let mut spar = Pty::spawn(
        &["run", "kickoff", "--resume", &id],
        data.path(),
        "en_GB.UTF-8",
        120,
        40,
    );
    spar.wait_for("Press space");
    spar.start_first_timebox();
    spar.wait_for("osc52");
    spar.wait_for("damaged line");
    spar.send(b" q");
    spar.wait_exit();
    let raw = spar.raw();
    let text = String::from_utf8_lossy(&raw);
    for needle in [
        "\u{1b}[2J",
        "\u{1b}[31m end",
        "\u{202e}",
        "\u{2066}",
        "\u{9b}",
        "\u{9d}",
        "\u{7}",
    ] {
        assert!(!text.contains(needle), "{needle:?} reached the terminal");
    }
    // No OSC at all: spar itself never sets a title or writes the clipboard.
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b]"),
        "an OSC sequence reached the terminal"
    );
    assert!(
        !raw.windows(2).any(|w| w == b"\x1bP"),
        "a DCS sequence reached the terminal"
    );
    assert!(!text.contains('\u{9b}') && !text.contains('\u{202e}'));

    for format in ["md", "html"] {
        let out = export(data.path(), &[&id, "--format", format]);
        assert!(out.contains("osc52"), "{out}");
        assert!(
            !out.chars().any(spar::text::is_unsafe),
            "unsafe character in the {format} export"
        );
        assert!(!out.contains('\u{1b}'), "ESC in the {format} export");
    }
}

#[test]
fn sigterm_while_typing_keeps_the_words_as_an_unfinished_note() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "sv_SE.UTF-8", 100, 30);
    spar.type_into_new_note("precis innan");
    // At once, before the draft's half-second delay: the shutdown writes it.
    spar.signal("TERM");
    spar.wait_exit();
    assert!(!spar.alternate_screen());
    let md = export(data.path(), &[&only_run(data.path())]);
    assert!(md.contains("precis innan"), "{md}");
    assert!(md.contains("ofullständig"), "{md}");
}

/// Every journal line of every writer of the only run.
fn journal_text(data: &std::path::Path) -> String {
    let run = data.join("runs").join(only_run(data));
    let mut text = String::new();
    for entry in std::fs::read_dir(run).unwrap().flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|n| n != "run.ron")
            && path.extension().is_some_and(|e| e == "ron")
        {
            text.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    text
}

#[test]
fn a_burst_of_80_notes_in_one_write_is_read_to_its_end() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby("Anna", data.path(), "sv_SE.UTF-8");
    spar.send(b"i");
    spar.wait_for("Skriv här");
    // 80 notes of 24 bytes each, Enter included: 1,920 bytes in one write.
    let burst: String = (0..80)
        .map(|i| format!("anteckning nummer {i:02} ab\r"))
        .collect();
    assert_eq!(burst.len(), 1920);
    spar.send(burst.as_bytes());
    common::pty::wait_for_journal(data.path(), "anteckning nummer 79 ab");
    let journal = journal_text(data.path());
    assert_eq!(journal.matches("NoteSaved").count(), 80, "{journal}");
    spar.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"q");
    assert_eq!(spar.wait_exit(), 0);
}

#[test]
fn sigquit_is_like_sigterm_the_terminal_back_and_the_draft_journalled() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "sv_SE.UTF-8", 100, 30);
    spar.type_into_new_note("halv tanke");
    spar.signal("QUIT");
    assert_eq!(spar.wait_exit(), 0);
    assert!(!spar.alternate_screen(), "the terminal is given back");
    assert!(!spar.cursor_hidden());
    assert!(
        journal_text(data.path()).contains("halv tanke"),
        "the draft is on disk"
    );
}

/// SIGXFSZ says a file grew past the size limit: the write fails and is retried like on a full
/// disk, so the signal itself is ignored and the stage stays.
#[test]
fn sigxfsz_is_ignored() {
    let data = tempfile::tempdir().unwrap();
    let mut spar = Pty::kickoff_lobby_sized("Anna", data.path(), "sv_SE.UTF-8", 100, 30);
    spar.type_into_new_note("halv tanke");
    spar.signal("XFSZ");
    spar.type_keys(" och mer");
    spar.wait_for("halv tanke och mer");
    spar.signal("TERM");
    assert_eq!(spar.wait_exit(), 0);
    assert!(!spar.alternate_screen(), "the terminal is given back");
    assert!(journal_text(data.path()).contains("halv tanke och mer"));
}

#[test]
fn a_save_that_cannot_be_written_is_retried_then_copied_outside_the_run_folder() {
    let data = tempfile::tempdir().unwrap();
    // The run and its header first, with no limit.
    let mut first = Pty::kickoff_lobby_sized("Anna", data.path(), "en_GB.UTF-8", 100, 30);
    first.type_into_new_note("the first note");
    first.send(b"\r");
    first.wait_for("Whole group · Anna");
    first.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    first.send(b"q");
    assert_eq!(first.wait_exit(), 0);
    let id = only_run(data.path());
    // Then a stage whose journal may not pass 1 KiB: the notes fill it, the next one fails
    // with EFBIG and the kernel sends SIGXFSZ, which is ignored: the stage stays and says so.
    let mut spar = Pty::spawn_file_limit(
        &["--as", "Anna", "run", "kickoff", "--resume", &id],
        data.path(),
        "en_GB.UTF-8",
        2,
        100,
        30,
    );
    spar.wait_for("Press space");
    spar.send(b"i");
    spar.wait_for("Type here");
    let mut failed = None;
    for i in 0..20 {
        let last = format!("note number {i}");
        spar.type_keys(&last);
        spar.send(b"\r");
        let screen = spar.wait_until(
            // The editor empty again (its placeholder back) and the note in the panel: Enter
            // was taken. The typed text alone, still in the editor, is not enough.
            |s| s.contains("Type here") && s.contains(&last) || s.contains("Not saved, retrying"),
            "the note taken, or the write refused",
        );
        if screen.contains("Not saved, retrying") {
            failed = Some(last);
            break;
        }
    }
    let failed = failed.expect("the journal filled up");
    spar.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    spar.send(b"q");
    spar.wait_for("not saved yet. Quit anyway?");
    spar.send(b"y");
    assert_eq!(spar.wait_exit(), 1);
    let screen = spar.wait_for("could not be saved");
    assert!(screen.contains("a copy is in"), "{screen}");
    assert!(!spar.alternate_screen());
    let runs: Vec<String> = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !runs.iter().any(|n| n.contains("unsaved")),
        "no copy in the shared folder: {runs:?}"
    );
    let copies = data.path().join("state").join("spar").join("unsaved");
    let copy = std::fs::read_dir(&copies)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-unsaved.txt"))
        .expect("a copy in the state folder");
    let kept = std::fs::read_to_string(copy).unwrap();
    assert!(kept.contains(&format!("\n{failed}\n")), "{kept}");
    assert!(!journal_text(data.path()).contains(&format!("{failed}\"")));
}
