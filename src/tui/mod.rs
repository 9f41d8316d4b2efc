//! The edge: the terminal, the event loop and the sources that wake it (keys, signals, the
//! journal watcher, the next second of the countdown).

pub mod event_loop;
pub mod terminal;
pub mod watch;
