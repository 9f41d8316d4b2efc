//! Storage: the journal line format, reading damaged journals, following a journal live, many
//! writers in one run folder, and run folders in a data directory.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use proptest::prelude::*;
use spar::run::journal::{
    JournalTail, LineError, MAX_LINE, decode, encode, is_valid_writer_id, read_journal,
    read_journal_file,
};
use spar::run::store::{DataDir, RunDir, RunHeader, StoreError, new_run_id, new_writer_id, slug};
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::Session;

// ---------------------------------------------------------------------------------------------
// Fixtures

/// Text that has broken line formats before: line breaks, quotes, backslashes, the checksum
/// suffix itself, emoji, CJK, NUL, ESC and other control characters.
const NASTY: &[&str] = &[
    "",
    "plain",
    "two\nlines\r\nand a tab\t",
    "\"quoted\" and 'single' and \\backslash\\ and \\n literally",
    "closing ) paren ), ,crc:0x1a2b3c4d) and crc:0xzz",
    "r#\"raw\"# and #![enable(implicit_some)]",
    "Åsa, Örjan och Märta 😀👍🏽 漢字かな한국어 עברית مرحبا",
    "NUL \0 ESC \x1b[31mred\x1b[0m BEL \x07 DEL \x7f NEL \u{85} LS \u{2028} BOM \u{feff}",
    "\u{301}combining first, zero\u{200b}width, rtl\u{202e}override",
];

fn place(item: usize, step: usize) -> Place {
    Place { item, step }
}

fn id(writer: &str, seq: u64) -> NoteId {
    NoteId {
        writer: writer.into(),
        seq,
    }
}

/// Every `Event` variant, with `text` wherever the variant has text.
fn every_event(text: &str) -> Vec<Event> {
    let t = || text.to_owned();
    vec![
        Event::Joined {
            name: t(),
            role: Role::Facilitator,
        },
        Event::Joined {
            name: t(),
            role: Role::NoteTaker,
        },
        Event::Moved { to: place(3, 1) },
        Event::TimerStarted { at: place(0, 0) },
        Event::TimerPaused {
            at: place(usize::MAX, 2),
        },
        Event::TimerAdjusted {
            at: place(1, 0),
            seconds: -60,
        },
        Event::TimerAdjusted {
            at: place(1, 0),
            seconds: i64::MAX,
        },
        Event::NoteSaved {
            at: place(2, 1),
            group: None,
            kind: NoteKind::Note,
            text: t(),
            by: t(),
        },
        Event::NoteSaved {
            at: place(2, 1),
            group: Some(t()),
            kind: NoteKind::Decision,
            text: t(),
            by: "Åsa".into(),
        },
        Event::NoteSaved {
            at: place(2, 2),
            group: Some("Grupp 1".into()),
            kind: NoteKind::Action {
                owner: t(),
                due: Some(t()),
            },
            text: t(),
            by: t(),
        },
        Event::NoteSaved {
            at: place(2, 2),
            group: None,
            kind: NoteKind::Action {
                owner: t(),
                due: None,
            },
            text: t(),
            by: t(),
        },
        Event::NoteSaved {
            at: place(4, 0),
            group: None,
            kind: NoteKind::Parking,
            text: t(),
            by: t(),
        },
        Event::NoteEdited {
            id: id(text, 7),
            kind: NoteKind::Note,
            text: t(),
        },
        Event::EditUnfinished {
            id: id(text, 8),
            kind: NoteKind::Decision,
            text: t(),
        },
        Event::ClockAhead {
            writer: t(),
            seq: u64::MAX,
            stamp: i64::MAX,
            ahead: i64::MIN,
        },
        Event::NoteDeleted {
            id: id("anna-1a2b3c", 1),
        },
        Event::NoteRestored {
            id: id(text, u64::MAX),
        },
        Event::Draft {
            at: place(1, 1),
            group: Some(t()),
            text: t(),
            by: t(),
        },
        Event::Draft {
            at: place(1, 1),
            group: None,
            text: String::new(),
            by: t(),
        },
        Event::ActionDone {
            id: id("b", 2),
            done: true,
        },
        Event::ActionDone {
            id: id("b", 2),
            done: false,
        },
        Event::Ended,
    ]
}

fn note(i: u64, text: &str) -> Event {
    Event::NoteSaved {
        at: place((i % 7) as usize, (i % 3) as usize),
        group: if i.is_multiple_of(2) {
            None
        } else {
            Some(format!("Grupp {}", i % 4))
        },
        kind: NoteKind::Note,
        text: format!("{text} {i}"),
        by: "Åsa".into(),
    }
}

/// A journal of `n` records with varied, multi-byte content, and the records.
fn journal(n: u64) -> (Vec<u8>, Vec<Record>) {
    let mut bytes = Vec::new();
    let mut records = Vec::new();
    for seq in 1..=n {
        let text = NASTY[seq as usize % NASTY.len()];
        let ev = match seq % 4 {
            0 => Event::Moved {
                to: place(seq as usize, 0),
            },
            1 => note(seq, text),
            2 => Event::Draft {
                at: place(1, 0),
                group: None,
                text: text.into(),
                by: "ö".into(),
            },
            _ => Event::TimerAdjusted {
                at: place(1, 0),
                seconds: seq as i64 * 60,
            },
        };
        let record = Record {
            hlc: None,
            at: 1_732_431_234_567 + seq as i64 * 1000,
            seq,
            ev,
        };
        bytes.extend_from_slice(encode(&record).as_bytes());
        records.push(record);
    }
    (bytes, records)
}

/// Wraps any text as a line with a valid checksum, as `encode` would.
fn framed(body: &str) -> Vec<u8> {
    let crc = crc32fast::hash(body.as_bytes());
    let head = body.strip_suffix(')').unwrap_or(body);
    format!("{head},crc:0x{crc:08x})\n").into_bytes()
}

fn session(id: &str) -> Session {
    ron::from_str(&format!(
        r#"Session(id: "{id}", track: "dalasparet", title: "Träff {id}", start: "09:00",
           agenda: [(kind: Welcome, title: "Välkommen", minutes: 10),
                    (kind: Discussion, title: "Samtal", minutes: 30,
                     questions: [(text: "Vad?", minutes: 15), (text: "Hur?", minutes: 15)])])"#
    ))
    .expect("test session parses")
}

fn header(session_id: &str, started: Millis) -> RunHeader {
    RunHeader::new(session(session_id), None, started, "Åsa Lindqvist")
}

fn keys(entries: &[Entry]) -> Vec<(Millis, String, u64)> {
    entries
        .iter()
        .map(|e| (e.record.at, e.writer.to_string(), e.record.seq))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The line format

#[test]
fn the_line_format_is_the_record_with_a_checksum_field() {
    let record = Record {
        hlc: None,
        at: 1_732_431_234_567,
        seq: 3,
        ev: Event::Moved { to: place(1, 0) },
    };
    let line = encode(&record);
    let body = "(at:1732431234567,seq:3,ev:Moved(to:(item:1,step:0)))";
    let crc = crc32fast::hash(body.as_bytes());
    assert_eq!(
        line,
        format!("(at:1732431234567,seq:3,ev:Moved(to:(item:1,step:0)),crc:0x{crc:08x})\n")
    );
    assert_eq!(decode(line.as_bytes()), Ok(record.clone()));
    assert_eq!(
        decode(line.trim_end().as_bytes()),
        Ok(record),
        "the \\n is optional"
    );
}

#[test]
fn every_event_variant_round_trips_with_nasty_text() {
    for text in NASTY {
        for (i, ev) in every_event(text).into_iter().enumerate() {
            let record = Record {
                hlc: None,
                at: -(i as i64),
                seq: i as u64 + 1,
                ev,
            };
            let line = encode(&record);
            assert!(line.ends_with(")\n"), "{line:?}");
            assert_eq!(line.matches('\n').count(), 1, "one line: {line:?}");
            assert!(
                !line.trim_end().chars().any(|c| c.is_control()),
                "no raw control characters in {line:?}"
            );
            assert_eq!(decode(line.as_bytes()), Ok(record), "{line:?}");
        }
    }
}

#[test]
fn extreme_numbers_round_trip() {
    for at in [i64::MIN, -1, 0, i64::MAX] {
        for seq in [0, 1, u64::MAX] {
            let record = Record {
                hlc: None,
                at,
                seq,
                ev: Event::Ended,
            };
            assert_eq!(decode(encode(&record).as_bytes()), Ok(record));
        }
    }
}

#[test]
fn lines_that_are_not_records_say_why() {
    let good = encode(&Record {
        hlc: None,
        at: 1,
        seq: 1,
        ev: Event::Ended,
    });
    assert_eq!(decode(b""), Err(LineError::NoChecksum));
    assert_eq!(decode(b"(at:1,seq:1,ev:Ended)"), Err(LineError::NoChecksum));
    assert_eq!(
        decode(b"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        Err(LineError::NoChecksum)
    );
    assert_eq!(decode(b"\xff\xfe(at:1)"), Err(LineError::NotUtf8));
    let upper = good.replace("crc:0x", "crc:0X");
    assert_eq!(decode(upper.as_bytes()), Err(LineError::NoChecksum));
    let other_time = good.replace("at:1,", "at:2,");
    assert_eq!(decode(other_time.as_bytes()), Err(LineError::Checksum));
    // A valid checksum over something that is not a record (a newer spar's event, say).
    assert!(matches!(
        decode(&framed("(at:1,seq:1,ev:Flew(to:\"moon\"))")),
        Err(LineError::Malformed(_))
    ));
    assert!(matches!(
        decode(&framed("(at:\"soon\",seq:1,ev:Ended)")),
        Err(LineError::Malformed(_))
    ));
    // A hand-edited line (spaces, a comment) with a valid checksum is still read, by the full
    // RON parser.
    assert_eq!(
        decode(&framed(
            "( at: 7 , seq: 2, /* edited */ ev: Moved(to: (item: 1, step: 0)), )"
        )),
        Ok(Record {
            hlc: None,
            at: 7,
            seq: 2,
            ev: Event::Moved { to: place(1, 0) }
        })
    );
    // Hostile nesting with a valid checksum does not overflow the stack.
    let deep = format!(
        "(at:1,seq:1,ev:{}{})",
        "Moved(to:".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(matches!(
        decode(&framed(&deep)),
        Err(LineError::Malformed(_))
    ));
    let deep = format!("(at:{})", "[".repeat(500_000));
    assert!(matches!(
        decode(&framed(&deep)),
        Err(LineError::Malformed(_))
    ));
    // Over-long lines are refused without being parsed.
    let long = vec![b'x'; MAX_LINE + 1];
    assert_eq!(decode(&long), Err(LineError::TooLong(MAX_LINE + 1)));
}

// ---------------------------------------------------------------------------------------------
// Property tests

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter),
        prop::sample::select(NASTY).prop_map(str::to_owned),
    ]
}

fn arb_place() -> impl Strategy<Value = Place> {
    (any::<usize>(), any::<usize>()).prop_map(|(item, step)| Place { item, step })
}

fn arb_id() -> impl Strategy<Value = NoteId> {
    (arb_text(), any::<u64>()).prop_map(|(writer, seq)| NoteId { writer, seq })
}

fn arb_kind() -> impl Strategy<Value = NoteKind> {
    prop_oneof![
        Just(NoteKind::Note),
        Just(NoteKind::Decision),
        Just(NoteKind::Parking),
        (arb_text(), prop::option::of(arb_text()))
            .prop_map(|(owner, due)| NoteKind::Action { owner, due }),
    ]
}

fn arb_event() -> impl Strategy<Value = Event> {
    let role = prop_oneof![Just(Role::Facilitator), Just(Role::NoteTaker)];
    prop_oneof![
        (arb_text(), role).prop_map(|(name, role)| Event::Joined { name, role }),
        arb_place().prop_map(|to| Event::Moved { to }),
        arb_place().prop_map(|at| Event::TimerStarted { at }),
        arb_place().prop_map(|at| Event::TimerPaused { at }),
        (arb_place(), any::<i64>()).prop_map(|(at, seconds)| Event::TimerAdjusted { at, seconds }),
        (
            arb_place(),
            prop::option::of(arb_text()),
            arb_kind(),
            arb_text(),
            arb_text()
        )
            .prop_map(|(at, group, kind, text, by)| Event::NoteSaved {
                at,
                group,
                kind,
                text,
                by
            }),
        (arb_id(), arb_kind(), arb_text()).prop_map(|(id, kind, text)| Event::NoteEdited {
            id,
            kind,
            text
        }),
        (arb_id(), arb_kind(), arb_text()).prop_map(|(id, kind, text)| Event::EditUnfinished {
            id,
            kind,
            text
        }),
        (arb_text(), any::<u64>(), any::<i64>(), any::<i64>()).prop_map(
            |(writer, seq, stamp, ahead)| Event::ClockAhead {
                writer,
                seq,
                stamp,
                ahead
            }
        ),
        arb_id().prop_map(|id| Event::NoteDeleted { id }),
        arb_id().prop_map(|id| Event::NoteRestored { id }),
        (
            arb_place(),
            prop::option::of(arb_text()),
            arb_text(),
            arb_text()
        )
            .prop_map(|(at, group, text, by)| Event::Draft {
                at,
                group,
                text,
                by
            }),
        (arb_id(), any::<bool>()).prop_map(|(id, done)| Event::ActionDone { id, done }),
        Just(Event::Ended),
    ]
}

fn arb_record() -> impl Strategy<Value = Record> {
    (
        any::<i64>(),
        any::<u64>(),
        arb_event(),
        prop::option::of((any::<i64>(), any::<u32>())),
    )
        .prop_map(|(at, seq, ev, hlc)| Record {
            hlc: hlc.map(|(wall, count)| spar::run::hlc::Hlc { wall, count }),
            at,
            seq,
            ev,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_record_round_trips(record in arb_record()) {
        let line = encode(&record);
        prop_assert_eq!(line.matches('\n').count(), 1);
        prop_assert!(line.ends_with('\n'));
        prop_assert_eq!(decode(line.as_bytes()), Ok(record));
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = decode(&bytes);
        let read = read_journal(&bytes);
        // Random bytes practically never carry a valid checksum.
        prop_assert!(read.records.is_empty());
    }

    #[test]
    fn any_text_with_a_valid_checksum_never_panics(body in any::<String>()) {
        let _ = decode(&framed(&body));
    }

    /// Records damaged *before* the checksum was computed (the parser sees them): never a panic.
    #[test]
    fn damaged_records_with_valid_checksums_never_panic(
        record in arb_record(),
        cut in any::<prop::sample::Index>(),
        insert in prop::collection::vec(any::<char>(), 0..4),
    ) {
        let line = encode(&record);
        let body = line.trim_end();
        let mut chars: Vec<char> = body.chars().collect();
        let at = cut.index(chars.len());
        chars.splice(at..at, insert);
        let damaged: String = chars.into_iter().collect();
        let _ = decode(&framed(&damaged));
        let mut removed: Vec<char> = body.chars().collect();
        removed.remove(at.min(removed.len() - 1));
        let _ = decode(&framed(&removed.into_iter().collect::<String>()));
    }

    #[test]
    fn valid_lines_among_random_garbage_all_come_back(
        records in prop::collection::vec(arb_record(), 1..8),
        garbage in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..60), 1..8),
    ) {
        let mut bytes = Vec::new();
        for (i, record) in records.iter().enumerate() {
            let mut junk = garbage[i % garbage.len()].clone();
            junk.retain(|&b| b != b'\n');
            bytes.extend_from_slice(&junk);
            bytes.push(b'\n');
            bytes.extend_from_slice(encode(record).as_bytes());
        }
        let read = read_journal(&bytes);
        prop_assert_eq!(read.records, records);
        prop_assert!(!read.torn_tail);
    }
}

// ---------------------------------------------------------------------------------------------
// Damaged journals

#[test]
fn a_journal_cut_at_every_byte_reads_exactly_its_complete_lines() {
    let (bytes, records) = journal(20);
    let ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(ends.len(), 20);
    for cut in 0..=bytes.len() {
        let read = read_journal(&bytes[..cut]);
        let complete = ends.iter().filter(|&&end| end <= cut).count();
        assert_eq!(read.records, records[..complete], "cut at {cut}");
        assert!(read.skipped.is_empty(), "cut at {cut}: {:?}", read.skipped);
        let mid_line = cut > 0 && !ends.contains(&cut);
        assert_eq!(read.torn_tail, mid_line, "cut at {cut}");
        assert_eq!(read.lines, complete);
    }
}

#[test]
fn garbage_after_and_between_valid_lines_is_skipped_and_counted() {
    let (bytes, records) = journal(6);
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let half = &lines[2][..lines[2].len() / 2];
    let garbage: Vec<Vec<u8>> = vec![
        vec![0; 4096],                      // a run of NULs (a crash on some file systems)
        half.to_vec(),                      // half a line
        b"\xff\xfe\xfd not utf-8".to_vec(), // random bytes
        b"(at:1,seq:1,ev:Ended)".to_vec(),  // no checksum
        framed("(at:1,seq:99,ev:Sang)"),    // valid checksum, unknown event
        lines[3]
            .iter()
            .map(|&b| if b == b'1' { b'2' } else { b })
            .collect(), // edited
    ];
    let mut damaged = Vec::new();
    let mut bad_lines = 0;
    for (i, line) in lines.iter().enumerate() {
        damaged.extend_from_slice(line);
        let mut junk = garbage[i % garbage.len()].clone();
        if !junk.ends_with(b"\n") {
            junk.push(b'\n');
        }
        if junk != *line {
            bad_lines += 1;
        }
        damaged.extend_from_slice(&junk);
        damaged.extend_from_slice(b"\n\r\n"); // blank lines are ignored
    }
    // And a torn, NUL-filled tail.
    damaged.extend_from_slice(&[0; 100]);
    let read = read_journal(&damaged);
    assert_eq!(read.records, records);
    assert_eq!(read.skipped.len(), bad_lines);
    assert!(read.torn_tail);
    let reasons: Vec<&LineError> = read.skipped.iter().map(|s| &s.reason).collect();
    assert!(reasons.contains(&&LineError::NotUtf8));
    assert!(reasons.contains(&&LineError::NoChecksum));
    assert!(reasons.iter().any(|r| matches!(r, LineError::Malformed(_))));
    // Line numbers count every line of the file, blank ones included.
    assert_eq!(read.skipped[0].line, 2);
    assert_eq!(read.skipped[1].line, 6);
}

#[test]
fn a_bit_flip_anywhere_in_a_line_is_detected_never_misread() {
    let (bytes, records) = journal(3);
    let first_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let second_end = first_end + bytes[first_end..].iter().position(|&b| b == b'\n').unwrap() + 1;
    for i in first_end..second_end {
        for bit in 0..8 {
            let mut flipped = bytes.clone();
            flipped[i] ^= 1 << bit;
            let read = read_journal(&flipped);
            if i == second_end - 1 {
                // The line break itself: lines 2 and 3 become one damaged line.
                assert_eq!(read.records, records[..1], "byte {i} bit {bit}");
            } else {
                assert_eq!(
                    read.records,
                    [records[0].clone(), records[2].clone()],
                    "byte {i} bit {bit}"
                );
            }
            assert!(!read.skipped.is_empty(), "byte {i} bit {bit}");
        }
    }
}

#[test]
fn an_over_long_line_is_skipped_and_the_next_one_read() {
    let (bytes, records) = journal(2);
    let mut big = bytes[..=bytes.iter().position(|&b| b == b'\n').unwrap()].to_vec();
    big.extend(std::iter::repeat_n(b'(', 3 * MAX_LINE));
    big.push(b'\n');
    let second = encode(&records[1]);
    big.extend_from_slice(second.as_bytes());
    let read = read_journal(&big);
    assert_eq!(read.records, records);
    assert_eq!(read.skipped.len(), 1);
    assert_eq!(read.skipped[0].reason, LineError::TooLong(3 * MAX_LINE));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    fs::write(&path, &big).unwrap();
    assert_eq!(read_journal_file(&path).unwrap(), read);
    let polled = JournalTail::new().poll(&path).unwrap();
    assert_eq!(polled.records, records);
    assert_eq!(polled.skipped, read.skipped);
}

/// Large journals are read in blocks, some on several threads: the result is the same as line
/// by line, damaged line numbers included.
#[test]
fn a_large_journal_reads_the_same_in_blocks_as_line_by_line() {
    let mut bytes = Vec::new();
    let mut records = Vec::new();
    let mut bad = Vec::new();
    let mut line = 0;
    for seq in 1..=16_000u64 {
        line += 1;
        if seq % 1000 == 0 {
            bytes.extend_from_slice(b"damaged\n");
            bad.push(line);
            line += 1;
        }
        let record = Record {
            hlc: None,
            at: seq as i64,
            seq,
            ev: note(seq, NASTY[seq as usize % NASTY.len()]),
        };
        bytes.extend_from_slice(encode(&record).as_bytes());
        records.push(record);
    }
    bytes.extend_from_slice(b"(at:1,seq");
    assert!(
        bytes.len() > 2 << 20,
        "large enough for several blocks: {}",
        bytes.len()
    );

    let read = read_journal(&bytes);
    assert_eq!(read.records, records);
    assert_eq!(read.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), bad);
    assert!(read.torn_tail);
    assert_eq!(read.lines, line);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    fs::write(&path, &bytes).unwrap();
    assert_eq!(read_journal_file(&path).unwrap(), read);
    let polled = JournalTail::new().poll(&path).unwrap();
    assert_eq!(
        (polled.records, polled.skipped),
        (read.records.clone(), read.skipped.clone())
    );

    let mut one_by_one = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match line.ends_with(b"\n").then(|| decode(line)) {
            Some(Ok(record)) => one_by_one.push(record),
            Some(Err(_)) => skipped.push(i + 1),
            None => {}
        }
    }
    assert_eq!(one_by_one, read.records);
    assert_eq!(skipped, bad);
}

// ---------------------------------------------------------------------------------------------
// Following a journal

#[test]
fn a_tail_reads_lines_appended_in_pieces_once_each_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anna-123456.ron");
    let (bytes, records) = journal(12);
    fs::write(&path, b"").unwrap();
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    let mut tail = JournalTail::new();
    let mut seen = Vec::new();
    // Pieces of growing odd sizes, so cuts fall everywhere: inside lines, inside characters,
    // on line breaks.
    let mut at = 0;
    let mut size = 1;
    while at < bytes.len() {
        let end = (at + size).min(bytes.len());
        file.write_all(&bytes[at..end]).unwrap();
        let read = tail.poll(&path).unwrap();
        assert!(!read.torn_tail && !read.restarted && read.skipped.is_empty());
        seen.extend(read.records);
        at = end;
        size = size * 3 % 97 + 1;
    }
    assert_eq!(seen, records);
    assert!(
        tail.poll(&path).unwrap().records.is_empty(),
        "nothing twice"
    );
    assert_eq!(tail.offset(), bytes.len() as u64);

    // Byte by byte: each line comes exactly when its `\n` arrives.
    let path = dir.path().join("bytewise.ron");
    fs::write(&path, b"").unwrap();
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    let mut tail = JournalTail::new();
    let mut seen = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        file.write_all(&[*b]).unwrap();
        let read = tail.poll(&path).unwrap();
        assert_eq!(read.records.len(), usize::from(*b == b'\n'), "byte {i}");
        seen.extend(read.records);
    }
    assert_eq!(seen, records);
}

#[test]
fn a_tail_starts_over_when_the_file_shrinks_or_is_replaced_by_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let (bytes, records) = journal(4);
    fs::write(&path, &bytes).unwrap();
    let mut tail = JournalTail::new();
    assert_eq!(tail.poll(&path).unwrap().records, records);

    let first = encode(&records[0]);
    fs::write(&path, first.as_bytes()).unwrap();
    let read = tail.poll(&path).unwrap();
    assert!(read.restarted);
    assert_eq!(read.records, records[..1]);

    // Replaced by another file (a sync tool's rename) with the same start and more: read on
    // from where the last poll stopped.
    let other = dir.path().join(".syncthing.w.ron.tmp");
    fs::write(&other, &bytes).unwrap();
    fs::rename(&other, &path).unwrap();
    let read = tail.poll(&path).unwrap();
    assert!(!read.restarted);
    assert_eq!(read.records, records[1..]);
    assert!(tail.poll(&path).unwrap().records.is_empty());

    // Replaced by a file that differs before that point: read again from its start.
    let changed_records: Vec<Record> = records.iter().rev().cloned().collect();
    let changed: String = changed_records.iter().map(encode).collect();
    fs::write(&other, changed.as_bytes()).unwrap();
    fs::rename(&other, &path).unwrap();
    let read = tail.poll(&path).unwrap();
    assert!(read.restarted);
    assert_eq!(read.records, changed_records);
    assert!(!tail.poll(&path).unwrap().restarted);
}

#[test]
fn a_tail_skips_a_huge_unterminated_line_without_holding_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.ron");
    let file = fs::File::create(&path).unwrap();
    // 16 MiB of NULs (sparse), no line break.
    file.set_len(16 << 20).unwrap();
    let mut tail = JournalTail::new();
    let read = tail.poll(&path).unwrap();
    assert!(read.records.is_empty() && read.skipped.is_empty());
    assert_eq!(
        tail.offset(),
        16 << 20,
        "the over-long line is consumed as it is read"
    );
    let whole = read_journal_file(&path).unwrap();
    assert!(whole.torn_tail && whole.records.is_empty());

    let record = Record {
        hlc: None,
        at: 5,
        seq: 1,
        ev: Event::Ended,
    };
    let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(b"\n").unwrap();
    file.write_all(encode(&record).as_bytes()).unwrap();
    let read = tail.poll(&path).unwrap();
    assert_eq!(read.records, [record]);
    assert_eq!(read.skipped.len(), 1);
    assert_eq!(read.skipped[0].reason, LineError::TooLong(16 << 20));
}

#[test]
fn a_tail_refuses_what_is_not_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ron");
    fs::create_dir(&path).unwrap();
    assert!(JournalTail::new().poll(&path).is_err());
    assert!(read_journal_file(&path).is_err());
}

// ---------------------------------------------------------------------------------------------
// Run folders

#[test]
fn four_writers_appending_at_once_lose_nothing() {
    const WRITERS: usize = 4;
    const NOTES: u64 = 2_500;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let run = data
        .create_run(header("kickoff", 1_732_431_234_567))
        .unwrap();
    let start = Instant::now();
    let writers: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let run = &run;
                scope.spawn(move || {
                    let writer_id = new_writer_id(&format!("Antecknare {w}"));
                    let mut writer = run.open_writer(&writer_id).unwrap();
                    for i in 0..NOTES {
                        // Clocks of different machines collide: many equal times across writers.
                        let at = 1_732_431_234_567 + (i / 10) as i64;
                        let record = writer.append(at, note(i, &writer_id)).unwrap();
                        assert_eq!(record.seq, i + 1);
                    }
                    writer_id
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = start.elapsed();
    eprintln!("{WRITERS} writers × {NOTES} fsync'd appends: {elapsed:?}");

    let loaded = run.load().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.entries.len(), WRITERS * NOTES as usize);
    let mut sorted = keys(&loaded.entries);
    sorted.sort();
    assert_eq!(sorted, keys(&loaded.entries), "entries are in fold order");
    for writer_id in &writers {
        let mine: Vec<&Entry> = loaded
            .entries
            .iter()
            .filter(|e| &*e.writer == writer_id.as_str())
            .collect();
        assert_eq!(mine.len(), NOTES as usize);
        for (i, entry) in mine.iter().enumerate() {
            assert_eq!(entry.record.seq, i as u64 + 1);
            assert_eq!(entry.record.ev, note(i as u64, writer_id));
        }
    }
}

/// Whether this process can write into a folder it has made read-only (root can).
fn permissions_are_enforced(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe_dir = dir.join("probe");
    fs::create_dir(&probe_dir).unwrap();
    fs::set_permissions(&probe_dir, fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = fs::write(probe_dir.join("probe"), b"x").is_err();
    fs::set_permissions(&probe_dir, fs::Permissions::from_mode(0o755)).unwrap();
    enforced
}

#[test]
fn a_folder_that_cannot_be_written_gives_an_error_not_a_lost_note() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let run = data.create_run(header("kickoff", 0)).unwrap();
    if permissions_are_enforced(dir.path()) {
        fs::set_permissions(run.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let err = run.open_writer("anna-123456").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        fs::set_permissions(run.path(), fs::Permissions::from_mode(0o755)).unwrap();
    } else {
        // Root ignores permissions: make the journal's path impossible to create instead.
        fs::create_dir(run.path().join("anna-123456.ron")).unwrap();
        assert!(run.open_writer("anna-123456").is_err());
    }
    // A run folder that is a file, and a writer id that is not one.
    let not_a_dir = RunDir::at(dir.path().join("file"));
    fs::write(not_a_dir.path(), b"").unwrap();
    assert!(not_a_dir.open_writer("anna-123456").is_err());
    assert!(run.open_writer("../escape").is_err());
    assert!(run.open_writer("run").is_err());
    // A journal is never opened twice: a second writer with the same id is refused.
    let mut writer = run.open_writer("bo-abcdef").unwrap();
    writer.append(1, Event::Ended).unwrap();
    assert_eq!(
        run.open_writer("bo-abcdef").unwrap_err().kind(),
        std::io::ErrorKind::AlreadyExists
    );
}

#[cfg(unix)]
#[test]
fn journals_and_headers_are_not_world_writable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let run = DataDir::at(dir.path())
        .create_run(header("kickoff", 0))
        .unwrap();
    let writer = run.open_writer("anna-123456").unwrap();
    for path in [writer.path().to_path_buf(), run.header_path()] {
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o002, 0, "{} has mode {mode:o}", path.display());
        assert_eq!(mode & 0o111, 0, "{} has mode {mode:o}", path.display());
    }
}

#[test]
fn load_reports_damage_as_one_line_problems() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let run = data.create_run(header("kickoff", 0)).unwrap();
    let mut writer = run.open_writer("anna-123456").unwrap();
    writer.append(10, note(1, "a")).unwrap();
    writer.append(20, note(2, "b")).unwrap();
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(writer.path())
        .unwrap();
    let third = encode(&Record {
        hlc: None,
        at: 30,
        seq: 3,
        ev: note(3, "c"),
    });
    let damaged = third.replace("seq:3", "seq:4");
    file.write_all(damaged.as_bytes()).unwrap();
    file.write_all(&third.as_bytes()[..20]).unwrap();
    // Files that are not journals: a copy a person made, the header's temp file.
    fs::write(run.path().join("anna-123456 (1).ron"), b"x").unwrap();
    fs::write(run.path().join(".run.ron.0123.tmp"), b"x").unwrap();
    fs::write(run.path().join("notes.txt"), b"x").unwrap();

    let loaded = run.load().unwrap();
    assert_eq!(loaded.entries.len(), 2);
    let id = run.id();
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            format!("runs/{id}/anna-123456 (1).ron: ignored: not a journal name"),
            format!("runs/{id}/anna-123456.ron:3: skipped a damaged line (checksum mismatch)"),
            format!(
                "runs/{id}/anna-123456.ron:4: the last line is incomplete (the writer may have \
                 been stopped mid-write)"
            ),
        ]
    );
    assert!(problems.iter().all(|p| !p.contains('\n')));
}

#[test]
fn a_run_header_round_trips_and_a_damaged_one_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let h = header("digitala-samhallet", 1_732_431_234_567);
    let run = data.create_run(h.clone()).unwrap();
    assert_eq!(run.id(), h.id);
    assert_eq!(run.header().unwrap(), h);
    let loaded = run.load().unwrap();
    assert_eq!(loaded.header, h);
    assert!(loaded.entries.is_empty() && loaded.problems.is_empty());
    assert!(matches!(
        data.create_run(h.clone()),
        Err(StoreError::RunExists { .. })
    ));

    fs::write(run.header_path(), "(\n  id: \"x\",\n  session: ]\n)").unwrap();
    let err = run.load().unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(err, StoreError::BadHeader { line: 3, .. }),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("{}:3:", run.header_path().display())),
        "{message}"
    );
    assert!(err.is_bad_input());

    // A listing reports the damaged run and the good ones, and ignores stray files.
    let good = data
        .create_run(header("begrepp", 1_800_000_000_000))
        .unwrap();
    fs::write(data.runs_dir().join("stray.txt"), b"x").unwrap();
    fs::create_dir(data.runs_dir().join("20240101-0000-empty-0000")).unwrap();
    let listing = data.list_runs().unwrap();
    let ids: Vec<&str> = listing.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["20240101-0000-empty-0000", run.id(), good.id()]);
    // A folder without its header is bad input, like a damaged header.
    assert!(matches!(
        listing[0].header,
        Err(StoreError::HeaderUnreadable { .. })
    ));
    assert!(matches!(
        listing[1].header,
        Err(StoreError::BadHeader { .. })
    ));
    assert_eq!(listing[2].header.as_ref().unwrap().session.id, "begrepp");
    // Without a runs folder there are simply no runs.
    assert!(
        DataDir::at(dir.path().join("nothing"))
            .list_runs()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn run_ids_sort_by_time_and_prefixes_find_runs() {
    let started = 1_732_431_234_567; // 2024-11-24 06:53:54 UTC
    let id = new_run_id("kickoff", started);
    assert!(id.starts_with("20241124-0653-kickoff-"), "{id}");
    let suffix = id.rsplit('-').next().unwrap();
    assert!(
        suffix.len() == 4 && suffix.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );
    assert_ne!(
        new_run_id("kickoff", started),
        new_run_id("kickoff", started)
    );
    assert!(new_run_id("Digitala samhället!", started).contains("-digitala-samhallet-"));

    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    for id in [
        "20241124-0653-kickoff-aaaa",
        "20241124-0653-kickoff-bbbb",
        "20241201-1300-begrepp-cccc",
    ] {
        let mut h = header("kickoff", started);
        h.id = id.into();
        data.create_run(h).unwrap();
    }
    assert_eq!(
        data.find("20241201").unwrap().id(),
        "20241201-1300-begrepp-cccc"
    );
    assert_eq!(
        data.find("20241124-0653-kickoff-b").unwrap().id(),
        "20241124-0653-kickoff-bbbb"
    );
    assert_eq!(
        data.find("20241124-0653-kickoff-aaaa").unwrap().id(),
        "20241124-0653-kickoff-aaaa"
    );

    let err = data.find("20241124").unwrap_err();
    let message = err.to_string();
    assert!(matches!(&err, StoreError::AmbiguousRun { candidates, .. } if candidates.len() == 2));
    assert!(
        message.contains("20241124-0653-kickoff-aaaa, 20241124-0653-kickoff-bbbb"),
        "{message}"
    );
    assert!(err.is_bad_input());

    for unknown in ["2099", "", "../runs", "20241124-0653-kickoff-aaaa-more"] {
        let err = data.find(unknown).unwrap_err();
        assert!(
            matches!(err, StoreError::UnknownRun { .. }),
            "{unknown}: {err}"
        );
        assert!(
            err.to_string()
                .contains(&data.runs_dir().display().to_string())
        );
    }
    let mut h = header("kickoff", started);
    h.id = "../../etc".into();
    assert!(matches!(
        data.create_run(h),
        Err(StoreError::BadRunId { .. })
    ));
}

#[test]
fn writer_ids_are_readable_slugs_with_random_suffixes() {
    assert_eq!(slug("Åsa Öberg-Ängström"), "asa-oberg-angstrom");
    assert_eq!(slug("  Märta   (grupp 2) "), "marta-grupp-2");
    assert_eq!(slug("😀"), "");
    for (name, prefix) in [
        ("Åsa Öberg", "asa-oberg-"),
        ("", "writer-"),
        ("😀 ✨", "writer-"),
    ] {
        let id = new_writer_id(name);
        assert!(id.starts_with(prefix), "{id}");
        assert_eq!(id.len(), prefix.len() + 6, "{id}");
        assert!(is_valid_writer_id(&id), "{id}");
    }
    let long = new_writer_id(&"ö".repeat(500));
    assert!(is_valid_writer_id(&long), "{long}");
    assert_ne!(new_writer_id("Åsa"), new_writer_id("Åsa"));
}

#[test]
fn entries_sort_by_time_then_writer_id_then_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let run = DataDir::at(dir.path())
        .create_run(header("kickoff", 0))
        .unwrap();
    // `a-b.ron` sorts before `a.ron` as a file name, but writer `a` before `a-b`.
    let mut ab = run.open_writer("a-b").unwrap();
    let mut a = run.open_writer("a").unwrap();
    let mut b = run.open_writer("b").unwrap();
    for at in [20, 10, 10] {
        ab.append(at, Event::Ended).unwrap();
        a.append(at, Event::Ended).unwrap();
        b.append(at - 5, Event::Ended).unwrap();
    }
    let loaded = run.load().unwrap();
    let got: Vec<(Millis, &str, u64)> = loaded
        .entries
        .iter()
        .map(|e| {
            let (hlc, writer, seq) = e.order_key();
            (hlc.wall, writer, seq)
        })
        .collect();
    assert_eq!(
        got,
        [
            (5, "b", 2),
            (5, "b", 3),
            (10, "a", 2),
            (10, "a", 3),
            (10, "a-b", 2),
            (10, "a-b", 3),
            (15, "b", 1),
            (20, "a", 1),
            (20, "a-b", 1),
        ]
    );
}

#[test]
fn journals_copied_from_two_machines_merge_the_same_in_either_order() {
    let machines: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let h = header("begrepp", 1_000);
    let mut journals = Vec::new();
    for (m, root) in machines.iter().enumerate() {
        let run = DataDir::at(root.path()).create_run(h.clone()).unwrap();
        let mut writer = run
            .open_writer(&new_writer_id(&format!("maskin {m}")))
            .unwrap();
        for i in 0..50 {
            // Interleaved and partly equal times across the two machines.
            writer
                .append(1_000 + i * 10 + m as i64 * 5 * (i % 2), note(i as u64, "x"))
                .unwrap();
        }
        journals.push(writer.path().to_path_buf());
    }
    let mut loads = Vec::new();
    for order in [[0, 1], [1, 0]] {
        let target = tempfile::tempdir().unwrap();
        let data = DataDir::at(target.path());
        let run = data.create_run(h.clone()).unwrap();
        for &m in &order {
            let name = journals[m].file_name().unwrap();
            fs::copy(&journals[m], run.path().join(name)).unwrap();
        }
        let loaded = run.load().unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.entries.len(), 100);
        loads.push(loaded.entries);
        drop(target);
    }
    assert_eq!(loads[0], loads[1]);
    let mut sorted = keys(&loads[0]);
    sorted.sort();
    assert_eq!(sorted, keys(&loads[0]));
    let writers: std::collections::HashSet<Arc<str>> =
        loads[0].iter().map(|e| e.writer.clone()).collect();
    assert_eq!(writers.len(), 2);
}

#[test]
fn write_atomic_replaces_a_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.ron");
    spar::fsx::write_atomic(&path, b"first").unwrap();
    spar::fsx::write_atomic(&path, b"second").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["run.ron"], "no temporary file is left behind");
    assert!(spar::fsx::write_atomic(&dir.path().join("missing/run.ron"), b"x").is_err());
}

#[test]
fn file_names_in_a_run_folder_reach_reports_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path().to_path_buf());
    let run = data
        .create_run(header("kickoff", 1_600_333_200_000))
        .unwrap();
    fs::write(
        run.path().join("evil\u{1b}[31m\u{202e}\u{9b}x\u{200b}.ron"),
        b"x",
    )
    .unwrap();
    let (_, problems) = run.journals().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    for bad in ['\u{1b}', '\u{202e}', '\u{9b}', '\u{200b}'] {
        assert!(!problems[0].to_string().contains(bad), "{:?}", problems[0]);
    }
}

/// A run folder removed under its writer is never confirmed, and why is said in the user's
/// language. (A journal moved aside goes on in a new segment: tests/own_journal.rs.)
#[test]
fn a_run_folder_removed_under_its_writer_is_said_in_both_languages() {
    use spar::i18n::Lang;
    use spar::run::live::LiveRun;
    let dir = tempfile::tempdir().unwrap();
    let run = DataDir::at(dir.path())
        .create_run(header("kickoff", 0))
        .unwrap();
    let (mut live, mut state) =
        LiveRun::open(run.clone(), "Anna", spar::run::Role::Facilitator, 1).unwrap();
    fs::remove_dir_all(run.path()).unwrap();
    live.append(&mut state, Event::Ended, 2);
    // The writer thread reports the failure when it has tried: wait for what it says.
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    while live.save_error.is_none() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
        live.retry(&mut state);
    }
    let error = live
        .save_error
        .clone()
        .expect("the failed write is reported");
    assert!(live.pending_count() > 0, "never confirmed");
    let sv = Lang::Sv.text().write_error(&error);
    let en = Lang::En.text().write_error(&error);
    assert!(
        sv.ends_with("träffens mapp togs bort medan spar skrev i den"),
        "{sv}"
    );
    assert!(
        en.ends_with("the run folder was removed while spar wrote in it"),
        "{en}"
    );
    assert!(sv.contains(".ron: "), "names the journal: {sv}");
}
