//! A timebox as a pure function of its events and "now": no ticks are counted, so every
//! terminal that folds the same events shows the same countdown.

use super::Millis;

/// The fold's record of one timebox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timebox {
    /// Planned length.
    pub planned_ms: i64,
    /// `+`/`-` adjustments, summed.
    pub adjust_ms: i64,
    /// Time counted in finished running spans.
    pub counted_ms: i64,
    /// When the current running span began.
    pub running_since: Option<Millis>,
    /// Whether it has ever been started.
    pub started: bool,
}

/// What the stage shows about a timebox; colour and words follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Ready,
    Running,
    Paused,
    /// Running with little time left: the last 20 %, but at most the last two minutes.
    Low,
    /// Past zero, counting overtime (running or paused).
    Over,
}

/// "Low" begins at the smaller of these: a 30-minute question warns in its last two minutes, a
/// one-minute turn in its last twelve seconds.
const LOW_SHARE: f64 = 0.2;
const LOW_CAP_MS: i64 = 120_000;

impl Timebox {
    pub fn new(planned_minutes: u32) -> Timebox {
        Timebox {
            planned_ms: i64::from(planned_minutes) * 60_000,
            ..Timebox::default()
        }
    }

    pub fn total_ms(&self) -> i64 {
        self.planned_ms.saturating_add(self.adjust_ms).max(0)
    }

    pub fn elapsed_ms(&self, now: Millis) -> i64 {
        let running = self
            .running_since
            .map_or(0, |since| now.saturating_sub(since).max(0));
        self.counted_ms.saturating_add(running)
    }

    /// Time left; negative in overtime.
    pub fn remaining_ms(&self, now: Millis) -> i64 {
        self.total_ms().saturating_sub(self.elapsed_ms(now))
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn phase(&self, now: Millis) -> Phase {
        let remaining = self.remaining_ms(now);
        if !self.started {
            Phase::Ready
        } else if remaining <= 0 {
            Phase::Over
        } else if !self.is_running() {
            Phase::Paused
        } else if remaining <= low_threshold_ms(self.total_ms()) {
            Phase::Low
        } else {
            Phase::Running
        }
    }

    pub fn start(&mut self, now: Millis) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
            self.started = true;
        }
    }

    pub fn pause(&mut self, now: Millis) {
        if let Some(since) = self.running_since.take() {
            self.counted_ms = self
                .counted_ms
                .saturating_add(now.saturating_sub(since).max(0));
        }
    }

    /// The next moment at which what the stage shows for this timebox changes: the next whole
    /// second of the countdown, or `None` when it stands still.
    pub fn next_change(&self, now: Millis) -> Option<Millis> {
        self.running_since?;
        // The countdown shows whole seconds of the remaining time (see `shown_seconds`), so it
        // changes each time the remaining time crosses a multiple of 1000 ms.
        let to_next = self.remaining_ms(now).rem_euclid(1000);
        Some(now.saturating_add(if to_next == 0 { 1000 } else { to_next }))
    }
}

fn low_threshold_ms(total: i64) -> i64 {
    ((total as f64 * LOW_SHARE) as i64).min(LOW_CAP_MS)
}

/// Seconds to show for a remaining time: rounded up while counting down (so "0:00" only
/// appears at zero), and the elapsed overtime rounded down after it.
pub fn shown_seconds(remaining_ms: i64) -> i64 {
    if remaining_ms > 0 {
        remaining_ms.saturating_add(999) / 1000
    } else {
        remaining_ms / 1000
    }
}

/// "12:05" for time left, "+3:20" for overtime, hours when needed ("1:05:00").
pub fn format_countdown(remaining_ms: i64) -> String {
    let secs = shown_seconds(remaining_ms);
    let sign = if secs < 0 { "+" } else { "" };
    let secs = secs.saturating_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}")
    } else {
        format!("{sign}{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn a_new_timebox_is_ready_and_full() {
        let t = Timebox::new(10);
        assert_eq!(t.phase(0), Phase::Ready);
        assert_eq!(t.remaining_ms(5 * MIN), 10 * MIN);
        assert_eq!(t.next_change(0), None);
    }

    #[test]
    fn pause_and_resume_count_only_running_time() {
        let mut t = Timebox::new(10);
        t.start(0);
        t.pause(3 * MIN);
        assert_eq!(t.phase(4 * MIN), Phase::Paused);
        assert_eq!(t.remaining_ms(50 * MIN), 7 * MIN);
        t.start(60 * MIN);
        assert_eq!(t.remaining_ms(61 * MIN), 6 * MIN);
        assert_eq!(t.phase(61 * MIN), Phase::Running);
    }

    #[test]
    fn low_is_the_last_twenty_percent_capped_at_two_minutes() {
        let mut t = Timebox::new(30);
        t.start(0);
        assert_eq!(t.phase(27 * MIN), Phase::Running);
        assert_eq!(t.phase(28 * MIN + 1), Phase::Low);
        let mut short = Timebox::new(5);
        short.start(0);
        assert_eq!(short.phase(3 * MIN + 59_000), Phase::Running);
        assert_eq!(short.phase(4 * MIN + 1), Phase::Low);
    }

    #[test]
    fn overtime_counts_up_past_zero_running_or_paused() {
        let mut t = Timebox::new(2);
        t.start(0);
        assert_eq!(t.phase(2 * MIN), Phase::Over);
        assert_eq!(format_countdown(t.remaining_ms(2 * MIN + 65_000)), "+1:05");
        t.pause(3 * MIN);
        assert_eq!(t.phase(10 * MIN), Phase::Over);
        assert_eq!(t.remaining_ms(10 * MIN), -MIN);
    }

    #[test]
    fn extending_an_overdue_timebox_brings_it_back() {
        let mut t = Timebox::new(1);
        t.start(0);
        assert_eq!(t.phase(90_000), Phase::Over);
        t.adjust_ms += MIN;
        assert_eq!(t.phase(90_000), Phase::Running);
        assert_eq!(t.remaining_ms(90_000), 30_000);
        // Two minutes in all now: low in the last 20 %, 24 seconds.
        assert_eq!(t.phase(100_000), Phase::Low);
    }

    #[test]
    fn less_time_never_goes_below_zero_total() {
        let mut t = Timebox::new(1);
        t.adjust_ms -= 5 * MIN;
        assert_eq!(t.total_ms(), 0);
    }

    #[test]
    fn countdown_rounds_up_then_counts_overtime_down() {
        assert_eq!(format_countdown(10 * MIN), "10:00");
        assert_eq!(format_countdown(10 * MIN - 1), "10:00");
        assert_eq!(format_countdown(10 * MIN - 1000), "9:59");
        assert_eq!(format_countdown(1), "0:01");
        assert_eq!(format_countdown(0), "0:00");
        assert_eq!(format_countdown(-999), "0:00");
        assert_eq!(format_countdown(-1000), "+0:01");
        assert_eq!(format_countdown(-(61 * MIN)), "+1:01:00");
    }

    #[test]
    fn next_change_is_the_next_shown_second() {
        let mut t = Timebox::new(1);
        t.start(0);
        assert_eq!(t.next_change(0), Some(1000));
        assert_eq!(t.next_change(250), Some(1000));
        assert_eq!(t.next_change(999), Some(1000));
        assert_eq!(t.next_change(1000), Some(2000));
        t.pause(1500);
        assert_eq!(t.next_change(1500), None);
        t.start(2000);
        // 1500 ms counted: the shown second changes when 2000 ms are counted, at 2500.
        assert_eq!(t.next_change(2000), Some(2500));
    }
}
