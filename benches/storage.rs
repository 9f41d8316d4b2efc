//! Storage speed. The spec asks for a note durable under 50 ms after Enter, and a run of 100,000
//! events opening in under 300 ms (of which loading the journals is a part).
//!
//! - `append_fsync_note`: one note appended to a journal and fsync'd (criterion), plus a plain
//!   measurement printed first: p50/p99/max of 1,000 appends, since criterion reports no tails;
//! - `load_100k_events`: `RunDir::load` of a run with 100,000 events in four journals;
//! - `decode`: reading journal lines (checksum + RON parse), as bytes per second.
//!
//! Temporary folders are made in `SPAR_BENCH_DIR` if set (to measure a particular disk), else
//! in the system temp folder.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group};
use spar::run::journal::{encode, read_journal};
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, NoteKind, Place, Record, Role};
use spar::session::Session;

/// 2024-11-24 09:00 UTC.
const NINE: i64 = 1_732_438_800_000;
const EVENTS: usize = 100_000;

fn temp_dir() -> tempfile::TempDir {
    match std::env::var_os("SPAR_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(PathBuf::from(dir)),
        None => tempfile::tempdir(),
    }
    .expect("a temporary folder")
}

fn session() -> Session {
    ron::from_str(
        r#"Session(id: "kickoff", track: "dalasparet", title: "Kickoff", start: "09:00",
           groups: ["Grupp 1", "Grupp 2", "Grupp 3"],
           agenda: [(kind: Welcome, title: "Välkommen", minutes: 10),
                    (kind: Discussion, title: "Samtal", minutes: 30,
                     questions: [(text: "Vad?", minutes: 15), (text: "Hur?", minutes: 15)])])"#,
    )
    .expect("bench session parses")
}

fn run(dir: &tempfile::TempDir) -> RunDir {
    let header = RunHeader::new(session(), None, NINE, "Bench");
    DataDir::at(dir.path())
        .create_run(header)
        .expect("run created")
}

/// Text of a realistic note: Swedish, 20 to 320 characters.
fn text(i: usize) -> String {
    const WORDS: &[&str] = &[
        "biblioteket",
        "vi",
        "behöver",
        "digitala",
        "kompetensen",
        "i",
        "kommunen",
        "och",
        "lärande",
        "samtal",
        "medarbetare",
        "öppna",
        "frågor",
        "åtgärd",
        "Märta",
        "ansvarar",
        "för",
        "att",
        "följa",
        "upp",
        "nästa",
        "träff",
    ];
    let len = 20 + i * 7919 % 300;
    let mut out = String::with_capacity(len + 16);
    let mut w = i;
    while out.len() < len {
        out.push_str(WORDS[w % WORDS.len()]);
        out.push(' ');
        w = w * 31 + 7;
    }
    if i.is_multiple_of(5) {
        out.push_str("\nandra raden 😀");
    }
    out
}

/// Event number `i` of a busy meeting: mostly drafts and notes, some agenda moves and timers.
fn event(i: usize) -> Event {
    let at = Place {
        item: i % 2,
        step: i % 3,
    };
    let group = match i % 4 {
        0 => None,
        g => Some(format!("Grupp {g}")),
    };
    match i % 10 {
        0 => Event::Moved { to: at },
        1 => Event::TimerStarted { at },
        2..=5 => Event::Draft {
            at,
            group,
            text: text(i),
            by: "Åsa Lindqvist".into(),
        },
        6 if i % 20 == 6 => Event::Joined {
            name: "Åsa".into(),
            role: Role::NoteTaker,
        },
        _ => Event::NoteSaved {
            at,
            group,
            kind: if i % 30 == 7 {
                NoteKind::Action {
                    owner: "Märta".into(),
                    due: None,
                }
            } else {
                NoteKind::Note
            },
            text: text(i),
            by: "Åsa Lindqvist".into(),
        },
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Not criterion: the distribution of 1,000 fsync'd appends, which is what "durable under
/// 50 ms" is about.
fn append_percentiles() {
    let dir = temp_dir();
    let run = run(&dir);
    let mut writer = run.open_writer("bench-000001").expect("journal");
    let mut times = Vec::with_capacity(1000);
    for i in 0..1000 {
        let ev = event(i * 10 + 7);
        let start = Instant::now();
        writer.append(NINE + i as i64, ev).expect("append");
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "append+fsync of one note, 1000 times in {}: p50 {:?}, p99 {:?}, max {:?}",
        dir.path().display(),
        percentile(&times, 0.50),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
}

/// Not criterion: the best and the median of 10 loads of the 100,000-event run, since on a
/// busy machine the best shows the cost and the median what a user may wait.
fn load_times() {
    let dir = temp_dir();
    let (run, _) = big_run(&dir);
    let mut times: Vec<Duration> = (0..10)
        .map(|_| {
            let start = Instant::now();
            black_box(run.load().expect("load"));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "load of {EVENTS} events, 10 times: best {:?}, median {:?}",
        times[0],
        percentile(&times, 0.5)
    );
}

fn append(c: &mut Criterion) {
    let dir = temp_dir();
    let run = run(&dir);
    let mut writer = run.open_writer("bench-000002").expect("journal");
    let mut i = 0;
    c.bench_function("append_fsync_note", |b| {
        b.iter(|| {
            i += 1;
            writer
                .append(NINE + i as i64, event(i * 10 + 7))
                .expect("append")
        })
    });
}

/// A run of `EVENTS` events: a facilitator and three note-takers, written straight as lines.
fn big_run(dir: &tempfile::TempDir) -> (RunDir, u64) {
    let run = run(dir);
    let mut journals = vec![Vec::new(); 4];
    let mut seqs = [0u64; 4];
    for i in 0..EVENTS {
        let w = if i % 10 < 2 { 0 } else { 1 + i % 3 };
        seqs[w] += 1;
        let record = Record {
            hlc: None,
            at: NINE + (i as i64) * 100,
            seq: seqs[w],
            ev: event(i),
        };
        journals[w].extend_from_slice(encode(&record).as_bytes());
    }
    let mut bytes = 0;
    for (w, journal) in journals.iter().enumerate() {
        bytes += journal.len() as u64;
        std::fs::write(run.path().join(format!("writer-{w:06}.ron")), journal).expect("write");
    }
    (run, bytes)
}

fn load(c: &mut Criterion) {
    let dir = temp_dir();
    let (run, bytes) = big_run(&dir);
    let loaded = run.load().expect("load");
    assert_eq!(loaded.entries.len(), EVENTS);
    assert!(loaded.problems.is_empty());
    println!(
        "load_100k_events: {EVENTS} events, {:.1} MB of journals",
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("load");
    group.sample_size(20);
    group.bench_function("load_100k_events", |b| {
        b.iter(|| black_box(run.load().expect("load")))
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    let mut bytes = Vec::new();
    for i in 0..1000 {
        let record = Record {
            hlc: None,
            at: NINE + i as i64,
            seq: i as u64 + 1,
            ev: event(i),
        };
        bytes.extend_from_slice(encode(&record).as_bytes());
    }
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read_journal_1000_lines", |b| {
        b.iter(|| {
            let read = read_journal(black_box(&bytes));
            assert_eq!(read.records.len(), 1000);
            read
        })
    });
    group.bench_function("encode_1000_lines", |b| {
        b.iter_batched(
            || {
                (0..1000)
                    .map(|i| Record {
                        hlc: None,
                        at: NINE,
                        seq: i,
                        ev: event(i as usize),
                    })
                    .collect()
            },
            |records: Vec<Record>| records.iter().map(encode).map(|l| l.len()).sum::<usize>(),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, append, load, decode);

fn main() {
    // Not under `cargo test --benches` (which runs each benchmark once, without `--bench`).
    if std::env::args().any(|a| a == "--bench") {
        append_percentiles();
        load_times();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
