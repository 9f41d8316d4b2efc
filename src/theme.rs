//! Colours of the terminal views: dark, light and high contrast, and none under `NO_COLOR`.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}
