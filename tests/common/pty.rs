//! The real `spar` binary in a real pseudo-terminal: type into it, read its screen through a
//! vt100 parser, and keep every byte it wrote for the injection and bytes-per-second checks.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Pty {
    /// Starts `spar ARGS` at `cols`×`rows` with its data in `data_dir`, UTC and the given LANG.
    pub fn spawn(args: &[&str], data_dir: &Path, lang: &str, cols: u16, rows: u16) -> Pty {
        Pty::spawn_env(args, data_dir, &[("LANG", lang)], cols, rows)
    }

    pub fn spawn_env(
        args: &[&str],
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
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_spar"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        cmd.env("SPAR_DATA_DIR", data_dir);
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_MESSAGES");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start spar");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            child,
            writer,
            _master: pair.master,
            parser,
            raw,
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text one key at a time, as a person would (a pause lets each key arrive alone).
    pub fn type_keys(&mut self, text: &str) {
        for c in text.chars() {
            let mut buf = [0u8; 4];
            self.send(c.encode_utf8(&mut buf).as_bytes());
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Pastes text as a terminal does with bracketed paste on.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.parser.lock().unwrap().screen().hide_cursor()
    }

    pub fn bracketed_paste(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// Every byte the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; panics with the screen when it does not in 10 s.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), text)
    }

    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        self.wait_until_within(ok, what, Duration::from_secs(10))
    }

    /// Like [`wait_until`](Self::wait_until), for something slower than 10 s may be (a file
    /// that a sync tool carries to another folder).
    pub fn wait_until_within(
        &self,
        ok: impl Fn(&str) -> bool,
        what: &str,
        limit: Duration,
    ) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
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

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for spar") {
                // Give the reader a moment to take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                panic!("spar did not exit; the screen shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
