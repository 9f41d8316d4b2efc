//! Issue 19: `spar runs` words what reading a run met as what it is. Events held back from the
//! future and events left out as not their writer's are not "damaged lines"; a damaged line is.

use spar::run::journal::encode;
use spar::run::store::{DataDir, RunHeader};
use spar::run::{Event, Millis, Place, Record, Role};
use spar::session::parse::parse_session;

fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as Millis
}

fn line(at: Millis, seq: u64, ev: Event) -> String {
    encode(&Record {
        hlc: None,
        at,
        seq,
        ev,
    })
}

fn runs(data: &std::path::Path, lang: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", lang, "--data-dir"])
        .arg(data)
        .arg("runs")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn held_refused_and_damaged_are_said_apart_in_both_languages() {
    let data = tempfile::tempdir().unwrap();
    let now = now_ms();
    let session = parse_session(include_str!("../sessions/kickoff.ron")).unwrap();
    let run = DataDir::at(data.path())
        .create_run(RunHeader::new(session, None, now, "Karin"))
        .unwrap();
    let joined = |name: &str, role| Event::Joined {
        name: name.into(),
        role,
    };
    let facilitator = [
        line(now, 1, joined("Karin", Role::Facilitator)),
        line(now, 2, Event::TimerStarted { at: Place::START }),
    ]
    .concat();
    std::fs::write(run.path().join("karin-000001.ron"), facilitator).unwrap();
    // A note-taker's journal: a timer event it may not write, two lines from year 9999.
    let year_9999 = 253_402_300_799_000;
    let note_taker = [
        line(now, 1, joined("Sam", Role::NoteTaker)),
        line(now, 2, Event::Ended),
        line(year_9999, 3, Event::Left),
        line(year_9999, 4, Event::Left),
    ]
    .concat();
    std::fs::write(run.path().join("sam-000002.ron"), note_taker).unwrap();

    let said = runs(data.path(), "en");
    assert!(said.contains("1 event left out: not allowed"), "{said}");
    assert!(said.contains("2 events from the future wait"), "{said}");
    assert!(!said.contains("damaged"), "{said}");
    let said = runs(data.path(), "sv");
    assert!(said.contains("1 otillåten händelse utelämnad"), "{said}");
    assert!(said.contains("2 händelser från framtiden väntar"), "{said}");
    assert!(!said.contains("skadade"), "{said}");

    // A damaged line is still said as one, beside the others.
    let mut damaged = std::fs::read(run.path().join("sam-000002.ron")).unwrap();
    damaged.extend_from_slice(b"garbage\n");
    std::fs::write(run.path().join("sam-000002.ron"), damaged).unwrap();
    let said = runs(data.path(), "en");
    assert!(
        said.contains(
            "1 damaged line skipped · 2 events from the future wait · 1 event left out: not allowed"
        ),
        "{said}"
    );
}
