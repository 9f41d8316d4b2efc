//! The note editor driven by key presses and pastes, and snapshots of the editor, the notes panel
//! and a breakout at 80×24 and 120×40 in Swedish and English.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use spar::i18n::Lang;
use spar::run::state::Note;
use spar::run::{Event, Millis, NoteId, NoteKind, Place};
use spar::session::Session;
use spar::stage::notes::editor::{self, EditorError};
use spar::stage::notes::order::{NoteOrder, Shown};
use spar::stage::notes::panel::Focus;
use spar::stage::notes::{Ctx, EditorOutcome, Field, Kind, NoteEditor, SaveRequest, panel};
use spar::ui::theme::{Theme, ThemeName};
use unicode_width::UnicodeWidthStr;

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff's planned start, with the views in UTC.
const NINE: Millis = 1_600_333_200_000;
/// Kickoff item 4, question 2: "Vad menar vi själva när vi säger digitalisering?"
const QUESTION: Place = Place { item: 3, step: 1 };
/// Kickoff item 7, the breakout, question 1.
const BREAKOUT: Place = Place { item: 6, step: 0 };

fn kickoff() -> Arc<Session> {
    let text = include_str!("../sessions/kickoff.ron");
    Arc::new(spar::session::parse::parse_session(text).expect("kickoff parses"))
}

fn theme() -> Theme {
    Theme::new(ThemeName::Dark, false)
}

/// The look of the views in each language: dark colours, UTC.
fn ui(lang: Lang) -> &'static spar::ui::Ctx {
    fn look(lang: Lang) -> spar::ui::Ctx {
        spar::ui::Ctx {
            lang,
            theme: theme(),
            tz: jiff::tz::TimeZone::UTC,
        }
    }
    static SV: std::sync::LazyLock<spar::ui::Ctx> = std::sync::LazyLock::new(|| look(Lang::Sv));
    static EN: std::sync::LazyLock<spar::ui::Ctx> = std::sync::LazyLock::new(|| look(Lang::En));
    if lang == Lang::Sv { &SV } else { &EN }
}

fn ctx<'a>(lang: Lang, session: &'a Session, group: Option<&'a str>) -> Ctx<'a> {
    Ctx {
        ui: ui(lang),
        session,
        group,
        here: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Keys

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn alt(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::ALT)
}

/// Types `text` one character at a time, as a terminal reports it (capitals with Shift).
fn type_text(editor: &mut NoteEditor, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        assert_eq!(
            editor.on_key(KeyEvent::new(KeyCode::Char(c), modifiers)),
            EditorOutcome::Edited,
            "{c:?}"
        );
    }
}

fn editor() -> NoteEditor {
    NoteEditor::new(QUESTION, Some("Grupp Siljan".into()))
}

#[test]
fn stage_keys_are_letters_while_the_editor_is_open() {
    let mut e = editor();
    for c in ['q', 'n', 'p', ' ', 'g', 'o', '?', '+', '-', 'i'] {
        assert_eq!(
            e.on_key(key(KeyCode::Char(c))),
            EditorOutcome::Edited,
            "{c:?}"
        );
    }
    assert_eq!(e.text(), "qnp go?+-i");
}

#[test]
fn enter_saves_the_note_for_its_question_and_group() {
    let mut e = editor();
    type_text(&mut e, "Vi känner igen oss");
    let outcome = e.on_key(key(KeyCode::Enter));
    let expected = SaveRequest {
        at: QUESTION,
        group: Some("Grupp Siljan".into()),
        kind: NoteKind::Note,
        text: "Vi känner igen oss".into(),
        editing: None,
    };
    assert_eq!(outcome, EditorOutcome::Save(expected.clone()));
    // The text stays until the caller knows the note is on disk.
    assert_eq!(e.text(), "Vi känner igen oss");
    assert_eq!(
        expected.into_event("Anna"),
        Event::NoteSaved {
            at: QUESTION,
            group: Some("Grupp Siljan".into()),
            kind: NoteKind::Note,
            text: "Vi känner igen oss".into(),
            by: "Anna".into(),
        }
    );
    e.clear();
    assert_eq!(e.text(), "");
    assert_eq!(e.group(), Some("Grupp Siljan"));
}

#[test]
fn an_empty_note_is_not_saved() {
    let mut e = editor();
    assert_eq!(e.on_key(key(KeyCode::Enter)), EditorOutcome::Unchanged);
    type_text(&mut e, "  ");
    e.on_key(alt(KeyCode::Enter));
    assert_eq!(e.on_key(key(KeyCode::Enter)), EditorOutcome::Unchanged);
}

#[test]
fn saved_text_is_trimmed_but_keeps_its_inner_lines() {
    let mut e = editor();
    e.on_key(alt(KeyCode::Enter));
    type_text(&mut e, " ett");
    e.on_key(alt(KeyCode::Enter));
    type_text(&mut e, "två ");
    e.on_key(alt(KeyCode::Enter));
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(request.text, "ett\ntvå");
}

#[test]
fn alt_enter_and_ctrl_j_break_the_line() {
    let mut e = editor();
    type_text(&mut e, "a");
    assert_eq!(e.on_key(alt(KeyCode::Enter)), EditorOutcome::Edited);
    type_text(&mut e, "b");
    assert_eq!(e.on_key(ctrl('j')), EditorOutcome::Edited);
    type_text(&mut e, "c");
    assert_eq!(
        e.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::SHIFT)),
        EditorOutcome::Edited
    );
    type_text(&mut e, "d");
    assert_eq!(e.text(), "a\nb\nc\nd");
    assert_eq!(e.cursor(), (3, 1));
}

#[test]
fn esc_closes_and_keeps_the_draft() {
    let mut e = editor();
    type_text(&mut e, "halvfärdig tanke");
    assert_eq!(e.on_key(key(KeyCode::Esc)), EditorOutcome::Close);
    assert_eq!(e.text(), "halvfärdig tanke");
    let restored = NoteEditor::with_text(QUESTION, None, &e.text());
    assert_eq!(restored.text(), "halvfärdig tanke");
    assert_eq!(
        restored.cursor(),
        (0, 16),
        "the cursor is at the end of a restored draft"
    );
}

#[test]
fn undo_and_redo() {
    let mut e = editor();
    type_text(&mut e, "ab");
    assert_eq!(e.on_key(ctrl('z')), EditorOutcome::Edited);
    assert_eq!(e.text(), "a");
    e.on_key(ctrl('z'));
    assert_eq!(e.text(), "");
    assert_eq!(
        e.on_key(ctrl('z')),
        EditorOutcome::Unchanged,
        "nothing left to undo"
    );
    assert_eq!(e.on_key(ctrl('y')), EditorOutcome::Edited);
    assert_eq!(e.text(), "a");
    let ctrl_shift_z = KeyEvent::new(
        KeyCode::Char('Z'),
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    );
    assert_eq!(e.on_key(ctrl_shift_z), EditorOutcome::Edited);
    assert_eq!(e.text(), "ab");
}

#[test]
fn the_text_areas_clashing_keys_do_nothing() {
    let mut e = editor();
    type_text(&mut e, "abc");
    // Ctrl+U and Ctrl+R would undo and redo in the text area; Ctrl+V would scroll.
    for c in ['u', 'r', 'v'] {
        assert_eq!(e.on_key(ctrl(c)), EditorOutcome::Unchanged, "Ctrl+{c}");
    }
    assert_eq!(e.text(), "abc");
    // Ctrl+C is not the editor's: the caller quits as it always does.
    assert_eq!(e.on_key(ctrl('c')), EditorOutcome::Ignored);
    assert_eq!(e.text(), "abc");
}

#[test]
fn editing_keys_work() {
    let mut e = editor();
    type_text(&mut e, "ett två");
    assert_eq!(e.on_key(key(KeyCode::Backspace)), EditorOutcome::Edited);
    assert_eq!(e.on_key(key(KeyCode::Left)), EditorOutcome::Unchanged);
    type_text(&mut e, "X");
    assert_eq!(e.text(), "ett tXv");
    assert_eq!(e.on_key(ctrl('w')), EditorOutcome::Edited);
    assert_eq!(e.text(), "ett v");
    e.on_key(key(KeyCode::Home));
    assert_eq!(e.on_key(key(KeyCode::Delete)), EditorOutcome::Edited);
    assert_eq!(e.text(), "tt v");
}

#[test]
fn control_characters_typed_are_dropped() {
    let mut e = editor();
    type_text(&mut e, "a");
    for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}'] {
        assert_eq!(
            e.on_key(key(KeyCode::Char(c))),
            EditorOutcome::Unchanged,
            "{c:?}"
        );
    }
    assert_eq!(e.text(), "a");
}

#[test]
fn altgr_characters_reported_as_ctrl_alt_are_text() {
    // Windows reports AltGr+2 on a Swedish keyboard as Ctrl+Alt+'@'.
    let mut e = editor();
    let altgr = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL | KeyModifiers::ALT);
    for c in ['@', '€', '{', '}', '\\', '|'] {
        assert_eq!(e.on_key(altgr(c)), EditorOutcome::Edited, "{c:?}");
    }
    assert_eq!(e.text(), "@€{}\\|");
}

#[test]
fn key_releases_do_nothing() {
    let mut e = editor();
    let mut release = key(KeyCode::Char('x'));
    release.kind = KeyEventKind::Release;
    assert_eq!(e.on_key(release), EditorOutcome::Unchanged);
    assert_eq!(e.text(), "");
}

#[test]
fn a_paste_is_cleaned_and_undone_in_one_step() {
    let mut e = editor();
    type_text(&mut e, "Före: ");
    let pasted =
        "rad ett\r\nrad två\u{1b}]52;c;SGVsbG8=\u{7}\r\n\u{1b}[2Jrad tre\u{9b}31m\u{202e}slut";
    assert_eq!(e.on_paste(pasted), EditorOutcome::Edited);
    let text = e.text();
    assert_eq!(
        text,
        "Före: rad ett\nrad två]52;c;SGVsbG8=\n[2Jrad tre31mslut"
    );
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' || spar::text::is_unsafe(c)),
        "{text:?}"
    );
    assert_eq!(e.on_key(ctrl('z')), EditorOutcome::Edited);
    assert_eq!(e.text(), "Före: ", "one undo takes out the whole paste");
    e.on_key(ctrl('y'));
    assert_eq!(e.text(), text);
    assert_eq!(
        e.on_paste("\u{1b}\u{7}"),
        EditorOutcome::Unchanged,
        "nothing left to paste"
    );
}

#[test]
fn the_kind_key_cycles_note_decision_action_parking() {
    let mut e = editor();
    assert_eq!(e.kind_choice(), Kind::Note);
    let mut seen = Vec::new();
    for _ in 0..4 {
        assert_eq!(e.on_key(ctrl('t')), EditorOutcome::Unchanged);
        seen.push(e.kind_choice());
    }
    assert_eq!(
        seen,
        [Kind::Decision, Kind::Action, Kind::Parking, Kind::Note]
    );
    e.on_key(key(KeyCode::F(2)));
    assert_eq!(e.kind(), NoteKind::Decision);
    type_text(&mut e, "Vi startar en läsecirkel");
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(request.kind, NoteKind::Decision);
}

#[test]
fn an_action_needs_an_owner_and_takes_a_due_as_said_or_none() {
    let mut e = editor();
    e.set_kind(Kind::Action);
    type_text(&mut e, "Boka möte med IT");
    assert_eq!(e.on_key(key(KeyCode::Enter)), EditorOutcome::Unchanged);
    assert_eq!(e.error(), Some(EditorError::OwnerMissing));
    assert_eq!(
        e.focus(),
        Field::Owner,
        "the cursor goes where something is missing"
    );
    type_text(&mut e, "Anna Berg");
    assert_eq!(e.error(), None, "typing clears the error");
    assert_eq!(e.on_key(key(KeyCode::Tab)), EditorOutcome::Unchanged);
    assert_eq!(e.focus(), Field::Due);
    // A due in words is kept as said.
    type_text(&mut e, "innan träff 3");
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(
        request.kind,
        NoteKind::Action {
            owner: "Anna Berg".into(),
            due: Some("innan träff 3".into())
        }
    );
    // Line breaks have no place in a one-line field.
    assert_eq!(e.on_key(alt(KeyCode::Enter)), EditorOutcome::Unchanged);
    for _ in 0..13 {
        e.on_key(key(KeyCode::Backspace));
    }
    assert_eq!(e.on_paste("2020-10-01\n"), EditorOutcome::Edited);
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(
        request.kind,
        NoteKind::Action {
            owner: "Anna Berg".into(),
            due: Some("2020-10-01".into())
        }
    );
    assert_eq!(request.text, "Boka möte med IT");

    // Without a due date it saves too; Shift+Tab goes back.
    e.on_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(e.focus(), Field::Owner);
    e.on_key(key(KeyCode::Tab));
    for _ in 0..10 {
        e.on_key(key(KeyCode::Backspace));
    }
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(
        request.kind,
        NoteKind::Action {
            owner: "Anna Berg".into(),
            due: None
        }
    );

    // Tab is no field key for other kinds, and does not type a tab.
    let mut plain = editor();
    assert_eq!(plain.on_key(key(KeyCode::Tab)), EditorOutcome::Unchanged);
    assert_eq!((plain.focus(), plain.text().as_str()), (Field::Text, ""));
}

#[test]
fn editing_a_note_saves_an_edit_of_it() {
    let saved = note(
        7,
        Some("Grupp Dalälven"),
        "Lena",
        61,
        NoteKind::Action {
            owner: "Per".into(),
            due: None,
        },
        "Ring kommunen",
    );
    let mut e = NoteEditor::for_note(&saved);
    assert_eq!(e.kind_choice(), Kind::Action);
    assert_eq!(e.text(), "Ring kommunen");
    type_text(&mut e, " i morgon");
    let EditorOutcome::Save(request) = e.on_key(key(KeyCode::Enter)) else {
        panic!("not saved")
    };
    assert_eq!(request.editing, Some(saved.id.clone()));
    assert_eq!(
        request.into_event("Lena"),
        Event::NoteEdited {
            id: saved.id,
            kind: NoteKind::Action {
                owner: "Per".into(),
                due: None
            },
            text: "Ring kommunen i morgon".into(),
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Screens

/// Draws into a fresh terminal; returns the buffer and where the terminal's cursor is, if shown.
fn render(
    width: u16,
    height: u16,
    draw: impl FnOnce(&mut ratatui::Frame),
) -> (Buffer, Option<Position>) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let nowhere = Position { x: 999, y: 999 };
    terminal.set_cursor_position(nowhere).unwrap();
    terminal.draw(draw).unwrap();
    let cursor = terminal.get_cursor_position().unwrap();
    (
        terminal.backend().buffer().clone(),
        (cursor != nowhere).then_some(cursor),
    )
}

/// The screen as text, a wide character once (not followed by the blank cell it covers).
fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).unwrap();
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn lang_name(lang: Lang) -> &'static str {
    if lang == Lang::Sv { "sv" } else { "en" }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The editor at the bottom of the screen, as high as it would like.
fn editor_screen(
    e: &NoteEditor,
    lang: Lang,
    width: u16,
    height: u16,
) -> (Buffer, Option<Position>) {
    let session = kickoff();
    let ctx = ctx(lang, &session, e.group());
    render(width, height, |frame| {
        let h = editor::preferred_height(e, width).min(height);
        let area = Rect {
            x: 0,
            y: height - h,
            width,
            height: h,
        };
        editor::draw(frame, area, e, &ctx);
    })
}

fn with_cursor(buffer: &Buffer, cursor: Option<Position>) -> String {
    let cursor = cursor.map_or("hidden".to_string(), |p| format!("{}, {}", p.x, p.y));
    format!("{}cursor: {cursor}\n", text_of(buffer))
}

#[test]
fn the_cursor_stands_right_after_each_character_typed() {
    let text = "åäö ÅÄÖ – 😀 漢字";
    for lang in [Lang::Sv, Lang::En] {
        let mut e = editor();
        let (_, cursor) = editor_screen(&e, lang, 80, 24);
        let start = cursor.expect("the cursor is shown");
        let mut typed = String::new();
        for c in text.chars() {
            type_text(&mut e, &c.to_string());
            typed.push(c);
            let (buffer, cursor) = editor_screen(&e, lang, 80, 24);
            let expected = Position {
                x: start.x + u16::try_from(typed.width()).unwrap(),
                y: start.y,
            };
            assert_eq!(cursor, Some(expected), "after {typed:?}");
            // And the character just typed is drawn right before it.
            let before = u16::try_from(c.to_string().width()).unwrap();
            assert_eq!(
                buffer[(expected.x - before, expected.y)].symbol(),
                c.to_string(),
                "after {typed:?}"
            );
        }
        assert_eq!(e.text(), text);
    }
}

#[test]
fn the_cursor_follows_soft_wrap_and_line_breaks() {
    let mut e = editor();
    // 80 columns: border and padding leave 76; the text wraps at 75.
    // 75 columns: the last space ends the first row.
    let words = format!("{}ab ", "ord ".repeat(18));
    type_text(&mut e, &words);
    type_text(&mut e, "漢字");
    let (_, cursor) = editor_screen(&e, Lang::Sv, 80, 24);
    let start_x = 2;
    let first = cursor.unwrap();
    assert_eq!(
        first.x,
        start_x + 4,
        "after the wrap: 漢字 at the start of the second row"
    );
    e.on_key(ctrl('j'));
    type_text(&mut e, "😀");
    let (_, cursor) = editor_screen(&e, Lang::Sv, 80, 24);
    assert_eq!(
        cursor,
        Some(Position {
            x: start_x + 2,
            y: first.y + 1
        })
    );
    // A line exactly as wide as the text area keeps the cursor inside the box.
    let mut full = editor();
    type_text(&mut full, &"x".repeat(75));
    let (_, cursor) = editor_screen(&full, Lang::Sv, 80, 24);
    assert_eq!(cursor.map(|p| p.x), Some(start_x + 75));
}

#[test]
fn editor_snapshots() {
    let mut typed = editor();
    type_text(
        &mut typed,
        "Vi pratade om att biblioteken redan gör mycket – men att det inte syns. ",
    );
    type_text(&mut typed, "Anna: ”Vi är kommunens vardagsrum” 😀");
    typed.on_key(alt(KeyCode::Enter));
    type_text(&mut typed, "漢字 går också bra.");

    let mut action = editor();
    action.set_kind(Kind::Action);
    type_text(
        &mut action,
        "Boka ett möte med kommunens IT-avdelning om wifi i filialerna.",
    );
    // No owner, and a due date that shows whole (it once showed as "026-12-20").
    action.on_key(key(KeyCode::Tab));
    action.on_key(key(KeyCode::Tab));
    type_text(&mut action, "2026-12-20");
    action.on_key(key(KeyCode::Enter));

    let empty = NoteEditor::new(BREAKOUT, None);

    let saved = note(
        3,
        None,
        "Anna",
        62,
        NoteKind::Decision,
        "Vi startar en läsecirkel.",
    );
    let editing = NoteEditor::for_note(&saved);

    for (name, e) in [
        ("editor", &typed),
        ("editor_action_error", &action),
        ("editor_empty", &empty),
        ("editor_editing", &editing),
    ] {
        for lang in [Lang::Sv, Lang::En] {
            for (w, h) in SIZES {
                let (buffer, cursor) = editor_screen(e, lang, w, h);
                insta::assert_snapshot!(
                    format!("{name}_{}_{w}x{h}", lang_name(lang)),
                    with_cursor(&buffer, cursor)
                );
            }
        }
    }
}

#[test]
fn every_kind_in_the_editor() {
    let session = kickoff();
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in SIZES {
            let ctx = ctx(lang, &session, None);
            let (buffer, _) = render(w, h, |frame| {
                let mut y = 0;
                for kind in [Kind::Note, Kind::Decision, Kind::Action, Kind::Parking] {
                    let mut e =
                        NoteEditor::with_text(QUESTION, Some("Grupp Bergslagen".into()), "Text");
                    e.set_kind(kind);
                    let height = editor::preferred_height(&e, w);
                    editor::draw(
                        frame,
                        Rect {
                            x: 0,
                            y,
                            width: w,
                            height,
                        },
                        &e,
                        &ctx,
                    );
                    y += height;
                }
            });
            insta::assert_snapshot!(
                format!("editor_kinds_{}_{w}x{h}", lang_name(lang)),
                text_of(&buffer)
            );
        }
    }
}

#[test]
fn the_error_line_is_in_the_error_colour() {
    let mut e = editor();
    e.set_kind(Kind::Action);
    type_text(&mut e, "Något");
    e.on_key(key(KeyCode::Enter));
    let (buffer, _) = editor_screen(&e, Lang::Sv, 80, 24);
    let screen = text_of(&buffer);
    let row = screen
        .lines()
        .position(|l| l.contains("Skriv vem som är ansvarig"))
        .expect("error shown");
    let cell = &buffer[(2, u16::try_from(row).unwrap())];
    assert_eq!(cell.style().fg, theme().error.fg);
    assert!(cell.modifier.contains(Modifier::BOLD));
}

// ---------------------------------------------------------------------------------------------
// The notes panel

fn note(seq: u64, group: Option<&str>, by: &str, minute: i64, kind: NoteKind, text: &str) -> Note {
    let at = if group.is_some() && minute >= 115 {
        BREAKOUT
    } else {
        QUESTION
    };
    Note {
        id: NoteId {
            writer: by.to_lowercase(),
            seq,
        },
        at,
        group: group.map(String::from),
        kind,
        text: text.into(),
        by: by.into(),
        written: NINE + minute * MIN,
        edited: None,
        deleted: false,
        done: false,
        unfinished: false,
    }
}

/// Notes on question 2 of the first discussion: all four kinds, two groups, one deleted, one
/// edited, one action done.
fn question_notes() -> Vec<Note> {
    let action = |owner: &str, due: Option<&str>| NoteKind::Action {
        owner: owner.into(),
        due: due.map(String::from),
    };
    let mut notes = vec![
        note(
            1,
            None,
            "Anna",
            61,
            NoteKind::Note,
            "Digitalisering är mer än datorer: det är hur vi möter människor, i alla kanaler.",
        ),
        note(
            2,
            Some("Grupp Siljan"),
            "Erik",
            62,
            NoteKind::Note,
            "Vi menar olika saker. För några är det e-tjänster, för andra wifi 😀",
        ),
        note(
            3,
            None,
            "Anna",
            63,
            NoteKind::Decision,
            "Vi tar fram en gemensam ordlista till nästa träff.",
        ),
        note(
            4,
            None,
            "Anna",
            64,
            action("Karin Lund", Some("2020-10-01")),
            "Samla exempel från alla bibliotek.",
        ),
        note(
            5,
            Some("Grupp Siljan"),
            "Erik",
            65,
            NoteKind::Parking,
            "Hur når vi dem som aldrig kommer till biblioteket?",
        ),
        note(
            6,
            None,
            "Anna",
            66,
            NoteKind::Note,
            "Den här anteckningen togs bort.",
        ),
        note(
            7,
            Some("Grupp Siljan"),
            "Erik",
            67,
            action("Per", None),
            "Fråga IT om 漢字 i katalogen.",
        ),
    ];
    notes[5].deleted = true;
    notes[6].done = true;
    notes[0].edited = Some(NINE + 70 * MIN);
    notes
}

fn panel_screen(
    notes: &[Note],
    lang: Lang,
    w: u16,
    h: u16,
    scroll: usize,
    selected: Option<&NoteId>,
) -> Buffer {
    let session = kickoff();
    let ctx = ctx(lang, &session, None);
    let order = NoteOrder::new(notes, &session.groups, |_| true);
    let refs = Shown::new(notes, &order);
    render(w, h, |frame| {
        panel::draw_notes(frame, frame.area(), refs, &ctx, Focus { selected, scroll })
    })
    .0
}

#[test]
fn panel_snapshots() {
    let notes = question_notes();
    let selected = notes[2].id.clone();
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in SIZES {
            let screen = text_of(&panel_screen(&notes, lang, w, h, 0, Some(&selected)));
            assert!(!screen.contains("togs bort"), "deleted notes are hidden");
            insta::assert_snapshot!(format!("panel_{}_{w}x{h}", lang_name(lang)), screen);
        }
    }
}

/// Thirty notes: the newest are in view, the older counted above them; scrolled, the newer are
/// counted too; a selected old note is brought into view.
#[test]
fn panel_overflow_snapshots() {
    let groups = [None, Some("Grupp Siljan"), Some("Grupp Dalälven")];
    let notes: Vec<Note> = (0..30)
        .map(|i| {
            let text = format!(
                "Anteckning {} om {}",
                i + 1,
                ["wifi", "läsecirklar", "e-tjänster"][i % 3]
            );
            note(
                i as u64 + 1,
                groups[i % 3],
                ["Anna", "Erik", "Lena"][i % 3],
                60 + i as i64,
                NoteKind::Note,
                &text,
            )
        })
        .collect();
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in SIZES {
            let newest = text_of(&panel_screen(&notes, lang, w, h, 0, None));
            assert!(
                newest.contains("Anteckning 30 om"),
                "the newest note is in view:\n{newest}"
            );
            let scrolled = text_of(&panel_screen(&notes, lang, w, h, 3, None));
            assert!(
                !scrolled.contains("Anteckning 30 om") && scrolled.contains("Anteckning 27 om")
            );
            let old = text_of(&panel_screen(&notes, lang, w, h, 0, Some(&notes[1].id)));
            assert!(
                old.contains("▶") && old.contains("Anteckning 2 om"),
                "the selected note is in view:\n{old}"
            );
            let l = lang_name(lang);
            insta::assert_snapshot!(format!("panel_newest_{l}_{w}x{h}"), newest);
            insta::assert_snapshot!(format!("panel_scrolled_{l}_{w}x{h}"), scrolled);
            insta::assert_snapshot!(format!("panel_selected_old_{l}_{w}x{h}"), old);
        }
    }
}

#[test]
fn the_selected_note_is_marked_and_reversed() {
    let notes = question_notes();
    let buffer = panel_screen(&notes, Lang::Sv, 80, 24, 0, Some(&notes[2].id));
    let screen = text_of(&buffer);
    let row = screen
        .lines()
        .position(|l| l.starts_with("▶"))
        .expect("a selected note");
    assert!(screen.lines().nth(row + 1).unwrap().contains("Beslut ✔"));
    assert!(
        buffer[(2, u16::try_from(row).unwrap())]
            .modifier
            .contains(Modifier::REVERSED)
    );
}

#[test]
fn no_notes_yet() {
    for lang in [Lang::Sv, Lang::En] {
        let screen = text_of(&panel_screen(&[], lang, 60, 5, 0, None));
        let expected = if lang == Lang::Sv {
            "Inga anteckningar än"
        } else {
            "No notes yet"
        };
        assert!(screen.contains(expected), "{screen}");
    }
}

fn breakout_notes() -> Vec<Note> {
    vec![
        note(
            11,
            Some("Grupp Siljan"),
            "Erik",
            116,
            NoteKind::Note,
            "Vi känner igen oss i att unga flyttar och att de äldre blir fler.",
        ),
        note(
            12,
            Some("Grupp Dalälven"),
            "Lena",
            117,
            NoteKind::Note,
            "Pendlingen till Falun och Borlänge gör att många lånar där.",
        ),
        note(
            13,
            Some("Grupp Siljan"),
            "Erik",
            118,
            NoteKind::Decision,
            "Vi pratar med skolorna i höst.",
        ),
        note(
            14,
            Some("Grupp Västerdalarna"),
            "Olof",
            119,
            NoteKind::Parking,
            "Vem äger frågan om bredband på landsbygden?",
        ),
        note(
            15,
            Some("Grupp Dalälven"),
            "Lena",
            121,
            NoteKind::Action {
                owner: "Lena".into(),
                due: Some("2020-10-15".into()),
            },
            "Ta med statistik till nästa träff.",
        ),
        note(
            16,
            Some("Grupp Siljan"),
            "Erik",
            122,
            NoteKind::Note,
            "Biblioteket kan vara platsen där man får hjälp med e-tjänster 😀",
        ),
    ]
}

#[test]
fn breakout_snapshots() {
    let notes = breakout_notes();
    let session = kickoff();
    let order = NoteOrder::new(&notes, &session.groups, |_| true);
    let refs = Shown::new(&notes, &order);
    for lang in [Lang::Sv, Lang::En] {
        let ctx = ctx(lang, &session, Some("Grupp Dalälven"));
        for (w, h) in SIZES {
            // Narrow, the page shows the group notes go to; Dalälven is the second.
            let (buffer, _) = render(w, h, |frame| {
                panel::draw_breakout(frame, frame.area(), refs, &ctx, Focus::default())
            });
            let screen = text_of(&buffer);
            if panel::breakout_fits(w, 4) {
                for group in &session.groups {
                    assert!(
                        screen.contains(group.as_str()),
                        "{group} has a column:\n{screen}"
                    );
                }
            } else {
                assert!(screen.contains("Grupp Dalälven ✎ · 2/4"), "{screen}");
            }
            insta::assert_snapshot!(format!("breakout_{}_{w}x{h}", lang_name(lang)), screen);
        }
    }
}

#[test]
fn breakout_columns_are_the_sessions_groups_whatever_the_whole_group_writes() {
    let session = kickoff();
    let mut notes = breakout_notes();
    let order = NoteOrder::new(&notes, &session.groups, |_| true);
    let refs = Shown::new(&notes, &order);
    let columns = refs.breakout_columns(&session.groups);
    assert_eq!(columns, session.groups);
    assert!(panel::breakout_fits(120, 4));
    assert!(!panel::breakout_fits(80, 4));
    notes.push(note(
        20,
        None,
        "Anna",
        123,
        NoteKind::Note,
        "Till alla grupper: fem minuter kvar.",
    ));
    notes.push(note(
        21,
        Some("Grupp Orsa"),
        "Anna",
        124,
        NoteKind::Note,
        "En grupp som inte finns i träffen.",
    ));
    let order = NoteOrder::new(&notes, &session.groups, |_| true);
    let refs = Shown::new(&notes, &order);
    let columns = refs.breakout_columns(&session.groups);
    // A whole-group note takes no column: the four groups keep theirs.
    assert_eq!(&columns[..4], &session.groups[..]);
    assert_eq!(columns.last(), Some(&"Grupp Orsa".to_string()));
    // Narrow: the page is the group notes go to, by name, with the whole group's band above.
    for group in ["Grupp Bergslagen", "Grupp Orsa"] {
        let ctx = ctx(Lang::Sv, &session, Some(group));
        let (buffer, _) = render(80, 24, |frame| {
            panel::draw_breakout(frame, frame.area(), refs, &ctx, Focus::default())
        });
        let screen = text_of(&buffer);
        assert!(screen.starts_with("Hela gruppen "), "{screen}");
        assert!(screen.contains("fem minuter kvar"), "{screen}");
        let i = columns.iter().position(|c| c == group).unwrap() + 1;
        assert!(screen.contains(&format!("{group} ✎ · {i}/5")), "{screen}");
    }
    // Wide: every group has its column, and the whole group its band, marked where notes go.
    let ctx = ctx(Lang::Sv, &session, None);
    let (buffer, _) = render(200, 60, |frame| {
        panel::draw_breakout(frame, frame.area(), refs, &ctx, Focus::default())
    });
    let screen = text_of(&buffer);
    assert!(screen.starts_with("Hela gruppen ✎"), "{screen}");
    for group in &session.groups {
        assert!(screen.contains(group.as_str()), "{group}:\n{screen}");
    }
}

#[test]
fn display_order_is_by_group_then_time() {
    let session = kickoff();
    let notes = question_notes();
    let order = NoteOrder::new(&notes, &session.groups, |_| true);
    let refs = Shown::new(&notes, &order);
    let seqs: Vec<u64> = refs.iter().map(|n| n.id.seq).collect();
    assert_eq!(seqs, [1, 3, 4, 2, 5, 7]);
}
