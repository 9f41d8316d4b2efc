//! spar: run workshop tracks in the terminal.

pub mod session;
