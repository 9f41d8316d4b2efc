//! spar measured from outside, as a user feels it, on runs written by four processes at once
//! (journals interleaved in time) of 0, 1,000, 10,000 and 100,000 notes, all on the question on
//! screen: the first frame of `spar run --resume` and `spar join`, resident memory, idle cost with
//! the countdown running, keystroke to echoed frame at 200×60, and `spar export` end to end; then
//! the stage's wake-ups while a note-taker's terminal follows the run by polling.
//!
//! `cargo bench --bench outside` (OUTSIDE_NOTES=0,1000,10000,100000 and IDLE_SECONDS=20 by
//! default; OUTSIDE_SKIP_POLL=1 leaves out the polling join, OUTSIDE_KEEP=1 keeps the runs).

#[path = "../tests/common/interleaved.rs"]
mod interleaved;
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pty::{Term, idle, quantile, status_kib};

const TITLE: &str = "Idle measurement";
const LIMIT: Duration = Duration::from_secs(120);
/// The question a join asks while a stage is live (`Text::on_stage`), answered with Enter.
const ON_STAGE: &str = "is on stage since";
/// The note editor's placeholder: the editor is open and empty.
const EMPTY_EDITOR: &str = "Type here";

const TRACK: &str = r#"Track(id: "idle", title: "Idle", meetings: ["idle"])"#;
const SESSION: &str = include_str!("../tests/fixtures/idle_with_groups.ron");

struct Setup {
    spar: PathBuf,
    data: PathBuf,
    sessions: String,
}

impl Setup {
    /// As Anna, the facilitator on record in the written runs: `run --resume` takes the run up
    /// as her stage back after a crash, without asking whether to take over.
    fn args<'a>(&'a self, rest: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["--sessions", &self.sessions, "--lang", "en", "--as", "Anna"];
        args.extend_from_slice(rest);
        args
    }

    fn spawn(&self, rest: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
        let data = self.data.to_string_lossy().to_string();
        let mut all = vec![("SPAR_DATA_DIR", data.as_str())];
        all.extend_from_slice(env);
        Term::spawn(&self.spar, &self.args(rest), &all, cols, rows).expect("spar starts")
    }

    /// Milliseconds from start to the first frame (the session's title on screen), and the
    /// terminal, still running.
    fn first_frame(&self, rest: &[&str], cols: u16, rows: u16) -> (f64, Term) {
        let term = self.spawn(rest, cols, rows, &[]);
        // The written runs have Anna on stage in their journals (no stage of this computer's
        // that crashed), so the door asks first: `run` takes over (t), `join` joins (Enter).
        // The figure then counts the question's screen and the answer too.
        term.wait_until(LIMIT, |s| {
            let shown = s.contents();
            shown.contains(TITLE) || shown.contains(ON_STAGE)
        });
        if !term.screen_text().contains(TITLE) {
            term.send(if rest.first() == Some(&"run") {
                b"t\r"
            } else {
                b"\r"
            });
        }
        let at = term.wait_for(TITLE, LIMIT).unwrap_or_else(|| {
            panic!(
                "no first frame of {rest:?}; the screen:\n{}",
                term.screen_text()
            )
        });
        let ms = at.duration_since(term.started).as_secs_f64() * 1000.0;
        (ms, term)
    }

    /// Like [`first_frame`](Self::first_frame), with the CPU time the process had used by then
    /// (user + system, all threads, in ms): on a busy machine the wall clock also counts the
    /// time spent waiting for a core.
    fn first_frame_cpu(&self, rest: &[&str], cols: u16, rows: u16) -> (f64, f64, Term) {
        let (ms, term) = self.first_frame(rest, cols, rows);
        let cpu = pty::cpu_seconds(term.pid).unwrap_or(f64::NAN) * 1000.0;
        (ms, cpu, term)
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    quantile(&mut values, 0.5)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn main() {
    let notes: Vec<usize> = std::env::var("OUTSIDE_NOTES")
        .unwrap_or_else(|_| "0,1000,10000,100000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let seconds: u64 = std::env::var("IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let root = std::env::temp_dir().join(format!("spar-outside-{}", std::process::id()));
    let sessions = root.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("idle.ron"), SESSION).unwrap();
    std::fs::write(sessions.join("idle-track.ron"), TRACK).unwrap();
    let setup = Setup {
        spar: PathBuf::from(env!("CARGO_BIN_EXE_spar")),
        data: root.join("data"),
        sessions: sessions.to_string_lossy().to_string(),
    };
    let session = spar::session::parse::parse_session(SESSION).unwrap();

    let mut new_run = Vec::new();
    for _ in 0..5 {
        let (ms, term) = setup.first_frame(&["run", "idle", "--new"], 120, 40);
        new_run.push(ms);
        term.kill();
    }
    println!(
        "first frame of a new run (120x40, median of 5): {:.1} ms",
        median(new_run)
    );
    println!();
    println!(
        "{:>7} | {:>12} | {:>8} | {:>10} | {:>13} | {:>9} | {:>9} | {:>11} | {:>16} | {:>9} | {:>9}",
        "notes",
        "resume frame",
        "its CPU",
        "join frame",
        "RSS / peak MB",
        "wakeups/s",
        "idle CPU",
        "bytes/s",
        "key p50 / p99 ms",
        "export md",
        "html"
    );
    for n in notes {
        // The countdown runs now: the run started a little before the first note.
        let base = now_ms() - n as i64 * interleaved::STEP - 5_000;
        let id = interleaved::write_run_from(base, &setup.data, &session, n);
        let resume = ["run", "idle", "--resume", id.as_str()];
        let (mut frames, mut cpus) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let (ms, cpu, term) = setup.first_frame_cpu(&resume, 200, 60);
            frames.push(ms);
            cpus.push(cpu);
            term.kill();
        }
        let mut joins = Vec::new();
        for _ in 0..3 {
            let (ms, term) = setup.first_frame(&["join", id.as_str()], 200, 60);
            joins.push(ms);
            term.kill();
        }
        let (_, term) = setup.first_frame(&resume, 200, 60);
        // Settled: every journal read and the countdown ticking.
        term.wait_ticks(2, LIMIT).expect("a running countdown");
        let rss = status_kib(term.pid, "VmRSS:").unwrap_or(0) as f64 / 1024.0;
        let peak = status_kib(term.pid, "VmHWM:").unwrap_or(0) as f64 / 1024.0;
        let quiet = idle(&term, seconds).expect("/proc readable");
        let (p50, p99) = keystrokes(&term);
        term.kill();
        let md = export(&setup, &id, "md");
        let html = export(&setup, &id, "html");
        println!(
            "{n:>7} | {:>9.1} ms | {:>5.0} ms | {:>7.1} ms | {rss:>6.1} / {peak:>4.1} | {:>9.2} | {:>7.3} % | {:>11.1} | {p50:>7.2} / {p99:>6.2} | {md:>6.1} ms | {html:>6.1} ms",
            median(frames),
            median(cpus),
            median(joins),
            quiet.wakeups,
            quiet.cpu,
            quiet.bytes,
        );
    }
    if std::env::var("OUTSIDE_SKIP_POLL").is_err() {
        println!();
        polling_join(&setup, seconds);
    }
    if std::env::var("OUTSIDE_KEEP").is_ok() {
        println!("kept the runs in {} (for profiling)", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// Keystroke to echoed frame in the editor at 200×60: 100 letters typed 25 ms apart (in notes
/// of 25 letters, each saved with Enter), each timed from the write to the pseudo-terminal until
/// the screen shows it. Returns p50 and p99.
fn keystrokes(term: &Term) -> (f64, f64) {
    term.send(b"i");
    term.wait_for(EMPTY_EDITOR, LIMIT)
        .expect("the editor opens");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut times = Vec::new();
    let shows = |text: &str| {
        let tail: String = text
            .chars()
            .skip(text.chars().count().saturating_sub(12))
            .collect();
        move |s: &vt100::Screen| s.contents().contains(&tail)
    };
    for round in 0..4 {
        // A start no earlier note has, typed before the timing begins.
        let mut typed = format!("Q{round}X");
        term.send(typed.as_bytes());
        term.wait_until(Duration::from_secs(10), shows(&typed));
        for _ in 0..25 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let c = (b'a' + (seed >> 33) as u8 % 26) as char;
            typed.push(c);
            let t0 = Instant::now();
            term.send(c.to_string().as_bytes());
            match term.wait_until(Duration::from_secs(10), shows(&typed)) {
                Some(at) => times.push(at.duration_since(t0).as_secs_f64() * 1000.0),
                None => eprintln!("no echo of {typed:?}:\n{}", term.screen_text()),
            }
            // A typist's rhythm, not a wait: the next letter comes 25 ms after this one shows.
            std::thread::sleep(Duration::from_millis(25));
        }
        term.send(b"\r");
        // Saved: the editor is empty again.
        term.wait_for(EMPTY_EDITOR, LIMIT)
            .expect("the note is saved");
    }
    let p50 = quantile(&mut times, 0.5);
    let p99 = quantile(&mut times, 0.99);
    (p50, p99)
}

/// `spar export RUN --format FORMAT -o FILE`, spawn to exit, median of 5, in ms.
fn export(setup: &Setup, id: &str, format: &str) -> f64 {
    let out = setup.data.join(format!("export.{format}"));
    let out_arg = out.to_string_lossy().to_string();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let status = Command::new(&setup.spar)
            .args(setup.args(&["export", id, "--format", format, "-o", &out_arg]))
            .env("SPAR_DATA_DIR", &setup.data)
            .status()
            .expect("spar export runs");
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert!(status.success(), "spar export {format} failed");
    }
    median(times)
}

/// The stage's wake-ups while nobody follows, while a note-taker's terminal follows by file
/// events, and while one follows by polling (`SPAR_WATCH=poll`, reading the journals every
/// second).
fn polling_join(setup: &Setup, seconds: u64) {
    println!("stage (new run, countdown running, 120x40) while a note-taker's terminal follows:");
    let (_, stage) = setup.first_frame(&["run", "idle", "--new"], 120, 40);
    // `1` answers the late-start question when the session's start time has passed.
    stage.send(b" 1");
    stage
        .wait_for("RUNNING", LIMIT)
        .expect("the countdown starts");
    stage.wait_ticks(1, LIMIT).expect("a running countdown");
    let id = newest_run(&setup.data);
    let report = |what: &str, stage: &Term| {
        let quiet = idle(stage, seconds).expect("/proc readable");
        println!(
            "  {what:<28} {:>6.2} wakeups/s {:>7.3} % CPU {:>7.1} bytes/s",
            quiet.wakeups, quiet.cpu, quiet.bytes
        );
    };
    report("nobody", &stage);
    for (what, env) in [
        ("join (file events)", &[][..]),
        ("join (SPAR_WATCH=poll)", &[("SPAR_WATCH", "poll")][..]),
    ] {
        let journals = written_journals(&setup.data, &id);
        let join = setup.spawn(&["join", &id], 120, 40, env);
        // The stage is live: a join first asks "Anna is on stage since …"; Enter joins.
        join.wait_for(ON_STAGE, LIMIT)
            .expect("the join asks about the live stage");
        join.send(b"\r");
        join.wait_for(TITLE, LIMIT).expect("the join's first frame");
        // The join has announced itself on disk, and the stage has ticked since: its arrival is
        // folded and the measurement starts in the steady state.
        let deadline = Instant::now() + LIMIT;
        while written_journals(&setup.data, &id) == journals {
            assert!(
                Instant::now() < deadline,
                "the join never wrote its journal"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        stage.wait_ticks(1, LIMIT).expect("a running countdown");
        report(what, &stage);
        join.kill();
    }
    stage.kill();
}

/// Journals of the run that hold at least one line.
fn written_journals(data: &Path, id: &str) -> usize {
    std::fs::read_dir(data.join("runs").join(id))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name() != "run.ron" && e.metadata().is_ok_and(|m| m.len() > 0))
        .count()
}

fn newest_run(data: &Path) -> String {
    let mut runs: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(data.join("runs"))
        .unwrap()
        .flatten()
        .map(|e| {
            let modified = e.metadata().and_then(|m| m.modified()).unwrap();
            (modified, e.file_name().to_string_lossy().to_string())
        })
        .collect();
    runs.sort();
    runs.pop().unwrap().1
}
