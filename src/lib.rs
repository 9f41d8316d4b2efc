//! spar: run workshop tracks in the terminal.

pub mod cli;
pub mod commands;
pub mod error;
pub mod export;
pub mod fsx;
pub mod i18n;
pub mod replay;
pub mod review;
pub mod run;
pub mod session;
pub mod show;
pub mod speech;
pub mod stage;
pub mod start;
pub mod text;
pub mod tui;
pub mod ui;
pub mod usage;
