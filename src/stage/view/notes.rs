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
use ratatui::layout::{Constraint, Layout, Rect};

use crate::session::ItemKind;
use crate::stage::Stage;
use crate::stage::notes::order::Shown;
use crate::stage::notes::panel::Focus;
use crate::stage::notes::{Ctx, editor, panel};

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage) {
    let ctx = Ctx {
        ui: &stage.ctx.ui,
        session: &stage.run.session,
        group: stage.target().1,
        here: Some(stage.view_place()),
    };
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
    let order = stage.note_order();
    let notes = Shown::new(&stage.run.notes, &order);
    let breakout = stage.viewing(ItemKind::Breakout);
    let focus = Focus {
        selected: stage.selected.as_ref(),
        scroll: 0,
    };
    if breakout {
        panel::draw_breakout(frame, notes_area, notes, &ctx, focus);
    } else {
        panel::draw_notes(frame, notes_area, notes, &ctx, focus);
    }
    if let Some((area, open)) = editor_area {
        editor::draw(frame, area, open, &ctx);
    }
}
