//! The door into a run: who is on stage, and the question a way in asks about it.

use super::{Lang, Text};

impl Text {
    /// "Anna leder träffen sedan 19:58" / "Anna is on stage since 19:58".
    pub fn on_stage(&self, name: &str, since: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{name} leder träffen sedan {since}"),
            Lang::En => format!("{name} is on stage since {since}"),
        }
    }

    /// The question on the terminal before a screen opens: Enter joins.
    pub fn on_stage_prompt(&self, on_stage: &str, run: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{on_stage} ({run}). Anteckna (Enter), ta över som processledare (t) eller avbryt (q)? [A/t/q] "
            ),
            Lang::En => format!(
                "{on_stage} ({run}). Join as note-taker (Enter), take over as facilitator (t) or cancel (q)? [J/t/q] "
            ),
        }
    }

    /// The start screen's popup: its title.
    pub fn on_stage_title(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Träffen pågår",
            Lang::En => "The meeting is running",
        }
    }

    /// The start screen's popup: its three answers, Enter first; Esc and q both cancel.
    pub fn on_stage_answers(&self) -> [(&'static str, &'static str); 3] {
        match self.lang {
            Lang::Sv => [
                ("Enter", "anteckna"),
                ("t", "ta över som processledare"),
                ("Esc/q", "avbryt"),
            ],
            Lang::En => [
                ("Enter", "join as note-taker"),
                ("t", "take over as facilitator"),
                ("Esc/q", "cancel"),
            ],
        }
    }

    /// A value of a run header's session copy set aside: what it was, and what stands in.
    pub fn set_aside(&self, value: &crate::run::open::header::SetAside) -> String {
        use crate::run::open::header::SetAside as S;
        match (value, self.lang) {
            (S::Start(t), Lang::Sv) => format!(
                "starttiden \"{t}\" är inget klockslag: tiderna räknas från när träffen började"
            ),
            (S::Start(t), Lang::En) => {
                format!("the start time \"{t}\" is not a time: times count from when the run began")
            }
            (S::Date(d), Lang::Sv) => format!("datumet \"{d}\" är inget datum: det visas inte"),
            (S::Date(d), Lang::En) => format!("the date \"{d}\" is not a date: it is not shown"),
        }
    }

    /// In a run's tally: "2 values in run.ron set aside".
    pub fn header_values_set_aside(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 ogiltigt värde i run.ron lades åt sidan".to_string(),
            (Lang::Sv, n) => format!("{n} ogiltiga värden i run.ron lades åt sidan"),
            (Lang::En, 1) => "1 value in run.ron not valid, set aside".to_string(),
            (Lang::En, n) => format!("{n} values in run.ron not valid, set aside"),
        }
    }
}
