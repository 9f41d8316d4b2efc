//! The stage said in plain lines, for a screen reader (`--screen-reader`): another view of the
//! same state as `view`, which draws it. [`narrate`] is a pure function from what the listener
//! has heard so far ([`Heard`]) and the stage now to the sentences that tell what changed: a
//! state change is said once, time marks fall at half-time, some minutes left, time's up and
//! each minute over ([`marks`]), a note is read as it arrives, a failing save and its later
//! success are said, and the projected end when it moves by a minute. [`Speech`] keeps what was
//! heard between wakes and answers typed lines ([`command`]); the terminal I/O is the edge's.

pub mod command;
pub mod marks;

use std::collections::BTreeMap;

use crate::i18n::Text;
use crate::run::projection::minute;
use crate::run::state::Note;
use crate::run::timer::Timebox;
use crate::run::{Millis, NoteKind, Place, Role};
use crate::session::Step;

use super::{Overlay, Stage};
use marks::Mark;
pub use marks::TimeMarks;

/// What the listener has been told: the stage as of the last lines said. Only what is said
/// is kept, not the run (a run of 10,000 notes is not copied at each wake).
#[derive(Debug, Clone, PartialEq)]
pub struct Heard {
    place: Place,
    following: bool,
    /// `f`: the facilitator's own notes for the item are shown (said, in this mode).
    facilitator_notes: bool,
    ended: bool,
    timer: Option<TimerHeard>,
    fits: usize,
    late_start: bool,
    /// The projected end last said, as a whole minute; `None` before the meeting starts.
    end_minute: Option<i64>,
    /// How many notes of the run were there (new ones are read out).
    notes: usize,
    unsaved_notes: usize,
    save_error: Option<String>,
    overlay: Overlay,
    taken_over: Option<String>,
    group: Option<String>,
    /// Where the line prompt said a typed note goes: the note goes there, the place its writer
    /// was told when they began to type it.
    prompt: Option<(Place, Option<String>)>,
    /// The note-takers on record: writer id → (name, group, left).
    writers: BTreeMap<String, (String, Option<String>, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct TimerHeard {
    started: bool,
    running: bool,
    total_ms: i64,
    mark: Option<Mark>,
}

impl Heard {
    /// What the stage shows now, with the projected end as last said.
    fn of(stage: &Stage, now: Millis, marks: &TimeMarks, end_minute: Option<i64>) -> Heard {
        let run = &stage.run;
        let place = stage.view_place();
        let timer = run.timebox(place).map(|t| TimerHeard {
            started: t.started,
            running: t.is_running(),
            total_ms: t.total_ms(),
            mark: t
                .started
                .then(|| marks.reached(t.total_ms(), t.remaining_ms(now)))
                .flatten(),
        });
        let prompt = (stage.editor_open && stage.overlay == Overlay::None).then(|| {
            let (at, group) = stage.target();
            (at, group.map(str::to_string))
        });
        let writers = run
            .writers
            .iter()
            .filter(|(_, w)| w.role == Role::NoteTaker)
            .filter(|(_, w)| !(w.name == stage.ctx.author && stage.ctx.role == Role::NoteTaker))
            .map(|(id, w)| (id.to_string(), (w.name.clone(), w.group.clone(), w.left)))
            .collect();
        Heard {
            place,
            following: stage.own.is_none(),
            facilitator_notes: stage.show_facilitator_notes,
            ended: run.ended_at.is_some(),
            timer,
            fits: run.fits.len(),
            late_start: run.late_start.is_some(),
            end_minute,
            notes: run.notes.len(),
            unsaved_notes: stage.notice.unsaved_notes,
            save_error: stage.notice.save_error.clone(),
            overlay: stage.overlay.clone(),
            taken_over: stage.notice.taken_over_by.clone(),
            group: stage.group.clone(),
            prompt,
            writers,
        }
    }
}

/// The projected end as a whole minute, while the meeting runs (before it starts the end moves
/// with the clock each minute, which is no news).
fn end_minute(stage: &Stage, now: Millis) -> Option<i64> {
    let run = &stage.run;
    (run.started_at.is_some() && run.ended_at.is_none())
        .then(|| minute(stage.projection(now).projected_end))
}

/// The first lines of the mode: what it is, where the meeting is, and the prompt if one is open.
pub fn opening(stage: &Stage, now: Millis, marks: &TimeMarks) -> (Vec<String>, Heard) {
    let text = stage.ctx.ui.text();
    let mut lines = vec![text.said_welcome(&stage.run.session.title)];
    lines.push(status(stage, now));
    let heard = Heard::of(stage, now, marks, end_minute(stage, now));
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
    let run = &stage.run;
    let mut after = Heard::of(stage, now, marks, before.end_minute);
    let mut lines = Vec::new();
    if after.taken_over != before.taken_over
        && let Some(by) = &after.taken_over
    {
        lines.push(sentence(&text.taken_over(by)));
    }
    if after.late_start
        && !before.late_start
        && let Some(late) = run.late_start
    {
        let tz = &stage.ctx.ui.tz;
        let said = if late.moved {
            text.plan_moved(&crate::ui::clock::hh_mm(late.at, tz))
        } else {
            text.started_late(crate::run::projection::minutes_between(
                late.planned,
                late.at,
            ))
        };
        lines.push(sentence(&said));
    }
    if after.place != before.place {
        lines.push(place_sentence(stage, after.place));
        if let Some(t) = run.timebox(after.place).filter(|t| t.started) {
            lines.push(timer_state(text, t, now));
        }
    } else if let (Some(b), Some(a), Some(t)) =
        (before.timer, after.timer, run.timebox(after.place))
    {
        lines.extend(timer_changes(text, b, a, t, now));
    }
    let item_changed = after.place.item != before.place.item;
    if after.facilitator_notes && (!before.facilitator_notes || item_changed) {
        lines.push(facilitator_notes(stage, after.place));
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
    if after.fits != before.fits {
        lines.push(
            if after.fits > before.fits {
                text.said_fitted()
            } else {
                text.said_fit_undone()
            }
            .to_string(),
        );
    }
    if after.ended && !before.ended {
        let at = run.ended_at.unwrap_or(now);
        lines.push(text.said_ended(&crate::ui::clock::hh_mm(at, &stage.ctx.ui.tz)));
    }
    let end = end_minute(stage, now);
    match (before.end_minute, end) {
        (Some(said), Some(now_end)) if said != now_end => {
            lines.push(projected_end(stage, now));
            after.end_minute = end;
        }
        (None, _) | (_, None) => after.end_minute = end,
        _ => {}
    }
    lines.extend(new_notes(before, stage));
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
    if after.overlay != before.overlay {
        lines.extend(overlay_lines(stage, now));
    }
    if after.group != before.group && after.prompt.is_none() && after.place == before.place {
        lines.push(text.said_group_chosen(group_name(text, after.group.as_deref())));
    }
    match (&before.prompt, &after.prompt) {
        (_, Some((at, group))) if before.prompt != after.prompt => {
            lines.push(text.said_prompt(&whereto(stage, *at, group.as_deref())));
        }
        (Some(_), None) if after.overlay == Overlay::None && !after.ended => {
            lines.push(text.said_writing_closed().to_string());
        }
        _ => {}
    }
    (lines, after)
}

/// The timer of one place, before and after: started, paused, resumed, lengthened, a mark.
fn timer_changes(
    text: &Text,
    before: TimerHeard,
    after: TimerHeard,
    timebox: &Timebox,
    now: Millis,
) -> Vec<String> {
    let remaining = timebox.remaining_ms(now);
    let mut lines = Vec::new();
    if after.started && !before.started {
        lines.push(text.said_started().to_string());
    } else if before.running && !after.running {
        lines.push(text.said_paused(remaining));
    } else if after.running && !before.running {
        lines.push(text.said_resumed(remaining));
    }
    if after.total_ms != before.total_ms {
        lines.push(text.said_adjusted(after.total_ms - before.total_ms, remaining));
    } else if after.running && later(after.mark, before.mark, after.total_ms) {
        lines.push(mark_sentence(text, after.mark, remaining));
    }
    lines
}

/// Whether mark `a` falls after mark `b` on the way down.
fn later(a: Option<Mark>, b: Option<Mark>, total: i64) -> bool {
    let at = |m: Option<Mark>| match m {
        None => i64::MAX,
        Some(Mark::Half) => total / 2,
        Some(Mark::Left(n)) => n * 60_000,
        Some(Mark::Up) => 0,
        Some(Mark::Over(n)) => -n * 60_000,
    };
    at(a) < at(b)
}

fn mark_sentence(text: &Text, mark: Option<Mark>, remaining: i64) -> String {
    match mark {
        Some(Mark::Half) => text.said_half_time(remaining),
        Some(Mark::Left(n)) => text.said_minutes_left(n),
        Some(Mark::Over(n)) => text.said_over(n),
        Some(Mark::Up) | None => text.said_time_up().to_string(),
    }
}

/// "Punkt 4 av 12, Samtal: Föredraget. Fråga 1 av 2: Vad väckte föredraget hos dig? 6 minuter."
pub fn place_sentence(stage: &Stage, place: Place) -> String {
    let text = stage.ctx.ui.text();
    let session = &stage.run.session;
    let Some(item) = session.agenda.get(place.item) else {
        return String::new();
    };
    let mut said = sentence(&format!(
        "{}, {}: {}",
        text.item_of(place.item + 1, session.agenda.len()),
        text.item_kind(&item.kind),
        item.title
    ));
    let steps = session.steps(place.item);
    match steps.get(place.step) {
        Some(Step::Question(q)) => {
            let of = if item.has_instructions() {
                text.step_of(place.step + 1, steps.len())
            } else {
                text.question_of(place.step + 1, steps.len())
            };
            said.push(' ');
            said.push_str(&sentence(&format!("{of}: {}", q.text)));
        }
        Some(Step::Turn { name, prompt, .. }) => {
            said.push(' ');
            said.push_str(&sentence(&format!(
                "{}: {name}",
                text.turn_of(place.step + 1, steps.len())
            )));
            if let Some(prompt) = prompt {
                said.push(' ');
                said.push_str(&sentence(prompt));
            }
        }
        _ => {}
    }
    // How many work together in this step: "I par." / "Alone."
    if let Some(size) = session.group_size(place.item, place.step) {
        said.push(' ');
        said.push_str(&sentence(&capitalized(&text.group_size(size))));
    }
    if let Some(t) = stage.run.timebox(place) {
        said.push(' ');
        said.push_str(&sentence(&text.duration_words(t.total_ms())));
    }
    crate::text::clean_line(&said)
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

/// "Startad, 3 minuter kvar." and the like: the timer of the place as it stands.
fn timer_state(text: &Text, timebox: &Timebox, now: Millis) -> String {
    let remaining = timebox.remaining_ms(now);
    if !timebox.started {
        text.said_not_started().to_string()
    } else if !timebox.is_running() {
        text.said_paused(remaining)
    } else {
        sentence(&capitalized(&text.time_left_words(remaining)))
    }
}

fn projected_end(stage: &Stage, now: Millis) -> String {
    let p = stage.projection(now);
    let end = crate::ui::clock::hh_mm(p.projected_end, &stage.ctx.ui.tz);
    stage
        .ctx
        .ui
        .text()
        .said_projected_end(&end, p.delta_minutes())
}

/// The status key's answer: where the meeting is, the time left, the projected end.
pub fn status(stage: &Stage, now: Millis) -> String {
    let text = stage.ctx.ui.text();
    let run = &stage.run;
    let place = stage.view_place();
    let mut said = place_sentence(stage, place);
    if let Some(at) = run.ended_at {
        said.push(' ');
        said.push_str(&text.said_ended(&crate::ui::clock::hh_mm(at, &stage.ctx.ui.tz)));
        return said;
    }
    if let Some(t) = run.timebox(place) {
        said.push(' ');
        said.push_str(&timer_state(text, t, now));
    }
    said.push(' ');
    said.push_str(&projected_end(stage, now));
    said
}

/// Notes that arrived since `before`: others' read out, ours confirmed as saved (or not yet).
fn new_notes(before: &Heard, stage: &Stage) -> Vec<String> {
    let text = stage.ctx.ui.text();
    let notes = stage.run.notes.get(before.notes..).unwrap_or_default();
    notes
        .iter()
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
                note_line(stage, note)
            }
        })
        .collect()
}

/// "Anteckning från Anna, Grupp Siljan: …", with the place when it is not the one on screen.
fn note_line(stage: &Stage, note: &Note) -> String {
    let text = stage.ctx.ui.text();
    let kind = match &note.kind {
        NoteKind::Note => capitalized(text.note),
        NoteKind::Decision => capitalized(text.decision),
        NoteKind::Action { .. } => capitalized(text.action),
        NoteKind::Parking => capitalized(text.parked_question),
    };
    let group = group_name(text, note.group.as_deref());
    let whereto = if note.at == stage.view_place() {
        group.to_string()
    } else {
        whereto(stage, note.at, note.group.as_deref())
    };
    let mut said = text.said_note_from(&kind, &note.by, &whereto, &note.text);
    if let NoteKind::Action { owner, due } = &note.kind {
        said.push_str(&format!(" ({}: {owner}", text.owner));
        if let Some(due) = due {
            said.push_str(&format!(", {}", text.due_on(due)));
        }
        said.push(')');
    }
    crate::text::clean_line(&said)
}

/// The notes of the place on screen, oldest first, after a line that counts them.
pub fn notes_here(stage: &Stage) -> Vec<String> {
    let text = stage.ctx.ui.text();
    let place = stage.view_place();
    let here = whereto(stage, place, None);
    let here = here
        .rsplit_once(", ")
        .map_or(here.as_str(), |(p, _)| p)
        .to_string();
    let notes: Vec<&Note> = stage.run.live_notes().filter(|n| n.at == place).collect();
    if notes.is_empty() {
        return vec![text.said_no_notes(&here)];
    }
    let mut lines = vec![text.said_notes_for(notes.len(), &here)];
    lines.extend(notes.iter().map(|n| {
        let group = group_name(text, n.group.as_deref());
        let kind = match n.kind {
            NoteKind::Note => capitalized(text.note),
            NoteKind::Decision => capitalized(text.decision),
            NoteKind::Action { .. } => capitalized(text.action),
            NoteKind::Parking => capitalized(text.parked_question),
        };
        crate::text::clean_line(&text.said_note_from(&kind, &n.by, group, &n.text))
    }));
    lines
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
            let length = p.planned_end - p.planned_start;
            let moved = text.move_plan_means(
                &crate::ui::clock::hh_mm(now, tz),
                &crate::ui::clock::hh_mm(now + length, tz),
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
    let text = stage.ctx.ui.text();
    let steps = stage.run.steps(at.item);
    let question = (steps > 1).then_some(at.step + 1);
    let place = text.place_word(at.item + 1, question);
    format!("{place}, {}", group_name(text, group))
}

fn group_name<'a>(text: &'a Text, group: Option<&'a str>) -> &'a str {
    group.unwrap_or(text.whole_group)
}

/// Ends a phrase with a full stop unless it ends with a mark of its own ("…dig?").
fn sentence(phrase: &str) -> String {
    let phrase = capitalized(phrase.trim_end());
    if phrase.ends_with(['.', '?', '!', ':', '…']) {
        phrase
    } else {
        format!("{phrase}.")
    }
}

fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The next moment something falls due to be said without input: the next time mark of the
/// running countdown, or the next minute (the projected end moves with a paused or overrun
/// timebox). Never the countdown's seconds: this view says nothing each second.
pub fn next_due(stage: &Stage, now: Millis, marks: &TimeMarks) -> Millis {
    let next_minute = now.saturating_add(60_000 - now.rem_euclid(60_000));
    let mark = stage
        .run
        .timebox(stage.view_place())
        .filter(|t| t.is_running())
        .and_then(|t| marks.next_in(t.total_ms(), t.remaining_ms(now)))
        .map(|in_ms| now.saturating_add(in_ms));
    mark.map_or(next_minute, |m| m.min(next_minute))
}

#[cfg(test)]
mod tests;
