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

use super::parse::{Content, FileKind, Pos, Seg, clean, file_kind, parse_content, recover};
use super::problem::{self, IoWhy, Problem};
use super::shipped;
use super::source::{SessionFile, StructureFile};
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
    /// Syntax errors read past: the content lacks the agenda entries that held them (see
    /// `parse::recover`). Empty for a file that read whole.
    pub faults: Vec<Finding>,
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
        ErrorKind::NotFound => Finding::error(&shown, None, Problem::NoSuchPath),
        _ => Finding::error(&shown, None, Problem::CannotRead(io_words(&e))),
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = fs::read_dir(path)
        .map_err(|e| Finding::error(&shown, None, Problem::CannotRead(io_words(&e))))?;
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
        return Err(Finding::error(&shown, None, Problem::NoSessionFiles));
    }
    Ok(files)
}

/// Reads a file, refusing it before parsing when too large, empty, binary or not UTF-8.
pub fn read_file(path: &Path) -> Result<String, Finding> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => Finding::error(&shown, None, Problem::NoSuchPath),
        _ => Finding::error(&shown, None, Problem::CannotRead(io_words(&e))),
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
    let size = len.map(|len| format!("{:.1} MB", len as f64 / 1_000_000.0));
    Finding::error(path, None, Problem::TooLarge(size))
}

/// The text of a file's bytes: refuses empty, binary and non-UTF-8 files and drops a leading
/// byte order mark.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Finding> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, Some(bytes.len() as u64)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Finding::error(path, None, Problem::FileEmpty));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(Finding::error(path, None, Problem::Utf16));
    }
    if bytes.contains(&0) {
        return Err(Finding::error(path, None, Problem::Binary));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(Finding::error(
                path,
                Some(Pos::after(good)),
                Problem::NotUtf8,
            ));
        }
    };
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_string())
}

/// Parses a file's text as a track or a session.
pub fn parse(path: &str, origin: Origin, text: Cow<'static, str>) -> Result<Loaded, Finding> {
    let (content, faults, text) = match parse_content(&text) {
        Ok(content) => (content, Vec::new(), text),
        Err(err) => {
            let read_past = err.pos.and_then(|pos| recover(&text, pos));
            let first = Finding::error(path, err.pos, err.message);
            let Some((content, more, read)) = read_past else {
                return Err(first);
            };
            let more = more
                .into_iter()
                .map(|e| Finding::error(path, e.pos, e.message));
            // Later findings are located in the text that was read: the same places.
            let faults = std::iter::once(first).chain(more).collect();
            (content, faults, Cow::Owned(read))
        }
    };
    Ok(Loaded {
        path: path.to_string(),
        origin,
        text,
        content,
        faults,
    })
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
fn io_words(e: &std::io::Error) -> IoWhy {
    match e.kind() {
        ErrorKind::PermissionDenied => IoWhy::PermissionDenied,
        _ => {
            let text = e.to_string();
            IoWhy::Other(match text.find(" (os error") {
                Some(at) => text[..at].to_lowercase(),
                None => text.to_lowercase(),
            })
        }
    }
}

/// The sessions known to spar: the shipped ones and those of `--sessions` folders, in every
/// track they come with.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The track that plain numbers count in (`spar run 3`): the one track besides the shipped
    /// Dalaspåret when there is one, the one named by the last `--sessions` folder when there
    /// are several, else the shipped one.
    pub track: Option<Track>,
    /// Every track: the shipped one first, then the others by id; each with the indices into
    /// `sessions` of its meetings, in order.
    pub tracks: Vec<(Track, Vec<usize>)>,
    /// Each track's meetings in order (tracks in the order of `tracks`), then every other
    /// session sorted by id.
    pub sessions: Vec<Session>,
    /// Where each of `sessions` comes from.
    pub origins: Vec<Origin>,
}

impl Catalog {
    /// The meetings of the default track, in order.
    pub fn meetings(&self) -> Vec<&Session> {
        self.track
            .as_ref()
            .map(|t| self.meetings_of(&t.id))
            .unwrap_or_default()
    }

    /// The meetings of a track, in order; none for an unknown track.
    pub fn meetings_of(&self, track: &str) -> Vec<&Session> {
        self.tracks
            .iter()
            .find(|(t, _)| t.id == track)
            .map(|(_, m)| m.iter().map(|&i| &self.sessions[i]).collect())
            .unwrap_or_default()
    }

    /// A track by its id.
    pub fn track_by_id(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().map(|(t, _)| t).find(|t| t.id == id)
    }

    /// A track by its id, or why there is none, naming the known ones.
    pub fn track_named(&self, id: &str) -> Result<&Track, BadInput> {
        self.track_by_id(id).ok_or_else(|| {
            let known: Vec<&str> = self.tracks.iter().map(|(t, _)| t.id.as_str()).collect();
            BadInput::Problem(Problem::UnknownTrack {
                id: clean(id),
                known: known.into_iter().map(String::from).collect(),
            })
        })
    }

    /// The sessions that are no meeting of any track, sorted by id.
    pub fn others(&self) -> impl Iterator<Item = &Session> {
        let placed: usize = self.tracks.iter().map(|(_, m)| m.len()).sum();
        self.sessions[placed.min(self.sessions.len())..].iter()
    }

    pub fn get(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The 1-based place of a meeting in its own track.
    pub fn position(&self, id: &str) -> Option<usize> {
        let s = self.get(id)?;
        self.meetings_of(&s.track)
            .iter()
            .position(|m| m.id == id)
            .map(|i| i + 1)
    }

    pub fn origin(&self, id: &str) -> Option<&Origin> {
        let i = self.sessions.iter().position(|s| s.id == id)?;
        self.origins.get(i)
    }

    /// A session by its id, or by its 1-based place in the default track (`spar run 3`).
    pub fn find(&self, name: &str) -> Result<&Session, BadInput> {
        if let Some(session) = self.get(name) {
            return Ok(session);
        }
        match &self.track {
            Some(track) => self.find_in(&track.id, name),
            None if is_number(name) => {
                Err(BadInput::Problem(Problem::NoMeetingNoTrack(clean(name))))
            }
            None => Err(self.unknown(name)),
        }
    }

    /// A session by its id, or by its 1-based place in the track `track` (`spar run --track
    /// retro 2`). An id names a meeting of that track only.
    pub fn find_in(&self, track: &str, name: &str) -> Result<&Session, BadInput> {
        let found = self.track_named(track)?;
        let meetings = self.meetings_of(&found.id);
        let n = meetings.len();
        if is_number(name) {
            return match name.parse::<usize>() {
                Ok(i) if (1..=n).contains(&i) => Ok(meetings[i - 1]),
                _ => Err(BadInput::Problem(Problem::NoMeetingInTrack {
                    name: clean(name),
                    track: clean(&found.id),
                    count: n,
                })),
            };
        }
        if let Some(session) = self.get(name) {
            if session.track == found.id {
                return Ok(session);
            }
            return Err(BadInput::Problem(Problem::MeetingOtherTrack {
                id: clean(name),
                track: clean(&session.track),
                listed_in: clean(&found.id),
            }));
        }
        Err(self.unknown(name))
    }

    fn unknown(&self, name: &str) -> BadInput {
        BadInput::Problem(Problem::UnknownSession {
            name: clean(name),
            known: self.sessions.iter().map(|s| s.id.clone()).collect(),
        })
    }
}

/// A meeting named by its place in a track: digits only.
fn is_number(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_digit())
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
        Some(first) => Err(BadInput::Findings {
            first: first.clone(),
            more: errors.count(),
        }),
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
    /// Whether the file was read past syntax errors, without the entries that held them.
    partial: bool,
    layer: usize,
    report: bool,
}

impl Slot {
    fn session(&self) -> Option<&SessionFile> {
        match &self.loaded.content {
            Content::Session(s) => Some(s),
            _ => None,
        }
    }

    fn track(&self) -> Option<&Track> {
        match &self.loaded.content {
            Content::Track(t) => Some(t),
            _ => None,
        }
    }

    fn structure(&self) -> Option<&StructureFile> {
        match &self.loaded.content {
            Content::Structure(s) => Some(s),
            _ => None,
        }
    }

    fn findings(&self, issues: Vec<Issue>) -> Vec<Finding> {
        validate::locate(&self.loaded.path, &self.loaded.text, issues)
    }
}

/// The name of a file without its folder and `.ron`: the id it should hold.
fn stem(path: &str) -> Option<String> {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
}

/// Builds the catalog from layers of files and checks every reported file, on its own and
/// against the others.
pub fn assemble(layers: Vec<Layer>) -> Outcome {
    let mut findings = Vec::new();
    let mut files = 0;
    let mut slots: Vec<Slot> = Vec::new();
    // The ids of files that could not be read: a track that lists one is not told again that
    // no session has the id (the file's own error says what is wrong).
    let mut broken: HashSet<String> = HashSet::new();
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
                    broken.extend(stem(&finding.path));
                    if layer.report {
                        seen(&finding.path);
                        findings.push(finding);
                    }
                }
                Ok(mut loaded) => {
                    let partial = !loaded.faults.is_empty();
                    if partial {
                        broken.extend(stem(&loaded.path));
                    }
                    if layer.report {
                        seen(&loaded.path);
                        findings.append(&mut loaded.faults);
                    }
                    slots.push(Slot {
                        partial,
                        loaded,
                        layer: layer_no,
                        report: layer.report,
                    });
                }
            }
        }
    }

    // Ids: a later layer overrides an earlier one; the same id twice in a layer is an error.
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    let mut tracks: HashMap<&str, usize> = HashMap::new();
    let mut structures: HashMap<&str, usize> = HashMap::new();
    for (i, slot) in slots.iter().enumerate() {
        let (id, what, map) = match &slot.loaded.content {
            Content::Session(s) => (s.id.as_str(), problem::FileKind::Session, &mut sessions),
            Content::Track(t) => (t.id.as_str(), problem::FileKind::Track, &mut tracks),
            Content::Structure(s) => (s.id.as_str(), problem::FileKind::Structure, &mut structures),
        };
        match map.get(id) {
            Some(&j) if slots[j].layer == slot.layer => {
                if slot.report {
                    findings.extend(slot.findings(vec![Issue::error(
                        &[Seg::Field("id")],
                        Problem::IdUsed {
                            kind: what,
                            id: clean(id),
                            by: slots[j].loaded.path.clone(),
                        },
                    )]));
                }
            }
            _ => {
                map.insert(id, i);
            }
        }
    }
    let structure = |id: &str| structures.get(id).and_then(|&j| slots[j].structure());

    // Each file on its own (a session with the structures it includes). A file read past its
    // syntax errors lacks entries: its length is not told.
    for slot in slots.iter().filter(|s| s.report) {
        let mut issues = match &slot.loaded.content {
            Content::Session(s) => validate::session_issues(s, structure, |id| broken.contains(id)),
            Content::Track(t) => validate::track_issues(t),
            Content::Structure(s) => validate::structure_issues(s),
        };
        if slot.partial {
            issues.retain(|i| !i.message.is_about_length());
        }
        findings.extend(slot.findings(issues));
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
                    Problem::UnknownTrack {
                        id: clean(&s.track),
                        known: known.into_iter().map(String::from).collect(),
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
                        Problem::NotAmongMeetings {
                            session: clean(&s.id),
                            track: clean(&s.track),
                            path: track_slot.loaded.path.clone(),
                        },
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
                None if broken.contains(id) => {}
                None => issues.push(Issue::error(&at, Problem::MeetingNoSession(clean(id)))),
                Some(s) if s.track != t.id => issues.push(Issue::error(
                    &at,
                    Problem::MeetingOtherTrack {
                        id: clean(id),
                        track: clean(&s.track),
                        listed_in: clean(&t.id),
                    },
                )),
                Some(_) => {}
            }
        }
        findings.extend(slot.findings(issues));
    }

    // Every track: the shipped one first, then the others by id.
    let mut track_order: Vec<usize> = track_slots.clone();
    track_order.sort_by_key(|&i| {
        let id = slots[i].track().map_or("", |t| t.id.as_str());
        (id != shipped::TRACK_ID, id)
    });
    let mut catalog = Catalog::default();
    let mut placed = HashSet::new();
    let push = |catalog: &mut Catalog, i: usize| {
        if let Some(s) = slots[i].session() {
            catalog.sessions.push(s.expand(structure));
            catalog.origins.push(slots[i].loaded.origin.clone());
        }
        catalog.sessions.len() - 1
    };
    for &t in &track_order {
        let Some(track) = slots[t].track() else {
            continue;
        };
        let mut meetings = Vec::new();
        for id in &track.meetings {
            if let Some(&i) = sessions.get(id.as_str())
                && slots[i].session().is_some_and(|s| s.track == track.id)
                && placed.insert(i)
            {
                meetings.push(push(&mut catalog, i));
            }
        }
        catalog.tracks.push((track.clone(), meetings));
    }
    let mut rest: Vec<usize> = session_slots
        .iter()
        .copied()
        .filter(|i| !placed.contains(i))
        .collect();
    rest.sort_by(|&a, &b| {
        let id = |i: usize| slots[i].session().map(|s| s.id.as_str()).unwrap_or("");
        id(a).cmp(id(b))
    });
    for i in rest {
        push(&mut catalog, i);
    }

    // The default track: the one besides the shipped one, if there is one; of several, the
    // one named by the sessions of the last folder, else the last folder's own track; else
    // the shipped one.
    let others: Vec<usize> = track_slots
        .iter()
        .copied()
        .filter(|&i| slots[i].track().is_some_and(|t| t.id != shipped::TRACK_ID))
        .collect();
    let default_slot = match others.as_slice() {
        [only] => Some(*only),
        _ => session_slots
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
            }),
    }
    .or_else(|| tracks.get(shipped::TRACK_ID).copied())
    .or_else(|| track_slots.first().copied());
    catalog.track = default_slot.and_then(|i| slots[i].track().cloned());

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
