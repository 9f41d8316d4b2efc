//! Before the meeting starts: what it is about, the agenda with planned times, and the pre-work.
//!
//! ```text
//! Hösten 2020 · 2020-09-17 · 09:00–12:00
//! Vi startar Dalaspåret med två föredrag …
//! Agenda                              │ Förarbete
//! 09:00  Välkomna till Dalaspåret 10 min │ Vad är digitalisering?
//! 09:10  Incheckning          17 min  │   https://digiteket.se/kurs/…
//!          Tryck mellanslag för att starta första punkten
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::stage::Stage;
use crate::ui::clock::hh_mm;
use crate::ui::fit::lines as wrap_lines;
use crate::ui::fit::truncate;

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let session = &stage.run.session;
    let start = stage.ctx.start_of_day;
    let end = start + i64::from(session.planned_minutes()) * 60_000;
    let mut when = vec![];
    if !session.term.is_empty() {
        when.push(session.term.clone());
    }
    if let Some(date) = &session.date {
        when.push(date.clone());
    }
    when.push(format!(
        "{}–{}",
        hh_mm(start, &stage.ctx.ui.tz),
        hh_mm(end, &stage.ctx.ui.tz)
    ));

    // The agenda matters more than the summary when the window is short.
    let agenda_rows = u16::try_from(session.agenda.len())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    let show_summary = !session.summary.is_empty() && area.height >= agenda_rows.saturating_add(5);
    let [when_area, summary, columns, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if show_summary { 3 } else { 0 }),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(truncate(&when.join(" · "), usize::from(area.width))).style(theme.accent),
        when_area,
    );
    let summary_lines = wrap_lines(
        &session.summary,
        usize::from(summary.width),
        usize::from(summary.height),
    );
    let summary_text = Paragraph::new(summary_lines).style(theme.dim);
    frame.render_widget(summary_text, summary);

    let [agenda, prework] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(columns);
    let title_width = usize::from(agenda.width.saturating_sub(2 + 6 + 8));
    let mut at = start;
    let mut lines = vec![Line::from(Span::styled(text.agenda, theme.title))];
    for item in &session.agenda {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<6}", hh_mm(at, &stage.ctx.ui.tz)), theme.dim),
            Span::styled(crate::ui::fit::fit(&item.title, title_width), theme.text),
            Span::styled(
                format!("{:>7}", text.minutes(i64::from(item.minutes))),
                theme.dim,
            ),
        ]));
        at += i64::from(item.minutes) * 60_000;
    }
    frame.render_widget(Paragraph::new(lines), agenda);

    // Titles wrap under their bullet; a link too long for the column ends in "…".
    let width = usize::from(prework.width.saturating_sub(2));
    let mut lines = vec![Line::from(Span::styled(text.prework, theme.title))];
    for link in &session.prework {
        for (i, line) in wrap_lines(&link.title, width.saturating_sub(2), 2)
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "• " } else { "  " };
            lines.push(Line::from(Span::styled(
                format!("{bullet}{line}"),
                theme.text,
            )));
        }
        lines.push(Line::from(Span::styled(
            format!("  {}", truncate(&link.url, width.saturating_sub(2))),
            theme.accent,
        )));
    }
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .padding(ratatui::widgets::Padding::left(1));
    frame.render_widget(Paragraph::new(lines).block(block), prework);
    frame.render_widget(
        Paragraph::new(truncate(text.lobby_hint, usize::from(hint.width)))
            .style(theme.accent)
            .centered(),
        hint,
    );
}
