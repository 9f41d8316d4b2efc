//! A yes-or-no question on the terminal before a screen opens ("Fortsätta träffen från 14:02?
//! [J/n]"). An answer that is neither is asked again rather than taken as "no": a stray key must
//! not open a new run beside the one the facilitator meant to resume.

use std::io::{BufRead, Write};

/// Asks `prompt` on standard error until `answer` understands the line typed (trimmed and
/// lowercased). A closed input gives the answer of an empty line, so nothing waits forever.
pub fn ask(
    prompt: &str,
    input: &mut impl BufRead,
    answer: impl Fn(&str) -> Option<bool>,
) -> anyhow::Result<bool> {
    loop {
        eprint!("{prompt}");
        std::io::stderr().flush()?;
        let mut line = String::new();
        let closed = input.read_line(&mut line)? == 0;
        let line = line.trim().to_lowercase();
        match answer(&line) {
            Some(yes) => return Ok(yes),
            None if closed => return Ok(answer("").unwrap_or(false)),
            None => {}
        }
    }
}

/// "Fortsätta …? [J/n]": an empty line, j, ja, y or yes resumes; n, nej or no does not.
pub fn resume_answer(line: &str) -> Option<bool> {
    match line {
        "" | "j" | "ja" | "y" | "yes" => Some(true),
        "n" | "nej" | "no" => Some(false),
        _ => None,
    }
}

/// "Ta över (t) eller anteckna (a)? [t/A]": t takes over; an empty line, a or j (join) takes
/// notes.
pub fn take_over_answer(line: &str) -> Option<bool> {
    match line {
        "t" | "ta över" | "take over" => Some(true),
        "" | "a" | "anteckna" | "j" | "join" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclear_answer_is_asked_again() {
        let mut input = "i\nA note\nn\n".as_bytes();
        assert!(!ask("? ", &mut input, resume_answer).unwrap());
        assert!(input.is_empty(), "asked three times, read every line");
        let mut input = "x\nJa\n".as_bytes();
        assert!(ask("? ", &mut input, resume_answer).unwrap());
    }

    #[test]
    fn a_closed_input_takes_the_default() {
        let mut input = "".as_bytes();
        assert!(ask("? ", &mut input, resume_answer).unwrap());
        let mut input = "what\n".as_bytes();
        assert!(!ask("? ", &mut input, take_over_answer).unwrap());
    }

    #[test]
    fn answers() {
        assert_eq!(resume_answer(""), Some(true));
        assert_eq!(resume_answer("nej"), Some(false));
        assert_eq!(resume_answer("i"), None);
        assert_eq!(take_over_answer("t"), Some(true));
        assert_eq!(take_over_answer(""), Some(false));
        assert_eq!(take_over_answer("j"), Some(false));
        assert_eq!(take_over_answer("n"), None);
    }
}
