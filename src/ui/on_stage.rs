//! The door's question as a popup, over the start screen or a join's calm screen: "Anna is on
//! stage since 19:58", with join (Enter, the default), take over (t) and cancel (Esc or q); its keys,
//! and the words it understands as typed lines (screen-reader mode, the terminal prompt).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::run::open::Answer;
use crate::ui::Ctx;
use crate::ui::fit;

/// Draws the question over the screen: `line` ("Anna is on stage since 19:58") on run `run`,
/// and the three answers, Enter first. Below the full views' size (a zoomed terminal) the popup
/// takes the whole window, and drops the blank line and then the run's name when rows run
/// short; below a zoomed view's size it says the window is too small.
pub fn draw(frame: &mut Frame, ctx: &Ctx, line: &str, run: &str) {
    let text = ctx.text();
    let theme = &ctx.theme;
    if crate::ui::frame::too_small_zoomed(frame, text, theme) {
        return;
    }
    let screen = frame.area();
    let (area, lines) = if crate::ui::frame::below_full(screen) {
        // Inside the border and the padding.
        let (columns, rows) = (
            usize::from(screen.width.saturating_sub(4)),
            usize::from(screen.height.saturating_sub(2)),
        );
        let lines = [(true, true), (false, true), (false, false)]
            .into_iter()
            .map(|(blank, with_run)| {
                let shown = with_run.then_some(run);
                content(ctx, line, shown, blank, columns)
            })
            .find(|lines| lines.len() <= rows)
            .unwrap_or_else(|| content(ctx, line, None, false, columns));
        (screen, lines)
    } else {
        let unwrapped = content(ctx, line, Some(run), true, usize::MAX);
        let widest = unwrapped.iter().map(Line::width).max().unwrap_or(0);
        let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).max(40);
        let width = width.min(screen.width.saturating_sub(2));
        let lines = content(ctx, line, Some(run), true, usize::from(width - 4));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        (crate::ui::popup::centered(screen, width, height), lines)
    };
    let block = crate::ui::popup::block(theme, text.on_stage_title());
    crate::ui::popup::show(frame, area, Paragraph::new(lines).block(block));
}

/// The popup's lines wrapped between words at `columns`: the question (with the run's name in
/// brackets when `run` is given), a blank line if `blank`, and the answers, each key in a column
/// of its own with its words wrapped under each other beside it.
fn content(
    ctx: &Ctx,
    line: &str,
    run: Option<&str>,
    blank: bool,
    columns: usize,
) -> Vec<Line<'static>> {
    let text = ctx.text();
    let theme = &ctx.theme;
    let asked = match run {
        Some(run) => format!("{line} ({run})."),
        None => format!("{line}."),
    };
    let mut lines = fit::wrap(&[(&asked, theme.text)], columns);
    if blank {
        lines.push(Line::default());
    }
    let answers = text.on_stage_answers();
    let key_columns = answers
        .iter()
        .map(|(k, _)| fit::width(k))
        .max()
        .unwrap_or(0)
        + 1;
    for (key, what) in answers {
        let wrapped = fit::wrap(&[(what, theme.text)], columns.saturating_sub(key_columns));
        for (i, words) in wrapped.into_iter().enumerate() {
            let lead = if i == 0 { key } else { "" };
            let mut spans = vec![Span::styled(format!("{lead:<key_columns$}"), theme.title)];
            spans.extend(words.spans);
            lines.push(Line::from(spans));
        }
    }
    lines
}

/// The popup's keys: Enter (or j, a) joins, t takes over, Esc, q or Ctrl+C cancels; any other key
/// does nothing.
pub fn key(key: KeyEvent) -> Option<Answer> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Answer::Cancel);
    }
    match key.code {
        KeyCode::Enter | KeyCode::Char('j' | 'a') => Some(Answer::Join),
        KeyCode::Char('t') => Some(Answer::TakeOver),
        KeyCode::Esc | KeyCode::Char('q') => Some(Answer::Cancel),
        _ => None,
    }
}

/// A typed answer (trimmed, lowercased): t or "take over" takes over; q, x or the words cancel;
/// anything else — an empty line, a, j, join, a word not understood — joins, the answer that
/// displaces no one.
pub fn word(line: &str) -> Answer {
    match line {
        "t" | "ta över" | "take over" => Answer::TakeOver,
        "q" | "x" | "avbryt" | "cancel" => Answer::Cancel,
        _ => Answer::Join,
    }
}
