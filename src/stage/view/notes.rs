//! The notes of the current question on the stage, and the editor below them when it is open.
//!
//! ```text
//! ╭ Anteckningar ────────────────────╮
//! │ Hela gruppen                      │  notes, grouped by group, newest in view
//! │ Grupp Siljan · Anna · 10:42       │
//! ╰───────────────────────────────────╯
//! ╭ Anteckning · Grupp Siljan · Fråga 2 ╮  the editor, when open
//! ```

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::run::{NoteId, Place};
use crate::session::ItemKind;
use crate::stage::Stage;
use crate::stage::notes::order::Shown;
use crate::stage::notes::panel::Focus;
use crate::stage::notes::{Ctx, editor, panel};

/// What the notes panel and the editor are drawn with: the run's groups and where notes go.
pub(super) fn ctx(stage: &Stage) -> Ctx<'_> {
    Ctx {
        ui: &stage.ctx.ui,
        session: &stage.run.session,
        group: stage.target().1,
        here: Some(stage.view_place()),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage) {
    let ctx = ctx(stage);
    let (notes_area, editor_area) = match stage.editor.as_ref().filter(|_| stage.editor_open) {
        Some(open) => {
            let height =
                editor::preferred_height(open, area.width).clamp(5, (area.height / 2).max(5));
            let [notes, editor] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(area);
            (notes, Some((editor, open)))
        }
        None => (area, None),
    };
    let breakout = stage.viewing(ItemKind::Breakout);
    let key = PanelKey {
        notes: stage.run.notes_changes,
        place: stage.view_place(),
        area: notes_area,
        selected: stage.selected.clone(),
        group: ctx.group.map(str::to_string),
        breakout,
    };
    let mut drawn = stage.notes_panel.borrow_mut();
    match drawn.as_ref().filter(|d| d.key == key) {
        Some(same) => copy(&same.cells, frame.buffer_mut(), notes_area),
        None => {
            let order = stage.note_order();
            let notes = Shown::new(&stage.run.notes, &order);
            let focus = Focus {
                selected: stage.selected.as_ref(),
                scroll: 0,
            };
            if breakout {
                panel::draw_breakout(frame, notes_area, notes, &ctx, focus);
            } else {
                panel::draw_notes(frame, notes_area, notes, &ctx, focus);
            }
            let mut cells = Buffer::empty(notes_area);
            copy(frame.buffer_mut(), &mut cells, notes_area);
            *drawn = Some(Drawn { key, cells });
        }
    }
    if let Some((area, open)) = editor_area {
        editor::draw(frame, area, open, &ctx);
    }
}

/// The notes panel as last drawn, with what it was drawn from. The stage redraws every second
/// for its countdown (and for every key typed), and wrapping the notes in view was the largest
/// part of such a frame; the panel is a pure function of the key's parts (the notes' version,
/// the place, the area, the selection and the target group; language, theme and session do not
/// change while a stage runs), so the same key gives the same cells.
#[derive(Debug, Clone)]
pub struct Drawn {
    key: PanelKey,
    cells: Buffer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PanelKey {
    /// [`RunState::notes_changes`](crate::run::state::RunState::notes_changes).
    notes: u64,
    place: Place,
    area: Rect,
    selected: Option<NoteId>,
    group: Option<String>,
    breakout: bool,
}

/// Copies the cells of `area` (inside both buffers) from one buffer to the other.
fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let (a, b) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[b..b + width].clone_from_slice(&from.content[a..a + width]);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    use crate::i18n::Lang;
    use crate::run::state::RunState;
    use crate::run::{Entry, Event, NoteKind, Record, Role};
    use crate::stage::{Action, Context, Stage, view};
    use crate::ui::theme::{Theme, ThemeName};

    const NINE: i64 = 1_600_333_200_000;

    fn note(seq: u64, text: &str, group: Option<&str>) -> Entry {
        Entry {
            writer: Arc::from("eva-e00005"),
            record: Record {
                hlc: None,
                at: NINE + seq as i64 * 1000,
                seq,
                ev: Event::NoteSaved {
                    at: crate::run::Place::START,
                    group: group.map(str::to_string),
                    kind: NoteKind::Note,
                    text: text.into(),
                    by: "Eva".into(),
                },
            },
        }
    }

    fn stage() -> Stage {
        let session =
            crate::session::parse::parse_session(include_str!("../../../sessions/kickoff.ron"))
                .unwrap();
        let facilitator = |seq: u64, ev: Event| Entry {
            writer: Arc::from("anna-a00001"),
            record: Record {
                hlc: None,
                at: NINE,
                seq,
                ev,
            },
        };
        let joined = Event::Joined {
            name: "Anna".into(),
            role: Role::Facilitator,
        };
        let started = Event::TimerStarted {
            at: crate::run::Place::START,
        };
        let entries: Vec<Entry> = [facilitator(1, joined), facilitator(2, started)]
            .into_iter()
            .chain((1..=40).map(|i| note(i, &format!("Anteckning {i} om det vi pratade om"), None)))
            .collect();
        let run = RunState::fold(Arc::new(session), &entries);
        let ctx = Context {
            ui: crate::ui::Ctx {
                lang: Lang::Sv,
                theme: Theme::new(ThemeName::Dark, false),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "20200917-0900-kickoff-abcd".into(),
            track: None,
            start_of_day: NINE,
            author: "Eva".into(),
            recap: Vec::new(),
            role: Role::Facilitator,
        };
        Stage::new(run, ctx, true, NINE)
    }

    fn draw(stage: &Stage, width: u16, height: u16) -> Buffer {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| view::draw(frame, stage, NINE + 60_000))
            .unwrap();
        terminal.backend().buffer().clone()
    }

    /// The same stage drawn with nothing kept from earlier frames.
    fn afresh(stage: &Stage, width: u16, height: u16) -> Buffer {
        let fresh = stage.clone();
        *fresh.notes_panel.borrow_mut() = None;
        draw(&fresh, width, height)
    }

    #[test]
    fn the_kept_panel_is_drawn_again_until_what_it_shows_changes() {
        let mut stage = stage();
        let first = draw(&stage, 120, 40);
        // Nothing changed: the next frame takes the kept cells (spoilt here, to see it does).
        if let Some(drawn) = stage.notes_panel.borrow_mut().as_mut() {
            for cell in &mut drawn.cells.content {
                cell.set_symbol("#");
            }
        }
        assert!(
            draw(&stage, 120, 40)
                .content
                .iter()
                .any(|c| c.symbol() == "#"),
            "the kept panel was used"
        );
        *stage.notes_panel.borrow_mut() = None;
        assert_eq!(draw(&stage, 120, 40), first);

        // Each change of what the panel shows draws it again, as a stage drawn afresh would.
        let changes: [&dyn Fn(&mut Stage); 4] = [
            &|s| {
                s.update(Action::SelectPrevious, NINE + 60_000);
            },
            &|s| {
                s.run
                    .apply(&note(41, "En ny anteckning", Some("Grupp Siljan")))
            },
            &|s| {
                s.update(Action::ClearSelection, NINE + 60_000);
            },
            &|s| {
                s.update(Action::Write, NINE + 60_000);
            },
        ];
        for change in changes {
            change(&mut stage);
            for (width, height) in [(120, 40), (200, 60), (80, 24)] {
                assert_eq!(draw(&stage, width, height), afresh(&stage, width, height));
            }
        }
    }
}
