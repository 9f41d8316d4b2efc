//! Afterwards: the saved runs of the track in the terminal, browsed from the read model of
//! saved runs ([`crate::run::catalog`]).
//!
//! `app` is the review's model and update, `keys` its binding tables (browsing, search), `view`
//! its screens, drawn with `crate::ui`; it imports no other screen.

pub mod app;
pub mod keys;
pub mod speech;
pub mod view;
