//! Requests to stop that come from outside the keyboard: on Unix the signals SIGTERM, SIGHUP,
//! SIGINT and SIGQUIT (SIGXFSZ is caught and ignored); on Windows the console's Ctrl+C, Ctrl+Break, window close, log-off and shut-down.
//! Each becomes one [`Msg::Signal`] in the event loop, which saves what is pending and leaves.

use std::sync::mpsc::Sender;

use super::event_loop::Msg;

/// Why the process is asked to stop. Every kind is handled the same way today (save, then
/// leave); the kind is kept for messages and for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM, SIGQUIT, or Windows logging off or shutting down.
    Terminate,
    /// SIGHUP, the terminal gone away, or the Windows console window closed.
    Hangup,
    /// SIGINT, or Ctrl+C / Ctrl+Break delivered by the Windows console.
    Interrupt,
}

/// Starts forwarding stop requests to `tx`. Called once per process, from `Tui::start`.
pub fn spawn(tx: Sender<Msg>) -> anyhow::Result<()> {
    platform::spawn(tx)
}

/// Tells a waiting stop request that everything pending is saved. On Windows the console
/// ends the process as soon as its close handler returns, so the handler waits for this.
pub fn saved() {
    #[cfg(windows)]
    platform::saved();
}

#[cfg(unix)]
mod platform {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::sync::mpsc::Sender;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGXFSZ};

    use super::Stop;
    use crate::tui::event_loop::Msg;

    pub fn spawn(tx: Sender<Msg>) -> anyhow::Result<()> {
        // SIGQUIT would otherwise end the process at once (with a core dump), the terminal raw
        // and the draft unjournalled: it is handled like SIGTERM.
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        // SIGXFSZ (a file grew past the size limit) is caught and let be: the write then fails
        // with EFBIG, which the writer reports and retries like a full disk, and the process
        // stays to keep what it cannot write somewhere else.
        signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
        std::thread::spawn(move || {
            for signal in signals.forever() {
                let stop = match signal {
                    SIGHUP => Stop::Hangup,
                    SIGINT => Stop::Interrupt,
                    _ => Stop::Terminate,
                };
                if tx.send(Msg::Signal(stop)).is_err() {
                    return;
                }
            }
        });
        Ok(())
    }
}

/// Hand-written over `SetConsoleCtrlHandler` rather than the `ctrlc` crate: `ctrlc` returns from
/// the console's handler at once, and for a closed window, log-off or shut-down Windows ends
/// the process when the handler returns — before the draft being typed is journalled. This
/// handler forwards the request and then waits (at most 4 s, within the 5 s Windows grants)
/// until the event loop says everything is saved.
#[cfg(windows)]
mod platform {
    use std::sync::mpsc::Sender;
    use std::sync::{Condvar, Mutex, OnceLock};
    use std::time::Duration;

    use windows_sys::Win32::System::Console::{
        CTRL_BREAK_EVENT, CTRL_C_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT,
        SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    use super::Stop;
    use crate::tui::event_loop::Msg;

    static SENDER: OnceLock<Mutex<Sender<Msg>>> = OnceLock::new();
    static SAVED: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

    pub fn spawn(tx: Sender<Msg>) -> anyhow::Result<()> {
        if SENDER.set(Mutex::new(tx)).is_err() {
            return Ok(());
        }
        // SAFETY: `on_console_event` is a plain function that lives as long as the process.
        if unsafe { SetConsoleCtrlHandler(Some(on_console_event), 1) } == 0 {
            return Err(std::io::Error::last_os_error().into());
        }
        Ok(())
    }

    pub fn saved() {
        let (done, cv) = &SAVED;
        *done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
    }

    unsafe extern "system" fn on_console_event(kind: u32) -> BOOL {
        let stop = match kind {
            CTRL_C_EVENT | CTRL_BREAK_EVENT => Stop::Interrupt,
            CTRL_CLOSE_EVENT => Stop::Hangup,
            CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => Stop::Terminate,
            _ => return 0,
        };
        let Some(sender) = SENDER.get() else {
            return 0;
        };
        // Held from before the request is sent, so that `saved` cannot be missed.
        let (done, cv) = &SAVED;
        let mut guard = done.lock().unwrap_or_else(|e| e.into_inner());
        *guard = false;
        let sent = sender
            .lock()
            .map(|tx| tx.send(Msg::Signal(stop)).is_ok())
            .unwrap_or(false);
        if sent && stop != Stop::Interrupt {
            let _ = cv.wait_timeout_while(guard, Duration::from_secs(4), |saved| !*saved);
        }
        1
    }
}
