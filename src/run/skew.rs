//! Clocks that disagree. Every terminal of a run counts down from the facilitator's timestamps,
//! so a note-taker's computer whose clock is behind would show more time left than the stage,
//! and one whose clock is ahead less (ten minutes ahead: "0:00 · TIME'S UP" while the stage has
//! ten minutes left). Whose clock is off is decided against the facilitator's, and only from
//! what cannot be otherwise: an event cannot be read before it was written.
//!
//! - **Behind**: the facilitator's events arrive here stamped in the future; the largest lag
//!   seen is learnt.
//! - **Ahead**: this computer's events arrive at the facilitator's stage stamped in the future.
//!   The stage says so in its journal ([`Event::ClockAhead`](super::Event::ClockAhead), the
//!   largest lead it read of each writer) and the terminal named learns it.
//!
//! Both are lower bounds (a sync tool's delay only makes them smaller), so a correction never
//! overshoots. The corrected clock is what this terminal shows and stamps its events with.

use super::Millis;

/// Differences up to this are the ordinary drift between clocks and are not corrected.
pub const TOLERANCE: Millis = 2_000;

/// The largest lag learnt: a clock set to the wrong time zone is hours off, never more than a
/// day. A stamp further ahead (a forged year 9999) teaches nothing; it is held back
/// ([`hold`](super::hold)) like any stamp from the future.
pub const MAX_SKEW: Millis = 26 * 3_600_000;

/// The largest lead learnt: a computer whose date was set a year wrong (a flat clock battery, a
/// mistyped year) is still corrected; a forged year 9999 teaches nothing.
pub const MAX_AHEAD: Millis = 400 * 86_400_000;

/// How far this computer's clock is off the facilitator's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockSkew {
    behind: Millis,
    ahead: Millis,
}

impl ClockSkew {
    /// The facilitator's newest event, stamped `stamped` by their clock, has been read by `now`
    /// on this one (uncorrected). An event read before it was written shows how far behind we
    /// are at least; the largest such lag is kept.
    pub fn observe(&mut self, stamped: Millis, now: Millis) {
        let ahead = stamped.saturating_sub(now);
        if ahead > TOLERANCE && ahead > self.behind && ahead <= MAX_SKEW {
            self.behind = ahead;
        }
    }

    /// The facilitator's stage read our events stamped up to `ahead` ms after its clock
    /// ([`lead`]): the largest such lead is kept.
    pub fn told_ahead(&mut self, ahead: Millis) {
        if ahead > TOLERANCE && ahead <= MAX_AHEAD {
            self.ahead = self.ahead.max(ahead);
        }
    }

    /// Milliseconds to add to this computer's clock to read the facilitator's (negative when
    /// it is ahead).
    pub fn offset(&self) -> Millis {
        self.behind.saturating_sub(self.ahead)
    }

    /// This computer's clock `raw`, read as the facilitator's.
    pub fn corrected(&self, raw: Millis) -> Millis {
        raw.saturating_add(self.offset())
    }

    /// The facilitator's time `corrected`, read on this computer's clock.
    pub fn raw(&self, corrected: Millis) -> Millis {
        corrected.saturating_sub(self.offset())
    }

    /// Whole seconds behind (positive) or ahead (negative), when there is a difference to show.
    pub fn seconds_off(&self) -> Option<i64> {
        let off = self.offset();
        (off != 0).then(|| off.saturating_add(500 * off.signum()) / 1000)
    }
}

/// A lead read by the facilitator's stage: line `seq` of a journal, stamped `stamp`, read
/// `ahead` ms before the stage's clock reached it ([`Event::ClockAhead`](super::Event::ClockAhead)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lead {
    pub seq: u64,
    pub stamp: Millis,
    pub ahead: Millis,
}

/// How far `stamped`, a stamp of another writer read at `now` by the facilitator's clock, is
/// ahead of it, when that is more than ordinary drift and could be a clock (not a forged year):
/// what the stage tells that writer ([`ClockSkew::told_ahead`]).
pub fn lead(stamped: Millis, now: Millis) -> Option<Millis> {
    let ahead = stamped.saturating_sub(now);
    (ahead > TOLERANCE && ahead <= MAX_AHEAD).then_some(ahead)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_768_640_000_000;

    #[test]
    fn events_from_the_past_or_within_two_seconds_change_nothing() {
        let mut skew = ClockSkew::default();
        skew.observe(NOW - 60_000, NOW);
        skew.observe(NOW + 2_000, NOW);
        assert_eq!(skew.offset(), 0);
        assert_eq!(skew.seconds_off(), None);
    }

    #[test]
    fn a_stamp_more_than_a_day_ahead_teaches_nothing() {
        let mut skew = ClockSkew::default();
        skew.observe(i64::MAX, NOW);
        skew.observe(253_402_300_799_000, NOW); // 9999-12-31
        assert_eq!(skew.offset(), 0);
        skew.observe(NOW + MAX_SKEW, NOW);
        assert_eq!(skew.offset(), MAX_SKEW);
    }

    #[test]
    fn an_event_from_the_future_sets_the_lag_and_the_largest_is_kept() {
        let mut skew = ClockSkew::default();
        skew.observe(NOW + 2_001, NOW);
        assert_eq!(skew.offset(), 2_001);
        skew.observe(NOW + 45_300, NOW);
        assert_eq!(skew.seconds_off(), Some(45));
        // Later events, read when this clock has moved on, are nearer: the lag stays.
        skew.observe(NOW + 50_000, NOW + 10_000);
        assert_eq!(skew.offset(), 45_300);
        // Corrected, this clock reads the facilitator's time.
        assert_eq!(skew.corrected(NOW), NOW + 45_300);
    }

    #[test]
    fn a_clock_ahead_is_told_by_the_stage_and_corrected_back() {
        let mut skew = ClockSkew::default();
        // The stage read our events stamped ten minutes after its clock.
        assert_eq!(lead(NOW + 600_000, NOW), Some(600_000));
        skew.told_ahead(600_000);
        assert_eq!(skew.corrected(NOW + 600_000), NOW);
        assert_eq!(skew.raw(NOW), NOW + 600_000);
        assert_eq!(skew.seconds_off(), Some(-600));
        // A smaller lead (read later, after a sync delay) changes nothing.
        skew.told_ahead(590_000);
        assert_eq!(skew.offset(), -600_000);
        // A year ahead is corrected; a forged year 9999 or i64::MAX teaches nothing.
        let year = 365 * 86_400_000;
        assert_eq!(lead(NOW + year, NOW), Some(year));
        skew.told_ahead(year);
        assert_eq!(skew.corrected(NOW + year), NOW);
        assert_eq!(lead(253_402_300_799_000, NOW), None);
        assert_eq!(lead(i64::MAX, i64::MIN), None);
        skew.told_ahead(i64::MAX);
        assert_eq!(skew.offset(), -year);
        assert_eq!(lead(NOW + 2_000, NOW), None, "ordinary drift");
        // The ends of time saturate.
        assert_eq!(skew.corrected(i64::MIN), i64::MIN);
        assert_eq!(skew.raw(i64::MAX), i64::MAX);
    }
}
