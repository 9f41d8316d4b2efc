//! Issue 19, finding 7, measured from outside with the release binary in pseudo-terminals: what
//! big and many files in the run folder cost the stage the room sees.
//!
//! 1. A file appears in the run folder while the facilitator types a note (a letter every
//!    25 ms, each timed from the write to the terminal until the screen shows it): a 4 GiB
//!    sparse `*.ron` (`truncate -s 4G`), and 63 MiB of real journal lines (the largest journal
//!    that is read, 64 MiB being the bound) renamed in at once, as a sync tool does. Reported:
//!    the slowest echo and the p99 of the letters typed from the drop on, and the p50 before.
//! 2. 10,000 journals in the run folder and one note-taker (`spar join` in its own terminal)
//!    typing a note of ten letters every second: the stage's CPU over `SHARED_SECONDS` (20 by
//!    default), then its key echo while the note-taker goes on.
//!
//! `cargo bench --bench shared_folder` (SHARED_SKIP_MANY=1 leaves out part 2,
//! SHARED_JOURNALS=N sets how many journals, SHARED_KEEP=1 keeps the folders).

#[path = "support/pty.rs"]
mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pty::{Term, quantile, running_seconds};
use spar::run::journal::encode;
use spar::run::{Event, NoteKind, Place, Record, Role};

const TITLE: &str = "Idle measurement";
const LIMIT: Duration = Duration::from_secs(300);
const EMPTY_EDITOR: &str = "Type here";
const TRACK: &str = r#"Track(id: "idle", title: "Idle", meetings: ["idle"])"#;
const SESSION: &str = include_str!("../tests/fixtures/idle_with_groups.ron");

struct Setup {
    spar: PathBuf,
    data: PathBuf,
    sessions: String,
}

impl Setup {
    fn spawn(&self, name: &str, rest: &[&str], env: &[(&str, &str)]) -> Term {
        let data = self.data.to_string_lossy().to_string();
        let mut args = vec!["--sessions", &self.sessions, "--lang", "en", "--as", name];
        args.extend_from_slice(rest);
        let mut all = vec![("SPAR_DATA_DIR", data.as_str())];
        all.extend_from_slice(env);
        Term::spawn(&self.spar, &args, &all, 120, 40).expect("spar starts")
    }

    /// A new run's stage with its countdown running and the note editor open; and the run's
    /// folder.
    fn stage(&self) -> (Term, PathBuf) {
        let stage = self.spawn("Anna", &["run", "idle", "--new"], &[]);
        stage.wait_for(TITLE, LIMIT).expect("a first frame");
        // `1` answers the late-start question when the session's start time has passed.
        stage.send(b" 1");
        stage
            .wait_for("RUNNING", LIMIT)
            .expect("the countdown starts");
        let folder = newest_run(&self.data);
        stage.send(b"i");
        stage
            .wait_for(EMPTY_EDITOR, LIMIT)
            .expect("the editor opens");
        (stage, folder)
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn main() {
    let root = std::env::temp_dir().join(format!("spar-shared-{}", std::process::id()));
    let sessions = root.join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(sessions.join("idle.ron"), SESSION).unwrap();
    std::fs::write(sessions.join("idle-track.ron"), TRACK).unwrap();
    let setup = Setup {
        spar: PathBuf::from(env!("CARGO_BIN_EXE_spar")),
        data: root.join("data"),
        sessions: sessions.to_string_lossy().to_string(),
    };
    println!("a file appearing in the run folder while the facilitator types (120x40):");
    println!(
        "  {:<42} | {:>13} | {:>20}",
        "file", "p50 before ms", "after: p99 / max ms"
    );
    for (what, drop) in [
        ("4 GiB sparse *.ron", Drop::Sparse),
        ("63 MiB of journal lines, renamed in", Drop::Lines),
    ] {
        let (before, after) = typing_through_a_drop(&setup, &root, drop);
        let (mut before, mut after) = (before, after);
        let max = after.iter().copied().fold(0.0, f64::max);
        println!(
            "  {what:<42} | {:>13.2} | {:>9.2} / {max:>8.2}",
            quantile(&mut before, 0.5),
            quantile(&mut after, 0.99),
        );
    }
    if std::env::var("SHARED_SKIP_MANY").is_err() {
        let journals = std::env::var("SHARED_JOURNALS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        let seconds = std::env::var("SHARED_SECONDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20);
        many_journals(&setup, journals, seconds);
    }
    if std::env::var("SHARED_KEEP").is_ok() {
        println!("kept {}", root.display());
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[derive(Clone, Copy)]
enum Drop {
    Sparse,
    Lines,
}

/// Echo times (ms) of letters typed before and after a file is dropped into the run folder.
fn typing_through_a_drop(setup: &Setup, root: &Path, drop: Drop) -> (Vec<f64>, Vec<f64>) {
    let (stage, folder) = setup.stage();
    // Prepared outside the run folder, so that it appears there at once.
    let outside = root.join("dropped.ron");
    match drop {
        Drop::Sparse => std::fs::File::create(&outside)
            .and_then(|f| f.set_len(4 << 30))
            .unwrap(),
        Drop::Lines => journal_lines(&outside, 63 << 20),
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut typed = String::from("D");
    stage.send(typed.as_bytes());
    stage.wait_until(Duration::from_secs(10), shows(&typed));
    for i in 0..160 {
        if i == 40 {
            std::fs::rename(&outside, folder.join("zed-z00009.ron")).unwrap();
        }
        let c = (b'a' + (i % 26) as u8) as char;
        typed.push(c);
        let t0 = Instant::now();
        stage.send(c.to_string().as_bytes());
        let Some(at) = stage.wait_until(LIMIT, shows(&typed)) else {
            panic!("no echo of {typed:?}:\n{}", stage.screen_text());
        };
        let ms = at.duration_since(t0).as_secs_f64() * 1000.0;
        if i < 40 { &mut before } else { &mut after }.push(ms);
        // A typist's rhythm, not a wait: the next letter comes 25 ms after this one shows.
        std::thread::sleep(Duration::from_millis(25));
        if typed.len() > 60 {
            stage.send(b"\r");
            stage
                .wait_for(EMPTY_EDITOR, LIMIT)
                .expect("the note is saved");
            typed = format!("D{i}");
            stage.send(typed.as_bytes());
            stage.wait_until(Duration::from_secs(10), shows(&typed));
        }
    }
    stage.kill();
    (before, after)
}

/// Whether the screen shows the end of `text` (the editor scrolls).
fn shows(text: &str) -> impl Fn(&vt100::Screen) -> bool {
    let tail: String = text
        .chars()
        .skip(text.chars().count().saturating_sub(12))
        .collect();
    move |s: &vt100::Screen| s.contents().contains(&tail)
}

/// At least `bytes` of a note-taker's journal lines, stamped now: their `Joined`, then notes on
/// the question on screen.
fn journal_lines(path: &Path, bytes: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let now = now_ms();
    let joined = Event::Joined {
        name: "Zed".into(),
        role: Role::NoteTaker,
    };
    let mut written = 0u64;
    let mut seq = 1;
    let mut line = encode(&Record {
        at: now,
        seq,
        ev: joined,
        hlc: None,
    });
    while written < bytes {
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        seq += 1;
        let ev = Event::NoteSaved {
            at: Place::START,
            group: None,
            kind: NoteKind::Note,
            text: format!("Anteckning {seq}: vad gruppen sa om frågan, i en mening eller två"),
            by: "Zed".into(),
        };
        line = encode(&Record {
            at: now,
            seq,
            ev,
            hlc: None,
        });
    }
    out.flush().unwrap();
}

/// 10,000 journals (each a note-taker's `Joined`) in a running stage's folder, and a
/// note-taker typing a note every second: the stage's CPU, then its key echo.
fn many_journals(setup: &Setup, journals: usize, seconds: u64) {
    let (stage, folder) = setup.stage();
    let now = now_ms();
    for i in 0..journals {
        let joined = Event::Joined {
            name: format!("N{i}"),
            role: Role::NoteTaker,
        };
        let line = encode(&Record {
            at: now,
            seq: 1,
            ev: joined,
            hlc: None,
        });
        std::fs::write(folder.join(format!("n{i}-{i:06x}.ron")), line).unwrap();
    }
    // The stage has read them all when the last one's writer is counted: its screen settles.
    let id = folder.file_name().unwrap().to_string_lossy().to_string();
    let join = setup.spawn("Bo", &["join", &id], &[]);
    // A join asks first whether to join the meeting running on a stage: Enter joins.
    join.wait_for("The meeting is running", LIMIT)
        .expect("the join's question");
    join.send(b"\r");
    join.wait_for(TITLE, LIMIT).expect("the join's first frame");
    join.send(b"i");
    join.wait_for(EMPTY_EDITOR, LIMIT)
        .expect("the join's editor");
    let typing = Arc::new(AtomicBool::new(true));
    let typist = {
        let typing = typing.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while typing.load(Ordering::Relaxed) {
                let second = Instant::now();
                n += 1;
                for c in format!("note {n:04}x").chars() {
                    join.send(c.to_string().as_bytes());
                    std::thread::sleep(Duration::from_millis(40));
                }
                join.send(b"\r");
                std::thread::sleep(Duration::from_secs(1).saturating_sub(second.elapsed()));
            }
            join
        })
    };
    // Settled: the stage shows the note-taker's notes arriving.
    stage
        .wait_for("note 0002x", LIMIT)
        .expect("the join's notes reach the stage");
    let (cpu0, t0) = (running_seconds(stage.pid).unwrap(), Instant::now());
    std::thread::sleep(Duration::from_secs(seconds));
    let cpu = (running_seconds(stage.pid).unwrap() - cpu0) / t0.elapsed().as_secs_f64() * 100.0;
    let mut times = Vec::new();
    let mut typed = String::from("S");
    stage.send(typed.as_bytes());
    stage.wait_until(Duration::from_secs(10), shows(&typed));
    for i in 0..100 {
        let c = (b'a' + (i % 26) as u8) as char;
        typed.push(c);
        let t0 = Instant::now();
        stage.send(c.to_string().as_bytes());
        if let Some(at) = stage.wait_until(LIMIT, shows(&typed)) {
            times.push(at.duration_since(t0).as_secs_f64() * 1000.0);
        }
        std::thread::sleep(Duration::from_millis(25));
        if typed.len() > 40 {
            stage.send(b"\r");
            stage.wait_for(EMPTY_EDITOR, LIMIT);
            typed = format!("S{i}");
            stage.send(typed.as_bytes());
            stage.wait_until(Duration::from_secs(10), shows(&typed));
        }
    }
    typing.store(false, Ordering::Relaxed);
    let join = typist.join().unwrap();
    let notes = std::fs::read_dir(&folder).map_or(0, |d| d.count());
    println!();
    println!(
        "{journals} journals ({notes} files) in the run folder, a note-taker typing a note a second (120x40):"
    );
    println!("  stage CPU over {seconds} s: {cpu:.2} %");
    println!(
        "  stage key echo p50 / p99 / max: {:.2} / {:.2} / {:.2} ms",
        quantile(&mut times.clone(), 0.5),
        quantile(&mut times.clone(), 0.99),
        times.iter().copied().fold(0.0, f64::max)
    );
    join.kill();
    stage.kill();
}

fn newest_run(data: &Path) -> PathBuf {
    let mut runs: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(data.join("runs"))
        .unwrap()
        .flatten()
        .map(|e| (e.metadata().and_then(|m| m.modified()).unwrap(), e.path()))
        .collect();
    runs.sort();
    runs.pop().unwrap().1
}
