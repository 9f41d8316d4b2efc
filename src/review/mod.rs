//! Afterwards: the saved runs of the track in the terminal, browsed from the read model of
//! saved runs ([`crate::run::catalog`]).
//!
//! `app` is the review's model and update, `keys` its one binding table, `view` its screens.

pub mod app;
pub mod keys;
pub mod view;
