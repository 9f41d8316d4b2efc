//! Wall-clock times as the views show them.

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
