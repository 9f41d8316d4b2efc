//! The real `spar` binary in a real pseudo-terminal: type into it, read its screen through a
//! vt100 parser, and keep every byte it wrote for the injection and bytes-per-second checks.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{ChildKiller, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// What the reader thread has seen: the screen, every byte, and whether the program's side of
/// the terminal is closed. Waiters sleep on the condition variable until it changes.
struct Seen {
    parser: vt100::Parser,
    raw: Vec<u8>,
    closed: bool,
}

type Shared = Arc<(Mutex<Seen>, Condvar)>;

/// Output that pauses this long has finished its frame.
const SETTLE: Duration = Duration::from_millis(30);

/// How long any wait lasts before the test fails with what the screen shows.
const PATIENCE: Duration = Duration::from_secs(10);

pub struct Pty {
    killer: Box<dyn ChildKiller + Send + Sync>,
    pid: u32,
    exited: Receiver<u32>,
    exit_code: Option<u32>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    seen: Shared,
}

impl Pty {
    /// Starts `spar ARGS` at `cols`×`rows` with its data in `data_dir`, UTC and the given LANG.
    pub fn spawn(args: &[&str], data_dir: &Path, lang: &str, cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, data_dir, &[("LANG", lang)], cols, rows)
    }

    /// `spar --as AUTHOR run kickoff` at 120×40 in the locale `lang`, once its lobby is on screen.
    pub fn kickoff_lobby(author: &str, data_dir: &Path, lang: &str) -> Pty {
        Pty::kickoff_lobby_sized(author, data_dir, lang, 120, 40)
    }

    /// [`kickoff_lobby`](Self::kickoff_lobby) at `cols` × `rows`.
    pub fn kickoff_lobby_sized(
        author: &str,
        data_dir: &Path,
        lang: &str,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let spar = Pty::spawn(
            &["--as", author, "run", "kickoff"],
            data_dir,
            lang,
            cols,
            rows,
        );
        spar.wait_for(if lang.starts_with("sv") {
            "Tryck mellanslag"
        } else {
            "Press space"
        });
        spar
    }

    /// Opens the note editor (its placeholder in either language on screen) and types `text`
    /// into it, unsaved, until the screen shows it.
    pub fn type_into_new_note(&mut self, text: &str) {
        self.send(b"i");
        self.wait_until(
            |s| s.contains("Skriv här") || s.contains("Type here"),
            "the editor open",
        );
        self.type_keys(text);
        self.wait_for(text);
    }

    pub fn spawn_env(
        args: &[&str],
        data_dir: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_spar"));
        cmd.args(args);
        Pty::start(cmd, data_dir, env, cols, rows)
    }

    /// Like [`spawn`](Self::spawn), with no file allowed to grow past `blocks` 512-byte blocks
    /// (`ulimit -f`): writes past it fail with EFBIG, and the process gets SIGXFSZ.
    #[allow(dead_code)]
    pub fn spawn_file_limit(
        args: &[&str],
        data_dir: &Path,
        lang: &str,
        blocks: u32,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "ulimit -f \"$0\" && exec \"$@\""]);
        cmd.arg(blocks.to_string());
        cmd.arg(env!("CARGO_BIN_EXE_spar"));
        cmd.args(args);
        Pty::start(cmd, data_dir, &[("LANG", lang)], cols, rows)
    }

    /// Like [`spawn`](Self::spawn), with spar started by `wrapper` (a program and its
    /// arguments, which ends by running the rest of its arguments: spar and `args`).
    #[allow(dead_code)]
    pub fn spawn_under(
        wrapper: &[&str],
        args: &[&str],
        data_dir: &Path,
        lang: &str,
        cols: u16,
        rows: u16,
    ) -> Pty {
        let mut cmd = CommandBuilder::new(wrapper[0]);
        cmd.args(&wrapper[1..]);
        cmd.arg(env!("CARGO_BIN_EXE_spar"));
        cmd.args(args);
        Pty::start(cmd, data_dir, &[("LANG", lang)], cols, rows)
    }

    fn start(
        mut cmd: CommandBuilder,
        data_dir: &Path,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("SPAR_DATA_DIR", data_dir);
        // Copies of unsaved notes go to the user's state folder (the cache folder on macOS):
        // kept in the test's folder, beside the runs and never in them.
        cmd.env("XDG_STATE_HOME", data_dir.join("state"));
        cmd.env("XDG_CACHE_HOME", data_dir.join("cache"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = pair.slave.spawn_command(cmd).expect("start spar");
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let killer = child.clone_killer();
        let (tx, exited) = mpsc::channel();
        std::thread::spawn(move || {
            if let Ok(status) = child.wait() {
                let _ = tx.send(status.exit_code());
            }
        });
        let seen: Shared = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new(
                    rows.try_into().expect("rows > 0"),
                    cols.try_into().expect("cols > 0"),
                    0,
                ),
                raw: Vec::new(),
                closed: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let shared = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, changed) = &*shared;
                let mut seen = lock.lock().unwrap();
                if n == 0 {
                    seen.closed = true;
                    changed.notify_all();
                    return;
                }
                seen.parser.process(&buf[..n]);
                seen.raw.extend_from_slice(&buf[..n]);
                changed.notify_all();
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            killer,
            pid,
            exited,
            exit_code: None,
            writer,
            _master: pair.master,
            seen,
        }
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.0.lock().unwrap()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text as one burst of keys, as a fast typist or a terminal's input buffer delivers
    /// them (every key is read, however many arrive at once).
    pub fn type_keys(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Pastes text as a terminal does with bracketed paste on.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    /// Esc, then waits until the screen shows `closed`: a key sent right after a lone Esc would
    /// be read as Alt+key.
    pub fn escape(&mut self, closed: impl Fn(&str) -> bool, what: &str) -> String {
        self.send(b"\x1b");
        self.wait_until(closed, what)
    }

    pub fn screen(&self) -> String {
        self.seen().parser.screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.seen().parser.screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.seen().parser.screen().hide_cursor()
    }

    pub fn bracketed_paste(&self) -> bool {
        self.seen().parser.screen().bracketed_paste()
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.seen().raw.clone()
    }

    /// Space on a stage that has not started yet: starts the first timebox. A stage started more
    /// than five minutes off its session's planned time first asks how to read the plan (the
    /// tests run at any time of day); this answers it with `1`, keep the planned times.
    pub fn start_first_timebox(&mut self) {
        self.send(b" ");
        let asked = ["Start time", "Starttid"];
        let screen = self.wait_until(
            |s| asked.iter().any(|a| s.contains(a)) || s.contains("RUNNING") || s.contains("PÅGÅR"),
            "the first timebox running, or the late-start question",
        );
        if asked.iter().any(|a| screen.contains(a)) {
            self.send(b"1");
        }
    }

    /// `spar join` found a facilitator on stage: waits for its question (either language) and
    /// answers with `key` (`b"\r"`: join as note-taker, the default).
    #[allow(dead_code)]
    pub fn answer_on_stage(&mut self, key: &[u8]) {
        self.wait_until(
            |s| s.contains("The meeting is running") || s.contains("Träffen pågår"),
            "the question about the facilitator on stage",
        );
        self.send(key);
    }

    /// Waits until the screen shows `text`; panics with the screen when it does not in 10 s.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), text)
    }

    /// Waits until the screen satisfies `ok`, woken by each write of the program.
    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        self.wait_until_within(ok, what, PATIENCE)
    }

    /// Like [`wait_until`](Self::wait_until), for something slower than 10 s may be (a file
    /// that a sync tool carries to another folder).
    pub fn wait_until_within(
        &self,
        ok: impl Fn(&str) -> bool,
        what: &str,
        limit: Duration,
    ) -> String {
        self.wait_on(|seen| seen.parser.screen().contents(), ok, what, limit)
    }

    /// Waits until everything the program wrote, read as text, satisfies `ok`: for a program
    /// that writes a stream of lines (`--screen-reader`) rather than a screen.
    #[allow(dead_code)]
    pub fn wait_output(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        self.wait_on(
            |seen| String::from_utf8_lossy(&seen.raw).into_owned(),
            ok,
            what,
            PATIENCE,
        )
    }

    /// Waits until `ok` holds for what `view` reads of the terminal, woken by each write.
    fn wait_on(
        &self,
        view: impl Fn(&Seen) -> String,
        ok: impl Fn(&str) -> bool,
        what: &str,
        limit: Duration,
    ) -> String {
        let deadline = Instant::now() + limit;
        let (lock, changed) = &*self.seen;
        let mut seen = lock.lock().unwrap();
        loop {
            let screen = view(&seen);
            if ok(&screen) {
                // A frame arrives in several reads: the screen counts once the output settles
                // (no new byte for a moment), so a half-drawn frame is never taken for it.
                let written = seen.raw.len();
                seen = changed.wait_timeout(seen, SETTLE).unwrap().0;
                if seen.raw.len() == written {
                    return view(&seen);
                }
                continue;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || seen.closed {
                panic!("timed out waiting for {what:?}; the screen shows:\n{screen}");
            }
            seen = changed.wait_timeout(seen, left).unwrap().0;
        }
    }

    /// Waits until the screen first shows `text`, without waiting for the output to settle: for
    /// measuring when a change arrived (a frame may still be half drawn then).
    pub fn wait_first(&self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        let (lock, changed) = &*self.seen;
        let mut seen = lock.lock().unwrap();
        while !seen.parser.screen().contents().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero() && !seen.closed,
                "timed out waiting for {text:?}"
            );
            seen = changed.wait_timeout(seen, left).unwrap().0;
        }
    }

    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Sends a signal by name ("KILL", "TERM", "HUP").
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the program to exit and for the last bytes it wrote; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        if let Some(code) = self.exit_code {
            return code;
        }
        let code = self
            .exited
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("spar did not exit; the screen shows:\n{}", self.screen()));
        self.exit_code = Some(code);
        // Its side of the terminal closes with it: everything it wrote has been read then.
        let deadline = Instant::now() + PATIENCE;
        let (lock, changed) = &*self.seen;
        let mut seen = lock.lock().unwrap();
        while !seen.closed && Instant::now() < deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            seen = changed.wait_timeout(seen, left).unwrap().0;
        }
        code
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.killer.kill();
    }
}

/// Waits until some journal under `data`'s runs holds `needle`, as it is or as RON writes it in
/// a string: what a test waits for before a kill -9.
#[allow(dead_code)]
pub fn wait_for_journal(data: &Path, needle: &str) {
    let needle_raw = needle;
    let escaped = ron::to_string(needle).expect("a string to RON");
    let needle = escaped.trim_matches('"').to_string();
    super::disk::wait_until(
        data,
        PATIENCE,
        &format!("a journal under {} holding {needle:?}", data.display()),
        || {
            journals(&data.join("runs"))
                .iter()
                .any(|t| t.contains(&needle) || t.contains(needle_raw))
                .then_some(())
        },
    );
}

fn journals(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(journals(&path));
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.extend(std::fs::read_to_string(&path).ok());
        }
    }
    out
}

/// The countdown of a join's screen in seconds ("0:59 · RUNNING"); the stage's own is drawn in
/// big digits and read from the journal instead.
pub fn countdown_seconds(screen: &str) -> Option<i64> {
    let line = screen.lines().find(|l| l.contains(" · RUNNING"))?;
    let clock = line.trim_start_matches(['│', ' ']).split(' ').next()?;
    let (m, s) = clock.split_once(':')?;
    Some(m.parse::<i64>().ok()? * 60 + s.parse::<i64>().ok()?)
}
