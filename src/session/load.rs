//! Loading sessions: the shipped track, then each `--sessions` folder, each adding to and
//! overriding the ones before it by id; and the checks across files (duplicate ids, unknown
//! tracks and meetings) that need every file at hand.
//!
//! Nothing here panics on any input: every problem is a [`Finding`] naming the file, and the
//! line and column where there is one.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use super::parse::{Content, FileKind, Pos, Seg, file_kind, parse_content, quote};
use super::shipped;
use super::validate::{self, Finding, Issue};
use super::{Session, Track};
use crate::error::BadInput;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where a session or track comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary.
    Shipped,
    /// A file in a `--sessions` folder, or named to `spar check`.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Shipped => f.write_str("shipped"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One file, read and parsed.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path as shown in messages.
    pub path: String,
    pub origin: Origin,
    pub text: Cow<'static, str>,
    pub content: Content,
}

/// A set of files that adds to and overrides the sets before it by id.
#[derive(Debug, Default)]
pub struct Layer {
    /// Each file, or why it could not be read or parsed.
    pub files: Vec<Result<Loaded, Finding>>,
    /// Named paths that are not files with sessions in them (missing, empty folder); always
    /// reported.
    pub problems: Vec<Finding>,
    /// Whether findings in these files are reported (else the layer is only context).
    pub report: bool,
}

impl Layer {
    /// The shipped track and sessions.
    pub fn shipped(report: bool) -> Layer {
        let files = shipped::FILES
            .iter()
            .map(|&(path, text)| parse(path, Origin::Shipped, Cow::Borrowed(text)))
            .collect();
        Layer {
            files,
            problems: Vec::new(),
            report,
        }
    }

    /// The files named, each a file or a folder of `*.ron` files. A file named twice is read
    /// once.
    pub fn from_paths(paths: &[PathBuf], report: bool) -> Layer {
        let mut layer = Layer {
            report,
            ..Layer::default()
        };
        let mut seen = HashSet::new();
        for path in paths {
            match files_in(path) {
                Err(problem) => layer.problems.push(problem),
                Ok(files) => {
                    for file in files {
                        let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                        if seen.insert(key) {
                            layer.files.push(read_and_parse(&file));
                        }
                    }
                }
            }
        }
        layer
    }
}

/// The files of a path: the file itself, or a folder's `*.ron` files (not its subfolders),
/// sorted by name.
pub fn files_in(path: &Path) -> Result<Vec<PathBuf>, Finding> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Finding::error(&shown, None, "no such file or folder"),
        _ => Finding::error(&shown, None, format!("cannot read: {}", io_words(&e))),
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = fs::read_dir(path)
        .map_err(|e| Finding::error(&shown, None, format!("cannot read: {}", io_words(&e))))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("ron"))
                && fs::metadata(p).is_ok_and(|m| m.is_file())
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Finding::error(
            &shown,
            None,
            "no session files (*.ron) in this folder",
        ));
    }
    Ok(files)
}

/// Reads a file, refusing it before parsing when too large, empty, binary or not UTF-8.
pub fn read_file(path: &Path) -> Result<String, Finding> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => Finding::error(&shown, None, "no such file or folder"),
        _ => Finding::error(&shown, None, format!("cannot read: {}", io_words(&e))),
    };
    let file = fs::File::open(path).map_err(cannot)?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(too_large(&shown, Some(len)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(&shown, None));
    }
    decode(&shown, &bytes)
}

fn too_large(path: &str, len: Option<u64>) -> Finding {
    let size = match len {
        Some(len) => format!("{:.1} MB", len as f64 / 1_000_000.0),
        None => return Finding::error(path, None, "file is too large (at most 1 MiB)"),
    };
    Finding::error(
        path,
        None,
        format!("file is too large ({size}; at most 1 MiB)"),
    )
}

/// The text of a file's bytes: refuses empty, binary and non-UTF-8 files and drops a leading
/// byte order mark.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Finding> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, Some(bytes.len() as u64)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Finding::error(path, None, "file is empty"));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Finding::error(
            path,
            None,
            "file is UTF-16 text; save it as UTF-8",
        ));
    }
    if bytes.contains(&0) {
        return Err(Finding::error(
            path,
            None,
            "binary file (it has NUL bytes), not a session file",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(Finding::error(
                path,
                Some(Pos::after(good)),
                "not valid UTF-8 text (save the file as UTF-8)",
            ));
        }
    };
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string())
}

/// Parses a file's text as a track or a session.
pub fn parse(path: &str, origin: Origin, text: Cow<'static, str>) -> Result<Loaded, Finding> {
    match parse_content(&text) {
        Ok(content) => Ok(Loaded {
            path: path.to_string(),
            origin,
            text,
            content,
        }),
        Err(err) => Err(Finding::error(path, err.pos, err.message)),
    }
}

fn read_and_parse(path: &Path) -> Result<Loaded, Finding> {
    let text = read_file(path)?;
    parse(
        &path.display().to_string(),
        Origin::File(path.to_path_buf()),
        Cow::Owned(text),
    )
}

/// An I/O error in a few plain words, without "(os error 13)".
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

/// The sessions known to spar: the shipped ones and those of `--sessions` folders.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The track the sessions belong to: the one named by the `--sessions` folders' sessions
    /// if any, else the shipped Dalaspåret.
    pub track: Option<Track>,
    /// The track's meetings in order, then any other sessions sorted by id.
    pub sessions: Vec<Session>,
    /// Where each of `sessions` comes from.
    pub origins: Vec<Origin>,
    /// How many of `sessions` are the track's meetings.
    in_track: usize,
}

impl Catalog {
    /// The meetings of the track, in order.
    pub fn meetings(&self) -> &[Session] {
        &self.sessions[..self.in_track]
    }

    pub fn get(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The 1-based place of a meeting in the track.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.meetings()
            .iter()
            .position(|s| s.id == id)
            .map(|i| i + 1)
    }

    pub fn origin(&self, id: &str) -> Option<&Origin> {
        let i = self.sessions.iter().position(|s| s.id == id)?;
        self.origins.get(i)
    }

    /// A session by its id, or by its 1-based place in the track (`spar run 3`).
    pub fn find(&self, name: &str) -> Result<&Session, BadInput> {
        if let Some(session) = self.get(name) {
            return Ok(session);
        }
        let n = self.in_track;
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
            return match name.parse::<usize>() {
                Ok(i) if (1..=n).contains(&i) => Ok(&self.sessions[i - 1]),
                _ if n == 0 => Err(BadInput(format!(
                    "there is no meeting {}: no track is loaded",
                    quote(name)
                ))),
                _ => Err(BadInput(format!(
                    "there is no meeting {}: the track has {n} (1–{n})",
                    quote(name)
                ))),
            };
        }
        let known: Vec<&str> = self.sessions.iter().map(|s| s.id.as_str()).collect();
        Err(BadInput(if known.is_empty() {
            format!("unknown session {}; there are no sessions", quote(name))
        } else {
            format!(
                "unknown session {}; known sessions: {}",
                quote(name),
                known.join(", ")
            )
        }))
    }
}

/// What loading found: the catalog, the problems of the reported files, and how many files
/// were read for the report.
#[derive(Debug)]
pub struct Outcome {
    pub catalog: Catalog,
    pub findings: Vec<Finding>,
    pub files: usize,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// The shipped sessions and those of each `--sessions` folder, later folders overriding
/// earlier ones; fails with the first error, if any (`spar check` shows them all).
pub fn load_catalog(extra_dirs: &[PathBuf]) -> Result<Catalog, BadInput> {
    let mut layers = vec![Layer::shipped(true)];
    layers.extend(
        extra_dirs
            .iter()
            .map(|dir| Layer::from_paths(std::slice::from_ref(dir), true)),
    );
    let outcome = assemble(layers);
    let mut errors = outcome.findings.iter().filter(|f| f.is_error());
    match errors.next() {
        None => Ok(outcome.catalog),
        Some(first) => {
            let more = errors.count();
            Err(BadInput(if more == 0 {
                first.to_string()
            } else {
                format!("{first} (and {more} more; spar check shows them all)")
            }))
        }
    }
}

/// Every finding for one file's bytes on their own: for tests that no input makes the loader
/// panic.
pub fn check_bytes(path: &str, bytes: &[u8]) -> Vec<Finding> {
    let file = decode(path, bytes)
        .and_then(|text| parse(path, Origin::File(PathBuf::from(path)), Cow::Owned(text)));
    assemble(vec![Layer {
        files: vec![file],
        problems: Vec::new(),
        report: true,
    }])
    .findings
}

struct Slot {
    loaded: Loaded,
    layer: usize,
    report: bool,
}

impl Slot {
    fn session(&self) -> Option<&Session> {
        match &self.loaded.content {
            Content::Session(s) => Some(s),
            Content::Track(_) => None,
        }
    }

    fn track(&self) -> Option<&Track> {
        match &self.loaded.content {
            Content::Track(t) => Some(t),
            Content::Session(_) => None,
        }
    }

    fn findings(&self, issues: Vec<Issue>) -> Vec<Finding> {
        validate::locate(&self.loaded.path, &self.loaded.text, issues)
    }
}

/// Builds the catalog from layers of files and checks every reported file, on its own and
/// against the others.
pub fn assemble(layers: Vec<Layer>) -> Outcome {
    let mut findings = Vec::new();
    let mut files = 0;
    let mut slots: Vec<Slot> = Vec::new();
    let mut rank: HashMap<String, usize> = HashMap::new();
    let mut seen = |path: &str| {
        let next = rank.len();
        rank.entry(path.to_string()).or_insert(next);
    };
    for (layer_no, layer) in layers.into_iter().enumerate() {
        for problem in &layer.problems {
            seen(&problem.path);
        }
        findings.extend(layer.problems);
        if layer.report {
            files += layer.files.len();
        }
        for file in layer.files {
            match file {
                Err(finding) => {
                    if layer.report {
                        seen(&finding.path);
                        findings.push(finding);
                    }
                }
                Ok(loaded) => {
                    if layer.report {
                        seen(&loaded.path);
                    }
                    slots.push(Slot {
                        loaded,
                        layer: layer_no,
                        report: layer.report,
                    });
                }
            }
        }
    }

    // Each file on its own.
    for slot in slots.iter().filter(|s| s.report) {
        let issues = match &slot.loaded.content {
            Content::Session(s) => validate::session_issues(s),
            Content::Track(t) => validate::track_issues(t),
        };
        findings.extend(slot.findings(issues));
    }

    // Ids: a later layer overrides an earlier one; the same id twice in a layer is an error.
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    let mut tracks: HashMap<&str, usize> = HashMap::new();
    for (i, slot) in slots.iter().enumerate() {
        let (id, what, map) = match &slot.loaded.content {
            Content::Session(s) => (s.id.as_str(), "session", &mut sessions),
            Content::Track(t) => (t.id.as_str(), "track", &mut tracks),
        };
        match map.get(id) {
            Some(&j) if slots[j].layer == slot.layer => {
                if slot.report {
                    findings.extend(slot.findings(vec![Issue::error(
                        &[Seg::Field("id")],
                        format!(
                            "{what} id {} is already used by {}",
                            quote(id),
                            slots[j].loaded.path
                        ),
                    )]));
                }
            }
            _ => {
                map.insert(id, i);
            }
        }
    }

    // Across files: sessions name known tracks, tracks name known sessions.
    let mut session_slots: Vec<usize> = sessions.values().copied().collect();
    session_slots.sort_unstable();
    let mut track_slots: Vec<usize> = tracks.values().copied().collect();
    track_slots.sort_unstable();
    for &i in &session_slots {
        let slot = &slots[i];
        let Some(s) = slot.session() else { continue };
        if !slot.report || s.track.trim().is_empty() {
            continue;
        }
        let issue = match tracks.get(s.track.as_str()) {
            None => {
                let known: BTreeMap<&str, ()> = tracks.keys().map(|k| (*k, ())).collect();
                let known: Vec<&str> = known.into_keys().collect();
                Some(Issue::error(
                    &[Seg::Field("track")],
                    if known.is_empty() {
                        format!(
                            "unknown track {}; there are no track files",
                            quote(&s.track)
                        )
                    } else {
                        format!(
                            "unknown track {}; known tracks: {}",
                            quote(&s.track),
                            known.join(", ")
                        )
                    },
                ))
            }
            Some(&t) => {
                let track_slot = &slots[t];
                let listed = track_slot
                    .track()
                    .is_some_and(|track| track.meetings.contains(&s.id));
                (!listed).then(|| {
                    Issue::warning(
                        &[Seg::Field("id")],
                        format!(
                            "session {} is not among the meetings of track {} ({})",
                            quote(&s.id),
                            quote(&s.track),
                            track_slot.loaded.path
                        ),
                    )
                })
            }
        };
        if let Some(issue) = issue {
            findings.extend(slot.findings(vec![issue]));
        }
    }
    for &i in &track_slots {
        let slot = &slots[i];
        let Some(t) = slot.track() else { continue };
        if !slot.report {
            continue;
        }
        let mut issues = Vec::new();
        for (m, id) in t.meetings.iter().enumerate() {
            let at = [Seg::Field("meetings"), Seg::Index(m)];
            match sessions.get(id.as_str()).and_then(|&j| slots[j].session()) {
                None => issues.push(Issue::error(
                    &at,
                    format!("meeting {}: no session has this id", quote(id)),
                )),
                Some(s) if s.track != t.id => issues.push(Issue::error(
                    &at,
                    format!(
                        "meeting {} belongs to track {}, not {}",
                        quote(id),
                        quote(&s.track),
                        quote(&t.id)
                    ),
                )),
                Some(_) => {}
            }
        }
        findings.extend(slot.findings(issues));
    }

    // The catalog's track: named by the sessions of the last folder, else the last folder's
    // own track, else the shipped one.
    let track_slot = session_slots
        .iter()
        .rev()
        .filter(|&&i| slots[i].layer > 0)
        .find_map(|&i| tracks.get(slots[i].session()?.track.as_str()).copied())
        .or_else(|| {
            track_slots
                .iter()
                .rev()
                .find(|&&i| slots[i].layer > 0)
                .copied()
        })
        .or_else(|| tracks.get(shipped::TRACK_ID).copied())
        .or_else(|| track_slots.first().copied());
    let track = track_slot.and_then(|i| slots[i].track().cloned());

    let mut order: Vec<usize> = Vec::new();
    let mut placed = HashSet::new();
    if let Some(track) = &track {
        for id in &track.meetings {
            if let Some(&i) = sessions.get(id.as_str()) {
                if slots[i].session().is_some_and(|s| s.track == track.id) && placed.insert(i) {
                    order.push(i);
                }
            }
        }
    }
    let in_track = order.len();
    let mut rest: Vec<usize> = session_slots
        .iter()
        .copied()
        .filter(|i| !placed.contains(i))
        .collect();
    rest.sort_by(|&a, &b| {
        let id = |i: usize| slots[i].session().map(|s| s.id.as_str()).unwrap_or("");
        id(a).cmp(id(b))
    });
    order.extend(rest);

    let mut catalog = Catalog {
        track,
        in_track,
        ..Catalog::default()
    };
    for i in order {
        if let Some(s) = slots[i].session() {
            catalog.sessions.push(s.clone());
            catalog.origins.push(slots[i].loaded.origin.clone());
        }
    }

    // Findings by file in the order the files were read, then by place in the file.
    findings.sort_by_key(|f| (rank.get(&f.path).copied().unwrap_or(usize::MAX), f.pos));

    Outcome {
        catalog,
        findings,
        files,
    }
}

/// Whether a file's text is a track (as opposed to a session).
pub fn is_track(text: &str) -> bool {
    file_kind(text) == FileKind::Track
}
