//! The room's screen: a pure function of the show and "now" to a frame.
//!
//! ```text
//! ╭ Dalaspåret · Kick off ─────────────────────────────── 09:42 ╮
//! │ Punkt 3 av 12 · Samtal · Fråga 1 av 2                        │ position
//! │ Samtal efter föredraget                                      │ item title
//! │ Talare: … / Tillbaka 10:45 / Tur: Falun                      │ item detail
//! │          Vad tar du med dig från föredraget?                 │ question
//! │        (the countdown, or what the facilitator chose)        │
//! │ Grupper: Siljan · Dalälven                                   │ a breakout's groups
//! │ Nästa: Paus (15 min)                                         │
//! │ planerat slut 11:30 · beräknat slut 11:44, 14 min efter      │
//! ╰─────────────────────────────────────────────────── q avsluta ╯
//! ```
//! The facilitator's choice (`v`): the countdown alone; the countdown beside (wide) or above
//! (narrow) the question's notes; the notes wall, every group's notes in columns under a
//! one-line countdown; or one pinned note, large.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::{Show, zoomed};
use crate::run::state::Note;
use crate::run::timer::format_countdown;
use crate::run::{Millis, RoomView};
use crate::session::{ItemKind, Step};
use crate::ui::clock::hh_mm;
use crate::ui::countdown;
use crate::ui::fit::{fit_spans, lines as wrap_lines, truncate, width};
use crate::ui::labels::{group_name, kind_mark};
use crate::ui::place;

pub fn draw(frame: &mut Frame, show: &Show, now: Millis) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let area = frame.area();
    // A zoomed terminal (a large font) gets the show in plain lines, not the big countdown.
    if area.width < zoomed::MIN_WIDTH || area.height < zoomed::MIN_HEIGHT {
        let message = text.window_too_small(zoomed::MIN_WIDTH, zoomed::MIN_HEIGHT);
        crate::ui::frame::say_too_small(frame, &message, theme);
        return;
    }
    if zoomed::applies(area) {
        zoomed::draw(frame, area, show, now);
        return;
    }
    let clock = format!(" {} ", hh_mm(now, &show.ctx.ui.tz));
    let heading = place::heading(&show.run.session, show.ctx.track.as_deref());
    let title_room = usize::from(area.width).saturating_sub(width(&clock) + 8);
    // Only "q quit", in the corner: nothing else the room would read as an instruction.
    let quit = Line::from(vec![
        Span::styled(" q", theme.dim),
        Span::styled(format!(" {} ", text.key_quit), theme.dim),
    ])
    .right_aligned();
    let inner = crate::ui::frame::screen(
        frame,
        area,
        theme,
        Line::from(format!(" {} ", truncate(&heading, title_room))),
        Some(Line::from(clock)),
        quit,
    );
    if show.run.ended_at.is_some() {
        draw_end(frame, inner, show, now);
        return;
    }
    let columns = usize::from(inner.width);
    // A note the room saw, deleted: said where the next step is, for a while, wrapped at words
    // in rows of its own rather than cut at the edge.
    let (next_lines, style) = match show.deletion_notice(now) {
        Some(deleted) => (
            wrap_lines(&deleted, columns, crate::ui::deletion::NOTICE_ROWS),
            theme.accent,
        ),
        None => (
            vec![Line::from(truncate(
                &place::next(text, &show.run, show.run.place),
                columns,
            ))],
            theme.dim,
        ),
    };
    let [body, groups, next, projection] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(u16::try_from(next_lines.len()).unwrap_or(1)),
        Constraint::Length(1),
    ])
    .areas(inner);
    let place = show.run.place;
    let item = show.run.session.agenda.get(place.item);
    if let Some(item) = item
        && item.kind == ItemKind::Breakout
        && !show.run.session.groups.is_empty()
    {
        let line = text.groups_line(&show.run.session.groups);
        frame.render_widget(
            Paragraph::new(truncate(&line, columns)).style(theme.accent),
            groups,
        );
    }
    frame.render_widget(Paragraph::new(next_lines).style(style), next);
    let projected = place::projection(&show.ctx.ui, &show.run, &show.projection(now), now);
    frame.render_widget(Paragraph::new(fit_spans(projected, columns)), projection);
    draw_body(frame, body, show, now);
}

/// Where we are, the question, and below it the countdown or what the facilitator chose.
fn draw_body(frame: &mut Frame, area: Rect, show: &Show, now: Millis) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let session = &show.run.session;
    let place = show.run.place;
    let Some(item) = session.agenda.get(place.item) else {
        return;
    };
    let columns = usize::from(area.width);
    let step = session
        .steps(place.item)
        .get(place.step)
        .copied()
        .unwrap_or(Step::Whole(item.minutes));
    let lobby = show.run.started_at.is_none();
    let detail = place::detail(&show.ctx.ui, &show.run, place, step, now);
    let spacious = area.height >= 16;
    let title = wrap_lines(&item.title, columns, if spacious { 2 } else { 1 });
    let invitation = item.invitation.as_deref().map_or_else(Vec::new, |i| {
        wrap_lines(i, columns, if spacious { 2 } else { 1 })
    });
    let question = if lobby {
        Some(text.show_about_to_start())
    } else {
        place::question(step)
    };
    // The question may take up to a third of the room; the countdown keeps the rest.
    let question = question.map_or_else(Vec::new, |q| {
        wrap_lines(q, columns, usize::from(area.height / 3).max(1))
    });
    let rows = |lines: &Vec<Line>| u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let [
        position,
        title_area,
        detail_area,
        invitation_area,
        _,
        question_area,
        _,
        rest,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(rows(&title)),
        Constraint::Length(u16::from(!detail.is_empty())),
        Constraint::Length(rows(&invitation)),
        Constraint::Length(u16::from(spacious)),
        Constraint::Length(rows(&question)),
        Constraint::Length(u16::from(spacious)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let position_line = place::position(text, &show.run, place, columns);
    frame.render_widget(
        Paragraph::new(truncate(&position_line, columns)).style(theme.dim),
        position,
    );
    frame.render_widget(Paragraph::new(title).style(theme.title), title_area);
    frame.render_widget(
        Paragraph::new(truncate(&detail, columns)).style(theme.accent),
        detail_area,
    );
    frame.render_widget(
        Paragraph::new(invitation).style(theme.accent).centered(),
        invitation_area,
    );
    frame.render_widget(
        Paragraph::new(question)
            .style(theme.text.add_modifier(Modifier::BOLD))
            .centered(),
        question_area,
    );
    if lobby {
        return;
    }
    let Some(timebox) = show.run.current() else {
        return;
    };
    match (&show.run.room, show.pinned()) {
        (RoomView::Countdown, _) => countdown::draw(frame, rest, timebox, text, theme, now, None),
        (RoomView::WithNotes, _) => {
            let wide = rest.width >= 110;
            let (timer, notes) = if wide {
                let [timer, _, notes] = Layout::horizontal([
                    Constraint::Percentage(50),
                    Constraint::Length(2),
                    Constraint::Fill(1),
                ])
                .areas(rest);
                (timer, notes)
            } else {
                // The countdown keeps its smallest big size (four rows and its words).
                let timer_rows = (rest.height / 2).max(7).min(rest.height);
                let [timer, notes] =
                    Layout::vertical([Constraint::Length(timer_rows), Constraint::Fill(1)])
                        .areas(rest);
                (timer, notes)
            };
            countdown::draw(frame, timer, timebox, text, theme, now, None);
            draw_notes_list(frame, notes, show);
        }
        (RoomView::Wall, _) => {
            let [line, wall] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
            draw_countdown_line(frame, line, show, now);
            draw_wall(frame, wall, show);
        }
        (RoomView::Pinned(_), Some(note)) => {
            let [line, pinned] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
            draw_countdown_line(frame, line, show, now);
            draw_pinned(frame, pinned, show, note);
        }
        // A pinned note that was deleted: the countdown again.
        (RoomView::Pinned(_), None) => {
            countdown::draw(frame, rest, timebox, text, theme, now, None)
        }
    }
}

/// "12:05 · PÅGÅR · tid kvar av 15 min", centred, in the colour of its phase: the countdown when
/// the notes take the room.
fn draw_countdown_line(frame: &mut Frame, area: Rect, show: &Show, now: Millis) {
    let Some(timebox) = show.run.current() else {
        return;
    };
    let text = show.ctx.ui.text();
    let style = show.ctx.ui.theme.phase(timebox.phase(now));
    let line = format!(
        "{} · {}",
        format_countdown(timebox.remaining_ms(now)),
        countdown::status_line(text, timebox, now)
    );
    let line = truncate(&line, usize::from(area.width));
    frame.render_widget(
        Paragraph::new(line)
            .style(style.add_modifier(Modifier::BOLD))
            .centered(),
        area,
    );
}

/// One note as the room reads it: its kind, then its text (a blank line between notes).
pub(super) fn note_lines(show: &Show, note: &Note, columns: usize) -> Vec<Line<'static>> {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let mut lines = Vec::new();
    if let Some(mark) = kind_mark(text, &note.kind, note.done) {
        lines.push(Line::from(Span::styled(
            truncate(&mark, columns),
            theme.accent,
        )));
    }
    for line in wrap_lines(&note.text, columns, usize::MAX) {
        lines.push(line.style(theme.text));
    }
    lines
}

/// The question's notes in one list, group by group, the newest kept in view.
fn draw_notes_list(frame: &mut Frame, area: Rect, show: &Show) {
    let mut lines = notes_list_lines(show, usize::from(area.width));
    let hidden = lines.len().saturating_sub(usize::from(area.height));
    frame.render_widget(Paragraph::new(lines.split_off(hidden)), area);
}

/// The question's notes as lines `columns` wide, group by group under each group's name; or
/// that there are none yet.
pub(super) fn notes_list_lines(show: &Show, columns: usize) -> Vec<Line<'static>> {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let notes = show.notes_here();
    if notes.is_empty() {
        return wrap_lines(text.no_notes_yet(), columns, 2)
            .into_iter()
            .map(|l| l.style(theme.dim))
            .collect();
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut group = None;
    for note in notes {
        if group != Some(&note.group) {
            group = Some(&note.group);
            if !lines.is_empty() {
                lines.push(Line::from(""));
            }
            let name = group_name(text, note.group.as_deref());
            lines.push(Line::from(Span::styled(
                truncate(name, columns),
                theme.title,
            )));
        }
        lines.extend(note_lines(show, note, columns));
    }
    lines
}

/// Every group's notes side by side, each in a frame named by its group, in bold for read-outs;
/// the whole group's too when it has notes. A group with more notes than room shows its newest.
fn draw_wall(frame: &mut Frame, area: Rect, show: &Show) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let notes = show.notes_here();
    let mut groups: Vec<Option<&str>> = Vec::new();
    if notes.iter().any(|n| n.group.is_none()) {
        groups.push(None);
    }
    groups.extend(show.run.session.groups.iter().map(|g| Some(g.as_str())));
    // Groups not in the session (renamed since, or a foreign journal) still show.
    for note in &notes {
        if !groups.contains(&note.group.as_deref()) {
            groups.push(note.group.as_deref());
        }
    }
    if groups.is_empty() {
        groups.push(None);
    }
    // At most three across, rows below as needed.
    let across = groups.len().clamp(1, 3);
    let down = groups.len().div_ceil(across);
    let rows = Layout::vertical(vec![Constraint::Fill(1); down]).split(area);
    for (r, row) in rows.iter().enumerate() {
        let cells = Layout::horizontal(vec![Constraint::Fill(1); across]).split(*row);
        for (c, cell) in cells.iter().enumerate() {
            let Some(group) = groups.get(r * across + c) else {
                continue;
            };
            let block = Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.border)
                .title(Line::from(format!(
                    " {} ",
                    truncate(
                        group_name(text, *group),
                        usize::from(cell.width.saturating_sub(4))
                    )
                )))
                .title_style(theme.title);
            let inner = block.inner(*cell);
            frame.render_widget(block, *cell);
            let columns = usize::from(inner.width.saturating_sub(1));
            let mut lines: Vec<Line> = Vec::new();
            for note in notes.iter().filter(|n| n.group.as_deref() == *group) {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                lines.extend(
                    note_lines(show, note, columns)
                        .into_iter()
                        .map(|l| l.patch_style(Modifier::BOLD)),
                );
            }
            if lines.is_empty() {
                lines.push(Line::from(Span::styled(
                    truncate(text.no_notes_yet(), columns),
                    theme.dim,
                )));
            }
            let hidden = lines.len().saturating_sub(usize::from(inner.height));
            let inner = Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            };
            frame.render_widget(Paragraph::new(lines.split_off(hidden)), inner);
        }
    }
}

/// One note, large: in a frame named by its group, centred, wrapped to the room.
fn draw_pinned(frame: &mut Frame, area: Rect, show: &Show, note: &Note) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let width = area.width.saturating_sub(8).max(10).min(area.width);
    let columns = usize::from(width.saturating_sub(4));
    let lines: Vec<Line> = note_lines(show, note, columns)
        .into_iter()
        .map(|l| l.patch_style(Modifier::BOLD))
        .collect();
    let height = (u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2).min(area.height);
    let at = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let name = truncate(group_name(text, note.group.as_deref()), columns);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .title(Line::from(format!(" {name} ")).style(theme.title))
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .centered()
            .wrap(Wrap { trim: false })
            .block(block),
        at,
    );
}

/// The closing screen: the meeting is over, thanks, and when it ended against the plan.
fn draw_end(frame: &mut Frame, area: Rect, show: &Show, now: Millis) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let columns = usize::from(area.width);
    let projected = place::projection(&show.ctx.ui, &show.run, &show.projection(now), now);
    let lines = vec![
        Line::from(Span::styled(text.meeting_over, theme.title)),
        Line::from(""),
        Line::from(Span::styled(text.show_thanks(), theme.text)),
        Line::from(""),
        fit_spans(projected, columns),
    ];
    let height = u16::try_from(lines.len()).unwrap_or(0);
    let at = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height: height.min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(lines).centered(), at);
}
