//! Colours of the terminal views: dark, light and high contrast, and none under `NO_COLOR`.
//! Colour is never the only signal: every state also has words on screen.

use clap::ValueEnum;
use ratatui::style::{Color, Modifier, Style};

use crate::run::timer::Phase;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

/// The styles the views draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub accent: Style,
    pub border: Style,
    pub selected: Style,
    pub error: Style,
    pub ready: Style,
    pub running: Style,
    pub paused: Style,
    pub low: Style,
    pub over: Style,
}

impl Theme {
    /// `no_color` is whether `NO_COLOR` is set (to anything but the empty string).
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        let bold = Modifier::BOLD;
        let fg = |c: Color| Style::new().fg(c);
        match name {
            ThemeName::Dark => Theme {
                text: Style::new(),
                dim: fg(Color::Gray).add_modifier(Modifier::DIM),
                title: fg(Color::LightCyan).add_modifier(bold),
                accent: fg(Color::Cyan),
                border: fg(Color::DarkGray),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                error: fg(Color::LightRed).add_modifier(bold),
                ready: fg(Color::Gray),
                running: fg(Color::LightGreen),
                paused: fg(Color::LightBlue),
                low: fg(Color::Yellow),
                over: fg(Color::LightRed).add_modifier(bold),
            },
            ThemeName::Light => Theme {
                text: fg(Color::Black),
                dim: fg(Color::DarkGray),
                title: fg(Color::Blue).add_modifier(bold),
                accent: fg(Color::Blue),
                border: fg(Color::Gray),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                error: fg(Color::Red).add_modifier(bold),
                ready: fg(Color::DarkGray),
                running: fg(Color::Green),
                paused: fg(Color::Blue),
                // Indexed 130 (#af5f00): an amber that stays readable on white, without 24-bit colour.
                low: fg(Color::Indexed(130)),
                over: fg(Color::Red).add_modifier(bold),
            },
            ThemeName::HighContrast => Theme {
                text: fg(Color::White),
                dim: fg(Color::White),
                title: fg(Color::White).add_modifier(bold),
                accent: fg(Color::LightYellow).add_modifier(bold),
                border: fg(Color::White),
                selected: Style::new().fg(Color::Black).bg(Color::LightYellow),
                error: Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(bold),
                ready: fg(Color::White),
                running: fg(Color::LightGreen).add_modifier(bold),
                paused: fg(Color::LightCyan).add_modifier(bold),
                low: Style::new()
                    .fg(Color::Black)
                    .bg(Color::LightYellow)
                    .add_modifier(bold),
                over: Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(bold),
            },
        }
    }

    /// No colours at all; emphasis by bold and reverse only.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            accent: bold,
            border: plain,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            error: bold,
            ready: plain,
            running: plain,
            paused: plain,
            low: bold,
            over: Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        }
    }

    pub fn phase(&self, phase: Phase) -> Style {
        match phase {
            Phase::Ready => self.ready,
            Phase::Running => self.running,
            Phase::Paused => self.paused,
            Phase::Low => self.low,
            Phase::Over => self.over,
        }
    }
}

/// Whether `NO_COLOR` asks for no colour (https://no-color.org: set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Terminal.app before macOS 26 and older Windows consoles show no 24-bit colour.
    #[test]
    fn every_theme_uses_indexed_colours_only() {
        for name in ThemeName::value_variants() {
            let t = Theme::new(*name, false);
            let styles = [
                t.text, t.dim, t.title, t.accent, t.border, t.selected, t.error, t.ready,
                t.running, t.paused, t.low, t.over,
            ];
            for style in styles {
                for colour in [style.fg, style.bg].into_iter().flatten() {
                    assert!(
                        !matches!(colour, Color::Rgb(..)),
                        "{name:?} uses {colour:?}"
                    );
                }
            }
        }
    }
}
