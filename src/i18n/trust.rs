//! Words of issue 19 part A (who may write what in a run, clocks that cannot be trusted).

use super::{Lang, Text};

impl Text {
    /// "3 otillåtna händelser utelämnade" — a stage's status, when journals hold events their
    /// writers may not write (a note-taker's journal driving the timer).
    pub fn events_refused(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 otillåten händelse utelämnad".into(),
            (Lang::Sv, _) => format!("{n} otillåtna händelser utelämnade"),
            (Lang::En, 1) => "1 event left out: not allowed".into(),
            (Lang::En, _) => format!("{n} events left out: not allowed"),
        }
    }

    /// A file problem: `count` events from line `first_seq` on (the first an `event`) that the
    /// journal's writer may not write, left out.
    pub fn refused_events(&self, event: &str, first_seq: u64, count: usize) -> String {
        match (self.lang, count) {
            (Lang::Sv, 1) => format!(
                "utelämnade en händelse som skribenten inte får skriva ({event}, nummer {first_seq})"
            ),
            (Lang::Sv, _) => format!(
                "utelämnade {count} händelser som skribenten inte får skriva (den första: {event}, nummer {first_seq})"
            ),
            (Lang::En, 1) => {
                format!("left out an event its writer may not write ({event}, number {first_seq})")
            }
            (Lang::En, _) => format!(
                "left out {count} events its writer may not write (the first: {event}, number {first_seq})"
            ),
        }
    }

    /// "Bara den som skrev anteckningen eller processledaren kan ändra den": a note-taker's `x`
    /// or `e` on another person's note.
    pub fn not_your_note(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Bara den som skrev anteckningen eller processledaren kan ändra den",
            Lang::En => "Only its writer or the facilitator can change this note",
        }
    }

    /// "3 händelser från framtiden väntar" — a stage's status, when events stamped more than
    /// five minutes ahead of this computer's clock are held back.
    pub fn events_held(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 händelse från framtiden väntar".into(),
            (Lang::Sv, _) => format!("{n} händelser från framtiden väntar"),
            (Lang::En, 1) => "1 event from the future waits".into(),
            (Lang::En, _) => format!("{n} events from the future wait"),
        }
    }

    /// A file problem: `count` events stamped up to `ahead` ms ahead of this computer's clock,
    /// held until it reaches them.
    pub fn held_events(&self, count: usize, ahead: crate::run::Millis) -> String {
        let minutes = ahead.saturating_add(59_999) / 60_000;
        let days = minutes / 1440;
        let far = match (self.lang, days >= 2) {
            (Lang::Sv, true) => format!("{days} dagar"),
            (Lang::Sv, false) => format!("{minutes} min"),
            (Lang::En, true) => format!("{days} days"),
            (Lang::En, false) => format!("{minutes} min"),
        };
        match (self.lang, count) {
            (Lang::Sv, 1) => format!(
                "en händelse är stämplad {far} före den här datorns klocka och väntar tills dess"
            ),
            (Lang::Sv, _) => format!(
                "{count} händelser är stämplade upp till {far} före den här datorns klocka och väntar tills dess"
            ),
            (Lang::En, 1) => {
                format!(
                    "an event is stamped {far} ahead of this computer's clock and waits until then"
                )
            }
            (Lang::En, _) => format!(
                "{count} events are stamped up to {far} ahead of this computer's clock and wait until then"
            ),
        }
    }
}
