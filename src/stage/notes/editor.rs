//! The note editor: where a note-taker types what a group said.
//!
//! [`NoteEditor`] wraps a `ratatui_textarea::TextArea` for the text (soft-wrapped, with undo and
//! redo) and two one-line fields for an action item's owner and due date. It takes keys before
//! anything else while it is open, so every printable key is text; its own keys are the table in
//! [`super::keys`]. It never saves anything itself: it answers each key with an
//! [`EditorOutcome`] and the caller journals the draft or the note.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::keys::{self, EditorAction};
use super::{Ctx, kind_name};
use crate::run::state::Note;
use crate::run::{Event, NoteId, NoteKind, Place};
use crate::text::{clean, clean_line, is_unsafe};
use crate::ui::fit;
use crate::ui::labels::{group_name, place_label};

/// The kinds a note can be written as, in the order the kind key cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Note,
    Decision,
    Action,
    Parking,
}

impl Kind {
    pub fn of(kind: &NoteKind) -> Kind {
        match kind {
            NoteKind::Note => Kind::Note,
            NoteKind::Decision => Kind::Decision,
            NoteKind::Action { .. } => Kind::Action,
            NoteKind::Parking => Kind::Parking,
        }
    }

    /// Note → decision → action → parking lot → note.
    pub fn next(self) -> Kind {
        match self {
            Kind::Note => Kind::Decision,
            Kind::Decision => Kind::Action,
            Kind::Action => Kind::Parking,
            Kind::Parking => Kind::Note,
        }
    }
}

/// The field that has the cursor. Owner and due date exist only for an action item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    Owner,
    Due,
}

/// Why Enter did not save; shown on one line in the editor until the next edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorError {
    /// An action item needs an owner.
    OwnerMissing,
    /// The text is longer than [`MAX_NOTE`]: refused here, so that no event that can never be
    /// journalled ever holds up the notes after it.
    TooLong,
}

impl EditorError {
    /// The line that says why the note was not saved.
    pub fn words(self, text: &crate::i18n::Text) -> String {
        match self {
            EditorError::OwnerMissing => text.owner_missing.to_string(),
            EditorError::TooLong => text.note_too_long(MAX_NOTE >> 10),
        }
    }
}

/// The longest note text, in bytes. A journal line holds at most 1 MiB, and RON's escapes may
/// double a text's length; a quarter leaves room for everything else on the line.
pub const MAX_NOTE: usize = crate::run::journal::MAX_LINE / 4;

/// A note ready to be journalled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub at: Place,
    /// `None` for the whole group.
    pub group: Option<String>,
    pub kind: NoteKind,
    /// Cleaned, without blank lines or spaces around it; never empty.
    pub text: String,
    /// The note being edited, or `None` for a new note.
    pub editing: Option<NoteId>,
}

impl SaveRequest {
    /// The event that records it: a new note by `by`, or the edit of an existing one.
    pub fn into_event(self, by: &str) -> Event {
        match self.editing {
            Some(id) => Event::NoteEdited {
                id,
                kind: self.kind,
                text: self.text,
            },
            None => Event::NoteSaved {
                at: self.at,
                group: self.group,
                kind: self.kind,
                text: self.text,
                by: by.to_string(),
            },
        }
    }
}

/// What a key press or a paste did. Whatever it is, the editor may look different (cursor,
/// kind, field, error line): draw it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOutcome {
    /// The text is as it was.
    Unchanged,
    /// The text changed: journal the draft ([`NoteEditor::text`]) within a second.
    Edited,
    /// Enter with text to save: append the event, and tell the writer it is saved only once it is
    /// on disk. The editor keeps the text until the caller [`NoteEditor::clear`]s or drops it.
    Save(SaveRequest),
    /// Esc: close the editor; the draft stays journalled and can be restored with
    /// [`NoteEditor::with_text`].
    Close,
    /// Not an editor key (Ctrl+C): handle it as if the editor were closed. Never a printable key.
    Ignored,
}

/// The note being written: its target, its kind, and the text areas.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    at: Place,
    group: Option<String>,
    kind: Kind,
    editing: Option<NoteId>,
    text: TextArea<'static>,
    owner: TextArea<'static>,
    due: TextArea<'static>,
    focus: Field,
    error: Option<EditorError>,
}

/// How many edits undo remembers, per field.
const UNDO_DEPTH: usize = 1000;

fn text_area(text: &str, wrap: bool) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(String::from).collect());
    // The terminal's own cursor shows where typing goes (see `draw`); a drawn one on top of it
    // would hide it in terminals that invert the cell under a block cursor.
    area.set_cursor_style(Style::new());
    area.set_cursor_line_style(Style::new());
    area.set_max_histories(UNDO_DEPTH);
    if wrap {
        area.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

impl NoteEditor {
    /// An empty editor for a new note at `at` for `group` (`None`: the whole group).
    pub fn new(at: Place, group: Option<String>) -> NoteEditor {
        NoteEditor::with_text(at, group, "")
    }

    /// An editor with a draft restored, the cursor at its end.
    pub fn with_text(at: Place, group: Option<String>, text: &str) -> NoteEditor {
        NoteEditor {
            at,
            group,
            kind: Kind::Note,
            editing: None,
            text: text_area(&clean(text), true),
            owner: text_area("", false),
            due: text_area("", false),
            focus: Field::Text,
            error: None,
        }
    }

    /// An editor for changing a saved note: its text, kind, owner and due date.
    pub fn for_note(note: &Note) -> NoteEditor {
        let mut editor = NoteEditor::with_text(note.at, note.group.clone(), &note.text);
        editor.editing = Some(note.id.clone());
        editor.kind = Kind::of(&note.kind);
        if let NoteKind::Action { owner, due } = &note.kind {
            editor.owner = text_area(&clean_line(owner), false);
            editor.due = text_area(&clean_line(due.as_deref().unwrap_or("")), false);
        }
        editor
    }

    pub fn at(&self) -> Place {
        self.at
    }

    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// Points the note somewhere else (the kind, text and fields stay).
    pub fn set_target(&mut self, at: Place, group: Option<String>) {
        self.at = at;
        self.group = group;
    }

    pub fn editing(&self) -> Option<&NoteId> {
        self.editing.as_ref()
    }

    pub fn kind_choice(&self) -> Kind {
        self.kind
    }

    pub fn set_kind(&mut self, kind: Kind) {
        self.kind = kind;
        if kind != Kind::Action {
            self.focus = Field::Text;
        }
        self.error = None;
    }

    /// An action item for `owner`, due on `due` if given (a line typed in screen-reader mode
    /// names them before its text).
    pub fn set_action(&mut self, owner: &str, due: Option<&str>) {
        self.set_kind(Kind::Action);
        self.owner = text_area(&clean_line(owner), false);
        self.due = text_area(&clean_line(due.unwrap_or("")), false);
    }

    /// The kind as it would be saved now (an action's fields as typed, not checked).
    pub fn kind(&self) -> NoteKind {
        match self.kind {
            Kind::Note => NoteKind::Note,
            Kind::Decision => NoteKind::Decision,
            Kind::Parking => NoteKind::Parking,
            Kind::Action => {
                let due = self.due_text();
                NoteKind::Action {
                    owner: self.owner_text(),
                    due: (!due.is_empty()).then_some(due),
                }
            }
        }
    }

    pub fn focus(&self) -> Field {
        self.focus
    }

    pub fn error(&self) -> Option<EditorError> {
        self.error
    }

    /// The text as typed: lines joined with '\n'.
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// The owner as typed, on one line, without spaces around it.
    pub fn owner_text(&self) -> String {
        clean_line(&self.owner.lines().join(" ")).trim().to_string()
    }

    /// The due date as typed, without spaces around it.
    pub fn due_text(&self) -> String {
        clean_line(&self.due.lines().join(" ")).trim().to_string()
    }

    /// Where the cursor is in the text: (line, character), both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.text.cursor();
        (c.0, c.1)
    }

    /// Ready for the next note once one is saved: empty, a plain note, same target.
    pub fn clear(&mut self) {
        *self = NoteEditor::new(self.at, self.group.take());
    }

    /// Whether nothing is being written: a new note with no text (its target may follow the
    /// screen). A note being changed is never blank.
    pub fn is_blank(&self) -> bool {
        self.editing.is_none() && self.text.is_empty()
    }

    /// This editor with `text` in place of its own (a change of a note taken up after a crash).
    pub fn with_replaced_text(mut self, text: &str) -> NoteEditor {
        self.text = text_area(&clean(text), true);
        self
    }

    fn field_mut(&mut self) -> &mut TextArea<'static> {
        match self.focus {
            Field::Text => &mut self.text,
            Field::Owner => &mut self.owner,
            Field::Due => &mut self.due,
        }
    }

    fn edited(&mut self, changed: bool) -> EditorOutcome {
        if changed {
            self.error = None;
            EditorOutcome::Edited
        } else {
            EditorOutcome::Unchanged
        }
    }

    /// Handles a key press. Key releases are left out by the caller.
    pub fn on_key(&mut self, key: KeyEvent) -> EditorOutcome {
        if key.kind == KeyEventKind::Release {
            return EditorOutcome::Unchanged;
        }
        if let Some(action) = crate::ui::keymap::lookup(keys::EDITOR, key) {
            return self.act(action);
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if c.is_control() || is_unsafe(c) => EditorOutcome::Unchanged,
            KeyCode::Char('c' | 'C') if ctrl && !alt => EditorOutcome::Ignored,
            // Ctrl+Alt+key is how Windows reports AltGr: '@', '€', '{' on a Swedish keyboard.
            KeyCode::Char(c) if !(ctrl || alt) || (ctrl && alt && !c.is_ascii_alphabetic()) => {
                self.field_mut().insert_char(c);
                self.edited(true)
            }
            // The text area's own meanings of these clash with ours or surprise: Ctrl+U undo,
            // Ctrl+R redo, Ctrl+V page down. Enter and Tab with other modifiers do nothing.
            KeyCode::Char('u' | 'r' | 'v' | 'U' | 'R' | 'V') if ctrl => EditorOutcome::Unchanged,
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Esc => {
                EditorOutcome::Unchanged
            }
            _ => {
                // Moving and deleting: arrows, Home/End, Backspace/Delete, Ctrl+W, Ctrl+K, …
                let changed = self.field_mut().input(key);
                self.edited(changed)
            }
        }
    }

    /// Inserts pasted text (bracketed paste) as one edit: undo takes it out in one step. Control
    /// characters and escape sequences are removed; in the owner and due fields line breaks
    /// become spaces.
    pub fn on_paste(&mut self, pasted: &str) -> EditorOutcome {
        let cleaned = match self.focus {
            Field::Text => clean(pasted),
            Field::Owner | Field::Due => clean_line(pasted).trim().to_string(),
        };
        if cleaned.is_empty() {
            return EditorOutcome::Unchanged;
        }
        if self.text().len() + cleaned.len() > MAX_NOTE {
            self.error = Some(EditorError::TooLong);
            return EditorOutcome::Unchanged;
        }
        let changed = self.field_mut().insert_str(cleaned);
        self.edited(changed)
    }

    fn act(&mut self, action: EditorAction) -> EditorOutcome {
        match action {
            EditorAction::Save => self.save(),
            EditorAction::LineBreak => {
                if self.focus != Field::Text {
                    return EditorOutcome::Unchanged;
                }
                self.text.insert_newline();
                self.edited(true)
            }
            EditorAction::Close => EditorOutcome::Close,
            EditorAction::CycleKind => {
                self.set_kind(self.kind.next());
                EditorOutcome::Unchanged
            }
            EditorAction::NextField | EditorAction::PreviousField => {
                if self.kind == Kind::Action {
                    let order = [Field::Text, Field::Owner, Field::Due];
                    let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                    let step = if action == EditorAction::NextField {
                        1
                    } else {
                        order.len() - 1
                    };
                    self.focus = order[(i + step) % order.len()];
                }
                EditorOutcome::Unchanged
            }
            EditorAction::Undo => {
                let changed = self.field_mut().undo();
                self.edited(changed)
            }
            EditorAction::Redo => {
                let changed = self.field_mut().redo();
                self.edited(changed)
            }
        }
    }

    fn save(&mut self) -> EditorOutcome {
        let text = clean(&self.text());
        let text = text.trim_matches(|c: char| c.is_whitespace());
        if text.is_empty() {
            self.focus = Field::Text;
            return EditorOutcome::Unchanged;
        }
        if text.len() > MAX_NOTE {
            self.error = Some(EditorError::TooLong);
            self.focus = Field::Text;
            return EditorOutcome::Unchanged;
        }
        // An action needs an owner; its due may be a date, words or nothing.
        if self.kind == Kind::Action && self.owner_text().is_empty() {
            self.error = Some(EditorError::OwnerMissing);
            self.focus = Field::Owner;
            return EditorOutcome::Unchanged;
        }
        self.error = None;
        EditorOutcome::Save(SaveRequest {
            at: self.at,
            group: self.group.clone(),
            kind: self.kind(),
            text: text.to_string(),
            editing: self.editing.clone(),
        })
    }
}

/// Rows the editor would like for its text at this width: what the text needs, from 3 to 10
/// lines, plus borders, the action's fields and the error line.
pub fn preferred_height(editor: &NoteEditor, width: u16) -> u16 {
    let text_width = usize::from(width.saturating_sub(5)).max(1);
    let rows = fit::rows(&editor.text(), text_width).clamp(3, 10);
    let fields = if editor.kind == Kind::Action {
        fields_rows(width.saturating_sub(4))
    } else {
        0
    };
    let error = u16::from(editor.error.is_some());
    u16::try_from(rows).unwrap_or(10) + 2 + fields + error
}

/// Owner label, owner field of at least 12, gap, due label and a due field of 11 on one row;
/// else on two rows.
fn fields_rows(width: u16) -> u16 {
    if width >= 70 { 1 } else { 2 }
}

/// The editor, bordered, titled with what and where the note goes.
///
/// ```text
/// ╭ Åtgärd · Grupp Siljan · Fråga 2 ───────────────────────────╮
/// │ Boka ett möte med kommunens IT-avdelning om wifi           │  text, soft-wrapped
/// │ i filialerna.▏                                             │
/// │ Ansvarig: Anna Berg          Klart senast: 2020-10-01      │  action only
/// │ Skriv vem som är ansvarig                                  │  error only
/// ╰ Enter spara  Alt+Enter Ctrl+J ny rad  Ctrl+T F2 byt typ … ─╯  keys
/// ```
///
/// The terminal's cursor is put where typing goes, right after a wide character or emoji.
pub fn draw(frame: &mut Frame, area: Rect, editor: &NoteEditor, ctx: &Ctx) {
    let text = ctx.ui.text();
    let theme = &ctx.ui.theme;
    let mut title = vec![
        Span::raw(" "),
        Span::styled(
            kind_name(text, editor.kind),
            theme.accent.add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" · {}", group_name(text, editor.group())),
            theme.title,
        ),
    ];
    let editing = editor
        .editing
        .is_some()
        .then(|| format!(" · {}", text.editing));
    // The place's name gives way ("…") before the rest of the title does: the warning that the
    // note goes to another question is never cut, nor a word of it.
    let used: usize = title.iter().map(|s| fit::width(&s.content)).sum::<usize>()
        + editing.as_deref().map_or(0, fit::width)
        + 2;
    let room = usize::from(area.width).saturating_sub(4 + used);
    let place = place_label(text, ctx.session, editor.at);
    if ctx.here.is_some_and(|here| here != editor.at) {
        // A note started on another question keeps it: say so, not just its name.
        let words = fit::width(&text.editor_elsewhere("")) + 3;
        let place = fit::truncate_words(&place, room.saturating_sub(words));
        title.push(Span::styled(
            format!(" · {}", text.editor_elsewhere(&place)),
            theme.low.add_modifier(Modifier::BOLD),
        ));
    } else {
        let place = fit::truncate_words(&place, room.saturating_sub(3));
        if !place.is_empty() {
            title.push(Span::styled(format!(" · {place}"), theme.title));
        }
    }
    if let Some(editing) = editing {
        title.push(Span::styled(editing, theme.dim));
    }
    title.push(Span::raw(" "));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.accent)
        .title(Line::from(title))
        .title_bottom(hint_line(editor, ctx, area.width.saturating_sub(4)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // One column of padding each side where there is room, like the stage.
    let inner = if inner.width >= 20 {
        Rect {
            x: inner.x + 1,
            width: inner.width - 2,
            ..inner
        }
    } else {
        inner
    };
    if inner.is_empty() {
        return;
    }

    let fields = if editor.kind == Kind::Action {
        fields_rows(inner.width)
    } else {
        0
    };
    let error = u16::from(editor.error.is_some());
    let [text_rect, fields_rect, error_rect] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(fields),
        Constraint::Length(error),
    ])
    .areas(inner);

    // The text area wraps one column short of the edge, so that the cursor after a full line
    // stays inside the box.
    let wrap_rect = Rect {
        width: text_rect.width.saturating_sub(1).max(1),
        ..text_rect
    };
    let cursor = field(frame, wrap_rect, &editor.text, text.note_placeholder, ctx);

    let mut cursors = vec![(Field::Text, cursor)];
    if fields > 0 {
        cursors.extend(action_fields(frame, fields_rect, editor, ctx));
    }
    if let Some(e) = editor.error {
        let message = e.words(text);
        frame.render_widget(
            Paragraph::new(Line::from(message)).style(theme.error),
            error_rect,
        );
    }
    if let Some((_, Some(position))) = cursors.into_iter().find(|(f, _)| *f == editor.focus) {
        frame.set_cursor_position(position);
    }
}

/// Draws one text area (or its placeholder while empty) and says where its cursor is on screen.
fn field(
    frame: &mut Frame,
    rect: Rect,
    area: &TextArea<'static>,
    placeholder: &str,
    ctx: &Ctx,
) -> Option<Position> {
    if rect.is_empty() {
        return None;
    }
    frame.buffer_mut().set_style(rect, ctx.ui.theme.text);
    frame.render_widget(area, rect);
    if area.is_empty() {
        let hint = fit::truncate(placeholder, usize::from(rect.width));
        frame.render_widget(Paragraph::new(hint).style(ctx.ui.theme.dim), rect);
    }
    // `screen_cursor` is in display columns of the wrapped text, so a wide character or an emoji
    // before the cursor counts two; the scroll offset is the one this render chose.
    let cursor = area.screen_cursor();
    let (top_row, top_col) = area.scroll_offset();
    let column = cursor.col.saturating_sub(usize::from(top_col));
    let row = cursor.row.saturating_sub(usize::from(top_row));
    let x = rect
        .x
        .saturating_add(u16::try_from(column).unwrap_or(u16::MAX));
    let y = rect
        .y
        .saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
    // One column past the area is allowed: the caller leaves it free for the cursor after a full line.
    let inside = x <= rect.right() && y < rect.bottom();
    inside.then_some(Position {
        x: x.min(frame.area().right().saturating_sub(1)),
        y,
    })
}

/// "Ansvarig: ▏… Klart senast: ▏…", on one row or two.
fn action_fields(
    frame: &mut Frame,
    rect: Rect,
    editor: &NoteEditor,
    ctx: &Ctx,
) -> Vec<(Field, Option<Position>)> {
    let text = ctx.ui.text();
    let label = |name: &str, field: Field| {
        let style = if editor.focus == field {
            ctx.ui.theme.accent.add_modifier(Modifier::BOLD)
        } else {
            ctx.ui.theme.dim
        };
        Span::styled(format!("{name}: "), style)
    };
    let owner_label = label(text.owner, Field::Owner);
    let due_label = label(text.due, Field::Due);
    let owner_label_w = u16::try_from(owner_label.width()).unwrap_or(u16::MAX);
    let due_label_w = u16::try_from(due_label.width()).unwrap_or(u16::MAX);
    let (owner_row, due_row) = if rect.height >= 2 {
        (
            Rect { height: 1, ..rect },
            Rect {
                y: rect.y + 1,
                height: 1,
                ..rect
            },
        )
    } else {
        // Owner: a name or two, at most 40 columns. Due: a date or a few words ("innan träff
        // 3"), whole with the cursor after them; longer text scrolls in its field while typed.
        let due_w = (due_label_w + 24).min(rect.width);
        let owner_w = rect.width.saturating_sub(due_w + 2).min(owner_label_w + 40);
        let owner = Rect {
            width: owner_w,
            ..rect
        };
        let due = Rect {
            x: rect.x + owner_w + 2,
            width: due_w,
            ..rect
        };
        (owner, due)
    };
    let mut cursors = Vec::new();
    for (row, label, label_w, area, placeholder, which) in [
        (
            owner_row,
            owner_label,
            owner_label_w,
            &editor.owner,
            text.owner_placeholder,
            Field::Owner,
        ),
        (
            due_row,
            due_label,
            due_label_w,
            &editor.due,
            text.due_placeholder,
            Field::Due,
        ),
    ] {
        frame.render_widget(Paragraph::new(Line::from(label)), row);
        let input = Rect {
            x: row.x + label_w.min(row.width),
            width: row.width.saturating_sub(label_w + 1),
            ..row
        };
        cursors.push((which, field(frame, input, area, placeholder, ctx)));
    }
    cursors
}

/// The editor's keys that fit, from the one binding table, each with its first key and the
/// first words of its description ("Esc stäng"). Tab only for an action item.
fn hint_line(editor: &NoteEditor, ctx: &Ctx, width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    let bindings = keys::EDITOR
        .iter()
        .filter(|b| b.hint)
        .filter(|b| b.action != EditorAction::NextField || editor.kind == Kind::Action);
    for binding in bindings {
        let label = binding.keys[0].to_string();
        let full = (binding.describe)(ctx.ui.text());
        let words = full.split([',', ':']).next().unwrap_or(full);
        let len = fit::width(&label) + fit::width(words) + 3;
        if used + len > usize::from(width) {
            break;
        }
        used += len;
        spans.push(Span::styled(format!(" {label}"), ctx.ui.theme.accent));
        spans.push(Span::styled(format!(" {words} "), ctx.ui.theme.dim));
    }
    Line::from(spans)
}
