//! The start screen.
//!
//! ```text
//! ╭ Dalaspåret ──────────────────────────────────────────── 07:45 ╮
//! │ Vårt egna ledarskapsspår tillsammans med …                     │
//! │ Mål                                                             │
//! │ • Känna oss bekväma med begrepp som …                          │
//! │ Träffar                                                         │
//! │ ▶ 1  Kick off            Hösten 2020  2020-09-17 09:00  genomförd │
//! │   2  Det digitala samhället …                         pågår      │
//! ╰ Enter starta eller fortsätta · ↑↓ välj · q avsluta ─────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{MeetingState, StartScreen};
use crate::run::Millis;
use crate::ui::clock::hh_mm;
use crate::ui::fit::fit;

pub fn draw(frame: &mut Frame, screen: &StartScreen, now: Millis) {
    let area = frame.area();
    let text = screen.ctx.text();
    let theme = &screen.ctx.theme;
    if crate::ui::frame::too_small(frame, text, theme) {
        return;
    }
    let title = screen
        .track
        .as_ref()
        .map_or(text.meetings, |t| t.title.as_str());
    let inner = crate::ui::frame::screen(
        frame,
        area,
        theme,
        Line::from(format!(" {title} ")),
        Some(Line::from(format!(" {} ", hh_mm(now, &screen.ctx.tz)))),
        Line::from(format!(" {} ", text.start_hint)).style(theme.dim),
    );

    let meetings_rows = u16::try_from(screen.meetings.len()).unwrap_or(u16::MAX) + 1;
    let [about, list, summary] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(meetings_rows + 1),
        Constraint::Length(4),
    ])
    .areas(inner);

    let mut lines = Vec::new();
    if let Some(track) = &screen.track {
        // On a short window the goals matter more than the description.
        if !track.description.is_empty() && about.height >= 16 {
            lines.push(Line::from(Span::styled(
                track.description.clone(),
                theme.dim,
            )));
            lines.push(Line::from(""));
        }
        if !track.goals.is_empty() {
            lines.push(Line::from(Span::styled(text.goals, theme.title)));
            for goal in &track.goals {
                lines.push(Line::from(Span::styled(format!("• {goal}"), theme.text)));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), about);

    let width = usize::from(list.width);
    let state_width = [text.not_run, text.in_progress, text.done]
        .iter()
        .map(|s| s.width())
        .max()
        .unwrap_or(0);
    let dated = screen.meetings.iter().any(|m| m.session.date.is_some());
    let when_width = if dated { 31 } else { 20 };
    let title_width = width.saturating_sub(5 + when_width + state_width + 2);
    let mut lines = vec![Line::from(Span::styled(text.meetings, theme.title))];
    for (i, meeting) in screen.meetings.iter().enumerate() {
        let s = &meeting.session;
        let (state, style) = match meeting.state {
            MeetingState::NotRun => (text.not_run, theme.dim),
            MeetingState::InProgress(_) => (text.in_progress, theme.running),
            MeetingState::Done => (text.done, theme.text),
        };
        // The date column only when some meeting has a date.
        let date = if dated {
            format!("{:<10} ", s.date.as_deref().unwrap_or(""))
        } else {
            String::new()
        };
        let when = format!("{} {date}{}", fit(&s.term, 12), s.start);
        let marker = if i == screen.selected { "▶" } else { " " };
        let line = format!(
            "{marker} {:<2} {}  {}  {state}",
            i + 1,
            fit(&s.title, title_width),
            fit(&when, when_width - 2)
        );
        let style = if i == screen.selected {
            theme.selected
        } else {
            style
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    frame.render_widget(Paragraph::new(lines), list);

    if let Some(meeting) = screen.meetings.get(screen.selected) {
        let paragraph = Paragraph::new(meeting.session.summary.as_str())
            .style(theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(paragraph, summary);
    }
}
