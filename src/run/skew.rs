//! Clocks that disagree. Every terminal of a run counts down from the facilitator's timestamps,
//! so a note-taker's computer whose clock is behind would show more time left than the stage.
//! Its lag is learnt from the facilitator's events that arrive stamped in the future (an event
//! cannot be read before it was written), and the countdown is corrected by it.

use super::Millis;

/// Differences up to this are the ordinary drift between clocks and are not corrected.
pub const TOLERANCE: Millis = 2_000;

/// The largest lag learnt: a clock set to the wrong time zone is hours off, never more than a
/// day. A stamp further ahead (a forged year 9999) teaches nothing; it is held back
/// ([`hold`](super::hold)) like any stamp from the future.
pub const MAX_SKEW: Millis = 26 * 3_600_000;

/// How far this computer's clock is behind the facilitator's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockSkew {
    behind: Millis,
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

    /// Milliseconds to add to this computer's clock to read the facilitator's.
    pub fn offset(&self) -> Millis {
        self.behind
    }

    /// Whole seconds behind, when there is a lag to show.
    pub fn seconds_behind(&self) -> Option<i64> {
        (self.behind > 0).then(|| (self.behind + 500) / 1000)
    }
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
        assert_eq!(skew.seconds_behind(), None);
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
        assert_eq!(skew.seconds_behind(), Some(45));
        // Later events, read when this clock has moved on, are nearer: the lag stays.
        skew.observe(NOW + 50_000, NOW + 10_000);
        assert_eq!(skew.offset(), 45_300);
        // Corrected, this clock reads the facilitator's time.
        assert_eq!(NOW + skew.offset(), NOW + 45_300);
    }
}
