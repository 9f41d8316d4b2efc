//! The kill -9 figure: notes acknowledged on screen versus notes found on disk afterwards, over
//! many kills of a real stage in a pseudo-terminal, with no timebox running and with one running;
//! and drafts left idle for 0.6–1.2 s before the kill. Slow (minutes), so not part of
//! `cargo test`:
//!
//! ```text
//! KILLS=300 cargo test --test kill9 -- --ignored --nocapture
//! ```

mod common;

use std::time::Duration;

use common::pty::Pty;

/// Every journal of every run under `data`, as text.
fn journals(data: &std::path::Path) -> String {
    let mut text = String::new();
    for run in std::fs::read_dir(data.join("runs")).unwrap().flatten() {
        if !run.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(run.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().to_string();
            if name.ends_with(".ron") && name != "run.ron" {
                text.push_str(&std::fs::read_to_string(file.path()).unwrap());
            }
        }
    }
    text
}

fn only_run(data: &std::path::Path) -> String {
    std::fs::read_dir(data.join("runs"))
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .expect("a run")
        .file_name()
        .to_string_lossy()
        .to_string()
}

/// A small deterministic generator, so a run of the figure can be repeated.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

struct Figure {
    kills: usize,
    acknowledged: Vec<String>,
    idle_drafts: Vec<String>,
}

fn measure(running: bool, kills: usize, seed: u64) -> (Figure, String) {
    let data = tempfile::tempdir().unwrap();
    let mut rng = Lcg(seed);
    let mut figure = Figure {
        kills: 0,
        acknowledged: Vec::new(),
        idle_drafts: Vec::new(),
    };
    let mode = if running { "r" } else { "p" };
    let mut run: Option<String> = None;
    for i in 0..kills {
        let args: Vec<String> = match &run {
            None => ["--as", "Anna", "run", "kickoff", "--new"]
                .map(String::from)
                .to_vec(),
            Some(id) => ["--as", "Anna", "run", "kickoff", "--resume", id]
                .map(String::from)
                .to_vec(),
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut spar = Pty::spawn(&args, data.path(), "en_GB.UTF-8", 100, 30);
        spar.wait_for("Notes go to");
        if run.is_none() && running {
            spar.send(b" ");
            spar.wait_for("RUNNING");
        }
        spar.send(b"i");
        spar.wait_for("Alt+Enter");
        // One note, acknowledged when the panel shows it (it is on disk by then), and, every
        // other time, a second typed right behind it and killed in flight.
        let note = format!("saved{mode}{i:04}x");
        spar.type_keys(&note);
        spar.send(b"\r");
        spar.wait_for(&note);
        figure.acknowledged.push(note);
        if run.is_none() {
            run = Some(only_run(data.path()));
        }
        let draft = format!("draft{mode}{i:04}x");
        spar.type_keys(&draft);
        if rng.below(2) == 0 {
            spar.wait_for(&draft);
            // The experiment itself: a draft idle for 0.6–1.2 s when the process dies.
            std::thread::sleep(Duration::from_millis(600 + rng.below(600)));
            figure.idle_drafts.push(draft);
        } else {
            spar.send(b"\r");
        }
        spar.signal("KILL");
        spar.wait_exit();
        figure.kills += 1;
    }
    let text = journals(data.path());
    (figure, text)
}

#[test]
#[ignore = "slow: the kill -9 figure, run by hand"]
fn kill_9_figure() {
    let kills: usize = std::env::var("KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(300);
    for running in [false, true] {
        let (figure, text) = measure(running, kills, 17);
        let recovered = figure
            .acknowledged
            .iter()
            .filter(|n| text.contains(n.as_str()))
            .count();
        let drafts = figure
            .idle_drafts
            .iter()
            .filter(|d| text.contains(d.as_str()))
            .count();
        println!(
            "timebox {}: {} kills; notes acknowledged {}, recovered {}; idle drafts {}, recovered {}",
            if running { "running" } else { "not running" },
            figure.kills,
            figure.acknowledged.len(),
            recovered,
            figure.idle_drafts.len(),
            drafts
        );
        assert_eq!(recovered, figure.acknowledged.len());
        assert_eq!(drafts, figure.idle_drafts.len());
    }
}
