//! The stage said in plain lines, for a screen reader (`--screen-reader`): another view of the
//! same state as `view`, which draws it. [`narrate`] is a pure function from what the listener
//! has heard so far ([`Heard`]) and the stage now to the sentences that tell what changed: what
//! any viewer of the run hears ([`crate::speech::narrate`]: the place, the timer and its marks,
//! the projected end, the end), then what only this terminal shows: a take-over, the
//! facilitator's notes, following or not, notes as they arrive and ours as saved, a failing save
//! and its later success, note-takers joining and leaving, the questions and lists that open,
//! and the note prompt. [`Speech`](command::Speech) keeps what was heard between wakes and
//! answers typed lines ([`command`]); the terminal I/O is the edge's.

pub mod command;
pub mod typed;

use std::collections::BTreeMap;

use crate::run::projection::minute;
use crate::run::{Millis, Place, Role};
pub use crate::speech::TimeMarks;
use crate::speech::{Listener, RunHeard, TextsHeard, group_name, note_line, notes_list, sentence};

use super::{Overlay, Stage};

/// What the listener has been told: the stage as of the last lines said. Only what is said
/// is kept, not the run (a run of 10,000 notes is not copied at each wake).
#[derive(Debug, Clone, PartialEq)]
pub struct Heard {
    run: RunHeard,
    following: bool,
    /// `f`: the facilitator's own notes for the item are shown (said, in this mode).
    facilitator_notes: bool,
    unsaved_notes: usize,
    save_error: Option<String>,
    overlay: Overlay,
    taken_over: Option<String>,
    /// How many notes deleted in other terminals were said ([`Notice::deleted_elsewhere`]).
    ///
    /// [`Notice::deleted_elsewhere`]: crate::stage::Notice::deleted_elsewhere
    deleted_elsewhere: usize,
    group: Option<String>,
    /// Where the line prompt said a typed note goes: the note goes there, the place its writer
    /// was told when they began to type it.
    prompt: Option<(Place, Option<String>)>,
    /// The note-takers on record: writer id → (name, group, left).
    writers: BTreeMap<String, (String, Option<String>, bool)>,
    /// The note-takers gone quiet (told to the facilitator only), as (name, group).
    quiet: Vec<(String, Option<String>)>,
    /// What the room's screen shows (`v`), while one is attached: told to the facilitator.
    room: Option<crate::run::RoomView>,
    /// The texts of the notes of the place on screen.
    texts: TextsHeard,
}

impl Heard {
    /// What the stage shows now besides the run.
    fn of(stage: &Stage, run: RunHeard, now: Millis) -> Heard {
        let prompt = (stage.editor_open && stage.overlay == Overlay::None).then(|| {
            let (at, group) = stage.target();
            (at, group.map(str::to_string))
        });
        let writers = stage
            .run
            .writers
            .iter()
            .filter(|(_, w)| w.role == Role::NoteTaker)
            .filter(|(_, w)| !(w.name == stage.ctx.author && stage.ctx.role == Role::NoteTaker))
            .map(|(id, w)| (id.to_string(), (w.name.clone(), w.group.clone(), w.left)))
            .collect();
        Heard {
            run,
            following: stage.own.is_none(),
            facilitator_notes: stage.show_facilitator_notes,
            unsaved_notes: stage.notice.unsaved_notes,
            save_error: stage.notice.save_error.clone(),
            overlay: stage.overlay.clone(),
            taken_over: stage.notice.taken_over_by.clone(),
            deleted_elsewhere: stage
                .notice
                .deleted_elsewhere
                .as_ref()
                .map_or(0, |(n, _)| *n),
            group: stage.group.clone(),
            prompt,
            writers,
            texts: {
                let place = stage.view_place();
                TextsHeard::of(stage.run.live_notes().filter(|n| n.at == place))
            },
            room: (stage.ctx.role == Role::Facilitator && stage.run.screens() > 0)
                .then(|| stage.run.room.clone()),
            quiet: match stage.ctx.role {
                Role::Facilitator => crate::run::quiet::quiet_note_takers(&stage.run, now)
                    .into_iter()
                    .map(|(name, group, _)| (name.to_string(), group.map(str::to_string)))
                    .collect(),
                _ => Vec::new(),
            },
        }
    }
}

/// The first lines of the mode: what it is, where the meeting is, and the prompt if one is open.
pub fn opening(stage: &Stage, now: Millis, marks: &TimeMarks) -> (Vec<String>, Heard) {
    let text = stage.ctx.ui.text();
    let mut lines = vec![text.said_welcome(&stage.run.session.title)];
    lines.push(status(stage, now));
    let heard = Heard::of(stage, RunHeard::now(&listener(stage), now, marks), now);
    if let Some((at, group)) = &heard.prompt {
        lines.push(text.said_prompt(&whereto(stage, *at, group.as_deref())));
    }
    (lines, heard)
}

/// What changed since `before`, as sentences, and what the listener has heard after them.
pub fn narrate(
    before: &Heard,
    stage: &Stage,
    now: Millis,
    marks: &TimeMarks,
) -> (Vec<String>, Heard) {
    let text = stage.ctx.ui.text();
    let mut lines = Vec::new();
    if stage.notice.taken_over_by != before.taken_over
        && let Some(by) = &stage.notice.taken_over_by
    {
        lines.push(sentence(&text.taken_over(by)));
    }
    let (said, run) = crate::speech::narrate(&before.run, &listener(stage), now, marks);
    lines.extend(said);
    let after = Heard::of(stage, run, now);
    let item_changed = after.run.place.item != before.run.place.item;
    if after.facilitator_notes && (!before.facilitator_notes || item_changed) {
        lines.push(facilitator_notes(stage, after.run.place));
    }
    if after.following != before.following {
        lines.push(
            if after.following {
                text.said_following()
            } else {
                text.said_on_your_own()
            }
            .to_string(),
        );
    }
    lines.extend(new_notes(before, stage));
    // A note deleted in another terminal: the screen's words, once.
    if after.deleted_elsewhere != before.deleted_elsewhere
        && let Some((_, words)) = &stage.notice.deleted_elsewhere
    {
        lines.push(sentence(words));
    }
    if after.run.place == before.run.place {
        // Ours are confirmed as "Changed." to the one who changed them.
        let author = &stage.ctx.author;
        let l = listener(stage);
        lines.extend(before.texts.changed(&l, &after.texts, |n| &n.by == author));
    }
    if after.save_error != before.save_error
        && let Some(why) = &after.save_error
    {
        lines.push(text.said_save_failing(why));
    }
    let saved_now = (before.save_error.is_some() && after.save_error.is_none())
        || (before.unsaved_notes > 0 && after.unsaved_notes == 0);
    if saved_now && after.save_error.is_none() && after.unsaved_notes == 0 {
        lines.push(text.said_saved_again().to_string());
    }
    for (id, (name, group, left)) in &after.writers {
        match before.writers.get(id) {
            Some((_, g, l)) if g == group && l == left => {}
            Some((_, g, _)) if g == group && *left => lines.push(text.said_left(name)),
            Some((_, g, _)) if g == group => {}
            _ if !*left => lines.push(text.said_joined(name, group_name(text, group.as_deref()))),
            _ => {}
        }
    }
    for (name, group) in after.quiet.iter().filter(|q| !before.quiet.contains(q)) {
        let minutes = crate::run::quiet::quiet_minutes(&stage.run, name, group.as_deref(), now);
        let group = group_name(text, group.as_deref());
        lines.push(text.said_gone_quiet(name, group, minutes.unwrap_or_default()));
    }
    if after.room != before.room
        && let Some(room) = &after.room
    {
        lines.push(sentence(&text.room_sees(room)));
    }
    if after.overlay != before.overlay {
        lines.extend(overlay_lines(stage, now));
    }
    let same_place = after.run.place == before.run.place;
    if after.group != before.group && after.prompt.is_none() && same_place {
        lines.push(text.said_group_chosen(group_name(text, after.group.as_deref())));
    }
    match (&before.prompt, &after.prompt) {
        (_, Some((at, group))) if before.prompt != after.prompt => {
            lines.push(text.said_prompt(&whereto(stage, *at, group.as_deref())));
        }
        (Some(_), None) if after.overlay == Overlay::None && stage.run.ended_at.is_none() => {
            lines.push(text.said_writing_closed().to_string());
        }
        _ => {}
    }
    (lines, after)
}

/// The facilitator's notes for the item at `place` (`f`), or that it has none: said only on the
/// facilitator's own terminal, which asked for them.
fn facilitator_notes(stage: &Stage, place: Place) -> String {
    let text = stage.ctx.ui.text();
    let notes = stage
        .run
        .session
        .agenda
        .get(place.item)
        .and_then(|item| item.notes.as_deref())
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match notes {
        Some(notes) => crate::text::clean_line(&format!("{}: {notes}", text.facilitator_notes)),
        None => text.said_no_facilitator_notes().to_string(),
    }
}

/// The run as this stage follows it: the place on screen.
pub fn listener(stage: &Stage) -> Listener<'_> {
    Listener {
        run: &stage.run,
        ui: &stage.ctx.ui,
        start_of_day: stage.ctx.start_of_day,
        place: stage.view_place(),
        // Only the facilitator's own pauses and moves come in one update.
        settles: stage.ctx.role != Role::Facilitator,
    }
}

/// The status key's answer: where the meeting is, the time left, the projected end.
pub fn status(stage: &Stage, now: Millis) -> String {
    crate::speech::status(&listener(stage), now)
}

/// Notes that arrived since `before`: others' read out, ours confirmed as saved (or not yet).
fn new_notes(before: &Heard, stage: &Stage) -> Vec<String> {
    let text = stage.ctx.ui.text();
    before
        .run
        .notes
        .new_in(&stage.run)
        .into_iter()
        .filter(|n| !n.deleted)
        .map(|note| {
            if note.by == stage.ctx.author {
                let place = whereto(stage, note.at, note.group.as_deref());
                if stage.notice.unsaved_notes > 0 {
                    text.said_kept_not_saved(&place)
                } else {
                    text.said_saved_to(&place)
                }
            } else {
                note_line(&listener(stage), note)
            }
        })
        .collect()
}

/// The notes of the place on screen, oldest first, after a line that counts them.
pub fn notes_here(stage: &Stage) -> Vec<String> {
    let place = stage.view_place();
    let notes = stage.run.live_notes().filter(|n| n.at == place);
    notes_list(&listener(stage), notes)
}

/// The lines of an overlay that opened: a question and how to answer it, or a numbered list.
fn overlay_lines(stage: &Stage, now: Millis) -> Vec<String> {
    let text = stage.ctx.ui.text();
    let tz = &stage.ctx.ui.tz;
    match &stage.overlay {
        Overlay::None | Overlay::Help { .. } => Vec::new(),
        Overlay::ConfirmQuit => vec![text.said_yes_no(text.quit_running)],
        Overlay::ConfirmQuitUnsaved => {
            vec![text.said_yes_no(&text.quit_unsaved(stage.notice.unsaved))]
        }
        Overlay::ConfirmEnd => vec![text.said_yes_no(text.end_meeting)],
        Overlay::ConfirmQuitTyping => vec![text.said_yes_no(text.quit_typing())],
        Overlay::LateStart => {
            let start = stage.ctx.start_of_day;
            let late = crate::run::projection::minutes_between(start, now);
            let planned = crate::ui::clock::hh_mm(start, tz);
            let p = stage.projection(now);
            let length = p.planned_end.saturating_sub(p.planned_start);
            let moved = text.move_plan_means(
                &crate::ui::clock::hh_mm(now, tz),
                &crate::ui::clock::hh_mm(now.saturating_add(length), tz),
            );
            vec![
                text.late_start_question(late, &planned),
                text.said_late_choice(&text.keep_plan_means(late), &moved),
            ]
        }
        Overlay::Fit { proposal, .. } => match proposal {
            None => vec![sentence(text.fit_nothing)],
            Some(p) => {
                let end = crate::ui::clock::hh_mm(p.projected_end, tz);
                let delta = minute(p.projected_end) - minute(stage.projection(now).planned_end);
                vec![text.said_fit_proposal(&text.fit_result(&end, delta))]
            }
        },
        Overlay::Groups { .. } => {
            let mut lines = vec![text.said_choose_group().to_string()];
            lines.push(format!("0: {}", text.whole_group));
            for (i, g) in stage.run.session.groups.iter().enumerate() {
                lines.push(crate::text::clean_line(&format!("{}: {g}", i + 1)));
            }
            lines
        }
        Overlay::Overview { .. } => {
            let run = &stage.run;
            let mut lines = vec![text.said_choose_item().to_string()];
            for (i, item) in run.session.agenda.iter().enumerate() {
                let done = i < run.place.item || run.ended_at.is_some();
                let state =
                    text.said_item_state(i == run.place.item && run.ended_at.is_none(), done);
                lines.push(crate::text::clean_line(&format!(
                    "{}: {}, {}, {}{state}",
                    i + 1,
                    text.item_kind(&item.kind),
                    item.title,
                    text.minutes(i64::from(item.minutes)),
                )));
            }
            lines
        }
    }
}

/// "punkt 4, fråga 1, Grupp Siljan" / "item 4, question 1, Grupp Siljan": where a note goes.
pub fn whereto(stage: &Stage, at: Place, group: Option<&str>) -> String {
    crate::speech::whereto(&listener(stage), at, group)
}

/// The next moment something falls due to be said without input (see
/// [`crate::speech::next_due`]), or a note-taker goes quiet.
pub fn next_due(stage: &Stage, heard: Option<&Heard>, now: Millis, marks: &TimeMarks) -> Millis {
    let heard = heard.map(|h| &h.run);
    let due = crate::speech::next_due(&listener(stage), heard, now, marks);
    // A note-taker going quiet is told to the facilitator when it happens.
    match stage.ctx.role {
        Role::Facilitator => {
            crate::run::quiet::next_quiet(&stage.run, now).map_or(due, |q| due.min(q))
        }
        _ => due,
    }
}

#[cfg(test)]
mod tests;
