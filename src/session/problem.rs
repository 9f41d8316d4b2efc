//! What can be wrong with session files and with the sessions and tracks a command names: the
//! domain's words as data, rendered in the user's language at the edge
//! (`crate::i18n::Text::problem`).
//!
//! Texts from files (ids, titles, what was found) are kept cleaned (one line, cut short) and
//! unquoted; the renderer quotes them as its language does.

use std::fmt;

use crate::i18n::Lang;

use super::GroupSize;

/// What kind of file an id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Session,
    Track,
    Structure,
}

/// An agenda item as a message names it: by its title, or by its place when it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemName {
    Numbered(usize),
    Titled(String),
}

/// A step of an item: question or instruction, and its number as the facilitator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepName {
    pub question: bool,
    pub n: usize,
}

/// What RON expected where a value of the wrong type was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    WholeNumber,
    Text,
    List,
    /// RON's own name of a type.
    Other(String),
}

/// The kind of name an unknown variant was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantKind {
    ItemKind,
    Turns,
    AgendaEntry,
    Step,
    GroupSize,
    Other,
}

/// What can be wrong with group sizes of steps and rounds, rounds that follow the group,
/// repeat labels and phases; rendered by `crate::i18n::agendas`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaProblem {
    /// A `Repeat` with both `times` and `labels`, or neither.
    RepeatHow(ItemName),
    RepeatLabelEmpty {
        item: ItemName,
        n: usize,
    },
    /// A round of more seats than its group has people.
    SeatsOverGroup {
        item: ItemName,
        seats: u32,
        size: GroupSize,
    },
    /// `EachPerson` in a round without a group size (or in the whole group).
    EachPersonNoSize(ItemName),
    /// `Phase("")`: the `n`th phase has no title.
    PhaseEmpty(usize),
    /// A phase with no items after it.
    PhaseNoItems(String),
    /// A value of `group_size` that is no size: what was written.
    SizeWritten(String),
    /// A value of `kind` that is no item kind: what was written.
    KindWritten(String),
    /// Something else than a whole number where minutes are written: the field and what was
    /// written.
    MinutesWritten {
        field: String,
        found: String,
    },
}

/// One thing wrong, in no language yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // Reading files.
    NoSuchPath,
    CannotRead(IoWhy),
    NoSessionFiles,
    /// The size in MB when known.
    TooLarge(Option<String>),
    FileEmpty,
    Utf16,
    Binary,
    NotUtf8,
    OnlyComments,

    // Syntax (RON's errors in plain words).
    EndOfFile,
    ExpectedList,
    ExpectedCommaOrBracket,
    ExpectedComma,
    ExpectedMap,
    ExpectedColon,
    ExpectedBrace,
    ExpectedWholeNumber,
    NumberOutOfRange,
    InvalidDigit(String),
    ExpectedNumber,
    Underscore,
    ExpectedBool,
    ExpectedText,
    TextNotClosed,
    ExpectedChar,
    InvalidEscape,
    ExpectedParen,
    /// `(` or `Name(`.
    ExpectedParenOr(String),
    /// The first word of a file, which is none of the kinds; what stands there if it is a name.
    ExpectedFileKind(Option<String>),
    ExpectedNamed(String),
    ExpectedStruct {
        expected: String,
        found: String,
    },
    ExpectedCloseParen,
    ExpectedFieldName,
    ExpectedUnit,
    ExpectedOption,
    UnexpectedChar(String),
    CommentNotClosed,
    Trailing(FileKind),
    WrongType {
        expected: Expected,
        found: String,
    },
    UnknownVariant {
        kind: VariantKind,
        found: String,
        expected: Vec<String>,
    },
    UnknownField {
        found: String,
        outer: Option<String>,
        expected: Vec<String>,
    },
    MissingField {
        field: String,
        outer: Option<String>,
    },
    DuplicateField {
        field: String,
        outer: Option<String>,
    },
    TooDeep(usize),
    UnknownExtension(String),
    /// RON's own words, for errors it may add later.
    Ron(String),
    /// A problem and what was written where a value was expected.
    Found(Box<Problem>, String),
    IncludesElsewhere(String),

    // One file's rules.
    TrackRefEmpty,
    TitleEmpty,
    BadStart(String),
    BadDate(String),
    GroupNoName(usize),
    GroupTwice(String),
    AgendaEmpty,
    NoSuchStructure(String),
    MeetingTooLong {
        total: u64,
        max: u64,
    },
    MeetingLong {
        total: u64,
        max: u64,
    },
    MeetingShort {
        total: u64,
        min: u64,
    },
    ItemNoTitle(usize),
    ItemZero(ItemName),
    ItemTooLong {
        item: ItemName,
        minutes: u64,
        max: u64,
    },
    TalkNoSpeaker(ItemName),
    InvitationEmpty(ItemName),
    BadGroupSize {
        item: ItemName,
        max: u32,
    },
    StepsOver {
        item: ItemName,
        sum: u64,
        minutes: u64,
    },
    StepsUnderHalf {
        item: ItemName,
        sum: u64,
        minutes: u64,
    },
    StepsAndRound(ItemName),
    RoundZero(ItemName),
    RoundTurnTooLong {
        item: ItemName,
        each: u64,
        max: u64,
    },
    RoundNoGroups(ItemName),
    RoundNobody(ItemName),
    TurnNoName {
        item: ItemName,
        n: usize,
    },
    RoundSeats {
        item: ItemName,
        n: u32,
        max: u32,
    },
    RoundOver {
        item: ItemName,
        total: u64,
        turns: u64,
        each: u64,
        minutes: u64,
    },
    StepEmpty {
        step: StepName,
        item: ItemName,
    },
    StepRepeatMark {
        step: StepName,
        item: ItemName,
        mark: &'static str,
    },
    StepZero {
        step: StepName,
        item: ItemName,
    },
    StepTooLong {
        step: StepName,
        item: ItemName,
        minutes: u64,
        max: u64,
    },
    RepeatInRepeat(ItemName),
    RepeatTimes {
        item: ItemName,
        times: u32,
        max: u32,
    },
    RepeatNoSteps(ItemName),
    /// Group sizes of steps and rounds, rounds that follow the group, repeat labels, phases.
    Agenda(AgendaProblem),
    GoalEmpty(usize),
    NoMeetings,
    MeetingTwice(String),
    IdEmpty(FileKind),
    IdChars(String),
    IdNumber(String),
    LinkNoTitle(usize),
    LinkNotWeb(String),

    // Across files.
    IdUsed {
        kind: FileKind,
        id: String,
        by: String,
    },
    /// An unknown track; the known ones (none: there are no track files).
    UnknownTrack {
        id: String,
        known: Vec<String>,
    },
    NotAmongMeetings {
        session: String,
        track: String,
        path: String,
    },
    MeetingNoSession(String),
    MeetingOtherTrack {
        id: String,
        track: String,
        listed_in: String,
    },

    // Sessions named on the command line.
    NoMeetingNoTrack(String),
    NoMeetingInTrack {
        name: String,
        track: String,
        count: usize,
    },
    UnknownSession {
        name: String,
        known: Vec<String>,
    },
}

/// Why a file or folder could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoWhy {
    PermissionDenied,
    /// The system's own words.
    Other(String),
}

impl Problem {
    /// Whether it is about the length of a whole meeting: not told of a file read without
    /// some of its entries.
    pub fn is_about_length(&self) -> bool {
        matches!(
            self,
            Problem::MeetingShort { .. }
                | Problem::MeetingLong { .. }
                | Problem::MeetingTooLong { .. }
                | Problem::AgendaEmpty
        )
    }

    /// The problem in a language.
    pub fn render(&self, lang: Lang) -> String {
        lang.text().problem(self)
    }
}

impl fmt::Display for Problem {
    /// In English, for logs and tests; the commands render in the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Problem {}
