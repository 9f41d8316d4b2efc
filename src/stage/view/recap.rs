//! A recap item on the stage: the open action items and parked questions of the earlier meetings
//! of the track, so that a meeting starts from what the ones before it promised. The list comes
//! in with the stage's context (`Context::recap`); as many entries as fit, then how many more.
//!
//! ```text
//! Öppna åtgärder från tidigare träffar · 3
//! • Fråga kommunen om wifi i filialerna
//!   Erik · klart senast 2020-10-01 · träff 1 Kick off
//! Parkerade frågor · 1
//! • Hur når vi dem som inte kommer till biblioteket?
//!   Grupp Siljan · träff 1 Kick off
//! … och 2 till
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::run::NoteKind;
use crate::run::catalog::RecapEntry;
use crate::stage::Stage;
use crate::text::clean_line;
use crate::ui::fit::{truncate, wrap};

/// Lines of an entry's text at most, before it is cut.
const TEXT_LINES: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if width == 0 || height == 0 {
        return;
    }
    let recap = &stage.ctx.recap;
    if recap.is_empty() {
        frame.render_widget(
            Paragraph::new(truncate(text.recap_nothing, width)).style(theme.dim),
            Rect { height: 1, ..area },
        );
        return;
    }
    let actions: Vec<&RecapEntry> = recap
        .iter()
        .filter(|e| matches!(e.kind, NoteKind::Action { .. }))
        .collect();
    let parked: Vec<&RecapEntry> = recap
        .iter()
        .filter(|e| e.kind == NoteKind::Parking)
        .collect();

    let mut sections = Vec::new();
    if !actions.is_empty() {
        sections.push((text.recap_actions, "• ", actions));
    }
    if !parked.is_empty() {
        sections.push((text.parking_lot, "• ", parked));
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut shown = 0;
    // One row is kept for "… och 3 till" whenever something does not fit.
    'sections: for (heading, bullet, entries) in &sections {
        if lines.len() + 2 > height {
            break;
        }
        lines.push(Line::from(Span::styled(
            truncate(&format!("{heading} · {}", entries.len()), width),
            theme.title,
        )));
        for entry in entries {
            let entry_lines = entry_lines(stage, entry, bullet, width);
            let reserve = usize::from(shown + 1 < recap.len());
            if lines.len() + entry_lines.len() + reserve > height {
                break 'sections;
            }
            lines.extend(entry_lines);
            shown += 1;
        }
    }
    if shown < recap.len() {
        lines.truncate(height.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            text.and_more(recap.len() - shown),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "• Fråga kommunen om wifi i filialerna" (up to two lines), then "Erik · klart senast
/// 2020-10-01 · träff 1 Kick off" quietly beneath.
fn entry_lines(
    stage: &Stage,
    entry: &RecapEntry,
    bullet: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let body = width.saturating_sub(2).max(1);
    let mut wrapped = wrap(&[(entry.text.as_str(), theme.text)], body);
    if wrapped.len() > TEXT_LINES {
        wrapped.truncate(TEXT_LINES);
        let last = wrapped[TEXT_LINES - 1].to_string();
        wrapped[TEXT_LINES - 1] = Line::from(Span::styled(
            truncate(&format!("{last} …"), body),
            theme.text,
        ));
    }
    let mut lines: Vec<Line> = wrapped
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let lead = if i == 0 { bullet } else { "  " };
            let mut spans = vec![Span::styled(lead.to_string(), theme.accent)];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect();
    let mut about = Vec::new();
    match &entry.kind {
        NoteKind::Action { owner, due } => {
            if !owner.is_empty() {
                about.push(owner.clone());
            }
            if let Some(due) = due.as_deref().filter(|d| !d.is_empty()) {
                about.push(text.due_on(due));
            }
        }
        _ => {
            if let Some(group) = &entry.group {
                about.push(group.clone());
            }
        }
    }
    about.push(format!(
        "{} {}",
        text.meeting_n(entry.meeting),
        clean_line(&entry.meeting_title)
    ));
    lines.push(Line::from(Span::styled(
        truncate(&format!("  {}", about.join(" · ")), width),
        theme.dim,
    )));
    lines
}
