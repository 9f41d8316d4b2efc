//! What an export says, apart from how it is written: built once from a run, then written as
//! Markdown or HTML by the same walk.
//!
//! Every string here is plain, cleaned text (`text::clean_line`); the writers escape all of it.
//! Notes stay borrowed from the run state and are cleaned as they are written.

use std::collections::HashMap;
use std::fmt::Write as _;

use jiff::tz::TimeZone;

use super::{RunDoc, TrackMeeting, capitalize};
use crate::i18n::{Lang, Text};
use crate::run::catalog::time_spent::MeetingTime;
use crate::run::projection::{planned_start, project};
use crate::run::state::Note;
use crate::run::{Millis, NoteKind, Place};
use crate::session::{ItemKind, Session, Step, Track};
use crate::text::clean_line;
use crate::text::cleaned_line;
use crate::ui::clock::{at_time_of_day, hh_mm, iso_date};

/// One meeting, ready to write.
pub(crate) struct Summary<'a> {
    pub text: &'static Text,
    pub tz: &'a TimeZone,
    /// "Kick off — 2020-09-17".
    pub title: String,
    /// "Dalaspåret · träff 1 av 6 · Hösten 2020 · 09:02–12:05".
    pub meta: String,
    /// What the meeting is about, from its session file; empty when it says nothing.
    pub about: String,
    /// The meeting's pre-work.
    pub prework: Vec<LinkPart>,
    /// "09:02–12:05", "09:02– (pågår)", "inte startad".
    pub span: String,
    pub agenda: Vec<AgendaRow>,
    /// The sums under the agenda: planned and actual minutes.
    pub total_planned: String,
    pub total_actual: String,
    /// "Planerat slut 12:00 · faktiskt slut 12:05, 5 min efter".
    pub ends: String,
    pub items: Vec<ItemPart<'a>>,
    /// Notes at places this session does not have (a foreign or damaged journal): kept, not lost.
    pub other: Vec<GroupPart<'a>>,
    pub decisions: Vec<Listed<'a>>,
    pub actions: Vec<Listed<'a>>,
    pub parking: Vec<Listed<'a>>,
    /// "spar · genomförande 20200917-0900-kickoff".
    pub footer: String,
    /// Which run of the meeting this is, and that others exist; `None` when not known.
    pub which: Option<String>,
    /// The next meeting of the track, which closes the meeting's own export.
    pub next: Option<Coming>,
    /// The meeting is the last of its track.
    pub last: bool,
    /// Live notes in the run.
    pub note_count: usize,
    /// "ansvarig", "klart senast": the action's labels inside a sentence.
    owner_label: String,
    due_label: String,
}

pub(crate) struct AgendaRow {
    /// 1-based item number, also the anchor of the item's section.
    pub number: usize,
    pub start: String,
    /// "Föredrag · Digitalisering vet en väl vad det är".
    pub item: String,
    pub planned: String,
    pub actual: String,
    /// The item's discussion questions, each with its own planned and actual minutes.
    pub questions: Vec<QuestionRow>,
}

pub(crate) struct QuestionRow {
    pub text: String,
    pub planned: String,
    pub actual: String,
}

pub(crate) struct ItemPart<'a> {
    pub number: usize,
    /// "3. Digitalisering vet en väl vad det är".
    pub heading: String,
    /// "Föredrag · Talare: Katarina Gidlund, Mittuniversitetet · planerat 30 min · faktiskt 32 min".
    pub detail: String,
    /// A round's prompt, asked of every speaker in turn.
    pub prompt: Option<String>,
    /// The question the item hangs on, shown above its steps.
    pub invitation: Option<String>,
    pub steps: Vec<StepPart<'a>>,
    /// The phase of the agenda this item begins ("Gather data"); none for the items after the
    /// first of a phase.
    pub phase: Option<String>,
}

pub(crate) struct StepPart<'a> {
    /// The question, or "Tur: Avesta"; `None` for an item without steps.
    pub heading: Option<String>,
    pub groups: Vec<GroupPart<'a>>,
}

pub(crate) struct GroupPart<'a> {
    /// "Hela gruppen", or the group's name.
    pub name: String,
    pub notes: Vec<&'a Note>,
}

/// A decision, action or parked question, with the item it was noted under.
pub(crate) struct Listed<'a> {
    pub note: &'a Note,
    pub item: String,
}

/// How a note is marked in a list: "Beslut", "Åtgärd (ansvarig: Per, klart senast: 2020-10-01,
/// öppen)", "Parkerad fråga"; plain notes have no marker. Owner and due show when given.
pub(crate) struct Marker {
    pub label: &'static str,
    pub detail: Option<String>,
}

/// A meeting to come, as the track's export lists it and a meeting's export ends with it.
pub(crate) struct Coming {
    pub title: String,
    /// "Dalaspåret · träff 3 av 6 · Hösten 2020 · kommande".
    pub meta: String,
    pub about: String,
    pub prework: Vec<LinkPart>,
}

impl Coming {
    /// `to_come`: say so (the track's list); the next meeting of a meeting's export may be held
    /// already by the time it is read.
    pub fn new(session: &Session, track: Option<&Track>, text: &Text, to_come: bool) -> Coming {
        let number = track
            .and_then(|t| t.meetings.iter().position(|m| *m == session.id))
            .map_or(0, |i| i + 1);
        let mut meta = Vec::with_capacity(4);
        if let Some(track) = track.filter(|t| t.id == session.track) {
            meta.push(clean_line(&track.title));
            if number > 0 {
                meta.push(text.meeting_of(number, track.meetings.len()));
            }
        }
        let term = clean_line(&session.term);
        if !term.trim().is_empty() {
            meta.push(term);
        }
        // The session's own planned date, if it gives one; none is ever made up.
        if let Some(date) = session.date.as_deref().map(clean_line) {
            meta.push(date);
        }
        if to_come {
            meta.push(text.to_come().to_string());
        }
        Coming {
            title: clean_line(&session.title),
            meta: meta.join(" · "),
            about: cleaned_text(&session.summary),
            prework: LinkPart::all(&session.prework),
        }
    }
}

/// A link of a pre-work list, on one line each.
pub struct LinkPart {
    pub title: String,
    pub url: String,
}

impl LinkPart {
    /// The links of a pre-work list, cleaned for one line each.
    pub fn all(links: &[crate::session::Link]) -> Vec<LinkPart> {
        links
            .iter()
            .map(|l| LinkPart {
                title: clean_line(&l.title),
                url: clean_line(&l.url),
            })
            .collect()
    }

    /// Whether the address is one a reader may follow: web addresses only.
    pub fn is_web(&self) -> bool {
        self.url.starts_with("https://") || self.url.starts_with("http://")
    }
}

impl<'a> Summary<'a> {
    pub fn build(doc: &RunDoc<'a>, lang: Lang, tz: &'a TimeZone) -> Summary<'a> {
        let text = lang.text();
        let state = doc.state;
        let session = &*state.session;
        let started = state.started_at.unwrap_or(doc.started);

        let title = format!("{} — {}", clean_line(&session.title), iso_date(started, tz));
        let span = span(doc, text, tz);
        let meta = meta_line(doc, text, &span);

        // The agenda: planned start of each item, planned and actual minutes.
        let start_of_day = at_time_of_day(doc.started, &session.start, tz);
        let start = planned_start(start_of_day, state);
        let mut planned_at = start;
        let mut actual_total = 0;
        let mut agenda = Vec::with_capacity(session.agenda.len());
        for (i, item) in session.agenda.iter().enumerate() {
            let spent = state.spent_ms(i, doc.now);
            actual_total += spent;
            let questions = item
                .questions
                .iter()
                .enumerate()
                .map(|(step, q)| QuestionRow {
                    text: clean_line(&q.text),
                    planned: text.minutes(i64::from(q.minutes)),
                    actual: actual_minutes(text, state.spent_at(Place { item: i, step }, doc.now)),
                })
                .collect();
            agenda.push(AgendaRow {
                number: i + 1,
                start: hh_mm(planned_at, tz),
                item: item_name(text, &item.kind, &item.title),
                planned: text.minutes(i64::from(item.minutes)),
                actual: actual_minutes(text, spent),
                questions,
            });
            planned_at += i64::from(item.minutes) * 60_000;
        }
        let total_planned = text.minutes(i64::from(session.planned_minutes()));
        let total_actual = actual_minutes(text, actual_total);
        let ends = ends_line(doc, text, tz, start);

        // One pass over the notes: each goes to its place, and to the lists of its kind.
        let steps: Vec<Vec<Step>> = (0..session.agenda.len())
            .map(|i| session.steps(i))
            .collect();
        let mut offsets = Vec::with_capacity(steps.len());
        let mut total_steps = 0;
        for s in &steps {
            offsets.push(total_steps);
            total_steps += s.len();
        }
        // Groups rank as the stage lists them: the whole group, the session's groups, then any
        // group the session does not name (`join --group` with another name) as they first wrote.
        let mut unknown: HashMap<&str, usize> = HashMap::new();
        let mut names: Vec<String> = Vec::with_capacity(session.groups.len() + 1);
        names.push(text.whole_group.to_string());
        names.extend(session.groups.iter().map(|g| clean_line(g)));
        let mut buckets: Vec<Vec<(usize, &Note)>> = vec![Vec::new(); total_steps];
        let mut other: Vec<(usize, &Note)> = Vec::new();
        let (mut decisions, mut actions, mut parking) = (Vec::new(), Vec::new(), Vec::new());
        let mut note_count = 0;
        for note in state.live_notes() {
            note_count += 1;
            let rank = match note.group.as_deref() {
                None => 0,
                Some(group) => match session.groups.iter().position(|g| g == group) {
                    Some(i) => i + 1,
                    None => *unknown.entry(group).or_insert_with(|| {
                        names.push(clean_line(group));
                        names.len() - 1
                    }),
                },
            };
            let (item, step) = (note.at.item, note.at.step);
            match steps.get(item).filter(|s| step < s.len()) {
                Some(_) => buckets[offsets[item] + step].push((rank, note)),
                None => other.push((rank, note)),
            }
            let list = match note.kind {
                NoteKind::Note => continue,
                NoteKind::Decision => &mut decisions,
                NoteKind::Action { .. } => &mut actions,
                NoteKind::Parking => &mut parking,
            };
            let item = session
                .agenda
                .get(item)
                .map(|i| clean_line(&i.title))
                .unwrap_or_default();
            list.push(Listed { note, item });
        }

        let mut buckets = buckets.into_iter();
        let mut items = Vec::with_capacity(session.agenda.len());
        for (i, item) in session.agenda.iter().enumerate() {
            let mut parts = Vec::with_capacity(steps[i].len());
            for step in &steps[i] {
                let notes = buckets.next().unwrap_or_default();
                let heading = match step {
                    // An instruction asks for no notes: it shows only when something was noted.
                    Step::Question(q) if q.instruction && notes.is_empty() => continue,
                    // A step with its own group size says it: "… (alone)", "… (whole group)".
                    Step::Question(q) => Some(match q.group_size {
                        Some(size) => {
                            format!("{} ({})", clean_line(&q.text), text.group_size(size))
                        }
                        None => clean_line(&q.text),
                    }),
                    // A turn of a round shows only when something was noted in it.
                    Step::Turn { .. } if notes.is_empty() => continue,
                    Step::Turn { name, .. } => Some(format!("{}: {}", text.turn, clean_line(name))),
                    Step::Whole(_) => None,
                };
                parts.push(StepPart {
                    heading,
                    groups: by_group(notes, &names),
                });
            }
            items.push(ItemPart {
                number: i + 1,
                heading: format!("{}. {}", i + 1, clean_line(&item.title)),
                detail: item_detail(text, item, state.spent_ms(i, doc.now)),
                prompt: item
                    .round
                    .as_ref()
                    .and_then(|r| r.prompt.as_deref())
                    .map(clean_line),
                invitation: item.invitation.as_deref().map(clean_line),
                steps: parts,
                phase: item
                    .phase
                    .as_deref()
                    .filter(|_| i == 0 || session.agenda[i - 1].phase != item.phase)
                    .map(clean_line),
            });
        }

        // Dated actions first, by date; then those due in words, then those with no due.
        actions.sort_by_key(|l: &Listed| crate::run::due::order(due_text(l.note)));

        Summary {
            text,
            tz,
            which: doc
                .around
                .which
                .map(|w| text.which_run(w.counts, w.discarded, w.others)),
            next: doc
                .around
                .next
                .map(|s| Coming::new(s, doc.track, text, false)),
            last: doc.around.last,
            title,
            meta,
            about: cleaned_text(&session.summary),
            prework: LinkPart::all(&session.prework),
            span,
            agenda,
            total_planned,
            total_actual,
            ends,
            items,
            other: by_group(other, &names),
            decisions,
            actions,
            parking,
            footer: format!("spar · {} {}", text.run_label, clean_line(doc.run_id)),
            note_count,
            owner_label: text.owner.to_lowercase(),
            due_label: text.due.to_lowercase(),
        }
    }

    /// "Anna, 10:02", "Anna, 10:02, ändrad 10:15".
    pub fn byline(&self, note: &Note) -> String {
        let by = cleaned_line(&note.by);
        let by = by.trim();
        let mut line = String::with_capacity(by.len() + 24);
        if !by.is_empty() {
            line.push_str(by);
            line.push_str(", ");
        }
        line.push_str(&hh_mm(note.written, self.tz));
        if let Some(edited) = note.edited {
            line.push_str(", ");
            line.push_str(self.text.edited);
            line.push(' ');
            line.push_str(&hh_mm(edited, self.tz));
        }
        if note.unfinished {
            line.push_str(", ");
            line.push_str(self.text.unfinished());
        }
        line
    }

    pub fn marker(&self, note: &Note) -> Option<Marker> {
        let text = self.text;
        match &note.kind {
            NoteKind::Note => None,
            NoteKind::Decision => Some(Marker {
                label: text.decision,
                detail: None,
            }),
            NoteKind::Parking => Some(Marker {
                label: text.parked_question,
                detail: None,
            }),
            NoteKind::Action { owner, due } => {
                let mut detail = String::new();
                for (label, value) in [
                    (&self.owner_label, owner.as_str()),
                    (&self.due_label, due.as_deref().unwrap_or("")),
                ] {
                    let value = cleaned_line(value);
                    if !value.trim().is_empty() {
                        let _ = write!(detail, "{label}: {}, ", value.trim());
                    }
                }
                detail.push_str(self.status(note));
                Some(Marker {
                    label: text.action,
                    detail: Some(detail),
                })
            }
        }
    }

    /// "öppen" / "klar".
    pub fn status(&self, note: &Note) -> &'static str {
        if note.done {
            self.text.action_done
        } else {
            self.text.action_open
        }
    }
}

/// An action's owner as shown: cleaned, or "–" when nobody was named.
pub(crate) fn owner_of(owner: &str) -> String {
    let owner = clean_line(owner);
    let owner = owner.trim();
    if owner.is_empty() {
        "–".to_string()
    } else {
        owner.to_string()
    }
}

/// An action's due as typed, if it has one.
pub(crate) fn due_text(note: &Note) -> Option<&str> {
    match &note.kind {
        NoteKind::Action { due, .. } => due.as_deref(),
        _ => None,
    }
}

pub(crate) fn due_of(due: Option<&str>) -> String {
    owner_of(due.unwrap_or(""))
}

/// Sorts a place's notes by group (stable, so each group keeps the order they were written in)
/// and cuts them into one part per group.
fn by_group<'a>(mut notes: Vec<(usize, &'a Note)>, names: &[String]) -> Vec<GroupPart<'a>> {
    notes.sort_by_key(|(rank, _)| *rank);
    let mut parts: Vec<GroupPart> = Vec::new();
    let mut current = usize::MAX;
    for (rank, note) in notes {
        if rank != current {
            current = rank;
            parts.push(GroupPart {
                name: names[rank].clone(),
                notes: Vec::new(),
            });
        }
        if let Some(part) = parts.last_mut() {
            part.notes.push(note);
        }
    }
    parts
}

/// "Föredrag · Digitalisering …", or just the title when it already says what it is ("Paus").
fn item_name(text: &Text, kind: &ItemKind, title: &str) -> String {
    let kind = text.item_kind(kind);
    let title = clean_line(title);
    if title.starts_with(kind) {
        title
    } else {
        format!("{kind} · {title}")
    }
}

fn item_detail(text: &Text, item: &crate::session::Item, spent: i64) -> String {
    let mut parts = vec![text.item_kind(&item.kind).to_string()];
    if let ItemKind::Talk {
        speaker,
        affiliation,
    } = &item.kind
    {
        let (speaker, affiliation) = (clean_line(speaker), clean_line(affiliation));
        parts.push(if affiliation.is_empty() {
            format!("{}: {speaker}", text.speaker)
        } else {
            format!("{}: {speaker}, {affiliation}", text.speaker)
        });
    }
    let round_size = item.round.as_ref().and_then(|r| r.group_size);
    if let Some(size) = round_size.or(item.group_size) {
        parts.push(text.group_size(size));
    }
    parts.push(format!(
        "{} {}",
        text.planned,
        text.minutes(i64::from(item.minutes))
    ));
    if spent > 0 {
        parts.push(format!(
            "{} {}",
            text.actual,
            text.minutes(round_minutes(spent))
        ));
    }
    parts.join(" · ")
}

fn round_minutes(ms: i64) -> i64 {
    (ms + 30_000) / 60_000
}

/// "17 min", or "–" for an item not run.
fn actual_minutes(text: &Text, spent: i64) -> String {
    if spent > 0 {
        text.minutes(round_minutes(spent))
    } else {
        "–".to_string()
    }
}

/// "Dalaspåret · träff 1 av 6 · Hösten 2020 · 09:02–12:05".
fn meta_line(doc: &RunDoc, text: &Text, span: &str) -> String {
    let state = doc.state;
    let session = &*state.session;
    let mut parts: Vec<String> = Vec::with_capacity(4);
    if let Some(track) = doc.track.filter(|t| t.id == session.track) {
        parts.push(clean_line(&track.title));
        if let Some(i) = track.meetings.iter().position(|m| *m == session.id) {
            parts.push(text.meeting_of(i + 1, track.meetings.len()));
        }
    }
    let term = clean_line(&session.term);
    if !term.trim().is_empty() {
        parts.push(term);
    }
    parts.push(span.to_string());
    parts.join(" · ")
}

/// "09:02–12:05", "09:02– (pågår)", "inte startad".
fn span(doc: &RunDoc, text: &Text, tz: &TimeZone) -> String {
    match (doc.state.started_at, doc.state.ended_at) {
        (Some(s), Some(e)) => format!("{}–{}", hh_mm(s, tz), hh_mm(e, tz)),
        (Some(s), None) => format!("{}– ({})", hh_mm(s, tz), text.in_progress),
        (None, Some(_)) => text.not_run.to_string(),
        (None, None) => text.not_started.to_string(),
    }
}

/// "Planerat slut 12:00 · faktiskt slut 12:05, 5 min efter"; a meeting still running gives its
/// projected end instead.
fn ends_line(doc: &RunDoc, text: &Text, tz: &TimeZone, planned_start: Millis) -> String {
    let state = doc.state;
    let projection = project(state, planned_start, doc.now);
    let planned = format!(
        "{} {}",
        capitalize(text.planned_end),
        hh_mm(projection.planned_end, tz)
    );
    let label = match (state.started_at, state.ended_at) {
        (Some(_), Some(_)) => text.actual_end,
        (Some(_), None) => text.projected_end,
        (None, _) => return planned,
    };
    format!(
        "{planned} · {label} {}, {}",
        hh_mm(projection.projected_end, tz),
        text.schedule(projection.delta_minutes())
    )
}

/// The order of meetings in a track export: the track's order of meetings, then when they
/// began; meetings of no known track after them.
pub(crate) fn track_order(track: Option<&Track>, meetings: &[TrackMeeting]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..meetings.len()).collect();
    order.sort_by_key(|&i| {
        let (session, began, id) = match &meetings[i] {
            TrackMeeting::Held(run) => (
                &run.state.session.id,
                run.state.started_at.unwrap_or(run.started),
                run.run_id,
            ),
            TrackMeeting::ToCome(session) => (&session.id, Millis::MAX, ""),
        };
        let position = track
            .and_then(|t| t.meetings.iter().position(|m| m == session))
            .unwrap_or(usize::MAX);
        (position, began, id)
    });
    order
}

/// A paragraph from a session file on one line: blanks collapsed, no control characters.
fn cleaned_text(text: &str) -> String {
    clean_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row of where the time went, ready to write: planned and actual (the median) minutes,
/// the suggested timebox and, when it ran over in most runs, how often.
pub(crate) struct TimeLine {
    /// "1. Välkommen", or a question's text.
    pub title: String,
    pub question: bool,
    pub planned: String,
    pub actual: String,
    pub suggested: String,
    /// "över i 2 av 3" when flagged, else empty.
    pub over: String,
    /// The bar, in cells of [`BAR_WIDTH`]: actual within the plan, plan left unused, overrun.
    pub bar: (usize, usize, usize),
}

/// Cells of the longest bar of a meeting's time table.
pub(crate) const BAR_WIDTH: usize = 24;

/// The rows of a meeting's time table, each bar scaled to the longest planned or actual time of
/// the meeting (see [`MeetingTime::bar`]).
pub(crate) fn time_lines(text: &Text, meeting: &MeetingTime) -> Vec<TimeLine> {
    use crate::run::catalog::time_spent::whole_minutes;
    meeting
        .rows
        .iter()
        .map(|row| {
            let spent = row.median().map(whole_minutes);
            let bar = meeting.bar(row, BAR_WIDTH);
            TimeLine {
                title: match row.question {
                    None => format!("{}. {}", row.item + 1, clean_line(&row.title)),
                    Some(_) => clean_line(&row.title),
                },
                question: row.question.is_some(),
                planned: text.minutes(row.planned),
                actual: spent.map_or_else(|| "–".to_string(), |m| text.minutes(m)),
                suggested: row
                    .suggested()
                    .map_or_else(|| "–".to_string(), |m| text.minutes(m)),
                over: if row.flagged() {
                    text.over_in(row.over_in(), row.actual.len())
                } else {
                    String::new()
                },
                bar,
            }
        })
        .collect()
}
