//! The Windows build, run under Wine: `spar.exe --version`, `list`, `check`, `export` (Markdown
//! and HTML) of a run made by this platform's build, and a bad run id, print what this
//! platform's `spar` prints, byte for byte, with the same exit codes.
//!
//! It needs Wine and a cross-built `spar.exe`, so `cargo test` skips it; `.ci/run` installs both
//! and runs it on the zip that `.ci/package` built, unpacked:
//! `SPAR_EXE=…/spar.exe cargo test --test windows_wine -- --ignored`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::runs::make_run;

/// The Windows binary, from `SPAR_EXE`.
fn spar_exe() -> String {
    std::env::var("SPAR_EXE").expect("SPAR_EXE names the spar.exe to run under Wine (see .ci/run)")
}

/// Debian installs the 64-bit loader outside PATH.
fn wine() -> String {
    std::env::var("WINE").unwrap_or_else(|_| "/usr/lib/wine/wine64".to_string())
}

/// A Unix path as Wine's Windows programs see it (drive Z: is the root).
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

fn native(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .expect("run spar")
}

fn windows(args: &[&str], data: &Path, prefix: &Path) -> Output {
    Command::new(wine())
        .arg(spar_exe())
        .args(["--lang", "en", "--data-dir"])
        .arg(windows_path(data))
        .args(args)
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "winemenubuilder.exe=d")
        .env("TZ", "UTC")
        .env_remove("DISPLAY")
        .output()
        .expect("run wine")
}

#[test]
#[ignore = "needs Wine and a cross-built spar.exe: .ci/run runs it"]
fn the_windows_build_lists_checks_and_exports_like_this_one() {
    let data = tempfile::tempdir().unwrap();
    let prefix = tempfile::tempdir().unwrap();
    let run = make_run(data.path());

    let cases: Vec<Vec<&str>> = vec![
        vec!["--version"],
        vec!["list"],
        vec!["check"],
        vec!["runs"],
        vec!["export", &run],
        vec!["export", &run, "--format", "html"],
        vec!["export", "no-such-run"],
    ];
    for args in cases {
        let want = native(&args, data.path());
        let got = windows(&args, data.path(), prefix.path());
        let shown = |o: &Output| {
            format!(
                "exit {:?}\n--- stdout\n{}--- stderr\n{}",
                o.status.code(),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        };
        assert_eq!(
            got.status.code(),
            want.status.code(),
            "spar {args:?}\nWindows:\n{}\nhere:\n{}",
            shown(&got),
            shown(&want)
        );
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "stdout of spar {args:?}"
        );
        if !want.status.success() {
            assert_eq!(
                String::from_utf8_lossy(&got.stderr).lines().count(),
                1,
                "one line naming what went wrong: {}",
                shown(&got)
            );
        }
    }
    let md = native(&["export", &run], data.path());
    assert!(String::from_utf8_lossy(&md.stdout).contains("Första anteckningen – åäö"));
}
