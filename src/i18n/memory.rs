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
}
