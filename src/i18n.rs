//! Every word the interface shows, in Swedish and English, in one place (see GLOSSARY.md).
//!
//! Fixed words are fields of [`Text`]; words with numbers or names in them are methods, so that
//! each language can order them naturally.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    /// `--lang` if given, else Swedish when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `sv`.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            Lang::from_locale(&env)
        })
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// The fixed words of the interface.
#[derive(Debug)]
pub struct Text {
    pub lang: Lang,
    pub track: &'static str,
    pub meeting: &'static str,
    pub minutes_short: &'static str,
}

pub static SV: Text = Text {
    lang: Lang::Sv,
    track: "spår",
    meeting: "träff",
    minutes_short: "min",
};

pub static EN: Text = Text {
    lang: Lang::En,
    track: "track",
    meeting: "meeting",
    minutes_short: "min",
};

impl Text {
    /// "15 min".
    pub fn minutes(&self, m: i64) -> String {
        format!("{m} {}", self.minutes_short)
    }
}
