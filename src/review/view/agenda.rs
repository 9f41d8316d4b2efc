//! The agenda of one run as a bar chart: planned against actual minutes per item and per
//! discussion question (each under its item), overtime in its own colour and in words, and the
//! planned against the actual (or projected) end.
//!
//! ```text
//! 1 Kick off — 2020-09-17 · avslutad                                   ← → genomförande 1/2
//! planerat slut 12:00 · faktiskt slut 12:14, 14 min efter
//! Planerat och faktiskt per punkt                      planerat faktiskt
//!   09:00 Välkomna till Dalaspåret  ██████████░░░░      10 min    8 min  2 min kortare
//! ▶ 09:10 Incheckning               ███████████████▓▓▓  15 min   18 min  3 min övertid
//!   09:25 Samtal efter föredr…      ░░░░░░░░░░░░░░      13 min        –
//!           Vad väckte föredr…      ░░░░░░              6 min        –
//! █ faktiskt  ░ planerat  ▓ övertid
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{run_heading, scroll_to, selected_run};
use crate::review::app::Review;
use crate::run::catalog::SavedRun;
use crate::run::projection::{planned_start, project};
use crate::run::{Millis, Place};
use crate::session::Step;
use crate::text::clean_line;
use crate::ui::clock::whole_minutes;
use crate::ui::clock::{at_time_of_day, hh_mm};
use crate::ui::fit::{fit, fit_spans, truncate, truncate_at_word, truncate_words};

/// Columns of the numbers: planned and actual minutes.
const NUMBER: usize = 9;
/// Fewest columns of a bar worth drawing: narrower, the bars give way whole.
const MIN_BAR: usize = 8;

pub fn draw(frame: &mut Frame, area: Rect, review: &Review, now: Millis) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let Some(run) = selected_run(frame, area, review) else {
        return;
    };
    let [heading, ends, _, title, chart, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(run_heading(review, run, text.run_state(run.status), width)),
        heading,
    );
    let mut ends_line = ends_line(review, run, now);
    // On a narrow window the actual (or projected) end alone, with how far off the plan.
    if ends_line.width() > width && ends_line.spans.len() > 1 {
        let mut rest = ends_line.spans.split_off(1);
        if let Some(first) = rest.first_mut() {
            first.content = first
                .content
                .trim_start_matches([' ', '·'])
                .to_string()
                .into();
        }
        ends_line = Line::from(rest);
    }
    frame.render_widget(Paragraph::new(fit_spans(ends_line, width)), ends);

    let tz = &review.ctx.tz;
    let session = run.session();
    let state = &run.state;
    let items = session.agenda.len();
    let spent: Vec<i64> = (0..items).map(|i| state.spent_ms(i, now)).collect();
    let planned: Vec<i64> = (0..items)
        .map(|i| i64::from(session.agenda[i].minutes) * 60_000)
        .collect();
    // Columns: marker 2, time 6, title, bar, planned and actual, the difference in words.
    let question_times = |i: usize| {
        session
            .steps(i)
            .iter()
            .enumerate()
            .filter_map(|(step, s)| match s {
                Step::Question(q) => Some((
                    i64::from(q.minutes) * 60_000,
                    state.spent_at(Place { item: i, step }, now),
                )),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let delta_width = (0..items)
        .flat_map(|i| std::iter::once((planned[i], spent[i])).chain(question_times(i)))
        .map(|(p, s)| delta_words(review, p, s).0.width())
        .max()
        .unwrap_or(0);
    let title_width = (width / 4).clamp(12, 34);
    let bar_width = width.saturating_sub(2 + 6 + title_width + 1 + 2 * NUMBER + 2 + delta_width);
    // Where the bars would be slivers (a zoomed terminal), they give way whole with the planned
    // times and the difference in words: the titles take those columns, cut between words.
    let narrow = bar_width < MIN_BAR;
    let (time_width, title_width) = if narrow {
        (0, width.saturating_sub(2 + 1 + 2 * NUMBER))
    } else {
        (6, title_width)
    };
    let cell = |name: &str| fit(&truncate_at_word(name, title_width), title_width);
    let scale = (0..items)
        .map(|i| planned[i].max(spent[i]))
        .max()
        .unwrap_or(0)
        .max(1);

    let numbers = format!("{:>n$}{:>n$}", text.planned, text.actual, n = NUMBER);
    let left = if narrow {
        width.saturating_sub(numbers.width())
    } else {
        width.saturating_sub(numbers.width() + 2 + delta_width)
    };
    // On a zoomed terminal the chart's title is said whole or not at all: a cut one ("Planerat och
    // faktiskt…") only repeats the column heads beside it.
    let chart_title = if narrow && text.chart_title.width() > left {
        ""
    } else {
        text.chart_title
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(fit(&truncate_words(chart_title, left), left), theme.title),
            Span::styled(numbers, theme.dim),
        ])),
        title,
    );

    let start_of_day = at_time_of_day(run.header.started, &session.start, tz);
    let mut planned_at = planned_start(start_of_day, state);
    let mut lines = Vec::with_capacity(items);
    let mut selected_line = 0;
    for (i, item) in session.agenda.iter().enumerate() {
        // A phase's name above its first item.
        if item.phase.is_some() && (i == 0 || session.agenda[i - 1].phase != item.phase) {
            let name = clean_line(item.phase.as_deref().unwrap_or_default());
            lines.push(Line::from(Span::styled(
                truncate(&format!("  {name}"), width),
                theme.accent,
            )));
        }
        let selected = i == review.item;
        let marker = if selected { "▶ " } else { "  " };
        let name_style = if selected { theme.selected } else { theme.text };
        let kind = text.item_kind(&item.kind);
        let item_title = clean_line(&item.title);
        // The kind of item where there is room for it.
        let name = if width < 100 || item_title.starts_with(kind) {
            item_title
        } else {
            format!("{kind} · {item_title}")
        };
        let mut spans = vec![
            Span::styled(marker.to_string(), theme.accent),
            Span::styled(fit(&hh_mm(planned_at, tz), time_width), theme.dim),
            Span::styled(cell(&name), name_style),
            Span::raw(" "),
        ];
        let row = Times {
            minutes: i64::from(item.minutes),
            planned: planned[i],
            spent: spent[i],
        };
        spans.extend(row.spans(review, scale, (!narrow).then_some(bar_width), theme.text));
        if selected {
            selected_line = lines.len();
        }
        lines.push(Line::from(spans));
        planned_at += planned[i];
        // Each discussion question under its item, with its own planned and actual minutes.
        let questions = item.questions.iter().zip(question_times(i));
        for (question, (planned, spent)) in questions {
            // Indented under its item: the indent is not part of what is cut between words.
            let cut = truncate_at_word(&clean_line(&question.text), title_width.saturating_sub(2));
            let mut spans = vec![
                Span::raw(" ".repeat(2 + time_width)),
                Span::styled(fit(&format!("  {cut}"), title_width), theme.dim),
                Span::raw(" "),
            ];
            let row = Times {
                minutes: i64::from(question.minutes),
                planned,
                spent,
            };
            spans.extend(row.spans(review, scale, (!narrow).then_some(bar_width), theme.dim));
            lines.push(Line::from(spans));
        }
    }
    let height = usize::from(chart.height);
    let scroll = scroll_to(selected_line, lines.len(), height);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), chart);

    let legend_line = Line::from(vec![
        Span::styled("█", theme.running),
        Span::styled(format!(" {}  ", text.actual), theme.dim),
        Span::styled("░", theme.dim),
        Span::styled(format!(" {}  ", text.planned), theme.dim),
        Span::styled("▓", theme.over),
        Span::styled(format!(" {}", text.overtime), theme.dim),
    ]);
    // The legend explains the bars: none without them.
    if !narrow {
        frame.render_widget(Paragraph::new(legend_line), legend);
    }
}

/// "planerat slut 12:00 · faktiskt slut 12:14, 14 min efter" (or the projected end of a run in
/// progress; "inte startad" before its first timebox).
fn ends_line(review: &Review, run: &SavedRun, now: Millis) -> Line<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let tz = &review.ctx.tz;
    let state = &run.state;
    let start_of_day = at_time_of_day(run.header.started, &state.session.start, tz);
    let p = project(state, planned_start(start_of_day, state), now);
    let planned = Span::styled(
        format!("{} {}", text.planned_end, hh_mm(p.planned_end, tz)),
        theme.text,
    );
    if state.started_at.is_none() {
        return Line::from(vec![
            planned,
            Span::styled(format!(" · {}", text.not_started), theme.dim),
        ]);
    }
    let delta = p.delta_minutes();
    let style = match delta {
        d if d > 5 => theme.over,
        d if d > 0 => theme.low,
        _ => theme.running,
    };
    let which = if state.ended_at.is_some() {
        text.actual_end
    } else {
        text.projected_end
    };
    Line::from(vec![
        planned,
        Span::styled(
            format!(
                " · {which} {}, {}",
                hh_mm(p.projected_end, tz),
                text.schedule(delta)
            ),
            style,
        ),
    ])
}

/// The bar of one item: actual time as full blocks up to the plan, the rest of the plan light,
/// time beyond the plan dark in the overtime colour.
/// One row's times (an item's or a question's): planned minutes as written, planned and spent
/// milliseconds.
struct Times {
    minutes: i64,
    planned: i64,
    spent: i64,
}

impl Times {
    /// The bar, "planned actual" and the difference in words: the columns right of a row's name;
    /// without a bar (`None`, a zoomed terminal) only "planned actual".
    fn spans(
        &self,
        review: &Review,
        scale: i64,
        bar_width: Option<usize>,
        style: Style,
    ) -> Vec<Span<'static>> {
        let text = review.ctx.text();
        let mut spans = match bar_width {
            Some(width) => bar(review, self.planned, self.spent, scale, width),
            None => Vec::new(),
        };
        let actual = if self.spent > 0 {
            text.minutes(whole_minutes(self.spent))
        } else {
            "–".to_string()
        };
        spans.push(Span::styled(
            format!(
                "{:>n$}{:>n$}  ",
                text.minutes(self.minutes),
                actual,
                n = NUMBER
            ),
            style,
        ));
        if bar_width.is_some() {
            let (words, delta_style) = delta_words(review, self.planned, self.spent);
            spans.push(Span::styled(words, delta_style));
        }
        spans
    }
}

fn bar(review: &Review, planned: i64, spent: i64, scale: i64, width: usize) -> Vec<Span<'static>> {
    let theme = &review.ctx.theme;
    let cells = |ms: i64| -> usize {
        let w = i64::try_from(width).unwrap_or(0);
        usize::try_from((ms * w + scale / 2) / scale).unwrap_or(0)
    };
    let plan = cells(planned);
    let actual = cells(spent).max(usize::from(spent > 0));
    let within = actual.min(plan);
    let over = actual.saturating_sub(plan);
    let rest = plan - within;
    let pad = width.saturating_sub(within + rest + over);
    let span = |n: usize, c: &str, style: Style| Span::styled(c.repeat(n), style);
    vec![
        span(within, "█", theme.running),
        span(rest, "░", theme.dim),
        span(over, "▓", theme.over),
        Span::raw(" ".repeat(pad)),
    ]
}

/// "3 min övertid" in the overtime colour, "2 min kortare", or nothing.
fn delta_words(review: &Review, planned: i64, spent: i64) -> (String, Style) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    if spent <= 0 {
        return (String::new(), theme.dim);
    }
    match whole_minutes(spent) - whole_minutes(planned) {
        d if d > 0 => (text.over_by(d), theme.over),
        d if d < 0 => (text.short_by(-d), theme.dim),
        _ => (String::new(), theme.dim),
    }
}
