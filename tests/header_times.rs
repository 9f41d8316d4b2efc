//! A run header whose session copy has a time that does not read (`start: "25:00"`): every
//! command that opens the run opens it (the run's own start stands in for the planned start),
//! none panics (exit 101).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::pty::Pty;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, Place, Role};

/// A live run of kickoff whose header says the meeting starts at 25:00, with a facilitator's
/// journal that started the first item. Returns its id.
fn run_starting_at_25(data: &Path) -> String {
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let mut session = catalog.find("kickoff").unwrap().clone();
    session.start = "25:00".into();
    let now = jiff::Timestamp::now().as_millisecond();
    let header = RunHeader::new(session, None, now, "Anna");
    let dir = DataDir::at(data).create_run(header).unwrap();
    let mut journal = dir.open_writer("anna-a00001").unwrap();
    let joined = Event::Joined {
        name: "Anna".into(),
        role: Role::Facilitator,
    };
    journal.append(now, joined).unwrap();
    journal
        .append(now, Event::TimerStarted { at: Place::START })
        .unwrap();
    dir.id().to_string()
}

#[test]
fn an_invalid_start_time_in_a_run_header_panics_no_command() {
    let data = tempfile::tempdir().unwrap();
    let id = run_starting_at_25(data.path());
    for args in [
        vec!["export", id.as_str()],
        vec!["export", "--track"],
        vec!["runs"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_spar"))
            .args(&args)
            .env("SPAR_DATA_DIR", data.path())
            .env("LANG", "en_GB.UTF-8")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    // The screens: each opens on the run (a panic would come before its first frame), and ends
    // on SIGTERM like any screen.
    let screens: [(&[&str], &str); 3] = [
        (&["--as", "Bo", "join", &id], "Following the facilitator"),
        (&["review", &id], "Kick"),
        (
            &["--as", "Anna", "run", "kickoff", "--resume", &id],
            "Item 1",
        ),
    ];
    for (args, shown) in screens {
        let mut spar = Pty::spawn(args, data.path(), "en_GB.UTF-8", 120, 40);
        if args.contains(&"join") {
            spar.answer_on_stage(b"\r");
        }
        if args.contains(&"--resume") {
            // Anna's journal has her on stage, and no stage of hers ran here: asked, and taken
            // over.
            spar.wait_for("Anna is on stage since");
            spar.send(b"t\r");
        }
        spar.wait_for(shown);
        spar.signal("TERM");
        let code = spar.wait_exit();
        assert_ne!(code, 101, "{args:?} panicked");
    }
}
