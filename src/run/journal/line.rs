//! One journal line: a record as compact RON with its checksum as a last field.

use std::fmt::Write as _;

use super::fast;
use crate::run::event::Record;
use crate::text::clean_short;

/// The longest line accepted (without its `\n`): longer lines are skipped without being parsed,
/// and [`JournalWriter::append`] refuses to write one.
pub const MAX_LINE: usize = 1 << 20;

/// `,crc:0x` + 8 hex digits + `)`.
const SUFFIX_LEN: usize = 16;
const SUFFIX_START: &[u8] = b",crc:0x";
/// Nesting depth allowed when parsing a line; a record needs about 5.
pub(super) const RECURSION_LIMIT: usize = 64;

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
    if let Some(record) = fast::from_str::<Record>(&body) {
        return Ok(record);
    }
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str::<Record>(&body)
        .map_err(|e| LineError::Malformed(clean_short(&e.to_string(), 200)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::event::{Event, Place};

    fn moved(item: usize) -> Event {
        Event::Moved {
            to: Place { item, step: 0 },
        }
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
                hlc: None,
                at: i64::MIN,
                seq: u64::MAX,
                ev: Event::Ended,
            },
            Record {
                hlc: None,
                at: -1,
                seq: 0,
                ev: moved(usize::MAX),
            },
            Record {
                hlc: Some(crate::run::hlc::Hlc {
                    wall: 7,
                    count: u32::MAX,
                }),
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
                    hlc: None,
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
            assert_eq!(fast::from_str::<Record>(&body), Some(record), "{body}");
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
                if let Some(fast) = fast::from_str::<Record>(&variant) {
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
}
