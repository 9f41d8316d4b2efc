//! A run written by four processes at once, a facilitator and three note-takers, whose journals
//! interleave in time as a real meeting's do: read one after another, almost every record is
//! older than the last one read. Shared by the tests and the benchmarks (`#[path]`).
#![allow(dead_code)] // each user takes a different part

use std::path::Path;
use std::sync::Arc;

use spar::run::journal::encode;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::Session;

/// 2020-09-17 09:00 UTC.
pub const NINE: Millis = 1_600_333_200_000;

/// Milliseconds between one note and the next (of any writer).
pub const STEP: Millis = 7;

/// The writers: the facilitator first.
pub const WRITERS: [&str; 4] = ["anna-a00001", "bo-b00002", "cia-c00003", "dan-d00004"];
const NAMES: [&str; 4] = ["Anna", "Bo", "Cia", "Dan"];

/// Every writer's records in the order each wrote them, for `notes` notes. The facilitator starts
/// the first timebox and walks through every place of the session, so that the notes are spread
/// over all of them and the last place holds the last share; every writer saves notes in turn
/// (a few milliseconds apart, so that the journals interleave), to the groups in turn, with now
/// and then a draft, an edit, a deletion and a pause.
pub fn records(session: &Session, notes: usize) -> [Vec<(Millis, Event)>; 4] {
    records_from(NINE, session, notes)
}

/// Like [`records`], starting at `base` instead of [`NINE`]: a run whose countdown is running
/// now, for measurements from outside.
pub fn records_from(base: Millis, session: &Session, notes: usize) -> [Vec<(Millis, Event)>; 4] {
    let places: Vec<Place> = (0..session.agenda.len())
        .flat_map(|item| (0..session.steps(item).len()).map(move |step| Place { item, step }))
        .collect();
    let groups: Vec<Option<String>> = std::iter::once(None)
        .chain(session.groups.iter().cloned().map(Some))
        .collect();
    let mut out: [Vec<(Millis, Event)>; 4] = Default::default();
    for (w, name) in NAMES.iter().enumerate() {
        let role = if w == 0 {
            Role::Facilitator
        } else {
            Role::NoteTaker
        };
        out[w].push((
            base + w as i64,
            Event::Joined {
                name: (*name).into(),
                role,
            },
        ));
    }
    out[0].push((base + 10, Event::TimerStarted { at: Place::START }));
    let per_place = notes.div_ceil(places.len()).max(1);
    let mut place = Place::START;
    // Each writer's own saved notes, by sequence number, for its edits and deletions.
    let mut seq = [1u64; 4];
    for i in 0..notes {
        let at = base + 1_000 + i as i64 * STEP;
        let here = places[(i / per_place).min(places.len() - 1)];
        if here != place {
            place = here;
            out[0].push((at, Event::Moved { to: place }));
            out[0].push((at, Event::TimerStarted { at: place }));
        }
        let w = i % 4;
        let by = NAMES[w].to_string();
        let group = groups[(i / 4) % groups.len()].clone();
        if i % 10 == 3 {
            let text = format!("utkast {i}");
            let ev = Event::Draft {
                at: place,
                group: group.clone(),
                text,
                by: by.clone(),
            };
            out[w].push((at, ev));
        }
        let text = format!("Anteckning {i}: vad gruppen sa om frågan, i en mening eller två — åäö");
        let ev = Event::NoteSaved {
            at: place,
            group,
            kind: NoteKind::Note,
            text,
            by,
        };
        out[w].push((at + 1, ev));
        seq[w] = out[w].len() as u64;
        if i % 50 == 7 {
            let id = NoteId {
                writer: WRITERS[w].into(),
                seq: seq[w],
            };
            let text = format!("Anteckning {i}, rättad");
            out[w].push((
                at + 2,
                Event::NoteEdited {
                    id,
                    kind: NoteKind::Decision,
                    text,
                },
            ));
        }
        if i % 97 == 11 {
            let id = NoteId {
                writer: WRITERS[w].into(),
                seq: seq[w],
            };
            out[w].push((at + 3, Event::NoteDeleted { id }));
        }
    }
    out
}

/// The records as the entries a fold takes, per writer (sequence numbers from 1, as a journal
/// writer numbers them).
pub fn entries(session: &Session, notes: usize) -> Vec<Vec<Entry>> {
    entries_from(NINE, session, notes)
}

/// Every writer's [`entries`] merged in the order a fold takes them.
pub fn merged(session: &Session, notes: usize) -> Vec<Entry> {
    let mut all: Vec<Entry> = entries(session, notes).into_iter().flatten().collect();
    all.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    all
}

/// [`entries`] from `base`.
pub fn entries_from(base: Millis, session: &Session, notes: usize) -> Vec<Vec<Entry>> {
    records_from(base, session, notes)
        .into_iter()
        .enumerate()
        .map(|(w, records)| {
            let writer: Arc<str> = Arc::from(WRITERS[w]);
            records
                .into_iter()
                .enumerate()
                .map(|(i, (at, ev))| Entry {
                    writer: writer.clone(),
                    record: Record {
                        hlc: None,
                        at,
                        seq: i as u64 + 1,
                        ev,
                    },
                })
                .collect()
        })
        .collect()
}

/// Writes a run of `session` with `notes` notes over four journals into the data directory
/// `data`; returns the run's id.
pub fn write_run(data: &Path, session: &Session, notes: usize) -> String {
    write_run_from(NINE, data, session, notes)
}

/// [`write_run`] from `base`.
pub fn write_run_from(base: Millis, data: &Path, session: &Session, notes: usize) -> String {
    let store = DataDir::at(data);
    let header = RunHeader::new(session.clone(), None, base + notes as i64, "Anna");
    let id = header.id.clone();
    let dir = store.create_run(header).unwrap();
    // The lines a journal writer writes, without an fsync for each of them.
    for (w, journal) in entries_from(base, session, notes).into_iter().enumerate() {
        let text: String = journal.iter().map(|e| encode(&e.record)).collect();
        std::fs::write(dir.path().join(format!("{}.ron", WRITERS[w])), text).unwrap();
    }
    id
}
