//! Runs written by several processes at once: however their records arrive (journal after
//! journal, in bursts, shuffled), the state is the fold of them in the agreed order, and opening
//! or following a run folds it from the start at most once per batch.

mod common;

use std::io::Write;
use std::sync::Arc;

use common::interleaved::{self, NINE, WRITERS};
use proptest::prelude::*;
use spar::run::journal::encode;
use spar::run::live::LiveRun;
use spar::run::log::RunLog;
use spar::run::state::RunState;
use spar::run::store::DataDir;
use spar::run::{Entry, Event, NoteKind, Place, Record};
use spar::session::Session;
use spar::session::parse::parse_session;
use spar::tui::event_loop::now_ms;

fn kickoff() -> Arc<Session> {
    Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap())
}

/// The fold of all entries in the order every process agrees on.
fn sorted_fold(session: &Arc<Session>, entries: &[Entry]) -> RunState {
    let mut sorted = entries.to_vec();
    sorted.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    RunState::fold(session.clone(), &sorted)
}

proptest! {
    #[test]
    fn any_interleaving_folds_to_the_sorted_fold(
        notes in 0usize..60,
        shuffle in any::<prop::sample::Index>(),
        cuts in prop::collection::vec(1usize..20, 1..12),
    ) {
        let session = kickoff();
        let all: Vec<Entry> = interleaved::entries(&session, notes).into_iter().flatten().collect();
        // A permutation picked by `shuffle`, delivered in batches of the sizes in `cuts`.
        let mut order = all.clone();
        let n = order.len();
        let mut pick = shuffle.index(usize::MAX);
        for i in (1..n).rev() {
            order.swap(i, pick % (i + 1));
            pick = pick.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) >> 1;
        }
        let mut log = RunLog::new();
        let mut state = RunState::new(session.clone());
        let mut rest = order.as_slice();
        let mut batches = 0;
        for size in cuts.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (batch, later) = rest.split_at((*size).min(rest.len()));
            log.add(&mut state, batch.to_vec());
            batches += 1;
            // Delivered twice (a journal read again from the start): changes nothing.
            prop_assert!(!log.add(&mut state, batch.to_vec()));
            rest = later;
        }
        prop_assert_eq!(&state, &sorted_fold(&session, &all));
        prop_assert!(log.folds() <= batches, "at most one fold per batch");
    }
}

#[test]
fn journals_read_one_after_another_fold_to_the_sorted_fold() {
    let session = kickoff();
    let journals = interleaved::entries(&session, 500);
    let all: Vec<Entry> = journals.iter().flatten().cloned().collect();
    let mut log = RunLog::new();
    let mut state = RunState::new(session.clone());
    for journal in journals {
        log.add(&mut state, journal);
    }
    assert_eq!(state, sorted_fold(&session, &all));
    let deleted = (0..500).filter(|i| i % 97 == 11).count();
    assert_eq!(state.live_notes().count(), 500 - deleted);
    assert_eq!(
        log.folds(),
        4,
        "each journal after the first had older lines"
    );
}

#[test]
fn opening_a_run_of_four_writers_folds_once_and_a_late_burst_once_more() {
    let data = tempfile::tempdir().unwrap();
    let session = kickoff();
    let id = interleaved::write_run(data.path(), &session, 2_000);
    let dir = DataDir::at(data.path()).find(&id).unwrap();
    let loaded = dir.load().unwrap();
    let (mut live, mut state) = LiveRun::open_unannounced(dir.clone(), "Eva", now_ms()).unwrap();
    assert_eq!(live.folds(), 1, "opening folds once");
    assert_eq!(state, RunState::fold(session.clone(), &loaded.entries));

    // Two writers' lines that arrive late, older than the newest already folded, in one wake.
    let late = |w: usize, seq: u64, at: i64| {
        let ev = Event::NoteSaved {
            at: Place { item: 3, step: 0 },
            group: None,
            kind: NoteKind::Note,
            text: format!("sent {seq}"),
            by: "Bo".into(),
        };
        let line = encode(&Record {
            hlc: None,
            at,
            seq,
            ev,
        });
        let path = dir.path().join(format!("{}.ron", WRITERS[w]));
        let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        file.write_all(line.as_bytes()).unwrap();
    };
    late(1, 100_001, NINE + 5_000);
    late(2, 100_001, NINE + 6_000);
    late(3, 100_001, NINE + 7_000);
    assert!(live.follow(&mut state, now_ms()));
    assert_eq!(live.folds(), 2, "one burst of late lines folds once more");
    assert_eq!(
        state,
        RunState::fold(session.clone(), &dir.load().unwrap().entries)
    );

    // Lines newer than everything are folded in without folding again.
    late(1, 100_002, NINE + 100_000_000);
    late(2, 100_002, NINE + 100_000_001);
    assert!(live.follow(&mut state, now_ms()));
    assert!(!live.follow(&mut state, now_ms()), "nothing new");
    assert_eq!(live.folds(), 2);
    assert_eq!(state, RunState::fold(session, &dir.load().unwrap().entries));
}
