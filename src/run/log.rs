//! Every entry of a run folded so far, in the order every process agrees on (hybrid stamp,
//! writer, sequence), and the state folded from them.
//!
//! Writers work at the same time, so their journals interleave: reading them one after another
//! gives entries older than the last one folded. Inserting those one at a time and folding again
//! for each is quadratic (10,000 notes over four journals took minutes). Instead everything that
//! arrived together is added as one batch: sorted once, merged once, and the state folded again
//! at most once — and not at all when the whole batch is newer than what was folded, which is
//! the usual case for a live run and always the case when a run is opened.

use std::sync::Arc;

use super::Entry;
use super::state::RunState;

#[derive(Debug, Default)]
pub struct RunLog {
    entries: Vec<Entry>,
    /// The sequence numbers added so far, per writer (a handful of writers, so a list).
    seen: Vec<(Arc<str>, SeqSet)>,
    folds: u64,
    /// Writers and sequence numbers that came again with another record than the one kept
    /// (a divergent conflict copy), not taken yet ([`take_divergent`](Self::take_divergent)).
    divergent: Vec<(Arc<str>, u64)>,
}

impl RunLog {
    pub fn new() -> RunLog {
        RunLog::default()
    }

    /// Adds a batch of entries, in any order (duplicates of entries already added are dropped),
    /// and brings `state` up to date with them. Returns whether anything was new.
    pub fn add(&mut self, state: &mut RunState, mut batch: Vec<Entry>) -> bool {
        // Entries are large, and a run being opened has hundreds of thousands: each is moved as
        // few times as can be (`retain` moves none while nothing is dropped; the first batch
        // becomes the entries as it is).
        let mut again = Vec::new();
        batch.retain(|e| {
            let first = self.first_time(e);
            if !first {
                again.push(e.clone());
            }
            first
        });
        let added = self.insert(state, batch);
        // The first record of a number is kept, as `RunDir::load` keeps the first one read;
        // another record under it is said.
        for entry in again {
            if !self.holds(&entry)
                && !self
                    .divergent
                    .iter()
                    .any(|d| d.0 == entry.writer && d.1 == entry.record.seq)
            {
                self.divergent
                    .push((entry.writer.clone(), entry.record.seq));
            }
        }
        added
    }

    /// Writers and sequence numbers that came with two different records since the last call.
    pub fn take_divergent(&mut self) -> Vec<(Arc<str>, u64)> {
        std::mem::take(&mut self.divergent)
    }

    /// Whether this very entry was added (its key found, with the same record).
    fn holds(&self, entry: &Entry) -> bool {
        let key = entry.order_key();
        self.entries
            .binary_search_by(|e| e.order_key().cmp(&key))
            .is_ok_and(|i| self.entries[i].record == entry.record)
    }

    fn insert(&mut self, state: &mut RunState, mut batch: Vec<Entry>) -> bool {
        if batch.is_empty() {
            return false;
        }
        // A stable sort finds the runs already in order (each journal's lines, mostly) and only
        // merges them: for a run being opened, four journals cost about two passes.
        batch.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let in_order = self
            .entries
            .last()
            .is_none_or(|last| last.order_key() <= batch[0].order_key());
        if in_order {
            if self.entries.is_empty() {
                self.folds += 1;
            }
            for entry in &batch {
                state.apply(entry);
            }
            if self.entries.is_empty() {
                self.entries = batch;
            } else {
                self.entries.append(&mut batch);
            }
        } else {
            self.merge(batch);
            *state = RunState::fold(state.session.clone(), &self.entries);
            self.folds += 1;
        }
        true
    }

    /// Whether `entry` was not added before (and now it is).
    fn first_time(&mut self, entry: &Entry) -> bool {
        let writer = &entry.writer;
        let at = self
            .seen
            .iter()
            .position(|(w, _)| Arc::ptr_eq(w, writer) || w == writer);
        let i = at.unwrap_or_else(|| {
            self.seen.push((writer.clone(), SeqSet::default()));
            self.seen.len() - 1
        });
        self.seen[i].1.insert(entry.record.seq)
    }

    /// Merges a sorted batch that starts before the last entry into the sorted entries.
    fn merge(&mut self, batch: Vec<Entry>) {
        let first = batch[0].order_key();
        let from = self.entries.partition_point(|e| e.order_key() <= first);
        let tail = self.entries.split_off(from);
        self.entries.reserve(tail.len() + batch.len());
        let (mut tail, mut batch) = (tail.into_iter().peekable(), batch.into_iter().peekable());
        loop {
            let take_tail = match (tail.peek(), batch.peek()) {
                (Some(t), Some(b)) => t.order_key() <= b.order_key(),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let next = if take_tail { tail.next() } else { batch.next() };
            self.entries.extend(next);
        }
    }

    /// The entries in fold order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// How many times the state was folded from the start: once when the first entries came,
    /// and once more for every batch that had an entry older than the last one folded.
    pub fn folds(&self) -> u64 {
        self.folds
    }
}

/// A set of sequence numbers as sorted, disjoint, non-touching ranges: a journal's numbers run
/// 1, 2, 3, … so the set is almost always one range, and a look-up hashes nothing.
#[derive(Debug, Default)]
struct SeqSet {
    /// Inclusive `(first, last)` ranges, sorted, with gaps between them.
    ranges: Vec<(u64, u64)>,
}

impl SeqSet {
    /// Adds `seq`; returns whether it was new.
    fn insert(&mut self, seq: u64) -> bool {
        // The first range that ends at or after `seq`: the only one that can hold it.
        let i = self.ranges.partition_point(|&(_, last)| last < seq);
        let after = self.ranges.get(i).copied();
        if after.is_some_and(|(first, _)| first <= seq) {
            return false;
        }
        let joins_before = i > 0 && seq.checked_sub(1) == Some(self.ranges[i - 1].1);
        let joins_after = after.is_some_and(|(first, _)| seq.checked_add(1) == Some(first));
        match (joins_before, joins_after) {
            (true, true) => {
                self.ranges[i - 1].1 = self.ranges[i].1;
                self.ranges.remove(i);
            }
            (true, false) => self.ranges[i - 1].1 = seq,
            (false, true) => self.ranges[i].0 = seq,
            (false, false) => self.ranges.insert(i, (seq, seq)),
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::SeqSet;

    #[test]
    fn a_seq_set_holds_each_number_once_in_any_order() {
        let mut set = SeqSet::default();
        let order = [
            5,
            1,
            3,
            2,
            9,
            4,
            8,
            6,
            7,
            0,
            u64::MAX,
            u64::MAX - 1,
            3,
            9,
            u64::MAX,
        ];
        let mut plain = std::collections::BTreeSet::new();
        for seq in order {
            assert_eq!(set.insert(seq), plain.insert(seq), "{seq}");
        }
        assert_eq!(set.ranges, [(0, 9), (u64::MAX - 1, u64::MAX)]);
    }
}
