//! `spar` with no command: each track, its goals, pre-work and meetings with their state; pick
//! one to run or resume. Draws with `crate::ui`; imports no other screen.

pub mod keys;
pub mod view;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use keys::Action;

use crate::run::catalog::TrackView;
use crate::run::open::Answer;
use crate::run::store::RunDir;
use crate::session::{Session, Track};

/// Where a meeting stands, from its saved runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingState {
    NotRun,
    /// A live run to resume.
    InProgress(RunDir),
    Done,
}

impl MeetingState {
    /// In progress when a live run exists, done when a run ended, else not run.
    pub fn of(runs: &TrackView, session: &str) -> MeetingState {
        if let Some(run) = runs.unfinished(session) {
            MeetingState::InProgress(run.dir.clone())
        } else if runs.has_ended(session) {
            MeetingState::Done
        } else {
            MeetingState::NotRun
        }
    }
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub session: Session,
    pub state: MeetingState,
}

/// One track on the start screen: its meetings, and which one is chosen.
#[derive(Debug, Clone)]
pub struct TrackPage {
    pub track: Option<Track>,
    pub meetings: Vec<Meeting>,
    pub selected: usize,
}

impl TrackPage {
    /// The first meeting that is not done is selected: usually the next one to hold.
    pub fn new(track: Option<Track>, meetings: Vec<Meeting>) -> Self {
        let selected = meetings
            .iter()
            .position(|m| m.state != MeetingState::Done)
            .unwrap_or(0);
        TrackPage {
            track,
            meetings,
            selected,
        }
    }
}

#[derive(Debug, Clone)]
pub struct StartScreen {
    /// The question over the screen when the chosen meeting has a facilitator on stage.
    pub asking: Option<Asking>,
    /// Every track, each with its meetings; never empty.
    pub pages: Vec<TrackPage>,
    /// The track shown.
    pub page: usize,
    /// Language, colours and time zone.
    pub ctx: crate::ui::Ctx,
}

/// What the facilitator chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Stay,
    Quit,
    /// Run this meeting of the track shown: resume its live run if it has one, else a new run.
    Run(usize),
    /// The answer to the question [`Asking`].
    Answered(Answer),
}

/// The popup over the start screen when the meeting chosen has a facilitator on stage: "Anna
/// leder träffen sedan 19:58", with join (Enter, the default), take over (t) and cancel (Esc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    /// "Anna is on stage since 19:58".
    pub line: String,
    pub run: String,
}

impl StartScreen {
    /// One track.
    pub fn new(track: Option<Track>, meetings: Vec<Meeting>, ctx: crate::ui::Ctx) -> Self {
        StartScreen::with_pages(vec![TrackPage::new(track, meetings)], 0, ctx)
    }

    /// Several tracks, `page` shown first.
    pub fn with_pages(mut pages: Vec<TrackPage>, page: usize, ctx: crate::ui::Ctx) -> Self {
        if pages.is_empty() {
            pages.push(TrackPage::new(None, Vec::new()));
        }
        let page = page.min(pages.len() - 1);
        StartScreen {
            asking: None,
            pages,
            page,
            ctx,
        }
    }

    /// The track shown.
    pub fn current(&self) -> &TrackPage {
        &self.pages[self.page]
    }

    /// The meeting `i` of the track shown.
    pub fn meeting(&self, i: usize) -> Option<&Meeting> {
        self.current().meetings.get(i)
    }

    /// The key table in force: the track keys only when there are tracks to switch between.
    pub fn bindings(&self) -> impl Iterator<Item = &'static keys::Binding> + use<> {
        let tracks = self.pages.len() > 1;
        keys::START.iter().filter(move |b| {
            tracks || !matches!(b.action, Action::NextTrack | Action::PreviousTrack)
        })
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Choice {
        if self.asking.is_some() {
            return match crate::ui::on_stage::key(key) {
                Some(answer) => Choice::Answered(answer),
                None => Choice::Stay,
            };
        }
        let Some(action) = crate::ui::keymap::lookup(self.bindings(), key) else {
            return Choice::Stay;
        };
        let pages = self.pages.len();
        let page = &mut self.pages[self.page];
        let last = page.meetings.len().saturating_sub(1);
        match action {
            Action::Up => page.selected = page.selected.saturating_sub(1),
            Action::Down => page.selected = (page.selected + 1).min(last),
            Action::Meeting => {
                if let KeyCode::Char(c @ '1'..='9') = key.code {
                    let n = c as usize - '1' as usize;
                    if n <= last {
                        page.selected = n;
                    }
                }
            }
            Action::NextTrack => self.page = (self.page + 1) % pages,
            Action::PreviousTrack => self.page = (self.page + pages - 1) % pages,
            Action::Start if !page.meetings.is_empty() => return Choice::Run(page.selected),
            Action::Start => {}
            Action::Quit => return Choice::Quit,
        }
        Choice::Stay
    }
}
