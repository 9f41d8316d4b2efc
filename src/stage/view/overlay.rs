//! Overlays on the stage: the agenda overview, the group picker and the quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::run::Millis;
use crate::stage::Stage;
use crate::ui::clock::{hh_mm, whole_minutes};
use crate::ui::fit::fit;
use crate::ui::popup::{self, centered};

/// `o`: every item with planned start, planned and actual minutes; the current one marked.
///
/// ```text
/// ╭ Agenda ─────────────────────────────────────────────╮
/// │    09:00  Välkommen               planerat  faktiskt │
/// │ ▶  09:10  Incheckning               15 min    17 min │
/// ╰──────────────────────────────────────────────────────╯
/// ```
pub fn overview(frame: &mut Frame, area: Rect, stage: &Stage, selected: usize, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let rows = u16::try_from(stage.run.session.agenda.len())
        .unwrap_or(u16::MAX)
        .saturating_add(3);
    let popup = centered(
        area,
        area.width.saturating_sub(4).min(100),
        rows.min(area.height.saturating_sub(2)),
    );
    let block = popup::block(theme, text.agenda);
    let inner_width = usize::from(block.inner(popup).width);
    // marker 2, time 6, then the title, then planned and actual in 10 columns each.
    let title_width = inner_width.saturating_sub(2 + 6 + 20);
    let start = crate::run::projection::planned_start(stage.ctx.start_of_day, stage.run.started_at);
    let mut planned_at = start;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{:w$}{:>10}{:>10}",
            "",
            text.planned,
            text.actual,
            w = 8 + title_width
        ),
        theme.dim,
    ))];
    for (i, item) in stage.run.session.agenda.iter().enumerate() {
        let marker = if i == stage.view_place().item {
            "▶ "
        } else {
            "  "
        };
        let spent = stage.run.spent_ms(i, now);
        let actual = if spent > 0 {
            text.minutes(whole_minutes(spent))
        } else {
            "–".into()
        };
        let kind = text.item_kind(&item.kind);
        let name = if item.title.starts_with(kind) {
            item.title.clone()
        } else {
            format!("{kind} · {}", item.title)
        };
        let line = format!(
            "{marker}{:<6}{}{:>10}{:>10}",
            hh_mm(planned_at, &stage.ctx.ui.tz),
            fit(&name, title_width),
            text.minutes(i64::from(item.minutes)),
            actual
        );
        planned_at += i64::from(item.minutes) * 60_000;
        let style = if i == selected {
            theme.selected
        } else if spent > 0 {
            theme.text
        } else {
            theme.dim
        };
        lines.push(Line::from(Span::styled(line, style)));
    }
    // Keep the selection in view in a short window.
    let visible = usize::from(block.inner(popup).height);
    let scroll = (selected + 2).saturating_sub(visible);
    frame.render_widget(Clear, popup);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((scroll as u16, 0));
    frame.render_widget(paragraph, popup);
}

/// `g`: the whole group, then the session's groups.
pub fn groups(frame: &mut Frame, area: Rect, stage: &Stage, selected: usize) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let names = std::iter::once(text.whole_group)
        .chain(stage.run.session.groups.iter().map(String::as_str));
    let lines: Vec<Line> = names
        .enumerate()
        .map(|(i, name)| {
            let style = if i == selected {
                theme.selected
            } else {
                theme.text
            };
            Line::from(Span::styled(format!(" {name} "), style))
        })
        .collect();
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2;
    let popup = centered(area, 44, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(popup::block(&stage.ctx.ui.theme, text.choose_group)),
        popup,
    );
}

/// A yes/no question ("Tidsramen pågår. Avsluta ändå?") with its keys.
pub fn confirm(frame: &mut Frame, area: Rect, stage: &Stage, question: &str) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let keys: Vec<Span> = crate::stage::keys::CONFIRM
        .iter()
        .filter(|b| b.listed)
        .flat_map(|b| {
            [
                Span::styled(format!("{} ", b.keys_label()), theme.accent),
                Span::styled(format!("{}   ", (b.describe)(text)), theme.text),
            ]
        })
        .collect();
    let lines = vec![
        Line::from(question.to_string()),
        Line::from(""),
        Line::from(keys),
    ];
    let popup = centered(area, 50, 7);
    frame.render_widget(Clear, popup);
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(popup::block(&stage.ctx.ui.theme, text.key_quit));
    frame.render_widget(paragraph, popup);
}
