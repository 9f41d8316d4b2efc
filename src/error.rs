//! How failures reach the user: one line on stderr, exit 2 for bad input, 1 for anything else.

use crate::i18n::Lang;
use crate::session::problem::Problem;
use crate::session::validate::Finding;

/// Bad input from the user: a malformed file, an unknown session or run. Exits with code 2.
/// Rendered in the user's language by [`one_line`].
#[derive(Debug, thiserror::Error)]
pub enum BadInput {
    /// Words already in the user's language (or the system's).
    #[error("{0}")]
    Said(String),
    /// A problem with a named session or track.
    #[error("{0}")]
    Problem(Problem),
    /// A run named that is not there or cannot be read.
    #[error("{0}")]
    Store(crate::run::store::StoreError),
    /// The first error in the session files, and how many more there are.
    #[error("{}", Lang::En.text().and_more_errors(&first.to_string(), *more))]
    Findings { first: Finding, more: usize },
}

impl BadInput {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            BadInput::Said(words) => words.clone(),
            BadInput::Problem(problem) => problem.render(lang),
            BadInput::Store(err) => lang.text().store_error(err),
            BadInput::Findings { first, more: 0 } => first.render(lang),
            BadInput::Findings { first, more } => {
                lang.text().and_more_errors(&first.render(lang), *more)
            }
        }
    }
}

pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.chain().any(|e| e.is::<BadInput>()) {
        2
    } else {
        1
    }
}

/// The error and its causes on one line in `lang`, cleaned (`text::clean_line`).
pub fn one_line(err: &anyhow::Error, lang: Lang) -> String {
    let text = err
        .chain()
        .map(|e| {
            if let Some(bad) = e.downcast_ref::<BadInput>() {
                bad.render(lang)
            } else if let Some(store) = e.downcast_ref::<crate::run::store::StoreError>() {
                lang.text().store_error(store)
            } else {
                e.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ");
    crate::text::clean_line(&text)
}
