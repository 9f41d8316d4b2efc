//! Issue 19, finding 6: a note-taker's clock that is ahead of the facilitator's. The stage reads
//! the join's stamps from the future and says so in its journal; the join corrects its clock by
//! it, so it counts down with the stage (not "0:00 · TIME'S UP" ten minutes early, not
//! "+8759:50:00" a year ahead) and what it writes is folded at once. A clock behind keeps being
//! learnt from the facilitator's stamps. Every clock here is injected.

use std::process::Command;

use spar::run::Event;
use spar::run::journal::decode;
use spar::run::live::{FINISH_WAIT, LiveRun};
use spar::run::skew::ClockSkew;
use spar::run::state::RunState;
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Millis, NoteKind, Place, Role};
use spar::session::parse::parse_session;

const MIN: Millis = 60_000;
const DAY: Millis = 24 * 60 * MIN;

fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as Millis
}

/// A run whose facilitator (clock `stage_clock`) started the first timebox (10 minutes) at 0;
/// a note-taker whose clock reads `off` more joins at 1 s.
struct Meeting {
    data: tempfile::TempDir,
    run: RunDir,
    stage: (LiveRun, RunState),
    join: (LiveRun, RunState),
    skew: ClockSkew,
    start: Millis,
    off: Millis,
}

impl Meeting {
    fn new(off: Millis) -> Meeting {
        let start = now_ms();
        let data = tempfile::tempdir().unwrap();
        let session = parse_session(include_str!("../sessions/kickoff.ron")).unwrap();
        let run = DataDir::at(data.path())
            .create_run(RunHeader::new(session, None, start, "Karin"))
            .unwrap();
        let (mut live, mut state) =
            LiveRun::open(run.clone(), "Karin", Role::Facilitator, start).unwrap();
        live.append(&mut state, Event::TimerStarted { at: Place::START }, start);
        let join = LiveRun::open(run.clone(), "Sam", Role::NoteTaker, start + 1_000 + off).unwrap();
        Meeting {
            data,
            run,
            stage: (live, state),
            join,
            skew: ClockSkew::default(),
            start,
            off,
        }
    }

    /// The stage wakes at `at` by its clock: reads the journals and tells the leads it saw,
    /// on disk before this returns (woken by the writer thread, never a fixed sleep).
    fn stage_wakes(&mut self, at: Millis) {
        let (live, state) = &mut self.stage;
        let (tx, rx) = std::sync::mpsc::channel();
        live.set_waker(Box::new(move || {
            let _ = tx.send(());
        }));
        live.follow(state, self.start + at);
        live.tell_leads(state, self.start + at);
        while live.has_pending() {
            rx.recv_timeout(std::time::Duration::from_secs(10))
                .expect("the writer thread confirms");
            live.retry(state);
        }
    }

    /// The join wakes at `at` by the stage's clock (its own reads `off` more); returns its
    /// countdown's remaining seconds.
    fn join_wakes(&mut self, at: Millis) -> i64 {
        let raw = self.start + at + self.off;
        let (live, state) = &mut self.join;
        live.follow(state, self.skew.corrected(raw));
        live.learn_skew(state, &mut self.skew, raw);
        live.release_held(state, self.skew.corrected(raw));
        let now = self.skew.corrected(raw);
        state.current().unwrap().remaining_ms(now) / 1000
    }
}

fn the_join_counts_with_the_stage(off: Millis) -> Meeting {
    let mut m = Meeting::new(off);
    m.stage_wakes(2_000);
    let left = m.join_wakes(3_000);
    assert!(
        (590..=600).contains(&left),
        "{left} s left with a clock {off} ms off"
    );
    let seconds = m.skew.seconds_off().expect("the difference is learnt");
    assert!(
        (seconds + off / 1000).abs() <= 3,
        "{seconds} s learnt for {off} ms"
    );
    // What the join writes now is stamped by the stage's clock: folded there at once.
    let raw = m.start + 4_000 + off;
    let note = Event::NoteSaved {
        at: Place::START,
        group: None,
        kind: NoteKind::Note,
        text: "budget first".into(),
        by: "Sam".into(),
    };
    let (live, state) = &mut m.join;
    live.append(state, note, m.skew.corrected(raw));
    assert!(live.finish(state, FINISH_WAIT).is_empty());
    // Its hybrid stamp starts again from what was read, not from the stamps taken by the
    // wrong clock: no reader holds it back or sorts it after what comes next.
    let lines = std::fs::read_to_string(live.journal_path()).unwrap();
    let saved = lines
        .lines()
        .map(|l| decode(l.as_bytes()).unwrap())
        .find(|r| matches!(r.ev, Event::NoteSaved { .. }))
        .unwrap();
    assert!(saved.hlc().wall <= saved.at + 1_000, "{saved:?}");
    m.stage_wakes(5_000);
    let texts: Vec<&str> = m.stage.1.live_notes().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["budget first"], "the note is not held on the stage");
    m
}

#[test]
fn a_join_ten_minutes_ahead_counts_down_with_the_stage() {
    the_join_counts_with_the_stage(10 * MIN);
}

#[test]
fn a_join_a_year_ahead_counts_down_with_the_stage_and_the_run_is_not_a_year_long() {
    let mut m = the_join_counts_with_the_stage(365 * DAY);
    // The stage's journal says the lead once, however often it wakes.
    m.stage_wakes(6_000);
    let said = m.stage.1.clock_ahead.len();
    assert_eq!(said, 1);
    let (live, state) = &mut m.stage;
    live.finish(state, FINISH_WAIT);
    let runs = Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["--lang", "en", "--data-dir"])
        .arg(m.data.path())
        .arg("runs")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&runs.stdout);
    assert!(out.contains(m.run.id()), "{out}");
    assert!(!out.contains("525"), "no year-long run: {out}");
}

#[test]
fn a_join_ten_minutes_behind_still_learns_from_the_facilitators_stamps() {
    the_join_counts_with_the_stage(-10 * MIN);
}

#[test]
fn a_forged_year_9999_teaches_no_clock() {
    let mut m = Meeting::new(253_402_300_799_000 - now_ms());
    m.stage_wakes(2_000);
    assert!(m.stage.1.clock_ahead.is_empty());
    m.join_wakes(3_000);
    assert_eq!(m.skew.seconds_off(), None);
}

/// A line forged into a note-taker's journal, stamped 399 days ahead: the stage reads it and
/// says so, but the terminal named does not find that line among its own and keeps its clock.
#[test]
fn a_line_forged_into_a_join_s_journal_does_not_set_its_clock() {
    let mut m = Meeting::new(0);
    let forged = spar::run::journal::encode(&spar::run::Record {
        hlc: None,
        at: m.start + 399 * DAY,
        seq: 99,
        ev: Event::Left,
    });
    let path = m.join.0.journal_path();
    let mut lines = std::fs::read(&path).unwrap();
    lines.extend_from_slice(forged.as_bytes());
    std::fs::write(&path, lines).unwrap();
    m.stage_wakes(2_000);
    let told = m.stage.1.clock_ahead.values().next().copied();
    assert_eq!(
        told.map(|lead| lead.seq),
        Some(99),
        "the stage said what it read"
    );
    let left = m.join_wakes(3_000);
    assert_eq!(
        m.skew.seconds_off(),
        None,
        "no clock learnt from a forged line"
    );
    assert!((590..=600).contains(&left), "{left} s left");
}
