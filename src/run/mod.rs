//! A run: one time a meeting is held. Stored as a folder of append-only journals (`journal`,
//! `store`); its state is a pure fold of their events (`state`), with timeboxes (`timer`) and the
//! projected end (`projection`) derived from it. `live` is a run being written and followed by
//! this process; `catalog` is the read model of all the track's saved runs.

pub mod authority;
pub mod catalog;
pub mod due;
pub mod event;
pub mod file_problem;
pub mod fit;
pub mod hlc;
pub mod hold;
pub mod journal;
pub mod live;
pub mod log;
pub mod open;
pub mod projection;
pub mod quiet;
pub mod reader;
pub mod saver;
pub mod skew;
pub mod state;
pub mod status;
pub mod store;
pub mod sync_files;
pub mod timer;
pub mod unsaved;

pub use event::*;
