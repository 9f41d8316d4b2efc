//! The start screen.
//!
//! ```text
//! ╭ Dalaspåret ──────────────────────────────────────────── 07:45 ╮
//! │ Vårt eget ledarskapsspår tillsammans med …                     │
//! │ Mål                                                             │
//! │ • Känna oss bekväma med begrepp som …                          │
//! │ Förarbete                                                       │
//! │ • Skapa ett konto på Digiteket … https://digiteket.se/          │
//! │ Träffar                                                         │
//! │ ▶ 1  Kick off                      Hösten 2020  09:00  genomförd │
//! │   2  Det digitala samhället …      Hösten 2020  09:00  pågår     │
//! ╰ Enter starta eller fortsätta · ↑↓ välj · q avsluta ─────────────╯
//! ```
//!
//! With several tracks, a line of their titles comes first and Tab (or ← →) moves between
//! them:
//!
//! ```text
//! │  Dalaspåret  │  Liberating Structures: three examples            │
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{MeetingState, StartScreen};
use crate::run::Millis;
use crate::ui::clock::hh_mm;
use crate::ui::fit::{self, fit};

pub fn draw(frame: &mut Frame, screen: &StartScreen, now: Millis) {
    let area = frame.area();
    let text = screen.ctx.text();
    let theme = &screen.ctx.theme;
    // On a zoomed terminal the door's question takes the whole window, so it can be answered
    // where the start screen itself does not fit.
    if let Some(asking) = &screen.asking
        && crate::ui::frame::below_full(area)
    {
        crate::ui::on_stage::draw(frame, &screen.ctx, &asking.line, &asking.run);
        return;
    }
    if crate::ui::frame::too_small(frame, text, theme) {
        return;
    }
    let page = screen.current();
    let title = page
        .track
        .as_ref()
        .map_or(text.meetings, |t| t.title.as_str());
    let hint =
        crate::ui::keymap::hint_line(screen.bindings(), text, theme, area.width.saturating_sub(4));
    let inner = crate::ui::frame::screen(
        frame,
        area,
        theme,
        Line::from(format!(" {title} ")),
        Some(Line::from(format!(" {} ", hh_mm(now, &screen.ctx.tz)))),
        hint,
    );

    let meetings_rows = u16::try_from(page.meetings.len()).unwrap_or(u16::MAX) + 1;
    let tabs_rows = u16::from(screen.pages.len() > 1);
    let [tabs, about, list, summary] = Layout::vertical([
        Constraint::Length(tabs_rows),
        Constraint::Fill(1),
        Constraint::Length(meetings_rows + 1),
        Constraint::Length(4),
    ])
    .areas(inner);

    // Every track, the one shown highlighted.
    if tabs_rows > 0 {
        let mut spans = Vec::new();
        for (i, other) in screen.pages.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" │ ", theme.dim));
            }
            let name = other
                .track
                .as_ref()
                .map_or(text.meetings, |t| t.title.as_str());
            let style = if i == screen.page {
                theme.selected
            } else {
                theme.dim
            };
            spans.push(Span::styled(format!(" {name} "), style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    }

    let mut lines = Vec::new();
    let about_width = usize::from(about.width);
    if let Some(track) = &page.track {
        // On a short window the goals matter more than the description.
        if !track.description.is_empty() && about.height >= 16 {
            lines.extend(fit::wrap(&[(&track.description, theme.dim)], about_width));
            lines.push(Line::from(""));
        }
        if !track.goals.is_empty() {
            lines.push(Line::from(Span::styled(text.goals, theme.title)));
            for goal in &track.goals {
                lines.extend(fit::bulleted(&[(goal, theme.text)], about_width));
            }
        }
        if !track.prework.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(text.prework, theme.title)));
            for link in &track.prework {
                let title = format!("{} ", link.title);
                let segments = [(title.as_str(), theme.text), (link.url.as_str(), theme.dim)];
                lines.extend(fit::bulleted(&segments, about_width));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), about);

    let width = usize::from(list.width);
    let state_width = [text.not_run, text.in_progress, text.done]
        .iter()
        .map(|s| s.width())
        .max()
        .unwrap_or(0);
    let dated = page.meetings.iter().any(|m| m.session.date.is_some());
    let when_width = if dated { 31 } else { 20 };
    let title_width = width.saturating_sub(5 + when_width + state_width + 2);
    let mut lines = vec![Line::from(Span::styled(text.meetings, theme.title))];
    for (i, meeting) in page.meetings.iter().enumerate() {
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
        let marker = if i == page.selected { "▶" } else { " " };
        let line = format!(
            "{marker} {:<2} {}  {}  {state}",
            i + 1,
            fit(&s.title, title_width),
            fit(&when, when_width - 2)
        );
        let style = if i == page.selected {
            theme.selected
        } else {
            style
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    frame.render_widget(Paragraph::new(lines), list);

    if let Some(meeting) = page.meetings.get(page.selected) {
        let lines = fit::lines(
            &meeting.session.summary,
            usize::from(summary.width),
            usize::from(summary.height),
        );
        let paragraph = Paragraph::new(lines).style(theme.dim);
        frame.render_widget(paragraph, summary);
    }
    if let Some(asking) = &screen.asking {
        crate::ui::on_stage::draw(frame, &screen.ctx, &asking.line, &asking.run);
    }
}
