//! The time marks said of a running timebox (`--time-marks`): half-time, some minutes left,
//! time's up, and each minute over. Which mark the countdown has reached is a pure function of
//! the timebox's total and remaining time, so the speech view says a mark when it changes and
//! the event loop wakes exactly when the next one falls due.

use crate::run::Millis;

const MINUTE: i64 = 60_000;

/// Which marks are said. Time's up is always said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMarks {
    pub half: bool,
    /// Minutes left at which a mark is said, largest first.
    pub minutes_left: Vec<i64>,
    /// Each minute past zero.
    pub each_minute_over: bool,
}

impl Default for TimeMarks {
    /// Half-time, 2 minutes, 1 minute, time's up, each minute over.
    fn default() -> Self {
        TimeMarks {
            half: true,
            minutes_left: vec![2, 1],
            each_minute_over: true,
        }
    }
}

/// A mark on the way down a countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Half,
    /// This many minutes left.
    Left(i64),
    Up,
    /// This many whole minutes over.
    Over(i64),
}

impl TimeMarks {
    /// `half,2,1,over` (any order, any of them): which marks to say. `none` says time's up only.
    pub fn parse(list: &str) -> Result<TimeMarks, String> {
        let mut marks = TimeMarks {
            half: false,
            minutes_left: Vec::new(),
            each_minute_over: false,
        };
        for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word {
                "half" | "halv" => marks.half = true,
                "over" | "över" => marks.each_minute_over = true,
                "none" | "inga" => {}
                n => match n.parse::<i64>() {
                    Ok(m) if (1..=600).contains(&m) => marks.minutes_left.push(m),
                    _ => return Err(word.to_string()),
                },
            }
        }
        marks.minutes_left.sort_unstable_by(|a, b| b.cmp(a));
        marks.minutes_left.dedup();
        Ok(marks)
    }

    /// The marks of a timebox of `total` ms, as (mark, remaining ms at which it falls), from the
    /// first to fall to time's up. A mark at or above the whole timebox is left out: the start
    /// already said how long it is.
    fn before_zero(&self, total: i64) -> Vec<(Mark, i64)> {
        let mut marks: Vec<(Mark, i64)> = Vec::new();
        if self.half && total >= 2 * 1000 {
            marks.push((Mark::Half, total / 2));
        }
        for &m in &self.minutes_left {
            marks.push((Mark::Left(m), m * MINUTE));
        }
        marks.retain(|&(_, at)| at < total && at > 0);
        marks.sort_by_key(|&(_, at)| std::cmp::Reverse(at));
        // Half-time on the minute of another mark says the same moment twice: keep one.
        marks.dedup_by_key(|&mut (_, at)| at);
        marks.push((Mark::Up, 0));
        marks
    }

    /// The latest mark a countdown with `remaining` of `total` ms has reached, if any.
    pub fn reached(&self, total: i64, remaining: i64) -> Option<Mark> {
        if remaining <= -MINUTE && self.each_minute_over {
            return Some(Mark::Over(-remaining / MINUTE));
        }
        self.before_zero(total)
            .into_iter()
            .rev()
            .find(|&(_, at)| remaining <= at)
            .map(|(mark, _)| mark)
    }

    /// How long after now the next mark falls, for a running countdown with `remaining` of
    /// `total` ms; `None` when no mark is left to say.
    pub fn next_in(&self, total: i64, remaining: i64) -> Option<Millis> {
        let ahead = self
            .before_zero(total)
            .into_iter()
            .find(|&(_, at)| at < remaining)
            .map(|(_, at)| remaining.saturating_sub(at));
        ahead.or_else(|| {
            self.each_minute_over.then(|| {
                let next_over = (-remaining).div_euclid(MINUTE) + 1;
                remaining + next_over.max(1) * MINUTE
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIX: i64 = 6 * MINUTE;

    #[test]
    fn the_default_marks_of_a_six_minute_timebox_fall_in_order() {
        let marks = TimeMarks::default();
        assert_eq!(marks.reached(SIX, SIX), None);
        assert_eq!(marks.reached(SIX, 3 * MINUTE + 1), None);
        assert_eq!(marks.reached(SIX, 3 * MINUTE), Some(Mark::Half));
        assert_eq!(marks.reached(SIX, 2 * MINUTE), Some(Mark::Left(2)));
        assert_eq!(marks.reached(SIX, 61_000), Some(Mark::Left(2)));
        assert_eq!(marks.reached(SIX, MINUTE), Some(Mark::Left(1)));
        assert_eq!(marks.reached(SIX, 0), Some(Mark::Up));
        assert_eq!(marks.reached(SIX, -59_999), Some(Mark::Up));
        assert_eq!(marks.reached(SIX, -MINUTE), Some(Mark::Over(1)));
        assert_eq!(marks.reached(SIX, -3 * MINUTE - 5), Some(Mark::Over(3)));
    }

    #[test]
    fn the_next_mark_is_due_exactly_when_it_is_reached() {
        let marks = TimeMarks::default();
        for remaining in [
            SIX,
            3 * MINUTE + 7,
            3 * MINUTE,
            90_000,
            1,
            0,
            -1,
            -MINUTE,
            -150_000,
        ] {
            let due = marks
                .next_in(SIX, remaining)
                .expect("each minute over never ends");
            assert!(due > 0, "{remaining}");
            let then = remaining - due;
            assert_ne!(
                marks.reached(SIX, then),
                marks.reached(SIX, then + 1),
                "{remaining}"
            );
        }
    }

    #[test]
    fn a_two_minute_timebox_says_no_two_minutes_left_and_half_time_once() {
        let marks = TimeMarks::default();
        let two = 2 * MINUTE;
        assert_eq!(marks.reached(two, two - 1), None);
        // Half-time and one minute left are the same moment: one mark.
        assert_eq!(marks.reached(two, MINUTE), Some(Mark::Half));
        assert_eq!(marks.next_in(two, MINUTE), Some(MINUTE));
    }

    #[test]
    fn marks_are_configurable() {
        let marks = TimeMarks::parse("5, half").unwrap();
        assert_eq!(marks.minutes_left, vec![5]);
        assert!(marks.half && !marks.each_minute_over);
        assert_eq!(marks.reached(SIX, -5 * MINUTE), Some(Mark::Up));
        assert_eq!(marks.next_in(SIX, -1), None);
        assert_eq!(TimeMarks::parse("none").unwrap().reached(SIX, MINUTE), None);
        assert_eq!(TimeMarks::parse("half,soon"), Err("soon".to_string()));
    }
}
