//! Overlays on the stage: the agenda overview, the group picker and the quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::run::fit::Proposal;
use crate::run::projection::{MINUTE, minute, minutes_between, planned_start};
use crate::run::{Millis, Place};
use crate::session::Step;
use crate::stage::Stage;
use crate::ui::clock::{hh_mm, whole_minutes};
use crate::ui::fit::fit;
use crate::ui::fit::truncate;
use crate::ui::popup::centered;

/// `o`, and `F` with its proposal: every item with its planned start and its planned and actual
/// minutes, each discussion question under its item; the current item marked. Where a fit was
/// made or is proposed, the new plan stands beside the old.
///
/// ```text
/// ╭ Agenda ────────────────────────────────────────────────────────╮
/// │                                     planerat  ny plan  faktiskt │
/// │ ▶ 09:00  Välkomna till Dalaspåret     10 min   10 min    18 min │
/// │   09:10  Samtal · Samtal efter …      13 min   10 min         – │
/// │            Vad väckte föredraget …     6 min    5 min         – │
/// │ planerat slut 12:00 · med den nya planen: beräknat slut 12:00   │
/// ╰─────────────────────────────────────── Enter använd den nya … ──╯
/// ```
pub fn overview(
    frame: &mut Frame,
    area: Rect,
    stage: &Stage,
    selected: usize,
    proposed: Option<&Option<Proposal>>,
    now: Millis,
) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let tz = &stage.ctx.ui.tz;
    let run = &stage.run;
    let session = &run.session;
    let proposal = proposed.and_then(Option::as_ref);
    let change = |place: Place| proposal.map_or(0, |p| p.change_at(place) * 1000);
    let new_column = proposed.is_some() || !run.fits.is_empty();
    let popup_width = area.width.saturating_sub(4).min(110);
    let inner_width = usize::from(popup_width.saturating_sub(4));
    // Marker 2, time 7, then the title, then 9 columns for each number.
    let columns = if new_column { 3 } else { 2 };
    let title_width = inner_width.saturating_sub(2 + 7 + 9 * columns);
    let number =
        |ms: Option<i64>| ms.map_or_else(|| "–".to_string(), |ms| text.minutes(whole_minutes(ms)));
    let row = |marker: &str, time: &str, name: &str, numbers: [Option<i64>; 3]| {
        let mut line = format!("{marker}{time:<7}{}", fit(name, title_width));
        for (i, n) in numbers.iter().enumerate() {
            if i == 1 && !new_column {
                continue;
            }
            line.push_str(&format!("{:>9}", number(*n)));
        }
        line
    };
    let header = {
        let mut h = format!("{:w$}{:>9}", "", text.planned, w = 9 + title_width);
        if new_column {
            h.push_str(&format!("{:>9}", fit(text.col_new, 8)));
        }
        h.push_str(&format!("{:>9}", fit(text.actual, 8)));
        h
    };
    let mut lines = vec![Line::from(Span::styled(header, theme.dim))];
    let mut selected_line = 0;
    let start = planned_start(stage.ctx.start_of_day, run);
    let mut planned_at = start;
    for (i, item) in session.agenda.iter().enumerate() {
        // A phase's name above its first item.
        if item.phase.is_some() && (i == 0 || session.agenda[i - 1].phase != item.phase) {
            let name = format!("  {}", item.phase.as_deref().unwrap_or_default());
            lines.push(Line::from(Span::styled(
                fit(&name, inner_width),
                theme.accent,
            )));
        }
        let marker = if i == stage.view_place().item {
            "▶ "
        } else {
            "  "
        };
        let spent = run.spent_ms(i, now);
        let steps = session.steps(i);
        // Its steps' changes and the change to its time between steps (the place after them).
        let item_change: i64 = (0..=steps.len())
            .map(|step| change(Place { item: i, step }))
            .sum();
        let kind = text.item_kind(&item.kind);
        let name = if item.title.starts_with(kind) {
            item.title.clone()
        } else {
            format!("{kind} · {}", item.title)
        };
        let base = i64::from(item.minutes) * MINUTE;
        let line = row(
            marker,
            &hh_mm(planned_at, tz),
            &name,
            [
                Some(base),
                Some(run.planned_ms(i) + item_change),
                (spent > 0).then_some(spent),
            ],
        );
        planned_at += base;
        let style = if i == selected {
            selected_line = lines.len();
            theme.selected
        } else if spent > 0 {
            theme.text
        } else {
            theme.dim
        };
        lines.push(Line::from(Span::styled(line, style)));
        for (step, s) in steps.iter().enumerate() {
            let Step::Question(question) = s else {
                continue;
            };
            let place = Place { item: i, step };
            let spent = run.spent_at(place, now);
            let total = run.timebox(place).map_or(0, |t| t.total_ms());
            let line = row(
                "  ",
                "",
                &format!("  {}", question.text),
                [
                    Some(i64::from(question.minutes) * MINUTE),
                    Some(total + change(place)),
                    (spent > 0).then_some(spent),
                ],
            );
            lines.push(Line::from(Span::styled(line, theme.dim)));
        }
    }
    let title = match proposed {
        Some(_) => text.fit_title(&hh_mm(start + planned_total(run), tz)),
        None => text.agenda.to_string(),
    };
    // What the fit comes to stays in view along the popup's bottom edge.
    let outcome = proposed.map(|p| match p {
        Some(p) => {
            let delta = minute(p.projected_end) - minute(start + planned_total(run));
            text.fit_result(&hh_mm(p.projected_end, tz), delta)
        }
        None if stage.projection(now).delta_minutes() <= 0 => text.fit_nothing.to_string(),
        None => text.fit_cannot.to_string(),
    });
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let popup = centered(area, popup_width, rows.min(area.height.saturating_sub(2)));
    // Keep the selection in view in a short window.
    let visible = usize::from(popup.height.saturating_sub(2));
    let scroll = (selected_line + 2).saturating_sub(visible);
    let mut block = crate::ui::popup::block(&stage.ctx.ui.theme, &title);
    if let Some(outcome) = outcome {
        let room = usize::from(popup.width.saturating_sub(6));
        block = block.title_bottom(
            Line::from(format!(" {} ", truncate(&outcome, room))).style(theme.accent),
        );
    }
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((u16::try_from(scroll).unwrap_or(0), 0));
    crate::ui::popup::show(frame, popup, paragraph);
}

/// The planned length of the whole meeting.
fn planned_total(run: &crate::run::state::RunState) -> Millis {
    i64::from(run.session.planned_minutes()) * MINUTE
}

/// The late-start question, with what each answer means.
///
/// ```text
/// ╭ Träffen börjar sent ──────────────────────────────────╮
/// │ Träffen börjar 20 min efter planerad start 09:00.      │
/// │                                                        │
/// │ 1  behåll tiderna: träffen ligger 20 min efter         │
/// │ 2  flytta planen: start 09:20, slut 12:20              │
/// │ Esc avbryt                                             │
/// ╰────────────────────────────────────────────────────────╯
/// ```
pub fn late_start(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let tz = &stage.ctx.ui.tz;
    let planned = stage.ctx.start_of_day;
    let late = minutes_between(planned, now);
    let moved_start = minute(now) * MINUTE;
    let moved_end = moved_start + planned_total(&stage.run);
    let popup = centered(area, 66, 8);
    let width = usize::from(popup.width.saturating_sub(4));
    let key = |k: &str| Span::styled(format!("{k}  "), theme.accent);
    let lines = vec![
        Line::from(fit(
            &text.late_start_question(late, &hh_mm(planned, tz)),
            width,
        )),
        Line::from(""),
        Line::from(vec![
            key("1"),
            Span::raw(fit(&text.keep_plan_means(late), width.saturating_sub(3))),
        ]),
        Line::from(vec![
            key("2"),
            Span::raw(fit(
                &text.move_plan_means(&hh_mm(moved_start, tz), &hh_mm(moved_end, tz)),
                width.saturating_sub(3),
            )),
        ]),
        Line::from(vec![
            Span::styled("Esc ", theme.accent),
            Span::styled(text.key_cancel, theme.dim),
        ]),
    ];
    let block = crate::ui::popup::block(&stage.ctx.ui.theme, text.late_start_title);
    crate::ui::popup::show(frame, popup, Paragraph::new(lines).block(block));
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
    let block = crate::ui::popup::block(&stage.ctx.ui.theme, text.choose_group);
    crate::ui::popup::show(frame, popup, Paragraph::new(lines).block(block));
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
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(crate::ui::popup::block(&stage.ctx.ui.theme, text.key_quit));
    crate::ui::popup::show(frame, popup, paragraph);
}
