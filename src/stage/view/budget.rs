//! How the stage's content area is shared between its words and the big countdown.
//!
//! ```text
//! │ Punkt 3 av 9 · Samtal · Fråga 1 av 2      │ ┐
//! │ Samtal efter föredraget                    │ │ text: the rows the wordiest step of
//! │ Vad tar du med dig från föredraget?        │ ┘ the meeting needs (at most half)
//! │        ████ ████   ██ ██                   │ ┐ countdown: the same digits on every
//! │        PÅGÅR · tid kvar av 15 min          │ ┘ item and step at this window size
//! ```
//!
//! The room reads the countdown from across a video call: digits that shrink or jump when the
//! facilitator moves on to a talk, a break or a question with a longer text read as a glitch.
//! So the countdown's scale is chosen once for the whole meeting at a window size: the smallest
//! of the scales that every item's layout leaves room for.

use ratatui::layout::Rect;

use crate::run::Role;
use crate::session::{Item, ItemKind, Step};
use crate::stage::Stage;
use crate::ui::big_digits::Scale;
use crate::ui::fit::rows;

/// Rows of the smallest big countdown with its words: four rows of digits and one line.
pub const MIN_COUNTDOWN: u16 = 5;
/// Rows of a countdown that reads from the back of the room: seven rows of digits and a line.
const READABLE: u16 = 8;

/// The rows a step's words take above its countdown.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub title: usize,
    pub detail: bool,
    pub invitation: usize,
    /// A blank row under the heading on a tall enough area.
    pub spacious: bool,
    pub question: usize,
    pub facilitator: usize,
    /// A recap's list of open actions and parked questions.
    pub recap: usize,
}

impl Words {
    pub fn total(&self) -> usize {
        1 + self.title
            + usize::from(self.detail)
            + self.invitation
            + usize::from(self.spacious)
            + self.question
            + self.facilitator
            + self.recap
    }
}

/// Whether an area is tall enough for two-line titles and a blank row under the heading.
pub fn spacious(area: Rect) -> bool {
    area.height >= 16
}

/// The rows `step` of `item` needs in `area`, its question unwrapped to any length.
pub fn words(stage: &Stage, item: &Item, step: Step, area: Rect) -> Words {
    let columns = usize::from(area.width);
    let spacious = spacious(area);
    let two_or_one = if spacious { 2 } else { 1 };
    let question = match step {
        Step::Question(q) => Some(q.text.as_str()),
        Step::Turn { prompt, .. } => prompt,
        Step::Whole(_) => None,
    };
    let facilitator = item
        .notes
        .as_deref()
        .filter(|_| stage.show_facilitator_notes || super::console::attached(stage))
        .map_or(0, |n| {
            let most = usize::from(area.height / 3).saturating_sub(2).max(1);
            rows(n, columns.saturating_sub(4)).min(most) + 2
        });
    let recap = match (&item.kind, stage.ctx.recap.is_empty()) {
        (ItemKind::Recap, true) => 1,
        (ItemKind::Recap, false) => usize::from(area.height / 3),
        _ => 0,
    };
    Words {
        title: rows(&item.title, columns).min(two_or_one),
        detail: matches!(
            (&item.kind, step),
            (_, Step::Turn { .. }) | (ItemKind::Talk { .. } | ItemKind::Break, _)
        ),
        invitation: item
            .invitation
            .as_deref()
            .map_or(0, |i| rows(i, columns).min(two_or_one)),
        spacious,
        question: question.map_or(0, |q| rows(q, columns)),
        facilitator,
        recap,
    }
}

/// The rows the countdown (digits and words) gets in `area`: what the wordiest step of the item
/// leaves, never less than [`MIN_COUNTDOWN`] nor, on a tall area, less than half of it.
pub fn countdown_rows(stage: &Stage, item: usize, area: Rect) -> u16 {
    if stage.ctx.role == Role::NoteTaker {
        // A note-taker's countdown is two lines of text under the question.
        return 2.min(area.height);
    }
    let session = &stage.run.session;
    let Some(it) = session.agenda.get(item) else {
        return area.height;
    };
    let mut steps = session.steps(item);
    if steps.is_empty() {
        steps.push(Step::Whole(it.minutes));
    }
    let most = steps
        .iter()
        .map(|s| words(stage, it, *s, area).total())
        .max()
        .unwrap_or(0);
    let most = u16::try_from(most).unwrap_or(u16::MAX);
    // Digits of two font pixels a row (seven rows and their words) where that leaves the words
    // three rows (where we are, the title, a line of the question): the smallest size that
    // reads across a video call.
    let readable = if area.height >= READABLE + 3 {
        READABLE
    } else {
        MIN_COUNTDOWN
    };
    let floor = readable.max(area.height / 2).min(area.height);
    area.height.saturating_sub(most).max(floor)
}

/// The one scale of the meeting's countdown in this window: the smallest that any item's
/// layout leaves room for, so the digits keep their size from item to item. `content` gives
/// the area an item's words and countdown share (which depends on its kind: a breakout's notes
/// go below, not beside).
pub fn meeting_scale(stage: &Stage, content: impl Fn(&ItemKind) -> Rect) -> Option<Scale> {
    let agenda = &stage.run.session.agenda;
    agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let area = content(&item.kind);
            crate::ui::countdown::scale_in(area.width, countdown_rows(stage, i, area))
        })
        .min_by_key(|s| s.map_or((0, 0), |(sx, sy)| (sy, sx)))
        .flatten()
}
