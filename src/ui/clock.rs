//! Wall-clock times and durations as the views and the exports show them: one copy of each
//! format, so a time reads the same on screen and on paper.

use jiff::tz::TimeZone;

use crate::run::Millis;

/// The local time of a wall-clock instant.
pub fn local(at: Millis, tz: &TimeZone) -> jiff::civil::DateTime {
    let ts = jiff::Timestamp::from_millisecond(at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    tz.to_datetime(ts)
}

/// "14:30".
pub fn hh_mm(at: Millis, tz: &TimeZone) -> String {
    let t = local(at, tz);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "2020-09-17".
pub fn iso_date(at: Millis, tz: &TimeZone) -> String {
    let d = local(at, tz).date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Rounded minutes of a duration.
pub fn whole_minutes(ms: i64) -> i64 {
    ms.saturating_add(30_000).div_euclid(60_000)
}

/// The wall-clock instant of `hh_mm` ("09:00") on the local day of `day`: when a meeting run on
/// that day was planned to begin. A time that does not read (a run header's "25:00") falls back
/// to `day` itself: the one place that turns a session's start into an instant.
pub fn at_time_of_day(day: Millis, hh_mm: &str, tz: &TimeZone) -> Millis {
    let Some(time) = crate::session::validate::time_of_day(hh_mm.trim()) else {
        return day;
    };
    let date = local(day, tz).date();
    tz.to_timestamp(date.to_datetime(time))
        .map_or(day, |t| t.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_start_is_on_the_local_day_of_the_run() {
        let tz = TimeZone::get("Europe/Stockholm").unwrap();
        // 2020-09-17 07:30 UTC is 09:30 in Stockholm (summer time).
        let run_started = 1_600_327_800_000;
        let nine = at_time_of_day(run_started, "09:00", &tz);
        assert_eq!(hh_mm(nine, &tz), "09:00");
        assert_eq!(run_started - nine, 30 * 60_000);
        for nonsense in ["nonsense", "25:00", "09:60", "-1:00", "99:99"] {
            assert_eq!(at_time_of_day(run_started, nonsense, &tz), run_started);
        }
    }
}
