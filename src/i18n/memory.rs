//! Words of the track's memory: the run that counts, the whole track in the exports, where the
//! time went, and the replay.

use super::{Lang, Text};

impl Text {
    /// The `spar runs` column that says which run the track uses.
    pub fn runs_track_column(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Spåret",
            Lang::En => "Track",
        }
    }

    /// The run the track uses for its meeting.
    pub fn run_counts(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "räknas",
            Lang::En => "counts",
        }
    }

    /// A run kept out of the track with `spar runs --discard`.
    pub fn run_discarded(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "bortvald",
            Lang::En => "discarded",
        }
    }

    /// What `spar runs --discard` did.
    pub fn discarded_run(&self, id: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{id} hålls nu utanför spåret, sammanfattningen och exporterna (ångra med spar runs --restore {id})"
            ),
            Lang::En => format!(
                "{id} is now kept out of the track, the recap and the exports (undo with spar runs --restore {id})"
            ),
        }
    }

    /// What `spar runs --restore` did.
    pub fn restored_run(&self, id: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{id} är tillbaka i spåret"),
            Lang::En => format!("{id} is back in the track"),
        }
    }

    /// Which run counts for a meeting, now that the choice may have changed.
    pub fn now_counts(&self, id: Option<&str>) -> String {
        match (self.lang, id) {
            (Lang::Sv, Some(id)) => format!("Träffen räknas nu med {id}"),
            (Lang::Sv, None) => "Träffen har inget genomförande som räknas nu".to_string(),
            (Lang::En, Some(id)) => format!("The meeting now counts {id}"),
            (Lang::En, None) => "The meeting has no run that counts now".to_string(),
        }
    }

    /// Which run an export or the review uses, and that others exist: "Genomförandet som räknas
    /// i spåret · 2 andra genomföranden av träffen finns (spar runs)".
    pub fn which_run(&self, counts: bool, discarded: bool, others: usize) -> String {
        let this = match (self.lang, counts, discarded) {
            (Lang::Sv, true, _) => "Genomförandet som räknas i spåret",
            (Lang::Sv, false, true) => "Ett bortvalt genomförande, som inte räknas i spåret",
            (Lang::Sv, false, false) => "Ett genomförande som inte räknas i spåret",
            (Lang::En, true, _) => "The run that counts in the track",
            (Lang::En, false, true) => "A discarded run, which does not count in the track",
            (Lang::En, false, false) => "A run that does not count in the track",
        };
        match (self.lang, others) {
            (_, 0) => this.to_string(),
            (Lang::Sv, 1) => format!("{this} · 1 annat genomförande av träffen finns (spar runs)"),
            (Lang::Sv, n) => {
                format!("{this} · {n} andra genomföranden av träffen finns (spar runs)")
            }
            (Lang::En, 1) => format!("{this} · 1 other run of the meeting exists (spar runs)"),
            (Lang::En, n) => format!("{this} · {n} other runs of the meeting exist (spar runs)"),
        }
    }

    /// A meeting of the track not held yet.
    pub fn to_come(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "kommande",
            Lang::En => "to come",
        }
    }

    /// The heading that closes a meeting's export.
    pub fn next_meeting(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Nästa träff",
            Lang::En => "Next meeting",
        }
    }

    /// The last meeting of the track has none after it.
    pub fn last_meeting(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Det här var spårets sista träff.",
            Lang::En => "This was the last meeting of the track.",
        }
    }

    /// A meeting with no pre-work.
    pub fn no_prework(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Ingen förberedelse.",
            Lang::En => "No pre-work.",
        }
    }

    /// The track export's section, and the review's screen, of planned against actual.
    pub fn where_time_went(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Vart tiden tog vägen",
            Lang::En => "Where the time went",
        }
    }

    /// The review's tab for it: short.
    pub fn screen_time(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Tiden",
            Lang::En => "Time",
        }
    }

    /// How the figures of a meeting were taken: "median av 2 genomföranden".
    pub fn from_runs(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "från 1 genomförande".to_string(),
            (Lang::Sv, _) => format!("median av {n} genomföranden"),
            (Lang::En, 1) => "from 1 run".to_string(),
            (Lang::En, _) => format!("median of {n} runs"),
        }
    }

    /// Column heads of the time table.
    pub fn time_columns(&self) -> [&'static str; 4] {
        match self.lang {
            Lang::Sv => ["Planerat", "Faktiskt", "Förslag", "Över"],
            Lang::En => ["Planned", "Actual", "Suggested", "Over"],
        }
    }

    /// An item that ran over in most of its runs: "över i 2 av 3".
    pub fn over_in(&self, over: usize, runs: usize) -> String {
        match self.lang {
            Lang::Sv => format!("över i {over} av {runs}"),
            Lang::En => format!("over in {over} of {runs}"),
        }
    }

    /// No run of the track has ended or counts yet.
    pub fn no_times_yet(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Ingen träff har hållits än.",
            Lang::En => "No meeting has been held yet.",
        }
    }

    /// `spar check --suggest`: a session with nothing to change.
    pub fn no_suggestions(&self, session: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{session}: inget att ändra, eller inga genomföranden än"),
            Lang::En => format!("{session}: nothing to change, or no runs yet"),
        }
    }

    /// `spar check --suggest`: why a timebox could change.
    pub fn suggestion_why(&self, runs: usize, over: usize) -> String {
        match self.lang {
            _ if over == 0 => self.from_runs(runs),
            Lang::Sv => format!("{}, över i {over} av {runs}", self.from_runs(runs)),
            Lang::En => format!("{}, over in {over} of {runs}", self.from_runs(runs)),
        }
    }

    /// The replay's keys, where the stage shows its own.
    pub fn replay_keys(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "← → steg  mellanslag spela  1–4 fart 1× 10× 60× 600×  Home End  q avsluta",
            Lang::En => "← → step  space play  1–4 speed 1× 10× 60× 600×  Home End  q quit",
        }
    }

    /// "händelse 123 av 456" / "event 123 of 456".
    pub fn replay_event(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("händelse {n} av {total}"),
            Lang::En => format!("event {n} of {total}"),
        }
    }

    /// "punkt 3 av 9" / "item 3 of 9".
    pub fn replay_item(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("punkt {n} av {total}"),
            Lang::En => format!("item {n} of {total}"),
        }
    }

    /// `spar replay` with no run to replay.
    pub fn nothing_to_replay(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Det finns inget genomförande att spela upp än",
            Lang::En => "There is no run to replay yet",
        }
    }
}
