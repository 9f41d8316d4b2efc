//! The one door into a run: the start screen, `spar run`, `spar join` and `spar show` open a run
//! here. It decides once whether the way in is a new run, a resumed one, a join, a take-over or a
//! follow; asks its questions through [`Ask`] (the terminal's prompt before a screen, the start
//! screen's popup, the tests); and hands the view the run it opened, with the journals already
//! read and folded, so that nothing is read twice on the way to the first frame.
//!
//! Who is on stage is told by the stage lock ([`lock`]) and the journals, never by a name: a
//! second terminal under the same name finds the first one's stage live and is asked; a stage
//! that crashed on this computer is resumed without a question; two stages started at the same
//! instant never both drive the run (only one gets the lock; the other is asked).

pub mod header;
pub mod lock;

use std::path::PathBuf;

use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::Millis;
use crate::run::live::LiveRun;
use crate::run::reader::ReadSoFar;
use crate::run::state::RunState;
use crate::run::status::{RunStatus, status};
use crate::run::store::{DataDir, RunDir, RunHeader, StoreError};
use crate::session::{Session, Track};
use lock::{Hold, Lock};

/// The facilitator a way in finds on stage: "Anna is on stage since 19:58".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnStage {
    pub name: String,
    pub since: Millis,
}

/// The answer to a facilitator found on stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Take notes beside them: the default (Enter), which displaces no one.
    Join,
    /// Drive the run from here; their stage steps down.
    TakeOver,
    Cancel,
}

/// How the door asks about a facilitator found on stage: the terminal before a screen opens, a
/// popup on the start screen or on a join's screen, a test. An answer that cannot be had (a
/// closed input) is the default that displaces no one.
pub trait Ask {
    /// A facilitator is on stage on `run`.
    fn on_stage(&mut self, run: &str, who: &OnStage) -> anyhow::Result<Answer>;
}

/// ... and, for the stage (`spar run`, the start screen), about a run left unfinished.
pub trait AskResume: Ask {
    /// An unfinished run of the session, whose meeting began at `started`: resume it (`true`),
    /// or hold a new one (`false`).
    fn resume(&mut self, run: &str, started: Millis) -> anyhow::Result<bool>;
}

/// The run the stage is asked for.
pub enum Pick {
    /// `--new`.
    New,
    /// `--resume RUN`, or the start screen's meeting in progress.
    Resume(RunDir),
    /// `spar run SESSION`: the session's unfinished run (as the track's runs were read, and
    /// when its meeting began), if there is one, is offered to resume.
    Offer(Option<(Box<Found>, Millis)>),
}

/// A run found among the track's runs, or named: its folder, its header as read, and what was
/// read of its journals when the track's runs were read to find it (`None`: named, not read
/// yet). Opened from that read, its journals are not read again on the way in.
pub struct Found {
    pub dir: RunDir,
    pub header: RunHeader,
    pub read: Option<ReadSoFar>,
}

impl Found {
    /// Run `dir`, named on the command line: its header read once, before the terminal is
    /// taken, so that one that cannot be read is one line (exit 2), off a terminal too.
    pub fn named(dir: RunDir) -> Result<Found, StoreError> {
        let header = dir.header()?;
        Ok(Found {
            dir,
            header,
            read: None,
        })
    }
}

/// A run opened: our journal started in it, the others' read and folded.
pub struct Opened {
    pub live: LiveRun,
    pub state: RunState,
}

/// Where a way in leads.
pub enum Entry {
    /// A new run of the session, created on disk when its first item starts or the first note
    /// is typed (not when the lobby opens).
    New {
        data: DataDir,
        header: Box<RunHeader>,
    },
    /// The stage on a run that exists: it drives (`take_over`: it takes over from the stage on
    /// record). The lock is held for as long as the stage runs; after a take-over it is wanted
    /// until the stage stepping down lets go of it.
    Stage {
        run: Box<Opened>,
        take_over: bool,
        lock: Hold,
    },
    /// A note-taker's terminal.
    Join(Box<Opened>),
    /// Nothing opened; our journal, still empty, removed.
    Cancelled,
}

/// What every way in knows: where the runs are, who comes in, when, and where the stage locks
/// lie (`None`: no lock can be had, the journals alone decide).
pub struct Door<'a> {
    pub data: &'a DataDir,
    pub author: &'a str,
    pub lang: Lang,
    pub now: Millis,
    pub locks: Option<PathBuf>,
}

impl Door<'_> {
    /// The stage on `session`: a new run, or an existing one resumed, joined or taken over.
    pub fn stage(
        &self,
        session: &Session,
        track: Option<Track>,
        pick: Pick,
        ask: &mut dyn AskResume,
    ) -> anyhow::Result<Entry> {
        let new = || Entry::New {
            data: self.data.clone(),
            header: Box::new(RunHeader::new(
                session.clone(),
                track.clone(),
                self.now,
                self.author,
            )),
        };
        let found = match pick {
            Pick::New | Pick::Offer(None) => return Ok(new()),
            Pick::Offer(Some((found, started))) => {
                if !ask.resume(found.dir.id(), started)? {
                    return Ok(new());
                }
                *found
            }
            // A header that cannot be read is bad input: one line, exit 2.
            Pick::Resume(dir) => Found::named(dir).map_err(|e| {
                if e.is_bad_input() {
                    anyhow::Error::from(BadInput::Store(e))
                } else {
                    anyhow::Error::from(e)
                }
            })?,
        };
        let Found { dir, header, read } = found;
        let (live, state) = LiveRun::open_with(dir, header, read, self.author, self.now)?;
        if live.header.session.id != session.id {
            let text = self.lang.text();
            let said =
                text.run_of_other_session(live.dir.id(), &live.header.session.id, &session.id);
            live.discard();
            return Err(BadInput::Said(said).into());
        }
        let lock = self.try_lock(live.dir.id());
        let opened = Box::new(Opened { live, state });
        self.decide(opened, lock, ask, |opened, lock| Entry::Stage {
            lock: self.hold(lock, &opened.live),
            run: opened,
            take_over: false,
        })
    }

    /// `spar join` on a run opened [`beside`] the stage: a facilitator found on stage is said and
    /// asked about (Enter joins); with none, it joins without a question — a join never drives
    /// unless asked to take over.
    pub fn join(&self, opened: Box<Opened>, ask: &mut dyn Ask) -> anyhow::Result<Entry> {
        let lock = self.try_lock(opened.live.dir.id());
        let who = on_stage(&opened.state, &opened.live.header, &lock, self.now);
        // Only looked at: let go of before anything is asked, so that a stage starting on this
        // computer while the question waits finds it free. Taking over wants it again.
        drop(lock);
        let Some(who) = who else {
            return Ok(Entry::Join(opened));
        };
        let wanted = self.locks.clone().map_or(Hold::None, Hold::Wanted);
        self.answer(opened, &who, ask, |_| wanted)
    }

    /// The run's lock on this computer, tried without waiting.
    fn try_lock(&self, run_id: &str) -> Lock {
        match &self.locks {
            Some(folder) => lock::try_lock(folder, run_id),
            None => Lock::Unavailable,
        }
    }

    /// Who is on stage decides: none, `free` says where the way in leads; someone, the answer
    /// does (the lock, held while asking, is the stage's if it takes over).
    fn decide(
        &self,
        opened: Box<Opened>,
        lock: Lock,
        ask: &mut dyn Ask,
        free: impl FnOnce(Box<Opened>, Lock) -> Entry,
    ) -> anyhow::Result<Entry> {
        let Some(who) = on_stage(&opened.state, &opened.live.header, &lock, self.now) else {
            return Ok(free(opened, lock));
        };
        self.answer(opened, &who, ask, |live| self.hold(lock, live))
    }

    /// Asks about `who`, on stage: join, take over (holding what `hold` gives of the lock) or
    /// cancel (our journal, still empty, removed).
    fn answer(
        &self,
        opened: Box<Opened>,
        who: &OnStage,
        ask: &mut dyn Ask,
        hold: impl FnOnce(&LiveRun) -> Hold,
    ) -> anyhow::Result<Entry> {
        match ask.on_stage(opened.live.dir.id(), who)? {
            Answer::Join => Ok(Entry::Join(opened)),
            Answer::TakeOver => Ok(Entry::Stage {
                lock: hold(&opened.live),
                run: opened,
                take_over: true,
            }),
            Answer::Cancel => {
                opened.live.discard();
                Ok(Entry::Cancelled)
            }
        }
    }

    /// What the stage holds of the lock found: once ours, it says which writer holds it; held
    /// by the stage taken over from, it is wanted until that stage steps down and lets go.
    fn hold(&self, lock: Lock, live: &LiveRun) -> Hold {
        match (lock, &self.locks) {
            (Lock::Taken { mut lock, .. }, _) => {
                lock.record(live.writer_id());
                Hold::Held(lock)
            }
            (Lock::Held, Some(folder)) => Hold::Wanted(folder.clone()),
            (Lock::Held | Lock::Unavailable, _) => Hold::None,
        }
    }
}

/// A terminal beside the stage on the run `found` — a note-taker's (`spar join`, which then
/// asks through [`Door::join`]) or the room's screen (`spar show`, which follows and asks
/// nothing). `now` is this computer's clock (stamps far ahead of it are held back).
pub fn beside(found: Found, author: &str, now: Millis) -> anyhow::Result<Box<Opened>> {
    let Found { dir, header, read } = found;
    let (live, state) = LiveRun::open_with(dir, header, read, author, now)?;
    Ok(Box::new(Opened { live, state }))
}

/// The facilitator whose stage is live on the run, if any: one on this computer holds the lock
/// (named from the journals, or the run's header while theirs says nothing yet); else one the
/// journals have on stage, in a live run, unless this computer's lock says that stage ran here
/// and is gone (it crashed: resumed without a question).
pub fn on_stage(state: &RunState, header: &RunHeader, lock: &Lock, now: Millis) -> Option<OnStage> {
    let recorded = state.facilitator.as_ref().map(|writer| {
        let on_record = state.writers.get(writer);
        OnStage {
            name: on_record.map(|w| w.name.clone()).unwrap_or_default(),
            since: on_record.map_or(now, |w| w.since),
        }
    });
    let last = match lock {
        Lock::Held => {
            return Some(recorded.unwrap_or_else(|| OnStage {
                name: header.by.clone(),
                since: now,
            }));
        }
        Lock::Taken { last, .. } => last.as_deref(),
        Lock::Unavailable => None,
    };
    if status(state, header.started, now) != RunStatus::Live {
        return None;
    }
    let writer = state.facilitator.as_deref()?;
    if last == Some(writer) {
        return None;
    }
    recorded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::{Event, Role};

    /// Answers every question with `answer`, and keeps what it was asked.
    struct Scripted {
        answer: Answer,
        asked: Vec<OnStage>,
    }

    impl AskResume for Scripted {
        fn resume(&mut self, _run: &str, _last: Millis) -> anyhow::Result<bool> {
            Ok(true)
        }
    }

    impl Ask for Scripted {
        fn on_stage(&mut self, _run: &str, who: &OnStage) -> anyhow::Result<Answer> {
            self.asked.push(who.clone());
            Ok(self.answer)
        }
    }

    fn scripted(answer: Answer) -> Scripted {
        Scripted {
            answer,
            asked: Vec::new(),
        }
    }

    const NOW: Millis = 1_600_331_400_000;

    fn kickoff() -> Session {
        crate::session::load::load_catalog(&[])
            .unwrap()
            .find("kickoff")
            .unwrap()
            .clone()
    }

    /// A run whose facilitator Anna (writer `anna-a00001`) joined at `NOW`; `left`: and quit.
    fn run_with_anna(data: &DataDir, left: bool) -> RunDir {
        let dir = data
            .create_run(RunHeader::new(kickoff(), None, NOW, "Anna"))
            .unwrap();
        let mut journal = dir.open_writer("anna-a00001").unwrap();
        let joined = Event::Joined {
            name: "Anna".into(),
            role: Role::Facilitator,
        };
        journal.append(NOW, joined).unwrap();
        if left {
            journal.append(NOW + 1, Event::Left).unwrap();
        }
        dir
    }

    struct World {
        _tmp: tempfile::TempDir,
        data: DataDir,
        locks: PathBuf,
    }

    fn world() -> World {
        let tmp = tempfile::tempdir().unwrap();
        World {
            data: DataDir::at(tmp.path().join("data")),
            locks: tmp.path().join("locks"),
            _tmp: tmp,
        }
    }

    impl World {
        fn door<'a>(&'a self, author: &'a str) -> Door<'a> {
            Door {
                data: &self.data,
                author,
                lang: Lang::En,
                now: NOW + 60_000,
                locks: Some(self.locks.clone()),
            }
        }

        fn enter(&self, author: &str, dir: &RunDir, ask: &mut Scripted) -> Entry {
            let pick = Pick::Resume(dir.clone());
            self.door(author)
                .stage(&kickoff(), None, pick, ask)
                .unwrap()
        }
    }

    fn drives(entry: &Entry) -> bool {
        matches!(entry, Entry::Stage { .. })
    }

    #[test]
    fn a_live_stage_is_said_and_enter_joins_whatever_the_name() {
        let w = world();
        let dir = run_with_anna(&w.data, false);
        // Anna's stage runs on this computer: it holds the lock.
        let Lock::Taken { lock: _anna, .. } = lock::try_lock(&w.locks, dir.id()) else {
            panic!("the lock is free");
        };
        for me in ["Anna", "Bo"] {
            let mut ask = scripted(Answer::Join);
            let entry = w.enter(me, &dir, &mut ask);
            let anna = OnStage {
                name: "Anna".into(),
                since: NOW,
            };
            assert_eq!(ask.asked, [anna], "{me} is told who is on stage");
            assert!(matches!(entry, Entry::Join(_)), "{me}: Enter joins");
        }
        let mut ask = scripted(Answer::TakeOver);
        let Entry::Stage { take_over, .. } = w.enter("Bo", &dir, &mut ask) else {
            panic!("take over drives");
        };
        assert!(take_over);
        let mut ask = scripted(Answer::Cancel);
        let Entry::Cancelled = w.enter("Bo", &dir, &mut ask) else {
            panic!("cancel opens nothing");
        };
    }

    #[test]
    fn a_stage_that_crashed_here_is_resumed_without_a_question() {
        let w = world();
        let dir = run_with_anna(&w.data, false);
        let Lock::Taken { mut lock, .. } = lock::try_lock(&w.locks, dir.id()) else {
            panic!("the lock is free");
        };
        lock.record("anna-a00001");
        // kill -9: the system lets go of the lock; the journal says Anna is still on stage.
        drop(lock);
        let mut ask = scripted(Answer::Cancel);
        let entry = w.enter("Anna", &dir, &mut ask);
        assert!(ask.asked.is_empty(), "{:?}", ask.asked);
        let Entry::Stage {
            take_over, lock, ..
        } = entry
        else {
            panic!("resumed");
        };
        assert!(!take_over);
        assert!(lock.is_held(), "the stage holds the lock from now on");
        assert!(matches!(lock::try_lock(&w.locks, dir.id()), Lock::Held));
    }

    #[test]
    fn a_facilitator_on_record_who_never_ran_here_may_be_live_elsewhere_and_is_asked_about() {
        let w = world();
        let dir = run_with_anna(&w.data, false);
        let mut ask = scripted(Answer::Join);
        assert!(matches!(w.enter("Anna", &dir, &mut ask), Entry::Join(_)));
        assert_eq!(ask.asked.len(), 1);
    }

    #[test]
    fn a_join_asks_about_a_live_stage_and_taking_over_waits_for_its_lock() {
        let w = world();
        let dir = run_with_anna(&w.data, false);
        let Lock::Taken { lock: anna, .. } = lock::try_lock(&w.locks, dir.id()) else {
            panic!("the lock is free");
        };
        let join = |answer| {
            let mut ask = scripted(answer);
            let opened = beside(Found::named(dir.clone()).unwrap(), "Bo", NOW + 60_000).unwrap();
            let entry = w.door("Bo").join(opened, &mut ask).unwrap();
            (entry, ask.asked)
        };
        let (entry, asked) = join(Answer::Join);
        assert!(matches!(entry, Entry::Join(_)));
        assert_eq!(asked.len(), 1, "told who is on stage");
        let (entry, _) = join(Answer::TakeOver);
        let Entry::Stage {
            take_over: true,
            lock,
            ..
        } = entry
        else {
            panic!("t takes over");
        };
        assert!(lock.is_wanted(), "Anna's stage still holds it: {lock:?}");
        let (entry, _) = join(Answer::Cancel);
        assert!(matches!(entry, Entry::Cancelled));
        drop(anna);
    }

    /// Asks nothing of a person: looks at the run's lock while the question waits.
    struct LookingAtTheLock {
        locks: PathBuf,
        free_while_asked: Option<bool>,
    }

    impl Ask for LookingAtTheLock {
        fn on_stage(&mut self, run: &str, _who: &OnStage) -> anyhow::Result<Answer> {
            let free = matches!(lock::try_lock(&self.locks, run), Lock::Taken { .. });
            self.free_while_asked = Some(free);
            Ok(Answer::TakeOver)
        }
    }

    #[test]
    fn a_join_holds_no_lock_while_it_asks_and_taking_over_wants_it() {
        let w = world();
        // Anna on stage on another computer: the journals say so, no lock here.
        let dir = run_with_anna(&w.data, false);
        let mut ask = LookingAtTheLock {
            locks: w.locks.clone(),
            free_while_asked: None,
        };
        let opened = beside(Found::named(dir.clone()).unwrap(), "Bo", NOW + 60_000).unwrap();
        let entry = w.door("Bo").join(opened, &mut ask).unwrap();
        assert_eq!(
            ask.free_while_asked,
            Some(true),
            "a stage starting now finds it free"
        );
        let Entry::Stage { lock, .. } = entry else {
            panic!("t takes over");
        };
        assert!(lock.is_wanted(), "{lock:?}");
    }

    #[test]
    fn a_join_with_no_one_on_stage_joins_without_a_question_and_holds_no_lock() {
        let w = world();
        let dir = run_with_anna(&w.data, true);
        let mut ask = scripted(Answer::TakeOver);
        let opened = beside(Found::named(dir.clone()).unwrap(), "Bo", NOW + 60_000).unwrap();
        let entry = w.door("Bo").join(opened, &mut ask).unwrap();
        assert!(matches!(entry, Entry::Join(_)));
        assert!(ask.asked.is_empty());
        assert!(matches!(
            lock::try_lock(&w.locks, dir.id()),
            Lock::Taken { .. }
        ));
    }

    #[test]
    fn a_facilitator_who_left_displaces_no_one() {
        let w = world();
        let dir = run_with_anna(&w.data, true);
        let mut ask = scripted(Answer::Cancel);
        assert!(drives(&w.enter("Bo", &dir, &mut ask)));
        assert!(ask.asked.is_empty());
    }

    #[test]
    fn a_run_of_another_session_is_refused_and_leaves_no_journal() {
        let w = world();
        let dir = run_with_anna(&w.data, true);
        let mut other = kickoff();
        other.id = "begrepp".into();
        let mut ask = scripted(Answer::Join);
        let pick = Pick::Resume(dir.clone());
        let refused = w.door("Bo").stage(&other, None, pick, &mut ask);
        assert!(refused.is_err());
        let journals = dir.journals().unwrap().0;
        assert_eq!(journals.len(), 1, "only Anna's journal: {journals:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Stages of the same name (or not) come in at once, on a run whose last stage left,
        /// crashed here, or is live here: whatever the interleaving, at most one drives unless
        /// take over was chosen, and Enter never displaces anyone.
        #[test]
        fn two_stages_never_both_drive_a_run_by_default(
            stages in 2usize..5,
            same_name in proptest::bool::ANY,
            before in 0u8..3,
        ) {
            let w = world();
            let dir = run_with_anna(&w.data, before == 0);
            let live = match lock::try_lock(&w.locks, dir.id()) {
                Lock::Taken { mut lock, .. } => {
                    lock.record("anna-a00001");
                    // 1: crashed here (the lock let go of), 2: live here.
                    (before == 2).then_some(lock)
                }
                _ => None,
            };
            let entries: Vec<Entry> = std::thread::scope(|scope| {
                let w = &w;
                let dir = &dir;
                let handles: Vec<_> = (0..stages)
                    .map(|i| {
                        scope.spawn(move || {
                            let name = if same_name { "Anna".to_string() } else { format!("S{i}") };
                            w.enter(&name, dir, &mut scripted(Answer::Join))
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let driving = entries.iter().filter(|e| drives(e)).count();
            let expected = usize::from(live.is_none());
            proptest::prop_assert_eq!(driving, expected);
        }
    }
}
