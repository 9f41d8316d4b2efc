//! `spar check [PATH]...`: validates session files and folders.
//!
//! Each finding is one line on standard error, `path:line:col: message` (warnings as
//! `path:line:col: warning: message`); a one-line summary goes to standard output. Exit code 2
//! when there are errors, 0 otherwise (warnings alone do not fail).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::Global;
use crate::i18n::Lang;
use crate::session::load::{Layer, Outcome, assemble};

pub fn run(global: &Global, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let outcome = check(&global.sessions, paths);
    let lang = Lang::resolve(global.lang);
    {
        let mut stderr = std::io::stderr().lock();
        for finding in &outcome.findings {
            let _ = writeln!(stderr, "{}", finding.render(lang));
        }
    }
    let text = lang.text();
    let summary = text.files_checked(outcome.files, outcome.errors(), outcome.warnings());
    super::list::write_out(&format!("{summary}\n"))?;
    Ok(if outcome.errors() > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// With no paths: every known session (shipped and `--sessions` folders). With paths: those
/// files and folders, checked against the known sessions (which they add to or override); a
/// missing `--sessions` folder is reported either way.
pub fn check(sessions_dirs: &[PathBuf], paths: &[PathBuf]) -> Outcome {
    let context = paths.is_empty();
    let mut layers = vec![Layer::shipped(context)];
    layers.extend(
        sessions_dirs
            .iter()
            .map(|dir| Layer::from_paths(std::slice::from_ref(dir), context)),
    );
    if !paths.is_empty() {
        layers.push(Layer::from_paths(paths, true));
    }
    assemble(layers)
}
