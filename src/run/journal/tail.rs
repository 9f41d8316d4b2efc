//! Following a journal another process appends to, reading only the lines added since the last
//! look.

use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::scan::{JournalRead, Scanner, open_regular};

/// Follows a journal that another process appends to: each [`poll`](Self::poll) returns only the
/// complete lines added since the last one.
#[derive(Debug, Clone, Default)]
pub struct JournalTail {
    /// Just past the last complete line read (or into an over-long line being skipped).
    offset: u64,
    scanner: Scanner,
    file_id: Option<(u64, u64)>,
}

impl JournalTail {
    pub fn new() -> JournalTail {
        JournalTail::default()
    }

    /// Bytes of the file read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The complete lines added to the file at `path` since the last poll. An unterminated last
    /// line is left for the next poll. A file that shrank, was replaced (another inode) or no
    /// longer ends a line where the last poll stopped is read again from its start
    /// (`restarted`). Reads in bounded chunks, up to the length the file had when opened.
    pub fn poll(&mut self, path: &Path) -> io::Result<JournalRead> {
        let mut file = open_regular(path)?;
        let meta = file.metadata()?;
        let mut out = JournalRead::default();
        let id = file_id(&meta);
        let replaced = self.file_id.is_some() && id != self.file_id;
        self.file_id = id;
        let mut restart = replaced || meta.len() < self.offset;
        if !restart && self.offset > 0 && self.scanner.long.is_none() {
            // The byte before our offset must still end a line.
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(self.offset - 1))?;
            file.read_exact(&mut last)?;
            restart = last[0] != b'\n';
        }
        if restart {
            self.offset = 0;
            self.scanner = Scanner::default();
            out.restarted = true;
        }
        file.seek(SeekFrom::Start(self.offset))?;
        let (consumed, _rest) =
            self.scanner
                .feed_reader(file, meta.len() - self.offset, &mut out)?;
        self.offset += consumed;
        out.lines = self.scanner.line;
        Ok(out)
    }
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}
