//! The door's questions on the terminal before a screen opens ("Fortsätta träffen som började
//! 14:02? [J/n]", "Anna leder träffen sedan 19:58 … Anteckna (Enter), ta över (t) eller avbryt (q)?").
//! An answer to the resume question that is not understood is asked again rather than taken as
//! "no": a stray key must not open a new run beside the one the facilitator meant to resume. One
//! to the on-stage question that is not understood joins, which displaces no one.

use std::io::{BufRead, IsTerminal, Write};

use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::Millis;
use crate::run::open::{Answer, Ask, AskResume, OnStage};

/// The door's questions asked on standard error, answered on standard input. Off a terminal
/// nothing can be asked: the line says what to type instead (exit 2).
pub struct TerminalAsk {
    pub lang: Lang,
}

impl AskResume for TerminalAsk {
    fn resume(&mut self, run: &str, started: Millis) -> anyhow::Result<bool> {
        let text = self.lang.text();
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(BadInput::Said(text.unfinished_run(run)).into());
        }
        let tz = jiff::tz::TimeZone::system();
        // The meeting's start, with its day when that was not today.
        let (day, today) = (
            crate::ui::clock::iso_date(started, &tz),
            crate::ui::clock::iso_date(crate::tui::event_loop::now_ms(), &tz),
        );
        let time = crate::ui::clock::hh_mm(started, &tz);
        let when = if day == today {
            time
        } else {
            format!("{day} {time}")
        };
        let prompt = text.resume_prompt(&when, run);
        ask(&prompt, &mut stdin.lock(), resume_answer)
    }
}

impl Ask for TerminalAsk {
    fn on_stage(&mut self, run: &str, who: &OnStage) -> anyhow::Result<Answer> {
        let text = self.lang.text();
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(BadInput::Said(text.facilitator_live(&who.name, run)).into());
        }
        let tz = jiff::tz::TimeZone::system();
        let line = text.on_stage(&who.name, &crate::ui::clock::hh_mm(who.since, &tz));
        ask(
            &text.on_stage_prompt(&line, run),
            &mut stdin.lock(),
            on_stage_answer,
        )
    }
}

/// Asks `prompt` on standard error until `answer` understands the line typed (trimmed and
/// lowercased). A closed input gives the answer of an empty line, so nothing waits forever.
pub fn ask<T>(
    prompt: &str,
    input: &mut impl BufRead,
    answer: impl Fn(&str) -> Option<T>,
) -> anyhow::Result<T> {
    loop {
        eprint!("{prompt}");
        std::io::stderr().flush()?;
        let mut line = String::new();
        let closed = input.read_line(&mut line)? == 0;
        let line = line.trim().to_lowercase();
        match answer(&line) {
            Some(yes) => return Ok(yes),
            None if closed => match answer("") {
                Some(default) => return Ok(default),
                None => anyhow::bail!("no answer"),
            },
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

/// "Anteckna (Enter), ta över (t) eller avbryt (q)?": every line is understood (see
/// [`crate::ui::on_stage::word`]); one not understood joins, which displaces no one.
pub fn on_stage_answer(line: &str) -> Option<Answer> {
    Some(crate::ui::on_stage::word(line))
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
        let answer = ask("? ", &mut input, on_stage_answer).unwrap();
        assert_eq!(answer, Answer::Join, "the default displaces no one");
    }

    #[test]
    fn answers() {
        assert_eq!(resume_answer(""), Some(true));
        assert_eq!(resume_answer("nej"), Some(false));
        assert_eq!(resume_answer("i"), None);
        assert_eq!(on_stage_answer("t"), Some(Answer::TakeOver));
        assert_eq!(on_stage_answer(""), Some(Answer::Join));
        assert_eq!(on_stage_answer("j"), Some(Answer::Join));
        assert_eq!(on_stage_answer("q"), Some(Answer::Cancel));
        assert_eq!(
            on_stage_answer("n"),
            Some(Answer::Join),
            "not understood: joins"
        );
    }
}
