//! What a facilitator writes: the session and structure files as they are on disk, before
//! repetition is written out and structures are included.
//!
//! The stage, the review and the exports never see this form: [`SessionFile::expand`] turns a
//! file into the flat [`Session`] they read (and that a saved run keeps a copy of), with every
//! `Repeat(…)` written out with its `{n}`, every `Include("id")` replaced by the structure's
//! items, every `Phase("…")` written on the items after it, every `Seats(n)` and `EachPerson`
//! named "Person 1" to "Person n", and every size in words (`Pairs`) as a number (`Of(2)`).

use serde::Deserialize;

use super::{GroupSize, Item, ItemKind, Question, Round, Session, Turns};

/// A meeting as written in its file: its agenda holds items and includes.
pub type SessionFile = Session<Entry>;

/// A structure written once, without a clock time, and included by id in several meetings
/// (`Include("troika-consulting")`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Structure", deny_unknown_fields)]
pub struct StructureFile {
    pub id: String,
    pub title: String,
    /// What the structure is for; not shown on the stage (the items say it there).
    #[serde(default)]
    pub summary: String,
    pub agenda: Vec<ItemFile>,
}

/// One entry of a meeting's agenda: an item, a structure's items by its id, or the start of a
/// phase (a named section: the items after it, up to the next phase, belong to it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "agenda entry", deny_unknown_fields)]
pub enum Entry {
    Item(ItemFile),
    Include(String),
    Phase(String),
}

/// A group size as written: in words for the common ones, or a number, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename = "GroupSize")]
pub enum SizeFile {
    Alone,
    Pairs,
    Trios,
    Foursomes,
    Of(u32),
    Between(u32, u32),
    Whole,
}

impl SizeFile {
    pub fn size(self) -> GroupSize {
        match self {
            SizeFile::Alone => GroupSize::Of(1),
            SizeFile::Pairs => GroupSize::Of(2),
            SizeFile::Trios => GroupSize::Of(3),
            SizeFile::Foursomes => GroupSize::Of(4),
            SizeFile::Of(n) => GroupSize::Of(n),
            SizeFile::Between(a, b) => GroupSize::Between(a, b),
            SizeFile::Whole => GroupSize::Whole,
        }
    }
}

/// An agenda item as written: its steps may repeat.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub struct ItemFile {
    pub kind: ItemKind,
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub invitation: Option<String>,
    #[serde(default)]
    pub group_size: Option<SizeFile>,
    #[serde(default)]
    pub questions: Vec<StepFile>,
    #[serde(default)]
    pub round: Option<RoundFile>,
}

/// One entry of an item's `questions`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "step", deny_unknown_fields)]
pub enum StepFile {
    /// A question: notes are taken on it.
    Question {
        text: String,
        minutes: u32,
        #[serde(default)]
        group_size: Option<SizeFile>,
    },
    /// An instruction ("Client turns around"): timed, no notes.
    Instruction {
        text: String,
        minutes: u32,
        #[serde(default)]
        group_size: Option<SizeFile>,
    },
    /// The steps, `times` times over, or once per label; `{n}` in their text is 1, 2, … in
    /// turn, or the label ("What", "So What", "Now What").
    Repeat {
        #[serde(default)]
        times: Option<u32>,
        #[serde(default)]
        labels: Vec<String>,
        steps: Vec<StepFile>,
    },
}

/// A round as written: its turns may be seats.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Round", deny_unknown_fields)]
pub struct RoundFile {
    #[serde(default)]
    pub prompt: Option<String>,
    pub minutes_each: u32,
    pub turns: TurnsFile,
    #[serde(default)]
    pub group_size: Option<SizeFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Turns", deny_unknown_fields)]
pub enum TurnsFile {
    Groups,
    Names(Vec<String>),
    /// One turn per seat of a group, named "Person 1" to "Person n".
    Seats(u32),
    /// Each person of the round's (or item's) group in turn: as many seats as the largest
    /// group of its size.
    EachPerson,
}

/// What `{n}` is replaced with in repeated steps.
pub const REPEAT_MARK: &str = "{n}";

/// The most times a sequence of steps may repeat.
pub const MAX_REPEAT: u32 = 50;

/// The most seats a group may have.
pub const MAX_SEATS: u32 = 50;

/// The name of seat `n` (1-based) in a round of seats. The same word in Swedish and English.
pub fn seat_name(n: u32) -> String {
    format!("Person {n}")
}

/// What `{n}` is in each round of a repeat: its labels, else 1 to `times`; at most
/// [`MAX_REPEAT`] rounds.
fn rounds(times: Option<u32>, labels: &[String]) -> Vec<String> {
    if labels.is_empty() {
        (1..=times.unwrap_or(0).min(MAX_REPEAT))
            .map(|n| n.to_string())
            .collect()
    } else {
        labels.iter().take(MAX_REPEAT as usize).cloned().collect()
    }
}

impl StepFile {
    /// The steps written out: repeats expanded with their `{n}`. A repeat inside a repeat is
    /// expanded too (the inner `{n}` wins); validation reports it as an error.
    pub fn expand_into(&self, out: &mut Vec<Question>) {
        match self {
            StepFile::Question {
                text,
                minutes,
                group_size,
            } => out.push(Question {
                group_size: group_size.map(SizeFile::size),
                ..Question::new(text.clone(), *minutes)
            }),
            StepFile::Instruction {
                text,
                minutes,
                group_size,
            } => out.push(Question {
                instruction: true,
                group_size: group_size.map(SizeFile::size),
                ..Question::new(text.clone(), *minutes)
            }),
            StepFile::Repeat {
                times,
                labels,
                steps,
            } => {
                for label in rounds(*times, labels) {
                    let mut inner = Vec::new();
                    for step in steps {
                        step.expand_into(&mut inner);
                    }
                    out.extend(inner.into_iter().map(|q| Question {
                        text: q.text.replace(REPEAT_MARK, &label),
                        ..q
                    }));
                }
            }
        }
    }

    /// Minutes of the step written out, repeats counted.
    pub fn minutes(&self) -> u64 {
        match self {
            StepFile::Question { minutes, .. } | StepFile::Instruction { minutes, .. } => {
                u64::from(*minutes)
            }
            StepFile::Repeat {
                times,
                labels,
                steps,
            } => {
                rounds(*times, labels).len() as u64
                    * steps.iter().map(StepFile::minutes).sum::<u64>()
            }
        }
    }
}

impl RoundFile {
    /// How many sit together for the round: its own size, else the item's.
    pub fn size(&self, item: Option<SizeFile>) -> Option<GroupSize> {
        self.group_size.or(item).map(SizeFile::size)
    }

    /// The number of turns of a round of seats or of each person, if it is one.
    pub fn seats(&self, item: Option<SizeFile>) -> Option<u32> {
        match self.turns {
            TurnsFile::Seats(n) => Some(n.min(MAX_SEATS)),
            TurnsFile::EachPerson => self
                .size(item)
                .and_then(GroupSize::largest)
                .map(|n| n.min(MAX_SEATS)),
            TurnsFile::Groups | TurnsFile::Names(_) => None,
        }
    }
}

impl ItemFile {
    /// The item as the stage reads it.
    /// The item as the stage reads it, in the phase `phase`.
    pub fn expand(&self, phase: Option<&str>) -> Item {
        let mut questions = Vec::new();
        for step in &self.questions {
            step.expand_into(&mut questions);
        }
        Item {
            kind: self.kind.clone(),
            title: self.title.clone(),
            minutes: self.minutes,
            notes: self.notes.clone(),
            phase: phase.map(str::to_string),
            invitation: self.invitation.clone(),
            group_size: self.group_size.map(SizeFile::size),
            questions,
            round: self.round.as_ref().map(|r| Round {
                prompt: r.prompt.clone(),
                minutes_each: r.minutes_each,
                turns: match (&r.turns, r.seats(self.group_size)) {
                    (TurnsFile::Groups, _) => Turns::Groups,
                    (TurnsFile::Names(names), _) => Turns::Names(names.clone()),
                    (_, seats) => Turns::Names((1..=seats.unwrap_or(0)).map(seat_name).collect()),
                },
                group_size: r.group_size.map(SizeFile::size),
            }),
        }
    }

    /// The minutes of its round, if it has one: each turn's minutes times the turns, or None
    /// where the turns are not known before the meeting (one per breakout group).
    pub fn round_minutes(&self, groups: Option<&[String]>) -> Option<u64> {
        let round = self.round.as_ref()?;
        let turns = match &round.turns {
            TurnsFile::Groups => groups?.len(),
            TurnsFile::Names(names) => names.len(),
            TurnsFile::Seats(_) | TurnsFile::EachPerson => {
                round.seats(self.group_size).unwrap_or(0) as usize
            }
        };
        Some(u64::from(round.minutes_each) * turns as u64)
    }

    /// Minutes of the steps written out.
    pub fn step_minutes(&self) -> u64 {
        self.questions.iter().map(StepFile::minutes).sum()
    }
}

impl Session<Entry> {
    /// The meeting as the stage reads it. `structure` finds an included structure by id; an
    /// id it does not know includes nothing (validation reports it).
    pub fn expand<'a>(&self, structure: impl Fn(&str) -> Option<&'a StructureFile>) -> Session {
        let mut agenda = Vec::new();
        let mut phase: Option<&str> = None;
        for entry in &self.agenda {
            match entry {
                Entry::Item(item) => agenda.push(item.expand(phase)),
                Entry::Include(id) => {
                    if let Some(s) = structure(id) {
                        agenda.extend(s.agenda.iter().map(|i| i.expand(phase)));
                    }
                }
                Entry::Phase(title) => phase = Some(title.as_str()),
            }
        }
        self.with_agenda(agenda)
    }

    /// The ids of the structures the meeting includes, in order.
    pub fn includes(&self) -> impl Iterator<Item = (usize, &str)> {
        self.agenda.iter().enumerate().filter_map(|(i, e)| match e {
            Entry::Include(id) => Some((i, id.as_str())),
            Entry::Item(_) | Entry::Phase(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::{Content, parse_content};
    use super::*;

    fn session(text: &str) -> SessionFile {
        match parse_content(text).expect("parses") {
            Content::Session(s) => *s,
            other => panic!("{other:?}"),
        }
    }

    fn structure(text: &str) -> StructureFile {
        match parse_content(text).expect("parses") {
            Content::Structure(s) => *s,
            other => panic!("{other:?}"),
        }
    }

    /// Troika Consulting with its three clients copied out by hand, as it had to be written
    /// before `Repeat`.
    const COPIED: &str = r#"Session(id: "t", track: "x", title: "T", start: "10:00", agenda: [
        Item(kind: Breakout, title: "Troika", minutes: 30, questions: [
            Instruction(text: "Think of your challenge", minutes: 1),
            Instruction(text: "Client 1 shares", minutes: 1),
            Question(text: "Ideas for client 1", minutes: 5),
            Instruction(text: "Client 2 shares", minutes: 1),
            Question(text: "Ideas for client 2", minutes: 5),
            Instruction(text: "Client 3 shares", minutes: 1),
            Question(text: "Ideas for client 3", minutes: 5),
        ]),
    ])"#;

    const REPEATED: &str = r#"Session(id: "t", track: "x", title: "T", start: "10:00", agenda: [
        Item(kind: Breakout, title: "Troika", minutes: 30, questions: [
            Instruction(text: "Think of your challenge", minutes: 1),
            Repeat(times: 3, steps: [
                Instruction(text: "Client {n} shares", minutes: 1),
                Question(text: "Ideas for client {n}", minutes: 5),
            ]),
        ]),
    ])"#;

    #[test]
    fn repetition_gives_the_agenda_the_copied_form_gave() {
        let copied = session(COPIED).expand(|_| None);
        let repeated = session(REPEATED).expand(|_| None);
        assert_eq!(repeated, copied);
        assert_eq!(repeated.steps(0).len(), 7);
        assert!(repeated.agenda[0].questions[1].instruction);
        // Among instructions, a question is named by its step.
        assert!(repeated.agenda[0].has_instructions());
        let text = crate::i18n::Lang::En.text();
        assert_eq!(text.step_label(&repeated.agenda[0], 3), "Step 3");
        assert!(!repeated.agenda[0].questions[2].instruction);
        assert_eq!(session(REPEATED).agenda.len(), 1);
        match &session(REPEATED).agenda[0] {
            Entry::Item(item) => assert_eq!(item.step_minutes(), 19),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn inclusion_gives_the_agenda_the_copied_form_gave() {
        let troika = structure(
            r#"// written once, no clock time
            Structure(id: "troika", title: "Troika Consulting", agenda: [
                Item(kind: Breakout, title: "Troika", minutes: 30, questions: [
                    Instruction(text: "Think of your challenge", minutes: 1),
                    Repeat(times: 3, steps: [
                        Instruction(text: "Client {n} shares", minutes: 1),
                        Question(text: "Ideas for client {n}", minutes: 5),
                    ]),
                ]),
            ])"#,
        );
        let including = session(
            r#"Session(id: "t", track: "x", title: "T", start: "10:00", agenda: [
                Include("troika"),
            ])"#,
        );
        let found = |id: &str| (id == "troika").then_some(&troika);
        assert_eq!(including.expand(found), session(COPIED).expand(|_| None));
        assert_eq!(
            including.includes().collect::<Vec<_>>(),
            vec![(0, "troika")]
        );
    }

    #[test]
    fn seats_are_named_by_number() {
        let s = session(
            r#"Session(id: "t", track: "x", title: "T", start: "10:00", agenda: [
                Item(kind: CheckIn, title: "In", minutes: 6, group_size: Of(3),
                     round: Round(minutes_each: 2, turns: Seats(3))),
            ])"#,
        )
        .expand(|_| None);
        assert_eq!(
            s.agenda[0].round.as_ref().map(|r| r.turns.clone()),
            Some(Turns::Names(vec![
                "Person 1".into(),
                "Person 2".into(),
                "Person 3".into()
            ]))
        );
        assert_eq!(s.agenda[0].group_size, Some(GroupSize::Of(3)));
    }
}
