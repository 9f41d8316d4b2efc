//! File-system helpers: replacing a file atomically, opening a file others can write without
//! following a link, which file a path names, and a little randomness for unique names.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Writes `bytes` to `path` so that a reader sees either the old file or the whole new one, also
/// after a crash: a temporary file in the same folder is written and fsync'd, renamed over `path`,
/// and the folder is fsync'd so that the rename itself is durable.
///
/// The file is created with mode `0o664` before the umask (group-readable, never world-writable).
/// On failure the temporary file is removed and `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    let tmp = dir.join(format!(
        ".{}.{:016x}.tmp",
        name.to_string_lossy(),
        random_u64()
    ));
    let result = (|| {
        let mut file = create_new(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates a new file for writing (fails if it exists), mode `0o664` before the umask on Unix.
///
/// Creating new is also what keeps a planted link from being followed: `O_CREAT | O_EXCL`
/// fails on any name that exists, a symlink too, dangling or not (POSIX `open`), and Windows'
/// `CREATE_NEW` fails on an existing name, a reparse point included.
fn create_new(path: &Path) -> io::Result<File> {
    create_new_mode(path, 0o664)
}

/// Like [`create_new`], readable by its owner only (`0o600` on Unix): for copies of notes kept
/// outside the run folder.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    create_new_mode(path, 0o600)
}

fn create_new_mode(path: &Path, mode: u32) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    options.open(path)
}

/// Opens a file of a folder others write into (a run folder), for reading, only if it is a
/// regular file, never through a link: a link planted in a shared folder could point at a
/// private file whose lines would be quoted in problems, or at a device. Looked at before opening
/// (opening a FIFO would block), opened without following a link (`O_NOFOLLOW`, and
/// non-blocking, should a FIFO be swapped in meanwhile; on Windows
/// `FILE_FLAG_OPEN_REPARSE_POINT`, which opens a link itself) and looked at again through the
/// open file.
pub fn open_regular(path: &Path) -> io::Result<File> {
    read_log::opened(path);
    let not_regular = || io::Error::new(io::ErrorKind::InvalidInput, "not a regular file");
    if !fs::symlink_metadata(path)?.file_type().is_file() {
        return Err(not_regular());
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        /// `FILE_FLAG_OPEN_REPARSE_POINT` (winbase.h).
        const OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        options.custom_flags(OPEN_REPARSE_POINT);
    }
    let file = options.open(path)?;
    if !file.metadata()?.file_type().is_file() {
        return Err(not_regular());
    }
    Ok(file)
}

/// Makes the entries of a folder (a new or renamed file) durable. A no-op where folders cannot be
/// opened as files (Windows).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// 64 random bits from std only: a randomly keyed hash of the time, the process id and a counter.
/// Good for unique names (run and writer ids, temporary files), not for cryptography.
pub fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

/// Which file an open file is: device and inode on Unix, volume serial number and file index on
/// Windows (the `same-file` crate; std's Windows equivalents are unstable). Two ids are equal when
/// they name the same file, so a journal replaced under its name (a sync tool's rename, its
/// folder deleted) is told from the file opened before. The id keeps the file open, and reads go
/// through it ([`file`](Self::file)), so what is read is the file identified.
#[derive(Debug)]
pub struct FileId(same_file::Handle);

impl FileId {
    /// The id of the file `path` names now, opened to ask without following a link
    /// ([`open_regular`]): a link planted at the name of our own journal — even one to our own
    /// file — is not our journal, since every reader refuses it.
    pub fn of_path(path: &Path) -> io::Result<FileId> {
        FileId::of_file(open_regular(path)?)
    }

    /// The id of an open file, which it keeps.
    pub fn of_file(file: File) -> io::Result<FileId> {
        same_file::Handle::from_file(file).map(FileId)
    }

    /// The file, for reading it.
    pub fn file(&self) -> &File {
        self.0.as_file()
    }
}

impl PartialEq for FileId {
    fn eq(&self, other: &FileId) -> bool {
        self.0 == other.0
    }
}

impl Eq for FileId {}

/// The opens of files for reading ([`open_regular`]: run headers and journals), logged when
/// `SPAR_READ_LOG` names a file: one line per open (the path), and [`FIRST_FRAME`] when a run's
/// view has drawn its first frame. Issue 18's test (`tests/run_reads.rs`) counts from it that
/// each file of a run is read once on the way to the first frame; the journals' catch-up after
/// the watch is armed comes after that line. Off unless asked for: one look at the environment.
pub mod read_log {
    use std::fs::{File, OpenOptions};
    use std::io::Write;
    use std::path::Path;
    use std::sync::{Mutex, OnceLock};

    /// The line a run's view writes once its first frame is drawn.
    pub const FIRST_FRAME: &str = "-- first frame";

    fn log() -> Option<&'static Mutex<File>> {
        static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
        LOG.get_or_init(|| {
            let path = std::env::var_os("SPAR_READ_LOG")?;
            let file = OpenOptions::new().create(true).append(true).open(path);
            file.ok().map(Mutex::new)
        })
        .as_ref()
    }

    /// Notes `line` in the log, if there is one.
    pub fn note(line: &str) {
        if let Some(mut file) = log().and_then(|log| log.lock().ok()) {
            let _ = writeln!(file, "{line}");
        }
    }

    pub fn opened(path: &Path) {
        if log().is_some() {
            note(&path.display().to_string());
        }
    }
}
