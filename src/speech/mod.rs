//! A live run said in plain lines, for a screen reader (`--screen-reader`): the half of the
//! narration any viewer of the run may hear, shared by the stage (`crate::stage::speech`) and the
//! room's screen (`crate::show::speech`), which add what only they show. [`narrate`] is a pure
//! function from what the listener has heard so far ([`RunHeard`]) and the run now to the
//! sentences that tell what changed: the place, the timer and its time marks ([`marks`]), a late
//! start, a fit, the meeting's end, and the projected end when it moves by a minute. Notes are
//! read by the views, which know whose they are and whether the room sees them ([`note_line`]).

pub mod marks;

use crate::i18n::Text;
use crate::run::projection::{Projection, minute, planned_start, project};
use crate::run::state::{Note, RunState};
use crate::run::timer::Timebox;
use crate::run::{Millis, NoteKind, Place};
use crate::session::Step;
use crate::ui::Ctx;
use crate::ui::clock::hh_mm;
use marks::Mark;
pub use marks::TimeMarks;

/// The run as one listener follows it: the stage's own place, or the run's on the room's screen.
#[derive(Clone, Copy)]
pub struct Listener<'a> {
    pub run: &'a RunState,
    pub ui: &'a Ctx,
    /// The session's start time on the day the run began (for the projected end).
    pub start_of_day: Millis,
    /// The place the listener follows.
    pub place: Place,
    /// Whether another terminal drives the timer (a join, the room's screen): its move or end
    /// is journalled as a pause and then the move, which may arrive in two reads, so a pause is
    /// said only once it has stood [`SETTLE_MS`] without a move or an end after it.
    pub settles: bool,
}

/// How long a pause written by another terminal stands before it is said: the move (or end)
/// written right after it has arrived by then, and the move alone is said.
pub const SETTLE_MS: Millis = 2_000;

impl Listener<'_> {
    pub fn text(&self) -> &'static Text {
        self.ui.text()
    }

    pub fn projection(&self, now: Millis) -> Projection {
        project(self.run, planned_start(self.start_of_day, self.run), now)
    }

    fn hh_mm(&self, at: Millis) -> String {
        hh_mm(at, &self.ui.tz)
    }
}

/// What the listener has been told of the run: its state as of the last lines said. Only what is
/// said is kept, not the run (a run of 10,000 notes is not copied at each wake).
#[derive(Debug, Clone, PartialEq)]
pub struct RunHeard {
    pub place: Place,
    ended: bool,
    timer: Option<TimerHeard>,
    fits: usize,
    late_start: bool,
    /// The projected end last said, as a whole minute; `None` before the meeting starts.
    end_minute: Option<i64>,
    /// The notes of the run that were there (the views read the new ones out).
    pub notes: NotesHeard,
    /// Since when a pause by another terminal is held back, not yet said (see
    /// [`Listener::settles`]).
    held_pause: Option<Millis>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct TimerHeard {
    started: bool,
    running: bool,
    total_ms: i64,
    mark: Option<Mark>,
}

impl RunHeard {
    fn of(l: &Listener, now: Millis, marks: &TimeMarks, end_minute: Option<i64>) -> RunHeard {
        let run = l.run;
        let timer = run.timebox(l.place).map(|t| TimerHeard {
            started: t.started,
            running: t.is_running(),
            total_ms: t.total_ms(),
            mark: t
                .started
                .then(|| marks.reached(t.total_ms(), t.remaining_ms(now)))
                .flatten(),
        });
        RunHeard {
            place: l.place,
            ended: run.ended_at.is_some(),
            timer,
            fits: run.fits.len(),
            late_start: run.late_start.is_some(),
            end_minute,
            notes: NotesHeard::of(run),
            held_pause: None,
        }
    }

    /// When a pause held back is to be said if nothing moves meanwhile.
    pub fn settles_at(&self) -> Option<Millis> {
        self.held_pause.map(|since| since.saturating_add(SETTLE_MS))
    }

    /// What the listener hears of the run now, without saying it (the opening says the status).
    pub fn now(l: &Listener, now: Millis, marks: &TimeMarks) -> RunHeard {
        RunHeard::of(l, now, marks, end_minute(l, now))
    }
}

/// The notes of the run a listener has heard of (or that were there when they began), by id:
/// a note folded in among earlier ones (an earlier stamp arriving after later notes, which
/// folds the run again in stamp order) is new too, not only those after the last count.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NotesHeard {
    count: usize,
    ids: std::sync::Arc<std::collections::HashSet<crate::run::NoteId>>,
}

impl NotesHeard {
    fn of(run: &RunState) -> NotesHeard {
        NotesHeard {
            count: run.notes.len(),
            ids: std::sync::Arc::new(run.notes.iter().map(|n| n.id.clone()).collect()),
        }
    }

    /// The notes of `run` not heard of yet, in the run's order. Notes are never removed (a
    /// deletion marks them), so the same count is the same notes.
    pub fn new_in<'r>(&self, run: &'r RunState) -> Vec<&'r Note> {
        if run.notes.len() == self.count {
            return Vec::new();
        }
        run.notes
            .iter()
            .filter(|n| !self.ids.contains(&n.id))
            .collect()
    }

    /// Heard of after the new ones are said; the set is shared until notes arrive.
    fn after(&self, run: &RunState) -> NotesHeard {
        if run.notes.len() == self.count {
            self.clone()
        } else {
            NotesHeard::of(run)
        }
    }
}

/// The projected end as a whole minute, while the meeting runs (before it starts the end moves
/// with the clock each minute, which is no news).
fn end_minute(l: &Listener, now: Millis) -> Option<i64> {
    let run = l.run;
    (run.started_at.is_some() && run.ended_at.is_none())
        .then(|| minute(l.projection(now).projected_end))
}

/// What changed in the run since `before`, as sentences, and what the listener has heard after
/// them: a late start, the place and its timer, a fit, the end, the projected end.
pub fn narrate(
    before: &RunHeard,
    l: &Listener,
    now: Millis,
    marks: &TimeMarks,
) -> (Vec<String>, RunHeard) {
    let text = l.text();
    let run = l.run;
    let mut after = RunHeard::of(l, now, marks, before.end_minute);
    after.notes = before.notes.after(run);
    let mut lines = Vec::new();
    if after.late_start
        && !before.late_start
        && let Some(late) = run.late_start
    {
        let said = if late.moved {
            text.plan_moved(&l.hh_mm(late.at))
        } else {
            text.started_late(crate::run::projection::minutes_between(
                late.planned,
                late.at,
            ))
        };
        lines.push(sentence(&said));
    }
    if after.place != before.place {
        lines.push(place_sentence(l, after.place));
        if let Some(t) = run.timebox(after.place).filter(|t| t.started) {
            lines.push(timer_state(text, t, now));
        }
    } else if let (Some(b), Some(a), Some(t), false) = (
        before.timer,
        after.timer,
        run.timebox(after.place),
        // The end stops the clock: "ended" says it, not "paused" as well.
        after.ended && !before.ended,
    ) {
        // A pause alone from another terminal may be the first half of a move: held back (the
        // listener keeps the running timer it heard) until it has stood a while.
        let paused_only = b.running && !a.running && a.total_ms == b.total_ms;
        let since = before.held_pause.unwrap_or(now);
        if l.settles && paused_only && now < since.saturating_add(SETTLE_MS) {
            after.timer = Some(b);
            after.held_pause = Some(since);
        } else {
            lines.extend(timer_changes(text, b, a, t, now));
        }
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
        lines.push(text.said_ended(&l.hh_mm(at)));
    }
    let end = end_minute(l, now);
    match (before.end_minute, end) {
        (Some(said), Some(now_end)) if said != now_end => {
            lines.push(projected_end(l, now));
            after.end_minute = end;
        }
        (None, _) | (_, None) => after.end_minute = end,
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
        lines.push(text.said_adjusted(after.total_ms.saturating_sub(before.total_ms), remaining));
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
pub fn place_sentence(l: &Listener, place: Place) -> String {
    let text = l.text();
    let session = &l.run.session;
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
    if let Some(t) = l.run.timebox(place) {
        said.push(' ');
        said.push_str(&sentence(&text.duration_words(t.total_ms())));
    }
    crate::text::clean_line(&said)
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

fn projected_end(l: &Listener, now: Millis) -> String {
    let p = l.projection(now);
    l.text()
        .said_projected_end(&l.hh_mm(p.projected_end), p.delta_minutes())
}

/// The status key's answer: where the meeting is, the time left, the projected end.
pub fn status(l: &Listener, now: Millis) -> String {
    let text = l.text();
    let run = l.run;
    let mut said = place_sentence(l, l.place);
    if let Some(at) = run.ended_at {
        said.push(' ');
        said.push_str(&text.said_ended(&l.hh_mm(at)));
        return said;
    }
    if let Some(t) = run.timebox(l.place) {
        said.push(' ');
        said.push_str(&timer_state(text, t, now));
    }
    said.push(' ');
    said.push_str(&projected_end(l, now));
    said
}

/// "Anteckning från Anna, Grupp Siljan: …", with the place when it is not the one followed.
pub fn note_line(l: &Listener, note: &Note) -> String {
    let text = l.text();
    let group = group_name(text, note.group.as_deref());
    let whereto = if note.at == l.place {
        group.to_string()
    } else {
        whereto(l, note.at, note.group.as_deref())
    };
    let mut said =
        text.said_note_from(&kind_word(text, &note.kind), &note.by, &whereto, &note.text);
    if let NoteKind::Action { owner, due } = &note.kind {
        said.push_str(&format!(" ({}: {owner}", text.owner));
        if let Some(due) = due {
            said.push_str(&format!(", {}", text.due_on(due)));
        }
        said.push(')');
    }
    crate::text::clean_line(&said)
}

fn kind_word(text: &Text, kind: &NoteKind) -> String {
    capitalized(match kind {
        NoteKind::Note => text.note,
        NoteKind::Decision => text.decision,
        NoteKind::Action { .. } => text.action,
        NoteKind::Parking => text.parked_question,
    })
}

/// The texts of the notes a listener has heard at the place they follow: a note changed since
/// (its writer's `e`, or the facilitator's) is said again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextsHeard(Vec<(crate::run::NoteId, String)>);

impl TextsHeard {
    pub fn of<'n>(notes: impl IntoIterator<Item = &'n Note>) -> TextsHeard {
        TextsHeard(
            notes
                .into_iter()
                .map(|n| (n.id.clone(), n.text.clone()))
                .collect(),
        )
    }

    /// "Ändrad: Anteckning från Anna, …" for each note heard before whose text is not the same
    /// in `now`, unless `skip` (the listener's own, already confirmed).
    pub fn changed(
        &self,
        l: &Listener,
        now: &TextsHeard,
        skip: impl Fn(&Note) -> bool,
    ) -> Vec<String> {
        now.0
            .iter()
            .filter(|(id, text)| self.0.iter().any(|(i, t)| i == id && t != text))
            .filter_map(|(id, _)| l.run.note(id))
            .filter(|n| !skip(n))
            .map(|n| l.text().said_note_changed(&note_line(l, n)))
            .collect()
    }
}

/// `notes`, all of the place followed, oldest first, after a line that counts them.
pub fn notes_list<'n>(l: &Listener, notes: impl IntoIterator<Item = &'n Note>) -> Vec<String> {
    let text = l.text();
    let here = whereto(l, l.place, None);
    let here = here
        .rsplit_once(", ")
        .map_or(here.as_str(), |(p, _)| p)
        .to_string();
    let notes: Vec<&Note> = notes.into_iter().collect();
    if notes.is_empty() {
        return vec![text.said_no_notes(&here)];
    }
    let mut lines = vec![text.said_notes_for(notes.len(), &here)];
    lines.extend(notes.iter().map(|n| {
        let group = group_name(text, n.group.as_deref());
        crate::text::clean_line(&text.said_note_from(
            &kind_word(text, &n.kind),
            &n.by,
            group,
            &n.text,
        ))
    }));
    lines
}

/// "punkt 4, fråga 1, Grupp Siljan" / "item 4, question 1, Grupp Siljan": where a note goes.
pub fn whereto(l: &Listener, at: Place, group: Option<&str>) -> String {
    let text = l.text();
    let steps = l.run.steps(at.item);
    let question = (steps > 1).then_some(at.step + 1);
    let place = text.place_word(at.item + 1, question);
    format!("{place}, {}", group_name(text, group))
}

pub fn group_name<'a>(text: &'a Text, group: Option<&'a str>) -> &'a str {
    group.unwrap_or(text.whole_group)
}

/// Ends a phrase with a full stop unless it ends with a mark of its own ("…dig?").
pub fn sentence(phrase: &str) -> String {
    let phrase = capitalized(phrase.trim_end());
    if phrase.ends_with(['.', '?', '!', ':', '…']) {
        phrase
    } else {
        format!("{phrase}.")
    }
}

pub fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The next moment something falls due to be said without input: the next time mark of the
/// running countdown, or the next minute (the projected end moves with a paused or overrun
/// timebox). Never the countdown's seconds: this mode says nothing each second.
pub fn next_due(l: &Listener, heard: Option<&RunHeard>, now: Millis, marks: &TimeMarks) -> Millis {
    let next_minute = now.saturating_add(60_000 - now.rem_euclid(60_000));
    let mark = l
        .run
        .timebox(l.place)
        .filter(|t| t.is_running())
        .and_then(|t| marks.next_in(t.total_ms(), t.remaining_ms(now)))
        .map(|in_ms| now.saturating_add(in_ms));
    let due = mark.map_or(next_minute, |m| m.min(next_minute));
    // A pause held back is said when it has stood long enough.
    match heard.and_then(RunHeard::settles_at) {
        Some(settles) => due.min(settles.max(now)),
        None => due,
    }
}

/// What a view in this mode has to say besides the changes: the answers to typed lines, said at
/// the next wake after the changes, and the last line said (which `r` says again).
#[derive(Debug, Default)]
pub struct Voice {
    last: Option<String>,
    answers: Vec<String>,
}

impl Voice {
    pub fn answer(&mut self, line: String) {
        self.answers.push(line);
    }

    pub fn answer_all(&mut self, lines: impl IntoIterator<Item = String>) {
        self.answers.extend(lines);
    }

    /// The last line said, if any.
    pub fn last(&self) -> Option<String> {
        self.last.clone()
    }

    /// What to say now: `changes`, then the answers waiting.
    pub fn say(&mut self, mut changes: Vec<String>) -> Vec<String> {
        changes.append(&mut self.answers);
        if let Some(last) = changes.last() {
            self.last = Some(last.clone());
        }
        changes
    }
}
