//! The notes on screen: the current question's notes grouped by group, and a breakout's groups
//! side by side. Pure functions of the notes, a [`Ctx`] and what is scrolled or selected.
//!
//! What fits is decided by time: the newest notes are always in view, older ones give way and
//! are counted ("↑ 3 äldre"). `scroll` hides that many of the newest notes instead ("↓ 2 nyare"),
//! and a selected note is always brought into view.

use std::collections::{HashMap, HashSet};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Ctx;
use super::order::Shown;
use crate::run::NoteId;
use crate::run::state::Note;
use crate::ui::clock::hh_mm;
use crate::ui::fit;
use crate::ui::labels::{group_name, kind_mark};

/// Where the viewer is in the notes: a selected note, always brought into view, and how many of
/// the newest notes are scrolled past.
#[derive(Debug, Clone, Copy, Default)]
pub struct Focus<'a> {
    pub selected: Option<&'a NoteId>,
    pub scroll: usize,
}

/// A breakout column is at least this wide; narrower, one group is shown at a time.
pub const MIN_COLUMN: u16 = 28;

/// Whether `columns` breakout columns of at least [`MIN_COLUMN`] fit side by side in `width`,
/// with a rule between them.
pub fn breakout_fits(width: u16, columns: usize) -> bool {
    let n = u16::try_from(columns).unwrap_or(u16::MAX);
    n > 0 && width.saturating_add(1) / n > MIN_COLUMN
}

/// The current question's notes, grouped by group, each with its mark.
///
/// ```text
/// Anteckningar ───────────────────────────────── ↑ 3 äldre ─
///   Hela gruppen · Anna · 10:42
///   Vi pratade om hur biblioteken kan nå fler, inte bara
///   de som redan kommer.
/// ▶ Hela gruppen · Anna · 10:44                                  selected
///   Beslut ✔ Vi startar en läsecirkel om digitalisering.
///
///   Grupp Siljan · Erik · 10:43
///   Åtgärd → Erik, klart senast 2020-10-01
///   Fråga kommunen om wifi i filialerna.
/// ```
pub fn draw_notes(frame: &mut Frame, area: Rect, notes: Shown, ctx: &Ctx, focus: Focus) {
    let title = Span::styled(ctx.ui.text().notes.to_string(), ctx.ui.theme.title);
    column(frame, area, vec![title], notes, ctx, focus, true);
}

/// A breakout: each group's notes in its own column, side by side where each gets at least
/// [`MIN_COLUMN`] columns; else the one group new notes go to (`ctx.group`), with "2/4" by its
/// name. Panels are chosen by group name, never by position. Notes for the whole group go in a
/// band above the columns, shown when there are any or when new notes go there. The column or
/// band where new notes go is marked ✎.
///
/// ```text
/// Hela gruppen ✎ ─────────────────────────────────────────────────────────────   (band)
///   Anna · 10:57
///   Fem minuter kvar.
/// Grupp Siljan ─────── │ Grupp Dalälven ─────── │ Grupp Bergslagen ───── │ …
///   Erik · 10:58        │   Lena · 11:01         │   Inga anteckningar än │
///
/// Grupp Dalälven ✎ · 2/4 ───────────────────────────────────── ↑ 1 äldre ─   (narrow)
///   Lena · 11:01
/// ```
pub fn draw_breakout(frame: &mut Frame, area: Rect, notes: Shown, ctx: &Ctx, focus: Focus) {
    let columns = notes.breakout_columns(&ctx.session.groups);
    if columns.is_empty() {
        draw_notes(frame, area, notes, ctx, focus);
        return;
    }
    let header = |group: Option<&str>, page: Option<(usize, usize)>| {
        let mut spans = vec![Span::styled(
            group_name(ctx.ui.text(), group).to_string(),
            ctx.ui.theme.title,
        )];
        if group == ctx.group {
            spans.push(Span::styled(" ✎".to_string(), ctx.ui.theme.accent));
        }
        if let Some((n, total)) = page {
            spans.push(Span::styled(format!(" · {n}/{total}"), ctx.ui.theme.dim));
        }
        spans
    };
    let whole = notes.of_group(None);
    let area = if !whole.is_empty() || ctx.group.is_none() {
        // The band takes what its notes need, at most a third of the panel.
        let width = usize::from(area.width);
        let needed = 1 + whole
            .iter()
            .map(|n| note_lines(n, ctx, width, false, false).len())
            .sum::<usize>()
            .max(1);
        let height = u16::try_from(needed)
            .unwrap_or(u16::MAX)
            .min(area.height / 3)
            .max(2)
            .min(area.height);
        let [band, rest] =
            Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area);
        column(frame, band, header(None, None), whole, ctx, focus, false);
        rest
    } else {
        area
    };
    if breakout_fits(area.width, columns.len()) {
        let mut constraints = Vec::new();
        for i in 0..columns.len() {
            if i > 0 {
                constraints.push(Constraint::Length(1));
            }
            constraints.push(Constraint::Fill(1));
        }
        let rects = Layout::horizontal(constraints).split(area);
        for (i, group) in columns.iter().enumerate() {
            if i > 0 {
                let rule = vec![
                    Line::from(Span::styled("│", ctx.ui.theme.border));
                    usize::from(area.height)
                ];
                frame.render_widget(Paragraph::new(rule), rects[2 * i - 1]);
            }
            // A column of space on each side of a rule.
            let rect = rects[2 * i];
            let left = u16::from(i > 0);
            let right = u16::from(i + 1 < columns.len());
            let rect = Rect {
                x: rect.x + left,
                width: rect.width.saturating_sub(left + right),
                ..rect
            };
            column(
                frame,
                rect,
                header(Some(group), None),
                notes.of_group(Some(group)),
                ctx,
                focus,
                false,
            );
        }
    } else {
        // The group new notes go to; for the whole group, the first group under its band.
        let i = ctx
            .group
            .and_then(|g| columns.iter().position(|c| c == g))
            .unwrap_or(0);
        let group = &columns[i];
        column(
            frame,
            area,
            header(Some(group), Some((i + 1, columns.len()))),
            notes.of_group(Some(group)),
            ctx,
            focus,
            false,
        );
    }
}

/// One list of notes under a header rule: as many of the newest as fit, grouped.
fn column(
    frame: &mut Frame,
    area: Rect,
    title: Vec<Span<'static>>,
    shown: Shown,
    ctx: &Ctx,
    focus: Focus,
    with_group: bool,
) {
    let Focus { selected, scroll } = focus;
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let body = usize::from(area.height.saturating_sub(1));
    let window = Window::fit(&shown, body, scroll, selected, |n| {
        note_lines(n, ctx, width, with_group, false).len()
    });

    let mut counts = Vec::new();
    if window.older > 0 {
        counts.push(ctx.ui.text().older_notes(window.older));
    }
    if window.newer > 0 {
        counts.push(ctx.ui.text().newer_notes(window.newer));
    }
    let header = rule(title, &counts.join(" · "), width, ctx);

    let mut lines = vec![header];
    if shown.is_empty() {
        let none = format!("  {}", ctx.ui.text().notes_none_yet);
        lines.push(Line::from(Span::styled(none, ctx.ui.theme.dim)));
    }
    let mut previous_group = None;
    for note in window.visible.iter().map(|&pos| shown.get(pos)) {
        if previous_group.is_some_and(|g| g != note.group.as_deref()) {
            lines.push(Line::from(""));
        }
        previous_group = Some(note.group.as_deref());
        lines.extend(note_lines(
            note,
            ctx,
            width,
            with_group,
            selected == Some(&note.id),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Anteckningar ─────── ↑ 3 äldre ─": the title, a rule, and what does not fit.
fn rule(mut spans: Vec<Span<'static>>, counts: &str, width: usize, ctx: &Ctx) -> Line<'static> {
    let title_width: usize = spans.iter().map(|s| fit::width(&s.content)).sum();
    let counts = if counts.is_empty() {
        String::new()
    } else {
        format!(" {counts} ")
    };
    let counts_width = fit::width(&counts);
    let (counts, counts_width) = if title_width + counts_width + 3 <= width {
        (counts, counts_width)
    } else {
        (String::new(), 0)
    };
    // " " and the rule, then the counts and one more "─" when there are any.
    let tail = if counts_width > 0 {
        counts_width + 1
    } else {
        0
    };
    let fill = width.saturating_sub(title_width + 1 + tail);
    spans.push(Span::styled(
        format!(" {}", "─".repeat(fill)),
        ctx.ui.theme.border,
    ));
    if counts_width > 0 {
        spans.push(Span::styled(counts, ctx.ui.theme.dim));
        spans.push(Span::styled("─", ctx.ui.theme.border));
    }
    Line::from(spans)
}

/// A note: its quiet mark ("Grupp Siljan · Anna · 10:42"), then its kind and text, wrapped.
fn note_lines(
    note: &Note,
    ctx: &Ctx,
    width: usize,
    with_group: bool,
    selected: bool,
) -> Vec<Line<'static>> {
    let theme = &ctx.ui.theme;
    let mut mark = Vec::new();
    if with_group {
        mark.push(group_name(ctx.ui.text(), note.group.as_deref()).to_string());
    }
    mark.push(note.by.clone());
    mark.push(hh_mm(note.written, &ctx.ui.tz));
    if note.edited.is_some() {
        mark.push(ctx.ui.text().edited.to_string());
    }
    let body_width = width.saturating_sub(2).max(1);
    let mark = fit::truncate(&mark.join(" · "), body_width);
    let (gutter, mark_style) = if selected {
        ("▶ ", theme.selected)
    } else {
        ("  ", theme.dim)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(gutter, theme.accent),
        Span::styled(mark, mark_style),
    ])];

    let kind_style = theme.accent.add_modifier(Modifier::BOLD);
    let kind = kind_mark(ctx.ui.text(), &note.kind, note.done);
    let mut segments: Vec<(&str, Style)> = Vec::new();
    let separator = if matches!(note.kind, crate::run::NoteKind::Action { .. }) {
        "\n"
    } else {
        " "
    };
    if let Some(kind) = &kind {
        segments.push((kind.as_str(), kind_style));
        segments.push((separator, theme.text));
    }
    let unfinished = note
        .unfinished
        .then(|| format!("({})", ctx.ui.text().unfinished()));
    if let Some(mark) = &unfinished {
        segments.push((mark.as_str(), theme.low));
        segments.push((" ", theme.text));
    }
    segments.push((note.text.as_str(), theme.text));
    for line in fit::wrap(&segments, body_width) {
        let mut spans = vec![Span::raw("  ")];
        spans.extend(line.spans);
        lines.push(Line::from(spans));
    }
    lines
}

/// Which notes are in view: a run of notes by time, newest first.
struct Window {
    /// Display positions of the notes in view, in display order.
    visible: Vec<usize>,
    /// Older notes that did not fit.
    older: usize,
    /// Newer notes scrolled past.
    newer: usize,
}

impl Window {
    /// The newest notes that fit in `rows` after skipping `scroll` of them, moved so that the
    /// selected note is in view. Groups are separated by a blank row. At least one note is shown.
    /// Only the notes looked at are measured (wrapped): the cost is that of the notes in view.
    fn fit(
        shown: &Shown,
        rows: usize,
        scroll: usize,
        selected: Option<&NoteId>,
        height: impl Fn(&Note) -> usize,
    ) -> Window {
        let n = shown.len();
        if n == 0 {
            return Window {
                visible: Vec::new(),
                older: 0,
                newer: 0,
            };
        }
        let by_time = |i: usize| shown.get(shown.newest(i));
        let cache = std::cell::RefCell::new(HashMap::new());
        let heights = |i: usize| {
            *cache
                .borrow_mut()
                .entry(i)
                .or_insert_with(|| height(by_time(i)))
        };
        let selected_rank = selected.and_then(|id| (0..n).find(|&i| &by_time(i).id == id));

        let mut start = scroll.min(n - 1);
        if let Some(r) = selected_rank {
            start = start.min(r);
        }
        let mut taken = Taken::new(&by_time, &heights, start);
        while taken.end < n && taken.can_take(taken.end, rows) {
            taken.take(taken.end);
        }
        if let Some(r) = selected_rank.filter(|r| *r >= taken.end) {
            // The selected note is older than what fits: end the window at it, newer notes first.
            taken = Taken::new(&by_time, &heights, r);
            while taken.start > 0 && taken.can_take(taken.start - 1, rows) {
                taken.take(taken.start - 1);
            }
            while taken.end < n && taken.can_take(taken.end, rows) {
                taken.take(taken.end);
            }
        }
        let mut visible: Vec<usize> = (taken.start..taken.end).map(|i| shown.newest(i)).collect();
        visible.sort_unstable();
        Window {
            visible,
            older: n - taken.end,
            newer: taken.start,
        }
    }
}

/// A run `start..end` of notes by time and the rows it takes.
struct Taken<'a, 'n> {
    by_time: &'a dyn Fn(usize) -> &'n Note,
    heights: &'a dyn Fn(usize) -> usize,
    start: usize,
    end: usize,
    rows: usize,
    groups: HashSet<Option<&'n str>>,
}

impl<'a, 'n> Taken<'a, 'n> {
    fn new(
        by_time: &'a dyn Fn(usize) -> &'n Note,
        heights: &'a dyn Fn(usize) -> usize,
        first: usize,
    ) -> Self {
        let mut taken = Taken {
            by_time,
            heights,
            start: first,
            end: first,
            rows: 0,
            groups: HashSet::new(),
        };
        taken.take(first);
        taken
    }

    /// Rows note `i` adds: its own, and a blank row before a group not yet shown.
    fn cost(&self, i: usize) -> usize {
        let group = (self.by_time)(i).group.as_deref();
        let separator = usize::from(!self.groups.is_empty() && !self.groups.contains(&group));
        (self.heights)(i) + separator
    }

    fn can_take(&self, i: usize, rows: usize) -> bool {
        self.rows + self.cost(i) <= rows
    }

    /// Takes note `i`, which is just before `start` or at `end`.
    fn take(&mut self, i: usize) {
        self.rows += self.cost(i);
        self.groups.insert((self.by_time)(i).group.as_deref());
        if i < self.start {
            self.start = i;
        } else {
            self.start = self.start.min(i);
            self.end = self.end.max(i + 1);
        }
    }
}
