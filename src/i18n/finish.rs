//! Words of the finishing touches: popup titles, the break's large "back at", the lobby's
//! countdown to the start, the waiting screen's folder, the line `q` leaves behind.

use super::{Lang, Text};

impl Text {
    /// Over a break's big clock time: "Tillbaka" / "Back at".
    pub fn back_at_label(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Tillbaka",
            Lang::En => "Back at",
        }
    }

    /// The title of the question before quitting: "Avsluta" / "Quit".
    pub fn quit_title(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Avsluta",
            Lang::En => "Quit",
        }
    }

    /// The title of the question after the last item: "Avsluta träffen" / "End the meeting".
    pub fn end_title(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Avsluta träffen",
            Lang::En => "End the meeting",
        }
    }

    /// What `q` leaves on the terminal: "Träffen är sparad. Punkt 4 av 12: Samtal (run id)",
    /// then "Fortsätt med: spar run kickoff".
    pub fn saved_at(&self, at: &str, run_id: &str, command: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Träffen är sparad. {at} ({run_id})\nFortsätt med: {command}"),
            Lang::En => format!("The run is saved. {at} ({run_id})\nResume with: {command}"),
        }
    }

    /// The lobby within an hour of the start: "börjar om 10 min, 20:11" / "starts in 10 min, at
    /// 20:11".
    pub fn starts_in(&self, time: &str, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("börjar om {}, {time}", self.minutes(minutes)),
            Lang::En => format!("starts in {}, at {time}", self.minutes(minutes)),
        }
    }

    /// On the projection line after `F`: "planen anpassad 19:47" / "plan fitted 19:47".
    pub fn plan_fitted(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("planen anpassad {time}"),
            Lang::En => format!("plan fitted {time}"),
        }
    }

    /// Under the note-takers' waiting message: the folder it watches, so that a wrong
    /// `--data-dir` shows at once.
    pub fn watching_folder(&self, folder: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Tittar efter träffen i {folder}"),
            Lang::En => format!("Looking for the meeting in {folder}"),
        }
    }

    /// Who started a run, in the review's footer: "startad av Anna" / "started by Anna".
    pub fn started_by(&self, name: &str) -> String {
        match self.lang {
            Lang::Sv => format!("startad av {name}"),
            Lang::En => format!("started by {name}"),
        }
    }

    /// `F` in the hint bar while the meeting runs late: short, so that it fits beside the others
    /// at 80 columns ("passa in resten i planerat slut" in help).
    pub fn fit_hint(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "anpassa planen",
            Lang::En => "fit the plan",
        }
    }
}
