//! Words of issue 19 part A for what reading a run met, each kind said as what it is: damaged
//! lines, events from the future held back, events left out as not their writer's, conflict
//! copies read ([`Tally`]).

use super::{Lang, Text};
use crate::run::file_problem::Tally;

impl Text {
    /// "2 damaged lines skipped · 3 events from the future wait · 1 event left out: not
    /// allowed", only the kinds there are.
    pub fn tally(&self, tally: &Tally) -> String {
        let mut parts = Vec::new();
        if tally.damaged > 0 {
            parts.push(self.skipped_lines(tally.damaged));
        }
        if tally.too_large > 0 {
            parts.push(self.files_too_large(tally.too_large));
        }
        if tally.held > 0 {
            parts.push(self.events_held(tally.held));
        }
        if tally.refused > 0 {
            parts.push(self.events_refused(tally.refused));
        }
        if tally.copies > 0 {
            parts.push(self.conflict_copies_read(tally.copies));
        }
        if tally.set_aside > 0 {
            parts.push(self.header_values_set_aside(tally.set_aside));
        }
        parts.join(" · ")
    }

    /// "1 fil för stor att läsa, hoppades över" / "1 file too large to read, skipped": a
    /// journal over the size bound is not damaged, and is not said to be.
    pub fn files_too_large(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 fil för stor att läsa, hoppades över".into(),
            (Lang::Sv, _) => format!("{n} filer för stora att läsa, hoppades över"),
            (Lang::En, 1) => "1 file too large to read, skipped".into(),
            (Lang::En, _) => format!("{n} files too large to read, skipped"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::run::file_problem::Tally;

    #[test]
    fn each_kind_is_said_as_what_it_is() {
        let tally = Tally {
            damaged: 0,
            too_large: 0,
            held: 3,
            refused: 1,
            copies: 0,
            set_aside: 0,
        };
        assert_eq!(
            Lang::En.text().tally(&tally),
            "3 events from the future wait · 1 event left out: not allowed"
        );
        assert_eq!(
            Lang::Sv.text().tally(&tally),
            "3 händelser från framtiden väntar · 1 otillåten händelse utelämnad"
        );
        let damaged = Tally {
            damaged: 2,
            ..Tally::default()
        };
        assert_eq!(Lang::En.text().tally(&damaged), "2 damaged lines skipped");
        assert_eq!(Lang::En.text().tally(&Tally::default()), "");
    }

    #[test]
    fn a_file_too_large_is_not_a_damaged_line() {
        use crate::run::file_problem::{FileProblem, ProblemKind};
        let huge = FileProblem::new(
            "runs/x/eve.ron".into(),
            None,
            ProblemKind::TooLarge { limit_mib: 64 },
        );
        let tally = Tally::of([&huge]);
        assert_eq!((tally.damaged, tally.too_large), (0, 1));
        assert_eq!(
            Lang::En.text().tally(&tally),
            "1 file too large to read, skipped"
        );
        assert_eq!(
            Lang::Sv.text().tally(&tally),
            "1 fil för stor att läsa, hoppades över"
        );
        let two = Tally::of([&huge, &huge]);
        assert_eq!(
            Lang::En.text().tally(&two),
            "2 files too large to read, skipped"
        );
        assert_eq!(
            Lang::Sv.text().tally(&two),
            "2 filer för stora att läsa, hoppades över"
        );
    }
}
