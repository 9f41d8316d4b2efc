//! Writing this process's own journal: one line per event, fsync'd before the append returns.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::line::{MAX_LINE, encode, is_valid_writer_id};
use crate::run::event::{Event, Millis, Record};
use crate::run::hlc::Hlc;

/// What a journal is written to: a file, or a fake one in unit tests.
trait Sink: Send {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()>;
    fn sync_data(&mut self) -> io::Result<()>;
    fn len(&mut self) -> io::Result<u64>;
    fn set_len(&mut self, len: u64) -> io::Result<()>;
}

impl Sink for File {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        Write::write_all(self, bytes)
    }
    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }
    fn len(&mut self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
    fn set_len(&mut self, len: u64) -> io::Result<()> {
        File::set_len(self, len)
    }
}

/// This process's own journal, `DIR/<writer>.ron`: created new (never a second writer on a
/// file, never through a planted link), appended to, each line fsync'd before
/// [`append`](Self::append) returns. When a sync tool moves it aside, the writer goes on in a
/// new segment of the same journal, `DIR/<writer>.<n>.ron` ([`next_segment`](Self::next_segment)),
/// numbering on.
pub struct JournalWriter {
    sink: Box<dyn Sink>,
    path: PathBuf,
    writer: String,
    /// 1 for `<writer>.ron`, n for `<writer>.<n>.ron`.
    segment: u32,
    next_seq: u64,
    /// A write may have left part of a line: start the next one on a new line.
    torn: bool,
    /// The folder was fsync'd since the file was made, so its name survives a crash. Done before
    /// the first line is confirmed rather than when the file is made: opening a run then waits
    /// for no disk before its first frame, and the writer thread does it with the first line.
    name_durable: bool,
}

impl std::fmt::Debug for JournalWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalWriter")
            .field("path", &self.path)
            .field("next_seq", &self.next_seq)
            .field("torn", &self.torn)
            .finish()
    }
}

impl JournalWriter {
    /// Creates `dir/<writer>.ron`; fails if it exists or `writer` is not a valid id
    /// ([`is_valid_writer_id`]). Mode `0o664` before the umask: a Unix group can read it.
    pub fn create(dir: &Path, writer: &str) -> io::Result<JournalWriter> {
        if !is_valid_writer_id(writer) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{writer}` is not a valid writer id"),
            ));
        }
        let path = dir.join(segment_name(writer, 1));
        let file = create_new(&path)?;
        Ok(JournalWriter {
            sink: Box::new(file),
            path,
            writer: writer.to_owned(),
            segment: 1,
            next_seq: 1,
            torn: false,
            name_durable: false,
        })
    }

    /// Goes on in a new file, the next free segment `<writer>.<n>.ron` beside the current one:
    /// for when the current file was moved aside or replaced. Sequence numbers go on.
    pub fn next_segment(&mut self) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut last = None;
        for segment in self.segment + 1..=self.segment + MAX_SEGMENT_TRIES {
            let path = dir.join(segment_name(&self.writer, segment));
            match create_new(&path) {
                Ok(file) => {
                    self.sink = Box::new(file);
                    self.path = path;
                    self.segment = segment;
                    self.torn = false;
                    self.name_durable = false;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free segment name")))
    }

    /// Numbers the next record at least `floor`: a number found in a copy of this journal is
    /// never used again for another event.
    pub fn raise_seq(&mut self, floor: u64) {
        self.next_seq = self.next_seq.max(floor);
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The writer id: the journal's file stem, and the `writer` of its notes' `NoteId`s.
    pub fn writer(&self) -> &str {
        &self.writer
    }

    /// The sequence number the next record gets (the first is 1).
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Writes `ev` as the next record with one write and fsyncs it: when this returns `Ok`, the
    /// line is on disk. On an error nothing counts as written: the sequence number is not used
    /// and a partly written line is cut off by a line break before the next one, so a retry is
    /// safe. (If only the fsync fails, the line is truncated away again; should that fail too,
    /// its sequence number stays used, so a retry never reuses one.) An event whose line would
    /// exceed [`MAX_LINE`] is refused with `InvalidInput`.
    pub fn append(&mut self, at: Millis, ev: Event) -> io::Result<Record> {
        self.append_stamped(at, Hlc::of_wall(at), ev)
    }

    /// [`append`](Self::append) with the event's hybrid stamp ([`crate::run::hlc`]).
    pub fn append_stamped(&mut self, at: Millis, hlc: Hlc, ev: Event) -> io::Result<Record> {
        let record = Record::new(at, hlc, self.next_seq, ev);
        match self.write(&record) {
            Ok(()) => {
                self.next_seq += 1;
                Ok(record)
            }
            Err((e, used)) => {
                if used {
                    self.next_seq += 1;
                }
                Err(e)
            }
        }
    }

    /// Writes a record again, with its own sequence number, into this file: one that reached a
    /// file moved aside meanwhile, or an earlier one, into a new segment. Read with the other
    /// files of the journal, the same line counts once.
    pub fn rewrite(&mut self, record: &Record) -> io::Result<()> {
        self.write(record).map_err(|(e, _)| e)
    }

    /// Writes and fsyncs one line; on an error, also whether the line may be in the file anyway
    /// (its sequence number is used then).
    fn write(&mut self, record: &Record) -> Result<(), (io::Error, bool)> {
        let line = encode(record);
        if line.len() > MAX_LINE + 1 {
            let why = format!("the event is too large to journal ({} bytes)", line.len());
            return Err((io::Error::new(io::ErrorKind::InvalidInput, why), false));
        }
        if !self.name_durable {
            // The new file's name must be durable before any line in it counts as saved.
            if let Some(dir) = self.path.parent() {
                crate::fsx::sync_dir(dir).map_err(|e| (e, false))?;
            }
            self.name_durable = true;
        }
        let before = self.sink.len();
        let result = if self.torn {
            let mut buf = Vec::with_capacity(line.len() + 1);
            buf.push(b'\n');
            buf.extend_from_slice(line.as_bytes());
            self.sink.write_all(&buf)
        } else {
            self.sink.write_all(line.as_bytes())
        };
        if let Err(e) = result {
            // Part of the line may be in the file (a full disk takes what fits in the last
            // page): cut it off, so that no damaged line is left for the readers to report; where
            // that fails, the next line starts on a line of its own.
            self.torn = !before.is_ok_and(|len| self.sink.set_len(len).is_ok());
            return Err((e, false));
        }
        if let Err(e) = self.sink.sync_data() {
            // The data may or may not reach the disk: take the line back if we can.
            let rolled_back = match before {
                Ok(len) => self.sink.set_len(len).is_ok(),
                Err(_) => false,
            };
            self.torn = true;
            return Err((e, !rolled_back));
        }
        self.torn = false;
        Ok(())
    }
}

/// Segments after the current one tried before giving up (names taken by someone else).
const MAX_SEGMENT_TRIES: u32 = 100;

/// `<writer>.ron` for the first segment, `<writer>.<n>.ron` for the n-th.
pub fn segment_name(writer: &str, segment: u32) -> String {
    match segment {
        0 | 1 => format!("{writer}.ron"),
        n => format!("{writer}.{n}.ron"),
    }
}

/// Creates a journal file: new, never through a name that exists — a link planted there
/// included ([`crate::fsx`]) — mode `0o664` before the umask (a Unix group can read it).
fn create_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o664);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::event::Place;
    use crate::run::journal::read_journal;
    use std::sync::{Arc, Mutex};

    /// A file in memory that fails on command.
    #[derive(Default)]
    struct Fake {
        data: Vec<u8>,
        /// Write only this many bytes of the next write, then fail.
        short_write: Option<usize>,
        fail_sync: bool,
        fail_set_len: bool,
    }

    struct Shared(Arc<Mutex<Fake>>);

    impl Sink for Shared {
        fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if let Some(n) = f.short_write.take() {
                f.data.extend_from_slice(&bytes[..n.min(bytes.len())]);
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            f.data.extend_from_slice(bytes);
            Ok(())
        }
        fn sync_data(&mut self) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if std::mem::take(&mut f.fail_sync) {
                return Err(io::Error::other("fsync failed"));
            }
            Ok(())
        }
        fn len(&mut self) -> io::Result<u64> {
            Ok(self.0.lock().unwrap().data.len() as u64)
        }
        fn set_len(&mut self, len: u64) -> io::Result<()> {
            let mut f = self.0.lock().unwrap();
            if f.fail_set_len {
                return Err(io::Error::other("cannot truncate"));
            }
            f.data.truncate(len as usize);
            Ok(())
        }
    }

    fn fake() -> (JournalWriter, Arc<Mutex<Fake>>) {
        let fake = Arc::new(Mutex::new(Fake::default()));
        let writer = JournalWriter {
            sink: Box::new(Shared(fake.clone())),
            path: PathBuf::from("fake.ron"),
            writer: "fake".into(),
            segment: 1,
            next_seq: 1,
            torn: false,
            name_durable: true,
        };
        (writer, fake)
    }

    fn moved(item: usize) -> Event {
        Event::Moved {
            to: Place { item, step: 0 },
        }
    }

    #[test]
    fn a_partial_write_is_taken_back_and_does_not_use_a_sequence_number() {
        let (mut w, fake) = fake();
        w.append(1, moved(1)).unwrap();
        fake.lock().unwrap().short_write = Some(10);
        assert!(w.append(2, moved(2)).is_err());
        let r = w.append(3, moved(3)).unwrap();
        assert_eq!(r.seq, 2);
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (3, 2)]);
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    }

    #[test]
    fn a_partial_write_that_cannot_be_taken_back_is_cut_off() {
        let (mut w, fake) = fake();
        w.append(1, moved(1)).unwrap();
        fake.lock().unwrap().short_write = Some(10);
        fake.lock().unwrap().fail_set_len = true;
        assert!(w.append(2, moved(2)).is_err());
        assert_eq!(w.next_seq(), 2);
        let r = w.append(3, moved(3)).unwrap();
        assert_eq!(r.seq, 2);
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (3, 2)]);
        assert_eq!(read.skipped.len(), 1, "the torn piece is its own bad line");
        assert!(!read.torn_tail);
    }

    #[test]
    fn a_failed_fsync_takes_the_line_back() {
        let (mut w, fake) = fake();
        w.append(1, moved(1)).unwrap();
        fake.lock().unwrap().fail_sync = true;
        assert!(w.append(2, moved(2)).is_err());
        assert_eq!(w.next_seq(), 2);
        w.append(3, moved(3)).unwrap();
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (3, 2)]);
        assert!(read.skipped.is_empty());
    }

    #[test]
    fn a_failed_fsync_that_cannot_be_taken_back_uses_its_sequence_number() {
        let (mut w, fake) = fake();
        {
            let mut f = fake.lock().unwrap();
            f.fail_sync = true;
            f.fail_set_len = true;
        }
        assert!(w.append(1, moved(1)).is_err());
        w.append(2, moved(2)).unwrap();
        let read = read_journal(&fake.lock().unwrap().data);
        let seqs: Vec<_> = read.records.iter().map(|r| (r.at, r.seq)).collect();
        assert_eq!(seqs, [(1, 1), (2, 2)], "no sequence number is used twice");
    }

    #[test]
    fn an_oversized_event_is_refused_before_writing() {
        let (mut w, fake) = fake();
        let text = "x".repeat(MAX_LINE);
        let ev = Event::Draft {
            at: Place::START,
            group: None,
            text,
            by: "a".into(),
        };
        let err = w.append(1, ev).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(fake.lock().unwrap().data.is_empty());
        assert_eq!(w.next_seq(), 1);
    }

    /// A name planted in the run folder (Syncthing syncs symlinks; a shared host's folder is
    /// group-writable) is never written through: the journal and its segments are made new.
    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("authorized_keys");
        std::fs::write(&target, "mine\n").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("w.ron")).unwrap();
        let err = JournalWriter::create(dir.path(), "w").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        std::os::unix::fs::symlink(&target, dir.path().join("v.2.ron")).unwrap();
        let mut w = JournalWriter::create(dir.path(), "v").unwrap();
        w.next_segment().unwrap();
        assert_eq!(
            w.path(),
            dir.path().join("v.3.ron"),
            "the planted name is passed over"
        );
        w.append(1, moved(1)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine\n");
    }
}
