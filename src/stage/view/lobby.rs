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
    let end = start.saturating_add(i64::from(session.planned_minutes()) * 60_000);
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
    let agenda_rows = u16::try_from(session.agenda.len() + phase_count(session))
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

    // No pre-work: the agenda takes the whole width, not beside an empty column.
    let prework_share = if session.prework.is_empty() { 0 } else { 40 };
    let [agenda, prework] = Layout::horizontal([
        Constraint::Percentage(100 - prework_share),
        Constraint::Percentage(prework_share),
    ])
    .areas(columns);
    let title_width = usize::from(agenda.width.saturating_sub(2 + 6 + 8));
    let mut at = start;
    // The shipped track's clock times are a proposal, and the room should know it.
    let mut heading = vec![Span::styled(text.agenda, theme.title)];
    if session.track == crate::session::shipped::TRACK_ID {
        heading.push(Span::styled(
            format!(" · {}", text.times_are_a_suggestion()),
            theme.dim,
        ));
    }
    let mut lines = vec![crate::ui::fit::fit_spans(
        Line::from(heading),
        usize::from(agenda.width),
    )];
    let mut phase = None;
    for item in &session.agenda {
        // A phase's name above its first item.
        if item.phase.is_some() && item.phase != phase {
            phase = item.phase.clone();
            let name = item.phase.as_deref().unwrap_or_default();
            lines.push(Line::from(Span::styled(
                truncate(name, usize::from(agenda.width)),
                theme.accent,
            )));
        }
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

    // Titles wrap under their bullet; a link too long for the column wraps too (a cut address
    // cannot be typed from the screen).
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
        for piece in wrap_address(&crate::text::clean_line(&link.url), width.saturating_sub(2)) {
            lines.push(Line::from(Span::styled(format!("  {piece}"), theme.accent)));
        }
    }
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .padding(ratatui::widgets::Padding::left(1));
    if prework_share > 0 {
        frame.render_widget(Paragraph::new(lines).block(block), prework);
    }
    frame.render_widget(
        Paragraph::new(truncate(text.lobby_hint, usize::from(hint.width)))
            .style(theme.accent)
            .centered(),
        hint,
    );
}

/// How many phases the agenda names (each takes a line above its first item).
fn phase_count(session: &crate::session::Session) -> usize {
    let mut count = 0;
    let mut last = None;
    for item in &session.agenda {
        if item.phase.is_some() && item.phase.as_ref() != last {
            count += 1;
            last = item.phase.as_ref();
        }
    }
    count
}

/// A web address in lines of at most `width` characters, broken after a `/`, `-`, `.` or `?`
/// where it can be (so that no line ends inside a word), else anywhere.
fn wrap_address(url: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for c in url.chars() {
        piece.push(c);
        if "/-.?&=".contains(c) {
            pieces.push(std::mem::take(&mut piece));
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        if line.chars().count() + piece.chars().count() > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&piece);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_address;

    #[test]
    fn an_address_breaks_after_its_slashes_and_loses_nothing() {
        let url = "https://digiteket.se/inspirationsartikel/att-leda-bibliotekens-digitala-transformation/";
        let lines = wrap_address(url, 30);
        assert_eq!(lines.concat(), url);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|l| l.ends_with(['/', '-', '.'])),
            "{lines:?}"
        );
        assert_eq!(wrap_address("abcdef", 4), vec!["abcd", "ef"]);
    }
}
