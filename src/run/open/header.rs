//! A run header's session copy, checked once as the header is read ([`RunDir::header`], the one
//! reader every way into a run goes through: the door, the track's runs, `load`). The header
//! comes from the shared folder, so it is untrusted: a copy hand-edited or forged to a start of
//! "25:00" or a date of "2020-13-45" must not reach the clock helpers.
//!
//! Per case:
//! - a planned start that is not a time of day, or a planned date that is not a real date: the
//!   run opens, the value is set aside (times count from when the run began; no date is shown),
//!   and every view says so as a notice — the notes in the run stay reachable;
//! - no agenda item at all: there is nothing to run, review or replay, and the header is one
//!   line naming the file and why (exit 2), like a header that does not parse.
//!
//! [`RunDir::header`]: crate::run::store::RunDir::header

use crate::run::store::{RunHeader, Unreadable};
use crate::session::validate::{is_date, time_of_day};

/// A value of the session copy set aside as not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetAside {
    /// The planned start, not a time of day (`HH:MM`).
    Start(String),
    /// The planned date, not a real date (`YYYY-MM-DD`).
    Date(String),
}

/// Checks `header`'s session copy: what is set aside is noted in `header.set_aside`; a copy with
/// nothing to run is refused.
pub fn check(header: &mut RunHeader) -> Result<(), Unreadable> {
    let session = &mut header.session;
    if session.agenda.is_empty() {
        return Err(Unreadable::NoAgenda);
    }
    let mut set_aside = Vec::new();
    if time_of_day(&session.start).is_none() {
        set_aside.push(SetAside::Start(crate::text::clean_line(&session.start)));
        // Read by the clock helpers as "no planned start": the run's own start stands in.
        session.start.clear();
    }
    if let Some(date) = session.date.take_if(|d| !is_date(d)) {
        set_aside.push(SetAside::Date(crate::text::clean_line(&date)));
    }
    header.set_aside = set_aside;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(start: &str, date: Option<&str>) -> RunHeader {
        let catalog = crate::session::load::load_catalog(&[]).unwrap();
        let mut session = catalog.find("kickoff").unwrap().clone();
        session.start = start.into();
        session.date = date.map(Into::into);
        RunHeader::new(session, None, 1_600_331_400_000, "Anna")
    }

    #[test]
    fn bad_times_and_dates_are_set_aside_and_said() {
        let mut h = header("25:00", Some("0000-01-01"));
        check(&mut h).unwrap();
        assert_eq!(
            h.set_aside,
            [
                SetAside::Start("25:00".into()),
                SetAside::Date("0000-01-01".into())
            ]
        );
        assert_eq!(h.session.start, "");
        assert_eq!(h.session.date, None);
        let mut h = header("09:00", Some("2020-09-17"));
        check(&mut h).unwrap();
        assert!(h.set_aside.is_empty());
        assert_eq!(h.session.start, "09:00");
    }

    #[test]
    fn a_copy_with_nothing_to_run_is_refused() {
        let mut h = header("09:00", None);
        h.session.agenda.clear();
        assert_eq!(check(&mut h), Err(Unreadable::NoAgenda));
    }
}
