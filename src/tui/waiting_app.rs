//! A calm screen that waits for something another process begins — a note-taker's `spar join`
//! or the room's `spar show` before the facilitator's first event creates the run — and looks
//! again once a second until it is there or the user quits ([`latest_live_run`]).
//!
//! A new run is a new folder in the runs folder, which the journal watcher (it follows one run's
//! journals) does not report; one look a second is the wake set here, as for a polled run.

use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::event_loop::{App, Flow, Msg, Tui, now_ms};
use crate::error::BadInput;
use crate::run::Millis;
use crate::run::catalog::TrackView;
use crate::run::open::Found;
use crate::run::store::DataDir;
use crate::session::load::Catalog;
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
        // A zoomed terminal (40×12) keeps the frame, the message wrapped between words and `q`.
        if crate::ui::frame::too_small_zoomed(frame, text, theme) {
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
        // wrapped, centred on the rows they wrap to; they may use every row down to the bottom
        // (a long path on a zoomed terminal wraps to more rows than its words suggest).
        let lines: Vec<Line> = self
            .message
            .lines()
            .map(|l| Line::from(l.to_string()).style(theme.text))
            .collect();
        let rows: usize = self
            .message
            .lines()
            .map(|l| crate::ui::fit::rows(l, usize::from(inner.width)))
            .sum();
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        let top = inner.y + inner.height.saturating_sub(rows) / 2;
        let middle = Rect {
            y: top,
            height: inner.bottom().saturating_sub(top),
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

/// The latest live run (as the track's runs were read: opened from that read), waited for on a calm screen saying `waiting` when there is none yet
/// (note-takers and the room's screen start early), in plain lines with `screen_reader`; off a terminal there is no waiting, and no
/// live run is one clear line. `None`: the user quit while waiting. The terminal, once started
/// for the waiting screen, is left in `tui` for the view.
pub fn latest_live_run(
    data: &DataDir,
    catalog: &Catalog,
    tui: &mut Option<Tui>,
    ctx: Ctx,
    screen_reader: bool,
    waiting: String,
) -> anyhow::Result<Option<(Found, TrackView)>> {
    let lang = ctx.lang;
    // An unreadable runs folder has none: waited for until it has.
    let track_view = || TrackView::load_to_open(data, catalog, now_ms()).unwrap_or_default();
    if let Some(found) = latest(track_view()) {
        return Ok(Some(found));
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let runs = data.runs_dir().display().to_string();
        return Err(BadInput::Said(lang.text().no_live_run(&runs)).into());
    }
    // Wait in the lobby's stead for the facilitator's first event to create the run.
    let waiting_tui = tui.insert(Tui::start_as(screen_reader)?);
    let mut runs = RunsFolder::new(&data.runs_dir());
    wait_until(waiting_tui, ctx, waiting, || {
        if !runs.changed(&data.runs_dir()) {
            return None;
        }
        latest(track_view())
    })
}

/// The latest live run of `view`, taken from it to be opened, and the view.
fn latest(mut view: TrackView) -> Option<(Found, TrackView)> {
    let id = view.latest_live()?.dir.id().to_string();
    let index = view.find_run(&id)?;
    Some((view.found(index), view))
}

/// The runs folder as the waiting join last saw it: the runs are read again only once a folder
/// has been added or removed (and from then on at every look, as a new run's header and first
/// event may land a moment after its folder).
struct RunsFolder {
    names: Vec<std::ffi::OsString>,
    changed: bool,
}

impl RunsFolder {
    fn new(folder: &std::path::Path) -> RunsFolder {
        RunsFolder {
            names: Self::names(folder),
            changed: false,
        }
    }

    fn names(folder: &std::path::Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(folder)
            .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Whether a run may have begun since the join began to wait.
    fn changed(&mut self, folder: &std::path::Path) -> bool {
        if !self.changed {
            self.changed = Self::names(folder) != self.names;
        }
        self.changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiting(found_at: usize) -> Waiting<usize, impl FnMut() -> Option<usize>> {
        waiting_in(crate::i18n::Lang::En, found_at)
    }

    fn waiting_in(
        lang: crate::i18n::Lang,
        found_at: usize,
    ) -> Waiting<usize, impl FnMut() -> Option<usize>> {
        let mut looks = 0;
        let text = lang.text();
        Waiting {
            ctx: Ctx {
                lang,
                theme: crate::ui::theme::Theme::monochrome(),
                tz: jiff::tz::TimeZone::UTC,
            },
            message: format!(
                "{}\n{}",
                text.waiting_for_facilitator,
                text.watching_folder("/home/anna/Sync/spar/runs")
            ),
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

    /// A join waiting on a zoomed terminal: the frame, the message wrapped between words, `q`.
    #[test]
    fn the_waiting_screen_at_40x12() {
        for lang in [crate::i18n::Lang::Sv, crate::i18n::Lang::En] {
            let app = waiting_in(lang, 1);
            let backend = ratatui::backend::TestBackend::new(40, 12);
            let mut terminal = ratatui::Terminal::new(backend).unwrap();
            terminal.draw(|frame| app.draw(frame, 0)).unwrap();
            let buffer = terminal.backend().buffer();
            let screen: String = (0..12)
                .map(|y| {
                    let row: String = (0..40).map(|x| buffer[(x, y)].symbol()).collect();
                    row.trim_end().to_string() + "\n"
                })
                .collect();
            let tag = if lang == crate::i18n::Lang::Sv {
                "sv"
            } else {
                "en"
            };
            insta::assert_snapshot!(format!("join_waiting_{tag}_40x12"), screen);
        }
    }
}
