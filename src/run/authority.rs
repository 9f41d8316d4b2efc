//! Who may write what. A run folder is shared with every note-taker's computer, so any journal
//! may hold lines its writer's terminal would never write (a hand-edited or forged line). Each
//! event kind names the roles that may write it; a journal's role is the role its writer joined
//! with (the `Joined` on its first line, sequence number 1); an event outside its writer's authority is left out of the fold
//! and counted ([`Refused`]), so that the stage and the review can say so.
//!
//! - Only a facilitator's journal drives the meeting: the timer, the agenda, a late start, a
//!   fit, the end, whose clock is ahead, and a take-over (so a facilitator who was displaced can take the run back).
//! - A journal keeps the role it joined with: a later `Joined` claiming another role is left out;
//!   one read before the journal's first line never makes it a facilitator's.
//! - A note is changed (edited, deleted, restored) by the facilitator, or by the person who wrote
//!   it (its journal, or the same name and role: another process of theirs after a restart); anyone may mark an
//!   action done (the review does, afterwards).
//! - The room's screen (`spar show`) writes only that it joined and left: nothing else of a
//!   screen's journal counts. What the room sees (`v`) is the facilitator's choice.
//! - A journal whose `Joined` was never read counts as a note-taker's.

use std::sync::Arc;

use super::state::{Note, RunState, Writer};
use super::{Event, Role};

/// Events of one journal that were left out because its writer may not write them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub writer: Arc<str>,
    /// The first one left out (its sequence number and the event's name, as in the journal).
    pub first_seq: u64,
    pub event: &'static str,
    /// How many were left out.
    pub count: usize,
}

/// Whether `writer` may write `ev`, its line `seq`, in the run as folded so far.
pub fn allows(state: &RunState, writer: &Arc<str>, seq: u64, ev: &Event) -> bool {
    let me = state.writers.get(writer);
    let role = me.map_or(Role::NoteTaker, |w| w.role);
    match ev {
        // The journal's first line names its role; a later `Joined` must name the same. One
        // read before the first line (held back: stamped by a clock found to be ahead, and said
        // again once corrected) may claim only what a journal without it counts as anyway.
        Event::Joined { role: claimed, .. } => match me {
            Some(me) => me.role == *claimed,
            None => seq == 1 || *claimed != Role::Facilitator,
        },
        Event::TookOver
        | Event::Moved { .. }
        | Event::TimerStarted { .. }
        | Event::TimerPaused { .. }
        | Event::TimerAdjusted { .. }
        | Event::Ended
        | Event::LateStart { .. }
        | Event::Fitted { .. }
        | Event::FitUndone
        | Event::RoomView { .. }
        | Event::ClockAhead { .. } => role == Role::Facilitator,
        Event::NoteEdited { id, .. }
        | Event::EditUnfinished { id, .. }
        | Event::NoteDeleted { id }
        | Event::NoteRestored { id }
        | Event::EditDraft { id, .. } => match state.note(id) {
            // A change of a note the run does not have changes nothing either way.
            None => true,
            Some(note) => {
                role == Role::Facilitator
                    || *note.id.writer == **writer
                    || me.is_some_and(|me| owns(state, me, note))
            }
        },
        Event::NoteSaved { .. }
        | Event::Unfinished { .. }
        | Event::Draft { .. }
        | Event::ActionDone { .. }
        | Event::TakingNotes { .. } => role != Role::Screen,
        Event::Left => true,
    }
}

/// Whether `me` wrote `note`: its journal's writer is the same person in the same role.
fn owns(state: &RunState, me: &Writer, note: &Note) -> bool {
    state
        .writers
        .get(note.id.writer.as_str())
        .is_some_and(|author| author.is(me))
}

/// Whether a terminal of `name` in `role` may change `note` (what [`allows`] will say of its
/// edit or deletion): the stage asks before it writes one, rather than write what every
/// terminal would leave out.
pub fn may_change(state: &RunState, name: &str, role: Role, note: &Note) -> bool {
    let me = Writer {
        name: crate::text::clean_line(name),
        role,
        group: None,
        left: false,
        last_seen: 0,
        since: 0,
    };
    role == Role::Facilitator || owns(state, &me, note)
}

/// The name of an event's kind, as it is written in a journal line.
pub fn event_name(ev: &Event) -> &'static str {
    match ev {
        Event::Joined { .. } => "Joined",
        Event::TookOver => "TookOver",
        Event::Moved { .. } => "Moved",
        Event::TimerStarted { .. } => "TimerStarted",
        Event::TimerPaused { .. } => "TimerPaused",
        Event::TimerAdjusted { .. } => "TimerAdjusted",
        Event::NoteSaved { .. } => "NoteSaved",
        Event::NoteEdited { .. } => "NoteEdited",
        Event::EditUnfinished { .. } => "EditUnfinished",
        Event::NoteDeleted { .. } => "NoteDeleted",
        Event::NoteRestored { .. } => "NoteRestored",
        Event::Draft { .. } => "Draft",
        Event::Unfinished { .. } => "Unfinished",
        Event::EditDraft { .. } => "EditDraft",
        Event::ActionDone { .. } => "ActionDone",
        Event::Ended => "Ended",
        Event::LateStart { .. } => "LateStart",
        Event::Fitted { .. } => "Fitted",
        Event::FitUndone => "FitUndone",
        Event::TakingNotes { .. } => "TakingNotes",
        Event::RoomView { .. } => "RoomView",
        Event::ClockAhead { .. } => "ClockAhead",
        Event::Left => "Left",
    }
}
