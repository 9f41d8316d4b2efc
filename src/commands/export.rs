//! `spar export RUN [--format md|html] [-o FILE]` and `spar export --track [ID]`: summaries to hand
//! to participants, on standard output or written atomically to a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{catalog, data_dir, store_error};
use crate::cli::{Format, Global};
use crate::error::BadInput;
use crate::export::{self, Around, RunDoc, TrackDoc, TrackMeeting, Which};
use crate::i18n::Lang;
use crate::run::catalog::time_spent::TimeReport;
use crate::run::catalog::{FoldedRun, SavedRun, TrackView};
use crate::run::file_problem::FileProblem;
use crate::run::store::{FsAction, StoreError};
use crate::session::load::Catalog;
use crate::tui::event_loop::now_ms;

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
        let view = TrackView::load(&data, &catalog, now).map_err(store_error)?;
        for run in &view.unreadable {
            let problem = lang.text().store_error(&run.problem);
            warn(&format!("{}: {problem}", run.id), lang);
        }
        // Every meeting of the track once, in track order: its run that counts, else to come.
        let sessions = track
            .as_ref()
            .map(|t| catalog.meetings_of(&t.id))
            .unwrap_or_default();
        let meetings = sessions
            .iter()
            .map(|session| match view.counted(&session.id) {
                Some(run) => {
                    warn_all(&run.problems, lang);
                    TrackMeeting::Held(RunDoc {
                        around: around(&view, run, &catalog),
                        ..RunDoc::of(&run.header, &run.state, now)
                    })
                }
                None => TrackMeeting::ToCome(session),
            })
            .collect();
        let mut time = TimeReport::of(&view, now);
        time.meetings
            .retain(|m| sessions.iter().any(|s| s.id == m.session));
        let doc = TrackDoc {
            track: track.as_ref(),
            meetings,
            time,
        };
        export::track(&doc, format, lang, &tz)
    } else {
        let id = run.unwrap_or_default();
        let dir = data.find(id).map_err(store_error)?;
        let run = FoldedRun::read(dir, now).map_err(store_error)?;
        warn_all(&run.problems, lang);
        // Which run of its meeting this is, and the next meeting: from the catalog and the
        // other runs, when they can be read (an export of one run never fails for them).
        let catalog = catalog(global).ok();
        let view = catalog
            .as_ref()
            .and_then(|c| TrackView::load(&data, c, now).ok());
        let saved = view
            .as_ref()
            .and_then(|v| v.find_run(run.dir.id()).map(|i| &v.runs[i]));
        let doc = RunDoc {
            around: match (&view, saved, &catalog) {
                (Some(view), Some(saved), Some(catalog)) => around(view, saved, catalog),
                _ => Around::default(),
            },
            ..RunDoc::of(&run.header, &run.state, now)
        };
        export::run(&doc, format, lang, &tz)
    };
    match output {
        Some(path) => {
            let shown = path.display().to_string();
            match target(path) {
                Target::Refused => {
                    let words = lang.text().not_a_regular_file(&shown);
                    return Err(BadInput::Said(words).into());
                }
                Target::ReadOnly => {
                    return Err(BadInput::Said(lang.text().read_only_target(&shown)).into());
                }
                Target::Linked => write_in_place(path, text.as_bytes()),
                Target::Replaceable => crate::fsx::write_atomic(path, text.as_bytes()),
            }
            .map_err(|e| write_error(path, e))?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Which run of its meeting `run` is, and the next meeting of its track.
fn around<'a>(view: &TrackView, run: &SavedRun, catalog: &'a Catalog) -> Around<'a> {
    let session = &run.header.session;
    let meetings = catalog.meetings_of(&session.track);
    let place = meetings.iter().position(|m| m.id == session.id);
    Around {
        which: Some(Which {
            counts: run.counts,
            discarded: run.discarded,
            others: view.others(run),
        }),
        next: place.and_then(|i| meetings.get(i + 1).copied()),
        last: place.is_some_and(|i| i + 1 == meetings.len()),
    }
}

/// A run read with trouble is still exported; what was skipped is said on standard error.
fn warn(problem: &str, lang: Lang) {
    eprintln!("spar: {}{problem}", lang.text().warning_prefix());
}

fn warn_all(problems: &[FileProblem], lang: Lang) {
    for problem in problems {
        warn(&lang.text().file_problem(problem), lang);
    }
}

/// `-o` names a place that cannot be written (no such folder, no permission): bad input, exit 2;
/// a failing disk is not the user's input, exit 1.
fn write_error(path: &Path, e: std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind as K;
    let named_wrong = matches!(
        e.kind(),
        K::NotFound
            | K::PermissionDenied
            | K::NotADirectory
            | K::IsADirectory
            | K::ReadOnlyFilesystem
    );
    let err = StoreError::io(FsAction::Write, path, e);
    if named_wrong {
        BadInput::Store(err).into()
    } else {
        err.into()
    }
}

/// What `-o` finds at its path.
enum Target {
    /// Nothing, or a regular file with one name: replaced atomically, by a rename.
    Replaceable,
    /// A regular file with other names (hard links): written in place, so that every name
    /// shows the new export (a rename would leave the others with the old one).
    Linked,
    /// A file marked read-only: its owner asked that it not change.
    ReadOnly,
    /// A symlink, a FIFO, a device, a folder: refused rather than renamed over or followed.
    Refused,
}

fn target(path: &Path) -> Target {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Target::Replaceable;
    };
    if !meta.file_type().is_file() {
        Target::Refused
    } else if meta.permissions().readonly() {
        Target::ReadOnly
    } else if links(path, &meta) > 1 {
        Target::Linked
    } else {
        Target::Replaceable
    }
}

#[cfg(unix)]
fn links(_path: &Path, meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

/// Windows' link count is not in stable std: `GetFileInformationByHandle`'s `nNumberOfLinks`,
/// through winapi-util (already there for same-file). A file that cannot be opened to ask
/// counts as one name: it is replaced by a rename, as before.
#[cfg(windows)]
fn links(path: &Path, _meta: &std::fs::Metadata) -> u64 {
    std::fs::File::open(path)
        .and_then(|file| winapi_util::file::information(&file))
        .map_or(1, |info| info.number_of_links())
}

/// Writes over a file that has other names, keeping it the same file. Opened without
/// following a link (one swapped in since it was looked at is refused) and checked to be the
/// file looked at, before it is cut to the new length.
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    if !file.metadata()?.file_type().is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    file.set_len(0)?;
    file.write_all(bytes)?;
    file.sync_all()
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
