//! The edge: the terminal, the event loop and the sources that wake it (keys, signals, the
//! journal watcher, the next second of the countdown), and the adapters that connect each screen
//! to the loop: `stage_app` (the stage and a note-taker's terminal on a live run), `show_app` (the room's
//! screen, `spar show`), `review_app` (the review, writing "action done" to the runs) and `start_app` (the start screen),
//! `ask_app` (a join's way in and the door's question on its screen), `waiting_app` (waiting for a live run).

mod ansi;
pub mod ask_app;
pub mod backend;
pub mod event_loop;
mod lines;
pub mod replay_app;
pub mod review_app;
pub mod show_app;
pub mod signals;
pub mod stage_app;
pub mod start_app;
pub mod terminal;
pub mod waiting_app;
pub mod watch;
