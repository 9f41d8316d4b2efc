//! The session format: what a facilitator writes by hand in `sessions/*.ron`.
//!
//! A track file (`Track(...)`) names the meetings in order; one file per meeting
//! (`Session(...)`) holds its agenda. Every struct denies unknown fields so that a typo in a
//! hand-written file is an error that names it, not a silently ignored setting.
//! `sessions/README.md` documents the format for facilitators.

use serde::{Deserialize, Serialize};

/// A programme of meetings, e.g. Dalaspåret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id that sessions name in their `track` field.
    pub id: String,
    pub title: String,
    /// A paragraph on what the track is and who it is for.
    #[serde(default)]
    pub description: String,
    /// What the participants want to reach ("Vårt mål är att vi ska …").
    #[serde(default)]
    pub goals: Vec<String>,
    /// Pre-work for the whole track.
    #[serde(default)]
    pub prework: Vec<Link>,
    /// Session ids in the order the meetings are held.
    pub meetings: Vec<String>,
}

/// One meeting of a track. `A` is what its agenda holds: [`Item`]s as the stage reads them, or
/// (`source::SessionFile`) the entries as written in its file, before repetition is written out
/// and structures are included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Session", deny_unknown_fields)]
pub struct Session<A = Item> {
    /// Stable id used on the command line (`spar run kickoff`).
    pub id: String,
    /// Id of the track this meeting belongs to.
    pub track: String,
    pub title: String,
    /// The term or period, e.g. "Hösten 2020".
    #[serde(default)]
    pub term: String,
    /// Planned date, ISO `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Planned start, `HH:MM`.
    pub start: String,
    /// What the meeting is about, in a few sentences.
    #[serde(default)]
    pub summary: String,
    /// Pre-work for this meeting.
    #[serde(default)]
    pub prework: Vec<Link>,
    /// Breakout groups. "The whole group" (plenary) always exists besides these.
    #[serde(default)]
    pub groups: Vec<String>,
    pub agenda: Vec<A>,
}

impl<A> Session<A> {
    /// The same meeting with another agenda.
    pub fn with_agenda<B>(&self, agenda: Vec<B>) -> Session<B> {
        Session {
            id: self.id.clone(),
            track: self.track.clone(),
            title: self.title.clone(),
            term: self.term.clone(),
            date: self.date.clone(),
            start: self.start.clone(),
            summary: self.summary.clone(),
            prework: self.prework.clone(),
            groups: self.groups.clone(),
            agenda,
        }
    }
}

/// A titled link, e.g. a course on digiteket.se.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub kind: ItemKind,
    pub title: String,
    /// Planned length of the whole item.
    pub minutes: u32,
    /// Facilitator notes: hidden on the shared stage until the facilitator shows them.
    #[serde(default)]
    pub notes: Option<String>,
    /// The phase of the agenda the item belongs to ("Gather data"), if the agenda has phases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The question the whole item hangs on, shown on the stage through all its steps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<String>,
    /// How many people work together in this item: pairs, trios, "groups of 5–7". A step or
    /// a round may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_size: Option<GroupSize>,
    /// Discussion and breakout questions (and instructions), each with its own timebox, with
    /// any repetition written out. Their minutes must fit in the item's minutes.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// A round gives each speaker or group a small timebox in turn.
    #[serde(default)]
    pub round: Option<Round>,
}

impl Item {
    /// Whether some of its steps are instructions: then its steps are counted as steps, not as
    /// questions ("Step 4", not "Question 4" for the only question after three instructions).
    pub fn has_instructions(&self) -> bool {
        self.questions.iter().any(|q| q.instruction)
    }
}

/// What an agenda item is; decides how the stage shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ItemKind {
    Welcome,
    CheckIn,
    Talk {
        speaker: String,
        affiliation: String,
    },
    Discussion,
    Breakout,
    Break,
    Reflection,
    Round,
    /// Shows the open action items and parking-lot questions of earlier meetings of the track.
    Recap,
    Closing,
}

/// A discussion question with its own timebox, or an instruction ("Client turns around"):
/// timed like a question, but not a place for notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub text: String,
    pub minutes: u32,
    /// An instruction: the stage shows and times it, but it asks for no notes and an export
    /// leaves it out unless someone wrote a note on it anyway.
    #[serde(default, skip_serializing_if = "is_false")]
    pub instruction: bool,
    /// How many work together in this step ("Alone, in silence"), if not the item's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_size: Option<GroupSize>,
}

impl Question {
    pub fn new(text: impl Into<String>, minutes: u32) -> Self {
        Question {
            text: text.into(),
            minutes,
            instruction: false,
            group_size: None,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How many people work together in an item or a step. A file may also write `Alone`,
/// `Pairs`, `Trios` and `Foursomes` (see `source::SizeFile`); they are `Of(1)` to `Of(4)` here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupSize {
    /// Groups of exactly this many: `Of(1)` is alone, `Of(2)` pairs, `Of(3)` trios.
    Of(u32),
    /// Groups of this many to that many: `Between(5, 7)`.
    Between(u32, u32),
    /// Everyone together.
    Whole,
}

impl GroupSize {
    /// The most people in one group: what a round of "each person in turn" counts its turns
    /// and minutes from. None for the whole group, whose size the file does not know.
    pub fn largest(self) -> Option<u32> {
        match self {
            GroupSize::Of(n) => Some(n),
            GroupSize::Between(_, b) => Some(b),
            GroupSize::Whole => None,
        }
    }
}

/// Who speaks in turn in a round, and for how long each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// What each speaker answers, shown large on the stage ("Vad tar du med dig i dag?").
    #[serde(default)]
    pub prompt: Option<String>,
    /// Minutes for each turn.
    pub minutes_each: u32,
    pub turns: Turns,
    /// How many sit together for the round, if not the item's size: "each person in turn, in
    /// groups of 2–4".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_size: Option<GroupSize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Turns {
    /// One turn per breakout group of the session.
    Groups,
    /// One turn per named speaker (a person, a library, a municipality).
    Names(Vec<String>),
}

/// One timebox of an item: a question, a turn of a round, or the item itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Question(&'a Question),
    Turn {
        name: &'a str,
        prompt: Option<&'a str>,
        minutes: u32,
    },
    Whole(u32),
}

impl Step<'_> {
    pub fn minutes(&self) -> u32 {
        match self {
            Step::Question(q) => q.minutes,
            Step::Turn { minutes, .. } => *minutes,
            Step::Whole(m) => *m,
        }
    }
}

/// Where a group's notes come: the whole group first, then the session's groups in order, then
/// groups the session does not have (a renamed group in an old run), by name. One order for the
/// stage, the review and the exports.
pub fn group_rank<'a>(group: Option<&'a str>, groups: &[String]) -> (usize, Option<&'a str>) {
    match group {
        None => (0, None),
        Some(g) => match groups.iter().position(|x| x == g) {
            Some(i) => (i + 1, None),
            None => (groups.len() + 1, Some(g)),
        },
    }
}

impl Session {
    /// The timeboxes of an item, in order; never empty.
    pub fn steps(&self, item: usize) -> Vec<Step<'_>> {
        match self.agenda.get(item) {
            Some(item) => self.steps_of(item),
            None => Vec::new(),
        }
    }

    fn steps_of<'a>(&'a self, item: &'a Item) -> Vec<Step<'a>> {
        if let Some(round) = &item.round {
            let names: Vec<&str> = match &round.turns {
                Turns::Groups => self.groups.iter().map(String::as_str).collect(),
                Turns::Names(names) => names.iter().map(String::as_str).collect(),
            };
            if !names.is_empty() {
                return names
                    .into_iter()
                    .map(|name| Step::Turn {
                        name,
                        prompt: round.prompt.as_deref(),
                        minutes: round.minutes_each,
                    })
                    .collect();
            }
        }
        if !item.questions.is_empty() {
            return item.questions.iter().map(Step::Question).collect();
        }
        vec![Step::Whole(item.minutes)]
    }

    /// How many work together in step `step` of item `item`: the step's own size, else its
    /// round's, else the item's; None when the file says nothing.
    pub fn group_size(&self, item: usize, step: usize) -> Option<GroupSize> {
        let item = self.agenda.get(item)?;
        let own = match self.steps_of(item).get(step) {
            Some(Step::Question(q)) => q.group_size,
            Some(Step::Turn { .. }) => item.round.as_ref().and_then(|r| r.group_size),
            _ => None,
        };
        own.or(item.group_size)
    }

    /// Whether notes of step `step` of item `item` belong to the whole group rather than to a
    /// note-taker's breakout group: a step everyone does together (`group_size: Whole`), or any
    /// step of a discussion that sets no smaller size. Elsewhere (a breakout, a report-back
    /// round of the groups) a note-taker writes for their group.
    pub fn whole_group_step(&self, item: usize, step: usize) -> bool {
        match self.group_size(item, step) {
            Some(GroupSize::Whole) => true,
            Some(_) => false,
            None => self
                .agenda
                .get(item)
                .is_some_and(|i| i.kind == ItemKind::Discussion),
        }
    }

    /// Planned minutes of the whole meeting.
    pub fn planned_minutes(&self) -> u32 {
        self.agenda.iter().map(|i| i.minutes).sum()
    }
}
