//! Key bindings as data: each view has one table of them, which drives its input, its `?` help
//! and its hint bar, so no key is described twice.

use ratatui::crossterm::event::KeyCode;

use crate::i18n::Text;

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
