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
}
