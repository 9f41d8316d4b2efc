//! Clock times (`HH:MM`) and calendar dates (`YYYY-MM-DD`) as a session file writes them.

/// `HH:MM`, 00:00 to 23:59.
pub fn is_time(text: &str) -> bool {
    time_of_day(text).is_some()
}

/// Minutes after midnight of an `HH:MM` time.
pub fn parse_time(text: &str) -> Option<u32> {
    time_of_day(text).map(|t| t.hour() as u32 * 60 + t.minute() as u32)
}

/// The time of day an `HH:MM` text names (two digits each, 00:00 to 23:59): the one reader of
/// a session's times, for the validator, the stage, the review and the export alike.
pub fn time_of_day(text: &str) -> Option<jiff::civil::Time> {
    let (h, m) = text.split_once(':')?;
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(h) || !two_digits(m) {
        return None;
    }
    jiff::civil::Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// A real calendar date as `YYYY-MM-DD`, year 0001 to 9999: the one date validator (session
/// dates, an action's due date).
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
        return false;
    }
    if !digits(8..10) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<i16>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    y >= 1 && jiff::civil::Date::new(y, m as i8, d as i8).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert!(is_time("09:00"));
        assert!(is_time("23:59"));
        assert!(!is_time("24:00"));
        assert!(!is_time("9:00"));
        assert!(!is_time("09:60"));
        assert!(!is_time("09.00"));
        assert!(!is_time("０9:00"));
        assert_eq!(parse_time("10:45"), Some(645));
        assert!(!is_time("25:00"));
        assert!(!is_time("+9:00"));
        assert_eq!(
            time_of_day("09:05"),
            jiff::civil::Time::new(9, 5, 0, 0).ok()
        );
    }

    #[test]
    fn dates() {
        assert!(is_date("2020-09-17"));
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2021-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(!is_date("2020-13-01"));
        assert!(!is_date("2020-04-31"));
        assert!(!is_date("2020-9-17"));
        assert!(!is_date("17/09/2020"));
        assert!(!is_date("0000-01-01"), "no year 0");
        assert!(is_date("9999-12-31"));
        assert!(!is_date("2020-10-01 "));
        assert!(!is_date(""));
    }
}
