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
//!
//! The parts: `line` (the line format), `scan` (reading a journal's bytes), `tail` (following a
//! growing journal), `writer` (this process's own journal) and `fast` (a fast reader of the
//! compact RON the writer makes).

mod fast;
mod line;
mod scan;
mod tail;
mod writer;

pub use line::{LineError, MAX_LINE, decode, encode, is_valid_writer_id};
pub use scan::{JournalRead, MAX_JOURNAL, Skipped, read_journal, read_journal_file};
pub use tail::JournalTail;
pub use writer::JournalWriter;
