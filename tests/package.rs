//! The release archives that `.ci/package` builds, unpacked and run as a user would run them:
//! the Linux archive and the Debian package's `spar` with an empty environment (no HOME, no
//! PATH, no LANG) print their version and commit, list the track, and export a run exactly as
//! this build does; the checksums verify; the installers and manifests name the archives.
//! (The Windows zip's `spar.exe` runs under Wine in `tests/windows_wine.rs`, which `.ci/run`
//! points at the unpacked zip.)
//!
//! It needs the built archives, so `cargo test` skips it; `.ci/run` runs `.ci/package` and then
//! `SPAR_DISTRIB=target/distrib cargo test --test package -- --ignored`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::runs::make_run;

fn distrib() -> PathBuf {
    PathBuf::from(std::env::var("SPAR_DISTRIB").expect("SPAR_DISTRIB names target/distrib"))
}

const LINUX: &str = "spar-x86_64-unknown-linux-musl";

fn run(binary: &Path, args: &[&str], data: &Path) -> Output {
    Command::new(binary)
        .env_clear()
        .env("TZ", "UTC")
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", binary.display()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sh(command: &mut Command) {
    let status = command.status().expect("start a tool");
    assert!(status.success(), "{command:?} failed: {status}");
}

/// What a user meets first: the version with the commit it was built from, the shipped track,
/// and a run exported byte for byte as this build exports it.
fn behaves_like_this_build(binary: &Path, data: &Path, run_id: &str) {
    let version = run(binary, &["--version"], data);
    assert!(version.status.success(), "--version: {version:?}");
    let version = text(&version.stdout);
    let want = format!("spar {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&want), "{version}");
    let stamp = version.trim_end().trim_start_matches(&want);
    assert!(
        stamp.starts_with(" (") && stamp.ends_with(')') && stamp.len() > 12,
        "the version names its commit: {version}"
    );

    let list = run(binary, &["list"], data);
    assert!(list.status.success(), "list: {list:?}");
    assert!(
        text(&list.stdout).contains("kickoff"),
        "{}",
        text(&list.stdout)
    );

    let here = Path::new(env!("CARGO_BIN_EXE_spar"));
    for args in [
        vec!["export", run_id],
        vec!["export", run_id, "--format", "html"],
    ] {
        let got = run(binary, &args, data);
        let want = run(here, &args, data);
        assert!(got.status.success(), "{args:?}: {}", text(&got.stderr));
        assert_eq!(text(&got.stdout), text(&want.stdout), "spar {args:?}");
    }
    let unknown = run(binary, &["export", "no-such-run"], data);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(text(&unknown.stderr).lines().count(), 1, "{unknown:?}");
}

/// Statically linked: no interpreter, no shared libraries (a file(1)-free check of the ELF's
/// program headers: a dynamic executable has a PT_INTERP entry).
fn is_static(binary: &Path) -> bool {
    let bytes = std::fs::read(binary).unwrap();
    let header = |at: usize, len: usize| {
        let mut v = 0u64;
        for (i, b) in bytes[at..at + len].iter().enumerate() {
            v |= u64::from(*b) << (8 * i);
        }
        v as usize
    };
    assert_eq!(&bytes[..4], b"\x7fELF");
    let (phoff, phentsize, phnum) = (header(0x20, 8), header(0x36, 2), header(0x38, 2));
    (0..phnum).all(|i| header(phoff + i * phentsize, 4) != 3)
}

#[test]
#[ignore = "needs the archives of .ci/package: .ci/run runs it"]
fn the_linux_archive_and_the_debian_package_run_with_an_empty_environment() {
    let out = distrib();
    let data = tempfile::tempdir().unwrap();
    let run_id = make_run(data.path());

    let unpacked = tempfile::tempdir().unwrap();
    sh(Command::new("tar")
        .arg("-xzf")
        .arg(out.join(format!("{LINUX}.tar.gz")))
        .arg("-C")
        .arg(unpacked.path()));
    let folder = unpacked.path().join(LINUX);
    for file in ["spar", "README.txt", "LICENSE"] {
        assert!(folder.join(file).is_file(), "the archive holds {file}");
    }
    assert!(is_static(&folder.join("spar")), "the Linux build is static");
    behaves_like_this_build(&folder.join("spar"), data.path(), &run_id);

    let deb = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .expect("a .deb in target/distrib");
    let root = tempfile::tempdir().unwrap();
    sh(Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(root.path()));
    let fields = Command::new("dpkg-deb")
        .arg("-f")
        .arg(&deb)
        .output()
        .unwrap();
    let fields = text(&fields.stdout);
    assert!(fields.contains("Package: spar"), "{fields}");
    assert!(
        fields.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))),
        "{fields}"
    );
    assert!(root.path().join("usr/share/doc/spar/README.txt").is_file());
    behaves_like_this_build(&root.path().join("usr/bin/spar"), data.path(), &run_id);
}

#[test]
#[ignore = "needs the archives of .ci/package: .ci/run runs it"]
fn the_checksums_verify_and_the_installers_name_the_archives() {
    let out = distrib();
    sh(Command::new("sha256sum")
        .arg("--check")
        .arg("--quiet")
        .arg("sha256.sum")
        .current_dir(&out));
    let listed = std::fs::read_to_string(out.join("sha256.sum")).unwrap();
    for file in [
        format!("{LINUX}.tar.gz"),
        "spar-x86_64-pc-windows-gnu.zip".to_string(),
        "spar-installer.sh".to_string(),
        "spar-installer.ps1".to_string(),
        "spar.rb".to_string(),
        "spar.json".to_string(),
    ] {
        assert!(
            listed.contains(&format!("  {file}\n")),
            "sha256.sum lists {file}"
        );
        assert!(
            out.join(format!("{file}.sha256")).is_file(),
            "{file}.sha256"
        );
    }
    let shell = std::fs::read_to_string(out.join("spar-installer.sh")).unwrap();
    assert!(
        shell.contains(&format!("{LINUX}.tar.gz")),
        "the shell installer fetches Linux"
    );
    let powershell = std::fs::read_to_string(out.join("spar-installer.ps1")).unwrap();
    assert!(powershell.contains("spar-x86_64-pc-windows-gnu.zip"));
    let formula = std::fs::read_to_string(out.join("spar.rb")).unwrap();
    assert!(formula.contains("class Spar < Formula"), "{formula}");
    let scoop = std::fs::read_to_string(out.join("spar.json")).unwrap();
    let zip_sha =
        std::fs::read_to_string(out.join("spar-x86_64-pc-windows-gnu.zip.sha256")).unwrap();
    let zip_sha = zip_sha.split_whitespace().next().unwrap();
    assert!(
        scoop.contains(&format!("\"hash\": \"{zip_sha}\"")),
        "{scoop}"
    );
}
