//! Clock times (`HH:MM`) and calendar dates (`YYYY-MM-DD`) as a session file writes them.

/// `HH:MM`, 00:00 to 23:59.
pub fn is_time(text: &str) -> bool {
    parse_time(text).is_some()
}

/// Minutes after midnight of an `HH:MM` time.
pub fn parse_time(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return None;
    }
    let h = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let m = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A real calendar date as `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
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
    }
}
