//! The stage on a zoomed terminal (a large font leaves 40×12 or so): what a facilitator or a
//! note-taker needs, in plain lines that wrap at word boundaries, instead of the big countdown
//! and the panels. Where we are, the question, the countdown with its phase in words, the
//! projected end, what is wrong, the note being written, and the keys.
//!
//! ```text
//! Punkt 4 av 12 · Fråga 1 av 2
//! Samtal efter föredraget
//! Vad väckte föredraget hos dig?
//!
//! 4:12 · PÅGÅR · tid kvar av 6 min
//! beräknat slut 12:04, 4 min efter
//! Anteckningar till: Grupp Siljan
//! ? hjälp  q avsluta
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::stage_main::{draw_heading_lines, hint_line, projection_line, status_line};
use crate::run::Millis;
use crate::run::timer::format_countdown;
use crate::session::Step;
use crate::stage::Stage;
use crate::ui::clock::hh_mm;
use crate::ui::countdown;
use crate::ui::fit::{fit_spans, truncate};

/// Below the full stage's size and at least this large, the stage is drawn zoomed; smaller
/// still, it says the window is too small.
pub const MIN_WIDTH: u16 = 28;
pub const MIN_HEIGHT: u16 = 8;

/// Whether `area` takes the zoomed stage rather than the full one.
pub fn applies(area: Rect) -> bool {
    area.width < crate::ui::frame::MIN_WIDTH || area.height < crate::ui::frame::MIN_HEIGHT
}

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let theme = &stage.ctx.ui.theme;
    let text = stage.ctx.ui.text();
    let columns = usize::from(area.width);
    let editor_rows = match (&stage.editor, stage.editor_open) {
        (Some(editor), true) => crate::stage::notes::editor::preferred_height(editor, area.width)
            .min(area.height / 3)
            .max(3),
        _ => 0,
    };
    let [
        position,
        title,
        question,
        countdown_row,
        projection,
        status,
        editor,
        hints,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(editor_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_heading_lines(frame, position, title, stage);
    let place = stage.view_place();
    let steps = stage.run.session.steps(place.item);
    let asked = match steps.get(place.step) {
        Some(Step::Question(q)) => Some(q.text.as_str()),
        Some(Step::Turn { name, prompt, .. }) => Some(prompt.unwrap_or(name)),
        _ => None,
    };
    if let Some(asked) = asked {
        frame.render_widget(
            Paragraph::new(crate::text::clean(asked))
                .style(theme.title)
                .wrap(Wrap { trim: true }),
            question,
        );
    }
    if let Some(timebox) = stage.run.timebox(place) {
        let clock = format_countdown(timebox.remaining_ms(now));
        let words = countdown::status_line(text, timebox, now);
        // The phase's word stays whole: what does not fit is left out after it, with "…".
        let line = truncate(&format!("{clock} · {words}"), columns);
        frame.render_widget(
            Paragraph::new(line).style(theme.phase(timebox.phase(now))),
            countdown_row,
        );
    }
    // Once the meeting runs, the projected end and how far off the plan it is, without the
    // planned end beside it: "behind" or "ahead" must fit.
    let projected = match stage.run.started_at {
        Some(_) if stage.run.ended_at.is_none() => {
            let p = stage.projection(now);
            Line::from(format!(
                "{} {}, {}",
                text.projected_end,
                hh_mm(p.projected_end, &stage.ctx.ui.tz),
                text.schedule(p.delta_minutes())
            ))
        }
        _ => projection_line(stage, now),
    };
    frame.render_widget(Paragraph::new(fit_spans(projected, columns)), projection);
    // What is wrong comes first, alone: it must not be the part cut off.
    let (notice, style) = match &stage.notice.save_error {
        Some(error) => (format!("{}: {error}", text.not_saved_retrying), theme.error),
        None if stage.notice.unsaved_notes > 0 => {
            (text.notes_saving(stage.notice.unsaved_notes), theme.error)
        }
        None => (status_line(stage, now), theme.dim),
    };
    frame.render_widget(
        Paragraph::new(truncate(&crate::text::clean_line(&notice), columns)).style(style),
        status,
    );
    if let (Some(note), true) = (&stage.editor, editor_rows > 0) {
        crate::stage::notes::editor::draw(frame, editor, note, &super::notes::ctx(stage));
    }
    frame.render_widget(Paragraph::new(hint_line(stage, area.width, now)), hints);
}
