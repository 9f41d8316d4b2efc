//! Idle cost of a running 30-minute countdown, side by side with `termdown 30m` and
//! `timr-tui -m countdown -c 30:00` (its countdown started with its space key, as spar's is),
//! in a 120×40 and a 200×60 pseudo-terminal, in interleaved rounds so that every program meets
//! the same machine: wake-ups (voluntary context switches of all threads), CPU time (user +
//! system, from /proc) and bytes written to the terminal, per second.
//!
//! `cargo bench --bench idle` (IDLE_SECONDS=60 per measurement and IDLE_ROUNDS=3 by default).
//! The peers are found on PATH or through TERMDOWN / TIMR_TUI (`pip install termdown`,
//! `cargo install timr-tui --version 1.9.0 --locked`); one that is not installed is skipped.

#[path = "support/pty.rs"]
mod pty;

use std::path::PathBuf;
use std::time::Duration;

use pty::{Term, find, idle};

const TRACK: &str = r#"Track(id: "idle", title: "Idle", meetings: ["idle"])"#;
/// One 30-minute question: the stage the idle figures are measured on (the same in
/// `benches/idle.rs` and `tests/idle_stage.rs`).
const SESSION: &str = include_str!("../tests/fixtures/idle.ron");

struct Program {
    name: &'static str,
    path: PathBuf,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    /// Typed a second after the start: what starts the countdown.
    keys: &'static [u8],
}

const SIZES: [(u16, u16); 2] = [(120, 40), (200, 60)];

fn main() {
    let seconds: u64 = env_number("IDLE_SECONDS", 60);
    let rounds: u64 = env_number("IDLE_ROUNDS", 3);
    let root = std::env::temp_dir().join(format!("spar-idle-{}", std::process::id()));
    let sessions = root.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("idle.ron"), SESSION).unwrap();
    std::fs::write(sessions.join("idle-track.ron"), TRACK).unwrap();

    let mut programs = vec![Program {
        name: "spar run (30 min timebox running)",
        path: PathBuf::from(env!("CARGO_BIN_EXE_spar")),
        args: [
            "--sessions",
            &sessions.to_string_lossy(),
            "run",
            "idle",
            "--new",
        ]
        .map(String::from)
        .to_vec(),
        env: vec![("SPAR_DATA_DIR", root.join("data").to_string_lossy().into())],
        // Space starts the countdown; `1` answers the late-start question (keep the planned
        // times) when the session's start time has passed, and does nothing otherwise.
        keys: b" 1",
    }];
    match find("TERMDOWN", "termdown") {
        Some(path) => programs.push(Program {
            name: "termdown 30m",
            path,
            args: vec!["30m".into()],
            env: Vec::new(),
            keys: b"",
        }),
        None => println!("termdown: not installed, skipped (pip install termdown)"),
    }
    match find("TIMR_TUI", "timr-tui") {
        Some(path) => programs.push(Program {
            name: "timr-tui -m countdown -c 30:00 (space)",
            path,
            args: ["-m", "countdown", "-c", "30:00"]
                .map(String::from)
                .to_vec(),
            env: Vec::new(),
            keys: b" ",
        }),
        None => println!(
            "timr-tui: not installed, skipped (cargo install timr-tui --version 1.9.0 --locked)"
        ),
    }

    println!("idle with a running countdown, {rounds} interleaved rounds of {seconds} s each");
    // (wake-ups, CPU, bytes) summed per program and size.
    let mut sums = vec![[(0.0, 0.0, 0.0); SIZES.len()]; programs.len()];
    for round in 0..rounds {
        for (s, (cols, rows)) in SIZES.into_iter().enumerate() {
            for (p, program) in programs.iter().enumerate() {
                let args: Vec<&str> = program.args.iter().map(String::as_str).collect();
                let env: Vec<(&str, &str)> =
                    program.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let Some(term) = Term::spawn(&program.path, &args, &env, cols, rows) else {
                    println!("{}: could not start", program.name);
                    continue;
                };
                // Keys go to a program that has drawn; the steady state is measured once its
                // countdown has ticked twice after them (past its first full frames).
                let limit = Duration::from_secs(30);
                term.wait_until(limit, |s| !s.contents().trim().is_empty())
                    .expect("a first frame");
                term.send(program.keys);
                term.wait_ticks(2, limit).expect("a running countdown");
                let quiet = idle(&term, seconds).expect("/proc readable");
                term.kill();
                println!(
                    "round {} {cols}x{rows} {:<40} {:>7.2} wakeups/s {:>7.3} % {:>8.1} bytes/s",
                    round + 1,
                    program.name,
                    quiet.wakeups,
                    quiet.cpu,
                    quiet.bytes
                );
                let sum = &mut sums[p][s];
                sum.0 += quiet.wakeups;
                sum.1 += quiet.cpu;
                sum.2 += quiet.bytes;
            }
        }
    }
    println!();
    println!("| program | size | wake-ups/s | CPU | bytes/s |");
    println!("|---|---|---:|---:|---:|");
    for (p, program) in programs.iter().enumerate() {
        for (s, (cols, rows)) in SIZES.into_iter().enumerate() {
            let (w, c, b) = sums[p][s];
            let n = rounds as f64;
            println!(
                "| {} | {cols}×{rows} | {:.2} | {:.3} % | {:.1} |",
                program.name,
                w / n,
                c / n,
                b / n
            );
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}

fn env_number(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
