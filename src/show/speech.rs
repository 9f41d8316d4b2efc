//! The room's screen said in plain lines (`spar show --screen-reader`): what any viewer of the run
//! hears ([`crate::speech::narrate`]), then only what the room's screen shows: what the
//! facilitator chose it to show (`v`), and the saved notes of the question while it shows them.
//! Never a draft, the facilitator's notes, or a note the room does not see. [`ShowSpeech`] keeps
//! what was heard between wakes and answers typed lines: status, repeat, the notes, the keys.

use super::Show;
use crate::run::{Millis, RoomView};
use crate::speech::{Listener, RunHeard, TextsHeard, TimeMarks, note_line, notes_list, sentence};

/// Keys of this mode: status, repeat, the notes the room sees, the list of keys, quit.
const STATUS: &str = ".";
const REPEAT: &str = "r";
const LIST_NOTES: &str = "l";
const KEYS: &str = "?";
pub const QUIT: &str = "q";

/// What the listener has been told: the run, and what the room's screen shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ShowHeard {
    run: RunHeard,
    shows: Shows,
    /// The texts of the notes the room sees.
    texts: TextsHeard,
    /// The last deletion of a note the room was shown that was said ([`Show::deleted`]).
    deleted: Option<crate::run::state::Deletion>,
}

/// What the room's screen shows besides the question and the time.
#[derive(Debug, Clone, PartialEq)]
enum Shows {
    Countdown,
    /// The question's notes (beside the countdown, or the wall).
    Notes(RoomView),
    /// One note, large.
    Pinned(crate::run::NoteId),
}

impl Shows {
    fn of(show: &Show) -> Shows {
        if show.run.ended_at.is_some() || show.run.current().is_none() {
            return Shows::Countdown;
        }
        match (&show.run.room, show.pinned()) {
            (RoomView::WithNotes | RoomView::Wall, _) => Shows::Notes(show.run.room.clone()),
            (RoomView::Pinned(_), Some(note)) => Shows::Pinned(note.id.clone()),
            (RoomView::Countdown | RoomView::Pinned(_), _) => Shows::Countdown,
        }
    }
}

/// The run as the room's screen follows it: the facilitator's place.
pub fn listener(show: &Show) -> Listener<'_> {
    Listener {
        run: &show.run,
        ui: &show.ctx.ui,
        start_of_day: show.ctx.start_of_day,
        place: show.run.place,
        // The facilitator's terminal drives the timer.
        settles: true,
    }
}

/// The first lines: what this is, where the meeting is, and what the room's screen shows.
pub fn opening(show: &Show, now: Millis, marks: &TimeMarks) -> (Vec<String>, ShowHeard) {
    let l = listener(show);
    let mut lines = vec![l.text().said_show_welcome(&show.run.session.title)];
    lines.push(crate::speech::status(&l, now));
    let shows = Shows::of(show);
    lines.extend(shows_lines(show, &shows));
    let heard = ShowHeard {
        run: RunHeard::now(&l, now, marks),
        texts: texts_shown(show, &shows),
        shows,
        deleted: deletion_said(show),
    };
    (lines, heard)
}

/// What changed since `before`, as sentences, and what the listener has heard after them.
pub fn narrate(
    before: &ShowHeard,
    show: &Show,
    now: Millis,
    marks: &TimeMarks,
) -> (Vec<String>, ShowHeard) {
    let l = listener(show);
    let (mut lines, run) = crate::speech::narrate(&before.run, &l, now, marks);
    let shows = Shows::of(show);
    // After the end the room sees the closing screen, which the end's line has said.
    if shows != before.shows && show.run.ended_at.is_none() {
        lines.extend(shows_lines(show, &shows));
    } else if run.place != before.run.place {
        // The notes of the question the room now sees, if it has any already (one gone back to).
        if matches!(shows, Shows::Notes(_)) && !show.notes_here().is_empty() {
            lines.extend(notes_shown(show));
        }
    } else if matches!(shows, Shows::Notes(_)) {
        // New notes of the question on the room's screen, as they arrive.
        lines.extend(
            before
                .run
                .notes
                .new_in(&show.run)
                .into_iter()
                .filter(|n| !n.deleted && n.at == show.run.place)
                .map(|n| note_line(&l, n)),
        );
    }
    let texts = texts_shown(show, &shows);
    if shows == before.shows && run.place == before.run.place {
        lines.extend(before.texts.changed(&l, &texts, |_| false));
    }
    // A note the room was shown, deleted: the screen's words, once.
    let deleted = deletion_said(show);
    if deleted != before.deleted
        && let Some(words) = show.deletion_notice(now)
    {
        lines.push(sentence(&words));
    }
    let heard = ShowHeard {
        run,
        shows,
        texts,
        deleted,
    };
    (lines, heard)
}

/// The deletion the room's screen says now, if any.
fn deletion_said(show: &Show) -> Option<crate::run::state::Deletion> {
    show.deleted.as_ref().map(|(deletion, _)| deletion.clone())
}

/// The texts of the notes the room's screen shows.
fn texts_shown(show: &Show, shows: &Shows) -> TextsHeard {
    match shows {
        Shows::Countdown => TextsHeard::default(),
        Shows::Notes(_) => TextsHeard::of(show.notes_here()),
        Shows::Pinned(_) => TextsHeard::of(show.pinned()),
    }
}

/// "Rummet ser: anteckningsväggen." and the notes it shows.
fn shows_lines(show: &Show, shows: &Shows) -> Vec<String> {
    let l = listener(show);
    let text = l.text();
    let view = match shows {
        Shows::Countdown => &RoomView::Countdown,
        Shows::Notes(view) => view,
        Shows::Pinned(_) => &show.run.room,
    };
    let mut lines = vec![sentence(&text.room_sees(view))];
    lines.extend(notes_shown(show));
    lines
}

/// The notes the room's screen shows now: the question's, the pinned one, or none.
fn notes_shown(show: &Show) -> Vec<String> {
    let l = listener(show);
    match Shows::of(show) {
        Shows::Countdown => Vec::new(),
        Shows::Notes(_) => notes_list(&l, show.notes_here()),
        Shows::Pinned(_) => show
            .pinned()
            .map(|n| note_line(&l, n))
            .into_iter()
            .collect(),
    }
}

/// What the listener has heard, and the answers to their lines waiting to be said.
pub struct ShowSpeech {
    marks: TimeMarks,
    heard: Option<ShowHeard>,
    voice: crate::speech::Voice,
}

impl ShowSpeech {
    pub fn new(marks: TimeMarks) -> ShowSpeech {
        ShowSpeech {
            marks,
            heard: None,
            voice: crate::speech::Voice::default(),
        }
    }

    /// The lines to say now: the first lines, or what changed since the last ones, then the
    /// answers to what was typed.
    pub fn speak(&mut self, show: &Show, now: Millis) -> Vec<String> {
        let (lines, heard) = match &self.heard {
            None => opening(show, now, &self.marks),
            Some(before) => narrate(before, show, now, &self.marks),
        };
        self.heard = Some(heard);
        self.voice.say(lines)
    }

    /// When something next falls due to be said.
    pub fn next_due(&self, show: &Show, now: Millis) -> Millis {
        let heard = self.heard.as_ref().map(|h| &h.run);
        crate::speech::next_due(&listener(show), heard, now, &self.marks)
    }

    /// A line typed and Enter (`q` is the edge's: it quits).
    pub fn on_line(&mut self, show: &Show, line: &str, now: Millis) {
        let text = show.ctx.ui.text();
        let answer = match line.trim() {
            "" => Vec::new(),
            STATUS => vec![crate::speech::status(&listener(show), now)],
            REPEAT => vec![
                self.voice
                    .last()
                    .unwrap_or_else(|| crate::speech::status(&listener(show), now)),
            ],
            LIST_NOTES => match Shows::of(show) {
                Shows::Countdown => vec![text.said_room_shows_no_notes().to_string()],
                _ => notes_shown(show),
            },
            KEYS => vec![
                text.said_keys().to_string(),
                format!("{STATUS}: {}", text.key_status()),
                format!("{REPEAT}: {}", text.key_repeat()),
                format!("{LIST_NOTES}: {}", text.key_list_notes()),
                format!("{KEYS}: {}", text.key_list_keys()),
                format!("{QUIT}: {}", text.key_quit_show()),
            ],
            typed => vec![text.said_not_a_key(typed)],
        };
        self.voice.answer_all(answer);
    }
}

#[cfg(test)]
mod tests;
