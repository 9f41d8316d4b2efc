//! Following a journal another process appends to, reading only the lines added since the last
//! look.

use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

use super::line::MAX_LINE;
use super::scan::{JournalRead, Scanner, open_regular};
use crate::fsx::FileId;

/// Follows a journal that another process appends to: each [`poll`](Self::poll) returns only the
/// complete lines added since the last one.
#[derive(Debug, Clone, Default)]
pub struct JournalTail {
    /// Just past the last complete line read (or into an over-long line being skipped).
    offset: u64,
    scanner: Scanner,
    /// The file last read (kept open: its identity is its device and inode, or their Windows
    /// equivalents, see [`FileId`]).
    file_id: Option<Arc<FileId>>,
    /// The bytes just before `offset` as they were read: when they are still there, the file
    /// still begins as it did, even when it is another file now.
    anchor: Vec<u8>,
    /// The last poll stopped at its byte budget with more of the file unread.
    more: bool,
}

/// How much of what was read is kept to recognise the file: the end of its last line or two.
const ANCHOR: u64 = 256;

impl JournalTail {
    pub fn new() -> JournalTail {
        JournalTail::default()
    }

    /// Reads the whole journal at `path` once, up to the length it had when opened, as
    /// [`read_journal_file`](super::read_journal_file) does (an unterminated last line is a
    /// `torn_tail`), and returns with it a tail that follows the file on from there: its next
    /// poll reads the lines added since (and that last line once it is complete), or the whole
    /// file again if it shrank or was replaced by another version. Listing a run's journals
    /// reads them this way, so that a run opened from that listing reads none of them again.
    pub fn read_whole(path: &Path) -> io::Result<(JournalRead, JournalTail)> {
        let mut tail = JournalTail::new();
        let (mut out, rest) = tail.read_on(path, u64::MAX)?;
        tail.scanner.finish(&rest, &mut out);
        Ok((out, tail))
    }

    /// Complete lines of the file read so far.
    pub fn lines(&self) -> usize {
        self.scanner.line
    }

    /// Bytes of the file read so far.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The complete lines added to the file at `path` since the last poll. An unterminated last
    /// line is left for the next poll. A file that shrank or no longer has, just before where
    /// the last poll stopped, the bytes read there is read again from its start (`restarted`).
    /// A file replaced by a rename — a sync tool writes a temporary copy and renames it over the
    /// journal for every change — that still has them is read on from there. Reads in bounded
    /// chunks, up to the length the file had when opened.
    pub fn poll(&mut self, path: &Path) -> io::Result<JournalRead> {
        self.poll_at_most(path, u64::MAX)
    }

    /// Like [`poll`](Self::poll), reading at most `budget` bytes of new lines (at least
    /// [`MAX_LINE`] + 1, so that any line that is not over-long fits): one large file read in
    /// slices never holds up the others for long. [`more`](Self::more) says whether the file
    /// had more.
    pub fn poll_at_most(&mut self, path: &Path, budget: u64) -> io::Result<JournalRead> {
        self.read_on(path, budget).map(|(read, _rest)| read)
    }

    /// [`poll_at_most`](Self::poll_at_most), and the unterminated rest it read and left.
    fn read_on(&mut self, path: &Path, budget: u64) -> io::Result<(JournalRead, Vec<u8>)> {
        let budget = budget.max(MAX_LINE as u64 + 1);
        self.more = false;
        let id = Arc::new(FileId::of_file(open_regular(path)?)?);
        let mut file = id.file();
        let meta = file.metadata()?;
        let mut out = JournalRead::default();
        let replaced = self.file_id.as_ref().is_some_and(|last| *last != id);
        self.file_id = Some(id.clone());
        let mut restart = meta.len() < self.offset;
        if !restart && self.offset > 0 {
            restart = if self.scanner.long.is_some() {
                // Inside an over-long line there is nothing to recognise the file by.
                replaced
            } else {
                let mut before = vec![0u8; self.anchor.len()];
                file.seek(SeekFrom::Start(self.offset - before.len() as u64))?;
                file.read_exact(&mut before)?;
                before != self.anchor
            };
        }
        if restart {
            self.offset = 0;
            self.scanner = Scanner::default();
            out.restarted = true;
        }
        file.seek(SeekFrom::Start(self.offset))?;
        let unread = meta.len() - self.offset;
        self.more = unread > budget;
        let (consumed, rest) = self
            .scanner
            .feed_reader(&mut file, unread.min(budget), &mut out)?;
        self.offset += consumed;
        out.lines = self.scanner.line;
        if consumed > 0 || restart {
            let keep = self.offset.min(ANCHOR);
            self.anchor.resize(keep as usize, 0);
            file.seek(SeekFrom::Start(self.offset - keep))?;
            file.read_exact(&mut self.anchor)?;
        }
        Ok((out, rest))
    }

    /// Whether the last poll left part of the file unread for lack of budget.
    pub fn more(&self) -> bool {
        self.more
    }
}
