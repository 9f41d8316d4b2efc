//! Where runs live: the data directory and one folder per run.
//!
//! ```text
//! DATA_DIR/runs/<run-id>/run.ron        header, written once, atomically (RunHeader, pretty RON)
//! DATA_DIR/runs/<run-id>/<writer>.ron   one journal per writing process (see `journal`)
//! ```
//!
//! Run ids are `YYYYMMDD-HHMM-<session-id>-<4 hex>` from the start time in UTC: they sort by
//! time, read well and do not collide across machines sharing a synced folder. Writer ids are
//! `<slug of the author's name>-<6 hex>`. Every `*.ron` in a run folder other than `run.ron` is a
//! journal whose writer is its file stem, or a sync tool's conflict copy of one, read with it
//! (`sync_files`). Files written by other processes and machines may be
//! damaged, huge or hostile: reading them never panics and never stalls; what is wrong is
//! reported as one-line problems.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::run::open::header::SetAside;

use super::event::{Entry, Millis};
use super::file_problem::{FileProblem, ProblemKind};
use super::journal::{JournalRead, JournalTail, JournalWriter};
use super::reader::Position;
use super::sync_files::{self, Engine, RunFile};
use crate::session::{Session, Track};

/// The header file of a run folder.
pub const HEADER_FILE: &str = "run.ron";
/// A header larger than this is not read (a session snapshot is a few kilobytes).
pub const MAX_HEADER: u64 = 16 << 20;
/// Damaged lines reported one by one per journal; the rest are counted in one more problem.
const MAX_PROBLEMS_PER_JOURNAL: usize = 20;

/// What `run.ron` holds: what was run, from which content, when and by whom. The session (and
/// track) are snapshots, so a saved run reads the same after its session file changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunHeader {
    pub id: String,
    pub session: Session,
    pub track: Option<Track>,
    pub started: Millis,
    /// Who started the run (the facilitator's name).
    pub by: String,
    /// The spar version that started the run.
    pub version: String,
    /// What the session copy held that is not valid, set aside when the header was read
    /// ([`check`](crate::run::open::header::check)); said by every view as a notice.
    #[serde(skip)]
    pub set_aside: Vec<SetAside>,
}

impl RunHeader {
    /// A header for a run starting now-ish at `started`, with a new id and this spar's version.
    pub fn new(session: Session, track: Option<Track>, started: Millis, by: &str) -> RunHeader {
        RunHeader {
            id: new_run_id(&session.id, started),
            session,
            track,
            started,
            by: by.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            set_aside: Vec::new(),
        }
    }
}

/// What can go wrong with the data directory and run folders. Each message is one line naming
/// the path and, for a failing file system, why; it is worded in the UI's word list
/// ([`Text::store_error`](crate::i18n::Text::store_error)), in English here.
#[derive(Debug)]
pub enum StoreError {
    NoDataDir,
    Io {
        action: FsAction,
        path: PathBuf,
        source: io::Error,
    },
    BadHeader {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    HeaderTooLarge {
        path: PathBuf,
    },
    HeaderUnreadable {
        path: PathBuf,
        why: Unreadable,
    },
    BadRunId {
        id: String,
    },
    UnknownRun {
        id: String,
        runs_dir: PathBuf,
    },
    AmbiguousRun {
        prefix: String,
        runs_dir: PathBuf,
        candidates: Vec<String>,
    },
    RunExists {
        path: PathBuf,
    },
}

/// What spar was doing with a path when the file system failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsAction {
    CreateFolder,
    CreateRunFolder,
    Read,
    ReadFolder,
    ReadRunFolder,
    Write,
    /// Open a journal of its own in a run folder.
    WriteIn,
}

/// Why a run header that is there cannot be read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    Missing,
    /// A folder, a FIFO, a device.
    NotAFile,
    NotUtf8,
    /// Its session copy has no agenda item: nothing to run (see
    /// [`check`](crate::run::open::header::check)).
    NoAgenda,
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.text().store_error(self))
    }
}

/// The I/O error's words are part of the message, so it has no `source` to print twice.
impl std::error::Error for StoreError {}

impl StoreError {
    /// Whether the user named something that is not there or is malformed (exit code 2), as
    /// opposed to a failing file system.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::BadHeader { .. }
                | StoreError::HeaderTooLarge { .. }
                | StoreError::HeaderUnreadable { .. }
                | StoreError::BadRunId { .. }
                | StoreError::UnknownRun { .. }
                | StoreError::AmbiguousRun { .. }
        )
    }

    pub fn io(action: FsAction, path: &Path, source: io::Error) -> StoreError {
        StoreError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }
}

/// The data directory: `--data-dir` / `SPAR_DATA_DIR`, else the platform's data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// `flag` is `--data-dir` (clap already fills it from `SPAR_DATA_DIR`); without it, the
    /// platform data directory (`~/.local/share/spar` on Linux). Nothing is created here.
    pub fn resolve(flag: Option<PathBuf>) -> anyhow::Result<DataDir> {
        match flag {
            Some(root) => Ok(DataDir { root }),
            None => directories::ProjectDirs::from("", "", "spar")
                .map(|dirs| DataDir {
                    root: dirs.data_dir().to_path_buf(),
                })
                .ok_or_else(|| StoreError::NoDataDir.into()),
        }
    }

    /// A data directory at `root` (tests, tools).
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn runs_dir(&self) -> PathBuf {
        self.root.join("runs")
    }

    /// Creates the run's folder and writes its header; fails if the folder exists.
    pub fn create_run(&self, header: RunHeader) -> Result<RunDir, StoreError> {
        if !is_valid_run_id(&header.id) {
            return Err(StoreError::BadRunId { id: header.id });
        }
        let runs = self.runs_dir();
        fs::create_dir_all(&runs).map_err(|e| StoreError::io(FsAction::CreateFolder, &runs, e))?;
        let run = self.run_dir(&header.id);
        if let Err(e) = fs::create_dir(&run.path) {
            return Err(if e.kind() == io::ErrorKind::AlreadyExists {
                StoreError::RunExists { path: run.path }
            } else {
                StoreError::io(FsAction::CreateRunFolder, &run.path, e)
            });
        }
        let header_path = run.header_path();
        let written = ron::ser::to_string_pretty(&header, ron::ser::PrettyConfig::new())
            .map_err(io::Error::other)
            .and_then(|text| crate::fsx::write_atomic(&header_path, text.as_bytes()))
            .and_then(|()| crate::fsx::sync_dir(&runs));
        if let Err(e) = written {
            let _ = fs::remove_dir(&run.path);
            return Err(StoreError::io(FsAction::Write, &header_path, e));
        }
        Ok(run)
    }

    /// The folder of run `id` (which need not exist).
    fn run_dir(&self, id: &str) -> RunDir {
        RunDir {
            id: id.to_owned(),
            path: self.runs_dir().join(id),
        }
    }

    /// The ids of the run folders, sorted (oldest first). No runs folder: none.
    fn run_ids(&self) -> Result<Vec<String>, StoreError> {
        let runs = self.runs_dir();
        let entries = match fs::read_dir(&runs) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(FsAction::ReadFolder, &runs, e)),
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().is_dir())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| is_valid_run_id(name))
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Every run folder, oldest first, with its header (or why it cannot be read) and journals.
    /// Only an unreadable runs folder is an error; a missing one has no runs.
    pub fn list_runs(&self) -> Result<Vec<RunListing>, StoreError> {
        Ok(self
            .run_ids()?
            .into_iter()
            .map(|id| {
                let dir = self.run_dir(&id);
                let header = dir.header();
                let journals = dir
                    .journals()
                    .map(|(journals, _)| journals.into_iter().map(|j| j.path).collect())
                    .unwrap_or_default();
                RunListing {
                    id,
                    dir,
                    header,
                    journals,
                }
            })
            .collect())
    }

    /// The run with this exact id, or else the only one whose id starts with it.
    pub fn find(&self, id_or_prefix: &str) -> Result<RunDir, StoreError> {
        let unknown = || StoreError::UnknownRun {
            id: id_or_prefix.to_owned(),
            runs_dir: self.runs_dir(),
        };
        if !is_valid_run_id(id_or_prefix) {
            return Err(unknown());
        }
        let ids = self.run_ids()?;
        if ids.iter().any(|id| id == id_or_prefix) {
            return Ok(self.run_dir(id_or_prefix));
        }
        let mut matches: Vec<String> = ids
            .into_iter()
            .filter(|id| id.starts_with(id_or_prefix))
            .collect();
        match matches.len() {
            0 => Err(unknown()),
            1 => Ok(self.run_dir(&matches.remove(0))),
            _ => Err(StoreError::AmbiguousRun {
                prefix: id_or_prefix.to_owned(),
                runs_dir: self.runs_dir(),
                candidates: matches,
            }),
        }
    }
}

/// One run folder as `list_runs` found it.
#[derive(Debug)]
pub struct RunListing {
    pub id: String,
    pub dir: RunDir,
    /// The header, or why it cannot be read: a listing shows the run either way.
    pub header: Result<RunHeader, StoreError>,
    /// Its journal files, sorted by name.
    pub journals: Vec<PathBuf>,
}

/// A run's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunDir {
    id: String,
    path: PathBuf,
}

/// A journal file of a run folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalFile {
    pub writer: String,
    pub path: PathBuf,
    /// A sync tool's conflict copy of `writer`'s journal, read with it: its lines that the
    /// journal lacks count, the others once.
    pub copy: Option<Engine>,
}

impl JournalFile {
    /// The file's name, as problems and notices name it.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The one-line notice for a conflict copy, e.g. `runs/<id>/anna-3fa9c2.sync-conflict-….ron:
    /// a Syncthing conflict copy of anna-3fa9c2.ron, read with it (lines in both count once)`.
    pub fn copy_notice(&self, run_id: &str) -> Option<FileProblem> {
        let kind = ProblemKind::ConflictCopy {
            engine: self.copy?,
            writer: self.writer.clone(),
        };
        Some(FileProblem::new(shown(run_id, &self.name()), None, kind))
    }
}

/// A run read from its folder: header, every writer's entries in fold order, and what was
/// wrong on the way.
#[derive(Debug, Clone)]
pub struct LoadedRun {
    pub header: RunHeader,
    /// All valid records of all journals, sorted by `Entry::order_key` (hybrid stamp, writer, seq).
    pub entries: Vec<Entry>,
    /// Each e.g. `runs/<id>/<writer>.ron:17: skipped a damaged line (checksum mismatch)`.
    /// Never fatal.
    pub problems: Vec<FileProblem>,
    /// Where each journal was read to (from its start, for one that could not be read): a
    /// live run opened from this read goes on from there ([`ReadSoFar`]).
    ///
    /// [`ReadSoFar`]: crate::run::reader::ReadSoFar
    pub positions: Vec<Position>,
}

impl RunDir {
    /// A run folder at `path` (its id is the folder name).
    pub fn at(path: impl Into<PathBuf>) -> RunDir {
        let path = path.into();
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        RunDir { id, path }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn header_path(&self) -> PathBuf {
        self.path.join(HEADER_FILE)
    }

    /// Reads and parses `run.ron`.
    pub fn header(&self) -> Result<RunHeader, StoreError> {
        let path = self.header_path();
        let unreadable = |why| StoreError::HeaderUnreadable {
            path: path.clone(),
            why,
        };
        // Looked at before it is opened (a FIFO named run.ron would block for ever), and never
        // through a link planted in the shared folder.
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Err(unreadable(Unreadable::NotAFile)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(unreadable(Unreadable::Missing));
            }
            Err(e) => return Err(StoreError::io(FsAction::Read, &path, e)),
        }
        let file = crate::fsx::open_regular(&path)
            .map_err(|e| StoreError::io(FsAction::Read, &path, e))?;
        let mut text = String::new();
        file.take(MAX_HEADER + 1)
            .read_to_string(&mut text)
            .map_err(|e| match e.kind() {
                io::ErrorKind::InvalidData => unreadable(Unreadable::NotUtf8),
                _ => StoreError::io(FsAction::Read, &path, e),
            })?;
        if text.len() as u64 > MAX_HEADER {
            return Err(StoreError::HeaderTooLarge { path });
        }
        let mut header = ron::Options::default()
            .with_recursion_limit(64)
            .from_str::<RunHeader>(&text)
            .map_err(|e| StoreError::BadHeader {
                path: path.clone(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: crate::text::clean_line(&e.code.to_string()),
            })?;
        crate::run::open::header::check(&mut header).map_err(unreadable)?;
        Ok(header)
    }

    /// Starts this process's journal `<writer>.ron` in the folder (see [`new_writer_id`]).
    pub fn open_writer(&self, writer: &str) -> io::Result<JournalWriter> {
        JournalWriter::create(&self.path, writer)
    }

    /// The journals in the folder, each before its sync tools' conflict copies, and problems
    /// with files that look like journals but are not (a folder named `*.ron`, an unknown name).
    /// Temporary files of sync tools are passed over (see [`sync_files`]).
    pub fn journals(&self) -> io::Result<(Vec<JournalFile>, Vec<FileProblem>)> {
        let mut journals = Vec::new();
        let mut problems = Vec::new();
        let mut names: Vec<String> = fs::read_dir(&self.path)?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        for name in names {
            let (writer, copy) = match sync_files::classify(&name) {
                RunFile::Header | RunFile::Ignored => continue,
                RunFile::Unknown => {
                    let kind = ProblemKind::NotAJournalName;
                    problems.push(FileProblem::new(self.display(&name), None, kind));
                    continue;
                }
                RunFile::Journal { writer } => (writer, None),
                RunFile::ConflictCopy { writer, engine } => (writer, Some(engine)),
            };
            journals.push(JournalFile {
                writer: writer.to_owned(),
                path: self.path.join(&name),
                copy,
            });
        }
        journals.sort_by(|a, b| {
            (&a.writer, a.copy.is_some(), &a.path).cmp(&(&b.writer, b.copy.is_some(), &b.path))
        });
        Ok((journals, problems))
    }

    /// What the header's session copy held that was set aside, as problems of `run.ron`.
    pub fn set_aside(&self, header: &RunHeader) -> Vec<FileProblem> {
        let file = self.display(HEADER_FILE);
        let problem =
            |s: &SetAside| FileProblem::new(file.clone(), None, ProblemKind::SetAside(s.clone()));
        header.set_aside.iter().map(problem).collect()
    }

    /// Reads the header and every journal. Damaged lines, torn tails and unreadable journals
    /// are reported in `problems`; only a missing or malformed header is an error.
    pub fn load(&self) -> Result<LoadedRun, StoreError> {
        self.load_with(self.header()?)
    }

    /// [`load`](Self::load) with the header already read (listing the runs reads it).
    pub fn load_with(&self, header: RunHeader) -> Result<LoadedRun, StoreError> {
        let (journals, mut problems) = self
            .journals()
            .map_err(|e| StoreError::io(FsAction::ReadRunFolder, &self.path, e))?;
        problems.extend(self.set_aside(&header));
        // Writers rank by id, as `Entry::order_key` compares them (not by file name: `a-b.ron`
        // sorts before `a.ron`, but writer `a` before `a-b`); a conflict copy ranks as its
        // journal.
        let mut writers: Vec<&str> = journals.iter().map(|j| j.writer.as_str()).collect();
        writers.sort_unstable();
        writers.dedup();
        let rank: Vec<usize> = journals
            .iter()
            .map(|j| writers.binary_search(&j.writer.as_str()).unwrap_or(0))
            .collect();
        // Per writer: where in `entries` each sequence number was first read.
        let mut seen: HashMap<&str, HashMap<u64, usize>> = HashMap::new();
        let mut entries = Vec::new();
        let mut keys = Vec::new();
        let mut positions = Vec::with_capacity(journals.len());
        for (file, journal) in journals.iter().enumerate() {
            let first = entries.len();
            problems.extend(journal.copy_notice(&self.id));
            let seen = seen.entry(journal.writer.as_str()).or_default();
            match JournalTail::read_whole(&journal.path) {
                Ok((read, tail)) => {
                    let damaged = read.skipped.len();
                    self.add_journal(journal, read, seen, &mut entries, &mut problems);
                    let file = journal.clone();
                    positions.push(Position {
                        file,
                        tail,
                        damaged,
                    });
                }
                Err(e) => {
                    problems.push(FileProblem::cannot_read(self.display(&journal.name()), &e));
                    let (file, tail) = (journal.clone(), JournalTail::new());
                    positions.push(Position {
                        file,
                        tail,
                        damaged: 0,
                    });
                }
            }
            keys.extend(
                entries[first..]
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.record.hlc(), rank[file], e.record.seq, first + i)),
            );
        }
        // Sort small keys, then move each entry once (entries are large to move around).
        keys.sort_unstable();
        let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
        let entries: Vec<Entry> = keys.iter().filter_map(|k| slots[k.3].take()).collect();
        Ok(LoadedRun {
            header,
            entries,
            problems,
            positions,
        })
    }

    /// Adds a journal's records whose sequence numbers its writer's files have not given yet
    /// (`seen`): a conflict copy or a segment adds only what the files read before lack. A
    /// number read before with another record keeps the first one read — the journal before
    /// its copies, as a live run reads them — and is said ([`ProblemKind::Divergent`]).
    fn add_journal(
        &self,
        file: &JournalFile,
        read: JournalRead,
        seen: &mut HashMap<u64, usize>,
        entries: &mut Vec<Entry>,
        problems: &mut Vec<FileProblem>,
    ) {
        let shown = self.display(&file.name());
        let mut reported = 0;
        let mut unreported = 0;
        let mut report = |line: Option<usize>, kind: ProblemKind| {
            if reported < MAX_PROBLEMS_PER_JOURNAL {
                problems.push(FileProblem::new(shown.clone(), line, kind));
                reported += 1;
            } else {
                unreported += 1;
            }
        };
        for skipped in &read.skipped {
            report(
                Some(skipped.line),
                ProblemKind::Skipped(skipped.reason.clone()),
            );
        }
        let writer: Arc<str> = Arc::from(file.writer.as_str());
        seen.reserve(read.records.len());
        entries.reserve(read.records.len());
        let first = entries.len();
        for record in read.records {
            if let Some(&at) = seen.get(&record.seq) {
                let kind = match () {
                    _ if entries[at].record == record => continue,
                    _ if at >= first => ProblemKind::RepeatedSequence(record.seq),
                    _ => ProblemKind::Divergent {
                        writer: file.writer.clone(),
                        seq: record.seq,
                    },
                };
                report(None, kind);
                continue;
            }
            seen.insert(record.seq, entries.len());
            entries.push(Entry {
                writer: writer.clone(),
                record,
            });
        }
        if unreported > 0 {
            let kind = ProblemKind::MoreLikeThese(unreported);
            problems.push(FileProblem::new(shown.clone(), None, kind));
        }
        if read.torn_tail {
            let kind = ProblemKind::TornTail;
            problems.push(FileProblem::new(shown, Some(read.lines + 1), kind));
        }
    }

    /// A file of this run as problems name it ([`shown`]).
    fn display(&self, name: &str) -> String {
        shown(&self.id, name)
    }
}

/// `runs/<id>/<name>`, as problems name files: a file name may hold escape sequences or bidi
/// controls, and the problem reaches a terminal.
pub fn shown(run_id: &str, name: &str) -> String {
    format!("runs/{run_id}/{}", crate::text::clean_line(name))
}

/// Whether `id` can name a run folder: 1 to 128 ASCII letters, digits, `-` or `_`, not starting
/// with `-`. (Also what `find` accepts as a prefix.)
pub fn is_valid_run_id(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `YYYYMMDD-HHMM-<session>-<4 hex>`: the start time in UTC, the session id (as a slug) and
/// 16 random bits.
pub fn new_run_id(session_id: &str, started: Millis) -> String {
    let time = jiff::Timestamp::from_millisecond(started)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%d-%H%M");
    let session = match slug(session_id) {
        s if s.is_empty() => "run".to_owned(),
        s => s,
    };
    format!("{time}-{session}-{:04x}", crate::fsx::random_u64() & 0xffff)
}

/// `<slug of name>-<6 hex>`, e.g. `asa-lindqvist-3fa9c2` for "Åsa Lindqvist".
pub fn new_writer_id(name: &str) -> String {
    let mut base = slug(name);
    if base.is_empty() {
        base = "writer".to_owned();
    }
    format!("{base}-{:06x}", crate::fsx::random_u64() & 0xff_ffff)
}

/// Lowercase ASCII letters, digits and single dashes, at most 40 characters: Swedish and other
/// common accented letters lose their accents (å, ä → a, ö → o), other characters become dashes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' | 'æ' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            'ß' => 's',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        if out.len() >= 40 {
            break;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
