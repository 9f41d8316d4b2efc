//! `spar check` and `spar list` on the shipped sessions, the folder of bad input in
//! `tests/bad_input/` with the exact message for each, the examples of `sessions/README.md`,
//! and properties: no input makes the loader panic.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use proptest::prelude::*;
use spar::session::load::{Catalog, check_bytes, load_catalog};
use spar::session::shipped;

const SHIPPED_IDS: [&str; 6] = [
    "kickoff",
    "digitala-samhallet",
    "begrepp",
    "digitala-uppdraget",
    "larande-organisation",
    "synas-i-kommunen",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `spar ARGS` from the crate's root, in English, with nothing from the environment.
fn spar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(args)
        .stdin(Stdio::null())
        .current_dir(root())
        .env_remove("SPAR_DATA_DIR")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("spar runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn no_panic(out: &Output) {
    let err = text(&out.stderr);
    assert!(
        !err.contains("panicked")
            && !err.contains("stack backtrace")
            && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn shipped_sessions_check_clean() {
    let out = spar(&["check"]);
    no_panic(&out);
    assert_eq!(text(&out.stderr), "", "no errors or warnings");
    assert_eq!(text(&out.stdout), "7 files checked: no problems\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn shipped_folder_checks_clean_too() {
    let out = spar(&["check", "sessions"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), "7 files checked: no problems\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn list_shows_the_six_meetings_in_order() {
    let out = spar(&["list"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("Dalaspåret (dalasparet)"));
    assert_eq!(lines.next(), Some(""));
    assert!(lines.next().unwrap().starts_with("No.  Id"));
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let mut cols = l.split_whitespace();
            (
                cols.next().unwrap().to_string(),
                cols.next().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = SHIPPED_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| ((i + 1).to_string(), id.to_string()))
        .collect();
    assert_eq!(rows, expected);
    assert!(
        stdout.contains(
            "  1  kickoff               Hösten 2020  09:00–12:00         3 h  Kick off\n"
        ),
        "{stdout}"
    );
}

#[test]
fn list_in_swedish() {
    let out = spar(&["--lang", "sv", "list"]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Nr  Id"), "{stdout}");
    assert!(stdout.contains("Träff"), "{stdout}");
}

/// Generated cases, too large to keep in the repository: name and content.
fn generated(name: &str) -> Option<Vec<u8>> {
    match name {
        // A 10 MB file of spaces.
        "huge" => Some(vec![b' '; 10_000_000]),
        _ => None,
    }
}

/// Each `tests/bad_input/NAME.expected` holds the exact standard error of `spar check PATH`,
/// where PATH is `tests/bad_input/NAME.ron` if it exists, else the folder
/// `tests/bad_input/NAME` (which need not exist: `missing`); generated files are written to a
/// temporary folder shown as `{generated}`. The exit code is 2 if any line is an error, else 0.
#[test]
fn bad_input_gives_exact_messages() {
    bad_cases_give(&[], "tests/bad_input", ": warning: ");
}

/// The same cases under `--lang sv`, against `tests/bad_input_sv/` (one `.expected` file for
/// each of `tests/bad_input/`).
#[test]
fn bad_input_gives_exact_messages_in_swedish() {
    bad_cases_give(&["--lang", "sv"], "tests/bad_input_sv", ": varning: ");
}

/// Runs `spar ARGS check` over every case of `tests/bad_input/` and compares standard error
/// with the case's file in `expected_dir`; the exit code is 2 unless every line is a warning.
fn bad_cases_give(args: &[&str], expected_dir: &str, warning: &str) {
    let dir = root().join("tests/bad_input");
    let tmp = tempfile::tempdir().unwrap();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".expected").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let expected_file = root().join(expected_dir).join(format!("{name}.expected"));
        let mut expected = fs::read_to_string(&expected_file)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_file.display()));
        let path = match generated(name) {
            Some(bytes) => {
                let path = tmp.path().join(format!("{name}.ron"));
                fs::write(&path, bytes).unwrap();
                expected = expected.replace("{generated}", &tmp.path().display().to_string());
                path.display().to_string()
            }
            None if dir.join(format!("{name}.ron")).exists() => {
                format!("tests/bad_input/{name}.ron")
            }
            None => format!("tests/bad_input/{name}"),
        };
        let mut all = args.to_vec();
        all.extend(["check", &path]);
        let out = spar(&all);
        no_panic(&out);
        let stderr = text(&out.stderr);
        let code = if expected.lines().any(|l| !l.contains(warning)) {
            2
        } else {
            0
        };
        if stderr != expected || out.status.code() != Some(code) {
            failures.push(format!(
                "{name}: exit {:?} (want {code})\n  got:  {stderr:?}\n  want: {expected:?}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_case_has_an_expected_message() {
    let dir = root().join("tests/bad_input");
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") || path.is_dir() {
            let stem = path.file_stem().unwrap().to_str().unwrap();
            assert!(
                dir.join(format!("{stem}.expected")).exists(),
                "{} has no .expected",
                path.display()
            );
        }
    }
}

#[test]
fn bad_sessions_folders_stop_other_commands_with_one_line() {
    for (dir, message) in [
        (
            "tests/bad_input/duplicate_ids",
            "spar: tests/bad_input/duplicate_ids/b.ron:2:9: session id \"intro\" is already used by tests/bad_input/duplicate_ids/a.ron\n",
        ),
        (
            "tests/bad_input/no_sessions",
            "spar: tests/bad_input/no_sessions: no session files (*.ron) in this folder\n",
        ),
        (
            "tests/bad_input/missing",
            "spar: tests/bad_input/missing: no such file or folder\n",
        ),
    ] {
        let out = spar(&["--sessions", dir, "list"]);
        no_panic(&out);
        assert_eq!(text(&out.stderr), message);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(text(&out.stdout), "");
    }
}

#[test]
fn sessions_folder_adds_and_overrides_by_id() {
    let tmp = tempfile::tempdir().unwrap();
    let kickoff = fs::read_to_string(root().join("sessions/kickoff.ron"))
        .unwrap()
        .replace("title: \"Kick off\"", "title: \"Uppstart\"");
    fs::write(tmp.path().join("kickoff.ron"), kickoff).unwrap();
    fs::copy(
        root().join("tests/bad_input/duplicate_ids/track.ron"),
        tmp.path().join("demo.ron"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/bad_input/duplicate_ids/a.ron"),
        tmp.path().join("intro.ron"),
    )
    .unwrap();
    let catalog = load_catalog(&[tmp.path().to_path_buf()]).unwrap();
    // Plain numbers count in the one track besides Dalaspåret; ids name any meeting.
    assert_eq!(catalog.track.as_ref().unwrap().id, "demo");
    assert_eq!(catalog.find("1").unwrap().id, "intro");
    assert_eq!(catalog.find("kickoff").unwrap().title, "Uppstart");
    assert_eq!(
        catalog.find_in("dalasparet", "1").unwrap().title,
        "Uppstart"
    );
    assert_eq!(
        catalog.origin("kickoff"),
        Some(&spar::session::load::Origin::File(
            tmp.path().join("kickoff.ron")
        ))
    );
    assert_eq!(
        catalog.origin("begrepp"),
        Some(&spar::session::load::Origin::Shipped)
    );
    assert_eq!(catalog.sessions.len(), 7);
    assert_eq!(
        catalog.sessions[6].id, "intro",
        "the shipped track first, then the others"
    );
    assert_eq!(catalog.position("intro"), Some(1));
    assert_eq!(catalog.tracks.len(), 2);

    let out = spar(&["--sessions", tmp.path().to_str().unwrap(), "check"]);
    assert_eq!(text(&out.stderr), "");
    assert_eq!(text(&out.stdout), "10 files checked: no problems\n");
}

#[test]
fn a_track_folder_of_its_own_becomes_the_track() {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/bad_input/duplicate_ids/track.ron"),
        tmp.path().join("demo.ron"),
    )
    .unwrap();
    fs::copy(
        root().join("tests/bad_input/duplicate_ids/a.ron"),
        tmp.path().join("intro.ron"),
    )
    .unwrap();
    let catalog = load_catalog(&[tmp.path().to_path_buf()]).unwrap();
    assert_eq!(catalog.track.as_ref().unwrap().id, "demo");
    assert_eq!(catalog.meetings().len(), 1);
    assert_eq!(catalog.find("1").unwrap().id, "intro");
    assert_eq!(catalog.sessions.len(), 7);
}

#[test]
fn sessions_are_found_by_id_or_place() {
    let catalog: Catalog = load_catalog(&[]).unwrap();
    assert_eq!(catalog.track.as_ref().unwrap().id, shipped::TRACK_ID);
    let ids: Vec<&str> = catalog.meetings().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, SHIPPED_IDS);
    assert_eq!(catalog.find("kickoff").unwrap().id, "kickoff");
    assert_eq!(catalog.find("3").unwrap().id, "begrepp");
    assert_eq!(catalog.find("6").unwrap().id, "synas-i-kommunen");
    assert_eq!(catalog.position("begrepp"), Some(3));
    assert_eq!(
        catalog.find("7").unwrap_err().to_string(),
        "there is no meeting \"7\" in track \"dalasparet\": it has 6 (1–6)"
    );
    assert_eq!(
        catalog.find("0").unwrap_err().to_string(),
        "there is no meeting \"0\" in track \"dalasparet\": it has 6 (1–6)"
    );
    assert_eq!(
        catalog.find("kick").unwrap_err().to_string(),
        "unknown session \"kick\"; known sessions: kickoff, digitala-samhallet, begrepp, \
         digitala-uppdraget, larande-organisation, synas-i-kommunen"
    );
    assert_eq!(
        catalog.find("7").unwrap_err().render(spar::i18n::Lang::Sv),
        "det finns ingen träff ”7” i spåret ”dalasparet”: det har 6 (1–6)"
    );
    assert!(catalog.find("99999999999999999999999").is_err());
    assert!(
        catalog
            .find("x\u{1b}[2J")
            .unwrap_err()
            .to_string()
            .chars()
            .all(|c| !c.is_control())
    );
}

/// The ```ron blocks after `<!-- example: NAME -->` in sessions/README.md.
fn readme_example(readme: &str, name: &str) -> String {
    let marker = format!("<!-- example: {name} -->");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("sessions/README.md has no {marker}"));
    let rest = &readme[at + marker.len()..];
    let start = rest.find("```ron\n").expect("a ```ron block follows") + "```ron\n".len();
    let end = rest[start..].find("```").expect("the block ends");
    rest[start..start + end].to_string()
}

#[test]
fn readme_examples_check_clean() {
    let readme = fs::read_to_string(root().join("sessions/README.md")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for name in [
        "track.ron",
        "session.ron",
        "structure.ron",
        "session-ideas.ron",
        "session-phases.ron",
    ] {
        fs::write(tmp.path().join(name), readme_example(&readme, name)).unwrap();
    }
    let out = spar(&["check", tmp.path().to_str().unwrap()]);
    no_panic(&out);
    assert_eq!(
        text(&out.stderr),
        "",
        "the README's examples have no problems"
    );
    assert_eq!(text(&out.stdout), "5 files checked: no problems\n");
    assert_eq!(out.status.code(), Some(0));
}

// ----- No input makes the loader panic -----

/// Every finding names the file, and is one line without control characters.
fn assert_well_formed(path: &str, bytes: &[u8]) {
    for finding in check_bytes(path, bytes) {
        let line = finding.to_string();
        assert!(line.starts_with(&format!("{path}:")), "{line}");
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }
}

/// Runs `f` on a thread with a normal 2 MiB stack, so that deep recursion shows as a crash.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic or stack overflow");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    on_small_stack(|| {
        let deep = [
            "[".repeat(10_000),
            "(".repeat(10_000),
            "{".repeat(10_000),
            format!("Session(id: {}", "[".repeat(10_000)),
            format!("Session(notes: {}", "Some(".repeat(10_000)),
            format!(
                "Session(id: \"a\", track: \"b\", title: \"c\", start: \"09:00\", agenda: [Item(kind: Talk(speaker: {}",
                "(".repeat(10_000)
            ),
            format!("Track(id: \"a\", meetings: {}", "[".repeat(10_000)),
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        ];
        for text in deep {
            let findings = check_bytes("deep.ron", text.as_bytes());
            assert!(findings.iter().any(|f| f.is_error()), "{text:.40}");
            assert_well_formed("deep.ron", text.as_bytes());
        }
    });
}

fn shipped_bytes() -> &'static [u8] {
    shipped::FILES[1].1.as_bytes()
}

/// Pieces of RON, to reach deeper into the parser than random bytes do.
fn ron_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Session(".to_string()),
        Just("Track(".to_string()),
        Just("Item(".to_string()),
        Just("Question(".to_string()),
        Just("Round(".to_string()),
        Just("Some(".to_string()),
        Just("Names(".to_string()),
        Just("kind: ".to_string()),
        Just("minutes: ".to_string()),
        Just("questions: ".to_string()),
        Just("round: ".to_string()),
        Just("agenda: ".to_string()),
        Just("id: ".to_string()),
        Just("Talk".to_string()),
        Just("Groups".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("r#\"".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("//".to_string()),
        Just("\n".to_string()),
        "[a-z_]{1,8}",
        "\"[^\"]{0,10}\"",
        "[0-9]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        assert_well_formed("any.ron", &bytes);
    }

    #[test]
    fn any_text(text in any::<String>()) {
        assert_well_formed("text.ron", text.as_bytes());
    }

    #[test]
    fn ron_like_text(text in ron_soup()) {
        assert_well_formed("soup.ron", text.as_bytes());
    }

    #[test]
    fn shipped_file_cut_off_anywhere(at in 0..shipped_bytes().len()) {
        let bytes = &shipped_bytes()[..at];
        assert_well_formed("cut.ron", bytes);
        // A file cut before its closing parenthesis is never valid.
        if shipped_bytes()[at..].contains(&b')') {
            prop_assert!(check_bytes("cut.ron", bytes).iter().any(|f| f.is_error()));
        }
    }

    #[test]
    fn shipped_file_with_bytes_changed(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let mut bytes = shipped_bytes().to_vec();
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        assert_well_formed("flipped.ron", &bytes);
    }

    #[test]
    fn shipped_file_with_pieces_cut_out_or_repeated(a in 0..shipped_bytes().len(), b in 0..shipped_bytes().len(), repeat in any::<bool>()) {
        let (a, b) = (a.min(b), a.max(b));
        let src = shipped_bytes();
        let mut bytes = src[..a].to_vec();
        if repeat {
            bytes.extend_from_slice(&src[a..b]);
            bytes.extend_from_slice(&src[a..b]);
        }
        bytes.extend_from_slice(&src[b..]);
        assert_well_formed("spliced.ron", &bytes);
    }
}

#[test]
fn shipped_files_are_the_ones_in_sessions() {
    for (path, text) in shipped::FILES {
        let on_disk = fs::read_to_string(root().join(path)).unwrap();
        assert_eq!(&on_disk, text, "{path}");
    }
    let names: Vec<PathBuf> = shipped::FILES
        .iter()
        .map(|(p, _)| PathBuf::from(p))
        .collect();
    for id in SHIPPED_IDS {
        assert!(names.contains(&PathBuf::from(format!("sessions/{id}.ron"))));
    }
}
