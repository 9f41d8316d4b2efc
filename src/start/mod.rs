//! `spar` with no command: the track, its goals and its meetings with their state; pick one to
//! run or resume.

pub mod view;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::run::catalog::TrackView;
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

#[derive(Debug, Clone)]
pub struct StartScreen {
    pub track: Option<Track>,
    pub meetings: Vec<Meeting>,
    pub selected: usize,
    /// Language, colours and time zone.
    pub ctx: crate::ui::Ctx,
}

/// What the facilitator chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Stay,
    Quit,
    /// Run this meeting: resume its live run if it has one, else a new run.
    Run(usize),
}

impl StartScreen {
    /// The first meeting that is not done is selected: usually the next one to hold.
    pub fn new(track: Option<Track>, meetings: Vec<Meeting>, ctx: crate::ui::Ctx) -> Self {
        let selected = meetings
            .iter()
            .position(|m| m.state != MeetingState::Done)
            .unwrap_or(0);
        StartScreen {
            track,
            meetings,
            selected,
            ctx,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Choice {
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return if key.code == KeyCode::Char('c') {
                Choice::Quit
            } else {
                Choice::Stay
            };
        }
        let last = self.meetings.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Char(c @ '1'..='9') => {
                let n = c as usize - '1' as usize;
                if n <= last {
                    self.selected = n;
                }
            }
            KeyCode::Enter if !self.meetings.is_empty() => return Choice::Run(self.selected),
            KeyCode::Char('q') | KeyCode::Esc => return Choice::Quit,
            _ => {}
        }
        Choice::Stay
    }
}
