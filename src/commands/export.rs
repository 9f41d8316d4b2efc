//! `spar export RUN [--format md|html] [-o FILE]` and `spar export --track [ID]`: summaries to hand
//! to participants, on standard output or written atomically to a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::{catalog, data_dir, store_error};
use crate::cli::{Format, Global};
use crate::error::BadInput;
use crate::export::{self, RunDoc};
use crate::i18n::Lang;
use crate::run::state::RunState;
use crate::run::store::{LoadedRun, RunDir};
use crate::tui::event_loop::now_ms;

/// A loaded and folded run, kept together so that a `RunDoc` can borrow from it.
struct Folded {
    loaded: LoadedRun,
    state: RunState,
}

fn fold(dir: &RunDir) -> anyhow::Result<Folded> {
    let loaded = dir.load().map_err(store_error)?;
    for problem in &loaded.problems {
        eprintln!("spar: warning: {problem}");
    }
    let state = RunState::fold(Arc::new(loaded.header.session.clone()), &loaded.entries);
    Ok(Folded { loaded, state })
}

impl Folded {
    fn doc(&self, now: i64) -> RunDoc<'_> {
        RunDoc {
            run_id: &self.loaded.header.id,
            state: &self.state,
            track: self.loaded.header.track.as_ref(),
            started: self.loaded.header.started,
            now,
        }
    }
}

pub fn run(
    global: &Global,
    run: Option<&str>,
    track: Option<&str>,
    format: Option<Format>,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let tz = jiff::tz::TimeZone::system();
    let now = now_ms();
    let format = format.unwrap_or_else(|| output.map_or(Format::Md, format_of));
    let text = if let Some(track) = track {
        let catalog = catalog(global)?;
        let track = match track {
            "" => catalog.track.clone(),
            id => Some(catalog.track_named(id)?.clone()),
        };
        let meetings = track
            .as_ref()
            .map(|t| catalog.meetings_of(&t.id))
            .unwrap_or_default();
        let listings = data.list_runs().map_err(store_error)?;
        // Per meeting of the track, its latest run: every meeting once, in track order.
        let mut folded = Vec::new();
        for meeting in meetings {
            let latest = listings
                .iter()
                .rev()
                .find(|l| l.header.as_ref().is_ok_and(|h| h.session.id == meeting.id));
            if let Some(listing) = latest {
                folded.push(fold(&listing.dir)?);
            }
        }
        let docs: Vec<RunDoc> = folded.iter().map(|f| f.doc(now)).collect();
        export::track(track.as_ref(), &docs, format, lang, &tz)
    } else {
        let id = run.unwrap_or_default();
        let folded = fold(&data.find(id).map_err(store_error)?)?;
        export::run(&folded.doc(now), format, lang, &tz)
    };
    match output {
        Some(path) => {
            if !can_replace(path) {
                let words = lang.text().not_a_regular_file(&path.display().to_string());
                return Err(BadInput::Said(words).into());
            }
            crate::fsx::write_atomic(path, text.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `-o` replaces a regular file (atomically, by a rename) or makes a new one; anything else there
/// — a symlink, a FIFO, a device, a folder — is refused rather than renamed over.
fn can_replace(path: &Path) -> bool {
    std::fs::symlink_metadata(path).map_or(true, |meta| meta.file_type().is_file())
}

/// The format a file's name asks for: HTML for `.html` and `.htm`, else Markdown.
fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => {
            Format::Html
        }
        _ => Format::Md,
    }
}
