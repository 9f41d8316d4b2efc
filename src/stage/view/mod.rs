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

mod clock;
mod countdown;
mod help;
mod lobby;
mod notes;
mod overlay;
mod recap;
mod stage_main;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub use clock::{at_time_of_day, hh_mm, local};
pub use overlay::{centered, fit};

use super::{Overlay, Stage};
use crate::run::Millis;

/// Smallest terminal the stage draws in; below it a clear message instead of a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

pub fn draw(frame: &mut Frame, stage: &Stage, now: Millis) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, stage, area);
        return;
    }
    stage_main::draw(frame, area, stage, now);
    match &stage.overlay {
        Overlay::None => {}
        Overlay::Help => help::draw(frame, area, stage),
        Overlay::Overview { selected } => overlay::overview(frame, area, stage, *selected, now),
        Overlay::Groups { selected } => overlay::groups(frame, area, stage, *selected),
        Overlay::ConfirmQuit => {
            overlay::confirm(frame, area, stage, stage.ctx.lang.text().quit_running)
        }
        Overlay::ConfirmEnd => {
            overlay::confirm(frame, area, stage, stage.ctx.lang.text().end_meeting)
        }
    }
}

/// "Fönstret är för litet (minst 60 × 20)", centred, wrapped to whatever width there is.
pub fn too_small(frame: &mut Frame, stage: &Stage, area: Rect) {
    let text = stage.ctx.lang.text().too_small;
    let middle = Rect {
        y: area.y + area.height / 2,
        height: area.height.min(3),
        ..area
    };
    let paragraph = Paragraph::new(Line::from(text).style(stage.ctx.theme.error))
        .centered()
        .wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(paragraph, middle.intersection(area));
}
