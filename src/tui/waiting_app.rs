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
    if let Some(found) = latest(track_view(), &Default::default()) {
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
        latest(track_view(), &runs.written)
    })
}

/// The latest live run of `view` — failing one, the latest of those `written` while the join
/// waited ([`RunsFolder`]) — taken from it to be opened, and the view.
fn latest(
    mut view: TrackView,
    written: &std::collections::BTreeSet<String>,
) -> Option<(Found, TrackView)> {
    let run = view
        .latest_live()
        .or_else(|| view.latest_written(written))?;
    let id = run.dir.id().to_string();
    let index = view.find_run(&id)?;
    Some((view.found(index), view))
}

/// The runs folder as the waiting join first saw it: each run folder's files and their lengths.
/// The runs are read again only once something changed there, and from then on at every look (a
/// new run's header and first event may land a moment after its folder).
///
/// A run whose files are written while the join waits is live by their own evidence, whatever
/// this computer's clock says: one a year ahead sees every run abandoned by its stamps, and would
/// otherwise wait forever beside today's meeting ([`TrackView::latest_written`]). Lengths, not
/// modification times: those come from another computer's clock through a synced folder.
struct RunsFolder {
    first: std::collections::BTreeMap<std::ffi::OsString, Vec<(std::ffi::OsString, u64)>>,
    changed: bool,
    /// The ids of the runs whose files changed (or that appeared) since the join began to wait.
    written: std::collections::BTreeSet<String>,
}

impl RunsFolder {
    fn new(folder: &std::path::Path) -> RunsFolder {
        RunsFolder {
            first: Self::files(folder),
            changed: false,
            written: Default::default(),
        }
    }

    /// Each entry of the runs folder and, for a run's folder, its files and their lengths.
    fn files(
        folder: &std::path::Path,
    ) -> std::collections::BTreeMap<std::ffi::OsString, Vec<(std::ffi::OsString, u64)>> {
        let list = |dir: &std::path::Path| -> Vec<std::fs::DirEntry> {
            std::fs::read_dir(dir)
                .map(|entries| entries.flatten().collect())
                .unwrap_or_default()
        };
        list(folder)
            .into_iter()
            .map(|run| {
                // Not followed: a run's folder that is a link lists nothing (as a file does).
                let is_dir = run.file_type().is_ok_and(|t| t.is_dir());
                let mut files: Vec<_> = if is_dir {
                    list(&run.path())
                } else {
                    Vec::new()
                }
                .into_iter()
                .map(|f| (f.file_name(), f.metadata().map_or(0, |m| m.len())))
                .collect();
                files.sort();
                (run.file_name(), files)
            })
            .collect()
    }

    /// Whether a run may have begun, or been written to, since the join began to wait.
    fn changed(&mut self, folder: &std::path::Path) -> bool {
        let now = Self::files(folder);
        for (run, files) in &now {
            if self.first.get(run) != Some(files) {
                self.written.insert(run.to_string_lossy().into_owned());
            }
        }
        if !self.changed {
            self.changed = now.keys().ne(self.first.keys()) || !self.written.is_empty();
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

    /// A join on a computer whose clock is a year ahead (injected) sees today's run abandoned
    /// by its stamps; once the run's files are written while it waits, it finds the run — not
    /// one that ended, whatever is written to it.
    #[test]
    fn a_clock_a_year_ahead_finds_the_run_written_while_it_waits() {
        use crate::run::live::LiveRun;
        use crate::run::store::{DataDir, RunHeader};
        use crate::run::{Event, Place, Role};
        const DAY: Millis = 24 * 3_600_000;

        let data = tempfile::tempdir().unwrap();
        let data = DataDir::at(data.path());
        let start = now_ms();
        let session =
            crate::session::parse::parse_session(include_str!("../../sessions/kickoff.ron"))
                .unwrap();
        let run = data
            .create_run(RunHeader::new(session, None, start, "Karin"))
            .unwrap();
        let (mut live, mut state) =
            LiveRun::open(run.clone(), "Karin", Role::Facilitator, start).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        live.set_waker(Box::new(move || {
            let _ = tx.send(());
        }));
        // Written and confirmed on disk (woken by the writer thread, never a fixed sleep).
        let mut write = |ev: Event, at: Millis| {
            live.append(&mut state, ev, at);
            while live.has_pending() {
                rx.recv_timeout(std::time::Duration::from_secs(10))
                    .expect("the writer thread confirms");
                live.retry(&mut state);
            }
        };
        write(Event::TimerStarted { at: Place::START }, start);

        let catalog = Catalog::default();
        let ahead = start + 365 * DAY;
        let view = || TrackView::load(&data, &catalog, ahead).unwrap();
        assert!(view().latest_live().is_none(), "abandoned by this clock");
        let mut runs = RunsFolder::new(&data.runs_dir());
        assert!(!runs.changed(&data.runs_dir()), "nothing written yet");
        assert!(view().latest_written(&runs.written).is_none());

        write(Event::TimerPaused { at: Place::START }, start + 60_000);
        assert!(runs.changed(&data.runs_dir()));
        let found = view();
        let found = found.latest_written(&runs.written).map(|r| r.dir.id());
        assert_eq!(found, Some(run.id()));

        // An ended run is not joined, written to or not.
        write(Event::Ended, start + 120_000);
        assert!(runs.changed(&data.runs_dir()));
        assert!(view().latest_written(&runs.written).is_none());
    }
}
