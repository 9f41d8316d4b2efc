//! The kit every screen draws with: wall-clock formatting, fitting text to columns, popups, the
//! screen frame, the theme and the key-binding type. Screens (`stage`, `review`, `start`, `notes`)
//! and the exports depend on this module; it depends on none of them.

pub mod clock;
pub mod fit;
pub mod frame;
pub mod keymap;
pub mod labels;
pub mod popup;
pub mod theme;
