//! Journals: one writer's append-only file of `Record`s, one per line.
//!
//! A line is the record as compact RON with a checksum added as a last field:
//!
//! ```text
//! (at:1732431234567,seq:3,ev:Moved(to:(item:1,step:0)),crc:0x1a2b3c4d)
//! ```
//!
//! The checksum is the CRC-32 of the record's compact RON text without it (here
//! `(at:1732431234567,seq:3,ev:Moved(to:(item:1,step:0)))`), as 8 lowercase hex digits. RON
//! escapes line breaks and control characters inside strings, so a record is always one line. A
//! line is read only when it ends in `\n` and its checksum matches, so a torn or garbled line is
//! skipped and reported, never misread; nothing here panics on any input.
//!
//! - [`encode`] / [`decode`]: one line.
//! - [`JournalWriter`]: appends to this process's own journal, durably (fsync) before returning.
//! - [`read_journal`]: all valid lines of a journal's bytes.
//! - [`JournalTail`]: follows a journal another process is writing, reading only new lines.

use std::fmt::Write as _;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::event::{Event, Millis, Record};

/// The longest line accepted (without its `\n`): longer lines are skipped without being parsed,
/// and [`JournalWriter::append`] refuses to write one.
pub const MAX_LINE: usize = 1 << 20;

/// `,crc:0x` + 8 hex digits + `)`.
const SUFFIX_LEN: usize = 16;
const SUFFIX_START: &[u8] = b",crc:0x";
/// Nesting depth allowed when parsing a line; a record needs about 5.
const RECURSION_LIMIT: usize = 64;
/// Journals are read in pieces of this size, so a huge file never sits in memory at once.
const CHUNK: usize = 64 * 1024;

/// Why a journal line was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("line too long: {0} bytes")]
    TooLong(usize),
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("no checksum")]
    NoChecksum,
    #[error("checksum mismatch")]
    Checksum,
    /// The checksum matches but the record does not parse (e.g. written by a newer spar).
    #[error("not a record: {0}")]
    Malformed(String),
}

/// The journal line for `record`, ending in `\n`.
pub fn encode(record: &Record) -> String {
    // Serializing a `Record` to a string cannot fail: no maps with non-string keys, no custom
    // serializers, nesting far below the limit.
    let mut line = ron::to_string(record).unwrap_or_else(|e| unreachable!("Record to RON: {e}"));
    let crc = crc32fast::hash(line.as_bytes());
    line.pop(); // the record's closing `)`
    let _ = writeln!(line, ",crc:0x{crc:08x})");
    line
}

/// Reads one journal line (with or without its `\n`). Checks the length, UTF-8, the checksum and
/// then parses the record; never panics.
pub fn decode(line: &[u8]) -> Result<Record, LineError> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() > MAX_LINE {
        return Err(LineError::TooLong(line.len()));
    }
    let text = std::str::from_utf8(line).map_err(|_| LineError::NotUtf8)?;
    if text.len() < SUFFIX_LEN + 1 || !text.is_char_boundary(text.len() - SUFFIX_LEN) {
        return Err(LineError::NoChecksum);
    }
    let (head, suffix) = text.split_at(text.len() - SUFFIX_LEN);
    let suffix = suffix.as_bytes();
    let hex = &suffix[SUFFIX_START.len()..SUFFIX_LEN - 1];
    if !suffix.starts_with(SUFFIX_START)
        || suffix[SUFFIX_LEN - 1] != b')'
        || !hex.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(LineError::NoChecksum);
    }
    let expected = hex.iter().fold(0u32, |n, &b| {
        (n << 4) | char::from(b).to_digit(16).unwrap_or(0)
    });
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(head.as_bytes());
    hasher.update(b")");
    if hasher.finalize() != expected {
        return Err(LineError::Checksum);
    }
    let mut body = String::with_capacity(head.len() + 1);
    body.push_str(head);
    body.push(')');
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str::<Record>(&body)
        .map_err(|e| LineError::Malformed(clean_message(&e.to_string())))
}

/// A parser message fit for a one-line report: no control characters, at most 200 characters.
fn clean_message(message: &str) -> String {
    let mut out: String = message
        .chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if message.chars().nth(200).is_some() {
        out.push('…');
    }
    out
}

/// Whether `writer` can name a journal: 1 to 64 ASCII letters, digits, `-` or `_`, not starting
/// with `-`, and not `run` (the header is `run.ron`).
pub fn is_valid_writer_id(writer: &str) -> bool {
    (1..=64).contains(&writer.len())
        && !writer.starts_with('-')
        && writer != "run"
        && writer
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

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
struct Scanner {
    /// Complete lines consumed so far.
    line: usize,
    /// Length so far of an over-long line that is being skipped.
    long: Option<usize>,
}

impl Scanner {
    /// Consumes the complete lines in `carry` + `chunk`, leaving an unterminated rest in `carry`.
    /// Returns the bytes consumed (an over-long line is consumed as it goes).
    fn feed(&mut self, mut chunk: &[u8], carry: &mut Vec<u8>, out: &mut JournalRead) -> u64 {
        let mut consumed = 0u64;
        while !chunk.is_empty() {
            let newline = chunk.iter().position(|&b| b == b'\n');
            if let Some(len) = self.long.as_mut() {
                let taken = newline.map_or(chunk.len(), |i| i + 1);
                *len += newline.unwrap_or(chunk.len());
                consumed += taken as u64;
                if newline.is_some() {
                    self.line += 1;
                    out.skipped.push(Skipped {
                        line: self.line,
                        reason: LineError::TooLong(*len),
                    });
                    self.long = None;
                }
                chunk = &chunk[taken..];
                continue;
            }
            match newline {
                Some(i) => {
                    if carry.is_empty() {
                        self.line(&chunk[..i], out);
                    } else {
                        carry.extend_from_slice(&chunk[..i]);
                        self.line(carry, out);
                        consumed += carry.len() as u64 - i as u64;
                        carry.clear();
                    }
                    consumed += i as u64 + 1;
                    chunk = &chunk[i + 1..];
                }
                None => {
                    if carry.len() + chunk.len() > MAX_LINE {
                        self.long = Some(carry.len() + chunk.len());
                        consumed += (carry.len() + chunk.len()) as u64;
                        carry.clear();
                    } else {
                        carry.extend_from_slice(chunk);
                    }
                    chunk = &[];
                }
            }
        }
        consumed
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
    fn feed_reader(
        &mut self,
        mut reader: impl Read,
        out: &mut JournalRead,
    ) -> io::Result<(u64, Vec<u8>)> {
        let mut buf = vec![0u8; CHUNK];
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
    fn finish(&self, rest: &[u8], out: &mut JournalRead) {
        out.torn_tail =
            self.long.is_some() || !rest.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r'));
        out.lines = self.line;
    }
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
    let (_, rest) = scanner.feed_reader(file.take(len), &mut out)?;
    scanner.finish(&rest, &mut out);
    Ok(out)
}

fn open_regular(path: &Path) -> io::Result<File> {
    // Check before opening: opening a FIFO would block.
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    File::open(path)
}

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
        let (consumed, _rest) = self
            .scanner
            .feed_reader(file.take(meta.len() - self.offset), &mut out)?;
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

/// What a journal is written to: a file, or a fake one in unit tests.
trait Sink: Send {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    fn sync_data(&mut self) -> io::Result<()>;
    fn len(&mut self) -> io::Result<u64>;
    fn set_len(&mut self, len: u64) -> io::Result<()>;
}

impl Sink for File {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        Write::write_all(self, bytes)
    }
    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }
    fn len(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
    fn set_len(&mut self, len: u64) -> io::Result<()> {
        File::set_len(self, len)
    }
}

/// This process's own journal, `DIR/<writer>.ron`: created new (never a second writer on a
/// file), appended to, each line fsync'd before [`append`](Self::append) returns.
pub struct JournalWriter {
    sink: Box<dyn Sink>,
    path: PathBuf,
    writer: String,
    next_seq: u64,
    /// A write may have left part of a line: start the next one on a new line.
    torn: bool,
}

impl std::fmt::Debug for JournalWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalWriter")
            .field("path", &self.path)
            .field("next_seq", &self.next_seq)
            .field("torn", &self.torn)
            .finish()
    }
}

impl JournalWriter {
    /// Creates `dir/<writer>.ron`; fails if it exists or `writer` is not a valid id
    /// ([`is_valid_writer_id`]). Mode `0o664` before the umask: a Unix group can read it.
    pub fn create(dir: &Path, writer: &str) -> io::Result<JournalWriter> {
        if !is_valid_writer_id(writer) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{writer}` is not a valid writer id"),
            ));
        }
        let path = dir.join(format!("{writer}.ron"));
        let mut options = OpenOptions::new();
        options.append(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o664);
        }
        let file = options.open(&path)?;
        // Make the new file's name durable too.
        crate::fsx::sync_dir(dir)?;
        Ok(JournalWriter {
            sink: Box::new(file),
            path,
            writer: writer.to_owned(),
            next_seq: 1,
            torn: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The writer id: the journal's file stem, and the `writer` of its notes' `NoteId`s.
    pub fn writer(&self) -> &str {
        &self.writer
    }

    /// The sequence number the next record gets (the first is 1).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Writes `ev` as the next record with one write and fsyncs it: when this returns `Ok`, the
    /// line is on disk. On an error nothing counts as written: the sequence number is not used
    /// and a partly written line is cut off by a line break before the next one, so a retry is
    /// safe. (If only the fsync fails, the line is truncated away again; should that fail too,
    /// its sequence number stays used, so a retry never reuses one.) An event whose line would
    /// exceed [`MAX_LINE`] is refused with `InvalidInput`.
    pub fn append(&mut self, at: Millis, ev: Event) -> io::Result<Record> {
        let record = Record {
            at,
            seq: self.next_seq,
            ev,
        };
        let line = encode(&record);
        if line.len() > MAX_LINE + 1 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the event is too large to journal ({} bytes)", line.len()),
            ));
        }
        let before = self.sink.len();
        let result = if self.torn {
            let mut buf = Vec::with_capacity(line.len() + 1);
            buf.push(b'\n');
            buf.extend_from_slice(line.as_bytes());
            self.sink.write_all(&buf)
        } else {
            self.sink.write_all(line.as_bytes())
        };
        if let Err(e) = result {
            self.torn = true;
            return Err(e);
        }
        if let Err(e) = self.sink.sync_data() {
            // The data may or may not reach the disk: take the line back if we can.
            let rolled_back = match before {
                Ok(len) => self.sink.set_len(len).is_ok(),
                Err(_) => false,
            };
            self.torn = true;
            if !rolled_back {
                self.next_seq += 1;
            }
            return Err(e);
        }
        self.torn = false;
        self.next_seq += 1;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::event::Place;
    use std::sync::{Arc, Mutex};

    /// A file in memory that fails on command.
    #[derive(Default)]
    struct Fake {
        data: Vec<u8>,
        /// Write only this many bytes of the next write, then fail.
        short_write: Option<usize>,
        fail_sync: bool,
        fail_set_len: bool,
    }

    struct Shared(Arc<Mutex<Fake>>);

    impl Sink for Shared {
        fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if let Some(n) = f.short_write.take() {
                f.data.extend_from_slice(&bytes[..n.min(bytes.len())]);
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            f.data.extend_from_slice(bytes);
            Ok(())
        }
        fn sync_data(&mut self) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if std::mem::take(&mut f.fail_sync) {
                return Err(io::Error::other("fsync failed"));
            }
            Ok(())
        }
        fn len(&mut self) -> io::Result<u64> {
            Ok(self.0.lock().unwrap().data.len() as u64)
        }
        fn set_len(&mut self, len: u64) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if f.fail_set_len {
                return Err(io::Error::other("cannot truncate"));
            }
            f.data.truncate(len as usize);
            Ok(())
        }
    }

    fn fake() -> (JournalWriter, Arc<Mutex<Fake>>) {
        let fake = Arc::new(Mutex::new(Fake::default()));
        let writer = JournalWriter {
            sink: Box::new(Shared(fake.clone())),
            path: PathBuf::from("fake.ron"),
            writer: "fake".into(),
            next_seq: 1,
            torn: false,
        };
        (writer, fake)
    }

    fn moved(item: usize) -> Event {
        Event::Moved {
            to: Place { item, step: 0 },
        }
    }

    #[test]
    fn a_partial_write_is_cut_off_and_does_not_use_a_sequence_number() {
        let (mut w, fake) = fake();
        w.append(1, moved(1)).unwrap();
        fake.lock().unwrap().short_write = Some(10);
        assert!(w.append(2, moved(2)).is_err());
        assert_eq!(w.next_seq(), 2);
        let r = w.append(3, moved(3)).unwrap();
        assert_eq!(r.seq, 2);
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (3, 2)]);
        assert_eq!(read.skipped.len(), 1, "the torn piece is its own bad line");
        assert!(!read.torn_tail);
    }

    #[test]
    fn a_failed_fsync_takes_the_line_back() {
        let (mut w, fake) = fake();
        w.append(1, moved(1)).unwrap();
        fake.lock().unwrap().fail_sync = true;
        assert!(w.append(2, moved(2)).is_err());
        assert_eq!(w.next_seq(), 2);
        w.append(3, moved(3)).unwrap();
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (3, 2)]);
        assert!(read.skipped.is_empty());
    }

    #[test]
    fn a_failed_fsync_that_cannot_be_taken_back_uses_its_sequence_number() {
        let (mut w, fake) = fake();
        {
            let mut f = fake.lock().unwrap();
            f.fail_sync = true;
            f.fail_set_len = true;
        }
        assert!(w.append(1, moved(1)).is_err());
        w.append(2, moved(2)).unwrap();
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (2, 2)], "no sequence number is used twice");
    }

    #[test]
    fn an_oversized_event_is_refused_before_writing() {
        let (mut w, fake) = fake();
        let text = "x".repeat(MAX_LINE);
        let ev = Event::Draft {
            at: Place::START,
            group: None,
            text,
            by: "a".into(),
        };
        let err = w.append(1, ev).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(fake.lock().unwrap().data.is_empty());
        assert_eq!(w.next_seq(), 1);
    }
}
