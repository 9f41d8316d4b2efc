//! Hybrid logical clocks (Kulkarni et al., "Logical Physical Clocks", 2014): the order every
//! process folds a run's events in. Each event a process writes carries, besides its wall stamp,
//! a stamp of wall time and a counter raised to the largest stamp the process has read in the
//! run's journals: so an event written after another was read sorts after it, even when the
//! writer's clock is behind the other's. Raising is bounded like CockroachDB's maximum clock
//! offset: a stamp further ahead than [`hold::BOUND`](super::hold::BOUND) of this computer's
//! clock is never folded ([`hold`](super::hold)) and never raises the clock.
//!
//! The wall stamp (`Record::at`) stays what timers count with; the hybrid stamp only orders.
//! Hand-written (no crate): the whole clock is two comparisons, and the crates that offer one
//! bring their own time source and wire format, where ours must be the injected "now" and a
//! journal line.

use serde::{Deserialize, Serialize};

use super::Millis;
use super::hold::BOUND;

/// A hybrid stamp: wall milliseconds, then a counter for events that share them.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Hlc {
    pub wall: Millis,
    pub count: u32,
}

impl Hlc {
    /// The stamp of an event that has only a wall stamp (a journal written before hybrid
    /// stamps, or an event whose hybrid stamp is its wall time).
    pub fn of_wall(at: Millis) -> Hlc {
        Hlc { wall: at, count: 0 }
    }
}

/// This process's clock: the largest stamp it has written or read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HybridClock {
    last: Hlc,
    /// The largest stamp read of other writers (see [`forget_own`](Self::forget_own)).
    seen: Hlc,
}

impl HybridClock {
    /// An event of another writer was read (and folded) at `now`: later events of ours sort
    /// after it. A stamp beyond the bound is not believed and raises nothing.
    pub fn observe(&mut self, seen: Hlc, now: Millis) {
        if seen.wall <= now.saturating_add(BOUND) {
            self.last = self.last.max(seen);
            self.seen = self.seen.max(seen);
        }
    }

    /// This computer's clock was found to be ahead and is corrected back: our own stamps so far
    /// were taken by the wrong clock, and going on after them would stamp everything we write
    /// next ahead of every reader for as long as we were off. Only what was read counts.
    pub fn forget_own(&mut self) {
        self.last = self.seen;
    }

    /// The stamp for an event written at `now`: after everything seen, and never beyond
    /// `now` plus the bound — a stamp of ours from before this computer's clock was corrected
    /// backwards is given up rather than kept, so that every reader folds what we write next.
    pub fn tick(&mut self, now: Millis) -> Hlc {
        let last = self.last.min(Hlc::of_wall(now.saturating_add(BOUND)));
        self.last = if last.wall >= now {
            match last.count.checked_add(1) {
                Some(count) => Hlc {
                    wall: last.wall,
                    count,
                },
                None => Hlc::of_wall(last.wall.saturating_add(1)),
            }
        } else {
            Hlc::of_wall(now)
        };
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_768_640_000_000;

    #[test]
    fn a_clock_on_time_stamps_its_wall_time() {
        let mut clock = HybridClock::default();
        assert_eq!(clock.tick(NOW), Hlc::of_wall(NOW));
        assert_eq!(clock.tick(NOW + 5), Hlc::of_wall(NOW + 5));
    }

    #[test]
    fn events_in_the_same_millisecond_count_up() {
        let mut clock = HybridClock::default();
        clock.tick(NOW);
        assert_eq!(
            clock.tick(NOW),
            Hlc {
                wall: NOW,
                count: 1
            }
        );
        // A clock stepping back (NTP) still stamps after what it wrote.
        assert_eq!(
            clock.tick(NOW - 50),
            Hlc {
                wall: NOW,
                count: 2
            }
        );
    }

    #[test]
    fn an_event_read_from_a_clock_ahead_is_followed_by_ours() {
        let mut clock = HybridClock::default();
        let theirs = Hlc {
            wall: NOW + 90_000,
            count: 3,
        };
        clock.observe(theirs, NOW);
        let ours = clock.tick(NOW);
        assert!(ours > theirs, "{ours:?}");
        assert_eq!(ours.wall, NOW + 90_000);
        // Once this clock passes it, stamps are wall time again.
        assert_eq!(clock.tick(NOW + 90_001), Hlc::of_wall(NOW + 90_001));
    }

    #[test]
    fn a_stamp_beyond_the_bound_raises_nothing() {
        let mut clock = HybridClock::default();
        clock.observe(Hlc::of_wall(i64::MAX), NOW);
        clock.observe(Hlc::of_wall(NOW + BOUND + 1), NOW);
        assert_eq!(clock.tick(NOW), Hlc::of_wall(NOW));
        clock.observe(
            Hlc {
                wall: i64::MAX,
                count: u32::MAX,
            },
            i64::MAX,
        );
        assert_eq!(
            clock.tick(i64::MAX).wall,
            i64::MAX,
            "no overflow at the end of time"
        );
    }

    #[test]
    fn a_clock_found_ahead_forgets_its_own_stamps_but_not_what_it_read() {
        let mut clock = HybridClock::default();
        clock.observe(Hlc::of_wall(NOW - 1_000), NOW + 600_000);
        clock.tick(NOW + 600_000);
        clock.forget_own();
        assert_eq!(clock.tick(NOW), Hlc::of_wall(NOW));
        clock.observe(Hlc::of_wall(NOW + 2_000), NOW);
        clock.forget_own();
        assert_eq!(
            clock.tick(NOW),
            Hlc {
                wall: NOW + 2_000,
                count: 1
            }
        );
    }

    #[test]
    fn a_clock_corrected_backwards_stamps_within_the_bound() {
        let mut clock = HybridClock::default();
        // Written before this computer learnt it was ten minutes ahead.
        clock.tick(NOW + 600_000);
        let next = clock.tick(NOW);
        assert!(next.wall <= NOW + BOUND, "{next:?}");
    }
}
