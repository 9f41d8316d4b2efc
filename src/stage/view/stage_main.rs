//! The stage itself, under any overlay.
//!
//! ```text
//! ╭ Dalaspåret · Kick off ────────────────────────────── 09:42 ╮
//! │ Punkt 3 av 9 · Samtal · Fråga 1 av 2                        │ position
//! │ Samtal efter föredraget                                      │ item title
//! │ Talare: … / Tillbaka 10:45 / Tur 3 av 15: Falun · Näst: …    │ item detail
//! │        Vad tar du med dig från föredraget?                   │ question
//! │                 (big countdown + phase in words)             │
//! │ ╭ Processledarens anteckningar ╮ (only when shown)           │
//! │ Nästa: Paus (15 min)                                         │
//! │ planerat slut 11:30 · beräknat slut 11:44, 14 min efter      │
//! ╰ space starta / pausa · n → nästa · … ───────────────────────╯
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::budget;
use crate::run::Millis;
use crate::run::Role;
use crate::session::{Item, ItemKind, Step};
use crate::stage::Stage;
use crate::ui::clock::hh_mm;
use crate::ui::fit::{fit_spans, lines as wrap_lines};
use crate::ui::fit::{truncate, width};
use crate::ui::{countdown, place};

pub fn draw(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    if stage.focus {
        draw_focus(frame, area, stage, now);
        return;
    }
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let clock = format!(" {} ", hh_mm(now, &stage.ctx.ui.tz));
    // The title never runs into the clock: it ends in "…" first. A console says first that it
    // is private: the room watches the show's window.
    let heading = place::heading(&stage.run.session, stage.ctx.track.as_deref());
    let title = if super::console::attached(stage) {
        format!("{} · {heading}", text.private_console())
    } else {
        heading
    };
    let title_room = usize::from(area.width).saturating_sub(width(&clock) + 8);
    let inner = crate::ui::frame::screen(
        frame,
        area,
        theme,
        Line::from(format!(" {} ", truncate(&title, title_room))),
        Some(Line::from(clock)),
        hint_line(stage, area.width.saturating_sub(4), now),
    );

    let columns = usize::from(inner.width);
    // A flash that does not fit beside the rest of the status (a note deleted elsewhere, with
    // names and first words) gets rows of its own above it, wrapped at words: cut at the edge
    // it would not say who can bring the note back.
    let status_text = status_line(stage, now);
    let flash = match &stage.notice.flash {
        Some(flash) if width(&status_text) > columns => {
            wrap_lines(flash, columns, crate::ui::deletion::NOTICE_ROWS)
        }
        _ => Vec::new(),
    };
    let status_text = if flash.is_empty() {
        status_text
    } else {
        status_parts(stage, now).join(" · ")
    };
    let [middle, next, projection, flash_rows, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::try_from(flash.len()).unwrap_or(0)),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(flash).style(theme.accent), flash_rows);
    let lobby = stage.run.started_at.is_none()
        && stage.view_place() == crate::run::Place::START
        && !stage.editor_open;
    if stage.run.ended_at.is_some() && stage.ctx.role == Role::Facilitator {
        draw_over(frame, middle, stage, now);
    } else if lobby {
        let [position, title, rest] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(middle);
        draw_heading_lines(frame, position, title, stage);
        super::lobby::draw(frame, rest, stage);
    } else {
        // One size of countdown for the whole meeting: see `budget`.
        let scale =
            budget::meeting_scale(stage, |kind| split_for_notes(stage, Some(kind), middle).0);
        if takes_no_notes(stage) {
            draw_content(frame, middle, stage, now, scale);
        } else {
            let kind = item_on_screen(stage).map(|(item, _)| &item.kind);
            let (content, notes) = split_for_notes(stage, kind, middle);
            draw_content(frame, content, stage, now, scale);
            super::notes::draw(frame, notes, stage);
        }
    }
    if stage.run.ended_at.is_none() {
        frame.render_widget(
            Paragraph::new(truncate(
                &place::next(text, &stage.run, stage.view_place()),
                columns,
            ))
            .style(theme.dim),
            next,
        );
    }
    // After the end the middle of the screen says when it ended.
    if stage.run.ended_at.is_none() || stage.ctx.role == Role::NoteTaker {
        frame.render_widget(
            Paragraph::new(fit_spans(projection_line(stage, now), columns)),
            projection,
        );
    }
    match &stage.notice.save_error {
        Some(error) => {
            let line = format!("{}: {error}", text.not_saved_retrying);
            frame.render_widget(
                Paragraph::new(truncate(&crate::text::clean_line(&line), columns))
                    .style(theme.error),
                status,
            );
        }
        None => frame.render_widget(
            Paragraph::new(truncate(&status_text, columns)).style(theme.dim),
            status,
        ),
    }
}

/// `z`: only the question (or, without one, the item's title) and the countdown, for the moments
/// the room should see nothing else.
///
/// ```text
///        Vad väckte föredraget hos dig?
///
///     ▄██▄    ▄█▄   ▄▄  ▄██▄  ███▀
///     █  █     █        █  █  █▄▄
///     ▀██▀    ▀▀▀   ▀▀  ▀██▀  ▀▀▀
///        PÅGÅR · tid kvar av 6 min
/// ```
fn draw_focus(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let theme = &stage.ctx.ui.theme;
    let text = stage.ctx.ui.text();
    if area.width < 4 || area.height < 4 {
        return;
    }
    let inner = area.inner(ratatui::layout::Margin::new(2, 1));
    let place = stage.view_place();
    let session = &stage.run.session;
    let words = match session.steps(place.item).get(place.step) {
        Some(Step::Question(q)) => q.text.clone(),
        Some(Step::Turn {
            prompt: Some(p), ..
        }) => (*p).to_string(),
        _ => session
            .agenda
            .get(place.item)
            .map_or_else(String::new, |i| i.title.clone()),
    };
    let most = (inner.height / 3).max(1);
    let lines = wrap_lines(&words, usize::from(inner.width), usize::from(most));
    let [question, gap, timer] = Layout::vertical([
        Constraint::Length(u16::try_from(lines.len()).unwrap_or(most)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let _ = gap;
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.text.add_modifier(ratatui::style::Modifier::BOLD))
            .centered(),
        question,
    );
    if let Some(timebox) = stage.run.current() {
        countdown::draw(frame, timer, timebox, text, theme, now, None);
    }
}

/// After the last item: the meeting is over, when it ended against the plan, and where the
/// notes go from here.
///
/// ```text
///                    Träffen är slut
///    slutade 12:14 · planerat slut 12:00, 14 min efter
///   Anteckningarna som dokument: spar export 20200917-…
/// ```
fn draw_over(frame: &mut Frame, area: Rect, stage: &Stage, now: Millis) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let columns = usize::from(area.width);
    let lines = vec![
        Line::from(Span::styled(text.meeting_over, theme.title)),
        Line::from(""),
        fit_spans(projection_line(stage, now), columns),
        Line::from(""),
        Line::from(Span::styled(
            truncate(&text.export_hint(&stage.ctx.run_id), columns),
            theme.accent,
        )),
    ];
    let height = u16::try_from(lines.len()).unwrap_or(0);
    let at = Rect {
        y: area.y + area.height.saturating_sub(height) / 2,
        height: height.min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(lines).centered(), at);
}

/// Whether the facilitator's stage leaves the notes panel out: on an instruction ("Alone, in
/// silence") or a break nobody writes notes on, a panel saying "No notes yet" only takes the
/// question's room. A note written there anyway brings the panel back, and so does an open
/// editor; a note-taker's screen always has it (they may write on any step).
fn takes_no_notes(stage: &Stage) -> bool {
    let place = stage.view_place();
    let session = &stage.run.session;
    let quiet = match session.steps(place.item).get(place.step) {
        Some(Step::Question(q)) => q.instruction,
        Some(Step::Whole(_)) => stage.viewing(ItemKind::Break),
        _ => false,
    };
    quiet
        && stage.ctx.role == Role::Facilitator
        && !stage.editor_open
        && !stage.run.notes.iter().any(|n| !n.deleted && n.at == place)
}

/// The stage beside the notes on a wide window, above them on a narrow one or for a breakout
/// (whose groups need the whole width side by side).
fn split_for_notes(stage: &Stage, kind: Option<&ItemKind>, area: Rect) -> (Rect, Rect) {
    let breakout = kind == Some(&ItemKind::Breakout);
    if stage.ctx.role == Role::NoteTaker {
        // A note-taker's screen is mostly the notes and the editor.
        let content_height = (area.height / 3).max(6);
        let [content, notes] =
            Layout::vertical([Constraint::Length(content_height), Constraint::Fill(1)]).areas(area);
        (content, notes)
    } else if area.width >= 110 && !breakout {
        let [content, notes] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        (content, notes)
    } else {
        // A recap's list needs the room more than the notes, which are few there.
        let recap = kind == Some(&ItemKind::Recap);
        let content_share = match (stage.editor_open, recap) {
            (true, _) => 45,
            (false, true) => 80,
            (false, false) => 60,
        };
        // With the editor open the countdown keeps its digits eight rows high (and its words)
        // above the position, title, detail and question: the notes give up rows before it
        // does, down to their heading and the editor.
        let share = area.height * content_share / 100;
        let content_rows = share
            .max(CONTENT_WITH_EDITOR)
            .min(area.height.saturating_sub(NOTES_WITH_EDITOR));
        let rows = if stage.editor_open {
            content_rows.max(share.min(area.height))
        } else {
            share
        };
        let [content, notes] =
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(area);
        (content, notes)
    }
}

/// Rows of the smallest facilitator-notes panel: its border and one line of the notes.
const FACILITATOR_PANEL_MIN: usize = 3;

/// Rows the stage's content keeps above an open editor: position, title, detail, question, and a
/// countdown of nine rows (digits eight rows high, the next size up from four, and its words).
const CONTENT_WITH_EDITOR: u16 = 13;
/// Rows the notes panel keeps with the editor open: its heading and the editor's five.
const NOTES_WITH_EDITOR: u16 = 6;

/// The item on screen and its timeboxes.
fn item_on_screen(stage: &Stage) -> Option<(&Item, Vec<Step<'_>>)> {
    let session = &stage.run.session;
    let item = stage.view_place().item;
    Some((session.agenda.get(item)?, session.steps(item)))
}

/// "Punkt 3 av 9 · Samtal · Fråga 1 av 2" and the item's title.
pub(super) fn draw_heading_lines(frame: &mut Frame, position: Rect, title: Rect, stage: &Stage) {
    let theme = &stage.ctx.ui.theme;
    let Some((item, _)) = item_on_screen(stage) else {
        return;
    };
    // One column stays free so that the line never runs into a panel beside it.
    let columns = usize::from(position.width).saturating_sub(1);
    let where_ = place::position(stage.ctx.ui.text(), &stage.run, stage.view_place(), columns);
    frame.render_widget(
        Paragraph::new(truncate(&where_, columns)).style(theme.dim),
        position,
    );
    let lines = wrap_lines(&item.title, columns, usize::from(title.height));
    frame.render_widget(Paragraph::new(lines).style(theme.title), title);
}

/// Where we are, the question large, the countdown in the rows [`budget`] gives it at the
/// meeting's one scale, and the facilitator's notes when shown. A recap's list and a break's
/// "back at" time stand between the words and the countdown.
fn draw_content(
    frame: &mut Frame,
    inner: Rect,
    stage: &Stage,
    now: Millis,
    scale: Option<crate::ui::big_digits::Scale>,
) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let Some((item, steps)) = item_on_screen(stage) else {
        return;
    };
    let place = stage.view_place();
    let step = steps
        .get(place.step)
        .copied()
        .unwrap_or(Step::Whole(item.minutes));
    let columns = usize::from(inner.width);

    let question = place::question(step);
    let detail_text = place::detail(&stage.ctx.ui, &stage.run, place, step, now);
    let words = budget::words(stage, item, step, inner);
    let countdown_rows = budget::countdown_rows(stage, place.item, inner);
    // The countdown's own rows at the meeting's scale.
    let timer_rows = scale.map_or(countdown_rows, |s| {
        countdown::rows_at(s).min(countdown_rows)
    });
    // The countdown's rows come first, from the bottom: a long text is cut, never the digits.
    // What its room has beyond the digits goes above and below them; a break's time and a
    // recap's list take most of it, above.
    let spare = countdown_rows.saturating_sub(timer_rows);
    let console = super::console::attached(stage) && item.kind != ItemKind::Recap;
    let below = match item.kind {
        _ if console => spare,
        ItemKind::Break | ItemKind::Recap => spare / 5,
        _ => spare / 2,
    };
    let text_rows = usize::from(inner.height.saturating_sub(timer_rows + below));
    let title_lines = wrap_lines(&item.title, columns, words.title.max(1));
    let invitation = item
        .invitation
        .as_deref()
        .map(|i| wrap_lines(i, columns, words.invitation.max(1)));
    // The facilitator's notes get the rows their panel wants (its border and a line at least)
    // among the rows the other words and a line of the question leave, or none: a panel with
    // only its top border reads as a glitch beside the countdown.
    let others = words.total() - words.question - words.recap - words.facilitator;
    let panel_room = text_rows.saturating_sub(others + words.question.min(1));
    let panel_rows = if panel_room >= FACILITATOR_PANEL_MIN {
        words.facilitator.min(panel_room)
    } else {
        0
    };
    let facilitator = item.notes.as_deref().filter(|_| {
        panel_rows > 0 && (stage.show_facilitator_notes || super::console::attached(stage))
    });
    // The question takes the rows the other words leave, cut with "…" only past them.
    let question_room = text_rows.saturating_sub(others + panel_rows).max(1);
    let question_lines = question.map(|q| wrap_lines(q, columns, question_room));
    let question_height = question_lines.as_ref().map_or(0, Vec::len);

    let as_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let [words_area, timer, under] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(timer_rows),
        Constraint::Length(below),
    ])
    .areas(inner);
    let [
        position,
        title,
        detail,
        invitation_area,
        _,
        question_area,
        between,
        notes_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(as_u16(title_lines.len())),
        Constraint::Length(u16::from(words.detail)),
        Constraint::Length(as_u16(invitation.as_ref().map_or(0, Vec::len))),
        Constraint::Length(u16::from(words.spacious)),
        Constraint::Length(as_u16(question_height)),
        Constraint::Fill(1),
        Constraint::Length(as_u16(panel_rows)),
    ])
    .areas(words_area);
    draw_heading_lines(frame, position, title, stage);
    if console {
        // The room reads the show's countdown: the console takes the rows under this one.
        super::console::draw(frame, under, stage, now);
    }
    if item.kind == ItemKind::Recap {
        super::recap::draw(frame, between, stage);
    }
    let break_time = (item.kind == ItemKind::Break && stage.run.current().is_some())
        .then(|| place::back_at(&stage.ctx.ui, &stage.run, now));
    match break_time {
        // A break: "Tillbaka" / "Back at" and the time, as large as the room above the
        // countdown allows; the one thing the room needs to know.
        Some(time) if draw_back_at(frame, between, stage, &time) => {}
        _ => frame.render_widget(
            Paragraph::new(truncate(&detail_text, columns)).style(theme.accent),
            detail,
        ),
    }
    if let Some(lines) = invitation {
        let paragraph = Paragraph::new(lines).style(theme.accent).centered();
        frame.render_widget(paragraph, invitation_area);
    }
    if let Some(lines) = question_lines {
        let paragraph =
            Paragraph::new(lines).style(theme.text.add_modifier(ratatui::style::Modifier::BOLD));
        frame.render_widget(paragraph.centered(), question_area);
    }
    if let Some(timebox) = stage.run.current() {
        if stage.ctx.role == Role::NoteTaker {
            draw_following(frame, timer, stage, timebox, now);
        } else {
            countdown::draw(frame, timer, timebox, text, theme, now, scale);
        }
    }
    if let Some(notes) = facilitator {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme.border)
            .title(Line::from(format!(" {} ", text.facilitator_notes)).style(theme.dim));
        let most = usize::from(notes_area.height.saturating_sub(2));
        let lines = wrap_lines(notes, usize::from(notes_area.width.saturating_sub(4)), most);
        let paragraph = Paragraph::new(lines)
            .style(theme.dim)
            .block(block.padding(ratatui::widgets::Padding::horizontal(1)));
        frame.render_widget(paragraph, notes_area);
    }
}

/// A break's "Tillbaka" / "Back at" over the time in big digits, centred in `area`; false (and
/// nothing drawn) when the smallest big digits do not fit there.
fn draw_back_at(frame: &mut Frame, area: Rect, stage: &Stage, time: &str) -> bool {
    let theme = &stage.ctx.ui.theme;
    let label = stage.ctx.ui.text().back_at_label();
    // A blank row under the time keeps it apart from the countdown's digits.
    let [words, digits, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if !countdown::draw_time(frame, digits, time, theme.accent) {
        return false;
    }
    frame.render_widget(
        Paragraph::new(truncate(label, usize::from(area.width)))
            .style(theme.accent)
            .centered(),
        words,
    );
    true
}

/// A note-taker's countdown, small, and whether they follow the facilitator.
///
/// ```text
/// 12:05 · PÅGÅR · tid kvar av 15 min
/// Följer processledaren
/// ```
fn draw_following(
    frame: &mut Frame,
    area: Rect,
    stage: &Stage,
    timebox: &crate::run::timer::Timebox,
    now: Millis,
) {
    let text = stage.ctx.ui.text();
    let theme = &stage.ctx.ui.theme;
    let style = theme.phase(timebox.phase(now));
    let clock = crate::run::timer::format_countdown(timebox.remaining_ms(now));
    let status = countdown::status_line(text, timebox, now);
    let columns = usize::from(area.width);
    // Everyone sees the end: not a paused countdown with time left.
    if let Some(ended) = stage.run.ended_at {
        let ended = text.ended_at(&hh_mm(ended, &stage.ctx.ui.tz));
        let lines = vec![
            Line::from(Span::styled(
                truncate(text.meeting_over, columns),
                theme.title,
            )),
            Line::from(Span::styled(truncate(&ended, columns), theme.dim)),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let (first, following) = match stage.own {
        None => (
            format!("{clock} · {status}"),
            Span::styled(truncate(text.following, columns), theme.dim),
        ),
        // Stepped away: the countdown is the facilitator's, of another question.
        Some(_) => {
            let place = stage.run.place;
            let question = (stage.run.steps(place.item) > 1).then_some(place.step + 1);
            let at = match question {
                Some(q) if place.item == stage.view_place().item => text.question_word(q),
                _ => text.place_word(place.item + 1, question),
            };
            (
                format!("{} · {status}", text.facilitator_at(&at, &clock)),
                Span::styled(truncate(text.not_following, columns), theme.low),
            )
        }
    };
    let lines = vec![
        Line::from(Span::styled(truncate(&first, columns), style)),
        Line::from(following),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The projected end of the stage (see [`place::projection`]).
pub(super) fn projection_line(stage: &Stage, now: Millis) -> Line<'static> {
    place::projection(&stage.ctx.ui, &stage.run, &stage.projection(now), now)
}

/// What the last key did (or a note deleted elsewhere), where notes go, and whether the bell is
/// muted.
pub(super) fn status_line(stage: &Stage, now: Millis) -> String {
    // What the last key did, or a note deleted elsewhere, first of all: it is said once, until
    // the next key, and must not be cut off at the end of a long line.
    let flash = stage.notice.flash.iter().cloned();
    flash
        .chain(status_parts(stage, now))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The status without the flash: where notes go, and whether the bell is muted.
fn status_parts(stage: &Stage, now: Millis) -> Vec<String> {
    let text = stage.ctx.ui.text();
    let group = stage.target().1.unwrap_or(text.whole_group);
    // A note-taker gone quiet comes first, in words: on a narrow window it must not be cut off.
    let quiet: Vec<String> = match stage.ctx.role {
        Role::Facilitator => crate::run::quiet::quiet_note_takers(&stage.run, now)
            .into_iter()
            .map(|(name, _, minutes)| format!("{name}: {}", text.quiet_for(minutes)))
            .collect(),
        _ => Vec::new(),
    };
    let mut parts = quiet;
    parts.push(format!("{}: {group}", text.notes_go_to));
    if stage.bell_muted && stage.ctx.role == Role::Facilitator {
        parts.push(text.bell_muted.to_string());
    }
    let takers = stage.run.note_takers();
    if stage.ctx.role == Role::Facilitator && !takers.is_empty() {
        let takers: Vec<String> = takers
            .iter()
            .map(|(name, group)| format!("{name} ({})", group.unwrap_or(text.whole_group)))
            .collect();
        parts.push(format!("{}: {}", text.taking_notes, takers.join(", ")));
    }
    let screens = stage.run.screens();
    if stage.ctx.role == Role::Facilitator && screens > 0 {
        parts.push(text.screens_attached(screens));
    }
    if let Some(by) = &stage.notice.taken_over_by {
        parts.push(text.taken_over(by));
    }
    if stage.notice.unsaved_notes > 0 {
        parts.push(text.notes_saving(stage.notice.unsaved_notes));
    } else if !stage.editor_open && stage.editor.as_ref().is_some_and(|e| !e.text().is_empty()) {
        parts.push(text.draft_kept.to_string());
    }
    if stage.notice.skipped > 0 {
        parts.push(text.skipped_lines(stage.notice.skipped));
    }
    if stage.notice.too_large > 0 {
        parts.push(text.files_too_large(stage.notice.too_large));
    }
    if stage.notice.held > 0 {
        parts.push(text.events_held(stage.notice.held));
    }
    let refused = stage.run.refused_count();
    if refused > 0 {
        parts.push(text.events_refused(refused));
    }
    if let Some(seconds) = stage.notice.clock_off {
        parts.push(text.clock_off(seconds));
    }
    if stage.notice.copies > 0 {
        parts.push(text.conflict_copies_read(stage.notice.copies));
    }
    parts.extend(stage.notice.set_aside.iter().cloned());
    parts
}

/// The hint bar of the mode in force: the keys this role has that do something now; `F` (fit the
/// rest into the planned end) among the first while the meeting runs late.
pub(super) fn hint_line(stage: &Stage, width: u16, now: Millis) -> Line<'static> {
    let behind = stage.run.started_at.is_some()
        && stage.projection(now).delta_minutes() > 0
        && matches!(stage.overlay, crate::stage::Overlay::None)
        && !stage.editor_open;
    let fit = stage
        .active_bindings()
        .find(|b| b.action == crate::stage::Action::Fit && behind)
        .map(|b| crate::ui::keymap::Binding {
            hint: true,
            describe: |t| t.fit_hint(),
            ..*b
        });
    // After the first hint (space: start / pause), so that both stay at 80 columns.
    let mut active = stage.active_bindings();
    let mut bindings: Vec<&crate::ui::keymap::Binding<crate::stage::Action>> = Vec::new();
    bindings.extend(active.next());
    bindings.extend(fit.iter());
    for binding in active {
        bindings.push(binding);
    }
    crate::ui::keymap::hint_line(bindings, stage.ctx.ui.text(), &stage.ctx.ui.theme, width)
}
