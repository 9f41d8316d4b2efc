//! Programs in a pseudo-terminal, watched from outside as a user would: what is on the screen
//! (through a terminal emulator, vt100), when it got there, and what the process costs
//! (`/proc`: CPU time, wake-ups, resident memory). Shared by the benchmarks that measure from
//! outside (`#[path]`).
#![allow(dead_code)] // each benchmark uses a different part

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// What the program wrote so far, as bytes and as a screen.
struct Output {
    bytes: u64,
    screen: vt100::Parser,
    closed: bool,
}

pub struct Term {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<(Mutex<Output>, Condvar)>,
    pub pid: u32,
    pub started: Instant,
}

impl Term {
    /// Starts `program` in a `cols`×`rows` pseudo-terminal.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Option<Term> {
        let size = PtySize {
            rows,
            cols,
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
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).ok()?;
        let pid = child.process_id()?;
        let mut reader = pair.master.try_clone_reader().ok()?;
        let writer = Arc::new(Mutex::new(pair.master.take_writer().ok()?));
        let output = Arc::new((
            Mutex::new(Output {
                bytes: 0,
                screen: vt100::Parser::new(rows.try_into().ok()?, cols.try_into().ok()?, 0),
                closed: false,
            }),
            Condvar::new(),
        ));
        let (out, answer) = (output.clone(), writer.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, ready) = &*out;
                let mut o = lock.lock().unwrap();
                if n == 0 {
                    o.closed = true;
                    ready.notify_all();
                    return;
                }
                o.bytes += n as u64;
                o.screen.process(&buf[..n]);
                // Answer a cursor position query (DSR) as a terminal would: some programs wait
                // for it before their first frame.
                if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let _ = answer.lock().unwrap().write_all(b"\x1b[1;1R");
                }
                ready.notify_all();
            }
        });
        Some(Term {
            child,
            _master: pair.master,
            writer,
            output,
            pid,
            started,
        })
    }

    pub fn send(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        let _ = w.write_all(bytes);
        let _ = w.flush();
    }

    /// Waits until the screen satisfies `ok` (at most `limit`); returns when it did.
    pub fn wait_until(
        &self,
        limit: Duration,
        ok: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        let (lock, ready) = &*self.output;
        let deadline = Instant::now() + limit;
        let mut o = lock.lock().unwrap();
        loop {
            if ok(o.screen.screen()) {
                return Some(Instant::now());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            if o.closed {
                return None;
            }
            o = ready.wait_timeout(o, left).unwrap().0;
        }
    }

    pub fn wait_for(&self, text: &str, limit: Duration) -> Option<Instant> {
        self.wait_until(limit, |s| s.contents().contains(text))
    }

    /// Waits until the screen has changed `ticks` times from what it shows now: a running
    /// countdown has ticked, so the program is past its first frames and in its steady state.
    pub fn wait_ticks(&self, ticks: usize, limit: Duration) -> Option<Instant> {
        let mut at = None;
        for _ in 0..ticks {
            let before = self.screen_text();
            at = Some(self.wait_until(limit, |s| s.contents() != before)?);
        }
        at
    }

    pub fn bytes(&self) -> u64 {
        self.output.0.lock().unwrap().bytes
    }

    pub fn screen_text(&self) -> String {
        self.output.0.lock().unwrap().screen.screen().contents()
    }

    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// utime + stime of the process, in seconds, threads that ended included (Linux counts in ticks
/// of 1/100 s).
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// The time the running threads of `pid` have run, in seconds, from the scheduler's nanosecond
/// counts (`/proc/PID/task/*/schedstat`); else [`cpu_seconds`]. For the CPU of a program idling:
/// in ticks of 10 ms, 30 s of an idle stage read as "zero to four ticks".
pub fn running_seconds(pid: u32) -> Option<f64> {
    let scheduled = || {
        let mut ns: u64 = 0;
        for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()? {
            let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
            ns += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        }
        Some(ns as f64 / 1e9)
    };
    scheduled().or_else(|| cpu_seconds(pid))
}

/// Voluntary context switches summed over all threads: each is the process going to sleep,
/// i.e. one wake-up.
pub fn wakeups(pid: u32) -> Option<u64> {
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

/// A field of /proc/PID/status in KiB (VmRSS, VmHWM).
pub fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Wake-ups a second, CPU percent and bytes a second of a running program over `seconds`.
pub struct Idle {
    pub wakeups: f64,
    pub cpu: f64,
    pub bytes: f64,
}

pub fn idle(term: &Term, seconds: u64) -> Option<Idle> {
    let (cpu0, wake0, bytes0, t0) = (
        running_seconds(term.pid)?,
        wakeups(term.pid)?,
        term.bytes(),
        Instant::now(),
    );
    std::thread::sleep(Duration::from_secs(seconds));
    let (cpu1, wake1, bytes1) = (running_seconds(term.pid)?, wakeups(term.pid)?, term.bytes());
    let elapsed = t0.elapsed().as_secs_f64();
    Some(Idle {
        wakeups: (wake1 - wake0) as f64 / elapsed,
        cpu: (cpu1 - cpu0) / elapsed * 100.0,
        bytes: (bytes1 - bytes0) as f64 / elapsed,
    })
}

/// A program found through `var` or on PATH.
pub fn find(var: &str, name: &str) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(var) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The value at quantile `q` (0..=1) of `values`, sorted in place.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    if values.is_empty() {
        return f64::NAN;
    }
    let i = ((values.len() - 1) as f64 * q).round() as usize;
    values[i]
}
