//! `--screen-reader` end to end: the real binary in a pseudo-terminal, its output read as the
//! stream a screen reader hears. No alternate screen, no cursor or colour sequences, no block
//! digits; each state change said once; nothing said each second; the status key answers; the
//! same in Swedish and English; a note-taker's lines become notes the facilitator hears.

mod common;

use common::pty::Pty;

/// The words each test waits for, in one language.
struct Words {
    locale: &'static str,
    mode: &'static str,
    started: &'static str,
    late: &'static str,
    projected: &'static str,
    item_two: &'static str,
    yes_no: &'static str,
    prompt: &'static str,
    /// A join's question about the facilitator on stage.
    on_stage: &'static str,
    saved: &'static str,
    heard_note: &'static str,
}

const EN: Words = Words {
    locale: "en_GB.UTF-8",
    mode: "screen-reader mode",
    started: "Started.",
    late: "1 and Enter",
    projected: "Projected end",
    item_two: "Item 2 of 12",
    yes_no: "y and Enter",
    prompt: "Type a note for",
    on_stage: "is on stage since",
    saved: "Saved: item 1",
    heard_note: "Note from Anna, ",
};

const SV: Words = Words {
    locale: "sv_SE.UTF-8",
    mode: "skärmläsarläge",
    started: "Startad.",
    late: "1 och Retur",
    projected: "Beräknat slut",
    item_two: "Punkt 2 av 12",
    yes_no: "j och Retur",
    prompt: "Skriv en anteckning till",
    on_stage: "leder träffen sedan",
    saved: "Sparad: punkt 1",
    heard_note: "Anteckning från Anna, ",
};

fn said(pty: &Pty) -> String {
    String::from_utf8_lossy(&pty.raw()).into_owned()
}

/// Waits until `text` has been said `n` times in all.
fn wait_said(pty: &Pty, text: &str, n: usize) -> String {
    pty.wait_output(|out| out.matches(text).count() >= n, text)
}

/// Types a line and Enter.
fn line(pty: &mut Pty, typed: &str) {
    pty.type_keys(typed);
    pty.send(b"\r");
}

/// `t`: starts the first timebox, answering the late-start question (tests run at any time of
/// day) with 1, keep the planned times.
fn start(pty: &mut Pty, w: &Words) {
    line(pty, "t");
    let out = pty.wait_output(
        |o| o.contains(w.started) || o.contains(w.late),
        "started or asked",
    );
    if !out.contains(w.started) {
        line(pty, "1");
        wait_said(pty, w.started, 1);
    }
}

/// Nothing a full-screen program sends: no escape sequence at all (alternate screen, cursor
/// moves, colours), no block glyphs of the big digits.
fn assert_plain(out: &str) {
    assert!(!out.contains('\x1b'), "an escape sequence in:\n{out}");
    for block in ['█', '▀', '▄', '▌', '▐', '▆', '▇'] {
        assert!(!out.contains(block), "a block glyph {block} in:\n{out}");
    }
}

fn facilitator(data: &std::path::Path, w: &Words) -> Pty {
    let pty = Pty::spawn(
        &["--screen-reader", "--as", "Eva", "run", "kickoff"],
        data,
        w.locale,
        100,
        30,
    );
    wait_said(&pty, w.mode, 1);
    pty
}

/// Anna joins for Grupp Siljan; her note prompt is open.
fn note_taker(data: &std::path::Path, w: &Words) -> Pty {
    let mut pty = Pty::spawn(
        &[
            "--screen-reader",
            "--as",
            "Anna",
            "join",
            "--group",
            "Siljan",
        ],
        data,
        w.locale,
        100,
        30,
    );
    // Asked about the facilitator on stage: an empty line joins.
    wait_said(&pty, w.on_stage, 1);
    line(&mut pty, "");
    wait_said(&pty, w.prompt, 1);
    pty
}

#[test]
fn a_facilitator_hears_each_change_once_in_plain_lines_in_both_languages() {
    for w in [&EN, &SV] {
        let data = tempfile::tempdir().unwrap();
        let mut stage = facilitator(data.path(), w);
        start(&mut stage, w);
        // The status key: the place, the time left, the projected end (said once before, at
        // the start).
        line(&mut stage, ".");
        wait_said(&stage, w.projected, 2);
        line(&mut stage, "n");
        wait_said(&stage, w.item_two, 1);
        line(&mut stage, "q");
        wait_said(&stage, w.yes_no, 1);
        line(
            &mut stage,
            if w.locale.starts_with("sv") { "j" } else { "y" },
        );
        assert_eq!(stage.wait_exit(), 0);
        let out = said(&stage);
        assert_plain(&out);
        assert_eq!(out.matches(w.started).count(), 1, "{out}");
        // Said once while it ran; the line `q` leaves behind names where the run stands again.
        let spoken = out
            .split("The run is saved.")
            .next()
            .and_then(|s| s.split("Träffen är sparad.").next())
            .unwrap_or(&out);
        assert_eq!(spoken.matches(w.item_two).count(), 1, "{out}");
    }
}

#[test]
fn a_note_takers_lines_are_notes_the_facilitator_hears() {
    for w in [&EN, &SV] {
        let data = tempfile::tempdir().unwrap();
        let mut stage = facilitator(data.path(), w);
        start(&mut stage, w);
        let mut join = note_taker(data.path(), w);
        line(&mut join, "Vi pratade om lånekort");
        wait_said(&join, w.saved, 1);
        // On the welcome, a whole-group step, the note goes to the whole group, as the prompt
        // said.
        let heard = wait_said(&stage, w.heard_note, 1);
        assert!(heard.contains(": Vi pratade om lånekort"), "{heard}");
        // The facilitator moves on: the note-taker hears it, and where notes go now.
        line(&mut stage, "n");
        wait_said(&join, w.item_two, 1);
        wait_said(&join, w.prompt, 2);
        line(&mut join, "q");
        assert_eq!(join.wait_exit(), 0);
        let out = said(&join);
        assert_plain(&out);
        // Said once while it ran; the line `q` leaves behind names where the run stands again.
        let spoken = out
            .split("The run is saved.")
            .next()
            .and_then(|s| s.split("Träffen är sparad.").next())
            .unwrap_or(&out);
        assert_eq!(spoken.matches(w.item_two).count(), 1, "{out}");
        assert_plain(&said(&stage));
    }
}

#[test]
fn a_running_countdown_says_nothing_each_second() {
    let data = tempfile::tempdir().unwrap();
    let sessions = tempfile::tempdir().unwrap();
    std::fs::write(
        sessions.path().join("idle.ron"),
        // In the shipped track, so that the session is known without a track file of its own.
        include_str!("fixtures/idle_with_groups.ron")
            .replace("track: \"idle\"", "track: \"dalasparet\""),
    )
    .unwrap();
    let folder = sessions.path().to_str().unwrap();
    let mut stage = Pty::spawn(
        &["--screen-reader", "--sessions", folder, "run", "idle"],
        data.path(),
        EN.locale,
        100,
        30,
    );
    wait_said(&stage, EN.mode, 1);
    start(&mut stage, &EN);
    let after_start = said(&stage).len();
    // Ask for the status until it shows three seconds gone (of the 30 minutes): watched, not
    // slept.
    let mut asked = 0;
    loop {
        asked += 1;
        line(&mut stage, ".");
        let out = wait_said(&stage, EN.projected, asked + 1);
        if (0..=57).any(|s| out.contains(&format!("29 minutes {s} seconds left"))) {
            break;
        }
        assert!(asked < 200, "the countdown never moved:\n{out}");
    }
    // Between the start and now: only the answers to `.` and the typed dots echoed.
    let out = said(&stage);
    let since: Vec<&str> = out[after_start..]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != ".")
        .collect();
    assert_eq!(since.len(), asked, "{since:#?}");
    assert!(since.iter().all(|l| l.contains(EN.projected)), "{since:#?}");
    assert_plain(&out);
}

#[test]
fn the_review_reads_a_meeting_and_searches_in_plain_lines() {
    let data = tempfile::tempdir().unwrap();
    let mut stage = facilitator(data.path(), &EN);
    start(&mut stage, &EN);
    line(&mut stage, "i");
    wait_said(&stage, EN.prompt, 1);
    line(&mut stage, "Vi pratade om lånekort");
    wait_said(&stage, "Saved: item 1", 1);
    line(&mut stage, "q");
    wait_said(&stage, EN.yes_no, 1);
    line(&mut stage, "y");
    assert_eq!(stage.wait_exit(), 0);

    let mut review = Pty::spawn(
        &["--screen-reader", "review"],
        data.path(),
        EN.locale,
        100,
        30,
    );
    wait_said(&review, "1: 1 Kick off", 1);
    line(&mut review, "1");
    // The run's summary, its table rows as cells and its notes without markup.
    let out = wait_said(&review, "Vi pratade om lånekort — Eva", 1);
    assert!(
        out.contains("09:00, Welcome · Välkomna till Dalaspåret, 10 min"),
        "{out}"
    );
    line(&mut review, "/lånekort");
    wait_said(&review, "1 result", 1);
    line(&mut review, "q");
    assert_eq!(review.wait_exit(), 0);
    assert_plain(&said(&review));
}

/// The room's screen in this mode, in both languages: plain lines, each change once, the status
/// key, nothing said between marks while the countdown runs, and nothing private: not the
/// facilitator's notes (`f` on the stage), not a note while the room's screen shows only the
/// countdown. Once the facilitator shows the notes (`v`), the room hears them.
#[test]
fn the_rooms_screen_says_what_the_room_sees_and_nothing_private() {
    for w in [&EN, &SV] {
        let sv = w.locale.starts_with("sv");
        let data = tempfile::tempdir().unwrap();
        let mut stage = facilitator(data.path(), w);
        // The run is there once it has its first event: the timer started.
        start(&mut stage, w);
        let mut show = Pty::spawn(&["--screen-reader", "show"], data.path(), w.locale, 100, 30);
        wait_said(
            &show,
            if sv {
                "rummets skärm i skärmläsarläge"
            } else {
                "the room's screen in screen-reader mode"
            },
            1,
        );
        let countdown = if sv {
            "Rummet ser: nedräkningen."
        } else {
            "The room sees: the countdown."
        };
        wait_said(&show, countdown, 1);
        let (paused, resumed) = if sv {
            ("Pausad,", "Fortsätter,")
        } else {
            ("Paused,", "Resumed,")
        };
        line(&mut stage, "t");
        wait_said(&show, paused, 1);
        line(&mut stage, "t");
        wait_said(&show, resumed, 1);
        // The facilitator reads their notes for the item: on the stage only.
        line(&mut stage, "f");
        let private = "Öppna mötet 15 min innan";
        wait_said(&stage, private, 1);
        let mut join = note_taker(data.path(), w);
        line(&mut join, "Dold för rummet");
        wait_said(&join, w.saved, 1);
        wait_said(&stage, "Dold för rummet", 1);
        // The status key, then the idle countdown: only the answers to `.` until it has moved
        // on by whole seconds (watched, not slept).
        let before = said(&show).len();
        let mut asked = 0;
        let first = loop {
            asked += 1;
            line(&mut show, ".");
            let out = wait_said(&show, w.projected, asked + 1);
            let last = out
                .lines()
                .rev()
                .find(|l| l.contains(w.projected))
                .unwrap_or("")
                .to_string();
            if asked == 1 {
                break last;
            }
        };
        loop {
            asked += 1;
            line(&mut show, ".");
            let out = wait_said(&show, w.projected, asked + 1);
            let last = out
                .lines()
                .rev()
                .find(|l| l.contains(w.projected))
                .unwrap_or("");
            if last != first {
                break;
            }
            assert!(asked < 400, "the countdown never moved:\n{out}");
        }
        let out = said(&show);
        let since: Vec<&str> = out[before..]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != ".")
            .collect();
        assert_eq!(since.len(), asked, "only the answers: {since:#?}");
        // The facilitator shows the notes: the room hears that, and the note.
        line(&mut stage, "v");
        let with_notes = if sv {
            "Rummet ser: nedräkningen med anteckningarna."
        } else {
            "The room sees: the countdown with the notes."
        };
        wait_said(&show, with_notes, 1);
        wait_said(&show, "Dold för rummet", 1);
        line(&mut stage, "n");
        wait_said(&show, w.item_two, 1);
        line(&mut show, "q");
        assert_eq!(show.wait_exit(), 0);
        let out = said(&show);
        assert_plain(&out);
        // Until `n`, which pauses the question it leaves (said too, if its line is read first).
        let before_next = out.split(with_notes).next().unwrap_or(&out);
        assert_eq!(before_next.matches(paused).count(), 1, "{out}");
        assert_eq!(out.matches(resumed).count(), 1, "{out}");
        assert_eq!(out.matches(w.item_two).count(), 1, "{out}");
        assert_eq!(out.matches(with_notes).count(), 1, "{out}");
        assert!(
            !out.contains(private),
            "the facilitator's notes on the room's screen:\n{out}"
        );
        line(&mut join, "q");
        assert_eq!(join.wait_exit(), 0);
        line(&mut stage, "q");
        wait_said(&stage, w.yes_no, 1);
        line(&mut stage, if sv { "j" } else { "y" });
        assert_eq!(stage.wait_exit(), 0);
    }
}
