//! What a facilitator writes: the session and structure files as they are on disk, before
//! repetition is written out and structures are included.
//!
//! The stage, the review and the exports never see this form: [`SessionFile::expand`] turns a
//! file into the flat [`Session`] they read (and that a saved run keeps a copy of), with every
//! `Repeat(…)` written out with its `{n}`, every `Include("id")` replaced by the structure's
//! items, and every `Seats(n)` named "Person 1" to "Person n".

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

/// One entry of a meeting's agenda: an item, or a structure's items by its id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "agenda entry", deny_unknown_fields)]
pub enum Entry {
    Item(ItemFile),
    Include(String),
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
    pub group_size: Option<GroupSize>,
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
    Question { text: String, minutes: u32 },
    /// An instruction ("Client turns around"): timed, no notes.
    Instruction { text: String, minutes: u32 },
    /// The steps, `times` times over; `{n}` in their text is 1, 2, … in turn.
    Repeat { times: u32, steps: Vec<StepFile> },
}

/// A round as written: its turns may be seats.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Round", deny_unknown_fields)]
pub struct RoundFile {
    #[serde(default)]
    pub prompt: Option<String>,
    pub minutes_each: u32,
    pub turns: TurnsFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename = "Turns", deny_unknown_fields)]
pub enum TurnsFile {
    Groups,
    Names(Vec<String>),
    /// One turn per seat of a group, named "Person 1" to "Person n".
    Seats(u32),
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

impl StepFile {
    /// The steps written out: repeats expanded with their `{n}`. A repeat inside a repeat is
    /// expanded too (the inner `{n}` wins); validation reports it as an error.
    pub fn expand_into(&self, out: &mut Vec<Question>) {
        match self {
            StepFile::Question { text, minutes } => out.push(Question::new(text.clone(), *minutes)),
            StepFile::Instruction { text, minutes } => out.push(Question {
                instruction: true,
                ..Question::new(text.clone(), *minutes)
            }),
            StepFile::Repeat { times, steps } => {
                for n in 1..=(*times).min(MAX_REPEAT) {
                    let mut inner = Vec::new();
                    for step in steps {
                        step.expand_into(&mut inner);
                    }
                    out.extend(inner.into_iter().map(|q| Question {
                        text: q.text.replace(REPEAT_MARK, &n.to_string()),
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
            StepFile::Repeat { times, steps } => {
                u64::from((*times).min(MAX_REPEAT))
                    * steps.iter().map(StepFile::minutes).sum::<u64>()
            }
        }
    }
}

impl ItemFile {
    /// The item as the stage reads it.
    pub fn expand(&self) -> Item {
        let mut questions = Vec::new();
        for step in &self.questions {
            step.expand_into(&mut questions);
        }
        Item {
            kind: self.kind.clone(),
            title: self.title.clone(),
            minutes: self.minutes,
            notes: self.notes.clone(),
            invitation: self.invitation.clone(),
            group_size: self.group_size,
            questions,
            round: self.round.as_ref().map(|r| Round {
                prompt: r.prompt.clone(),
                minutes_each: r.minutes_each,
                turns: match &r.turns {
                    TurnsFile::Groups => Turns::Groups,
                    TurnsFile::Names(names) => Turns::Names(names.clone()),
                    TurnsFile::Seats(n) => {
                        Turns::Names((1..=(*n).min(MAX_SEATS)).map(seat_name).collect())
                    }
                },
            }),
        }
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
        for entry in &self.agenda {
            match entry {
                Entry::Item(item) => agenda.push(item.expand()),
                Entry::Include(id) => {
                    if let Some(s) = structure(id) {
                        agenda.extend(s.agenda.iter().map(ItemFile::expand));
                    }
                }
            }
        }
        self.with_agenda(agenda)
    }

    /// The ids of the structures the meeting includes, in order.
    pub fn includes(&self) -> impl Iterator<Item = (usize, &str)> {
        self.agenda.iter().enumerate().filter_map(|(i, e)| match e {
            Entry::Include(id) => Some((i, id.as_str())),
            Entry::Item(_) => None,
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
