//! Bad input in the data folder and in `-o`: one line naming what and where, exit 2; never a
//! hang (a FIFO named run.ron), never a rename over a device, a symlink or a FIFO.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const RUN: &str = "20200917-0900-kickoff-abcd";

/// Runs spar with its data in `data`, killed (and the test failed) if it hangs.
fn spar(data: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(args)
        .env("SPAR_DATA_DIR", data)
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    // The process is waited for by polling: std offers no wait with a time limit.
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("spar {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn one_line_exit_2(out: &Output, what: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    err
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Puts something at a path.
type Make = fn(&Path);

#[test]
fn a_run_header_that_is_not_a_readable_file_is_bad_input_everywhere() {
    let cases: [(&str, Make); 5] = [
        ("a FIFO", |p| mkfifo(p)),
        // A link planted in the shared folder is never followed, even to a readable file.
        ("a link", |p| {
            let elsewhere = p.with_file_name("elsewhere.ron");
            std::fs::write(&elsewhere, "(not: a header)").unwrap();
            std::os::unix::fs::symlink(&elsewhere, p).unwrap();
        }),
        ("a folder", |p| std::fs::create_dir(p).unwrap()),
        ("missing", |_| {}),
        ("not UTF-8", |p| {
            std::fs::write(p, b"(session: \xff\xfe)").unwrap()
        }),
    ];
    for (what, make) in cases {
        let data = tempfile::tempdir().unwrap();
        let run = data.path().join("runs").join(RUN);
        std::fs::create_dir_all(&run).unwrap();
        make(&run.join("run.ron"));
        for args in [vec!["export", RUN], vec!["join", RUN]] {
            let out = spar(data.path(), &args);
            let err = one_line_exit_2(&out, what);
            assert!(err.contains("run.ron"), "{what}: {err}");
        }
        // The list of runs says what is wrong with this one, and does not hang.
        let out = spar(data.path(), &["runs"]);
        assert!(out.status.code().is_some(), "{what}");
    }
}

#[test]
fn export_refuses_to_rename_over_what_is_not_a_regular_file() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.md");
    mkfifo(&fifo);
    let target = dir.path().join("target.md");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let folder = dir.path().join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    for path in [
        &fifo,
        &link,
        &folder,
        &std::path::PathBuf::from("/dev/null"),
    ] {
        let out = spar(
            data.path(),
            &["export", "--track", "-o", path.to_str().unwrap()],
        );
        let err = one_line_exit_2(&out, &path.display().to_string());
        assert!(err.contains("not a regular file"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // A regular file is replaced as before.
    let out = spar(
        data.path(),
        &["export", "--track", "-o", target.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(std::fs::read_to_string(&target).unwrap(), "keep me");
}

/// `-o` never replaces a file marked read-only, and writes a file with other names (hard links)
/// in place, so that each name shows the new export.
#[test]
fn export_keeps_read_only_files_and_hard_links() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.md");
    std::fs::write(&locked, "keep me").unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).unwrap();
    for lang in ["en", "sv"] {
        let out = spar(
            data.path(),
            &[
                "--lang",
                lang,
                "export",
                "--track",
                "-o",
                locked.to_str().unwrap(),
            ],
        );
        let err = one_line_exit_2(&out, lang);
        assert!(err.contains("locked.md"), "{err}");
        assert!(
            err.contains("read-only") || err.contains("skrivskyddad"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "keep me");
    let shared = dir.path().join("shared.md");
    std::fs::write(&shared, "old").unwrap();
    let other = dir.path().join("other-name.md");
    std::fs::hard_link(&shared, &other).unwrap();
    let out = spar(
        data.path(),
        &["export", "--track", "-o", shared.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new = std::fs::read_to_string(&shared).unwrap();
    assert_ne!(new, "old");
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        new,
        "the link holds"
    );
}

#[test]
fn spar_run_without_a_terminal_leaves_no_run_behind() {
    let data = tempfile::tempdir().unwrap();
    let out = spar(data.path(), &["run", "kickoff", "--new"]);
    assert_ne!(out.status.code(), Some(0));
    let runs = data.path().join("runs");
    let left = std::fs::read_dir(&runs).map_or(0, |d| d.count());
    assert_eq!(left, 0, "a run was created without a terminal");
}

/// The user's language reaches the file system's errors too: a folder that does not exist for
/// `-o`, and a run whose header is missing, each one line and exit 2 in Swedish and English.
#[test]
fn file_system_errors_are_said_in_the_users_language() {
    let data = tempfile::tempdir().unwrap();
    let nowhere = data.path().join("no-such-folder").join("track.md");
    let nowhere = nowhere.to_str().unwrap();
    let cases = [
        (
            "sv",
            "kan inte skriva",
            "finns inte",
            "går inte att läsa: filen saknas",
        ),
        (
            "en",
            "cannot write",
            "does not exist",
            "not a readable run header: missing",
        ),
    ];
    for (lang, cannot_write, missing, _) in cases {
        let out = spar(
            data.path(),
            &["export", "--track", "-o", nowhere, "--lang", lang],
        );
        let err = one_line_exit_2(&out, nowhere);
        assert!(err.contains(cannot_write) && err.contains(missing), "{err}");
        assert!(!std::path::Path::new(nowhere).exists());
    }
    std::fs::create_dir_all(data.path().join("runs").join(RUN)).unwrap();
    for (lang, _, _, unreadable) in cases {
        let err = one_line_exit_2(&spar(data.path(), &["export", RUN, "--lang", lang]), RUN);
        assert!(err.contains(unreadable), "{err}");
        let out = spar(data.path(), &["runs", "--lang", lang]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(unreadable), "{err}");
    }
}

#[test]
fn discarding_an_unknown_run_is_one_line_and_exit_2_and_a_known_one_is_undoable() {
    let data = tempfile::tempdir().unwrap();
    for flag in ["--discard", "--restore"] {
        let out = spar(data.path(), &["runs", flag, "20990101-0000-nothing-here"]);
        let err = one_line_exit_2(&out, flag);
        assert!(err.contains("20990101-0000-nothing-here"), "{err}");
    }
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let session = catalog.get("kickoff").unwrap().clone();
    let header = spar::run::store::RunHeader::new(session, None, 1_600_333_200_000, "Anna");
    let dir = spar::run::store::DataDir::at(data.path())
        .create_run(header)
        .unwrap();
    let id = dir.id().to_string();
    let out = spar(data.path(), &["runs", "--discard", &id]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains(&format!("--restore {id}")), "{said}");
    assert!(dir.path().join("discarded").exists());
    let listed = spar(data.path(), &["runs"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("discarded"));
    let out = spar(data.path(), &["runs", "--restore", &id]);
    assert!(out.status.success());
    assert!(!dir.path().join("discarded").exists());
    let listed = spar(data.path(), &["runs"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("counts"));
}
