//! Every entry of a run folded so far, in the order every process agrees on (time, writer,
//! sequence), and the state folded from them.
//!
//! Writers work at the same time, so their journals interleave: reading them one after another
//! gives entries older than the last one folded. Inserting those one at a time and folding again
//! for each is quadratic (10,000 notes over four journals took minutes). Instead everything that
//! arrived together is added as one batch: sorted once, merged once, and the state folded again
//! at most once — and not at all when the whole batch is newer than what was folded, which is
//! the usual case for a live run and always the case when a run is opened.

use std::collections::HashSet;
use std::sync::Arc;

use super::Entry;
use super::state::RunState;

#[derive(Debug, Default)]
pub struct RunLog {
    entries: Vec<Entry>,
    seen: HashSet<(Arc<str>, u64)>,
    folds: u64,
}

impl RunLog {
    pub fn new() -> RunLog {
        RunLog::default()
    }

    /// Adds a batch of entries, in any order (duplicates of entries already added are dropped),
    /// and brings `state` up to date with them. Returns whether anything was new.
    pub fn add(&mut self, state: &mut RunState, batch: Vec<Entry>) -> bool {
        let mut batch: Vec<Entry> = batch
            .into_iter()
            .filter(|e| self.seen.insert((e.writer.clone(), e.record.seq)))
            .collect();
        if batch.is_empty() {
            return false;
        }
        batch.sort_unstable_by(|a, b| a.order_key().cmp(&b.order_key()));
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
            self.entries.append(&mut batch);
        } else {
            self.merge(batch);
            *state = RunState::fold(state.session.clone(), &self.entries);
            self.folds += 1;
        }
        true
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
