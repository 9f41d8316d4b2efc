//! A command line that cannot be taken (an unknown flag, a wrong value, a missing session), said
//! as one line in the user's language, naming what is wrong and where to read more — instead of
//! clap's English paragraph. `--help` and `--version` are clap's own.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Lang;

/// What was wrong with the command line, with the names the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    UnknownArgument {
        arg: String,
        suggested: Option<String>,
    },
    UnknownCommand {
        command: String,
        suggested: Option<String>,
    },
    InvalidValue {
        value: String,
        arg: String,
        valid: Vec<String>,
    },
    Missing {
        args: Vec<String>,
    },
    Conflict {
        arg: String,
        with: String,
    },
    /// Any other kind, in clap's words (English).
    Other(String),
}

/// The usage error and the command whose `--help` explains it ("spar run"), from the error and
/// the command line it came from.
pub fn read(err: &clap::Error, args: &[String]) -> (Usage, String) {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let list = |kind| match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let usage = match err.kind() {
        ErrorKind::UnknownArgument => Usage::UnknownArgument {
            arg,
            suggested: text(ContextKind::SuggestedArg),
        },
        ErrorKind::InvalidSubcommand => Usage::UnknownCommand {
            command: text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggested: text(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::InvalidValue => Usage::InvalidValue {
            value: text(ContextKind::InvalidValue).unwrap_or_default(),
            arg,
            valid: list(ContextKind::ValidValue),
        },
        ErrorKind::MissingRequiredArgument => Usage::Missing {
            args: list(ContextKind::InvalidArg),
        },
        ErrorKind::ArgumentConflict => Usage::Conflict {
            arg,
            with: text(ContextKind::PriorArg).unwrap_or_default(),
        },
        _ => Usage::Other(first_line(&err.to_string())),
    };
    let command = text(ContextKind::Usage)
        .map(|u| command_of(&u))
        .unwrap_or_else(|| subcommand_in(args));
    (usage, command)
}

/// "spar run" from "Usage: spar run [OPTIONS] <SESSION>".
fn command_of(usage: &str) -> String {
    let words: Vec<&str> = usage
        .trim_start()
        .trim_start_matches("Usage:")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "spar".to_string()
    } else {
        words.join(" ")
    }
}

/// "spar export" when the line names a command, else "spar".
fn subcommand_in(args: &[String]) -> String {
    use clap::CommandFactory;
    let cli = crate::cli::Cli::command();
    args.iter()
        .skip(1)
        .find(|a| cli.find_subcommand(a.as_str()).is_some())
        .map_or_else(|| "spar".to_string(), |sub| format!("spar {sub}"))
}

/// Clap's message without its "error: " and its tips.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

/// The language asked for on the command line itself (`--lang sv`, `--lang=en`), else the
/// environment's: the line clap could not parse still says which.
pub fn lang_of(args: &[String]) -> Lang {
    let flag = args.iter().enumerate().find_map(|(i, a)| {
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.as_str(),
            Some(rest) => rest.strip_prefix('=')?,
            None => return None,
        };
        match value {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    });
    Lang::resolve(flag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn usage(args: &[&str]) -> (Usage, String) {
        let args: Vec<String> = std::iter::once("spar")
            .chain(args.iter().copied())
            .map(String::from)
            .collect();
        let err = Cli::try_parse_from(&args).expect_err("a bad command line");
        read(&err, &args)
    }

    #[test]
    fn each_kind_names_what_the_user_typed() {
        assert_eq!(
            usage(&["runs", "--thme", "light"]),
            (
                Usage::UnknownArgument {
                    arg: "--thme".into(),
                    suggested: Some("--theme".into())
                },
                "spar runs".into()
            )
        );
        assert_eq!(
            usage(&["exprot"]).0,
            Usage::UnknownCommand {
                command: "exprot".into(),
                suggested: Some("export".into())
            }
        );
        assert_eq!(
            usage(&["export", "x", "--format", "pdf"]),
            (
                Usage::InvalidValue {
                    value: "pdf".into(),
                    arg: "--format <FORMAT>".into(),
                    valid: vec!["md".into(), "html".into()]
                },
                "spar export".into()
            )
        );
        assert!(matches!(usage(&["run"]).0, Usage::Missing { args } if args == ["<SESSION>"]));
        assert!(
            matches!(usage(&["runs", "extra"]).0, Usage::UnknownArgument { arg, .. } if arg == "extra")
        );
    }

    #[test]
    fn the_language_comes_from_the_line_itself() {
        let args = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args("spar run --lang sv --bogus")), Lang::Sv);
        assert_eq!(lang_of(&args("spar --lang=en run")), Lang::En);
    }
}
