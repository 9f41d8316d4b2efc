//! The last resort for events that could not be journalled by the end of a process (a full
//! disk, a frozen shared folder): a copy for a person to put back, kept outside the shared
//! folder — the folder others write into is where the trouble is, and a name planted there
//! (a symlink) could send the notes anywhere — and, when not even that can be written, the
//! texts printed after the terminal is given back.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Event, Millis};

/// The copy's text: a header naming where the events belonged, one RON line per event (for a
/// tool to put back), then the texts of the notes and drafts as written (for a person).
pub fn render(journal: &str, unsaved: &[(Millis, Event)]) -> String {
    let mut text =
        format!("# Not saved to {journal}; one event per line, then the notes' texts.\n");
    for (at, ev) in unsaved {
        text.push_str(&ron::to_string(&(at, ev)).unwrap_or_default());
        text.push('\n');
    }
    for words in texts(unsaved) {
        text.push('\n');
        text.push_str(words);
        text.push('\n');
    }
    text
}

/// The words typed in the events: what must reach a person even when nothing else does.
pub fn texts(unsaved: &[(Millis, Event)]) -> impl Iterator<Item = &str> {
    unsaved.iter().filter_map(|(_, ev)| match ev {
        Event::NoteSaved { text, .. }
        | Event::Unfinished { text, .. }
        | Event::NoteEdited { text, .. }
        | Event::EditUnfinished { text, .. }
        | Event::Draft { text, .. }
        | Event::EditDraft { text, .. }
            if !text.trim().is_empty() =>
        {
            Some(text.as_str())
        }
        _ => None,
    })
}

/// How many of the events are notes or changes to one (the words a meeting would miss).
pub fn notes<'a>(unsaved: impl IntoIterator<Item = &'a (Millis, Event)>) -> usize {
    unsaved
        .into_iter()
        .filter(|(_, ev)| {
            matches!(
                ev,
                Event::NoteSaved { .. }
                    | Event::Unfinished { .. }
                    | Event::NoteEdited { .. }
                    | Event::EditUnfinished { .. }
            )
        })
        .count()
}

/// Where copies go, best first: the user's state folder (`~/.local/state/spar/unsaved` on
/// Linux), else the cache folder (macOS, Windows), then the system's temporary folder. None of
/// them is the data folder, which may be the shared one.
pub fn places() -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Some(dirs) = directories::ProjectDirs::from("", "", "spar") {
        places.extend(dirs.state_dir().map(Path::to_path_buf));
        places.push(dirs.cache_dir().to_path_buf());
    }
    places.push(std::env::temp_dir().join("spar"));
    places.into_iter().map(|p| p.join("unsaved")).collect()
}

/// Writes `text` as a new file `name` in the first of `places` that takes it, on a thread that
/// is given up after `wait` (a frozen file system cannot hold the process). The file is created
/// new, never through a link, readable by its owner only. Returns its path, or the last reason
/// none could be written.
pub fn keep(name: &str, text: String, places: Vec<PathBuf>, wait: Duration) -> io::Result<PathBuf> {
    let (tx, rx) = std::sync::mpsc::channel();
    let name = name.to_owned();
    std::thread::spawn(move || {
        let mut last = io::Error::new(io::ErrorKind::NotFound, "no folder for a copy");
        for place in places {
            match write_in(&place, &name, text.as_bytes()) {
                Ok(path) => {
                    let _ = tx.send(Ok(path));
                    return;
                }
                Err(e) => last = e,
            }
        }
        let _ = tx.send(Err(last));
    });
    match rx.recv_timeout(wait) {
        Ok(result) => result,
        Err(_) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the file system does not answer",
        )),
    }
}

/// Creates `dir` (owner only) and a new file in it named `name`, or `name` with a number when
/// that is taken.
fn write_in(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "txt"));
    for n in 1..=100 {
        let path = match n {
            1 => dir.join(name),
            _ => dir.join(format!("{stem}-{n}.{ext}")),
        };
        match crate::fsx::create_new_private(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: too many copies", dir.display()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{NoteKind, Place};

    fn note(text: &str) -> (Millis, Event) {
        let ev = Event::NoteSaved {
            at: Place::START,
            group: None,
            kind: NoteKind::Note,
            text: text.into(),
            by: "Anna".into(),
        };
        (1, ev)
    }

    #[test]
    fn the_copy_goes_to_the_first_place_that_takes_it() {
        let root = tempfile::tempdir().unwrap();
        // A file where a folder should be: that place fails, the next one takes the copy.
        let blocked = root.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let good = root.path().join("state").join("unsaved");
        let places = vec![blocked.join("unsaved"), good.clone()];
        let text = render("runs/x/anna.ron", &[note("Buy more chairs")]);
        let path = keep(
            "x-anna-unsaved.txt",
            text,
            places.clone(),
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(path, good.join("x-anna-unsaved.txt"));
        let kept = std::fs::read_to_string(&path).unwrap();
        assert!(kept.contains("\nBuy more chairs\n"), "{kept}");
        // A second copy of the same name never replaces the first.
        let again = keep(
            "x-anna-unsaved.txt",
            "2".into(),
            places,
            Duration::from_secs(10),
        );
        assert_eq!(again.unwrap(), good.join("x-anna-unsaved-2.txt"));
        assert!(std::fs::read_to_string(&path).unwrap().contains("chairs"));
    }

    #[test]
    fn no_place_that_takes_it_is_an_error() {
        let root = tempfile::tempdir().unwrap();
        let blocked = root.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let places = vec![blocked.join("a"), blocked.join("b")];
        assert!(keep("n.txt", "x".into(), places, Duration::from_secs(10)).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_followed() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("unsaved");
        std::fs::create_dir(&dir).unwrap();
        let target = root.path().join("authorized_keys");
        std::fs::write(&target, "mine\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.join("n.txt")).unwrap();
        let path = keep(
            "n.txt",
            "attack".into(),
            vec![dir.clone()],
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(path, dir.join("n-2.txt"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine\n");
    }

    #[test]
    fn only_typed_words_are_texts() {
        let moved = (2, Event::Moved { to: Place::START });
        let events = [note("one"), moved, note("  "), note("two")];
        assert_eq!(texts(&events).collect::<Vec<_>>(), ["one", "two"]);
        assert_eq!(notes(&events), 3);
    }
}
