//! What happens in a run, as written to the journals: one `Record` per line.

use serde::{Deserialize, Serialize};

use super::hlc::Hlc;

/// Wall-clock time in milliseconds since the Unix epoch. Events carry wall-clock times so that
/// every terminal of a run shows the same countdown and a resumed run continues where it was.
pub type Millis = i64;

/// A position in the agenda: an item and one of its timeboxes (a question, a turn of a round,
/// or the item itself as step 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    pub item: usize,
    pub step: usize,
}

impl Place {
    pub const START: Place = Place { item: 0, step: 0 };
}

/// A note is named by the journal line that created it: its writer and sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NoteId {
    pub writer: String,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoteKind {
    Note,
    Decision,
    Action {
        owner: String,
        #[serde(default)]
        due: Option<String>,
    },
    /// A question for the parking lot, to come back to later.
    Parking,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Facilitator,
    NoteTaker,
    /// The room's screen (`spar show`): it follows the run and writes only that it is there.
    Screen,
}

/// What the room's screen (`spar show`) shows besides the question and the countdown, as the
/// facilitator chose it with `v`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RoomView {
    /// The question and the countdown, as large as the window allows.
    #[default]
    Countdown,
    /// The countdown with the current question's notes beside or under it.
    WithNotes,
    /// Every group's notes for the current question in big text, for read-outs.
    Wall,
    /// One note, large.
    Pinned(NoteId),
}

impl RoomView {
    /// The choice after this one (`v`): the countdown, with the notes, the notes wall, then the
    /// note selected on the stage pinned (when one is), and round again.
    pub fn after(&self, selected: Option<&NoteId>) -> RoomView {
        match (self, selected) {
            (RoomView::Countdown, _) => RoomView::WithNotes,
            (RoomView::WithNotes, _) => RoomView::Wall,
            (RoomView::Wall, Some(id)) => RoomView::Pinned(id.clone()),
            (RoomView::Pinned(pinned), Some(id)) if pinned != id => RoomView::Pinned(id.clone()),
            (RoomView::Wall | RoomView::Pinned(_), _) => RoomView::Countdown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// A process started writing to the run.
    Joined {
        name: String,
        role: Role,
    },
    /// A second stage on a live run took over as facilitator: from this event on its writer
    /// drives the timer, and the stage that drove it before follows as a note-taker.
    TookOver,
    /// The facilitator moved to another place in the agenda.
    Moved {
        to: Place,
    },
    TimerStarted {
        at: Place,
    },
    TimerPaused {
        at: Place,
    },
    /// `+`/`-`: the timebox at `at` gets this many seconds more (or less, when negative).
    TimerAdjusted {
        at: Place,
        seconds: i64,
    },
    /// A note, decision, action or parking-lot question. `group` is `None` for the whole group.
    NoteSaved {
        at: Place,
        group: Option<String>,
        kind: NoteKind,
        text: String,
        by: String,
    },
    NoteEdited {
        id: NoteId,
        kind: NoteKind,
        text: String,
    },
    NoteDeleted {
        id: NoteId,
    },
    NoteRestored {
        id: NoteId,
    },
    /// The text being typed by `by`, journalled so that it survives a crash. Empty text clears it.
    Draft {
        at: Place,
        group: Option<String>,
        text: String,
        by: String,
    },
    /// The text being typed when its writer left — a closed window, a signal, a confirmed quit —
    /// kept as a note marked unfinished, which its writer can finish (edit) or delete later.
    Unfinished {
        at: Place,
        group: Option<String>,
        text: String,
        by: String,
    },
    /// A saved note was being changed when its writer left — a closed window, a signal, a
    /// confirmed quit: the change is kept as the note's text, marked unfinished until it is
    /// edited again (as [`Event::Unfinished`] keeps a new note).
    EditUnfinished {
        id: NoteId,
        kind: NoteKind,
        text: String,
    },
    /// The text of a saved note being changed by `by`, journalled like a [`Event::Draft`] so that
    /// an edit in progress survives a crash too. Saving the edit or an empty text clears it.
    EditDraft {
        id: NoteId,
        text: String,
        by: String,
    },
    /// An action item marked done (or open again), from the stage or the review.
    ActionDone {
        id: NoteId,
        done: bool,
    },
    /// The facilitator ended the meeting.
    Ended,
    /// The first timebox started more than five minutes after the planned start (`planned`), and
    /// the facilitator chose how the plan reads from here: kept (the meeting runs late) or moved
    /// to begin at this event's minute.
    LateStart {
        planned: Millis,
        moved: bool,
    },
    /// `F`: the remaining timeboxes shortened to fit the planned end, applied as one event so that
    /// a fit is never half applied. Each change is added to its timebox like a `+`/`-`.
    Fitted {
        changes: Vec<Retimed>,
    },
    /// `u` in the agenda overview: the latest fit that still stands is taken back.
    FitUndone,
    /// A note-taker's terminal writes for this group (`None`: the whole group): its `--group`
    /// when it joins, and again whenever it chooses another.
    TakingNotes {
        group: Option<String>,
    },
    /// `v` on the stage: the room's screen shows this from now on.
    RoomView {
        view: RoomView,
    },
    /// The facilitator's stage read line `seq` of `writer`'s journal, stamped `stamp`, `ahead`
    /// ms before its own clock reached that stamp: that writer's clock is ahead at least so
    /// much, and its terminal corrects by it once it finds that line among its own
    /// ([`skew`](super::skew)). Written again only when the lead read grows.
    ClockAhead {
        writer: String,
        seq: u64,
        stamp: Millis,
        ahead: Millis,
    },
    /// A terminal quit (a crash writes nothing): a note-taker no longer takes notes, a
    /// facilitator's stage no longer drives the timer.
    Left,
}

/// One timebox of a fit: `seconds` more (negative: fewer) than it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retimed {
    pub at: Place,
    pub seconds: i64,
}

/// One journal line: when, the writer's own sequence number, what happened, and where it
/// sorts among the run's events when that is not simply its wall stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The writer's wall clock (corrected by what it learnt of its skew): what timers count.
    pub at: Millis,
    pub seq: u64,
    pub ev: Event,
    /// The hybrid stamp ([`hlc`](super::hlc)), written only when it is not `at` itself: lines
    /// without it (most lines, and every journal of an older spar) sort by `at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hlc: Option<Hlc>,
}

impl Record {
    /// A record whose hybrid stamp is kept only when it differs from the wall stamp.
    pub fn new(at: Millis, hlc: Hlc, seq: u64, ev: Event) -> Record {
        Record {
            at,
            seq,
            ev,
            hlc: (hlc != Hlc::of_wall(at)).then_some(hlc),
        }
    }

    /// Where this record sorts: its hybrid stamp, and never before its wall stamp (a forged
    /// stamp behind its own wall time would only hide a line from the bound on stamps ahead).
    pub fn hlc(&self) -> Hlc {
        let wall = Hlc::of_wall(self.at);
        self.hlc.map_or(wall, |hlc| hlc.max(wall))
    }
}

/// A record together with the journal it came from; the unit the state folds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub writer: std::sync::Arc<str>,
    pub record: Record,
}

impl Entry {
    /// The order every process folds events in: hybrid stamp, then writer, then sequence.
    pub fn order_key(&self) -> (Hlc, &str, u64) {
        (self.record.hlc(), &self.writer, self.record.seq)
    }

    pub fn note_id(&self) -> NoteId {
        NoteId {
            writer: self.writer.to_string(),
            seq: self.record.seq,
        }
    }
}

/// Test entries from `(writer, stamp, event)`: each journal's lines numbered from 1 in the order
/// given, with no hybrid stamp (so they sort by their wall stamps).
#[cfg(test)]
pub fn numbered(events: &[(&str, super::Millis, Event)]) -> Vec<Entry> {
    let mut seqs = std::collections::HashMap::new();
    events
        .iter()
        .map(|(writer, at, ev)| {
            let seq = seqs.entry(*writer).or_insert(0);
            *seq += 1;
            Entry {
                writer: std::sync::Arc::from(*writer),
                record: Record {
                    hlc: None,
                    at: *at,
                    seq: *seq,
                    ev: ev.clone(),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v_goes_round_the_room_views_and_pins_the_selected_note() {
        let note = NoteId {
            writer: "w".into(),
            seq: 3,
        };
        let other = NoteId {
            writer: "w".into(),
            seq: 4,
        };
        let mut view = RoomView::default();
        let mut seen = Vec::new();
        for _ in 0..4 {
            view = view.after(None);
            seen.push(view.clone());
        }
        assert_eq!(
            seen,
            [
                RoomView::WithNotes,
                RoomView::Wall,
                RoomView::Countdown,
                RoomView::WithNotes
            ]
        );
        assert_eq!(
            RoomView::Wall.after(Some(&note)),
            RoomView::Pinned(note.clone())
        );
        // Another note selected while one is pinned: that one is pinned instead.
        assert_eq!(
            RoomView::Pinned(note.clone()).after(Some(&other)),
            RoomView::Pinned(other)
        );
        assert_eq!(
            RoomView::Pinned(note.clone()).after(Some(&note)),
            RoomView::Countdown
        );
    }
}
