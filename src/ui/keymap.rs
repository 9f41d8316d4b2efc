//! Key bindings as data: each view has one table of them, which drives its input, its `?` help
//! and its hint bar, so no key is described twice.

use ratatui::crossterm::event::KeyCode;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Text;
use crate::ui::theme::Theme;

/// One binding: the keys, how help writes them, what they do, and whether the hint bar shows it.
pub struct Binding<A: 'static> {
    pub keys: &'static [KeyCode],
    /// How the keys are written in help ("n →").
    pub label: &'static str,
    pub action: A,
    pub describe: fn(&Text) -> &'static str,
    /// Shown in the hint bar along the bottom of the view.
    pub hint: bool,
}

/// The action bound to `code` among `bindings`.
pub fn find<'a, A: Copy + 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
    code: KeyCode,
) -> Option<A> {
    bindings
        .into_iter()
        .find(|b| b.keys.contains(&code))
        .map(|b| b.action)
}

/// The first key bound twice among `bindings`, if any (for the tables' tests).
pub fn bound_twice<'a, A: 'static>(
    bindings: impl IntoIterator<Item = &'a Binding<A>>,
) -> Option<KeyCode> {
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
    let mut spans = Vec::new();
    let mut used = 0;
    for binding in bindings.into_iter().filter(|b| b.hint) {
        let words = (binding.describe)(text);
        let len = binding.label.width() + words.width() + 4;
        if used + len > usize::from(width) {
            break;
        }
        used += len;
        spans.push(Span::styled(format!(" {}", binding.label), theme.accent));
        spans.push(Span::styled(format!(" {words} "), theme.dim));
    }
    Line::from(spans)
}
