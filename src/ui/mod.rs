//! The kit every screen draws with: the one context (`Ctx`: language, theme, time zone), clock
//! and date formats (`clock`, also used by the exports), fitting and wrapping text so that no word
//! is cut without "…" (`fit`), popups (`popup`), the screen frame (`frame`), the big countdown every screen of a run shows (`countdown`, drawn in
//! `big_digits`), the colours (`theme`),
//! the key type with its binding tables' lookup, help columns and hint bar (`keymap`), how
//! notes are labelled (`labels`), and the words naming a place in a run (`place`). The screens
//! (`stage`, `review`, `start`, `show`) and the exports depend
//! on this module; it depends on none of them.

use jiff::tz::TimeZone;

use crate::i18n::{Lang, Text};
use crate::ui::theme::Theme;

pub mod big_digits;
pub mod clock;
pub mod countdown;
pub mod deletion;
pub mod fit;
pub mod frame;
pub mod keymap;
pub mod labels;
pub mod on_stage;
pub mod place;
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
