//! A stage, a note-taker and the room's screen (`spar show`) on two "machines" joined only by a
//! real Syncthing pair (see `common/syncthing.rs`): every note typed on one side appears on the
//! other, and the time each takes is measured (median and worst of 20 notes each way; printed,
//! never asserted); the show on the second machine follows the stage's choices and moves, and
//! the stage becomes a console once the show's journal has crossed back.
//!
//! It needs Syncthing, so `cargo test` skips it; `.ci/run` installs Syncthing and runs it as
//! `cargo test --test syncthing_e2e -- --ignored --nocapture`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::Pty;
use common::syncthing::{self, Device, Pair};

const NOTES_EACH_WAY: usize = 20;
/// Generous: Syncthing waits `fsWatcherDelayS` (1 s) before it scans a change.
const SYNC_LIMIT: Duration = Duration::from_secs(60);

/// spar on `device`, in English, with its cache (where a stage keeps its lock) and state folders
/// outside the synced folder, as on a real computer. (The pty helper's default puts them in the
/// data folder, which Syncthing would carry over: the other device would then find a free lock
/// naming the stage and take the live stage for a crashed one of its own.)
fn spar_on(device: &Device, args: &[&str], cols: u16, rows: u16) -> Pty {
    let cache = device.home.join("spar-cache");
    let state = device.home.join("spar-state");
    Pty::spawn_env(
        args,
        &device.folder,
        &[
            ("LANG", "en_GB.UTF-8"),
            ("XDG_CACHE_HOME", cache.to_str().unwrap()),
            ("XDG_STATE_HOME", state.to_str().unwrap()),
        ],
        cols,
        rows,
    )
}

fn only_run(data: &Path) -> String {
    let mut runs = std::fs::read_dir(data.join("runs")).expect("a runs folder");
    let id = runs.next().expect("a run").unwrap().file_name();
    id.to_string_lossy().to_string()
}

fn export(data: &Path, run: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", "en", "export", run])
        .env("SPAR_DATA_DIR", data)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The journals (`*.ron` but the header) of a run folder, name and bytes, sorted.
fn journals(run: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(run)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".ron") && n != "run.ron" && !n.starts_with('.'))
        .map(|n| {
            let bytes = std::fs::read(run.join(&n)).unwrap_or_default();
            (n, bytes)
        })
        .collect();
    out.sort();
    out
}

fn summary(what: &str, times: &mut [Duration]) -> String {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    format!(
        "{what}: median {:.2} s, worst {:.2} s ({} notes)",
        median.as_secs_f64(),
        worst.as_secs_f64(),
        times.len()
    )
}

#[test]
#[ignore = "needs Syncthing: `cargo test --test syncthing_e2e -- --ignored --nocapture` (.ci/run runs it)"]
fn notes_cross_a_syncthing_folder_both_ways() {
    assert!(
        syncthing::installed(),
        "syncthing is not installed (Debian: apt-get install syncthing)"
    );
    let root = tempfile::tempdir().unwrap();
    let pair = Pair::start(root.path());

    let mut stage = spar_on(&pair.a, &["--as", "Fia", "run", "kickoff"], 200, 60);
    stage.wait_for("Press space");
    stage.start_first_timebox();
    stage.wait_for("RUNNING");
    let run = only_run(&pair.a.folder);
    let run_a = pair.a.folder.join("runs").join(&run);
    let run_b = pair.b.folder.join("runs").join(&run);
    pair.wait_for_file(&run_b.join("run.ron"), SYNC_LIMIT);
    // The join asks about the facilitator it finds on stage: it must find the stage's lines,
    // not only a first version of its journal.
    for (name, _) in journals(&run_a) {
        pair.wait_for_same(&run_a.join(&name), &run_b.join(&name), SYNC_LIMIT);
    }

    let mut join = spar_on(
        &pair.b,
        &["--as", "Sam", "join", "--group", "Grupp Siljan"],
        200,
        60,
    );
    join.answer_on_stage(b"\r");
    join.wait_for("Following the facilitator");
    // The room's screen on the second machine: it follows the stage through the folder, and the
    // stage becomes a console once the show's journal has crossed back.
    let mut show = spar_on(&pair.b, &["--as", "Rum", "show"], 120, 40);
    show.wait_until_within(
        |s| s.contains("RUNNING"),
        "the show's countdown",
        SYNC_LIMIT,
    );
    stage.wait_until_within(
        |s| s.contains("private — share the spar show window"),
        "the console",
        SYNC_LIMIT,
    );
    stage.send(b"i");
    stage.wait_for("Type here");

    let mut to_join = Vec::new();
    let mut to_stage = Vec::new();
    for i in 0..NOTES_EACH_WAY {
        let text = format!("from the stage {i:02}");
        stage.type_keys(&text);
        let sent = Instant::now();
        stage.send(b"\r");
        join.wait_until_within(|s| s.contains(&text), &text, SYNC_LIMIT);
        to_join.push(sent.elapsed());

        let text = format!("from Siljan {i:02}");
        join.type_keys(&text);
        let sent = Instant::now();
        join.send(b"\r");
        stage.wait_until_within(|s| s.contains(&text), &text, SYNC_LIMIT);
        to_stage.push(sent.elapsed());
    }
    let report = [
        summary("stage → join", &mut to_join),
        summary("join → stage", &mut to_stage),
    ];
    for line in &report {
        println!("syncthing (fsWatcherDelayS 1): {line}");
    }

    // What the room sees, chosen on the stage, and a move: the show follows both.
    stage.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    stage.send(b"v");
    let last = format!("from Siljan {:02}", NOTES_EACH_WAY - 1);
    show.wait_until_within(|s| s.contains(&last), "the notes on the show", SYNC_LIMIT);
    stage.send(b"n");
    show.wait_until_within(|s| s.contains("Item 2 of 12"), "item 2", SYNC_LIMIT);
    show.send(b"q");
    show.wait_exit();

    // Both quit; once Syncthing has carried the last lines, both machines export the same run.
    stage.send(b"q");
    stage.wait_for("Quit anyway?");
    stage.send(b"y");
    stage.wait_exit();
    join.escape(|s| !s.contains("Alt+Enter"), "the editor closed");
    join.send(b"q");
    join.wait_exit();
    let deadline = Instant::now() + SYNC_LIMIT;
    while journals(&run_a) != journals(&run_b) {
        assert!(
            Instant::now() < deadline,
            "the journals differ after {SYNC_LIMIT:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (md_a, md_b) = (export(&pair.a.folder, &run), export(&pair.b.folder, &run));
    assert_eq!(md_a, md_b, "both machines export the same run");
    for i in 0..NOTES_EACH_WAY {
        for text in [
            format!("from the stage {i:02}"),
            format!("from Siljan {i:02}"),
        ] {
            assert_eq!(md_a.matches(&text).count(), 1, "{text} once in:\n{md_a}");
        }
    }
}
