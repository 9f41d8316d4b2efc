//! Issue 18: a run header is validated once, as it is read, whichever command opens the run.
//! Its session copy with a start time that does not read (`start: "25:00"`) or a date that is
//! no date (`2020-13-45`): every command opens the run, the values set aside and said as a notice
//! (the run's own start stands in); none panics (exit 101). A copy with no agenda item: one line
//! naming run.ron, exit 2, at every command that opens that run.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::pty::Pty;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, Place, Role};

/// A live run of kickoff whose header's session copy is edited by `edit`, with a facilitator's
/// journal that started the first item. Returns its id.
fn run_with(data: &Path, edit: impl FnOnce(&mut spar::session::Session)) -> String {
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let mut session = catalog.find("kickoff").unwrap().clone();
    edit(&mut session);
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

fn spar(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(args)
        .env("SPAR_DATA_DIR", data)
        .env("XDG_CACHE_HOME", data.join("cache"))
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

const START: &str = "the start time \"25:00\" is not a time";
const DATE: &str = "the date \"2020-13-45\" is not a date";

#[test]
fn invalid_times_and_dates_in_a_run_header_open_with_a_notice_at_every_command() {
    let data = tempfile::tempdir().unwrap();
    let id = run_with(data.path(), |s| {
        s.start = "25:00".into();
        s.date = Some("2020-13-45".into());
    });
    // Off a terminal: each line said once on stderr, exit 0.
    for args in [vec!["export", id.as_str()], vec!["export", "--track"]] {
        let out = spar(data.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.contains(START) && err.contains(DATE), "{args:?}: {err}");
    }
    let out = spar(data.path(), &["runs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "runs: {err}");
    assert!(
        err.contains("2 values in run.ron not valid, set aside"),
        "{err}"
    );

    // The screens: each opens on the run with the notice where it has one (a panic would come
    // before its first frame), and ends on SIGTERM like any screen.
    let ask = Some("Anna is on stage since");
    let screens: [(&[&str], Option<&str>, &str); 7] = [
        (&["--as", "Bo", "join", &id], ask, START),
        (&["--as", "Bo", "join"], ask, START),
        (
            &["--as", "Anna", "run", "kickoff", "--resume", &id],
            ask,
            START,
        ),
        (&["--as", "Bo"], None, "Kick off"),
        (&["review", &id], None, "2 values in run.ron not valid"),
        (&["replay", &id], None, START),
        // The room's screen shows the room no data warnings: it opens, on the run.
        (&["show", &id], None, "Kick off"),
    ];
    for (args, question, shown) in screens {
        let mut spar = Pty::spawn(args, data.path(), "en_GB.UTF-8", 200, 60);
        if let Some(question) = question {
            spar.wait_for(question);
            spar.send(b"\r");
        }
        if args == ["--as", "Bo"] {
            // The start screen: the meeting in progress, then the door's question, Enter joins.
            spar.wait_for("Kick off");
            spar.send(b"\r");
            spar.wait_for("Anna is on stage since");
            spar.send(b"\r");
            spar.wait_for(START);
        }
        spar.wait_for(shown);
        spar.signal("TERM");
        let code = spar.wait_exit();
        assert_ne!(code, 101, "{args:?} panicked");
    }
}

#[test]
fn a_run_header_with_no_agenda_is_one_line_and_exit_2_at_every_command_that_opens_it() {
    let data = tempfile::tempdir().unwrap();
    let id = run_with(data.path(), |s| s.agenda.clear());
    let resume = ["--as", "Anna", "run", "kickoff", "--resume", &id];
    for args in [
        &["export", &id][..],
        &["join", &id],
        &["show", &id],
        &["review", &id],
        &["replay", &id],
        &resume,
    ] {
        let out = spar(data.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("run.ron") && err.contains("its session has no agenda item"),
            "{args:?}: {err}"
        );
    }
    // The list says so of that run, and lists the others.
    let out = spar(data.path(), &["runs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("its session has no agenda item"), "{err}");
}
