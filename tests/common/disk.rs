//! Waiting for another process's files: woken by the file system's own events (notify) rather
//! than by looking again after a fixed sleep.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// Waits until `done()` holds, looking again each time something changes under `dir` (which
/// must exist), and panics with `what` after `limit`.
pub fn wait_until<T>(dir: &Path, limit: Duration, what: &str, done: impl Fn() -> Option<T>) -> T {
    within(dir, limit, done)
        .unwrap_or_else(|| panic!("timed out after {limit:?} waiting for {what}"))
}

/// What `done()` gives once it holds, looking again each time something changes under `dir` (or
/// its nearest folder that exists); `None` after `limit`. A watcher that cannot be set up, or an
/// event lost, costs at most one look a second: the wait never hangs past `limit` and never
/// misses a change made before it was armed (it looks once armed).
pub fn within<T>(dir: &Path, limit: Duration, done: impl Fn() -> Option<T>) -> Option<T> {
    let dir = dir.ancestors().find(|d| d.is_dir())?;
    let deadline = Instant::now() + limit;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .ok();
    if let Some(w) = watcher.as_mut() {
        let _ = w.watch(dir, RecursiveMode::Recursive);
    }
    loop {
        if let Some(found) = done() {
            return Some(found);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        // Woken by the next change, or at the latest in a second (a lost event).
        let _ = rx.recv_timeout(left.min(Duration::from_secs(1)));
    }
}
