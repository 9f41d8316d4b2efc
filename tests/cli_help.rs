//! `spar --help` and each command's `--help`, as the real binary prints them at 100 columns.
//!
//! No standard stream is a terminal (stdin is null), so clap takes the width from `COLUMNS`.

use std::process::{Command, Stdio};

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(args)
        .stdin(Stdio::null())
        .env("COLUMNS", "100")
        .env_remove("SPAR_DATA_DIR")
        .env_remove("NO_COLOR")
        .output()
        .expect("spar runs");
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    assert!(out.stderr.is_empty(), "{args:?}");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

#[test]
fn main_help() {
    insta::assert_snapshot!("help", help(&["--help"]));
}

#[test]
fn short_help() {
    insta::assert_snapshot!("help_short", help(&["-h"]));
}

#[test]
fn command_help() {
    for command in ["list", "check", "run", "join", "runs", "review", "export"] {
        insta::assert_snapshot!(format!("help_{command}"), help(&[command, "--help"]));
    }
}

#[test]
fn help_lines_fit_100_columns() {
    for args in [&["--help"][..], &["check", "--help"], &["list", "--help"]] {
        for line in help(args).lines() {
            assert!(line.chars().count() <= 100, "{line}");
        }
    }
}

/// A command line that cannot be taken: one line in the user's language naming what is wrong
/// and which `--help` to read, exit 2 — not clap's English paragraph.
#[test]
fn a_bad_command_line_is_one_line_in_the_users_language() {
    let cases = [
        (
            &["export", "x", "--format", "pdf", "--lang", "sv"][..],
            "spar: ogiltigt värde ”pdf” för --format <FORMAT>; möjliga värden: md, html; se spar export --help",
        ),
        (
            &["runs", "--thme", "light", "--lang", "en"],
            "spar: unknown argument '--thme' (did you mean '--theme'?); see spar runs --help",
        ),
        (
            &["run", "--lang=sv"],
            "spar: <SESSION> saknas; se spar run --help",
        ),
    ];
    for (args, said) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_spar"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("spar runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), format!("{said}\n"));
        assert!(out.stdout.is_empty());
    }
}
