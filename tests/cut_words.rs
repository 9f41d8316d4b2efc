//! No view cuts a word without "…".
//!
//! The view tests (`stage_views`, `review_views`, `notes_views`, `start_view`, `show_views`)
//! render every view in both languages and assert it equals its snapshot; this test reads every snapshot at 80×24,
//! 120×40, 200×60 and 40×12 (a zoomed terminal), so it sees exactly what they rendered, and a view added later is checked
//! without being listed here. Each word on screen must be a word of the texts the views draw from (the UI words in
//! `src/i18n/`, the sessions, the tests' own notes and names), a number or time, or end in "…"
//! after the start of such a word. "actu" for "actual", "14 m" for "14 min" or a URL broken
//! mid-word fail.
//!
//! The same scan finds what else reads as unfinished in front of the room: a letter glued to a
//! border, anything left of the screen beside a popup (a popup clears what lies beneath it), a
//! duration of an hour or more written in minutes ("645 min" beside "10 tim 45 min"), and a
//! countdown whose digits change height from one state or item kind to the next at one size.
//! It reads the snapshots of the view tests and live captures of the real binary in a
//! pseudo-terminal at the three sizes in both languages with each popup open.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Box-drawing and block glyphs the views draw between words, and markers.
fn is_drawing(c: char) -> bool {
    matches!(
        c,
        '\u{2500}'..='\u{259F}' | '▶' | '•' | '▲' | '▼' | '◀' | '·'
    )
}

fn files_under(dir: &Path, ends: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ends, out);
        } else if ends.iter().any(|e| path.to_string_lossy().ends_with(e)) {
            out.push(path);
        }
    }
}

/// The string and character literals of Rust or RON source: the texts in it, not its code.
fn literals(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' if chars.get(i + 2) == Some(&'\'') && chars[i + 1] != '\\' => {
                out.push(chars[i + 1].to_string());
                i += 3;
            }
            'r' if matches!(chars.get(i + 1), Some('#' | '"')) => {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                if chars.get(i + 1 + hashes) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let end: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let body: String = chars[i + 2 + hashes..].iter().collect();
                let len = body.find(&end).unwrap_or(body.len());
                out.push(body[..len].to_string());
                i += 2 + hashes + body[..len].chars().count() + end.chars().count();
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        text.push(*c);
                    }
                    i += 1;
                }
                out.push(text);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every word of the texts the views draw from, lower case: the literals of the sources (the
/// UI words, key names, formats), of the sessions and of the tests (their notes and names).
fn vocabulary(root: &Path) -> HashSet<String> {
    let mut files = Vec::new();
    files_under(&root.join("src"), &[".rs"], &mut files);
    files_under(&root.join("sessions"), &[".ron"], &mut files);
    files_under(&root.join("tests"), &[".rs", ".ron"], &mut files);
    let mut words = HashSet::new();
    for file in files {
        let Ok(source) = std::fs::read_to_string(&file) else {
            continue;
        };
        for text in literals(&source) {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() {
                    words.insert(word.to_lowercase());
                }
            }
        }
    }
    words
}

/// "09:00", "2020-09-17", "14", "3/5", "+2": figures, not words.
fn is_figure(part: &str) -> bool {
    part.chars().all(|c| c.is_ascii_digit())
}

/// Why `token` (a run of text between spaces and drawing glyphs) is a cut word, if it is one.
fn cut(token: &str, words: &HashSet<String>) -> Option<String> {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '…');
    let ellipsis = token.ends_with('…');
    let core = token.trim_end_matches('…');
    let parts: Vec<String> = core
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect();
    let known = |p: &String| is_figure(p) || words.contains(p);
    let (last, before) = parts.split_last()?;
    if let Some(unknown) = before.iter().find(|p| !known(p)) {
        return Some(format!("\"{unknown}\" in \"{token}\""));
    }
    let cut_with_ellipsis = ellipsis && !core.ends_with(|c: char| !c.is_alphanumeric());
    if known(last) || (cut_with_ellipsis && words.iter().any(|w| w.starts_with(last.as_str()))) {
        return None;
    }
    Some(format!("\"{token}\""))
}

/// The rectangle (columns, rows) of a popup drawn over the screen: a rounded box that does not
/// start in the screen's own top-left corner, nor stand beside another box.
fn popup(lines: &[Vec<char>]) -> Option<(usize, usize, usize, usize)> {
    for (y, line) in lines.iter().enumerate() {
        for (x, c) in line.iter().enumerate() {
            if *c != '╭' || (x == 0 && y == 0) {
                continue;
            }
            let right = line[x + 1..].iter().position(|c| *c == '╮')? + x + 1;
            // Boxes side by side (the room's notes wall) are panels, not a popup.
            let tiled = x.checked_sub(1).and_then(|b| line.get(b)) == Some(&'╮')
                || line.get(right + 1) == Some(&'╭');
            if tiled {
                continue;
            }
            let bottom = lines[y + 1..]
                .iter()
                .position(|l| l.get(x) == Some(&'╰'))
                .map(|b| b + y + 1)?;
            return Some((x, right, y, bottom));
        }
    }
    None
}

/// The cut words of one screen, with the row they are on: beside a popup too, since a popup
/// clears the screen beneath it.
fn cut_words(screen: &str, words: &HashSet<String>) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let mut found = Vec::new();
    for (y, line) in lines.iter().enumerate() {
        let mut token = String::new();
        for c in line.iter().chain([&' ']) {
            if !c.is_whitespace() && !is_drawing(*c) {
                token.push(*c);
                continue;
            }
            if token.is_empty() {
                continue;
            }
            if let Some(why) = cut(&token, words) {
                found.push(format!("row {y}: {why}"));
            }
            token.clear();
        }
    }
    found
}

/// The strokes of a frame or a popup that text stands beside.
fn is_border(c: char) -> bool {
    matches!(c, '│' | '╭' | '╮' | '╰' | '╯' | '├' | '┤')
}

/// Letters glued to a border: "Näst p╭", "│PÅ".
fn glued(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (y, line) in screen.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for (x, c) in chars.iter().enumerate() {
            if !is_border(*c) {
                continue;
            }
            let before = x.checked_sub(1).and_then(|b| chars.get(b));
            let after = chars.get(x + 1);
            if [before, after]
                .into_iter()
                .flatten()
                .any(|n| n.is_alphanumeric())
            {
                found.push(format!("row {y}: a letter glued to a border in {line:?}"));
                break;
            }
        }
    }
    found
}

/// Anything but the screen's own side borders beside a popup, on the rows it covers: a
/// fragment of what lies beneath ("▄▄│", "│ PÅ│").
fn beside_popup(screen: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let Some((left, right, top, bottom)) = popup(&lines) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (y, line) in lines.iter().enumerate().take(bottom + 1).skip(top) {
        let stray = line.iter().enumerate().any(|(x, c)| {
            let frame = (x == 0 || x + 1 == line.len()) && is_border(*c);
            (x < left || x > right) && !frame && !c.is_whitespace()
        });
        if stray {
            let text: String = line.iter().collect();
            found.push(format!("row {y}: beside the popup: {text:?}"));
        }
    }
    found
}

/// A duration of an hour or more in minutes ("645 min"): durations read "10 tim 45 min" /
/// "10 h 45 min" from an hour on, one way everywhere.
fn minutes_past_an_hour(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (y, line) in screen.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for pair in words.windows(2) {
            let number = pair[0].trim_start_matches(|c: char| !c.is_ascii_digit());
            let minutes = number.parse::<u64>().ok();
            if pair[1].starts_with("min") && minutes.is_some_and(|m| m >= 60) {
                found.push(format!("row {y}: \"{} {}\" past an hour", pair[0], pair[1]));
            }
        }
    }
    found
}

/// Every finding of the scan in one screen.
fn scan(screen: &str, words: &HashSet<String>) -> Vec<String> {
    let mut found = cut_words(screen, words);
    found.extend(glued(screen));
    found.extend(beside_popup(screen));
    found.extend(minutes_past_an_hour(screen));
    found
}

/// The phase words under a countdown, upper case as drawn, both languages.
fn phase_words() -> Vec<String> {
    [spar::i18n::Lang::Sv, spar::i18n::Lang::En]
        .iter()
        .flat_map(|lang| {
            let t = lang.text();
            [t.ready, t.running, t.paused, t.low, t.over].map(str::to_uppercase)
        })
        .collect()
}

/// Rows of the big countdown's digits: the rows of block glyphs directly above its phase words
/// (`None` without a big countdown on screen).
fn countdown_height(screen: &str, phases: &[String]) -> Option<usize> {
    let lines: Vec<&str> = screen.lines().collect();
    let words = lines
        .iter()
        .position(|l| phases.iter().any(|p| l.contains(&format!("{p} ·"))))?;
    let blocks = |l: &&&str| l.chars().any(|c| ('\u{2580}'..='\u{259F}').contains(&c));
    let height = lines[..words].iter().rev().take_while(blocks).count();
    (height > 0).then_some(height)
}

#[test]
fn no_view_cuts_a_word_without_an_ellipsis_at_any_size() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = vocabulary(root);
    let mut snapshots = Vec::new();
    files_under(
        &root.join("tests/snapshots"),
        &["_80x24.snap", "_120x40.snap", "_200x60.snap", "_40x12.snap"],
        &mut snapshots,
    );
    snapshots.sort();
    let views = [
        "stage_views",
        "review_views",
        "notes_views",
        "start_view",
        "show_views",
    ];
    let snapshots: Vec<PathBuf> = snapshots
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            views.iter().any(|v| name.starts_with(&format!("{v}__")))
        })
        .collect();
    for lang in ["_sv_", "_en_"] {
        assert!(
            snapshots.iter().any(|p| p.to_string_lossy().contains(lang)),
            "no snapshot in {lang}"
        );
    }
    let mut failures = Vec::new();
    for path in &snapshots {
        let snap = std::fs::read_to_string(path).unwrap();
        // The snapshot's body follows insta's header.
        let screen = snap.splitn(3, "---\n").nth(2).unwrap_or("");
        for cut in scan(screen, &words) {
            let name = path.file_name().unwrap().to_string_lossy();
            failures.push(format!("{name} {cut}"));
        }
    }
    assert!(failures.is_empty(), "cut words:\n{}", failures.join("\n"));
}

/// The stage's snapshots, by language and size: every one with a big countdown (not `z`'s own
/// view of it, not a note-taker's line) shows digits of one height.
#[test]
fn the_countdown_keeps_its_height_through_every_state_and_item_kind() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut snapshots = Vec::new();
    files_under(&root.join("tests/snapshots"), &[".snap"], &mut snapshots);
    let phases = phase_words();
    let mut heights: std::collections::BTreeMap<String, Vec<(usize, String)>> = Default::default();
    for path in snapshots {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(case) = name.strip_prefix("stage_views__") else {
            continue;
        };
        if case.starts_with("focus_") || case.starts_with("join_") {
            continue;
        }
        let Some((case, size)) = case.trim_end_matches(".snap").rsplit_once('_') else {
            continue;
        };
        let Some((case, lang)) = case.rsplit_once('_') else {
            continue;
        };
        let snap = std::fs::read_to_string(&path).unwrap();
        let screen = snap.splitn(3, "---\n").nth(2).unwrap_or("");
        if let Some(height) = countdown_height(screen, &phases) {
            heights
                .entry(format!("{lang} {size}"))
                .or_default()
                .push((height, case.to_string()));
        }
    }
    assert!(
        heights.len() >= 6,
        "countdowns at three sizes in two languages: {heights:?}"
    );
    for (at, cases) in &heights {
        let first = cases[0].0;
        assert!(
            cases.iter().all(|(h, _)| *h == first),
            "{at}: the countdown's height changes: {cases:?}"
        );
    }
}

/// The real binary at 80×24, 120×40 and 200×60 in both languages, a timebox running, with each
/// popup open in turn: the scan finds nothing in any capture.
#[test]
fn live_captures_with_each_popup_open_pass_the_scan() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let words = vocabulary(root);
    let mut failures = Vec::new();
    for (lang, locale) in [
        (spar::i18n::Lang::Sv, "sv_SE.UTF-8"),
        (spar::i18n::Lang::En, "en_US.UTF-8"),
    ] {
        let t = lang.text();
        for (cols, rows) in [(80, 24), (120, 40), (200, 60)] {
            let data = tempfile::tempdir().unwrap();
            let mut spar =
                common::pty::Pty::kickoff_lobby_sized("Anna", data.path(), locale, cols, rows);
            spar.start_first_timebox();
            let popups: [(&[u8], String); 4] = [
                (b"?", t.help.to_string()),
                (b"o", t.agenda.to_string()),
                (b"g", t.choose_group.to_string()),
                (b"q", t.quit_title().to_string()),
            ];
            let mut screens = vec![(
                "stage".to_string(),
                spar.wait_until(
                    |s| phase_words().iter().any(|p| s.contains(p.as_str())),
                    "the countdown",
                ),
            )];
            for (key, title) in popups {
                spar.send(key);
                let open = format!("╭ {title}");
                let screen = spar.wait_until(|s| s.contains(&open), &open);
                screens.push((title.clone(), screen));
                spar.send(b"\x1b");
                spar.wait_until(|s| !s.contains(&open), "the popup closed");
            }
            for (what, screen) in screens {
                for found in scan(&screen, &words) {
                    failures.push(format!("{locale} {cols}x{rows} {what}: {found}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_check_sees_a_cut_word_and_lets_an_ellipsis_pass() {
    let words: HashSet<String> = [
        "planerat", "faktiskt", "min", "vad", "det", "är", "ctrl", "shift", "z", "redo",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let screen = "│ planerat faktis │\n│ 14 m │\n│ vad det… fakt… 09:00 │\n│ Ctrl+Shift+Zredo │\n";
    assert_eq!(
        literals("let a = \"ett två\"; // \"inte\"\nf('n', r#\"tre \"fyra\"\"#);"),
        ["ett två", "n", "tre \"fyra\""]
    );
    let found = cut_words(screen, &words);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].contains("faktis"), "{found:?}");
    assert!(found[1].contains("\"m\""), "{found:?}");
    assert!(found[2].contains("Zredo"), "{found:?}");
}

#[test]
fn the_scan_sees_glued_letters_fragments_minutes_past_an_hour_and_a_countdowns_height() {
    assert_eq!(
        glued("│ Tur: Borlänge · Näst p╭ Hjälp ╮ │\n│ ok │\n").len(),
        1
    );
    assert!(glued("╭ Hjälp ──╮\n│ space  │\n").is_empty());
    let popup = "╭ spar ────────────────╮\n│ Tur:  ╭ Hjälp ╮     │\n│ ▄▄    ╰───────╯     │\n╰──────────────────────╯\n";
    assert_eq!(beside_popup(popup).len(), 2, "{:?}", beside_popup(popup));
    let clear = "╭ spar ────────────────╮\n│       ╭ Hjälp ╮      │\n│       ╰───────╯      │\n╰──────────────────────╯\n";
    assert!(beside_popup(clear).is_empty(), "{:?}", beside_popup(clear));
    assert_eq!(
        minutes_past_an_hour("beräknat slut 22:45, 645 min efter").len(),
        1
    );
    assert!(minutes_past_an_hour("började 10 tim 45 min sent · (59 min)").is_empty());
    let phases = phase_words();
    let screen = "│ Fråga │\n│ ██ ██ │\n│ ▀▀ ▀▀ │\n│ PÅGÅR · tid kvar │\n";
    assert_eq!(countdown_height(screen, &phases), Some(2));
    assert_eq!(countdown_height("│ Fråga │\n", &phases), None);
}
