//! The replay's screen: the stage as it stood at the moment, drawn by the stage's own views,
//! over a timeline of the run with its agenda items marked.
//!
//! ```text
//! ╭ Dalaspåret · Kick off ─────────────────────────────── 09:42 ╮
//! │ (the stage at 09:42:13)                                      │
//! ╰ ← → steg  mellanslag spela  1–4 fart  Home End  q avsluta ───╯
//! 1────2──────3━━━━━━━━━●─────4─────5──────6────────7────8──9───
//! ▶ 60× · 09:42:13 · händelse 123 av 456 · Punkt 3 av 9
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Replay;
use crate::run::{Event, Millis};
use crate::ui::fit::truncate;

pub fn draw(frame: &mut Frame, replay: &Replay) {
    let text = replay.ctx.ui.text();
    let theme = &replay.ctx.ui.theme;
    if crate::ui::frame::too_small(frame, text, theme) {
        return;
    }
    let [stage_area, timeline, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let stage = replay.stage();
    crate::stage::view::draw_in(frame, stage_area, &stage, replay.moment);
    // The stage's own key hints do nothing here: the replay's keys take their place.
    let hints = Rect {
        y: stage_area.bottom().saturating_sub(1),
        height: 1,
        ..stage_area
    };
    let width = usize::from(hints.width);
    let keys = truncate(text.replay_keys(), width.saturating_sub(4));
    let fill = width.saturating_sub(crate::ui::fit::width(&keys) + 4);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("╰ ", theme.border),
            Span::styled(keys, theme.dim),
            Span::styled(format!(" {}╯", "─".repeat(fill)), theme.border),
        ])),
        hints,
    );
    frame.render_widget(
        Paragraph::new(timeline_line(replay, usize::from(timeline.width))).style(theme.dim),
        timeline,
    );
    frame.render_widget(
        Paragraph::new(truncate(&status_line(replay), usize::from(status.width))),
        status,
    );
}

/// When the facilitator arrived at each item: its number at that column of the timeline.
fn item_starts(replay: &Replay) -> Vec<(Millis, usize)> {
    let mut starts: Vec<(Millis, usize)> = Vec::new();
    for entry in &replay.entries {
        let item = match &entry.record.ev {
            Event::Moved { to } => to.item,
            Event::TimerStarted { at } if starts.is_empty() => at.item,
            _ => continue,
        };
        if starts.last().is_none_or(|&(_, last)| last != item) {
            starts.push((entry.record.at, item));
        }
    }
    starts
}

/// The run from its first event to its last across `width` columns: `━` what has happened,
/// `─` what is to come, the item numbers where each began and `●` the moment.
pub fn timeline_line(replay: &Replay, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let (first, last) = (replay.first(), replay.last());
    let span = (last - first).max(1);
    let column = |at: Millis| -> usize {
        let c = i128::from(at - first) * (width as i128 - 1) / i128::from(span);
        usize::try_from(c).unwrap_or(0).min(width - 1)
    };
    let now = column(replay.moment);
    let mut cells: Vec<char> = (0..width)
        .map(|c| if c < now { '━' } else { '─' })
        .collect();
    for (at, item) in item_starts(replay) {
        let label: Vec<char> = (item + 1).to_string().chars().collect();
        let start = column(at);
        if start + label.len() <= width {
            cells[start..start + label.len()].copy_from_slice(&label);
        }
    }
    cells[now] = '●';
    cells.into_iter().collect()
}

/// "▶ 60× · 09:42:13 · händelse 123 av 456 · Punkt 3 av 9".
fn status_line(replay: &Replay) -> String {
    let text = replay.ctx.ui.text();
    let tz = &replay.ctx.ui.tz;
    let local = crate::ui::clock::local(replay.moment, tz);
    let mark = if replay.playing.is_some() {
        "▶"
    } else {
        "‖"
    };
    let stage = replay.stage();
    let place = stage.run.place;
    let line = format!(
        "{mark} {}× · {:02}:{:02}:{:02} · {} · {}",
        replay.speed,
        local.hour(),
        local.minute(),
        local.second(),
        text.replay_event(replay.position(), replay.entries.len()),
        text.replay_item(place.item + 1, replay.session.agenda.len()),
    );
    std::iter::once(line)
        .chain(replay.set_aside.iter().cloned())
        .collect::<Vec<_>>()
        .join(" · ")
}
