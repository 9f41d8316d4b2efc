//! A join's way in on its screen: the run is opened while `q` still leaves (a slow shared
//! folder), then the door asks about a facilitator found on stage as a popup over a calm frame
//! (said as a line in screen-reader mode) — the same question, through the same [`Ask`], as
//! `spar run` asks on the terminal and the start screen in its popup.

use ratatui::Frame;
use ratatui::text::Line;

use super::event_loop::{App, Flow, Msg, Tui};
use crate::run::Millis;
use crate::run::open::{Answer, Ask, Door, Entry, Found, OnStage, beside};
use crate::ui::Ctx;

/// `spar join` on the run `found`: opened beside the stage, then asked about through
/// [`Door::join`].
/// Given up while opening is [`Entry::Cancelled`]: nothing shown, nothing written but our
/// empty journal.
pub fn join(tui: &mut Tui, door: &Door, found: Found, ctx: Ctx) -> anyhow::Result<Entry> {
    let (me, now) = (door.author.to_string(), door.now);
    let Some(opened) = tui.while_opening(move || beside(found, &me, now)) else {
        return Ok(Entry::Cancelled);
    };
    door.join(opened?, &mut PopupAsk { tui, ctx })
}

/// The door's question as a popup on a screen already taken.
pub struct PopupAsk<'a> {
    pub tui: &'a mut Tui,
    pub ctx: Ctx,
}

impl Ask for PopupAsk<'_> {
    fn on_stage(&mut self, run: &str, who: &OnStage) -> anyhow::Result<Answer> {
        let since = crate::ui::clock::hh_mm(who.since, &self.ctx.tz);
        let mut app = Asking {
            line: self.ctx.text().on_stage(&who.name, &since),
            ctx: self.ctx.clone(),
            run: run.to_string(),
            answer: None,
            said: false,
        };
        self.tui.run(&mut app)?;
        // A signal or a closed terminal: the answer that displaces no one and opens nothing.
        Ok(app.answer.unwrap_or(Answer::Cancel))
    }
}

struct Asking {
    ctx: Ctx,
    /// "Anna is on stage since 19:58".
    line: String,
    run: String,
    answer: Option<Answer>,
    /// In screen-reader mode: the question was said (once).
    said: bool,
}

impl Asking {
    fn answered(&mut self, answer: Answer) -> Flow {
        self.answer = Some(answer);
        Flow::Quit
    }
}

impl App for Asking {
    fn handle(&mut self, msg: Msg, _now: Millis) -> Flow {
        match msg {
            // Enter, t, Esc or q; any other key does nothing.
            Msg::Key(key) => match crate::ui::on_stage::key(key) {
                Some(answer) => self.answered(answer),
                None => Flow::Continue,
            },
            Msg::Line(line) => {
                self.answered(crate::ui::on_stage::word(&line.trim().to_lowercase()))
            }
            Msg::Signal(_) => Flow::Quit,
            Msg::Paste(_) | Msg::Resize | Msg::Journals(_) | Msg::Saved => Flow::Continue,
        }
    }

    fn wake(&mut self, _now: Millis) -> Flow {
        Flow::Continue
    }

    fn speak(&mut self, _now: Millis) -> Vec<String> {
        if std::mem::replace(&mut self.said, true) {
            return Vec::new();
        }
        vec![self.ctx.text().on_stage_prompt(&self.line, &self.run)]
    }

    fn draw(&self, frame: &mut Frame, _now: Millis) {
        let theme = &self.ctx.theme;
        // On a zoomed terminal the popup takes the whole window: nothing to draw behind it.
        if !crate::ui::frame::below_full(frame.area()) {
            crate::ui::frame::screen(
                frame,
                frame.area(),
                theme,
                Line::from(" spar "),
                None,
                Line::default(),
            );
        }
        crate::ui::on_stage::draw(frame, &self.ctx, &self.line, &self.run);
    }

    /// Nothing changes by itself: only an answer ends it.
    fn next_wake(&self, now: Millis) -> Millis {
        now + 60_000
    }

    fn shutdown(&mut self, _now: Millis) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    fn asking() -> Asking {
        asking_in(crate::i18n::Lang::Sv)
    }

    fn asking_in(lang: crate::i18n::Lang) -> Asking {
        let since = "19:58";
        Asking {
            line: lang.text().on_stage("Anna", since),
            run: "20200917-0800-kickoff-3fa9".into(),
            ctx: Ctx {
                lang,
                theme: crate::ui::theme::Theme::monochrome(),
                tz: jiff::tz::TimeZone::UTC,
            },
            answer: None,
            said: false,
        }
    }

    #[test]
    fn enter_joins_t_takes_over_and_a_stray_key_waits() {
        let key = |code| Msg::Key(KeyEvent::from(code));
        let mut app = asking();
        assert_eq!(app.handle(key(KeyCode::Char('x')), 0), Flow::Continue);
        assert_eq!(app.answer, None);
        assert_eq!(app.handle(key(KeyCode::Enter), 0), Flow::Quit);
        assert_eq!(app.answer, Some(Answer::Join));
        let mut app = asking();
        app.handle(key(KeyCode::Char('t')), 0);
        assert_eq!(app.answer, Some(Answer::TakeOver));
        let mut app = asking();
        app.handle(Msg::Line("  Vad?".into()), 0);
        assert_eq!(
            app.answer,
            Some(Answer::Join),
            "a line not understood joins"
        );
        let said = app.speak(0);
        assert!(
            said[0].starts_with("Anna leder träffen sedan 19:58 (20200917-0800-kickoff-3fa9)."),
            "{said:?}"
        );
        assert!(app.speak(0).is_empty(), "said once");
    }

    fn drawn(app: &Asking, width: u16, height: u16) -> String {
        let backend = ratatui::backend::TestBackend::new(width, height);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal.draw(|frame| app.draw(frame, 0)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
                row.trim_end().to_string() + "\n"
            })
            .collect()
    }

    /// A join on a zoomed terminal: the question takes the whole window, its words wrapped
    /// between words, every answer with its key, down to 28×8.
    #[test]
    fn the_question_on_a_zoomed_terminal() {
        for lang in [crate::i18n::Lang::Sv, crate::i18n::Lang::En] {
            let app = asking_in(lang);
            let tag = if lang == crate::i18n::Lang::Sv {
                "sv"
            } else {
                "en"
            };
            insta::assert_snapshot!(format!("join_on_stage_{tag}_40x12"), drawn(&app, 40, 12));
            let smallest = drawn(&app, 28, 8);
            for (key, _) in lang.text().on_stage_answers() {
                assert!(smallest.contains(key), "{key} at 28×8:\n{smallest}");
            }
            assert!(smallest.contains("19:58"), "{smallest}");
            let below = drawn(&app, 27, 8);
            assert!(below.contains("28 × 8"), "{below}");
        }
    }
}
