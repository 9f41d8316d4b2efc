//! One run read from its folder and folded, and nothing more: what an export of one run and
//! every [`SavedRun`](super::SavedRun) start from.

use std::sync::Arc;

use crate::run::Millis;
use crate::run::file_problem::FileProblem;
use crate::run::hold::Held;
use crate::run::state::RunState;
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
        } = loaded;
        let mut held = Held::default();
        let entries = held.sift(entries, now);
        let state = RunState::fold(Arc::new(header.session.clone()), &entries);
        problems.extend(held.problems(dir.id(), now));
        let refused = state.refused.iter();
        problems.extend(refused.map(|r| FileProblem::refused(dir.id(), r)));
        FoldedRun {
            dir,
            header,
            state,
            problems,
        }
    }
}
