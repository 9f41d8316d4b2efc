//! The stage's views: pure functions of the stage and "now" to a frame, one per region.
//!
//! ```text
//! ┌ Dalaspåret · Kick off ─────────────────────────── 09:42 ┐
//! │ Punkt 3 av 9 · Samtal · Fråga 1 av 2                     │  position
//! │ Vad tar du med dig från föredraget?                      │  question, large
//! │            ██ ████  ████                                 │  countdown
//! │            PÅGÅR · tid kvar av 15 min                    │  phase in words
//! │ Nästa: Paus (15 min)                                     │  what comes next
//! │ planerat slut 11:30 · beräknat slut 11:44, 14 min efter  │  projection
//! └ space starta / pausa · n nästa · … ─────────────────────┘  hints
//! ```

mod budget;
mod console;
mod help;
mod lobby;
pub(crate) mod notes;
mod overlay;
mod recap;
mod stage_main;
mod zoomed;

pub use help::rows as help_rows;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Overlay, Stage};
use crate::run::Millis;

/// The glyphs the big countdown draws with, besides text: what a scan of every frame allows.
pub const COUNTDOWN_GLYPHS: &str = crate::ui::big_digits::GLYPHS;

pub fn draw(frame: &mut Frame, stage: &Stage, now: Millis) {
    let area = frame.area();
    if area.width < zoomed::MIN_WIDTH || area.height < zoomed::MIN_HEIGHT {
        let text = stage.ctx.ui.text();
        let message = text.window_too_small(zoomed::MIN_WIDTH, zoomed::MIN_HEIGHT);
        crate::ui::frame::say_too_small(frame, &message, &stage.ctx.ui.theme);
        return;
    }
    draw_in(frame, area, stage, now);
}

/// The stage and its overlay in `area` of the frame: the replay draws the stage as it stood
/// with these same views, above its timeline.
pub fn draw_in(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    // A zoomed terminal (a large font) gets the stage in plain lines, not the big countdown.
    if zoomed::applies(area) {
        zoomed::draw(frame, area, stage, now);
    } else {
        stage_main::draw(frame, area, stage, now);
    }
    match &stage.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::draw(frame, area, stage, *scroll),
        Overlay::Overview { selected } => {
            overlay::overview(frame, area, stage, *selected, None, now)
        }
        Overlay::Fit { proposal, selected } => {
            overlay::overview(frame, area, stage, *selected, Some(proposal), now)
        }
        Overlay::LateStart => overlay::late_start(frame, area, stage, now),
        Overlay::Groups { selected } => overlay::groups(frame, area, stage, *selected),
        Overlay::ConfirmQuit => {
            let text = stage.ctx.ui.text();
            overlay::confirm(frame, area, stage, text.quit_title(), text.quit_running)
        }
        Overlay::ConfirmEnd => {
            let text = stage.ctx.ui.text();
            overlay::confirm(frame, area, stage, text.end_title(), text.end_meeting)
        }
        Overlay::ConfirmQuitUnsaved => {
            let text = stage.ctx.ui.text();
            let question = text.quit_unsaved(stage.notice.unsaved);
            overlay::confirm(frame, area, stage, text.quit_title(), &question)
        }
        Overlay::ConfirmQuitTyping => {
            let text = stage.ctx.ui.text();
            overlay::confirm(frame, area, stage, text.quit_title(), text.quit_typing())
        }
    }
}
