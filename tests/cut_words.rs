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
//! Text under a popup is cut by the popup's border by design: on the rows a popup covers, only
//! the words inside it are checked.

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
/// start in the screen's own top-left corner.
fn popup(lines: &[Vec<char>]) -> Option<(usize, usize, usize, usize)> {
    for (y, line) in lines.iter().enumerate() {
        for (x, c) in line.iter().enumerate() {
            if *c != '╭' || (x == 0 && y == 0) {
                continue;
            }
            let right = line[x + 1..].iter().position(|c| *c == '╮')? + x + 1;
            let bottom = lines[y + 1..]
                .iter()
                .position(|l| l.get(x) == Some(&'╰'))
                .map(|b| b + y + 1)?;
            return Some((x, right, y, bottom));
        }
    }
    None
}

/// The cut words of one screen, with the row they are on.
fn cut_words(screen: &str, words: &HashSet<String>) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let popup = popup(&lines);
    let mut found = Vec::new();
    for (y, line) in lines.iter().enumerate() {
        let mut token = String::new();
        let mut start = 0;
        for (x, c) in line.iter().chain([&' ']).enumerate() {
            if !c.is_whitespace() && !is_drawing(*c) {
                if token.is_empty() {
                    start = x;
                }
                token.push(*c);
                continue;
            }
            if token.is_empty() {
                continue;
            }
            let beside_popup = popup.is_some_and(|(left, right, top, bottom)| {
                (top..=bottom).contains(&y) && (start < left || start > right)
            });
            if !beside_popup && let Some(why) = cut(&token, words) {
                found.push(format!("row {y}: {why}"));
            }
            token.clear();
        }
    }
    found
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
        for cut in cut_words(screen, &words) {
            let name = path.file_name().unwrap().to_string_lossy();
            failures.push(format!("{name} {cut}"));
        }
    }
    assert!(failures.is_empty(), "cut words:\n{}", failures.join("\n"));
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
