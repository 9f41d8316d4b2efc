//! The room's screen (`spar show`): a read-only follower of a live run. Its state is the run's
//! state as every terminal folds it; what it shows besides the question and the countdown is the
//! facilitator's journalled choice ([`RunState::room`]). It has no editor, no overlays and no
//! keys but quit, so nothing private (facilitator notes, drafts, help, questions) can reach it.

pub mod speech;
pub mod view;
mod zoomed;

use crate::i18n::deletion::Undo;
use crate::run::projection::{Projection, planned_start, project};
use crate::run::state::{Deletion, Note, RunState};
use crate::run::{Millis, RoomView};
use crate::ui::Ctx;

/// What the show needs besides the run: how to draw, and the run's names.
#[derive(Debug, Clone)]
pub struct ShowCtx {
    pub ui: Ctx,
    pub run_id: String,
    /// The track's title, if the session belongs to a known track.
    pub track: Option<String>,
    /// The session's start time on the day the run began.
    pub start_of_day: Millis,
}

#[derive(Debug, Clone)]
pub struct Show {
    pub run: RunState,
    pub ctx: ShowCtx,
    /// The newest deletion of a note the room was shown, said until the moment given
    /// ([`after_fold`](Self::after_fold)).
    pub deleted: Option<(Deletion, Millis)>,
    /// The run's newest deletion seen, so that each is looked at once.
    deletion_seen: Option<Deletion>,
}

/// How long the room's screen says that a note it showed was deleted.
pub const DELETED_SAID_MS: Millis = 20_000;

impl Show {
    pub fn new(run: RunState, ctx: ShowCtx) -> Show {
        let deletion_seen = run.deletions.last().cloned();
        Show {
            run,
            ctx,
            deleted: None,
            deletion_seen,
        }
    }

    /// After journals were folded at `now`: a note deleted that the room could see (one of
    /// the question's notes while the room shows notes, or the pinned one) is said for
    /// [`DELETED_SAID_MS`]. Another note's deletion is nobody's business in the room.
    pub fn after_fold(&mut self, now: Millis) {
        let Some(deletion) = crate::ui::deletion::newer(&self.run, &mut self.deletion_seen) else {
            return;
        };
        let Some(note) = self.run.note(&deletion.id) else {
            return;
        };
        let shown = match &self.run.room {
            RoomView::Countdown => false,
            RoomView::WithNotes | RoomView::Wall => note.at == self.run.place,
            RoomView::Pinned(id) => *id == note.id,
        };
        if shown {
            self.deleted = Some((deletion, now.saturating_add(DELETED_SAID_MS)));
        }
    }

    /// What the room is told of a deleted note at `now`, while it is said.
    pub fn deletion_notice(&self, now: Millis) -> Option<String> {
        let (deletion, until) = self.deleted.as_ref()?;
        if now >= *until {
            return None;
        }
        let text = self.ctx.ui.text();
        crate::ui::deletion::deletion_notice(text, &self.run, deletion, Undo::Room)
    }

    pub fn projection(&self, now: Millis) -> Projection {
        let start = planned_start(self.ctx.start_of_day, &self.run);
        project(&self.run, start, now)
    }

    /// The saved notes of the facilitator's question, the whole group's first and then each
    /// group in the session's order, oldest first within a group. Drafts never: what is being
    /// typed is the note-taker's until it is saved.
    pub fn notes_here(&self) -> Vec<&Note> {
        let place = self.run.place;
        let groups = &self.run.session.groups;
        let rank = |group: &Option<String>| match group {
            None => 0,
            Some(g) => 1 + groups.iter().position(|s| s == g).unwrap_or(groups.len()),
        };
        let mut notes: Vec<&Note> = self.run.live_notes().filter(|n| n.at == place).collect();
        notes.sort_by_key(|n| (rank(&n.group), n.written, n.id.clone()));
        notes
    }

    /// The note the facilitator pinned, while it exists and is not deleted.
    pub fn pinned(&self) -> Option<&Note> {
        match &self.run.room {
            RoomView::Pinned(id) => self.run.note(id).filter(|n| !n.deleted),
            _ => None,
        }
    }

    /// The next moment the show looks different without a journal line: the countdown's next
    /// second, else the clock's next minute (the projected end moves with it while the timer
    /// stands still). While the countdown ticks, the minutes ride on its wakes: one wake per shown
    /// second at most.
    pub fn next_wake(&self, now: Millis) -> Millis {
        let next_minute = |t: Millis| now.saturating_add(60_000 - t.rem_euclid(60_000));
        let clock = next_minute(now);
        if self.run.ended_at.is_some() {
            return clock;
        }
        let projected = next_minute(self.projection(now).projected_end);
        let countdown = self.run.current().and_then(|t| t.next_change(now));
        let ticking = countdown.is_some_and(|at| at.saturating_sub(now) <= 1000);
        let minutes = (!ticking).then_some(clock.min(projected));
        let unsaid = self
            .deleted
            .as_ref()
            .map(|(_, until)| *until)
            .filter(|&t| t > now);
        [minutes, countdown, unsaid]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(clock)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::run::{Event, Place, Role};

    fn show(events: &[(&str, Millis, Event)]) -> Show {
        let catalog = crate::session::load::load_catalog(&[]).expect("the shipped sessions load");
        let session = catalog.get("kickoff").expect("kickoff is shipped").clone();
        // Each journal's lines are numbered from 1, its `Joined` first.
        let entries = crate::run::numbered(events);
        let run = RunState::fold(Arc::new(session), &entries);
        let ctx = ShowCtx {
            ui: Ctx {
                lang: crate::i18n::Lang::En,
                theme: crate::ui::theme::Theme::monochrome(),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "r".into(),
            track: None,
            start_of_day: 0,
        };
        Show::new(run, ctx)
    }

    fn joined(role: Role) -> Event {
        Event::Joined {
            name: "x".into(),
            role,
        }
    }

    #[test]
    fn only_the_facilitator_on_stage_chooses_what_the_room_sees() {
        let wall = Event::RoomView {
            view: RoomView::Wall,
        };
        let shown = show(&[
            ("stage", 1, joined(Role::Facilitator)),
            ("taker", 2, joined(Role::NoteTaker)),
            ("screen", 3, joined(Role::Screen)),
            ("taker", 4, wall.clone()),
            ("screen", 5, wall.clone()),
        ]);
        assert_eq!(shown.run.room, RoomView::Countdown);
        assert_eq!(shown.run.screens(), 1);
        assert!(shown.run.note_takers().iter().all(|(n, _)| *n == "x"));
        assert_eq!(
            shown.run.note_takers().len(),
            1,
            "a screen is no note-taker"
        );
        let shown = show(&[("stage", 1, joined(Role::Facilitator)), ("stage", 2, wall)]);
        assert_eq!(shown.run.room, RoomView::Wall);
    }

    /// A note the room saw, deleted, is said for a while and its end is in the wake set; the
    /// deletion of a note the room never saw is not said.
    #[test]
    fn the_room_hears_of_a_deleted_note_only_when_it_saw_it() {
        let note = Event::NoteSaved {
            at: Place::START,
            group: None,
            kind: crate::run::NoteKind::Note,
            text: "budget first".into(),
            by: "Sam".into(),
        };
        let id = crate::run::NoteId {
            writer: "taker".into(),
            seq: 2,
        };
        let with_notes = Event::RoomView {
            view: RoomView::WithNotes,
        };
        for (room, said) in [(with_notes, true), (Event::Left, false)] {
            let events = [
                ("stage", 1_000, joined(Role::Facilitator)),
                ("stage", 1_000, room),
                ("taker", 1_000, joined(Role::NoteTaker)),
                ("taker", 2_000, note.clone()),
            ];
            let mut shown = show(&events);
            shown.after_fold(2_000);
            assert_eq!(shown.deletion_notice(2_000), None, "nothing deleted yet");
            let mut deleted = events.to_vec();
            deleted.push(("stage", 3_000, Event::NoteDeleted { id: id.clone() }));
            shown.run = show(&deleted).run;
            shown.after_fold(3_000);
            let notice = shown.deletion_notice(3_000);
            assert_eq!(notice.is_some(), said, "{notice:?}");
            if said {
                assert_eq!(
                    notice.unwrap(),
                    "x deleted a note by Sam (Item 1): “budget first” · the facilitator can bring it back"
                );
                // Drawn, at the full size and on a zoomed terminal.
                for (width, height) in [(120, 30), (40, 12)] {
                    let backend = ratatui::backend::TestBackend::new(width, height);
                    let mut terminal = ratatui::Terminal::new(backend).unwrap();
                    terminal
                        .draw(|frame| view::draw(frame, &shown, 3_000))
                        .unwrap();
                    let drawn: String = terminal
                        .backend()
                        .buffer()
                        .content()
                        .iter()
                        .map(|c| c.symbol())
                        .collect();
                    assert!(
                        drawn.contains("x deleted a note"),
                        "{width}×{height}: {drawn}"
                    );
                }
                // The minute's wake is at 60 s: the end of what is said comes first.
                let until = 3_000 + DELETED_SAID_MS;
                assert_eq!(shown.next_wake(until - 1), until);
                assert_eq!(shown.deletion_notice(3_000 + DELETED_SAID_MS), None);
            }
        }
    }

    #[test]
    fn a_running_countdown_wakes_the_show_once_a_second_and_a_still_one_once_a_minute() {
        let place = Place { item: 1, step: 0 };
        let running = show(&[
            ("stage", 1_000, joined(Role::Facilitator)),
            ("stage", 1_000, Event::Moved { to: place }),
            ("stage", 1_000, Event::TimerStarted { at: place }),
        ]);
        let now = 10_500;
        let wake = running.next_wake(now);
        assert!(wake > now && wake <= now + 1_000, "{wake}");
        let still = show(&[("stage", 1_000, joined(Role::Facilitator))]);
        let wake = still.next_wake(now);
        assert!(wake > now + 1_000 && wake <= now + 60_000, "{wake}");
    }
}
