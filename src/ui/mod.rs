//! The kit every screen draws with: wall-clock formatting, fitting text to columns, popups, the
//! screen frame, the theme and the key-binding type. Screens (`stage`, `review`, `start`, `notes`)
//! and the exports depend on this module; it depends on none of them.

use jiff::tz::TimeZone;

use crate::i18n::{Lang, Text};
use crate::ui::theme::Theme;

pub mod clock;
pub mod fit;
pub mod frame;
pub mod keymap;
pub mod labels;
pub mod popup;
pub mod theme;

/// What every screen is drawn in: the language, the colours and the local time zone. One value,
/// chosen once at the edge (`--lang`, `--theme`, `NO_COLOR`, the system zone) and handed to each
/// screen.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub theme: Theme,
    /// Local time, for the wall clock, planned times and the times notes were written.
    pub tz: TimeZone,
}

impl Ctx {
    /// The UI words in the chosen language.
    pub fn text(&self) -> &'static Text {
        self.lang.text()
    }
}
