//! How failures reach the user: one line on stderr, exit 2 for bad input, 1 for anything else.

/// Bad input from the user: a malformed file, an unknown session or run. Exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.chain().any(|e| e.is::<BadInput>()) {
        2
    } else {
        1
    }
}

/// The error and its causes on one line, cleaned (`text::clean_line`).
pub fn one_line(err: &anyhow::Error) -> String {
    let text = err
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ");
    crate::text::clean_line(&text)
}
