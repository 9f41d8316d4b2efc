//! Overlays on the stage: the agenda overview, the group picker and the quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::run::fit::Proposal;
use crate::run::projection::{MINUTE, minute, minutes_between, planned_start};
use crate::run::{Millis, Place};
use crate::session::Step;
use crate::stage::Stage;
use crate::ui::clock::{hh_mm, whole_minutes};
use crate::ui::fit::fit;
use crate::ui::fit::{fit_spans, truncate, width, wrap};
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
    // Marker 2, time 7, then the title, then a column for each number: wide enough for "1 tim
    // 5 min" where a time reaches an hour.
    let columns = if new_column { 3 } else { 2 };
    let longest_ms = (0..session.agenda.len())
        .map(|i| run.spent_ms(i, now).max(run.planned_ms(i)))
        .max()
        .unwrap_or(0);
    let number_width = if longest_ms >= 59 * MINUTE { 13 } else { 9 };
    let names: Vec<String> = session
        .agenda
        .iter()
        .map(|item| {
            let kind = text.item_kind(&item.kind);
            if item.title.starts_with(kind) {
                item.title.clone()
            } else {
                format!("{kind} · {}", item.title)
            }
        })
        .collect();
    let longest_name = session
        .agenda
        .iter()
        .enumerate()
        .flat_map(|(i, _)| {
            let questions = session.steps(i).into_iter().filter_map(|s| match s {
                Step::Question(q) => Some(width(&q.text) + 2),
                _ => None,
            });
            std::iter::once(width(&names[i])).chain(questions)
        })
        .max()
        .unwrap_or(0);
    // As wide as the longest title needs, up to the window.
    let fixed = 2 + 7 + number_width * columns;
    let popup_width = u16::try_from(longest_name + fixed + 4)
        .unwrap_or(u16::MAX)
        .min(area.width.saturating_sub(2));
    let inner_width = usize::from(popup_width.saturating_sub(4));
    let title_width = inner_width.saturating_sub(fixed);
    let number =
        |minutes: Option<i64>| minutes.map_or_else(|| "–".to_string(), |m| text.minutes(m));
    let row = |marker: &str, time: &str, name: &str, numbers: [Option<i64>; 3]| {
        let mut line = format!("{marker}{time:<7}{}", fit(name, title_width));
        for (i, n) in numbers.iter().enumerate() {
            if i == 1 && !new_column {
                continue;
            }
            line.push_str(&format!("{:>number_width$}", number(*n)));
        }
        line
    };
    let header = {
        let nw = number_width;
        let mut h = format!("{:w$}{:>nw$}", "", text.planned, w = 9 + title_width);
        if new_column {
            h.push_str(&format!("{:>nw$}", fit(text.col_new, nw - 1)));
        }
        h.push_str(&format!("{:>nw$}", fit(text.actual, nw - 1)));
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
        let base = i64::from(item.minutes) * MINUTE;
        // The questions' actual minutes add up to the item's: rounded together, not each alone.
        let parts: Vec<i64> = (0..steps.len())
            .map(|step| run.spent_at(Place { item: i, step }, now))
            .collect();
        let part_minutes = shares_in_minutes(&parts, whole_minutes(spent));
        let line = row(
            marker,
            &hh_mm(planned_at, tz),
            &names[i],
            [
                Some(whole_minutes(base)),
                Some(whole_minutes(run.planned_ms(i) + item_change)),
                (spent > 0).then_some(whole_minutes(spent)),
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
            let total = run.timebox(place).map_or(0, |t| t.total_ms());
            let line = row(
                "  ",
                "",
                &format!("  {}", question.text),
                [
                    Some(i64::from(question.minutes)),
                    Some(whole_minutes(total + change(place))),
                    (parts[step] > 0).then_some(part_minutes[step]),
                ],
            );
            lines.push(Line::from(Span::styled(line, theme.dim)));
        }
    }
    let title = match proposed {
        Some(_) => text.fit_title(&hh_mm(start.saturating_add(planned_total(run)), tz)),
        None => text.agenda.to_string(),
    };
    // What the fit comes to stays in view along the popup's bottom edge.
    let outcome = proposed.map(|p| match p {
        Some(p) => {
            let delta = minute(p.projected_end) - minute(start.saturating_add(planned_total(run)));
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

/// Whole minutes for each of `parts` (milliseconds) that add up to `whole`: each part's
/// minutes rounded down, and the minutes left over given to the parts with the largest
/// remainders (largest-remainder rounding), so that "3 + 1" stands under an item of 4, not
/// "3 + 0". Hand-written: a dozen lines, where a crate would add a dependency for one sum.
fn shares_in_minutes(parts: &[i64], whole: i64) -> Vec<i64> {
    let mut shares: Vec<i64> = parts.iter().map(|p| p.max(&0) / MINUTE).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(parts[i].max(0) % MINUTE));
    let left = whole - shares.iter().sum::<i64>();
    for &i in order.iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    shares
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
    let moved_end = moved_start.saturating_add(planned_total(&stage.run));
    let question = text.late_start_question(late, &hh_mm(planned, tz));
    let keep = text.keep_plan_means(late);
    let moved = text.move_plan_means(&hh_mm(moved_start, tz), &hh_mm(moved_end, tz));
    let widest = [&question, &keep, &moved]
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0);
    let wanted = u16::try_from(widest + 3 + 4).unwrap_or(u16::MAX);
    let popup = centered(area, wanted.min(area.width.saturating_sub(2)), 7);
    let width = usize::from(popup.width.saturating_sub(4));
    let key = |k: &str| Span::styled(format!("{k}  "), theme.accent);
    let lines = vec![
        Line::from(fit(&question, width)),
        Line::from(""),
        Line::from(vec![
            key("1"),
            Span::raw(fit(&keep, width.saturating_sub(3))),
        ]),
        Line::from(vec![
            key("2"),
            Span::raw(fit(&moved, width.saturating_sub(3))),
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
    let least = width(text.choose_group) + 2;
    let popup_width = crate::ui::popup::width_for(&lines, least).min(area.width.saturating_sub(2));
    let popup = centered(area, popup_width, height);
    let block = crate::ui::popup::block(&stage.ctx.ui.theme, text.choose_group);
    crate::ui::popup::show(frame, popup, Paragraph::new(lines).block(block));
}

/// A yes/no question ("Tidsramen pågår. Avsluta ändå?") with its keys, titled in sentence
/// case ("Avsluta", "Avsluta träffen"), as wide as the question up to the window.
pub fn confirm(frame: &mut Frame, area: Rect, stage: &Stage, title: &str, question: &str) {
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
    let keys = Line::from(keys);
    let most = area.width.saturating_sub(2).min(64);
    let least = width(title) + 2;
    let width = crate::ui::popup::width_for(&[Line::from(question), keys.clone()], least).min(most);
    let inner = usize::from(width.saturating_sub(4));
    let mut lines = wrap(&[(question, theme.text)], inner);
    lines.push(Line::from(""));
    lines.push(fit_spans(keys, inner));
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX) + 2;
    let popup = centered(area, width, height);
    let paragraph =
        Paragraph::new(lines).block(crate::ui::popup::block(&stage.ctx.ui.theme, title));
    crate::ui::popup::show(frame, popup, paragraph);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_minutes_add_up_to_the_whole() {
        // 3 min 20 s and 40 s: an item of 4 min, whose parts read 3 and 1, not 3 and 0.
        let parts = [3 * MINUTE + 20_000, 40_000];
        assert_eq!(
            shares_in_minutes(&parts, whole_minutes(parts[0] + parts[1])),
            [3, 1]
        );
        // Three parts of 20 s: one minute in all, to one of them.
        let thirds = [20_000, 20_000, 20_000];
        assert_eq!(shares_in_minutes(&thirds, 1).iter().sum::<i64>(), 1);
        assert_eq!(shares_in_minutes(&[], 0), Vec::<i64>::new());
    }
}
