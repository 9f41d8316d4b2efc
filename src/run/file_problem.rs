//! What was passed over in a run's files — a damaged line, a torn tail, a file that is not a
//! journal, an event that could never be written — typed, so that the stage, the review,
//! `spar runs` and the exports word it in the user's language
//! ([`Text::file_problem`](crate::i18n::Text::file_problem)). Never fatal.

use std::fmt;

use super::authority::Refused;
use super::journal::LineError;
use super::sync_files::Engine;

/// One thing passed over, naming its file (`runs/<id>/<name>`, cleaned for a terminal) and,
/// where there is one, its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub file: String,
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A file in the run folder whose name is neither a journal nor a sync tool's.
    NotAJournalName,
    /// The file (or the run folder) could not be read; the system's words for why.
    CannotRead {
        kind: std::io::ErrorKind,
        message: String,
    },
    /// A line skipped: damaged, or (checksum right) not a record this spar reads.
    Skipped(LineError),
    /// A sequence number the writer had already used.
    RepeatedSequence(u64),
    /// A journal with more problems than are listed: this many more.
    MoreLikeThese(usize),
    /// The last line ends without a newline: its writer stopped mid-write.
    TornTail,
    /// An event that can never be written (too large for a journal line), left out; the
    /// system's words for why.
    LeftOut(String),
    /// A journal larger than [`MAX_JOURNAL`](super::journal::MAX_JOURNAL) bytes, not read.
    TooLarge { limit_mib: u64 },
    /// Another record under a writer's sequence number than the one read first (a conflict
    /// copy that went its own way, or a forgery): left out, the first one counts everywhere.
    Divergent { writer: String, seq: u64 },
    /// Events stamped more than [`hold::BOUND`](super::hold::BOUND) ahead of this computer's
    /// clock, held back until it reaches them: how many, and how far ahead the furthest is.
    Ahead { count: usize, ahead: super::Millis },
    /// Events the journal's writer may not write (a note-taker's journal driving the timer),
    /// left out of the fold: how many, and the first (see [`authority`](super::authority)).
    NotItsWriters {
        event: &'static str,
        first_seq: u64,
        count: usize,
    },
    /// A value of the header's session copy that is not valid, set aside (a planned start of
    /// "25:00"; see [`check`](super::open::header::check)).
    SetAside(super::open::header::SetAside),
    /// A sync tool's conflict copy, read with its journal (a notice, not damage).
    ConflictCopy { engine: Engine, writer: String },
}

impl FileProblem {
    pub fn new(file: String, line: Option<usize>, kind: ProblemKind) -> FileProblem {
        FileProblem { file, line, kind }
    }

    pub fn cannot_read(file: String, err: &std::io::Error) -> FileProblem {
        // Reading never meets "file too large" from the system: it is the journal bound.
        let kind = match err.kind() {
            std::io::ErrorKind::FileTooLarge => ProblemKind::TooLarge {
                limit_mib: super::journal::MAX_JOURNAL >> 20,
            },
            kind => ProblemKind::CannotRead {
                kind,
                message: err.to_string(),
            },
        };
        FileProblem::new(file, None, kind)
    }

    /// Events of `refused`'s journal in run `run_id` that were left out of the fold.
    pub fn refused(run_id: &str, refused: &Refused) -> FileProblem {
        let kind = ProblemKind::NotItsWriters {
            event: refused.event,
            first_seq: refused.first_seq,
            count: refused.count,
        };
        let file = super::store::shown(run_id, &format!("{}.ron", refused.writer));
        FileProblem::new(file, None, kind)
    }

    /// How many lines or files this problem stands for: "N more like these" counts N.
    pub fn count(&self) -> usize {
        match self.kind {
            ProblemKind::MoreLikeThese(n)
            | ProblemKind::NotItsWriters { count: n, .. }
            | ProblemKind::Ahead { count: n, .. } => n,
            _ => 1,
        }
    }
}

/// A run's problems counted by what they are, so that none is worded as another: events held
/// back from the future or left out as not their writer's are not damaged lines, and a conflict
/// copy read is a notice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Damaged or unreadable lines and files (and a journal's "N more like these").
    pub damaged: usize,
    /// Files over the journal bound, not read ([`ProblemKind::TooLarge`]): not damage.
    pub too_large: usize,
    /// Events stamped beyond the bound, held back ([`ProblemKind::Ahead`]).
    pub held: usize,
    /// Events their writer may not write, left out ([`ProblemKind::NotItsWriters`]).
    pub refused: usize,
    /// Sync conflict copies read with their journals.
    pub copies: usize,
    /// Values of the header's session copy set aside ([`ProblemKind::SetAside`]).
    pub set_aside: usize,
}

impl Tally {
    pub fn of<'a>(problems: impl IntoIterator<Item = &'a FileProblem>) -> Tally {
        let mut tally = Tally::default();
        for problem in problems {
            let n = problem.count();
            let slot = match problem.kind {
                ProblemKind::Ahead { .. } => &mut tally.held,
                ProblemKind::NotItsWriters { .. } => &mut tally.refused,
                ProblemKind::ConflictCopy { .. } => &mut tally.copies,
                ProblemKind::SetAside(_) => &mut tally.set_aside,
                ProblemKind::TooLarge { .. } => &mut tally.too_large,
                _ => &mut tally.damaged,
            };
            *slot = slot.saturating_add(n);
        }
        tally
    }

    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }
}

/// In English; each view words it in its user's language.
impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::Lang::En.text().file_problem(self))
    }
}
