//! Watching a run folder for other writers' journal lines: file events where the file system
//! delivers them (no polling loop at all), polling once a second where it does not (network
//! shares). `SPAR_WATCH=poll` forces polling, e.g. for a folder a sync tool writes to in a way
//! that file events miss.

use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::event_loop::Msg;

/// Keeps the watcher alive; dropping it stops watching.
pub struct JournalWatch {
    _watcher: Box<dyn Watcher + Send>,
    pub polling: bool,
}

const POLL_EVERY: Duration = Duration::from_secs(1);

impl JournalWatch {
    pub fn start(folder: &Path, tx: Sender<Msg>) -> notify::Result<JournalWatch> {
        let handler = move |res: notify::Result<notify::Event>| {
            // Only changes: our own reads of the journals must not wake us again.
            if let Ok(event) = res
                && matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                )
            {
                let _ = tx.send(Msg::Journals);
            }
        };
        let forced = std::env::var("SPAR_WATCH").is_ok_and(|v| v == "poll");
        let polling = forced || is_network_folder(folder);
        let mut watcher: Box<dyn Watcher + Send> = if polling {
            let config = notify::Config::default()
                .with_poll_interval(POLL_EVERY)
                .with_compare_contents(false);
            Box::new(PollWatcher::new(handler, config)?)
        } else {
            Box::new(RecommendedWatcher::new(handler, notify::Config::default())?)
        };
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
        Ok(JournalWatch {
            _watcher: watcher,
            polling,
        })
    }
}

/// Whether the folder lies on a file system that does not deliver file events for changes made
/// by other machines (NFS, SMB, FUSE mounts such as sshfs), from the longest matching mount
/// point in /proc/mounts. Elsewhere (no /proc) file events are trusted.
fn is_network_folder(folder: &Path) -> bool {
    let Ok(mounts) = std::fs::read_to_string("/proc/mounts") else {
        return false;
    };
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let fstype = mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let _device = fields.next()?;
            let point = fields.next()?.replace("\\040", " ");
            let fstype = fields.next()?;
            folder
                .starts_with(&point)
                .then(|| (point.len(), fstype.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, fstype)| fstype)
        .unwrap_or_default();
    fstype.starts_with("nfs")
        || fstype.starts_with("cifs")
        || fstype.starts_with("smb")
        || fstype.starts_with("fuse")
        || fstype == "9p"
        || fstype == "afs"
}
