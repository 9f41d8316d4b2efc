//! Helpers shared by the end-to-end tests.
#![allow(dead_code)] // each test file uses a different part of this module

pub mod disk;
pub mod interleaved;
pub mod pty;
pub mod runs;
pub mod syncthing;
