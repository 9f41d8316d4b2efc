//! Idle cost of a running countdown, measured in a 120×40 pseudo-terminal: wake-ups (voluntary
//! context switches of all threads), CPU time and bytes written per second, for spar and, side
//! by side in the same run, for `termdown 30m` and `timr-tui -m countdown -c 30:00` when they
//! are installed (`pip install termdown`, `cargo install timr-tui --version 1.9.0`).
//!
//! `cargo bench --bench idle` (IDLE_SECONDS=60 by default; peers found on PATH or via
//! TERMDOWN / TIMR_TUI).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Starts `program` in a 120×40 pseudo-terminal; returns the child and the terminal's end.
fn spawn(
    program: &PathBuf,
    args: &[&str],
    env: &[(&str, String)],
) -> Option<(
    Box<dyn portable_pty::Child + Send + Sync>,
    Box<dyn portable_pty::MasterPty + Send>,
)> {
    let size = PtySize {
        rows: 40,
        cols: 120,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system().openpty(size).ok()?;
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).ok()?;
    Some((child, pair.master))
}

fn ticks_per_second() -> f64 {
    // Linux reports process times in clock ticks of 1/100 s on every common platform.
    100.0
}

/// utime + stime of the process, in seconds.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / ticks_per_second())
}

/// Voluntary context switches summed over all threads: each is the process going to sleep,
/// i.e. one wake-up.
fn wakeups(pid: u32) -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
        let status = std::fs::read_to_string(task.ok()?.path().join("status")).ok()?;
        let line = status
            .lines()
            .find(|l| l.starts_with("voluntary_ctxt_switches:"))?;
        total += line.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// Starts `program` in the pseudo-terminal, types `keys` after a second, lets it settle, then
/// measures for `seconds`.
fn measure(
    name: &str,
    program: &PathBuf,
    args: &[&str],
    env: &[(&str, String)],
    keys: &[u8],
    seconds: u64,
) -> Option<()> {
    let (mut child, master) = spawn(program, args, env)?;
    let pid = child.process_id()?;
    let bytes = Arc::new(AtomicU64::new(0));
    let counter = bytes.clone();
    let mut reader = master.try_clone_reader().ok()?;
    let writer = Arc::new(Mutex::new(master.take_writer().ok()?));
    let answer = writer.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            counter.fetch_add(n as u64, Ordering::Relaxed);
            // Answer a cursor position query (DSR) as a terminal would: some programs wait for
            // it before their first frame.
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let _ = answer.lock().unwrap().write_all(b"\x1b[1;1R");
            }
        }
    });
    std::thread::sleep(Duration::from_secs(1));
    writer.lock().unwrap().write_all(keys).ok()?;
    // Let it draw its first full frames before measuring the steady state.
    std::thread::sleep(Duration::from_secs(2));
    let (cpu0, wake0, bytes0, t0) = (
        cpu_seconds(pid)?,
        wakeups(pid)?,
        bytes.load(Ordering::Relaxed),
        Instant::now(),
    );
    std::thread::sleep(Duration::from_secs(seconds));
    let (cpu1, wake1, bytes1) = (
        cpu_seconds(pid)?,
        wakeups(pid)?,
        bytes.load(Ordering::Relaxed),
    );
    let elapsed = t0.elapsed().as_secs_f64();
    let _ = child.kill();
    println!(
        "{name:<40} {:>10.2} {:>8.3} % {:>10.1}",
        (wake1 - wake0) as f64 / elapsed,
        (cpu1 - cpu0) / elapsed * 100.0,
        (bytes1 - bytes0) as f64 / elapsed
    );
    Some(())
}

fn find(var: &str, name: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(var) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no other arguments.
    let seconds: u64 = std::env::var("IDLE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let data = std::env::temp_dir().join(format!("spar-idle-{}", std::process::id()));
    let spar = PathBuf::from(env!("CARGO_BIN_EXE_spar"));
    println!("idle with a running countdown, 120×40 pseudo-terminal, {seconds} s each");
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "program", "wakeups/s", "CPU", "bytes/s"
    );
    // A 30-minute timebox: the first item of a throwaway session, started with one key press.
    let session_dir = data.join("sessions");
    std::fs::create_dir_all(&session_dir).unwrap();
    std::fs::write(session_dir.join("idle.ron"), IDLE_SESSION).unwrap();
    std::fs::write(session_dir.join("idle-track.ron"), IDLE_TRACK).unwrap();
    let sessions = session_dir.to_string_lossy().to_string();
    measure(
        "spar run (30 min timebox running)",
        &spar,
        &["--sessions", &sessions, "run", "idle", "--new"],
        &[("SPAR_DATA_DIR", data.to_string_lossy().to_string())],
        b" ",
        seconds,
    );
    first_frames(&spar, &data, &sessions);
    if let Some(termdown) = find("TERMDOWN", "termdown") {
        measure("termdown 30m", &termdown, &["30m"], &[], b"", seconds);
    } else {
        println!("termdown: not installed (pip install termdown)");
    }
    if let Some(timr) = find("TIMR_TUI", "timr-tui") {
        let args = ["-m", "countdown", "-c", "30:00"];
        measure(
            "timr-tui -m countdown -c 30:00",
            &timr,
            &args,
            &[],
            b"",
            seconds,
        );
    } else {
        println!("timr-tui: not installed (cargo install timr-tui --version 1.9.0)");
    }
    let _ = std::fs::remove_dir_all(&data);
}

/// Time from start to the first frame on screen for a new run and for runs of 1,000 and 10,000
/// notes, whether any terminal query (device attributes, cursor position, colours) came before
/// it, and the resident memory a second later.
fn first_frames(spar: &PathBuf, data: &std::path::Path, sessions: &str) {
    let data_env = data.to_string_lossy().to_string();
    let new = first_frame(
        spar,
        &["--sessions", sessions, "run", "idle", "--new"],
        &data_env,
    );
    report("new run", new);
    for notes in [1_000, 10_000] {
        let id = run_with_notes(data, notes);
        let args = ["--sessions", sessions, "run", "idle", "--resume", &id];
        report(
            &format!("run of {notes} notes"),
            first_frame(spar, &args, &data_env),
        );
    }
}

fn report(what: &str, result: Option<(f64, usize, u64)>) {
    match result {
        Some((ms, queries, rss)) => println!(
            "{what}: first frame {ms:.1} ms, terminal queries before it: {queries}, resident {:.1} MB",
            rss as f64 / 1024.0
        ),
        None => println!("{what}: no first frame seen"),
    }
}

/// A run of the idle session with `notes` notes, written through spar's own journal writer.
fn run_with_notes(data: &std::path::Path, notes: i64) -> String {
    let store = spar::run::store::DataDir::at(data);
    let session = spar::session::parse::parse_session(IDLE_SESSION).unwrap();
    let header =
        spar::run::store::RunHeader::new(session, None, 1_600_333_200_000 + notes, "bench");
    let id = header.id.clone();
    let dir = store.create_run(header).unwrap();
    let mut writer = dir.open_writer("bench-000001").unwrap();
    for i in 0..notes {
        let ev = spar::run::Event::NoteSaved {
            at: spar::run::Place { item: 0, step: 0 },
            group: None,
            kind: spar::run::NoteKind::Note,
            text: format!(
                "note {i}: what the group said about this question, in a sentence or two"
            ),
            by: "bench".into(),
        };
        writer.append(1_600_333_200_000 + i, ev).unwrap();
    }
    id
}

/// Resident memory of a process in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn first_frame(program: &PathBuf, args: &[&str], data: &str) -> Option<(f64, usize, u64)> {
    let started = Instant::now();
    let (mut child, master) = spawn(program, args, &[("SPAR_DATA_DIR", data.to_string())])?;
    let pid = child.process_id()?;
    let mut reader = master.try_clone_reader().ok()?;
    let _writer = master.take_writer().ok()?;
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let result = loop {
        let n = reader.read(&mut buf).ok()?;
        if n == 0 {
            break None;
        }
        seen.extend_from_slice(&buf[..n]);
        if let Some(at) = seen.windows(16).position(|w| w == b"Idle measurement") {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let before = &seen[..at];
            let queries = [
                &b"\x1b[6n"[..],
                b"\x1b[c",
                b"\x1b[>c",
                b"\x1b]10;?",
                b"\x1b]11;?",
                b"\x1b[?u",
            ]
            .iter()
            .map(|q| before.windows(q.len()).filter(|w| w == q).count())
            .sum();
            break Some((ms, queries));
        }
    };
    // Keep reading so the program never blocks on a full terminal while we wait.
    std::thread::spawn(move || while matches!(reader.read(&mut buf), Ok(n) if n > 0) {});
    std::thread::sleep(Duration::from_secs(1));
    let rss = rss_kib(pid).unwrap_or(0);
    let _ = child.kill();
    result.map(|(ms, queries)| (ms, queries, rss))
}

const IDLE_TRACK: &str = r#"Track(id: "idle", title: "Idle", meetings: ["idle"])"#;

const IDLE_SESSION: &str = r#"Session(
    id: "idle",
    track: "idle",
    title: "Idle measurement",
    start: "09:00",
    agenda: [
        Item(kind: Discussion, title: "One long question", minutes: 30,
             questions: [Question(text: "How quiet can a countdown be?", minutes: 30)]),
    ],
)"#;
