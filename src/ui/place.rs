//! The words that name a place in a run, shared by every screen that follows one (the stage and
//! the room's screen): the meeting's heading, where we are in the agenda, the item's detail
//! (speaker, back at, whose turn), what comes next and the projected end.

use ratatui::text::{Line, Span};

use crate::i18n::Text;
use crate::run::projection::{Projection, minutes_between};
use crate::run::state::RunState;
use crate::run::{Millis, Place};
use crate::session::{ItemKind, Session, Step};
use crate::ui::Ctx;
use crate::ui::clock::hh_mm;
use crate::ui::fit::width;

/// "Dalaspåret · Kick off".
/// Cleaned here, where it reaches the terminal: a session file may hold bidi or zero-width
/// characters in its title.
pub fn heading(session: &Session, track: Option<&str>) -> String {
    let title = crate::text::clean_line(&session.title);
    match track {
        Some(track) => format!("{} · {title}", crate::text::clean_line(track)),
        None => title,
    }
}

/// "Punkt 3 av 9 · Samtal · Fråga 1 av 2 · i par", in `columns`: what matters most on a narrow
/// screen comes first (where we are and how many work together); the kind and the step's number
/// give way before a word is cut.
pub fn position(text: &Text, run: &RunState, place: Place, columns: usize) -> String {
    let session = &run.session;
    let Some(item) = session.agenda.get(place.item) else {
        return String::new();
    };
    let steps = session.steps(place.item);
    let mut parts = vec![(text.item_of(place.item + 1, session.agenda.len()), 0)];
    parts.push((text.item_kind(&item.kind).to_string(), 2));
    // Items with instructions among their questions count steps, not questions.
    let instructions = item.questions.iter().any(|q| q.instruction);
    match steps.get(place.step) {
        Some(Step::Question(q)) if instructions => {
            parts.push((text.step_of(place.step + 1, steps.len()), 1));
            if q.instruction {
                parts.push((text.instruction_step().to_string(), 3));
            }
        }
        Some(Step::Question(_)) if steps.len() > 1 => {
            parts.push((text.question_of(place.step + 1, steps.len()), 1))
        }
        Some(Step::Turn { .. }) => parts.push((text.turn_of(place.step + 1, steps.len()), 1)),
        _ => {}
    }
    if let Some(size) = session.group_size(place.item, place.step) {
        parts.push((text.group_size(size), 0));
    }
    fit_parts(parts, columns)
}

/// `parts` joined with " · " in their order, leaving out the least needed (the highest rank
/// first) until they fit in `columns`.
fn fit_parts(mut parts: Vec<(String, u8)>, columns: usize) -> String {
    loop {
        let line = parts
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        let least = parts
            .iter()
            .enumerate()
            .filter(|(_, (_, rank))| *rank > 0)
            .max_by_key(|(i, (_, rank))| (*rank, *i))
            .map(|(i, _)| i);
        match least {
            Some(i) if width(&line) > columns => {
                parts.remove(i);
            }
            _ => return line,
        }
    }
}

/// Talk: the speaker. Break: when we are back. Round: whose turn, and who is next.
pub fn detail(ui: &Ctx, run: &RunState, place: Place, step: Step, now: Millis) -> String {
    let text = ui.text();
    let Some(item) = run.session.agenda.get(place.item) else {
        return String::new();
    };
    match (&item.kind, step) {
        (_, Step::Turn { name, .. }) => {
            let steps = run.session.steps(place.item);
            let next = match steps.get(place.step + 1) {
                Some(Step::Turn { name: next, .. }) => format!(" · {}: {next}", text.next_turn),
                _ => String::new(),
            };
            format!("{}: {name}{next}", text.turn)
        }
        (
            ItemKind::Talk {
                speaker,
                affiliation,
            },
            _,
        ) => format!("{}: {speaker}, {affiliation}", text.speaker),
        (ItemKind::Break, _) => text.back_at(&back_at(ui, run, now)),
        _ => String::new(),
    }
}

/// When a break's time is up: "10:45".
pub fn back_at(ui: &Ctx, run: &RunState, now: Millis) -> String {
    let left = run.current().map_or(0, |t| t.remaining_ms(now).max(0));
    hh_mm(now.saturating_add(left), &ui.tz)
}

/// "Nästa: Paus (15 min)", or the next question of this item.
pub fn next(text: &Text, run: &RunState, place: Place) -> String {
    let session = &run.session;
    match run.next_place(place) {
        Some(next) if next.item == place.item => match session.steps(place.item).get(next.step) {
            Some(Step::Question(q)) => format!("{}: {}", text.next, q.text),
            _ => String::new(),
        },
        Some(next) => {
            let item = &session.agenda[next.item];
            format!(
                "{}: {} ({})",
                text.next,
                item.title,
                text.minutes(i64::from(item.minutes))
            )
        }
        None => text.last_item.to_string(),
    }
}

/// "planerat slut 11:30 · beräknat slut 11:44, 14 min efter", coloured by how late we are; with
/// how the plan was read after a late start. Before the start: the planned start and how long
/// ago it was. After the end: when it ended against the plan.
pub fn projection(ui: &Ctx, run: &RunState, p: &Projection, now: Millis) -> Line<'static> {
    let text = ui.text();
    let theme = &ui.theme;
    let tz = &ui.tz;
    let delta = p.delta_minutes();
    let late_style = |minutes: i64| match minutes {
        d if d > 5 => theme.over,
        d if d > 0 => theme.low,
        _ => theme.running,
    };
    let planned_end = format!("{} {}", text.planned_end, hh_mm(p.planned_end, tz));
    if let Some(ended) = run.ended_at {
        return Line::from(vec![
            Span::styled(
                format!("{} · ", text.ended_at(&hh_mm(ended, tz))),
                theme.text,
            ),
            Span::styled(
                format!("{planned_end}, {}", text.schedule(delta)),
                late_style(delta),
            ),
        ]);
    }
    if run.started_at.is_none() {
        let late = minutes_between(p.planned_start, now);
        let start = hh_mm(p.planned_start, tz);
        let start = match late {
            1.. => text.planned_start_passed(&start, late),
            // Within the hour: how long is left, which the lobby's clock makes plain.
            -60..=-1 => text.starts_in(&start, -late),
            _ => text.planned_start_at(&start),
        };
        return Line::from(vec![
            Span::styled(format!("{start} · "), late_style(late)),
            Span::styled(planned_end, theme.text),
        ]);
    }
    let mut spans = vec![
        Span::styled(format!("{planned_end} · "), theme.text),
        Span::styled(
            format!(
                "{} {}, {}",
                text.projected_end,
                hh_mm(p.projected_end, tz),
                text.schedule(delta)
            ),
            late_style(delta),
        ),
    ];
    match run.late_start {
        Some(late) if late.moved => spans.push(Span::styled(
            format!(" · {}", text.plan_moved(&hh_mm(p.planned_start, tz))),
            theme.dim,
        )),
        Some(late) => spans.push(Span::styled(
            format!(
                " · {}",
                text.started_late(minutes_between(late.planned, late.at))
            ),
            theme.dim,
        )),
        None => {}
    }
    if let Some(&at) = run.fitted_at.last() {
        spans.push(Span::styled(
            format!(" · {}", text.plan_fitted(&hh_mm(at, tz))),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// The question of a step (or a round's prompt); `None` for an item without one.
pub fn question<'a>(step: Step<'a>) -> Option<&'a str> {
    match step {
        Step::Question(q) => Some(q.text.as_str()),
        Step::Turn { prompt, .. } => prompt,
        Step::Whole(_) => None,
    }
}
