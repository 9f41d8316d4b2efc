//! The stage at the edge: opens this process's journal in a run, watches the other writers',
//! and runs the event loop with the stage until it quits. Performs what the stage asks (writing,
//! the bell) and feeds it what arrives (keys, paste, other writers' events, time).

use std::io::Write;
use std::sync::mpsc::Sender;

use ratatui::Frame;

use super::event_loop::{App, Flow, Msg, Tui, now_ms};
use super::terminal;
use super::watch::{Watch, arm};
use crate::run::catalog::RecapEntry;
use crate::run::file_problem::Tally;
use crate::run::live::LiveRun;
use crate::run::open::Opened;
use crate::run::open::lock::Hold;
use crate::run::reader::Credit;
use crate::run::skew::ClockSkew;
use crate::run::state::RunState;
use crate::run::store::{DataDir, RunHeader};
use crate::run::unsaved;
use crate::run::{Event, Millis, Role};
use crate::session::Session;
use crate::speech::TimeMarks;
use crate::stage::speech::command::Speech;
use crate::stage::{Context, Effect, Stage, view};

/// Who sits at this terminal and how it looks: what the stage needs besides the run.
pub struct Seat {
    /// Language, colours and time zone.
    pub ui: crate::ui::Ctx,
    /// The mark on each note this process writes.
    pub author: String,
    /// The facilitator's stage, or a note-taker's terminal (`spar join`).
    pub role: Role,
    /// `--quiet`: no bell. A note-taker's terminal never rings.
    pub quiet: bool,
    /// The facilitator chose to take over a run another stage is live on: said in the journal
    /// once this stage has joined, and the other stage steps down.
    pub take_over: bool,
    /// `--screen-reader`: the stage said in plain lines, with these time marks, not drawn.
    pub speech: Option<TimeMarks>,
}

/// The run a stage opens: one that exists, or a new one that is created only when its first
/// item starts or the first note is typed, so that opening the lobby and leaving again leaves no
/// run behind (none "in progress", none "not started" in the track's export).
pub enum Opening {
    /// A run the door opened (our journal started in it, the others' read and folded), with
    /// what the stage holds of its lock.
    Opened { run: Box<Opened>, lock: Hold },
    New {
        data: DataDir,
        header: Box<RunHeader>,
        /// Wanted once the run is created.
        lock: Hold,
    },
}

/// The stage or a note-taker's view on a run: opens our journal in it, watches the others, and
/// runs the loop until quit. `recap` says what earlier meetings left open for the run's session
/// (its snapshot); `prepare` sets the stage up before the first frame (or refuses).
pub fn run(
    tui: &mut Tui,
    opening: Opening,
    seat: Seat,
    recap: impl FnOnce(&Session) -> Vec<RecapEntry>,
    prepare: impl FnOnce(&mut Stage) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let now = now_ms();
    let (live, run, header, pending, lock) = match opening {
        Opening::Opened { run, lock } => {
            let Opened { live, state } = *run;
            let header = live.header.clone();
            (Some(live), state, header, None, lock)
        }
        Opening::New { data, header, lock } => {
            let run = RunState::new(std::sync::Arc::new(header.session.clone()));
            (None, run, (*header).clone(), Some((data, *header)), lock)
        }
    };
    let ctx = Context {
        start_of_day: crate::ui::clock::at_time_of_day(
            header.started,
            &run.session.start,
            &seat.ui.tz,
        ),
        ui: seat.ui,
        run_id: header.id.clone(),
        track: header.track.as_ref().map(|t| t.title.clone()),
        author: seat.author,
        role: seat.role,
        recap: recap(&run.session),
    };
    let take_over = seat.take_over;
    let speech = seat.speech.map(Speech::new);
    let quiet = seat.quiet || seat.role == Role::NoteTaker;
    let mut stage = Stage::new(run, ctx, quiet, now);
    let text = stage.ctx.ui.text();
    stage.notice.set_aside = header.set_aside.iter().map(|s| text.set_aside(s)).collect();
    prepare(&mut stage)?;

    let mut app = StageApp {
        stage,
        live,
        pending,
        unsaved: Vec::new(),
        farewell: None,
        tx: None,
        watch: None,
        credit: None,
        journalled_group: None,
        announced: false,
        skew: ClockSkew::default(),
        take_over,
        speech,
        lock,
        handover: None,
    };
    app.refresh_notice();
    tui.run(&mut app)?;
    match app.farewell {
        Some(farewell) => {
            // The last resort: the words themselves, on the terminal given back.
            if !farewell.texts.is_empty() {
                terminal::restore();
                let mut err = std::io::stderr().lock();
                for words in &farewell.texts {
                    let _ = writeln!(err, "\n{words}");
                }
                let _ = writeln!(err);
            }
            Err(anyhow::anyhow!(farewell.line))
        }
        None => {
            // Said once the terminal is back: where the run stands and how to go on.
            if let Some(lines) = goodbye(&app) {
                terminal::restore();
                println!("{lines}");
            }
            Ok(())
        }
    }
}

/// What could not be saved by the end: one line for stderr, and when not even a copy could be
/// kept, the typed texts to print there.
struct Farewell {
    line: String,
    texts: Vec<String>,
}

/// After `q` on a run that exists: where it stands ("Sparad vid punkt 4 av 12: Samtal efter
/// föredraget") and the command that goes on with it; after the end, the export command.
fn goodbye(app: &StageApp) -> Option<String> {
    let live = app.live.as_ref()?;
    let stage = &app.stage;
    let text = stage.ctx.ui.text();
    let run = &stage.run;
    let id = live.header.id.as_str();
    if run.ended_at.is_some() {
        return Some(text.export_hint(id));
    }
    let agenda = &run.session.agenda;
    let item = agenda.get(run.place.item)?;
    let at = format!(
        "{}: {}",
        text.item_of(run.place.item + 1, agenda.len()),
        crate::text::clean_line(&item.title)
    );
    let command = match stage.ctx.role {
        Role::Facilitator => format!("spar run {}", live.header.session.id),
        Role::NoteTaker => format!("spar join {id}"),
        // The room's screen only follows: nothing of its own to go on with.
        Role::Screen => return None,
    };
    Some(text.saved_at(&at, id, &command))
}

/// The stage at the edge: performs what the stage asks (writing, the bell) and feeds it what
/// arrives (keys, other writers' events).
struct StageApp {
    stage: Stage,
    /// The run's journals; `None` until a new run is created.
    live: Option<LiveRun>,
    /// A new run not created yet: where, and its header.
    pending: Option<(DataDir, RunHeader)>,
    /// Events that came before the new run could be created (its folder failed): written, in
    /// order, once it is.
    unsaved: Vec<(Millis, Event)>,
    /// What could not be saved by the end, and where its copy went: said on stderr.
    farewell: Option<Farewell>,
    /// For the watcher, once the first frame is drawn (a new run is watched once created).
    tx: Option<Sender<Msg>>,
    /// Started after the first frame; kept alive while the view runs.
    watch: Option<Watch>,
    /// The watcher's credit for the batch last taken, given back once the frame that shows it
    /// is drawn: the next batch is read after that frame, so a key typed during a slow frame is
    /// answered before the next batch is folded.
    credit: Option<Credit>,
    /// A note-taker's group as last journalled (`TakingNotes`), once it announced itself.
    journalled_group: Option<Option<String>>,
    announced: bool,
    /// How far this computer's clock is behind the facilitator's (a note-taker's terminal).
    skew: ClockSkew,
    /// See [`Seat::take_over`].
    take_over: bool,
    /// The screen-reader mode's view, instead of drawing.
    speech: Option<Speech>,
    /// The stage lock: held while this stage drives, so that other ways in on this computer see
    /// it live; let go of when it steps down.
    lock: Hold,
    /// While the lock is wanted after a take-over: when to try it next, and when to stop.
    handover: Option<(Millis, Millis)>,
}

/// How long a stage that took over tries for the lock, while the stage it took over from reads
/// `TookOver`, steps down and lets go (within the usual latency of a journal line).
const HANDOVER_MS: Millis = 10_000;
/// ... trying this often.
const HANDOVER_EVERY: Millis = 250;

impl StageApp {
    /// After journals were read: how far this computer's clock is off the facilitator's is
    /// learnt, and a facilitator's stage tells the writers whose clocks it read ahead
    /// ([`skew`](crate::run::skew)).
    fn clocks(&mut self, raw: Millis) {
        let Some(live) = self.live.as_mut() else {
            return;
        };
        let ahead = live.learn_skew(&self.stage.run, &mut self.skew, raw);
        self.stage.notice.clock_off = self.skew.seconds_off();
        let now = self.skew.corrected(raw);
        if live.tell_leads(&mut self.stage.run, now) {
            self.stage.after_fold();
        }
        // Learnt to be ahead: what this terminal wrote before is stamped so far ahead that the
        // others hold it back (a year ahead: for a year), its `Joined` too. The note-taker says
        // again who it is, stamped by the corrected clock, so the stage lists it now.
        if ahead && self.announced && self.stage.ctx.role != Role::Facilitator {
            let (author, role) = (self.stage.ctx.author.clone(), self.stage.ctx.role);
            live.announce(&mut self.stage.run, &author, role, now);
            self.journalled_group = None;
            self.journal_group(now);
        }
    }

    /// The run's journals: the new run is created now if it was not yet (the first event of a
    /// meeting: its first item starts, or a note is typed). `None` while creating fails.
    fn live(&mut self, now: Millis) -> Option<&mut LiveRun> {
        if self.live.is_none() {
            let (data, header) = self.pending.as_ref()?;
            let header = RunHeader::new(
                header.session.clone(),
                header.track.clone(),
                now,
                &header.by,
            );
            // Written, not read back: the run is opened with the header in hand.
            let opened = data
                .create_run(header.clone())
                .map_err(anyhow::Error::from)
                .and_then(|dir| LiveRun::open_with(dir, header, None, &self.stage.ctx.author, now));
            match opened {
                Err(e) => {
                    let lang = self.stage.ctx.ui.lang;
                    self.stage.notice.save_error = Some(crate::error::one_line(&e, lang));
                    return None;
                }
                Ok((mut live, _)) => {
                    self.pending = None;
                    let (author, role) = (self.stage.ctx.author.clone(), self.stage.ctx.role);
                    self.stage.ctx.run_id = live.dir.id().to_string();
                    self.lock.try_take(live.dir.id(), live.writer_id());
                    live.announce(&mut self.stage.run, &author, role, now);
                    for (at, ev) in std::mem::take(&mut self.unsaved) {
                        live.append(&mut self.stage.run, ev, at);
                    }
                    if let Some(tx) = self.tx.clone() {
                        self.start_watch(&mut live, tx);
                    }
                    self.live = Some(live);
                }
            }
        }
        self.live.as_mut()
    }

    /// Watches the other writers' journals, and hears from our writer thread. The journals are
    /// read once more after the watch is armed (see [`arm`]): a line written since the run was
    /// read, before the watch could see it, is not missed.
    fn start_watch(&mut self, live: &mut LiveRun, tx: Sender<Msg>) {
        let saved = tx.clone();
        live.set_waker(Box::new(move || {
            let _ = saved.send(Msg::Saved);
        }));
        self.watch = arm(live, tx, &mut |_| {});
    }

    /// Writes an event (creating a new run first); whether everything written so far is on disk.
    fn append(&mut self, ev: Event, now: Millis) -> bool {
        if self.live(now).is_none() {
            self.unsaved.push((now, ev));
            return false;
        }
        let Some(live) = self.live.as_mut() else {
            return false;
        };
        // A draft is journalled in the background: the key typed next must not wait for the
        // disk. Anything else is waited for briefly, so that the next key sees its effect.
        let saved = if matches!(ev, Event::Draft { .. } | Event::EditDraft { .. }) {
            live.submit(&mut self.stage.run, ev, now)
        } else {
            live.append(&mut self.stage.run, ev, now)
        };
        self.stage.after_fold();
        saved
    }

    fn perform(&mut self, effects: Vec<Effect>, now: Millis) -> Flow {
        let mut flow = Flow::Continue;
        for effect in effects {
            match effect {
                Effect::Append(ev) => {
                    self.append(ev, now);
                }
                Effect::SaveNote(ev) => {
                    self.append(ev, now);
                }
                Effect::Bell => terminal::bell(),
                Effect::Quit => flow = Flow::Quit,
            }
        }
        self.journal_group(now);
        self.refresh_notice();
        flow
    }

    /// A note-taker says in its journal which group it writes for, when it joins and whenever
    /// that changes, so that the facilitator's stage shows who takes notes for whom.
    fn journal_group(&mut self, now: Millis) {
        if self.stage.ctx.role != Role::NoteTaker || !self.announced {
            return;
        }
        if self.journalled_group.as_ref() == Some(&self.stage.group) {
            return;
        }
        let group = self.stage.group.clone();
        self.journalled_group = Some(group.clone());
        self.append(Event::TakingNotes { group }, now);
    }

    /// Another stage took over as facilitator: this one follows from now on, and lets go of the
    /// lock for the stage that took over.
    fn step_down_if_taken_over(&mut self) {
        if let Some(live) = &self.live {
            self.stage.step_down_if_taken_over(live.writer_id());
        }
        if self.stage.ctx.role != Role::Facilitator {
            self.lock = Hold::None;
        }
    }

    /// After a take-over: the lock, once the stage taken over from lets go of it.
    fn take_handed_over_lock(&mut self, now: Millis) {
        let (Some((next, until)), Some(live)) = (self.handover, &self.live) else {
            return;
        };
        if now < next {
            return;
        }
        self.lock.try_take(live.dir.id(), live.writer_id());
        self.handover = if !self.lock.is_wanted() {
            None
        } else if now >= until {
            // Never let go of (a stage of an older spar, one that hung): the journals decide.
            self.lock = Hold::None;
            None
        } else {
            Some((now + HANDOVER_EVERY, until))
        };
    }

    fn refresh_notice(&mut self) {
        // Events kept for a run not created yet count as unsaved as much as those waiting for
        // the writer thread: quitting asks about both.
        let waiting = unsaved::notes(&self.unsaved);
        self.stage.notice.unsaved = self.unsaved.len();
        self.stage.notice.unsaved_notes = waiting;
        if let Some(live) = &self.live {
            let text = self.stage.ctx.ui.text();
            self.stage.notice.save_error = live.save_error.as_ref().map(|e| text.write_error(e));
            // Counted as the review counts them: a file too large to read is no damaged line.
            let tally = Tally::of(&live.problems);
            self.stage.notice.skipped = tally.damaged;
            self.stage.notice.too_large = tally.too_large;
            self.stage.notice.unsaved += live.pending_count();
            self.stage.notice.unsaved_notes += live.pending_notes();
            self.stage.notice.copies = live.notices.len();
            self.stage.notice.held = live.held_count();
        }
    }
}

impl App for StageApp {
    fn handle(&mut self, msg: Msg, raw: Millis) -> Flow {
        let now = self.skew.corrected(raw);
        match msg {
            Msg::Key(key) => {
                let effects = self.stage.on_key(key, now);
                self.perform(effects, now)
            }
            Msg::Paste(text) => {
                let effects = self.stage.on_paste(&text, now);
                self.perform(effects, now)
            }
            Msg::Line(line) => match self.speech.as_mut() {
                Some(speech) => {
                    let effects = speech.on_line(&mut self.stage, &line, now);
                    self.perform(effects, now)
                }
                None => Flow::Continue,
            },
            Msg::Resize => Flow::Continue,
            Msg::Journals(mut batch) => {
                self.credit = batch.credit.take();
                if let Some(live) = self.live.as_mut()
                    && live.take(&mut self.stage.run, batch, now)
                {
                    self.stage.after_fold();
                }
                self.clocks(raw);
                self.step_down_if_taken_over();
                self.refresh_notice();
                Flow::Continue
            }
            Msg::Saved => {
                if let Some(live) = self.live.as_mut() {
                    live.retry(&mut self.stage.run);
                    self.stage.after_fold();
                }
                self.step_down_if_taken_over();
                self.refresh_notice();
                Flow::Continue
            }
            Msg::Signal(_) => Flow::Quit,
        }
    }

    fn wake(&mut self, raw: Millis) -> Flow {
        let now = self.skew.corrected(raw);
        // A new run whose folder could not be created: try again.
        if !self.unsaved.is_empty() {
            self.live(now);
        }
        self.clocks(raw);
        if let Some(live) = self.live.as_mut() {
            if live.release_held(&mut self.stage.run, self.skew.corrected(raw)) {
                self.stage.after_fold();
            }
            if live.has_pending() {
                live.retry(&mut self.stage.run);
                self.stage.after_fold();
            }
        }
        // The countdown from here on runs on the facilitator's clock.
        let now = self.skew.corrected(raw);
        self.step_down_if_taken_over();
        self.take_handed_over_lock(now);
        let effects = self.stage.tick(now);
        self.perform(effects, now)
    }

    fn after_draw(&mut self) {
        self.credit = None;
    }

    fn draw(&self, frame: &mut Frame, raw: Millis) {
        view::draw(frame, &self.stage, self.skew.corrected(raw));
    }

    fn speak(&mut self, raw: Millis) -> Vec<String> {
        let now = self.skew.corrected(raw);
        match self.speech.as_mut() {
            Some(speech) => speech.speak(&self.stage, now),
            None => Vec::new(),
        }
    }

    fn next_wake(&self, raw: Millis) -> Millis {
        self.skew
            .raw(self.next_wake_corrected(self.skew.corrected(raw)))
    }

    fn after_first_frame(&mut self, tx: &Sender<Msg>, raw: Millis) {
        crate::fsx::read_log::note(crate::fsx::read_log::FIRST_FRAME);
        let now = self.skew.corrected(raw);
        self.tx = Some(tx.clone());
        // A new run announces itself when it is created.
        if let Some(mut live) = self.live.take() {
            let (author, role) = (self.stage.ctx.author.clone(), self.stage.ctx.role);
            live.announce(&mut self.stage.run, &author, role, now);
            if self.take_over {
                live.append(&mut self.stage.run, Event::TookOver, now);
                if self.lock.is_wanted() {
                    self.handover = Some((now, now + HANDOVER_MS));
                }
            }
            self.start_watch(&mut live, tx.clone());
            self.live = Some(live);
            self.announced = true;
        }
        self.journal_group(now);
        if let Some(speech) = self.speech.as_mut() {
            let effects = speech.start(&mut self.stage, now);
            self.perform(effects, now);
        }
        self.refresh_notice();
    }

    /// Quit and every signal: the draft being typed and anything waiting are written first
    /// (a failing write is tried once more); what still cannot be written — a run never created
    /// included — is copied outside the shared folder ([`unsaved`]), or when that fails too its
    /// texts are printed once the terminal is given back; the process says so on stderr.
    fn shutdown(&mut self, raw: Millis) {
        let now = self.skew.corrected(raw);
        let effects = self.stage.leaving();
        self.perform(effects, now);
        // Said for a stage too, so that a later `spar run` does not take it for one still running.
        if self.announced {
            self.append(Event::Left, now);
        }
        let (journal, unsaved) = match self.live.as_mut() {
            Some(live) => (
                live.journal_path().display().to_string(),
                live.finish(&mut self.stage.run, crate::run::live::FINISH_WAIT),
            ),
            // A new run whose folder could never be created.
            None => {
                let runs = self.pending.as_ref().map(|(data, _)| data.runs_dir());
                let place = runs.map(|r| r.display().to_string()).unwrap_or_default();
                (place, std::mem::take(&mut self.unsaved))
            }
        };
        if unsaved.is_empty() {
            return;
        }
        let writer = match &self.live {
            Some(live) => live.writer_id().to_owned(),
            None => crate::run::store::slug(&self.stage.ctx.author),
        };
        let name = format!("{}-{writer}-unsaved.txt", self.stage.ctx.run_id);
        let copy = unsaved::render(&journal, &unsaved);
        let kept = unsaved::keep(
            &name,
            copy,
            unsaved::places(),
            crate::run::live::FINISH_WAIT,
        );
        let text = self.stage.ctx.ui.text();
        self.farewell = Some(match kept {
            Ok(copy) => Farewell {
                line: text.unsaved_copied(unsaved.len(), &journal, &copy.display().to_string()),
                texts: Vec::new(),
            },
            Err(e) => Farewell {
                line: text.unsaved_lost(unsaved.len(), &journal, &e.to_string()),
                texts: unsaved::texts(&unsaved).map(str::to_owned).collect(),
            },
        });
    }
}

impl StageApp {
    /// When the stage next changes by itself, in the facilitator's time (see [`ClockSkew`]).
    fn next_wake_corrected(&self, now: Millis) -> Millis {
        // Said, not drawn: no wake for the countdown's seconds, only for what is said.
        let wake = match &self.speech {
            Some(speech) => speech.next_due(&self.stage, now),
            None => self.stage.next_wake(now),
        };
        // A new run whose folder could not be created is tried again every second; the writer
        // thread retries a failing save by itself and wakes us with the outcome.
        let wake = if !self.unsaved.is_empty() {
            wake.min(now.saturating_add(1000))
        } else {
            wake
        };
        let wake = match self.handover {
            Some((next, _)) => wake.min(next),
            None => wake,
        };
        // Entries from the future are folded when this clock reaches them.
        match self.live.as_ref().and_then(LiveRun::next_release) {
            Some(release) => wake.min(release),
            None => wake,
        }
    }
}
