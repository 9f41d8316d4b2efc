//! One run read from its folder and folded, and nothing more: what an export of one run and
//! every [`SavedRun`](super::SavedRun) start from.

use std::sync::Arc;

use crate::run::file_problem::FileProblem;
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
    pub fn read(dir: RunDir) -> Result<FoldedRun, StoreError> {
        let loaded = dir.load()?;
        Ok(FoldedRun::new(dir, loaded))
    }

    /// Folds a run already read.
    pub fn new(dir: RunDir, loaded: LoadedRun) -> FoldedRun {
        let LoadedRun {
            header,
            entries,
            mut problems,
        } = loaded;
        let state = RunState::fold(Arc::new(header.session.clone()), &entries);
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
