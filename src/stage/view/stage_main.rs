//! The stage itself, under any overlay.
//!
//! ```text
//! ╭ Dalaspåret · Kick off ────────────────────────────── 09:42 ╮
//! │ Punkt 3 av 9 · Samtal · Fråga 1 av 2                        │ position
//! │ Samtal efter föredraget                                      │ item title
//! │ Talare: … / Tillbaka 10:45 / Tur 3 av 15: Falun · Näst: …    │ item detail
//! │        Vad tar du med dig från föredraget?                   │ question
//! │                 (big countdown + phase in words)             │
//! │ ╭ Processledarens anteckningar ╮ (only when shown)           │
//! │ Nästa: Paus (15 min)                                         │
//! │ planerat slut 11:30 · beräknat slut 11:44, 14 min efter      │
//! ╰ space starta / pausa · n → nästa · … ───────────────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::countdown;
use crate::run::Millis;
use crate::run::Role;
use crate::session::{Item, ItemKind, Step};
use crate::stage::Stage;
use crate::ui::clock::hh_mm;
use crate::ui::fit;

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let inner = crate::ui::frame::screen(
        frame,
        area,
        theme,
        Line::from(format!(" {} ", heading(stage))),
        Some(Line::from(format!(" {} ", hh_mm(now, &stage.ctx.ui.tz)))),
        hint_line(stage, area.width.saturating_sub(4)),
    );

    let [middle, next, projection, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let lobby = stage.run.started_at.is_none()
        && stage.view_place() == crate::run::Place::START
        && !stage.editor_open;
    if lobby {
        let [position, title, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(middle);
        draw_heading_lines(frame, position, title, stage);
        super::lobby::draw(frame, rest, stage);
    } else {
        let (content, notes) = split_for_notes(stage, middle);
        draw_content(frame, content, stage, now);
        super::notes::draw(frame, notes, stage);
    }
    let next_text = fit::truncate(&next_line(stage), usize::from(next.width));
    frame.render_widget(Paragraph::new(next_text).style(theme.dim), next);
    frame.render_widget(Paragraph::new(projection_line(stage, now)), projection);
    match &stage.notice.save_error {
        Some(error) => {
            let line = format!("{}: {error}", text.not_saved_retrying);
            frame.render_widget(
                Paragraph::new(crate::text::clean_line(&line)).style(theme.error),
                status,
            );
        }
        None => frame.render_widget(Paragraph::new(status_line(stage)).style(theme.dim), status),
    }
}

/// The stage beside the notes on a wide window, above them on a narrow one or for a breakout
/// (whose groups need the whole width side by side).
fn split_for_notes(stage: &Stage, area: Rect) -> (Rect, Rect) {
    let breakout = stage.viewing(ItemKind::Breakout);
    if stage.ctx.role == Role::NoteTaker {
        // A note-taker's screen is mostly the notes and the editor.
        let content_height = (area.height / 3).max(6);
        let [content, notes] =
            Layout::vertical([Constraint::Length(content_height), Constraint::Fill(1)]).areas(area);
        (content, notes)
    } else if area.width >= 110 && !breakout {
        let [content, notes] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        (content, notes)
    } else {
        // A recap's list needs the room more than the notes, which are few there.
        let recap = stage.viewing(ItemKind::Recap);
        let content_share = match (stage.editor_open, recap) {
            (true, _) => 45,
            (false, true) => 70,
            (false, false) => 55,
        };
        let [content, notes] = Layout::vertical([
            Constraint::Percentage(content_share),
            Constraint::Percentage(100 - content_share),
        ])
        .areas(area);
        (content, notes)
    }
}

/// The item on screen and its timeboxes.
fn item_on_screen(stage: &Stage) -> Option<(&Item, Vec<Step<'_>>)> {
    let session = &stage.run.session;
    let item = stage.view_place().item;
    Some((session.agenda.get(item)?, session.steps(item)))
}

/// "Punkt 3 av 9 · Samtal · Fråga 1 av 2" and the item's title.
fn draw_heading_lines(frame: &mut Frame, position: Rect, title: Rect, stage: &Stage) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let Some((item, steps)) = item_on_screen(stage) else {
        return;
    };
    let session = &stage.run.session;
    let place = stage.view_place();
    let mut where_ = vec![
        text.item_of(place.item + 1, session.agenda.len()),
        text.item_kind(&item.kind).to_string(),
    ];
    // Items with instructions among their questions count steps, not questions.
    let instructions = item.questions.iter().any(|q| q.instruction);
    match steps.get(place.step) {
        Some(Step::Question(q)) if instructions => {
            where_.push(text.step_of(place.step + 1, steps.len()));
            if q.instruction {
                where_.push(text.instruction_step().to_string());
            }
        }
        Some(Step::Question(_)) if steps.len() > 1 => {
            where_.push(text.question_of(place.step + 1, steps.len()))
        }
        Some(Step::Turn { .. }) => where_.push(text.turn_of(place.step + 1, steps.len())),
        _ => {}
    }
    if let Some(size) = item.group_size {
        where_.push(text.group_size(size));
    }
    let where_ = fit::truncate(&where_.join(" · "), usize::from(position.width));
    frame.render_widget(Paragraph::new(where_).style(theme.dim), position);
    let title_text = fit::truncate(&item.title, usize::from(title.width));
    frame.render_widget(Paragraph::new(title_text).style(theme.title), title);
}

/// Where we are, the question large, the countdown, and the facilitator's notes when shown.
fn draw_content(frame: &mut Frame, inner: Rect, stage: &Stage, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let Some((item, steps)) = item_on_screen(stage) else {
        return;
    };
    let place = stage.view_place();
    let step = steps
        .get(place.step)
        .copied()
        .unwrap_or(Step::Whole(item.minutes));

    let question = match step {
        Step::Question(q) => Some(q.text.as_str()),
        Step::Turn { prompt, .. } => prompt,
        Step::Whole(_) => None,
    };
    let question_lines = question.map_or(0, |q| {
        wrapped_height(q, inner.width).min(if inner.height >= 14 { 4 } else { 2 })
    });
    // The invitation stays on screen through every step of its item.
    let invitation = item.invitation.as_deref();
    let invitation_lines = invitation.map_or(0, |i| {
        wrapped_height(i, inner.width).min(if inner.height >= 14 { 2 } else { 1 })
    });
    let facilitator = item
        .notes
        .as_deref()
        .filter(|_| stage.show_facilitator_notes);
    let facilitator_lines = facilitator.map_or(0, |n| {
        wrapped_height(n, inner.width.saturating_sub(2)).min(6) + 2
    });

    // On a short window the question and the countdown come before everything else.
    let detail_text = detail_line(stage, step, now);
    let spacious = inner.height >= 14;
    // A recap item lists what earlier meetings left open, above a smaller countdown.
    let recap = item.kind == ItemKind::Recap;
    let [
        position,
        title,
        detail,
        invitation_area,
        _,
        question_area,
        recap_area,
        timer,
        notes_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(!detail_text.is_empty())),
        Constraint::Length(invitation_lines),
        Constraint::Length(u16::from(spacious)),
        Constraint::Length(question_lines),
        if recap {
            Constraint::Fill(1)
        } else {
            Constraint::Length(0)
        },
        match (recap, spacious) {
            (false, _) => Constraint::Min(2),
            (true, true) => Constraint::Length(5),
            (true, false) => Constraint::Length(3),
        },
        Constraint::Length(facilitator_lines),
    ])
    .areas(inner);
    draw_heading_lines(frame, position, title, stage);
    if recap {
        super::recap::draw(frame, recap_area, stage);
    }
    let detail_text = fit::truncate(&detail_text, usize::from(detail.width));
    frame.render_widget(Paragraph::new(detail_text).style(theme.accent), detail);
    if let Some(invitation) = invitation {
        let lines = fit::lines(
            invitation,
            usize::from(invitation_area.width),
            usize::from(invitation_area.height),
        );
        let paragraph = Paragraph::new(lines).style(theme.accent).centered();
        frame.render_widget(paragraph, invitation_area);
    }
    if let Some(q) = question {
        let lines = fit::lines(
            q,
            usize::from(question_area.width),
            usize::from(question_area.height),
        );
        let paragraph = Paragraph::new(lines)
            .style(theme.text.add_modifier(ratatui::style::Modifier::BOLD))
            .centered();
        frame.render_widget(paragraph, question_area);
    }
    if stage.run.ended_at.is_some() {
        let ended = Paragraph::new(text.meeting_ended)
            .style(theme.title)
            .centered();
        frame.render_widget(
            ended,
            Rect {
                y: timer.y + timer.height / 2,
                height: 1,
                ..timer
            },
        );
    } else if let Some(timebox) = stage.run.current() {
        if stage.ctx.role == Role::NoteTaker {
            draw_following(frame, timer, stage, timebox, now);
        } else {
            countdown::draw(frame, timer, timebox, text, theme, now);
        }
    }
    if let Some(notes) = facilitator {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .title(Line::from(format!(" {} ", text.facilitator_notes)).style(theme.dim));
        let inside = block.inner(notes_area);
        let lines = fit::lines(notes, usize::from(inside.width), usize::from(inside.height));
        let paragraph = Paragraph::new(lines).style(theme.dim).block(block);
        frame.render_widget(paragraph, notes_area);
    }
}

/// A note-taker's countdown, small, and whether they follow the facilitator.
///
/// ```text
/// 12:05 · PÅGÅR · tid kvar av 15 min
/// Följer processledaren
/// ```
fn draw_following(
    frame: &mut Frame,
    area: Rect,
    stage: &Stage,
    timebox: &crate::run::timer::Timebox,
    now: Millis,
) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let style = theme.phase(timebox.phase(now));
    let clock = crate::run::timer::format_countdown(timebox.remaining_ms(now));
    let status = countdown::status_line(text, timebox, now);
    let following = if stage.own.is_none() {
        Span::styled(text.following, theme.dim)
    } else {
        Span::styled(text.not_following, theme.low)
    };
    let lines = vec![
        Line::from(Span::styled(format!("{clock} · {status}"), style)),
        Line::from(following),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Dalaspåret · Kick off".
fn heading(stage: &Stage) -> String {
    let title = &stage.run.session.title;
    match &stage.ctx.track {
        Some(track) => format!("{track} · {title}"),
        None => title.clone(),
    }
}

/// Talk: the speaker. Break: when we are back. Round: whose turn, and who is next.
fn detail_line(stage: &Stage, step: Step, now: Millis) -> String {
    let text = stage.ctx.ui.text();
    let place = stage.view_place();
    let item = &stage.run.session.agenda[place.item];
    match (&item.kind, step) {
        (_, Step::Turn { name, .. }) => {
            let steps = stage.run.session.steps(place.item);
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
        (ItemKind::Break, _) => {
            let left = stage
                .run
                .current()
                .map_or(0, |t| t.remaining_ms(now).max(0));
            text.back_at(&hh_mm(now + left, &stage.ctx.ui.tz))
        }
        _ => String::new(),
    }
}

/// "Nästa: Paus (15 min)", or the next question of this item.
fn next_line(stage: &Stage) -> String {
    let text = stage.ctx.ui.text();
    let session = &stage.run.session;
    let place = stage.view_place();
    match stage.run.next_place(place) {
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

/// "planerat slut 11:30 · beräknat slut 11:44, 14 min efter": coloured by how late we are.
fn projection_line(stage: &Stage, now: Millis) -> Line<'static> {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let p = stage.projection(now);
    let delta = p.delta_minutes();
    let style = match delta {
        d if d > 5 => theme.over,
        d if d > 0 => theme.low,
        _ => theme.running,
    };
    Line::from(vec![
        Span::styled(
            format!(
                "{} {} · ",
                text.planned_end,
                hh_mm(p.planned_end, &stage.ctx.ui.tz)
            ),
            theme.text,
        ),
        Span::styled(
            format!(
                "{} {}, {}",
                text.projected_end,
                hh_mm(p.projected_end, &stage.ctx.ui.tz),
                text.schedule(delta)
            ),
            style,
        ),
    ])
}

/// Where notes go, and whether the bell is muted.
fn status_line(stage: &Stage) -> String {
    let text = stage.ctx.ui.text();
    let group = stage.target().1.unwrap_or(text.whole_group);
    let mut parts = vec![format!("{}: {group}", text.notes_go_to)];
    if stage.bell_muted && stage.ctx.role == Role::Facilitator {
        parts.push(text.bell_muted.to_string());
    }
    if let Some(flash) = &stage.notice.flash {
        parts.push(flash.clone());
    }
    if stage.notice.unsaved_notes > 0 {
        parts.push(text.notes_saving(stage.notice.unsaved_notes));
    } else if !stage.editor_open && stage.editor.as_ref().is_some_and(|e| !e.text().is_empty()) {
        parts.push(text.draft_kept.to_string());
    }
    if stage.notice.skipped > 0 {
        parts.push(text.skipped_lines(stage.notice.skipped));
    }
    if stage.notice.copies > 0 {
        parts.push(text.conflict_copies_read(stage.notice.copies));
    }
    parts.join(" · ")
}

/// The hint bar of the keys this role has in force.
fn hint_line(stage: &Stage, width: u16) -> Line<'static> {
    let bindings = crate::stage::keys::for_role(stage.bindings(), stage.ctx.role);
    crate::ui::keymap::hint_line(bindings, stage.ctx.ui.text(), &stage.ctx.ui.theme, width)
}

/// Lines a text takes when wrapped at `width` (a close estimate: words are not split).
fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(fit::rows(text, usize::from(width))).unwrap_or(u16::MAX)
}
