//! `spar replay [RUN]`: a run as it happened. The model is the run's events in fold order and a
//! moment; the stage at that moment is the fold of the events up to it, drawn by the stage's own
//! views with "now" set to the moment (no second renderer), under a timeline of the agenda.
//!
//! `←`/`→` step event by event, `space` plays (10× unless `1`–`4` chose 1×, 10×, 60× or 600×),
//! `Home`/`End` go to the start and the end. Nothing is written: the replay is read-only.

pub mod view;

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::run::state::RunState;
use crate::run::{Entry, Millis, Role};
use crate::session::Session;
use crate::stage::{Context, Stage};

/// The speeds `1`–`4` choose.
pub const SPEEDS: [i64; 4] = [1, 10, 60, 600];

#[derive(Debug, Clone)]
pub struct Replay {
    pub session: Arc<Session>,
    /// Every event of the run, in fold order.
    pub entries: Vec<Entry>,
    /// The moment shown.
    pub moment: Millis,
    /// Playing since `(wall clock, moment)` then, at `speed`×.
    pub playing: Option<(Millis, Millis)>,
    pub speed: i64,
    /// The stage's context: language, colours, time zone, the run's id and start.
    pub ctx: Context,
    /// What the run header's session copy held that was set aside, worded
    /// ([`check`](crate::run::open::header::check)): said in the status line.
    pub set_aside: Vec<String>,
}

/// What a key asks of the replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    Quit,
}

impl Replay {
    /// A replay of `entries` (in fold order), at the run's first event.
    pub fn new(session: Arc<Session>, entries: Vec<Entry>, ctx: Context) -> Replay {
        let moment = entries.first().map_or(0, |e| e.record.hlc().wall);
        Replay {
            session,
            entries,
            moment,
            playing: None,
            speed: 10,
            ctx: Context {
                role: Role::Facilitator,
                ..ctx
            },
            set_aside: Vec::new(),
        }
    }

    pub fn first(&self) -> Millis {
        self.entries.first().map_or(0, |e| e.record.hlc().wall)
    }

    pub fn last(&self) -> Millis {
        self.entries.last().map_or(0, |e| e.record.hlc().wall)
    }

    /// How many events have happened by the moment.
    pub fn position(&self) -> usize {
        self.entries
            .partition_point(|e| e.record.hlc().wall <= self.moment)
    }

    /// The moment at wall-clock `now`: it moves while playing.
    pub fn moment_at(&self, now: Millis) -> Millis {
        match self.playing {
            Some((since, from)) => from
                .saturating_add(now.saturating_sub(since).saturating_mul(self.speed))
                .min(self.last()),
            None => self.moment,
        }
    }

    /// Time passed: the moment follows the play, which stops at the last event.
    pub fn tick(&mut self, now: Millis) {
        if self.playing.is_some() {
            self.moment = self.moment_at(now);
            if self.moment >= self.last() {
                self.playing = None;
            }
        }
    }

    /// The next wall-clock moment the screen changes: while playing, the next event or the next
    /// shown second of the moment, whichever comes first.
    pub fn next_wake(&self, now: Millis) -> Option<Millis> {
        let (since, from) = self.playing?;
        let moment = self.moment_at(now);
        let next_event = self
            .entries
            .get(
                self.entries
                    .partition_point(|e| e.record.hlc().wall <= moment),
            )
            .map_or(self.last(), |e| e.record.hlc().wall);
        let next_second = moment.saturating_add(1000 - moment.rem_euclid(1000));
        let target = next_event.min(next_second).max(moment.saturating_add(1));
        // Wall-clock time when the moment reaches `target`.
        let ahead = target.saturating_sub(from).saturating_add(self.speed - 1) / self.speed;
        Some(since.saturating_add(ahead).max(now.saturating_add(1)))
    }

    pub fn on_key(&mut self, key: KeyEvent, now: Millis) -> Outcome {
        if key.kind == KeyEventKind::Release {
            return Outcome::Continue;
        }
        self.tick(now);
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => return Outcome::Quit,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Outcome::Quit;
            }
            KeyCode::Right => self.step(true),
            KeyCode::Left => self.step(false),
            KeyCode::Home => self.go(self.first()),
            KeyCode::End => self.go(self.last()),
            KeyCode::Char(' ') => {
                self.playing = match self.playing {
                    Some(_) => None,
                    None if self.moment >= self.last() => Some((now, self.first())),
                    None => Some((now, self.moment)),
                };
                if let Some((_, from)) = self.playing {
                    self.moment = from;
                }
            }
            KeyCode::Char(c @ '1'..='4') => {
                self.speed = SPEEDS[usize::from(c as u8 - b'1')];
                if self.playing.is_some() {
                    self.playing = Some((now, self.moment));
                }
            }
            _ => {}
        }
        Outcome::Continue
    }

    fn go(&mut self, moment: Millis) {
        self.playing = None;
        self.moment = moment;
    }

    /// To the next event after the moment, or back to the one before the last that happened.
    fn step(&mut self, forward: bool) {
        let done = self.position();
        let target = if forward {
            self.entries.get(done).map(|e| e.record.hlc().wall)
        } else {
            // The events at the moment happened; back means before the last of them.
            done.checked_sub(2)
                .and_then(|i| self.entries.get(i))
                .map(|e| e.record.hlc().wall)
                .or(Some(self.first()))
        };
        if let Some(at) = target {
            self.go(at);
        }
    }

    /// The stage as it stood at the moment: the fold of every event up to it.
    pub fn stage(&self) -> Stage {
        let done = self.position();
        let state = RunState::fold(self.session.clone(), &self.entries[..done]);
        Stage::new(state, self.ctx.clone(), true, self.moment)
    }
}
