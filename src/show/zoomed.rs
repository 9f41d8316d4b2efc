//! The room's screen on a zoomed terminal (a large font leaves 40×12 or so): plain lines that
//! wrap at word boundaries instead of the frame, the big countdown and the wall. Where we are,
//! the question, the countdown with its phase in words, what the facilitator chose to show (the
//! question's notes, or the pinned note), the projected end, and how to quit.
//!
//! ```text
//! Punkt 4 av 12 · Samtal · Fråga 1 av 2
//! Samtal efter föredraget
//! Vad väckte föredraget hos dig?
//! 3:00 · PÅGÅR · tid kvar av 6 min
//! Grupp Siljan
//! Vi pratade om lånekort för alla
//! beräknat slut 12:00, i tid
//! q avsluta
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Show;
use super::view::{note_lines, notes_list_lines};
use crate::run::timer::format_countdown;
use crate::run::{Millis, RoomView};
use crate::session::Step;
use crate::ui::clock::hh_mm;
use crate::ui::countdown;
use crate::ui::fit::{lines as wrap_lines, wrap};
use crate::ui::labels::group_name;
use crate::ui::place;

/// Below the full show's size and at least this large, the show is drawn zoomed; smaller still,
/// it says the window is too small.
pub const MIN_WIDTH: u16 = 28;
pub const MIN_HEIGHT: u16 = 8;

/// Whether `area` takes the zoomed show rather than the full one.
pub fn applies(area: Rect) -> bool {
    area.width < crate::ui::frame::MIN_WIDTH || area.height < crate::ui::frame::MIN_HEIGHT
}

pub fn draw(frame: &mut Frame, area: Rect, show: &Show, now: Millis) {
    let text = show.ctx.ui.text();
    let theme = &show.ctx.ui.theme;
    let columns = usize::from(area.width);
    let rows = usize::from(area.height);
    let quit = Line::from(vec![
        Span::styled("q ", theme.dim),
        Span::styled(text.key_quit, theme.dim),
    ]);
    // A note the room saw, deleted: said above the projection while it is said.
    let mut bottom: Vec<Line> = show
        .deletion_notice(now)
        .map(|said| wrap_lines(&said, columns, 3))
        .unwrap_or_default()
        .into_iter()
        .map(|line| line.style(theme.accent))
        .collect();
    bottom.extend(projection(show, now, columns));
    bottom.push(quit);
    let mut top: Vec<Line> = Vec::new();
    if show.run.ended_at.is_some() {
        top.extend(wrap_lines(text.meeting_over, columns, 2));
        top.extend(wrap_lines(text.show_thanks(), columns, 3));
        draw_parts(frame, area, top, Vec::new(), bottom);
        return;
    }
    let session = &show.run.session;
    let at = show.run.place;
    let Some(item) = session.agenda.get(at.item) else {
        return;
    };
    let step = session
        .steps(at.item)
        .get(at.step)
        .copied()
        .unwrap_or(Step::Whole(item.minutes));
    let position = place::position(text, &show.run, at, columns);
    top.extend(
        wrap_lines(&position, columns, 2)
            .into_iter()
            .map(|l| l.style(theme.dim)),
    );
    top.extend(
        wrap_lines(&item.title, columns, 2)
            .into_iter()
            .map(|l| l.style(theme.title)),
    );
    let question = match show.run.started_at {
        None => Some(text.show_about_to_start()),
        Some(_) => place::question(step),
    };
    if let Some(question) = question {
        // The question may take up to a third of the rows; the time and the notes need the rest.
        let bold = theme.text.add_modifier(Modifier::BOLD);
        top.extend(
            wrap_lines(question, columns, (rows / 3).max(1))
                .into_iter()
                .map(|l| l.style(bold)),
        );
    }
    if let Some(timebox) = show.run.current().filter(|_| show.run.started_at.is_some()) {
        let line = format!(
            "{} · {}",
            format_countdown(timebox.remaining_ms(now)),
            countdown::status_line(text, timebox, now)
        );
        let style = theme.phase(timebox.phase(now)).add_modifier(Modifier::BOLD);
        top.extend(
            wrap_lines(&line, columns, 2)
                .into_iter()
                .map(|l| l.style(style)),
        );
    }
    let notes = match (&show.run.room, show.pinned()) {
        _ if show.run.current().is_none() || show.run.started_at.is_none() => Vec::new(),
        (RoomView::WithNotes | RoomView::Wall, _) => notes_list_lines(show, columns),
        (RoomView::Pinned(_), Some(note)) => {
            let name = group_name(text, note.group.as_deref());
            let mut lines = wrap_lines(name, columns, 1)
                .into_iter()
                .map(|l| l.style(theme.title))
                .collect::<Vec<_>>();
            lines.extend(note_lines(show, note, columns));
            lines
        }
        (RoomView::Countdown | RoomView::Pinned(_), _) => Vec::new(),
    };
    draw_parts(frame, area, top, notes, bottom);
}

/// `top` from the first row, `bottom` on the last rows, and between them as much of `middle` as
/// fits: its newest (last) lines, as the wall keeps the newest notes in view.
fn draw_parts(
    frame: &mut Frame,
    area: Rect,
    mut top: Vec<Line<'static>>,
    mut middle: Vec<Line<'static>>,
    bottom: Vec<Line<'static>>,
) {
    let height = |lines: &Vec<Line>| u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let bottom_rows = height(&bottom).min(area.height);
    top.truncate(usize::from(area.height - bottom_rows));
    let [top_area, middle_area, bottom_area] = Layout::vertical([
        Constraint::Length(height(&top)),
        Constraint::Fill(1),
        Constraint::Length(bottom_rows),
    ])
    .areas(area);
    let hidden = middle.len().saturating_sub(usize::from(middle_area.height));
    let mut middle = middle.split_off(hidden);
    // A gap between groups is no use as the first line.
    while middle.first().is_some_and(|l| l.width() == 0) {
        middle.remove(0);
    }
    frame.render_widget(Paragraph::new(top), top_area);
    frame.render_widget(Paragraph::new(middle), middle_area);
    frame.render_widget(Paragraph::new(bottom), bottom_area);
}

/// Once the meeting runs, the projected end and how far off the plan it is, without the planned
/// end beside it: "behind" or "ahead" must fit. Before and after, the full line, wrapped.
fn projection(show: &Show, now: Millis, columns: usize) -> Vec<Line<'static>> {
    let text = show.ctx.ui.text();
    let line = match show.run.started_at {
        Some(_) if show.run.ended_at.is_none() => {
            let p = show.projection(now);
            Line::from(format!(
                "{} {}, {}",
                text.projected_end,
                hh_mm(p.projected_end, &show.ctx.ui.tz),
                text.schedule(p.delta_minutes())
            ))
            .style(show.ctx.ui.theme.text)
        }
        _ => place::projection(&show.ctx.ui, &show.run, &show.projection(now), now),
    };
    let spans: Vec<(&str, Style)> = line
        .spans
        .iter()
        .map(|s| (s.content.as_ref(), line.style.patch(s.style)))
        .collect();
    wrap(&spans, columns)
}
