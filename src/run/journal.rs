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
const CHUNK: usize = 1 << 20;
/// Blocks of complete lines at least this large are decoded on several threads.
const PARALLEL_MIN: usize = 256 << 10;

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
    // The fast path reads exactly what `encode` writes; anything else (a newer spar's field, a
    // hand-edited line) goes to the full RON parser, which also words the errors.
    if let Some(record) = compact::from_str::<Record>(&body) {
        return Ok(record);
    }
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
    fn feed_reader(
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
    fn finish(&self, rest: &[u8], out: &mut JournalRead) {
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

/// A fast reader for exactly the compact RON that `ron::to_string` writes for serde-derived
/// structs and enums: `(field:value,…)`, `Variant`, `Variant(field:value,…)`, `Variant(value)`,
/// `None`, `Some(…)`, `[…]`, `()`, `true`/`false`, decimal integers and `"…"` strings with the
/// escapes `char::escape_debug` makes. No whitespace, comments, floats, maps, raw strings or
/// extensions: on anything it does not know it gives up (`None`) and the caller falls back to
/// the full RON parser. It is several times faster than that parser, which matters when a run
/// of 100,000 events is opened; the tests check that whatever it accepts, RON reads the same.
mod compact {
    use serde::Deserialize;
    use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

    /// Reading failed; the reason does not matter, the caller asks the full parser.
    #[derive(Debug)]
    pub struct GiveUp;

    impl std::fmt::Display for GiveUp {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("not compact RON")
        }
    }

    impl std::error::Error for GiveUp {}

    impl de::Error for GiveUp {
        fn custom<T: std::fmt::Display>(_msg: T) -> Self {
            GiveUp
        }
    }

    type Result<T> = std::result::Result<T, GiveUp>;

    const MAX_DEPTH: usize = 64;

    pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
        let mut de = Reader {
            text,
            pos: 0,
            depth: 0,
        };
        let value = T::deserialize(&mut de).ok()?;
        (de.pos == text.len()).then_some(value)
    }

    struct Reader<'de> {
        text: &'de str,
        pos: usize,
        depth: usize,
    }

    fn is_ident_start(b: u8) -> bool {
        b.is_ascii_alphabetic() || b == b'_'
    }

    fn is_ident(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_'
    }

    impl<'de> Reader<'de> {
        fn peek(&self) -> Option<u8> {
            self.text.as_bytes().get(self.pos).copied()
        }

        fn eat(&mut self, b: u8) -> bool {
            let found = self.peek() == Some(b);
            self.pos += usize::from(found);
            found
        }

        fn expect(&mut self, b: u8) -> Result<()> {
            if self.eat(b) { Ok(()) } else { Err(GiveUp) }
        }

        fn ident(&mut self) -> Result<&'de str> {
            let bytes = self.text.as_bytes();
            let start = self.pos;
            if !bytes.get(start).copied().is_some_and(is_ident_start) {
                return Err(GiveUp);
            }
            let len = bytes[start..].iter().take_while(|&&b| is_ident(b)).count();
            self.pos += len;
            // `r#raw` identifiers and the like are for the full parser.
            if self.peek() == Some(b'#') {
                return Err(GiveUp);
            }
            Ok(&self.text[start..start + len])
        }

        /// The keyword `word`, not followed by more identifier characters.
        fn keyword(&mut self, word: &str) -> bool {
            let rest = &self.text.as_bytes()[self.pos..];
            if rest.starts_with(word.as_bytes())
                && !rest.get(word.len()).copied().is_some_and(is_ident)
            {
                self.pos += word.len();
                true
            } else {
                false
            }
        }

        fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
            if self.depth >= MAX_DEPTH {
                return Err(GiveUp);
            }
            self.depth += 1;
            let value = f(self);
            self.depth -= 1;
            value
        }

        /// A decimal integer without sign (`-` handled by the caller), `0` or without leading zeros.
        fn digits(&mut self) -> Result<u64> {
            let bytes = self.text.as_bytes();
            let start = self.pos;
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if len == 0 || (len > 1 && bytes[start] == b'0') {
                return Err(GiveUp);
            }
            if bytes
                .get(start + len)
                .copied()
                .is_some_and(|b| is_ident(b) || b == b'.')
            {
                return Err(GiveUp); // suffixes, floats, `1_000`: the full parser's business
            }
            let mut n: u64 = 0;
            for &b in &bytes[start..start + len] {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(b - b'0')))
                    .ok_or(GiveUp)?;
            }
            self.pos += len;
            Ok(n)
        }

        fn integer<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
            if self.eat(b'-') {
                let n = self.digits()?;
                if n == 0 {
                    return Err(GiveUp); // `-0`: leave it to the full parser
                }
                let value = 0i64.checked_sub_unsigned(n).ok_or(GiveUp)?;
                visitor.visit_i64(value)
            } else {
                visitor.visit_u64(self.digits()?)
            }
        }

        fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
            self.expect(b'"')?;
            let bytes = self.text.as_bytes();
            let start = self.pos;
            let plain = bytes[start..]
                .iter()
                .take_while(|&&b| b != b'"' && b != b'\\' && b >= 0x20 && b != 0x7f)
                .count();
            match bytes.get(start + plain) {
                Some(b'"') => {
                    self.pos = start + plain + 1;
                    return visitor.visit_borrowed_str(&self.text[start..start + plain]);
                }
                Some(b'\\') => {}
                _ => return Err(GiveUp),
            }
            let mut out = String::with_capacity(plain + 16);
            out.push_str(&self.text[start..start + plain]);
            self.pos = start + plain;
            loop {
                let rest = &self.text[self.pos..];
                let run = rest
                    .bytes()
                    .take_while(|&b| b != b'"' && b != b'\\' && b >= 0x20 && b != 0x7f)
                    .count();
                out.push_str(&rest[..run]);
                self.pos += run;
                match self.peek() {
                    Some(b'"') => {
                        self.pos += 1;
                        return visitor.visit_string(out);
                    }
                    Some(b'\\') => {
                        self.pos += 1;
                        out.push(self.escape()?);
                    }
                    _ => return Err(GiveUp),
                }
            }
        }

        /// After a `\`: the escapes `char::escape_debug` writes.
        fn escape(&mut self) -> Result<char> {
            let b = self.peek().ok_or(GiveUp)?;
            self.pos += 1;
            Ok(match b {
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'\\' => '\\',
                b'"' => '"',
                b'\'' => '\'',
                b'u' => {
                    self.expect(b'{')?;
                    let bytes = self.text.as_bytes();
                    let len = bytes[self.pos..]
                        .iter()
                        .take_while(|b| b.is_ascii_hexdigit())
                        .count();
                    if !(1..=6).contains(&len) {
                        return Err(GiveUp);
                    }
                    let hex = &self.text[self.pos..self.pos + len];
                    self.pos += len;
                    self.expect(b'}')?;
                    let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
                    char::from_u32(code).ok_or(GiveUp)?
                }
                _ => return Err(GiveUp),
            })
        }
    }

    /// Fields of a struct (or struct variant) until `)`.
    struct Fields<'a, 'de> {
        de: &'a mut Reader<'de>,
        first: bool,
    }

    impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
        type Error = GiveUp;

        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
            if self.de.peek() == Some(b')') {
                return Ok(None);
            }
            if !std::mem::take(&mut self.first) {
                self.de.expect(b',')?;
            }
            let name = self.de.ident()?;
            self.de.expect(b':')?;
            seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
                .map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
            seed.deserialize(&mut *self.de)
        }
    }

    /// Elements until `end`.
    struct Elements<'a, 'de> {
        de: &'a mut Reader<'de>,
        end: u8,
        first: bool,
    }

    impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
        type Error = GiveUp;

        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>> {
            if self.de.peek() == Some(self.end) {
                return Ok(None);
            }
            if !std::mem::take(&mut self.first) {
                self.de.expect(b',')?;
            }
            seed.deserialize(&mut *self.de).map(Some)
        }
    }

    struct Variant<'a, 'de> {
        de: &'a mut Reader<'de>,
    }

    impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
        type Error = GiveUp;
        type Variant = Self;

        fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
            let name = self.de.ident()?;
            let value = seed.deserialize(name.into_deserializer())?;
            Ok((value, self))
        }
    }

    impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
        type Error = GiveUp;

        fn unit_variant(self) -> Result<()> {
            // Followed by `,`, `)`, `]` or the end, never by `(`.
            if self.de.peek() == Some(b'(') {
                Err(GiveUp)
            } else {
                Ok(())
            }
        }

        fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
            self.de.expect(b'(')?;
            let value = seed.deserialize(&mut *self.de)?;
            self.de.expect(b')')?;
            Ok(value)
        }

        fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
            self.de.expect(b'(')?;
            let value = visitor.visit_seq(Elements {
                de: &mut *self.de,
                end: b')',
                first: true,
            })?;
            self.de.expect(b')')?;
            Ok(value)
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value> {
            self.de.expect(b'(')?;
            let value = visitor.visit_map(Fields {
                de: &mut *self.de,
                first: true,
            })?;
            self.de.expect(b')')?;
            Ok(value)
        }
    }

    impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
        type Error = GiveUp;

        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            if self.keyword("true") {
                visitor.visit_bool(true)
            } else if self.keyword("false") {
                visitor.visit_bool(false)
            } else {
                Err(GiveUp)
            }
        }

        fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }
        fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.integer(visitor)
        }

        fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
        fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
        fn deserialize_char<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.string(visitor)
        }
        fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.string(visitor)
        }

        fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
        fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            if self.keyword("None") {
                visitor.visit_none()
            } else if self.keyword("Some") {
                self.expect(b'(')?;
                let value = self.nested(|de| visitor.visit_some(&mut *de))?;
                self.expect(b')')?;
                Ok(value)
            } else {
                Err(GiveUp)
            }
        }

        fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.expect(b'(')?;
            self.expect(b')')?;
            visitor.visit_unit()
        }

        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value> {
            self.deserialize_unit(visitor)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _visitor: V,
        ) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.expect(b'[')?;
            let value = self.nested(|de| {
                visitor.visit_seq(Elements {
                    de,
                    end: b']',
                    first: true,
                })
            })?;
            self.expect(b']')?;
            Ok(value)
        }

        fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _len: usize,
            _visitor: V,
        ) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value> {
            self.expect(b'(')?;
            let value = self.nested(|de| visitor.visit_map(Fields { de, first: true }))?;
            self.expect(b')')?;
            Ok(value)
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value> {
            self.nested(|de| visitor.visit_enum(Variant { de }))
        }

        fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            visitor.visit_borrowed_str(self.ident()?)
        }

        fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            Err(GiveUp)
        }
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

    fn samples() -> Vec<Record> {
        use crate::run::event::{NoteId, NoteKind, Role};
        let texts = [
            "",
            "plain",
            "a\nb\t\"q\" \\ ) ,crc:0x",
            "\0\u{1b}[31m \u{301}\u{2028}'😀漢",
        ];
        let mut out = vec![
            Record {
                at: i64::MIN,
                seq: u64::MAX,
                ev: Event::Ended,
            },
            Record {
                at: -1,
                seq: 0,
                ev: moved(usize::MAX),
            },
            Record {
                at: 5,
                seq: 9,
                ev: Event::TimerAdjusted {
                    at: Place::START,
                    seconds: -60,
                },
            },
        ];
        for (i, text) in texts.iter().enumerate() {
            let t = || text.to_string();
            let id = NoteId {
                writer: t(),
                seq: 10,
            };
            for ev in [
                Event::Joined {
                    name: t(),
                    role: Role::NoteTaker,
                },
                Event::NoteSaved {
                    at: Place { item: 1, step: 20 },
                    group: Some(t()),
                    kind: NoteKind::Action {
                        owner: t(),
                        due: Some(t()),
                    },
                    text: t(),
                    by: t(),
                },
                Event::Draft {
                    at: Place::START,
                    group: None,
                    text: t(),
                    by: t(),
                },
                Event::NoteEdited {
                    id: id.clone(),
                    kind: NoteKind::Parking,
                    text: t(),
                },
                Event::ActionDone {
                    id,
                    done: i % 2 == 0,
                },
            ] {
                out.push(Record {
                    at: 1_732_431_234_567,
                    seq: i as u64,
                    ev,
                });
            }
        }
        out
    }

    fn ron_reads(body: &str) -> Option<Record> {
        ron::Options::default()
            .with_recursion_limit(RECURSION_LIMIT)
            .from_str(body)
            .ok()
    }

    #[test]
    fn the_fast_reader_reads_what_encode_writes() {
        for record in samples() {
            let body = ron::to_string(&record).unwrap();
            assert_eq!(compact::from_str::<Record>(&body), Some(record), "{body}");
        }
    }

    /// Whatever the fast reader accepts, RON reads the same: checked for every one-character
    /// insertion, deletion and replacement in every sample.
    #[test]
    fn the_fast_reader_never_disagrees_with_ron() {
        let chars = [
            "\"", "\\", "(", ")", ",", ":", "-", "0", "1", "9", "u", "{", "}", " ", "_", "#", ".",
            "a", "N", "S", "e", "\n", "r", "[", "]", "'", "é",
        ];
        let mut accepted = 0;
        for record in samples() {
            let body = ron::to_string(&record).unwrap();
            let bounds: Vec<usize> = (0..=body.len())
                .filter(|&i| body.is_char_boundary(i))
                .collect();
            let mut variants = Vec::new();
            for (k, &i) in bounds.iter().enumerate() {
                for c in chars {
                    variants.push(format!("{}{c}{}", &body[..i], &body[i..]));
                    if let Some(&next) = bounds.get(k + 1) {
                        variants.push(format!("{}{c}{}", &body[..i], &body[next..]));
                    }
                }
                if let Some(&next) = bounds.get(k + 1) {
                    variants.push(format!("{}{}", &body[..i], &body[next..]));
                }
            }
            for variant in variants {
                if let Some(fast) = compact::from_str::<Record>(&variant) {
                    accepted += 1;
                    assert_eq!(ron_reads(&variant), Some(fast), "{variant}");
                }
            }
        }
        assert!(
            accepted > 100,
            "the mutations exercise the fast reader: {accepted}"
        );
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
