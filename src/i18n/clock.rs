//! Words of issue 19 part A's clocks: how far this computer's clock is off the facilitator's.

use super::{Lang, Text};

impl Text {
    /// "this computer's clock is 60 s behind the facilitator's" / "… 10 min ahead of …": the
    /// countdown is corrected by it. `seconds` is positive behind, negative ahead.
    pub fn clock_off(&self, seconds: i64) -> String {
        let amount = self.clock_amount(seconds.unsigned_abs());
        match (self.lang, seconds < 0) {
            (Lang::Sv, false) => {
                format!("den här datorns klocka går {amount} efter processledarens")
            }
            (Lang::Sv, true) => format!("den här datorns klocka går {amount} före processledarens"),
            (Lang::En, false) => {
                format!("this computer's clock is {amount} behind the facilitator's")
            }
            (Lang::En, true) => {
                format!("this computer's clock is {amount} ahead of the facilitator's")
            }
        }
    }

    /// "45 s", "10 min", "26 h", "365 dagar": a clock's difference in the unit that reads best.
    fn clock_amount(&self, seconds: u64) -> String {
        match seconds {
            0..120 => format!("{seconds} s"),
            120..7_200 => format!("{} min", seconds / 60),
            7_200..172_800 => format!("{} h", seconds / 3_600),
            _ => match self.lang {
                Lang::Sv => format!("{} dagar", seconds / 86_400),
                Lang::En => format!("{} days", seconds / 86_400),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_off_is_said_in_the_unit_that_reads_best() {
        let en = Lang::En.text();
        let sv = Lang::Sv.text();
        assert_eq!(
            en.clock_off(60),
            "this computer's clock is 60 s behind the facilitator's"
        );
        assert_eq!(
            en.clock_off(-600),
            "this computer's clock is 10 min ahead of the facilitator's"
        );
        assert_eq!(
            sv.clock_off(-365 * 86_400),
            "den här datorns klocka går 365 dagar före processledarens"
        );
        assert_eq!(
            sv.clock_off(26 * 3_600),
            "den här datorns klocka går 26 h efter processledarens"
        );
        assert_eq!(
            en.clock_off(i64::MIN),
            format!(
                "this computer's clock is {} days ahead of the facilitator's",
                i64::MIN.unsigned_abs() / 86_400
            )
        );
    }
}
