//! `spar run SESSION [--new | --resume RUN]`: the stage, on a new or resumed run.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use std::sync::mpsc::Sender;

use ratatui::Frame;

use super::{author, catalog, data_dir};
use crate::cli::Global;
use crate::error::BadInput;
use crate::i18n::Lang;
use crate::run::live::LiveRun;
use crate::run::state::RunState;
use crate::run::status::{RunStatus, status};
use crate::run::store::{DataDir, RunDir, RunHeader};
use crate::run::{Millis, Role};
use crate::session::Session;
use crate::stage::{Context, Effect, Stage, view};
use crate::tui::event_loop::{App, Flow, Msg, Tui, now_ms};
use crate::tui::terminal;
use crate::tui::watch::JournalWatch;
use crate::ui::theme::{Theme, no_color_requested};

pub fn run(
    global: &Global,
    name: &str,
    new: bool,
    resume: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let session = catalog.find(name)?.clone();
    let data = data_dir(global)?;
    let lang = Lang::resolve(global.lang);
    let now = now_ms();
    let dir = match resume {
        Some(id) => {
            let dir = data.find(id).map_err(super::store_error)?;
            let header = dir.header().map_err(super::store_error)?;
            if header.session.id != session.id {
                return Err(BadInput(format!(
                    "run {} is a run of {}, not of {}",
                    dir.id(),
                    header.session.id,
                    session.id
                ))
                .into());
            }
            dir
        }
        None if new => create(&data, &session, &catalog, global, now)?,
        None => match unfinished(&saved_runs(&data, now), &session.id) {
            Some(run) if ask_resume(lang, &run.dir, run.last)? => run.dir.clone(),
            _ => create(&data, &session, &catalog, global, now)?,
        },
    };
    let mut tui = Tui::start()?;
    stage(global, dir, lang, &mut tui)?;
    Ok(ExitCode::SUCCESS)
}

pub fn create(
    data: &DataDir,
    session: &Session,
    catalog: &crate::session::load::Catalog,
    global: &Global,
    now: Millis,
) -> anyhow::Result<RunDir> {
    let track = catalog.track.clone().filter(|t| t.id == session.track);
    let header = RunHeader::new(session.clone(), track, now, &author(global));
    Ok(data.create_run(header)?)
}

/// A saved run as the commands that pick one see it: its session, status and last activity.
pub struct SavedRun {
    pub dir: RunDir,
    pub session: String,
    pub status: RunStatus,
    /// The last event of the meeting itself (or its start).
    pub last: Millis,
}

/// Every readable saved run, oldest first, each read and folded once.
pub fn saved_runs(data: &DataDir, now: Millis) -> Vec<SavedRun> {
    let runs = data.list_runs().unwrap_or_default();
    runs.into_iter()
        .filter_map(|listing| {
            let loaded = listing.dir.load().ok()?;
            let state = RunState::fold(
                std::sync::Arc::new(loaded.header.session.clone()),
                &loaded.entries,
            );
            Some(SavedRun {
                dir: listing.dir,
                session: loaded.header.session.id.clone(),
                status: status(&state, loaded.header.started, now),
                last: state.last_activity.max(loaded.header.started),
            })
        })
        .collect()
}

/// The latest live run of this session, if any.
pub fn unfinished<'a>(runs: &'a [SavedRun], session: &str) -> Option<&'a SavedRun> {
    runs.iter()
        .rev()
        .find(|r| r.session == session && r.status == RunStatus::Live)
}

/// "Fortsätta träffen från 14:02? [J/n]" on the terminal, before the stage takes it over.
fn ask_resume(lang: Lang, dir: &RunDir, last: Millis) -> anyhow::Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(BadInput(format!(
            "an unfinished run {} exists: use --resume {} or --new",
            dir.id(),
            dir.id()
        ))
        .into());
    }
    let tz = jiff::tz::TimeZone::system();
    let text = lang.text();
    eprint!(
        "{}",
        text.resume_prompt(&crate::ui::clock::hh_mm(last, &tz), dir.id())
    );
    std::io::stderr().flush()?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(answer.is_empty() || answer.starts_with('j') || answer.starts_with('y'))
}

/// Opens the run for writing and shows the stage until the facilitator quits.
pub fn stage(global: &Global, dir: RunDir, lang: Lang, tui: &mut Tui) -> anyhow::Result<()> {
    live_view(global, dir, lang, tui, Role::Facilitator, |_| Ok(()))
}

/// The stage or a note-taker's view on a run: opens our journal in it, watches the others, and
/// runs the loop until quit. `prepare` sets the stage up before the first frame (or refuses).
pub fn live_view(
    global: &Global,
    dir: RunDir,
    lang: Lang,
    tui: &mut Tui,
    role: Role,
    prepare: impl FnOnce(&mut Stage) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let now = now_ms();
    let me = author(global);
    let opening = {
        let me = me.clone();
        tui.while_opening(move || LiveRun::open_unannounced(dir, &me))
    };
    // Given up while opening: nothing was shown, nothing was written but our empty journal.
    let Some(opened) = opening else {
        return Ok(());
    };
    let (live, run) = opened?;
    let tz = jiff::tz::TimeZone::system();
    let ctx = Context {
        lang,
        theme: Theme::new(global.theme, no_color_requested()),
        start_of_day: crate::ui::clock::at_time_of_day(
            live.header.started,
            &run.session.start,
            &tz,
        ),
        tz,
        run_id: live.dir.id().to_string(),
        track: live.header.track.as_ref().map(|t| t.title.clone()),
        author: me,
        role,
        recap: super::review::recap_for(global, &run.session, now),
    };
    let mut stage = Stage::new(run, ctx, global.quiet || role == Role::NoteTaker, now);
    prepare(&mut stage)?;

    let mut app = StageApp {
        stage,
        live,
        watch: None,
        poll_without_watch: false,
        journals_changed: false,
    };
    app.refresh_notice();
    tui.run(&mut app)
}

/// The stage at the edge: performs what the stage asks (writing, the bell) and feeds it what
/// arrives (keys, other writers' events).
struct StageApp {
    stage: Stage,
    live: LiveRun,
    /// Started after the first frame; kept alive while the view runs.
    watch: Option<JournalWatch>,
    /// The watcher could not start: read the journals on every wake, at least once a second.
    poll_without_watch: bool,
    /// The watcher saw journal changes not yet read: read once per wake, however many came.
    journals_changed: bool,
}

impl StageApp {
    fn perform(&mut self, effects: Vec<Effect>, now: Millis) -> Flow {
        let mut flow = Flow::Continue;
        for effect in effects {
            match effect {
                Effect::Append(ev) => {
                    self.live.append(&mut self.stage.run, ev, now);
                    self.stage.after_fold();
                }
                Effect::SaveNote(ev) => {
                    if self.live.append(&mut self.stage.run, ev, now) {
                        self.stage.note_saved();
                    }
                }
                Effect::Bell => terminal::bell(),
                Effect::Quit => flow = Flow::Quit,
            }
        }
        self.refresh_notice();
        flow
    }

    fn refresh_notice(&mut self) {
        self.stage.notice.save_error = self.live.save_error.clone();
        self.stage.notice.skipped = self.live.problems.len();
    }
}

impl App for StageApp {
    fn handle(&mut self, msg: Msg, now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => {
                let effects = self.stage.on_key(key, now);
                self.perform(effects, now)
            }
            Msg::Paste(text) => {
                let effects = self.stage.on_paste(&text, now);
                self.perform(effects, now)
            }
            Msg::Resize => Flow::Continue,
            Msg::Journals => {
                self.journals_changed = true;
                Flow::Continue
            }
            Msg::Signal(_) => Flow::Quit,
        }
    }

    fn wake(&mut self, now: Millis) -> Flow {
        let look = std::mem::take(&mut self.journals_changed) || self.poll_without_watch;
        if look && self.live.follow(&mut self.stage.run) {
            self.stage.after_fold();
        }
        if self.live.has_pending()
            && self.live.retry(&mut self.stage.run)
            && self.stage.awaiting_save
        {
            self.stage.note_saved();
        }
        let effects = self.stage.tick(now);
        self.perform(effects, now)
    }

    fn draw(&self, frame: &mut Frame, now: Millis) {
        view::draw(frame, &self.stage, now);
    }

    fn next_wake(&self, now: Millis) -> Millis {
        let wake = self.stage.next_wake(now);
        // Retry a failing save every second.
        if self.live.has_pending() {
            wake.min(now + 1000)
        } else {
            wake
        }
    }

    fn after_first_frame(&mut self, tx: &Sender<Msg>, now: Millis) {
        let (author, role) = (self.stage.ctx.author.clone(), self.stage.ctx.role);
        self.live.announce(&mut self.stage.run, &author, role, now);
        match JournalWatch::start(&self.live.folder(), tx.clone()) {
            Ok(watch) => self.watch = Some(watch),
            // Without file events the run is still followed: every wake reads the journals.
            Err(_) => self.poll_without_watch = true,
        }
        self.refresh_notice();
    }

    /// Quit, SIGTERM, SIGHUP: the draft being typed and anything waiting are written first.
    fn shutdown(&mut self, now: Millis) {
        let effects = self.stage.leaving();
        self.perform(effects, now);
        self.live.retry(&mut self.stage.run);
    }
}
