//! The words of agendas with phases and of steps with their own group size: the size in words
//! ("in pairs", "tre och tre"), the phase, the times as a suggestion, and what `spar check` says
//! about them.

use super::{Lang, Text};
use crate::session::GroupSize;
use crate::session::problem::{AgendaProblem, ItemName};

impl Text {
    /// How many work together, in words: "enskilt", "i par", "tre och tre", "fyra och fyra",
    /// "i grupper om 5", "i grupper om 2–4", "i hela gruppen" / "alone", "in pairs", ….
    pub fn group_size(&self, size: GroupSize) -> String {
        match (self.lang, size) {
            (Lang::Sv, GroupSize::Of(1)) => "enskilt".to_string(),
            (Lang::En, GroupSize::Of(1)) => "alone".to_string(),
            (Lang::Sv, GroupSize::Of(2)) => "i par".to_string(),
            (Lang::En, GroupSize::Of(2)) => "in pairs".to_string(),
            (Lang::Sv, GroupSize::Of(3)) => "tre och tre".to_string(),
            (Lang::En, GroupSize::Of(3)) => "in trios".to_string(),
            (Lang::Sv, GroupSize::Of(4)) => "fyra och fyra".to_string(),
            (Lang::En, GroupSize::Of(4)) => "in foursomes".to_string(),
            (Lang::Sv, GroupSize::Of(n)) => format!("i grupper om {n}"),
            (Lang::En, GroupSize::Of(n)) => format!("in groups of {n}"),
            (Lang::Sv, GroupSize::Between(a, b)) => format!("i grupper om {a}–{b}"),
            (Lang::En, GroupSize::Between(a, b)) => format!("in groups of {a}–{b}"),
            (Lang::Sv, GroupSize::Whole) => "i hela gruppen".to_string(),
            (Lang::En, GroupSize::Whole) => "whole group".to_string(),
        }
    }

    /// "Fas" / "Phase": the heading of an agenda's named section.
    pub fn phase(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Fas",
            Lang::En => "Phase",
        }
    }

    /// The lobby's reminder that the shipped plan is a proposal.
    pub fn times_are_a_suggestion(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "tiderna är ett förslag",
            Lang::En => "the times are a suggestion",
        }
    }

    /// What `spar check` says about group sizes, rounds of each person, repeat labels and
    /// phases, in the facilitator's words.
    pub fn agenda_problem(&self, p: &AgendaProblem) -> String {
        use AgendaProblem as A;
        let item = |i: &ItemName| match (self.lang, i) {
            (Lang::Sv, ItemName::Numbered(n)) => format!("punkt {n}"),
            (Lang::Sv, ItemName::Titled(t)) => format!("punkten ”{t}”"),
            (Lang::En, ItemName::Numbered(n)) => format!("item {n}"),
            (Lang::En, ItemName::Titled(t)) => format!("item \"{t}\""),
        };
        let sizes = match self.lang {
            Lang::Sv => {
                "Alone, Pairs, Trios, Foursomes, Of(5), Between(2, 4) eller Whole (hela gruppen)"
            }
            Lang::En => "Alone, Pairs, Trios, Foursomes, Of(5), Between(2, 4) or Whole",
        };
        match (self.lang, p) {
            (Lang::Sv, A::RepeatHow(i)) => format!(
                "en Repeat i {} ska ha antingen times (times: 3) eller labels (labels: [\"Vad\", \"Så vad\"]), inte båda eller ingen",
                item(i)
            ),
            (Lang::En, A::RepeatHow(i)) => format!(
                "a Repeat of {} needs either times (times: 3) or labels (labels: [\"What\", \"So what\"]), not both or neither",
                item(i)
            ),
            (Lang::Sv, A::RepeatLabelEmpty { item: i, n }) => {
                format!("etikett {n} av en Repeat i {} är tom", item(i))
            }
            (Lang::En, A::RepeatLabelEmpty { item: i, n }) => {
                format!("label {n} of a Repeat of {} is empty", item(i))
            }
            (
                Lang::Sv,
                A::SeatsOverGroup {
                    item: i,
                    seats,
                    size,
                },
            ) => format!(
                "rundan i {} har {seats} turer, men grupperna har högst {} personer ({}): skriv turns: EachPerson så blir det en tur per person",
                item(i),
                size.largest().unwrap_or(0),
                self.group_size(*size)
            ),
            (
                Lang::En,
                A::SeatsOverGroup {
                    item: i,
                    seats,
                    size,
                },
            ) => format!(
                "the round of {} has {seats} turns, but its groups have at most {} people ({}): write turns: EachPerson for one turn per person",
                item(i),
                size.largest().unwrap_or(0),
                self.group_size(*size)
            ),
            (Lang::Sv, A::EachPersonNoSize(i)) => format!(
                "rundan i {} går till var och en i gruppen, men säger inte hur stor gruppen är: skriv group_size: Between(2, 4) i rundan eller punkten",
                item(i)
            ),
            (Lang::En, A::EachPersonNoSize(i)) => format!(
                "the round of {} goes to each person of the group but does not say how large the group is: write group_size: Between(2, 4) in the round or the item",
                item(i)
            ),
            (Lang::Sv, A::PhaseEmpty(n)) => format!("fas {n} har ingen rubrik"),
            (Lang::En, A::PhaseEmpty(n)) => format!("phase {n} has no title"),
            (Lang::Sv, A::PhaseNoItems(t)) => format!("fasen ”{t}” har inga punkter"),
            (Lang::En, A::PhaseNoItems(t)) => format!("phase \"{t}\" has no items"),
            (Lang::Sv, A::SizeWritten(found)) => {
                format!("en gruppstorlek skrivs {sizes}, inte {found}")
            }
            (Lang::En, A::SizeWritten(found)) => {
                format!("a group size is written {sizes}, not {found}")
            }
            (Lang::Sv, A::KindWritten(found)) => format!(
                "en punkts sort skrivs som ett namn utan parentes (kind: Breakout), eller Talk(speaker: \"…\", affiliation: \"…\"); inte {found}"
            ),
            (Lang::En, A::KindWritten(found)) => format!(
                "an item's kind is a name without brackets (kind: Breakout), or Talk(speaker: \"…\", affiliation: \"…\"); not {found}"
            ),
            (Lang::Sv, A::MinutesWritten { field, found }) => {
                format!("{field} är ett heltal utan citattecken ({field}: 5), inte {found}")
            }
            (Lang::En, A::MinutesWritten { field, found }) => {
                format!("{field} is a whole number without quotes ({field}: 5), not {found}")
            }
        }
    }
}
