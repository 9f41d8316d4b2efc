//! Key bindings as data. A key is a code with its modifiers ([`Key`]); each mode of each screen
//! has one table of [`Binding`]s, which drives its input ([`lookup`]), its `?` help
//! ([`help_lines`]) and its hint bar ([`hint_line`]), so no key is described twice. Every table's
//! test checks it with [`bound_twice`].

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Text;
use crate::ui::theme::Theme;

/// One key press as the tables write it: a code and the modifiers that count (Ctrl, Alt, Shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A printable character without modifiers ("n", "?", " ").
    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl and a lower-case letter ("Ctrl+U").
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: CTRL,
        }
    }

    /// `code` with `modifiers`.
    pub const fn with(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    /// The key of a terminal event, in the tables' spelling: only Ctrl, Alt and Shift count; a
    /// letter with Ctrl is lower case (Ctrl+Shift+Z arrives as `Z` or `z` with Shift, depending
    /// on the terminal); Shift is part of a character without Ctrl (`?`, `N`) and of Shift+Tab,
    /// so it is dropped there (some terminals report it, some do not).
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (CTRL | ALT | SHIFT);
        let code = match event.code {
            KeyCode::Char(c) if modifiers.contains(CTRL) && c.is_ascii_alphabetic() => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) => {
                modifiers.remove(SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                modifiers.remove(SHIFT);
                KeyCode::BackTab
            }
            code => code,
        };
        Key { code, modifiers }
    }
}

/// As help writes a key: "space", "n", "→", "PageDown", "Ctrl+U", "Alt+Enter", "Shift+Tab".
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (modifier, name) in [(CTRL, "Ctrl+"), (ALT, "Alt+"), (SHIFT, "Shift+")] {
            let implied = modifier == SHIFT && self.code == KeyCode::BackTab;
            if self.modifiers.contains(modifier) && !implied {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) if self.modifiers.contains(CTRL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::PageUp => f.write_str("PageUp"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::PageDown => f.write_str("PageDown"),
            KeyCode::BackTab => f.write_str("Shift+Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => write!(f, "{code}"),
        }
    }
}

/// One binding: the keys, what they do, and where they are shown.
pub struct Binding<A: 'static> {
    pub keys: &'static [Key],
    /// How many of `keys` help names; the rest are quiet aliases (PageDown for `n`).
    pub shown: usize,
    /// Help's own way of writing the keys ("j/y"), where it is not the keys' names.
    pub label: Option<&'static str>,
    pub action: A,
    pub describe: fn(&Text) -> &'static str,
    /// Shown in the hint bar along the bottom of the view.
    pub hint: bool,
    /// Listed in `?` help (Ctrl+C, which quits everywhere, is not).
    pub listed: bool,
}

impl<A: 'static> Binding<A> {
    /// A binding listed in help, not in the hint bar, that names all its keys.
    pub const fn new(keys: &'static [Key], action: A, describe: fn(&Text) -> &'static str) -> Self {
        Binding {
            keys,
            shown: keys.len(),
            label: None,
            action,
            describe,
            hint: false,
            listed: true,
        }
    }

    /// Also in the hint bar.
    pub const fn hint(mut self) -> Self {
        self.hint = true;
        self
    }

    /// Help names only the first `n` keys.
    pub const fn shown(mut self, n: usize) -> Self {
        self.shown = n;
        self
    }

    /// Help writes the keys as `label`.
    pub const fn label(mut self, label: &'static str) -> Self {
        self.label = Some(label);
        self
    }

    /// Not in help or the hint bar.
    pub const fn unlisted(mut self) -> Self {
        self.listed = false;
        self.hint = false;
        self
    }

    /// How help writes the keys: "n →", "Alt+Enter Ctrl+J".
    pub fn keys_label(&self) -> String {
        match self.label {
            Some(label) => label.to_string(),
            None => self.keys[..self.shown.min(self.keys.len())]
                .iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The action a key press has among `bindings`.
pub fn lookup<'a, A: Copy + 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
    event: KeyEvent,
) -> Option<A> {
    let key = Key::from_event(event);
    bindings
        .into_iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The first key bound twice among `bindings`, if any (for the tables' tests).
pub fn bound_twice<'a, A: 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
) -> Option<Key> {
    let mut seen = std::collections::HashSet::new();
    bindings
        .into_iter()
        .flat_map(|b| b.keys)
        .find(|key| !seen.insert(**key))
        .copied()
}

/// The hint bar: the bindings marked as hints, as many as fit in `width` columns.
pub fn hint_line<'a, A: 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
    text: &Text,
    theme: &Theme,
    width: u16,
) -> Line<'static> {
    let hints: Vec<(String, &str)> = bindings
        .into_iter()
        .filter(|b| b.hint)
        .map(|b| (b.keys_label(), (b.describe)(text)))
        .collect();
    let len = |(label, words): &(String, &str)| label.width() + words.width() + 3;
    // The last two hints of every table are help and quit (or close): they are always shown,
    // and the others fill the room left before them.
    let kept = hints.len().saturating_sub(2);
    let mut room = usize::from(width).saturating_sub(hints[kept..].iter().map(len).sum());
    let mut shown = Vec::new();
    for hint in &hints[..kept] {
        if len(hint) > room {
            break;
        }
        room -= len(hint);
        shown.push(hint);
    }
    shown.extend(&hints[kept..]);
    let mut spans = Vec::new();
    for (label, words) in shown {
        spans.push(Span::styled(format!(" {label}"), theme.accent));
        spans.push(Span::styled(format!(" {words} "), theme.dim));
    }
    Line::from(spans)
}

/// The listed bindings as help rows: how the keys are written, and what they do.
pub fn help_rows<'a, A: 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
    text: &Text,
) -> Vec<(String, &'static str)> {
    bindings
        .into_iter()
        .filter(|b| b.listed)
        .map(|b| (b.keys_label(), (b.describe)(text)))
        .collect()
}

/// Help lines in two columns, keys and words; the keys' column is as wide as its widest label
/// and two more, so no label runs into its words. A row without keys is a heading or a gap.
pub fn help_lines(rows: &[(String, &str)], theme: &Theme) -> Vec<Line<'static>> {
    let column = rows.iter().map(|(keys, _)| keys.width()).max().unwrap_or(0) + 2;
    rows.iter()
        .map(|(keys, words)| {
            if keys.is_empty() {
                return Line::from(Span::styled(words.to_string(), theme.title));
            }
            let pad = column - keys.width();
            Line::from(vec![
                Span::styled(format!("{keys}{:pad$}", ""), theme.accent),
                Span::styled(words.to_string(), theme.text),
            ])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_written_as_help_shows_them() {
        let names: Vec<String> = [
            Key::char(' '),
            Key::char('n'),
            Key::plain(KeyCode::Right),
            Key::plain(KeyCode::PageDown),
            Key::plain(KeyCode::Delete),
            Key::ctrl('u'),
            Key::with(KeyCode::Enter, ALT),
            Key::with(KeyCode::Char('z'), CTRL | SHIFT),
            Key::plain(KeyCode::BackTab),
            Key::plain(KeyCode::F(2)),
            Key::plain(KeyCode::Esc),
        ]
        .iter()
        .map(Key::to_string)
        .collect();
        let expected = [
            "space",
            "n",
            "→",
            "PageDown",
            "Del",
            "Ctrl+U",
            "Alt+Enter",
            "Ctrl+Shift+Z",
            "Shift+Tab",
            "F2",
            "Esc",
        ];
        assert_eq!(names, expected);
    }

    #[test]
    fn terminals_spell_the_same_key_alike() {
        let event = |code, modifiers| Key::from_event(KeyEvent::new(code, modifiers));
        assert_eq!(event(KeyCode::Char('?'), SHIFT), Key::char('?'));
        assert_eq!(event(KeyCode::Char('U'), CTRL), Key::ctrl('u'));
        assert_eq!(
            event(KeyCode::Char('Z'), CTRL | SHIFT),
            Key::with(KeyCode::Char('z'), CTRL | SHIFT)
        );
        assert_eq!(event(KeyCode::BackTab, SHIFT), Key::plain(KeyCode::BackTab));
        assert_eq!(
            event(KeyCode::Right, KeyModifiers::NONE),
            Key::plain(KeyCode::Right)
        );
    }
}
