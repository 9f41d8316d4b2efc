//! Reading a journal's bytes: splitting them into lines (in bounded chunks, a large block on
//! several threads) and decoding each, skipping and listing the damaged ones.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::line::{LineError, MAX_LINE, decode};
use crate::run::event::Record;

/// Journals are read in pieces of this size, so a huge file never sits in memory at once.
const CHUNK: usize = 1 << 20;
/// Blocks of complete lines at least this large are decoded on several threads.
const PARALLEL_MIN: usize = 256 << 10;

/// A line that was skipped, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: LineError,
}

/// What reading (part of) a journal found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalRead {
    /// The valid lines, in file order.
    pub records: Vec<Record>,
    /// Lines that were not valid records (empty lines are not counted).
    pub skipped: Vec<Skipped>,
    /// The file ends in an unterminated line (a writer stopped mid-write, or is writing right
    /// now); it was not read. [`JournalTail::poll`] never sets it: it reads that line next time.
    pub torn_tail: bool,
    /// Complete lines in the file up to where this read ended, counted from the file's start: a
    /// torn tail is line `lines + 1`.
    pub lines: usize,
    /// [`JournalTail::poll`] only: the file shrank or was replaced, and was read again from its
    /// start, so records seen before come again (a consumer keeps one per writer and `seq`).
    pub restarted: bool,
}

/// Splits bytes into lines and decodes them, carrying state across chunks.
#[derive(Debug, Clone, Default)]
pub(super) struct Scanner {
    /// Complete lines consumed so far.
    pub(super) line: usize,
    /// Length so far of an over-long line that is being skipped.
    pub(super) long: Option<usize>,
}

impl Scanner {
    /// Consumes the complete lines in `carry` + `chunk`, leaving an unterminated rest in `carry`.
    /// Returns the bytes consumed (an over-long line is consumed as it goes).
    fn feed(&mut self, mut chunk: &[u8], carry: &mut Vec<u8>, out: &mut JournalRead) -> u64 {
        let mut consumed = 0u64;
        while !chunk.is_empty() {
            if self.long.is_some() || !carry.is_empty() {
                // Finish the line begun in an earlier chunk.
                let newline = find_newline(chunk);
                let end = newline.unwrap_or(chunk.len());
                let taken = newline.map_or(chunk.len(), |i| i + 1);
                if let Some(len) = self.long.as_mut() {
                    *len += end;
                    consumed += taken as u64;
                    if newline.is_some() {
                        self.line += 1;
                        let reason = LineError::TooLong(*len);
                        out.skipped.push(Skipped {
                            line: self.line,
                            reason,
                        });
                        self.long = None;
                    }
                } else if newline.is_some() {
                    carry.extend_from_slice(&chunk[..end]);
                    self.line(carry, out);
                    consumed += (carry.len() + 1) as u64;
                    carry.clear();
                } else if carry.len() + end > MAX_LINE {
                    self.long = Some(carry.len() + end);
                    consumed += (carry.len() + end) as u64;
                    carry.clear();
                } else {
                    carry.extend_from_slice(chunk);
                }
                chunk = &chunk[taken..];
                continue;
            }
            // At the start of a line: all complete lines at once, then keep the rest.
            match chunk.iter().rposition(|&b| b == b'\n') {
                Some(last) => {
                    self.lines(&chunk[..=last], out);
                    consumed += last as u64 + 1;
                    chunk = &chunk[last + 1..];
                }
                None => {
                    if chunk.len() > MAX_LINE {
                        self.long = Some(chunk.len());
                        consumed += chunk.len() as u64;
                    } else {
                        carry.extend_from_slice(chunk);
                    }
                    chunk = &[];
                }
            }
        }
        consumed
    }

    /// Decodes `block`, whole lines each ending in `\n`; a large block on several threads.
    fn lines(&mut self, block: &[u8], out: &mut JournalRead) {
        let threads = threads();
        if threads < 2 || block.len() < PARALLEL_MIN {
            return self.lines_here(block, out);
        }
        // Cut at line ends near equal parts.
        let mut bounds = vec![0];
        for k in 1..threads {
            let target = (block.len() * k / threads).max(bounds[bounds.len() - 1]);
            match find_newline(&block[target..]) {
                Some(i) if target + i + 1 < block.len() => bounds.push(target + i + 1),
                _ => break,
            }
        }
        bounds.push(block.len());
        let parts: Vec<&[u8]> = bounds.windows(2).map(|w| &block[w[0]..w[1]]).collect();
        let results: Vec<(usize, JournalRead)> = std::thread::scope(|scope| {
            let spawned: Vec<_> = parts[1..]
                .iter()
                .map(|&part| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || decode_part(part))
                        .map_err(|_| part)
                })
                .collect();
            let mut results = vec![decode_part(parts[0])];
            for handle in spawned {
                results.push(match handle {
                    Ok(handle) => handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                    // No thread to be had: do it here.
                    Err(part) => decode_part(part),
                });
            }
            results
        });
        for (lines, read) in results {
            out.records.extend(read.records);
            out.skipped
                .extend(read.skipped.into_iter().map(|s| Skipped {
                    line: s.line + self.line,
                    reason: s.reason,
                }));
            self.line += lines;
        }
    }

    /// Decodes `block`, whole lines each ending in `\n`, on this thread.
    fn lines_here(&mut self, mut block: &[u8], out: &mut JournalRead) {
        while let Some(i) = find_newline(block) {
            self.line(&block[..i], out);
            block = &block[i + 1..];
        }
    }

    fn line(&mut self, bytes: &[u8], out: &mut JournalRead) {
        self.line += 1;
        if bytes.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r')) {
            return;
        }
        match decode(bytes) {
            Ok(record) => out.records.push(record),
            Err(reason) => out.skipped.push(Skipped {
                line: self.line,
                reason,
            }),
        }
    }

    /// Reads `reader` to its end in chunks. Returns the bytes consumed and the unterminated rest.
    pub(super) fn feed_reader(
        &mut self,
        reader: impl Read,
        len: u64,
        out: &mut JournalRead,
    ) -> io::Result<(u64, Vec<u8>)> {
        let mut reader = reader.take(len);
        let mut buf = vec![0u8; usize::try_from(len).map_or(CHUNK, |len| len.min(CHUNK))];
        let mut carry = Vec::new();
        let mut consumed = 0;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            consumed += self.feed(&buf[..n], &mut carry, out);
        }
        Ok((consumed, carry))
    }

    /// At the end of the file: whatever is left unterminated is a torn tail (blank excepted).
    pub(super) fn finish(&self, rest: &[u8], out: &mut JournalRead) {
        out.torn_tail =
            self.long.is_some() || !rest.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r'));
        out.lines = self.line;
    }
}

/// The lines of `part` (whole lines) decoded, and how many there were.
fn decode_part(part: &[u8]) -> (usize, JournalRead) {
    let mut scanner = Scanner::default();
    let mut read = JournalRead::default();
    scanner.lines_here(part, &mut read);
    (scanner.line, read)
}

/// Threads worth using to decode a large block: the machine's cores, at most 8.
fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}

/// The first `\n` in `bytes`, looking at eight bytes at a time.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let x = u64::from_ne_bytes(word.try_into().unwrap_or([0; 8])) ^ NEWLINES;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// All valid records of a journal's bytes, in order; damaged lines are skipped and listed, an
/// unterminated last line is reported as `torn_tail`. Never panics.
pub fn read_journal(bytes: &[u8]) -> JournalRead {
    let mut out = JournalRead::default();
    let mut scanner = Scanner::default();
    let mut rest = Vec::new();
    scanner.feed(bytes, &mut rest, &mut out);
    scanner.finish(&rest, &mut out);
    out
}

/// Reads a whole journal file in bounded chunks (memory stays small whatever the file holds),
/// up to the length it had when opened, so a file that keeps growing cannot stall the reader.
/// Refuses anything but a regular file (a FIFO or device named `*.ron`).
pub fn read_journal_file(path: &Path) -> io::Result<JournalRead> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    let mut out = JournalRead::default();
    let mut scanner = Scanner::default();
    let (_, rest) = scanner.feed_reader(file, len, &mut out)?;
    scanner.finish(&rest, &mut out);
    Ok(out)
}

/// A journal larger than this is not read: at a few hundred bytes a line that is hundreds of
/// thousands of notes, and reading more would hold up whoever reads it (a file of gigabytes
/// dropped into a shared folder). Reported as [`ProblemKind::TooLarge`].
///
/// [`ProblemKind::TooLarge`]: crate::run::file_problem::ProblemKind::TooLarge
pub const MAX_JOURNAL: u64 = 64 << 20;

/// Opens a journal for reading, if it is a regular file of at most [`MAX_JOURNAL`] bytes, never
/// through a link (see [`crate::fsx::open_regular`]).
pub(super) fn open_regular(path: &Path) -> io::Result<File> {
    let file = crate::fsx::open_regular(path)?;
    if file.metadata()?.len() > MAX_JOURNAL {
        return Err(too_large());
    }
    Ok(file)
}

/// The error for a journal over [`MAX_JOURNAL`], which [`FileProblem::cannot_read`] words as
/// [`ProblemKind::TooLarge`].
///
/// [`FileProblem::cannot_read`]: crate::run::file_problem::FileProblem::cannot_read
/// [`ProblemKind::TooLarge`]: crate::run::file_problem::ProblemKind::TooLarge
fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("larger than {} MiB, not read", MAX_JOURNAL >> 20),
    )
}
