//! What sync tools leave in a run folder beside the journals, and what each file is.
//!
//! - Temporary files, written before a rename over the real file: Syncthing's
//!   `.syncthing.NAME.tmp` (`~syncthing~NAME.tmp` on Windows), Nextcloud's `.NAME.~1a2b3c4d`,
//!   Dropbox's `.dropbox.cache` folder, OneDrive's and Office's `~$NAME` and `NAME.tmp`. None
//!   ends in `.ron` and most start with a dot or a tilde: all are ignored without a word.
//! - Conflict copies, made when a tool believes a file changed on two machines at once:
//!   Syncthing's `NAME.sync-conflict-20260117-101530-ABCDEFG.ron`, Nextcloud's
//!   `NAME (conflicted copy 2026-01-17 101530).ron` (with the user's name before the date when
//!   the server is shared; older clients `NAME_conflict-20260117-101530.ron`), Dropbox's
//!   `NAME (Anna's conflicted copy 2026-01-17).ron` and OneDrive's `NAME-LAPTOP-ANNA.ron` (the
//!   computer's name appended). A journal is append-only, so a copy holds lines of the same
//!   writer: it is read with the journal, each line once (see `RunDir::load`).
//! - Segments: `WRITER.2.ron`, `WRITER.3.ron`, … where a writer went on after its journal was
//!   moved aside under it; read as its journal (and their conflict copies as copies of it).

use crate::run::journal::is_valid_writer_id;

/// The sync tool that made a conflict copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Engine {
    Syncthing,
    Nextcloud,
    Dropbox,
    OneDrive,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Syncthing => "Syncthing",
            Engine::Nextcloud => "Nextcloud",
            Engine::Dropbox => "Dropbox",
            Engine::OneDrive => "OneDrive",
        }
    }
}

/// What a file in a run folder is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunFile<'a> {
    /// `run.ron`.
    Header,
    /// `WRITER.ron`.
    Journal { writer: &'a str },
    /// A sync tool's conflict copy of `writer`'s journal.
    ConflictCopy { writer: &'a str, engine: Engine },
    /// A temporary file, or anything else that is no journal by its name: not read, not reported.
    Ignored,
    /// Named `*.ron` but no journal and no known copy of one: reported, not read.
    Unknown,
}

/// What the file called `name` in a run folder is.
pub fn classify(name: &str) -> RunFile<'_> {
    if name == crate::run::store::HEADER_FILE {
        return RunFile::Header;
    }
    // Temporary files and hidden files of every tool, and whatever does not end in `.ron`.
    let Some(stem) = name.strip_suffix(".ron") else {
        return RunFile::Ignored;
    };
    if name.starts_with('.') || name.starts_with('~') {
        return RunFile::Ignored;
    }
    if let Some((writer, engine)) = conflict_copy(stem) {
        let writer = segment_of(writer);
        return if is_valid_writer_id(writer) {
            RunFile::ConflictCopy { writer, engine }
        } else {
            RunFile::Unknown
        };
    }
    let stem = segment_of(stem);
    if !is_valid_writer_id(stem) {
        return RunFile::Unknown;
    }
    if !made_by_spar(stem)
        && let Some(writer) = onedrive_original(stem)
    {
        return RunFile::ConflictCopy {
            writer,
            engine: Engine::OneDrive,
        };
    }
    RunFile::Journal { writer: stem }
}

/// The writer of `<writer>.<n>`, a later segment of its journal (n ≥ 2, see
/// [`JournalWriter::next_segment`](crate::run::journal::JournalWriter::next_segment)); any other
/// stem as it is.
fn segment_of(stem: &str) -> &str {
    match stem.rsplit_once('.') {
        Some((writer, n))
            if (1..=9).contains(&n.len())
                && n.bytes().all(|b| b.is_ascii_digit())
                && !n.starts_with('0')
                && n != "1" =>
        {
            writer
        }
        _ => stem,
    }
}

/// The writer and engine of a conflict copy named by its marker (every engine but OneDrive,
/// whose copies are told by their shape instead).
fn conflict_copy(stem: &str) -> Option<(&str, Engine)> {
    if let Some(at) = stem.find(".sync-conflict-") {
        return Some((&stem[..at], Engine::Syncthing));
    }
    if let Some(at) = stem.find(" (") {
        let marker = &stem[at..];
        if marker.contains("s conflicted copy") {
            // "Anna's conflicted copy", also with a typographic apostrophe.
            return Some((&stem[..at], Engine::Dropbox));
        }
        if marker.starts_with(" (conflicted copy") {
            return Some((&stem[..at], Engine::Nextcloud));
        }
    }
    if let Some(at) = stem.find("_conflict-") {
        return Some((&stem[..at], Engine::Nextcloud));
    }
    None
}

/// Whether `stem` has the shape of the writer ids spar makes: `<slug>-<6 lowercase hex>`.
fn made_by_spar(stem: &str) -> bool {
    let Some((slug, hex)) = stem.rsplit_once('-') else {
        return false;
    };
    !slug.is_empty()
        && hex.len() == 6
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// OneDrive keeps both versions by appending `-COMPUTERNAME` to one: the original is the longest
/// part before a dash that has the shape of a writer id spar makes.
fn onedrive_original(stem: &str) -> Option<&str> {
    stem.rmatch_indices('-')
        .map(|(at, _)| &stem[..at])
        .find(|prefix| made_by_spar(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_of(name: &str) -> Option<(&str, Engine)> {
        match classify(name) {
            RunFile::ConflictCopy { writer, engine } => Some((writer, engine)),
            _ => None,
        }
    }

    #[test]
    fn journals_and_the_header() {
        assert_eq!(classify("run.ron"), RunFile::Header);
        for writer in ["anna-3fa9c2", "asa-lindqvist-00ff12", "bo", "hand_named"] {
            assert_eq!(
                classify(&format!("{writer}.ron")),
                RunFile::Journal { writer }
            );
        }
    }

    #[test]
    fn syncthing_names() {
        assert_eq!(classify(".syncthing.anna-3fa9c2.ron.tmp"), RunFile::Ignored);
        assert_eq!(classify("~syncthing~anna-3fa9c2.ron.tmp"), RunFile::Ignored);
        assert_eq!(
            copy_of("anna-3fa9c2.sync-conflict-20260117-101530-ZQ57HVI.ron"),
            Some(("anna-3fa9c2", Engine::Syncthing))
        );
    }

    #[test]
    fn nextcloud_names() {
        assert_eq!(classify(".anna-3fa9c2.ron.~1a2b3c4d"), RunFile::Ignored);
        assert_eq!(classify(".~lock.anna-3fa9c2.ron#"), RunFile::Ignored);
        assert_eq!(
            copy_of("anna-3fa9c2 (conflicted copy 2026-01-17 101530).ron"),
            Some(("anna-3fa9c2", Engine::Nextcloud))
        );
        assert_eq!(
            copy_of("anna-3fa9c2 (conflicted copy Anna Berg 2026-01-17 101530).ron"),
            Some(("anna-3fa9c2", Engine::Nextcloud))
        );
        assert_eq!(
            copy_of("anna-3fa9c2_conflict-20260117-101530.ron"),
            Some(("anna-3fa9c2", Engine::Nextcloud))
        );
    }

    #[test]
    fn dropbox_names() {
        assert_eq!(classify(".dropbox.cache"), RunFile::Ignored);
        assert_eq!(classify(".dropbox"), RunFile::Ignored);
        assert_eq!(
            copy_of("anna-3fa9c2 (Anna Berg's conflicted copy 2026-01-17).ron"),
            Some(("anna-3fa9c2", Engine::Dropbox))
        );
        assert_eq!(
            copy_of("anna-3fa9c2 (LAPTOP-7F3K’s conflicted copy 2026-01-17) (1).ron"),
            Some(("anna-3fa9c2", Engine::Dropbox))
        );
    }

    #[test]
    fn onedrive_names() {
        assert_eq!(classify("~$anna-3fa9c2.ron"), RunFile::Ignored);
        assert_eq!(classify("anna-3fa9c2.ron.tmp"), RunFile::Ignored);
        assert_eq!(
            copy_of("anna-3fa9c2-DESKTOP-7F3K2LQ.ron"),
            Some(("anna-3fa9c2", Engine::OneDrive))
        );
        assert_eq!(
            copy_of("asa-lindqvist-00ff12-LAPTOP.ron"),
            Some(("asa-lindqvist-00ff12", Engine::OneDrive))
        );
        // A name spar made is never taken for a copy, even when its slug looks like one.
        assert_eq!(
            classify("cafe12-anna-3fa9c2.ron"),
            RunFile::Journal {
                writer: "cafe12-anna-3fa9c2"
            }
        );
    }

    #[test]
    fn segments_and_their_copies_belong_to_their_writer() {
        let writer = "anna-3fa9c2";
        assert_eq!(classify("anna-3fa9c2.2.ron"), RunFile::Journal { writer });
        assert_eq!(classify("anna-3fa9c2.17.ron"), RunFile::Journal { writer });
        assert_eq!(
            copy_of("anna-3fa9c2.2.sync-conflict-20260117-101530-ZQ57HVI.ron"),
            Some((writer, Engine::Syncthing))
        );
        for odd in [
            "anna-3fa9c2.1.ron",
            "anna-3fa9c2.02.ron",
            "anna-3fa9c2.x.ron",
            "a.b.2.ron",
        ] {
            assert_eq!(classify(odd), RunFile::Unknown, "{odd}");
        }
    }

    #[test]
    fn other_names_ending_in_ron_are_reported() {
        assert_eq!(classify("notes (1).ron"), RunFile::Unknown);
        assert_eq!(classify("-anna.ron"), RunFile::Unknown);
        assert_eq!(
            classify("bad name (conflicted copy 2026-01-17 101530).ron"),
            RunFile::Unknown
        );
    }
}
