//! Session content: the format (`model`), parsing with positions (`parse`), the shipped track
//! (`shipped`), loading from folders (`load`) and validation (`validate`).

pub mod load;
pub mod model;
pub mod parse;
pub mod problem;
pub mod shipped;
pub mod source;
pub mod validate;

pub use model::*;
