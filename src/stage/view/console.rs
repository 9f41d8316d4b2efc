//! The facilitator's console: while a room's screen (`spar show`) follows the run, the stage is
//! private, and the room the big countdown no longer needs holds what only the facilitator
//! needs: what the room sees, the items coming up, each note-taker and how fresh their journal
//! is, and the projected end in detail.
//!
//! ```text
//! Rummet ser: anteckningsväggen
//! beräknat slut 11:44 · 52 min kvar av träffen
//! Antecknar: Dana (Grupp Dalälven) · tyst 6 min
//! Antecknar: Sam (Grupp Siljan) · 3 s sedan
//! Sedan: Paus (15 min) · Föreläsning (40 min) · …
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::run::projection::MINUTE;
use crate::run::{Millis, Role};
use crate::stage::Stage;
use crate::ui::clock::hh_mm;
use crate::ui::fit::{lines as wrap_lines, truncate};

/// Whether the stage is a console: the facilitator's, with a room's screen attached.
pub fn attached(stage: &Stage) -> bool {
    stage.ctx.role == Role::Facilitator && stage.run.screens() > 0
}

/// The console's lines, as many as fit `area`, the most needed first.
pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let columns = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(
        truncate(&text.room_sees(&stage.run.room), columns),
        theme.accent,
    ))];
    let p = stage.projection(now);
    let left = p.projected_end.saturating_sub(now).max(0) / MINUTE;
    lines.push(Line::from(Span::styled(
        truncate(
            &format!(
                "{} {} · {}",
                text.projected_end,
                hh_mm(p.projected_end, &stage.ctx.ui.tz),
                text.meeting_left(left)
            ),
            columns,
        ),
        theme.text,
    )));
    let mut takers: Vec<_> = stage
        .run
        .writers
        .values()
        .filter(|w| w.role == Role::NoteTaker && !w.left)
        .collect();
    takers.sort_by(|a, b| (&a.name, &a.group).cmp(&(&b.name, &b.group)));
    // Worked out once for all of them, not once per line.
    let quiet = crate::run::quiet::quiet_note_takers(&stage.run, now);
    if takers.is_empty() {
        lines.push(Line::from(Span::styled(
            truncate(text.no_note_takers(), columns),
            theme.dim,
        )));
    }
    for w in takers {
        let group = w.group.as_deref().unwrap_or(text.whole_group);
        let key = (w.name.as_str(), w.group.as_deref());
        let quiet = quiet
            .binary_search_by(|q| (q.0, q.1).cmp(&key))
            .ok()
            .map(|i| quiet[i].2);
        // Gone quiet is said in words, and coloured besides.
        let (heard, style) = match quiet {
            Some(minutes) => (text.quiet_for(minutes), theme.low),
            None => {
                let ago = now.saturating_sub(w.last_seen).max(0) / 1000;
                (text.seen_ago(ago), theme.text)
            }
        };
        let line = format!("{}: {} ({group}) · {heard}", text.taking_notes, w.name);
        lines.push(Line::from(Span::styled(truncate(&line, columns), style)));
    }
    let session = &stage.run.session;
    let coming: Vec<String> = (stage.run.place.item + 1..session.agenda.len())
        .map(|i| {
            let item = &session.agenda[i];
            format!("{} ({})", item.title, text.minutes(i64::from(item.minutes)))
        })
        .collect();
    if !coming.is_empty() {
        let line = format!("{}: {}", text.coming_up(), coming.join(" · "));
        lines.extend(
            wrap_lines(&line, columns, 2)
                .into_iter()
                .map(|l| l.style(theme.dim)),
        );
    }
    lines.truncate(usize::from(area.height));
    frame.render_widget(Paragraph::new(lines), area);
}
