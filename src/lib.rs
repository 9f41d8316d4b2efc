//! spar: run workshop tracks in the terminal.

pub mod cli;
pub mod i18n;
pub mod run;
pub mod session;
pub mod theme;
