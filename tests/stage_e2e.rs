//! The real binary in a pseudo-terminal: run a meeting, kill it, resume it, signal it.

mod common;

use common::pty::Pty;

fn data_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The agenda position line of the stage ("Punkt 2 av 12 · Incheckning · Tur 3 av 15").
fn position(screen: &str) -> String {
    screen
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim_matches(|c| c == '│' || c == ' ')
        .to_string()
}

#[test]
fn start_extend_advance_and_quit() {
    let data = data_dir();
    let mut spar = Pty::spawn(&["run", "kickoff"], data.path(), "en_GB.UTF-8", 120, 40);
    spar.wait_for("Press space to start the first item");
    spar.start_first_timebox();
    spar.wait_for("RUNNING · time left of 10 min");
    spar.send(b"+");
    spar.wait_for("time left of 11 min");
    spar.send(b"n");
    let screen = spar.wait_for("Item 2 of 12 · Check-in · Turn 1 of 15");
    assert!(
        screen.contains("Turn: Avesta · Next up: Borlänge"),
        "{screen}"
    );
    // The running timebox handed over: the turn's timer runs without another key.
    assert!(screen.contains("RUNNING"), "{screen}");
    spar.send(b"q");
    spar.wait_for("Quit anyway?");
    spar.send(b"y");
    assert_eq!(spar.wait_exit(), 0);
    assert!(!spar.alternate_screen(), "left the alternate screen");
    assert!(!spar.cursor_hidden(), "cursor shown again");
    assert!(!spar.bracketed_paste(), "bracketed paste off again");

    // Everything the facilitator did is in the journal.
    let runs: Vec<_> = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .collect();
    assert_eq!(runs.len(), 1);
    let run = runs[0].as_ref().unwrap().path();
    let journal: String = std::fs::read_dir(&run)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "run.ron")
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for ev in [
        "TimerStarted(at:(item:0,step:0))",
        "TimerAdjusted(at:(item:0,step:0),seconds:60)",
        "Moved(to:(item:1,step:0))",
    ] {
        assert!(journal.contains(ev), "{ev} missing in {journal}");
    }
}

#[test]
fn kill_9_mid_run_and_resume_to_the_same_screen() {
    let data = data_dir();
    let mut spar = Pty::spawn(&["run", "kickoff"], data.path(), "sv_SE.UTF-8", 80, 24);
    spar.wait_for("Tryck mellanslag");
    spar.start_first_timebox();
    spar.wait_for("PÅGÅR");
    for _ in 0..3 {
        spar.send(b"n");
    }
    spar.send(b" ");
    let before = spar.wait_for("PAUSAD");
    assert_eq!(
        position(&before),
        "Punkt 2 av 12 · Incheckning · Tur 3 av 15"
    );
    spar.signal("KILL");
    spar.wait_exit();

    let mut again = Pty::spawn(&["run", "kickoff"], data.path(), "sv_SE.UTF-8", 80, 24);
    // The question names the meeting by its start, when its first timebox started.
    again.wait_for("Fortsätta träffen som började");
    again.send(b"j\r");
    let after = again.wait_for("PAUSAD");
    assert_eq!(position(&after), position(&before));
    // Paused time stays exactly where it was: the same countdown on both screens.
    let countdown = |s: &str| s.lines().skip(4).take(15).collect::<Vec<_>>().join("\n");
    assert_eq!(countdown(&after), countdown(&before));
    again.send(b"q");
    // Back on the terminal: where the run stands and the command that goes on with it.
    again.wait_for("Punkt 2 av 12: Incheckning");
    again.wait_for("Fortsätt med: spar run kickoff");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn resume_and_new_answer_without_asking() {
    let data = data_dir();
    let mut first = Pty::spawn(&["run", "kickoff"], data.path(), "en_GB.UTF-8", 80, 24);
    first.wait_for("Press space");
    first.send(b"n");
    first.wait_for("Item 2 of 12");
    first.send(b"q");
    first.wait_exit();
    let id = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let id = id.to_string_lossy().to_string();

    let mut resumed = Pty::spawn(
        &["run", "kickoff", "--resume", &id[..12]],
        data.path(),
        "en_GB.UTF-8",
        80,
        24,
    );
    resumed.wait_for("Item 2 of 12");
    resumed.send(b"q");
    resumed.wait_exit();

    // A new run that never leaves the lobby leaves nothing behind.
    let mut lobby = Pty::spawn(&["run", "1", "--new"], data.path(), "en_GB.UTF-8", 80, 24);
    lobby.wait_for("Item 1 of 12");
    lobby.send(b"q");
    lobby.wait_exit();
    assert_eq!(
        std::fs::read_dir(data.path().join("runs")).unwrap().count(),
        1
    );

    let mut fresh = Pty::spawn(&["run", "1", "--new"], data.path(), "en_GB.UTF-8", 80, 24);
    fresh.wait_for("Item 1 of 12");
    fresh.send(b"n");
    fresh.wait_for("Item 2 of 12");
    fresh.send(b"q");
    fresh.wait_exit();
    assert_eq!(
        std::fs::read_dir(data.path().join("runs")).unwrap().count(),
        2
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let data = data_dir();
        let mut spar = Pty::spawn(&["run", "kickoff"], data.path(), "en_GB.UTF-8", 80, 24);
        spar.wait_for("Press space");
        spar.start_first_timebox();
        spar.wait_for("RUNNING");
        assert!(spar.alternate_screen());
        spar.signal(signal);
        spar.wait_exit();
        assert!(
            !spar.alternate_screen(),
            "{signal}: still on the alternate screen"
        );
        assert!(!spar.cursor_hidden(), "{signal}: cursor still hidden");
        assert!(
            !spar.bracketed_paste(),
            "{signal}: bracketed paste still on"
        );
    }
}

#[test]
fn resizing_and_a_tiny_window() {
    let data = data_dir();
    let mut spar = Pty::spawn(&["run", "kickoff"], data.path(), "sv_SE.UTF-8", 24, 6);
    spar.wait_for("Fönstret är för litet");
    spar.send(b"q");
    assert_eq!(spar.wait_exit(), 0);
}

#[test]
fn an_unknown_session_is_one_line_and_exit_2() {
    let data = data_dir();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["run", "nosuch"])
        .env("SPAR_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nosuch"), "{err}");
}

/// Issue 10 item 7: a second `spar run` on a run another facilitator's stage is live on asks;
/// taking over makes the first stage step down and say so; joining instead opens the join view.
#[test]
fn a_second_stage_on_a_live_run_asks_and_taking_over_makes_the_first_follow() {
    let data = tempfile::tempdir().unwrap();
    let spawn = |who: &str| {
        Pty::spawn(
            &["--as", who, "run", "kickoff"],
            data.path(),
            "en_GB.UTF-8",
            200,
            60,
        )
    };
    let mut anna = spawn("Anna");
    anna.wait_for("Press space");
    anna.start_first_timebox();
    anna.send(b"n");
    anna.wait_for("Item 2 of 12");

    let mut dan = spawn("Dan");
    dan.wait_for("[Y/n]");
    dan.send(b"\r");
    dan.wait_for("Anna is on stage since");
    dan.send(b"\r");
    dan.wait_for("Following the facilitator");

    let mut cia = spawn("Cia");
    cia.wait_for("[Y/n]");
    cia.send(b"\r");
    cia.wait_for("Anna is on stage since");
    cia.send(b"t\r");
    cia.wait_for("Item 2 of 12");
    anna.wait_for("Cia took over as facilitator");
    // Only Cia drives now: her next turn reaches both other terminals.
    cia.send(b"n");
    anna.wait_for("Turn 2 of 15");
    dan.wait_for("Turn 2 of 15");
}

/// Issue 18: a second terminal under the same name is no crashed stage of ours: it is told that
/// the stage is live, and Enter joins; the first stage never hears of it.
#[test]
fn the_same_name_in_a_second_terminal_is_told_the_stage_is_live_and_enter_joins() {
    let data = tempfile::tempdir().unwrap();
    let mut anna = Pty::kickoff_lobby("Anna", data.path(), "en_GB.UTF-8");
    anna.start_first_timebox();
    anna.send(b"n");
    anna.wait_for("Item 2 of 12");
    let mut again = Pty::spawn(
        &["--as", "Anna", "run", "kickoff"],
        data.path(),
        "en_GB.UTF-8",
        120,
        40,
    );
    again.wait_for("[Y/n]");
    again.send(b"\r");
    again.wait_for("Anna is on stage since");
    again.send(b"\r");
    again.wait_for("Following the facilitator");
    // The first stage still drives: its next turn reaches the second terminal.
    anna.send(b"n");
    again.wait_for("Turn 2 of 15");
    assert!(!anna.screen().contains("took over"), "{}", anna.screen());
}

/// Issue 18, finding 4: two `spar run --resume RUN` under the same name started together on a
/// run whose stage crashed: one resumes it, the other is told that stage is live.
#[test]
fn two_stages_of_the_same_name_started_together_never_both_drive() {
    let data = tempfile::tempdir().unwrap();
    let mut anna = Pty::kickoff_lobby("Anna", data.path(), "en_GB.UTF-8");
    anna.start_first_timebox();
    common::pty::wait_for_journal(data.path(), "TimerStarted");
    anna.signal("KILL");
    anna.wait_exit();
    let id = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let spawn = || {
        Pty::spawn(
            &["--as", "Anna", "run", "kickoff", "--resume", &id],
            data.path(),
            "en_GB.UTF-8",
            120,
            40,
        )
    };
    let (a, b) = (spawn(), spawn());
    let first = |p: &Pty| {
        let screen = p.wait_until(
            |s| s.contains("Item 1 of 12") || s.contains("on stage since"),
            "a stage or the question",
        );
        screen.contains("on stage since")
    };
    let asked = [first(&a), first(&b)];
    assert_eq!(
        asked.iter().filter(|&&asked| asked).count(),
        1,
        "exactly one is asked: {}\n{}",
        a.screen(),
        b.screen()
    );
}

/// Issue 18: taking over hands the stage lock over. The stage that steps down lets go of it, and
/// the one that took over takes it (its writer id is in the lock file); so that stage, killed,
/// is a crash of its own and resumed without a question.
#[test]
fn taking_over_hands_the_lock_over_and_the_new_stage_crashing_is_resumed_without_a_question() {
    let data = tempfile::tempdir().unwrap();
    let mut anna = Pty::kickoff_lobby("Anna", data.path(), "en_GB.UTF-8");
    anna.start_first_timebox();
    common::pty::wait_for_journal(data.path(), "TimerStarted");
    let id = std::fs::read_dir(data.path().join("runs"))
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let lock = data
        .path()
        .join("cache/spar/stages")
        .join(format!("{id}.lock"));
    let holder = || std::fs::read_to_string(&lock).unwrap_or_default();
    assert!(holder().starts_with("anna-"), "{}", holder());

    let resume = ["--as", "Cia", "run", "kickoff", "--resume", &id];
    let mut cia = Pty::spawn(&resume, data.path(), "en_GB.UTF-8", 120, 40);
    cia.wait_for("Anna is on stage since");
    cia.send(b"t\r");
    anna.wait_for("Cia took over as facilitator");
    common::disk::wait_until(
        lock.parent().expect("the lock is in a folder"),
        std::time::Duration::from_secs(10),
        "the lock handed over to Cia",
        || holder().starts_with("cia-").then_some(()),
    );
    cia.signal("KILL");
    cia.wait_exit();
    let again = Pty::spawn(&resume, data.path(), "en_GB.UTF-8", 120, 40);
    let screen = again.wait_until(
        |s| s.contains("Item 1 of 12") || s.contains("on stage since"),
        "the stage or the question",
    );
    assert!(!screen.contains("on stage since"), "{screen}");
}
