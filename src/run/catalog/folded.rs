//! One run read from its folder and folded, and nothing more: what an export of one run and
//! every [`SavedRun`](super::SavedRun) start from.

use std::sync::Arc;

use crate::run::Millis;
use crate::run::file_problem::{FileProblem, ProblemKind};
use crate::run::hold::Held;
use crate::run::reader::ReadSoFar;
use crate::run::state::RunState;
use crate::run::status::{RunStatus, status};
use crate::run::store::{LoadedRun, RunDir, RunHeader, StoreError};

/// A run folded from every journal with its header's session snapshot, so that a run of an
/// older version of a session reads as it was held.
#[derive(Debug, Clone)]
pub struct FoldedRun {
    pub dir: RunDir,
    pub header: RunHeader,
    pub state: RunState,
    /// Damaged or skipped journal lines (see `LoadedRun::problems`), and events left out
    /// because their writer may not write them.
    pub problems: Vec<FileProblem>,
    /// For a live run only: what was read of it, for a live run opened from this read to go on
    /// from ([`ReadSoFar`]); `None` for a run that is over (nobody follows it).
    pub read: Option<ReadSoFar>,
}

impl FoldedRun {
    /// Reads the run in `dir` and folds it.
    pub fn read(dir: RunDir, now: Millis) -> Result<FoldedRun, StoreError> {
        let loaded = dir.load()?;
        Ok(FoldedRun::new(dir, loaded, now))
    }

    /// Folds a run already read, as of `now`: events stamped too far ahead of it are held back
    /// ([`hold`](crate::run::hold)) and said as a problem.
    pub fn new(dir: RunDir, loaded: LoadedRun, now: Millis) -> FoldedRun {
        let LoadedRun {
            header,
            entries,
            mut problems,
            positions,
        } = loaded;
        let mut held = Held::default();
        let entries = held.sift(entries, now);
        let state = RunState::fold(Arc::new(header.session.clone()), &entries);
        let live = status(&state, header.started, now) == RunStatus::Live;
        let held_back = held.problems(dir.id(), now);
        let read = live.then(|| {
            let (problems, notices) = as_read_live(&problems);
            let mut entries = entries;
            entries.extend(held.into_entries());
            ReadSoFar {
                entries,
                problems,
                notices,
                positions,
            }
        });
        problems.extend(held_back);
        let refused = state.refused.iter();
        problems.extend(refused.map(|r| FileProblem::refused(dir.id(), r)));
        FoldedRun {
            dir,
            header,
            state,
            problems,
            read,
        }
    }
}

/// The trouble met reading a run's journals as a live run's reader says it: its problems, and
/// the conflict copies read as notices. A torn tail is not said (the live reader reads that
/// line once it is whole), nor the header's values set aside (the stage says those itself).
fn as_read_live(problems: &[FileProblem]) -> (Vec<FileProblem>, Vec<FileProblem>) {
    let mut said = Vec::new();
    let mut notices = Vec::new();
    for problem in problems {
        match problem.kind {
            ProblemKind::TornTail | ProblemKind::SetAside(_) => {}
            ProblemKind::ConflictCopy { .. } => notices.push(problem.clone()),
            _ => said.push(problem.clone()),
        }
    }
    (said, notices)
}
