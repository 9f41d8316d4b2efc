//! An action's due as the facilitator said it: a real date (`2026-12-20`) or free text
//! ("innan träff 3", "next meeting"). Both are kept as typed; dated ones sort first, by date.

use jiff::civil::Date;

/// The date of a due written `YYYY-MM-DD` that exists (2020-02-30 does not); `None` for free
/// text.
pub fn date(due: &str) -> Option<Date> {
    if crate::session::validate::is_date(due) {
        due.parse().ok()
    } else {
        None
    }
}

/// Where an action with this due sorts in a list: dated ones first, by date; then those with a
/// due in words; then those with none. Sorting by it is stable, so each kind keeps its order.
pub fn order(due: Option<&str>) -> (u8, Option<Date>) {
    match due.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => match date(d) {
            Some(date) => (0, Some(date)),
            None => (1, None),
        },
        None => (2, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict_and_real() {
        assert!(date("2020-10-01").is_some());
        assert!(date("2024-02-29").is_some());
        for words in [
            "2020-02-30",
            "2021-02-29",
            "2020-13-01",
            "2020-1-01",
            "20201001",
            "2020/10/01",
            "",
            "2020-10-01 ",
            "innan träff 3",
        ] {
            assert!(date(words).is_none(), "{words}");
        }
    }

    #[test]
    fn dated_sort_first_then_words_then_none() {
        let mut dues = vec![
            None,
            Some("innan träff 3"),
            Some("2026-12-20"),
            Some("next meeting"),
            Some("2026-01-05"),
            Some("  "),
        ];
        dues.sort_by_key(|d| order(*d));
        assert_eq!(
            dues,
            [
                Some("2026-01-05"),
                Some("2026-12-20"),
                Some("innan träff 3"),
                Some("next meeting"),
                None,
                Some("  "),
            ]
        );
    }
}
