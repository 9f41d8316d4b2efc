//! A calm screen that waits for something another process begins — a note-taker's `spar join`
//! before the facilitator's first event creates the run — and looks again once a second until
//! it is there or the user quits.
//!
//! A new run is a new folder in the runs folder, which the journal watcher (it follows one run's
//! journals) does not report; one look a second is the wake set here, as for a polled run.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::event_loop::{App, Flow, Msg, Tui};
use crate::run::Millis;
use crate::ui::Ctx;

/// How often the waiting screen looks.
pub const LOOK_EVERY_MS: Millis = 1_000;

/// Shows `message` until `look` finds what is awaited (`Some`), or the user quits (`None`).
pub fn wait_until<T>(
    tui: &mut Tui,
    ctx: Ctx,
    message: String,
    look: impl FnMut() -> Option<T>,
) -> anyhow::Result<Option<T>> {
    let mut app = Waiting {
        ctx,
        message,
        look,
        found: None,
        next_look: 0,
        said: false,
    };
    tui.run(&mut app)?;
    Ok(app.found)
}

struct Waiting<T, F> {
    ctx: Ctx,
    message: String,
    look: F,
    found: Option<T>,
    next_look: Millis,
    /// In screen-reader mode: the message was said (once).
    said: bool,
}

impl<T, F: FnMut() -> Option<T>> App for Waiting<T, F> {
    fn handle(&mut self, msg: Msg, _now: Millis) -> Flow {
        match msg {
            Msg::Key(key) => {
                // q, Esc or Ctrl+C: leave without joining.
                if key.code == KeyCode::Esc || super::event_loop::gives_up(&key) {
                    Flow::Quit
                } else {
                    Flow::Continue
                }
            }
            Msg::Line(line) if line.trim() == "q" => Flow::Quit,
            Msg::Signal(_) => Flow::Quit,
            Msg::Paste(_) | Msg::Resize | Msg::Journals(_) | Msg::Saved | Msg::Line(_) => {
                Flow::Continue
            }
        }
    }

    fn wake(&mut self, now: Millis) -> Flow {
        if now < self.next_look {
            return Flow::Continue;
        }
        self.next_look = now.saturating_add(LOOK_EVERY_MS);
        self.found = (self.look)();
        if self.found.is_some() {
            Flow::Quit
        } else {
            Flow::Continue
        }
    }

    fn speak(&mut self, _now: Millis) -> Vec<String> {
        if std::mem::replace(&mut self.said, true) {
            return Vec::new();
        }
        vec![self.message.clone()]
    }

    fn draw(&self, frame: &mut Frame, _now: Millis) {
        let text = self.ctx.lang.text();
        let theme = &self.ctx.theme;
        if crate::ui::frame::too_small(frame, text, theme) {
            return;
        }
        let hints = Line::from(format!(" q {} ", text.key_quit)).style(theme.dim);
        let inner = crate::ui::frame::screen(
            frame,
            frame.area(),
            theme,
            Line::from(" spar "),
            None,
            hints,
        );
        // One paragraph a line of the message (what is awaited, where it is looked for), each
        // wrapped, a blank line between them.
        let lines: Vec<Line> = self
            .message
            .lines()
            .map(|l| Line::from(l.to_string()).style(theme.text))
            .collect();
        let height = u16::try_from(lines.len() * 2 + 1).unwrap_or(u16::MAX);
        let middle = Rect {
            y: inner.y + inner.height.saturating_sub(height) / 2,
            height: inner.height.min(height),
            ..inner
        };
        let message = Paragraph::new(lines).centered().wrap(Wrap { trim: true });
        frame.render_widget(message, middle.intersection(inner));
    }

    fn next_wake(&self, now: Millis) -> Millis {
        self.next_look.max(now)
    }

    fn shutdown(&mut self, _now: Millis) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(found_at: usize) -> Waiting<usize, impl FnMut() -> Option<usize>> {
        let mut looks = 0;
        Waiting {
            ctx: Ctx {
                lang: crate::i18n::Lang::En,
                theme: crate::ui::theme::Theme::monochrome(),
                tz: jiff::tz::TimeZone::UTC,
            },
            message: String::new(),
            look: move || {
                looks += 1;
                (looks >= found_at).then_some(looks)
            },
            found: None,
            next_look: 0,
            said: false,
        }
    }

    #[test]
    fn it_looks_once_a_second_and_ends_when_found() {
        let mut app = waiting(2);
        assert_eq!(app.next_wake(5_000), 5_000, "the first look is due at once");
        assert_eq!(app.wake(5_000), Flow::Continue);
        assert_eq!(app.next_wake(5_001), 6_000);
        // A wake before the second is up (a key, a resize) does not look again.
        assert_eq!(app.wake(5_500), Flow::Continue);
        assert_eq!(app.wake(6_000), Flow::Quit);
        assert_eq!(app.found, Some(2));
    }
}
