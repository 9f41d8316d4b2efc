//! Stamps the commit spar is built from into `spar --version` ("spar 0.1.0 (4988d05a1c, 2026-12-06)"),
//! so that a download can be traced to its source.
//!
//! Hand-written rather than `vergen`/`built`: two `git` calls are all it needs, and a crate for
//! them would bring its own dependency tree into every build. Without git (a source archive) the
//! version is the bare package version; `SPAR_COMMIT` overrides the commit for builds outside a
//! checkout.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=SPAR_COMMIT");
    // Build again when HEAD moves: the file HEAD, the branch it names, and packed refs.
    for path in ["HEAD", "packed-refs"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(file) = git(&["rev-parse", "--git-path", &branch])
    {
        println!("cargo:rerun-if-changed={file}");
    }
    let commit = std::env::var("SPAR_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=10", "HEAD"]));
    let date = git(&["log", "-1", "--format=%cs"]);
    let stamp = match (commit, date) {
        (Some(commit), Some(date)) => format!(" ({commit}, {date})"),
        (Some(commit), None) => format!(" ({commit})"),
        _ => String::new(),
    };
    println!("cargo:rustc-env=SPAR_BUILT_FROM={stamp}");
}
