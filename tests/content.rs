//! Honest content: the session files under `sessions/` use only the web addresses that were
//! found to lead somewhere (`links.md` of the programme's seed), name no invented dates, and
//! carry every sentence of the original programme text.
//!
//! The seed is read from `/work/shared/seed/` when it is there (the team's copy) and else from
//! the copy committed under `tests/seed/`, so that a clean checkout tests the same thing.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed(name: &str) -> String {
    let shared = Path::new("/work/shared/seed").join(name);
    let path = if shared.is_file() {
        shared
    } else {
        root().join("tests/seed").join(name)
    };
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `.ron` file under `sessions/`, examples included.
fn session_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "ron") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("sessions"), &mut out);
    out.sort();
    assert!(out.len() >= 7, "{out:?}");
    out
}

/// The addresses in a text: from `http://` or `https://` up to a blank, a quote or a bracket.
fn urls(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        let tail = &rest[at..];
        if tail.starts_with("https://") || tail.starts_with("http://") {
            let end = tail
                .find(|c: char| c.is_whitespace() || "\"'()[]<>|`".contains(c))
                .unwrap_or(tail.len());
            out.push(tail[..end].to_string());
            rest = &tail[end..];
        } else {
            rest = &tail[4..];
        }
    }
    out
}

#[test]
fn every_address_in_the_sessions_is_one_that_was_found() {
    let allowed = urls(&seed("links.md"));
    assert!(allowed.len() >= 9, "{allowed:?}");
    let mut used = 0;
    for file in session_files() {
        let text = fs::read_to_string(&file).unwrap();
        for url in urls(&text) {
            used += 1;
            assert!(
                allowed.contains(&url),
                "{}: {url} is not in links.md",
                file.display()
            );
        }
    }
    assert!(used > 0, "the shipped sessions link their pre-work");
}

#[test]
fn no_session_names_a_date() {
    for file in session_files() {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            assert!(
                !t.starts_with("date:"),
                "{}:{}: a date field (the real dates are not known)",
                file.display(),
                n + 1
            );
            // YYYY-MM-DD anywhere: in a facilitator's note ("Nästa träff är 2020-10-15") too.
            let b = line.as_bytes();
            let dated = b.windows(10).any(|w| {
                w.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                })
            });
            assert!(!dated, "{}:{}: {line}", file.display(), n + 1);
        }
    }
}

/// The seed's typing errors, and what the sessions write instead: one policy, every obvious
/// one fixed, and the same list in `sessions/README.md` (checked below).
const CORRECTED: [(&str, &str); 5] = [
    ("transforamation", "transformation"),
    ("synns", "syns"),
    ("hur vi lära oss", "hur vi lär oss"),
    ("Vårt egna ledarskapsspår", "Vårt eget ledarskapsspår"),
    ("vara förberedd inför", "vara förberedda inför"),
];

/// Headings of the seed that the sessions carry as their `term` ("Hösten 2020").
const HEADINGS: [&str; 2] = ["2020 höstens 3 träffar", "2021 vårens 3 träffar"];

fn normalise(text: &str) -> String {
    let text = text.replace(['”', '“'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_sentence_of_the_programme_is_in_the_sessions() {
    let shipped = normalise(&shipped());
    let mut checked = 0;
    for line in seed("dalasparet.txt").lines() {
        let line = line.trim().trim_start_matches('•').trim();
        if line.is_empty() || HEADINGS.contains(&line) {
            continue;
        }
        let mut line = line.to_string();
        for (wrong, right) in CORRECTED {
            line = line.replace(wrong, right);
        }
        // Sentences end in . ? or ! followed by a blank.
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let last = k + 1 == chars.len();
            let ends = ".?!".contains(c) && chars.get(k + 1).is_some_and(|(_, n)| *n == ' ');
            if ends || last {
                let end = i + c.len_utf8();
                let sentence = normalise(&line[start..end]);
                if !sentence.is_empty() {
                    checked += 1;
                    assert!(
                        shipped.contains(&sentence),
                        "the sessions leave out: {sentence}"
                    );
                }
                start = end;
            }
        }
    }
    assert!(checked > 30, "{checked} sentences");
    for heading in ["Hösten 2020", "Våren 2021"] {
        assert!(
            shipped.contains(&format!("term: \"{heading}\"")),
            "{heading}"
        );
    }
}

/// The shipped sessions, examples left out.
fn shipped() -> String {
    session_files()
        .iter()
        .filter(|f| !f.components().any(|c| c.as_os_str() == "examples"))
        .map(|f| fs::read_to_string(f).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_seed_typo_is_kept_and_every_fix_is_listed() {
    let shipped = normalise(&shipped());
    let readme = fs::read_to_string(root().join("sessions/README.md")).unwrap();
    for (wrong, right) in CORRECTED {
        assert!(
            !shipped.contains(wrong),
            "the sessions keep the seed's typo {wrong:?}"
        );
        assert!(
            readme.contains(&format!("“{wrong}” → “{right}”")),
            "sessions/README.md does not list the fix {wrong:?} → {right:?}"
        );
    }
}

/// Sentences a participant or facilitator would act on that the seed does not support: a
/// month the meetings were held in, a length of time between them, a link that does not exist,
/// a step that assumes an earlier one that no agenda has.
const INVENTED: [&str; 5] = [
    "november",
    "tre månader",
    "länken till utvärderingen",
    "Dela sedan spar igen",
    "personlig data",
];

#[test]
fn the_sessions_invent_no_facts() {
    let shipped = normalise(&shipped()).to_lowercase();
    for invented in INVENTED {
        assert!(
            !shipped.contains(&invented.to_lowercase()),
            "the sessions say {invented:?}, which the seed does not"
        );
    }
}

#[test]
fn the_track_says_its_times_are_a_suggestion() {
    let track = fs::read_to_string(root().join("sessions/dalasparet.ron")).unwrap();
    let description = track
        .lines()
        .find(|l| l.trim_start().starts_with("description:"))
        .expect("the track has a description");
    assert!(
        description.contains("är ett förslag"),
        "the description does not say the times are a suggestion: {description}"
    );
}
