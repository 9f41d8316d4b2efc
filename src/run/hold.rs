//! Stamps from the future. Every event carries its writer's wall-clock time, and the fold orders
//! by it, so one line stamped in year 9999 would sort after everything anyone writes from now
//! on: a forged take-over that nobody could take back, a countdown in overtime for eighty
//! centuries. An entry stamped more than [`BOUND`] ahead of this computer's clock (corrected by
//! what it learnt of its own skew) is held back, never folded, until the clock reaches it; the
//! stage says how many wait and the next release is in its wake set. So a stamp from the
//! future never reorders what has been folded. (CockroachDB's "maximum clock offset" is the same
//! idea: a timestamp further ahead than the offset allows is not believed.)

use std::sync::Arc;

use super::file_problem::{FileProblem, ProblemKind};
use super::{Entry, Millis};

/// How far ahead of this computer's clock a stamp may be and still be folded: ordinary drift
/// between computers, and the seconds a synced folder takes, are far below it.
pub const BOUND: Millis = 5 * 60_000;

/// Whether `entry` is stamped more than [`BOUND`] after `now`.
/// Whether `entry` is stamped more than [`BOUND`] after `now`: its hybrid stamp, which is never
/// before its wall stamp ([`Record::hlc`](super::Record::hlc)), so either being ahead holds it.
pub fn too_far(entry: &Entry, now: Millis) -> bool {
    entry.record.hlc().wall > now.saturating_add(BOUND)
}

/// The entries held back, in the order they came.
#[derive(Debug, Default)]
pub struct Held {
    entries: Vec<Entry>,
}

impl Held {
    /// Keeps back the entries of `batch` stamped too far ahead of `now`; returns the others.
    pub fn sift(&mut self, mut batch: Vec<Entry>, now: Millis) -> Vec<Entry> {
        // The usual batch has none, and a run being opened has hundreds of thousands of
        // entries: they are not moved unless one has to be kept back.
        if batch.iter().any(|e| too_far(e, now)) {
            let (later, fold): (Vec<Entry>, Vec<Entry>) =
                batch.drain(..).partition(|e| too_far(e, now));
            self.entries.extend(later);
            return fold;
        }
        batch
    }

    /// The held entries whose time has come by `now`.
    pub fn release(&mut self, now: Millis) -> Vec<Entry> {
        if !self.entries.iter().any(|e| !too_far(e, now)) {
            return Vec::new();
        }
        let (due, later): (Vec<Entry>, Vec<Entry>) =
            self.entries.drain(..).partition(|e| !too_far(e, now));
        self.entries = later;
        due
    }

    /// When the next held entry may be folded (by this computer's corrected clock).
    pub fn next_release(&self) -> Option<Millis> {
        let first = self.entries.iter().map(|e| e.record.hlc().wall).min()?;
        Some(first.saturating_sub(BOUND))
    }

    /// The entries held back, given up (to be sifted again by whoever takes them).
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One problem per journal with held entries: how many, and how far ahead of `now` the
    /// furthest is.
    pub fn problems(&self, run_id: &str, now: Millis) -> Vec<FileProblem> {
        let mut per: Vec<(Arc<str>, usize, Millis)> = Vec::new();
        for entry in &self.entries {
            let ahead = entry.record.hlc().wall.saturating_sub(now);
            match per.iter_mut().find(|(w, ..)| *w == entry.writer) {
                Some((_, count, furthest)) => {
                    *count += 1;
                    *furthest = (*furthest).max(ahead);
                }
                None => per.push((entry.writer.clone(), 1, ahead)),
            }
        }
        per.into_iter()
            .map(|(writer, count, ahead)| {
                let file = super::store::shown(run_id, &format!("{writer}.ron"));
                FileProblem::new(file, None, ProblemKind::Ahead { count, ahead })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Event, Record};

    const NOW: Millis = 1_768_640_000_000;

    fn at(at: Millis) -> Entry {
        Entry {
            writer: Arc::from("w"),
            record: Record {
                hlc: None,
                at,
                seq: 1,
                ev: Event::Left,
            },
        }
    }

    #[test]
    fn a_stamp_beyond_the_bound_waits_until_the_clock_reaches_it() {
        let mut held = Held::default();
        let batch = vec![at(NOW), at(NOW + BOUND), at(NOW + BOUND + 1), at(i64::MAX)];
        let fold = held.sift(batch, NOW);
        assert_eq!(fold.len(), 2);
        assert_eq!(held.len(), 2);
        assert_eq!(held.next_release(), Some(NOW + 1));
        assert!(held.release(NOW).is_empty());
        assert_eq!(held.release(NOW + 1).len(), 1);
        // Year 9999 and i64::MAX wait for good, without wrapping.
        assert_eq!(held.next_release(), Some(i64::MAX - BOUND));
        assert!(held.release(NOW + 365 * 86_400_000).is_empty());
        let problems = held.problems("r", NOW);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].kind,
            ProblemKind::Ahead {
                count: 1,
                ahead: i64::MAX - NOW
            }
        );
    }

    #[test]
    fn the_usual_batch_passes_as_it_is() {
        let mut held = Held::default();
        assert_eq!(held.sift(vec![at(i64::MIN), at(NOW)], NOW).len(), 2);
        assert!(held.is_empty());
        assert_eq!(held.next_release(), None);
    }
}
