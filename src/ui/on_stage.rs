//! The door's question as a popup, over the start screen or a join's calm screen: "Anna is on
//! stage since 19:58", with join (Enter, the default), take over (t) and cancel (Esc); its keys,
//! and the words it understands as typed lines (screen-reader mode, the terminal prompt).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::run::open::Answer;
use crate::ui::Ctx;

/// Draws the question over the screen: `line` ("Anna is on stage since 19:58") on run `run`,
/// and the three answers, Enter first.
pub fn draw(frame: &mut Frame, ctx: &Ctx, line: &str, run: &str) {
    let text = ctx.text();
    let theme = &ctx.theme;
    let mut lines = vec![
        Line::from(format!("{line} ({run}).")).style(theme.text),
        Line::default(),
    ];
    for (key, what) in text.on_stage_answers() {
        lines.push(Line::from(vec![
            Span::styled(format!("{key:<6}"), theme.title),
            Span::styled(what, theme.text),
        ]));
    }
    let widest = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX).max(40);
    let width = width.min(frame.area().width.saturating_sub(2));
    // Each line takes as many rows as it wraps to inside the frame and padding.
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let area = crate::ui::popup::centered(frame.area(), width, height);
    let block = crate::ui::popup::block(theme, text.on_stage_title());
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(ratatui::widgets::Wrap { trim: true });
    crate::ui::popup::show(frame, area, paragraph);
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
