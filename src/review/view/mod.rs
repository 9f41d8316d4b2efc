//! The review's views: pure functions of the model and "now" to a frame, one per screen.
//!
//! ```text
//! ╭ Dalaspåret · Granska ─────────────────────────────────────────────╮
//! │ 1 Genomföranden  2 Agenda  3 Anteckningar  4 Åtgärder  5 Sök       │  tabs
//! │ (the screen)                                                       │
//! │ 7 genomföranden · 3 skadade rader hoppades över                    │  status
//! ╰ Tab nästa vy  Enter öppna, gå dit  d markera …  / sök  ? hjälp ────╯  hints
//! ```

mod actions;
mod agenda;
mod help;
mod notes;
mod runs;
mod search;
mod time;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{Review, Screen};
use crate::run::Millis;
use crate::run::catalog::SavedRun;
use crate::run::file_problem::Tally;
use crate::text::clean_line;
use crate::ui::clock::iso_date;
use crate::ui::fit::fit;
use unicode_width::UnicodeWidthStr;

pub fn draw(frame: &mut Frame, review: &Review, now: Millis) {
    let area = frame.area();
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    if area.width < ZOOMED_WIDTH || area.height < ZOOMED_HEIGHT {
        let message = text.window_too_small(ZOOMED_WIDTH, ZOOMED_HEIGHT);
        crate::ui::frame::say_too_small(frame, &message, theme);
        return;
    }
    let zoomed =
        area.width < crate::ui::frame::MIN_WIDTH || area.height < crate::ui::frame::MIN_HEIGHT;
    let (tabs, body, status) = if zoomed {
        // A zoomed terminal (a large font): no frame and no gap, the current view's name alone
        // for the tabs, the keys on the last row.
        let [tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(hint_line(review, hints.width)), hints);
        frame.render_widget(Paragraph::new(current_tab(review)), tabs);
        (tabs, body, status)
    } else {
        let title = match &review.view.track {
            Some(track) => format!(" {} · {} ", clean_line(&track.title), text.review),
            None => format!(" {} ", text.review),
        };
        let inner = crate::ui::frame::screen(
            frame,
            area,
            theme,
            Line::from(title),
            None,
            hint_line(review, area.width.saturating_sub(4)),
        );
        let [tabs, _, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        frame.render_widget(
            Paragraph::new(tab_line(review, usize::from(tabs.width))),
            tabs,
        );
        (tabs, body, status)
    };
    let _ = tabs;
    match review.screen {
        Screen::Runs => runs::draw(frame, body, review),
        Screen::Agenda => agenda::draw(frame, body, review, now),
        Screen::Notes => notes::draw(frame, body, review),
        Screen::Actions => actions::draw(frame, body, review),
        Screen::Search => search::draw(frame, body, review),
        Screen::Time => time::draw(frame, body, review, now),
    }
    frame.render_widget(status_line(review, usize::from(status.width)), status);
    if review.help {
        help::draw(frame, area, review);
    }
}

/// Below the full review's size and at least this large, the review is drawn zoomed; smaller
/// still, it says the window is too small.
const ZOOMED_WIDTH: u16 = 28;
const ZOOMED_HEIGHT: u16 = 8;

/// "3/6 Anteckningar · Tab nästa": on a zoomed terminal, the view on screen and how many there are.
fn current_tab(review: &Review) -> Line<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let at = Screen::ALL
        .iter()
        .position(|s| *s == review.screen)
        .unwrap_or(0);
    Line::from(Span::styled(
        format!(
            " {}/{} {} ",
            at + 1,
            Screen::ALL.len(),
            review.screen.name(text)
        ),
        theme.selected,
    ))
}

/// "1 Genomföranden  2 Agenda  3 Anteckningar  4 Åtgärder  5 Sök  6 Tiden", the current one
/// marked; one space between them where two do not fit in `width`.
fn tab_line(review: &Review, width: usize) -> Line<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let names: usize = Screen::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| format!(" {} {} ", i + 1, s.name(text)).width())
        .sum();
    let gap = if names + 2 * (Screen::ALL.len() - 1) <= width {
        "  "
    } else {
        " "
    };
    let mut spans = Vec::new();
    for (i, screen) in Screen::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(gap));
        }
        let style = if *screen == review.screen {
            theme.selected
        } else {
            theme.dim
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, screen.name(text)),
            style,
        ));
    }
    Line::from(spans)
}

/// How many runs, and what was skipped reading them; or why saving fails.
fn status_line(review: &Review, width: usize) -> Paragraph<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    if let Some(error) = &review.save_error {
        let line = clean_line(&format!("{}: {error}", text.not_saved_retrying));
        return Paragraph::new(line).style(theme.error);
    }
    let mut parts = vec![text.runs_count(review.view.runs.len())];
    let tally = Tally::of(review.view.runs.iter().flat_map(|r| &r.problems));
    if !tally.is_empty() {
        parts.push(text.tally(&tally));
    }
    if !review.view.unreadable.is_empty() {
        parts.push(format!(
            "{} {}",
            review.view.unreadable.len(),
            text.state_unreadable
        ));
    }
    let style = if !tally.is_empty() || !review.view.unreadable.is_empty() {
        theme.low
    } else {
        theme.dim
    };
    // The parts that fit whole, the first always (cut with "…" if it must be).
    let mut line = String::new();
    for part in parts {
        let next = if line.is_empty() {
            part
        } else {
            format!("{line} · {part}")
        };
        if next.width() > width && !line.is_empty() {
            break;
        }
        line = next;
    }
    Paragraph::new(crate::ui::fit::truncate(&line, width)).style(style)
}

/// The hint bar of the review's keys in force.
fn hint_line(review: &Review, width: u16) -> Line<'static> {
    let ctx = &review.ctx;
    crate::ui::keymap::hint_line(review.bindings(), ctx.text(), &ctx.theme, width)
}

/// The run the review has selected; when there is none yet, says so in `area` instead.
fn selected_run<'a>(frame: &mut Frame, area: Rect, review: &'a Review) -> Option<&'a SavedRun> {
    let run = review.view.runs.get(review.run);
    if run.is_none() {
        let text = review.ctx.text();
        frame.render_widget(
            Paragraph::new(text.no_runs_yet).style(review.ctx.theme.dim),
            Rect { height: 1, ..area },
        );
    }
    run
}

/// "1 Kick off — 2020-09-17 09:02 · avslutad" (`detail` last), and which of the track's runs
/// this is: "← → genomförande 2/3".
fn run_heading(review: &Review, run: &SavedRun, detail: &str, width: usize) -> Line<'static> {
    let text = review.ctx.text();
    let theme = &review.ctx.theme;
    let tz = &review.ctx.tz;
    let title = format!(
        "{} — {} {} · {detail}",
        meeting_title(run),
        iso_date(run.began(), tz),
        crate::ui::clock::hh_mm(run.began(), tz),
    );
    let which = format!(
        "← → {} {}/{}",
        text.run_label,
        review.run + 1,
        review.view.runs.len()
    );
    let room = width.saturating_sub(which.width() + 1);
    Line::from(vec![
        Span::styled(fit(&title, room), theme.title),
        Span::raw(" "),
        Span::styled(which, theme.dim),
    ])
}

/// "1 Kick off", or the title alone for a session outside the track.
pub(crate) fn meeting_title(run: &SavedRun) -> String {
    let title = clean_line(&run.header.session.title);
    match run.meeting {
        Some(n) => format!("{n} {title}"),
        None => title,
    }
}

/// Scrolls a list so that row `selected` is in view with some rows of context above it.
pub(crate) fn scroll_to(selected: usize, rows: usize, height: usize) -> usize {
    if rows <= height || height == 0 {
        return 0;
    }
    let context = height / 3;
    selected.saturating_sub(context).min(rows - height)
}
