//! The runs screen: every meeting of the track in order, each with its saved runs; below, what
//! to know about the selected run (where it is, what was skipped reading it).
//!
//! ```text
//! 1 Kick off
//! ▶ 2020-09-17 09:02  avslutad  räknas    183 min  42 anteckningar  2 öppna · 3 klara
//!   2020-09-17 13:10  pågår                 0 min   0 anteckningar  0 öppna · 0 klara
//! 2 Det digitala samhället
//!   inte genomförd
//! Andra träffar
//!   Planeringsmöte
//!   2021-01-12 13:00  pågår     12 min  3 anteckningar    0 öppna · 0 klara
//! ──────────────────────────────────────────────────────────────────────
//! 20200917-0900-kickoff-ab12 · Anna · spar 0.1.0
//! Genomförandet som räknas i spåret · 1 annat genomförande av träffen finns (spar runs)
//! Träffens fil har ändrats sedan dess: den visas som den var då (run.ron)
//! 1 skadad rad hoppades över
//!   runs/20200917-0900-kickoff-ab12/erik-1a2b3c.ron:17: skipped a damaged line (checksum mismatch)
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::scroll_to;
use crate::review::app::Review;
use crate::run::catalog::SavedRun;
use crate::text::clean_line;
use crate::ui::clock::hh_mm;
use crate::ui::clock::{iso_date, whole_minutes};
use crate::ui::fit::fit;
use crate::ui::fit::{truncate, truncate_at_word};

pub fn draw(frame: &mut Frame, area: Rect, review: &Review) {
    let details = details(review, usize::from(area.width));
    let details_rows = u16::try_from(details.len()).unwrap_or(u16::MAX);
    let [list, rule, below] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::from(details_rows > 0)),
        Constraint::Length(details_rows.min(area.height / 3)),
    ])
    .areas(area);
    draw_list(frame, list, review);
    let theme = &review.ctx.theme;
    frame.render_widget(
        Paragraph::new("─".repeat(usize::from(rule.width))).style(theme.border),
        rule,
    );
    frame.render_widget(Paragraph::new(details), below);
}

fn draw_list(frame: &mut Frame, area: Rect, review: &Review) {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let view = &review.view;
    let width = usize::from(area.width);
    let columns = Columns::measure(review);
    let mut lines: Vec<Line> = Vec::new();
    if view.runs.is_empty() {
        lines.push(Line::from(Span::styled(text.no_runs_yet, theme.dim)));
        lines.push(Line::from(""));
    }
    let mut selected_line = 0;
    let mut push_run = |lines: &mut Vec<Line>, i: usize, run: &SavedRun| {
        if i == review.run {
            selected_line = lines.len();
        }
        lines.push(run_line(review, run, i == review.run, &columns, width));
    };
    for (m, meeting) in view.meetings.iter().enumerate() {
        lines.push(Line::from(Span::styled(
            truncate_at_word(&format!("{} {}", m + 1, clean_line(&meeting.title)), width),
            theme.title,
        )));
        let before = lines.len();
        for (i, run) in view.runs.iter().enumerate() {
            if run.meeting == Some(m + 1) {
                push_run(&mut lines, i, run);
            }
        }
        if lines.len() == before {
            lines.push(Line::from(Span::styled(
                format!("  {}", text.not_run),
                theme.dim,
            )));
        }
    }
    let mut others = view
        .runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.meeting.is_none())
        .peekable();
    if others.peek().is_some() {
        lines.push(Line::from(Span::styled(text.other_meetings, theme.title)));
        let mut last_session: Option<&str> = None;
        for (i, run) in others {
            if last_session != Some(run.header.session.id.as_str()) {
                last_session = Some(&run.header.session.id);
                lines.push(Line::from(Span::styled(
                    truncate(
                        &format!("  {}", clean_line(&run.header.session.title)),
                        width,
                    ),
                    theme.text,
                )));
            }
            push_run(&mut lines, i, run);
        }
    }
    for bad in &view.unreadable {
        lines.push(Line::from(Span::styled(
            truncate(&format!("  {} · {}", bad.id, text.state_unreadable), width),
            theme.error,
        )));
    }
    let height = usize::from(area.height);
    let scroll = scroll_to(selected_line, lines.len(), height);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// Widths of the columns of the run lines, so they line up across meetings.
struct Columns {
    state: usize,
    notes: usize,
    actions: usize,
    /// "räknas" / "bortvald".
    mark: usize,
}

impl Columns {
    fn measure(review: &Review) -> Columns {
        let text = review.ctx.text();
        let max = |f: &dyn Fn(&SavedRun) -> String| {
            review
                .view
                .runs
                .iter()
                .map(|r| f(r).width())
                .max()
                .unwrap_or(0)
        };
        Columns {
            state: max(&|r| text.run_state(r.status).to_string()),
            notes: max(&|r| text.notes_count(r.note_count())),
            actions: max(&|r| {
                let (all, open) = r.action_counts();
                text.actions_summary(open, all - open)
            }),
            mark: text.run_counts().width().max(text.run_discarded().width()),
        }
    }
}

/// "▶ 2020-09-17 09:02  avslutad  räknas  183 min  42 anteckningar  2 öppna · 3 klara  <id>".
fn run_line(
    review: &Review,
    run: &SavedRun,
    selected: bool,
    columns: &Columns,
    width: usize,
) -> Line<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let tz = &review.ctx.tz;
    let began = run.began();
    let length = run
        .length_ms()
        .map_or_else(|| "–".to_string(), |ms| text.minutes(whole_minutes(ms)));
    let (all, open) = run.action_counts();
    let marker = if selected { "▶ " } else { "  " };
    // Which run counts stands beside its state, so that a narrow screen keeps it.
    let mark = if run.counts {
        text.run_counts()
    } else if run.discarded {
        text.run_discarded()
    } else {
        ""
    };
    let mut line = format!(
        "{marker}{} {}  {}  {}  {:>8}  {}  {}",
        iso_date(began, tz),
        hh_mm(began, tz),
        fit(text.run_state(run.status), columns.state),
        fit(mark, columns.mark),
        length,
        fit(&text.notes_count(run.note_count()), columns.notes),
        fit(&text.actions_summary(open, all - open), columns.actions),
    );
    // The id where there is room for it.
    if line.width() + 2 + run.dir.id().len() <= width {
        line.push_str("  ");
        line.push_str(run.dir.id());
    }
    let style = if selected {
        theme.selected
    } else {
        match run.status {
            crate::run::status::RunStatus::Live => theme.running,
            _ => theme.text,
        }
    };
    Line::from(Span::styled(truncate(line.trim_end(), width), style))
}

/// The selected run's id, who started it, and what is unusual about it; with no run to select,
/// why the unreadable ones cannot be read.
fn details(review: &Review, width: usize) -> Vec<Line<'static>> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let Some(run) = review.view.runs.get(review.run) else {
        return review
            .view
            .unreadable
            .iter()
            .map(|u| {
                Line::from(Span::styled(
                    truncate(
                        &clean_line(&format!("{}: {}", u.id, text.store_error(&u.problem))),
                        width,
                    ),
                    theme.error,
                ))
            })
            .collect();
    };
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "{} · {} · {} · spar {}",
                run.dir.id(),
                super::meeting_title(run),
                text.started_by(&clean_line(&run.header.by)),
                clean_line(&run.header.version)
            ),
            width,
        ),
        theme.dim,
    ))];
    lines.push(Line::from(Span::styled(
        truncate_at_word(
            &text.which_run(run.counts, run.discarded, review.view.others(run)),
            width,
        ),
        if run.counts { theme.dim } else { theme.accent },
    )));
    if run.snapshot_differs {
        lines.push(Line::from(Span::styled(
            truncate_at_word(text.snapshot_differs, width),
            theme.accent,
        )));
    }
    if !run.problems.is_empty() {
        lines.push(Line::from(Span::styled(
            text.tally(&run.tally()),
            theme.low,
        )));
        for problem in &run.problems {
            lines.push(Line::from(Span::styled(
                truncate(
                    &format!("  {}", clean_line(&text.file_problem(problem))),
                    width,
                ),
                theme.dim,
            )));
        }
    }
    lines
}
