//! The live moment, with an injected clock: a facilitator's stage and note-takers' joins on one
//! run, each folding every event any of them writes. Notes land on the question and group their
//! writer's editor showed at Enter; panels are chosen by group name; nothing typed is dropped;
//! drafts fall due in the wake set.

use std::sync::Arc;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, Place, Record, Role};
use spar::session::Session;
use spar::stage::{Context, Effect, Overlay, Stage, view};
use spar::ui::theme::{Theme, ThemeName};

/// 2020-09-17 09:00 UTC.
const NINE: Millis = 1_600_333_200_000;
/// Kickoff item 4, a discussion with two questions.
const DISCUSSION: usize = 3;
/// Kickoff item 7, the breakout.
const BREAKOUT: usize = 6;

fn kickoff() -> Arc<Session> {
    let text = include_str!("../sessions/kickoff.ron");
    Arc::new(spar::session::parse::parse_session(text).expect("kickoff parses"))
}

fn at(item: usize, step: usize) -> Place {
    Place { item, step }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// One terminal on the run: its stage and the journal it writes.
struct Terminal_ {
    stage: Stage,
    writer: Arc<str>,
    seq: u64,
}

/// A run with several terminals; every event written is folded into all of them.
struct Room {
    session: Arc<Session>,
    terminals: Vec<Terminal_>,
    entries: Vec<Entry>,
    now: Millis,
    /// Every note saved: who wrote it, and the event.
    saved: Vec<(usize, Event)>,
}

impl Room {
    fn new() -> Room {
        Room::with(kickoff())
    }

    fn with(session: Arc<Session>) -> Room {
        Room {
            session,
            terminals: Vec::new(),
            entries: Vec::new(),
            now: NINE,
            saved: Vec::new(),
        }
    }

    /// Opens a terminal as `author` in `role` (a join with `group`), as `spar run`/`spar join`
    /// do: the run so far, then `Joined`.
    fn open(&mut self, author: &str, role: Role, group: Option<&str>) -> usize {
        let run = RunState::fold(self.session.clone(), &self.entries);
        let ctx = Context {
            ui: spar::ui::Ctx {
                lang: Lang::Sv,
                theme: Theme::new(ThemeName::Dark, false),
                tz: jiff::tz::TimeZone::UTC,
            },
            run_id: "20200917-0900-kickoff-abcd".into(),
            track: None,
            start_of_day: NINE,
            author: author.into(),
            role,
            recap: Vec::new(),
        };
        let mut stage = Stage::new(run, ctx, true, self.now);
        if role == Role::NoteTaker {
            stage.set_home_group(group.map(str::to_string));
            stage.open_editor();
        }
        let i = self.terminals.len();
        self.terminals.push(Terminal_ {
            stage,
            writer: Arc::from(format!("w{i}-{author}").to_lowercase().as_str()),
            seq: 0,
        });
        self.write(
            i,
            Event::Joined {
                name: author.into(),
                role,
            },
        );
        let effects = self.terminals[i].stage.tick(self.now);
        self.perform(i, effects);
        i
    }

    fn write(&mut self, from: usize, ev: Event) {
        let t = &mut self.terminals[from];
        t.seq += 1;
        let entry = Entry {
            writer: t.writer.clone(),
            record: Record {
                hlc: None,
                at: self.now,
                seq: t.seq,
                ev,
            },
        };
        self.entries.push(entry.clone());
        for t in &mut self.terminals {
            t.stage.run.apply(&entry);
            t.stage.after_fold();
        }
    }

    fn perform(&mut self, from: usize, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Append(ev) => self.write(from, ev),
                Effect::SaveNote(ev) => {
                    self.saved.push((from, ev.clone()));
                    self.write(from, ev);
                }
                Effect::Bell | Effect::Quit => {}
            }
        }
    }

    fn key(&mut self, who: usize, code: KeyCode) {
        self.now += 50;
        let effects = self.terminals[who].stage.on_key(key(code), self.now);
        self.perform(who, effects);
    }

    fn type_text(&mut self, who: usize, text: &str) {
        for c in text.chars() {
            self.key(who, KeyCode::Char(c));
        }
    }

    fn stage(&self, who: usize) -> &Stage {
        &self.terminals[who].stage
    }

    /// Time passes for everyone, as the loop's wakes would let it.
    fn pass(&mut self, ms: Millis) {
        self.now += ms;
        for i in 0..self.terminals.len() {
            let effects = self.terminals[i].stage.tick(self.now);
            self.perform(i, effects);
        }
    }

    fn screen(&self, who: usize, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| view::draw(frame, self.stage(who), self.now))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..height {
            for x in 0..width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn last_saved(&self) -> (Place, Option<String>, String) {
        match &self.saved.last().expect("a note saved").1 {
            Event::NoteSaved {
                at, group, text, ..
            } => (*at, group.clone(), text.clone()),
            other => panic!("not a new note: {other:?}"),
        }
    }
}

/// The facilitator moves to `place` (as `o` + Enter or `n` would).
fn facilitator_to(room: &mut Room, stage: usize, place: Place) {
    room.write(stage, Event::Moved { to: place });
}

// ---------------------------------------------------------------------------------------------
// 1. A note being typed keeps its question; every later note goes to the question on screen.

#[test]
fn a_note_keeps_its_question_and_the_next_one_follows_the_screen() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(BREAKOUT, 0));
    let join = room.open("Sam", Role::NoteTaker, Some("Grupp Siljan"));
    room.type_text(join, "om fråga ett");
    facilitator_to(&mut room, stage, at(BREAKOUT, 1));
    // The screen says question 2; the editor's title says plainly that this note is for 1.
    let screen = room.screen(join, 120, 40);
    assert!(screen.contains("Fråga 2 av"), "{screen}");
    assert!(
        screen.contains("till Fråga 1, inte frågan som visas"),
        "{screen}"
    );
    room.key(join, KeyCode::Enter);
    assert_eq!(
        room.last_saved(),
        (
            at(BREAKOUT, 0),
            Some("Grupp Siljan".into()),
            "om fråga ett".into()
        )
    );
    // The next note goes to the question on screen, and the title no longer warns.
    let screen = room.screen(join, 120, 40);
    assert!(!screen.contains("inte frågan som visas"), "{screen}");
    room.type_text(join, "om fråga två");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().0, at(BREAKOUT, 1));
    // Emptied without saving: the editor follows the screen too.
    room.type_text(join, "ab");
    facilitator_to(&mut room, stage, at(BREAKOUT, 0));
    room.key(join, KeyCode::Backspace);
    room.key(join, KeyCode::Backspace);
    room.type_text(join, "ny");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().0, at(BREAKOUT, 0));
}

// ---------------------------------------------------------------------------------------------
// 2. Panels by group name.

#[test]
fn a_whole_group_note_changes_no_ones_panel() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(BREAKOUT, 0));
    let siljan = room.open("Sam", Role::NoteTaker, Some("Grupp Siljan"));
    let dal = room.open("Dana", Role::NoteTaker, Some("Grupp Dalälven"));
    room.type_text(siljan, "Siljans egen");
    room.key(siljan, KeyCode::Enter);
    room.type_text(dal, "Dalälvens egen");
    room.key(dal, KeyCode::Enter);
    // The facilitator writes for the whole group.
    room.key(stage, KeyCode::Char('i'));
    room.type_text(stage, "Fem minuter kvar");
    room.key(stage, KeyCode::Enter);
    room.key(stage, KeyCode::Esc);

    // The stage keeps a column per group, with the whole group's band above.
    let screen = room.screen(stage, 200, 60);
    for group in &room.session.groups {
        assert!(screen.contains(group.as_str()), "{group}:\n{screen}");
    }
    assert!(screen.contains("Siljans egen") && screen.contains("Dalälvens egen"));
    // A narrow join shows its own group, never another's.
    for (join, own, other) in [
        (siljan, "Siljans egen", "Dalälvens egen"),
        (dal, "Dalälvens egen", "Siljans egen"),
    ] {
        let screen = room.screen(join, 80, 24);
        assert!(screen.contains(own), "{screen}");
        assert!(!screen.contains(other), "{screen}");
    }
    let screen = room.screen(dal, 80, 24);
    assert!(screen.contains("Grupp Dalälven ✎ · 2/4"), "{screen}");
    assert!(
        screen.contains("Anteckningar till: Grupp Dalälven"),
        "{screen}"
    );
}

#[test]
fn after_tab_the_panel_shows_the_group_notes_go_to() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(BREAKOUT, 0));
    room.key(stage, KeyCode::Char('i'));
    room.type_text(stage, "till alla");
    room.key(stage, KeyCode::Enter);
    room.key(stage, KeyCode::Esc);
    for group in ["Grupp Siljan", "Grupp Dalälven", "Grupp Bergslagen"] {
        room.key(stage, KeyCode::Tab);
        let screen = room.screen(stage, 80, 24);
        assert!(
            screen.contains(&format!("Anteckningar till: {group}")),
            "{screen}"
        );
        assert!(screen.contains(&format!("{group} ✎ ·")), "{screen}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The group resets on a new item (a join keeps its own).

#[test]
fn the_group_chosen_resets_when_a_new_item_starts() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(BREAKOUT, 0));
    let join = room.open("Dana", Role::NoteTaker, Some("Grupp Dalälven"));
    room.key(stage, KeyCode::Tab);
    room.key(stage, KeyCode::Tab);
    assert_eq!(room.stage(stage).group.as_deref(), Some("Grupp Dalälven"));
    // Another question of the same item keeps the choice.
    facilitator_to(&mut room, stage, at(BREAKOUT, 1));
    assert_eq!(room.stage(stage).group.as_deref(), Some("Grupp Dalälven"));
    // The next item starts with the whole group on the stage, the join's own group on the join.
    facilitator_to(&mut room, stage, at(BREAKOUT + 2, 0));
    assert_eq!(room.stage(stage).group, None);
    let screen = room.screen(stage, 120, 40);
    assert!(
        screen.contains("Anteckningar till: Hela gruppen"),
        "{screen}"
    );
    room.key(stage, KeyCode::Char('i'));
    room.type_text(stage, "reflektion");
    room.key(stage, KeyCode::Enter);
    assert_eq!(room.last_saved().1, None);
    room.type_text(join, "från Dalälven");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().1.as_deref(), Some("Grupp Dalälven"));
}

/// A breakout whose last step the whole group does together.
const ONE_TWO_FOUR_ALL: &str = r#"Session(id: "ideas", track: "t", title: "Ideas", start: "09:00",
    groups: ["Grupp Siljan", "Grupp Dalälven"],
    agenda: [
        Item(kind: Breakout, title: "1-2-4-All", minutes: 12, questions: [
            Question(text: "In pairs: ideas?", minutes: 6, group_size: Pairs),
            Question(text: "All: one idea that stood out?", minutes: 6, group_size: Whole),
        ]),
        Item(kind: Discussion, title: "Together", minutes: 5, questions: [
            Question(text: "What now?", minutes: 5),
        ]),
    ])"#;

#[test]
fn notes_follow_the_steps_group() {
    let session = Arc::new(spar::session::parse::parse_session(ONE_TWO_FOUR_ALL).unwrap());
    let mut room = Room::with(session);
    let stage = room.open("Fia", Role::Facilitator, None);
    let join = room.open("Dana", Role::NoteTaker, Some("Grupp Dalälven"));
    // In pairs: the note-taker's group.
    room.type_text(join, "par");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().1.as_deref(), Some("Grupp Dalälven"));
    // The step the whole group does together: the whole group, and the join says so.
    facilitator_to(&mut room, stage, at(0, 1));
    let screen = room.screen(join, 80, 24);
    assert!(
        screen.contains("Anteckningar till: Hela gruppen"),
        "{screen}"
    );
    room.type_text(join, "alla");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved(), (at(0, 1), None, "alla".into()));
    // A discussion is the whole group's too.
    facilitator_to(&mut room, stage, at(1, 0));
    room.type_text(join, "nu");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved(), (at(1, 0), None, "nu".into()));
    // Chosen with Tab on the step, a group holds there.
    room.key(join, KeyCode::Esc);
    room.key(join, KeyCode::Tab);
    room.key(join, KeyCode::Char('i'));
    room.type_text(join, "vald");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().1.as_deref(), Some("Grupp Siljan"));
}

// ---------------------------------------------------------------------------------------------
// 4. The panel follows new notes; End selects the newest; Esc clears the selection.

#[test]
fn new_notes_stay_in_view_after_a_selection_is_cleared() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(DISCUSSION, 0));
    let join = room.open("Sam", Role::NoteTaker, None);
    room.type_text(join, "den första");
    room.key(join, KeyCode::Enter);
    room.key(stage, KeyCode::Up);
    assert!(room.stage(stage).selected.is_some());
    room.key(stage, KeyCode::Esc);
    assert_eq!(room.stage(stage).selected, None);
    for n in 0..26 {
        room.type_text(join, &format!("ny anteckning {n}"));
        room.key(join, KeyCode::Enter);
    }
    let screen = room.screen(stage, 80, 24);
    assert!(screen.contains("ny anteckning 25"), "{screen}");
    // End: the newest is selected (and so in view), ready for e, x or d.
    room.key(stage, KeyCode::Up);
    room.key(stage, KeyCode::Up);
    room.key(stage, KeyCode::End);
    let newest = room
        .stage(stage)
        .run
        .live_notes()
        .last()
        .map(|n| n.id.clone());
    assert_eq!(room.stage(stage).selected, newest);
    let screen = room.screen(stage, 80, 24);
    assert!(screen.contains("▶ Hela gruppen · Sam"), "{screen}");
}

// ---------------------------------------------------------------------------------------------
// 5. `x` says what it deleted and that `u` brings it back.

#[test]
fn deleting_says_what_and_how_to_undo() {
    for role in [Role::Facilitator, Role::NoteTaker] {
        let mut room = Room::new();
        let stage = room.open("Fia", Role::Facilitator, None);
        facilitator_to(&mut room, stage, at(DISCUSSION, 0));
        let me = if role == Role::Facilitator {
            stage
        } else {
            room.open("Sam", role, None)
        };
        if !room.stage(me).editor_open {
            room.key(me, KeyCode::Char('i'));
        }
        room.type_text(me, "Bibliotek är mötesplatser för alla som bor här");
        room.key(me, KeyCode::Enter);
        room.key(me, KeyCode::Esc);
        room.key(me, KeyCode::Up);
        room.key(me, KeyCode::Char('x'));
        let screen = room.screen(me, 120, 40);
        assert!(
            screen.contains("Raderade ”Bibliotek är mötesplatser för…” · u ångrar"),
            "{role:?}:\n{screen}"
        );
        room.key(me, KeyCode::Char('u'));
        assert_eq!(room.stage(me).run.live_notes().count(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Drafts belong to a writer, not a name.

#[test]
fn a_join_under_the_facilitators_name_does_not_take_the_stages_draft() {
    let mut room = Room::new();
    let stage = room.open("Anna", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(DISCUSSION, 0));
    room.key(stage, KeyCode::Char('i'));
    room.type_text(stage, "stagens utkast");
    room.pass(600);
    let join = room.open("Anna", Role::NoteTaker, None);
    let editor = room.stage(join).editor.as_ref().unwrap();
    assert_eq!(editor.text(), "");
    room.type_text(join, "joinens text");
    room.pass(600);
    // Both drafts stand, each its writer's.
    let run = &room.stage(stage).run;
    let mut texts: Vec<&str> = run.drafts.values().map(|d| d.text.as_str()).collect();
    texts.sort();
    assert_eq!(texts, ["joinens text", "stagens utkast"]);
    // The stage's next process (after a crash) takes up the stage's draft, and only it.
    let again = room.open("Anna", Role::Facilitator, None);
    let editor = room.stage(again).editor.as_ref().unwrap();
    assert_eq!(editor.text(), "stagens utkast");
    room.pass(10);
    let run = &room.stage(again).run;
    assert_eq!(run.drafts.len(), 2, "{:?}", run.drafts);
}

#[test]
fn an_edit_in_progress_is_journalled_and_comes_back() {
    let mut room = Room::new();
    let stage = room.open("Anna", Role::Facilitator, None);
    facilitator_to(&mut room, stage, at(DISCUSSION, 0));
    room.key(stage, KeyCode::Char('i'));
    room.type_text(stage, "sparad");
    room.key(stage, KeyCode::Enter);
    room.key(stage, KeyCode::Esc);
    room.key(stage, KeyCode::Up);
    room.key(stage, KeyCode::Char('e'));
    room.type_text(stage, " och ändrad");
    room.pass(600);
    assert!(
        room.entries.iter().any(
            |e| matches!(&e.record.ev, Event::EditDraft { text, .. } if text == "sparad och ändrad")
        ),
        "the edit in progress is journalled"
    );
    let again = room.open("Anna", Role::Facilitator, None);
    let editor = room.stage(again).editor.as_ref().unwrap();
    assert_eq!(editor.text(), "sparad och ändrad");
    assert!(editor.editing().is_some());
}

// ---------------------------------------------------------------------------------------------
// 8. A draft falls due in the wake set, with no timebox running.

#[test]
fn a_draft_is_in_the_wake_set_with_no_timebox_running() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    let join = room.open("Sam", Role::NoteTaker, None);
    // The lobby: nothing runs; the wall clock's next minute is far.
    let now = NINE + 1_000;
    room.now = now;
    assert!(room.stage(join).next_wake(now) > now + 10_000);
    room.type_text(join, "idle");
    let typed = room.now;
    let wake = room.stage(join).next_wake(typed);
    assert!(wake <= typed + 500, "the draft is due by {wake} - {typed}");
    // Waking then journals it.
    let before = room.entries.len();
    room.pass(wake - typed);
    assert!(
        room.entries[before..]
            .iter()
            .any(|e| matches!(&e.record.ev, Event::Draft { text, .. } if text == "idle"))
    );
    // Nothing more is due.
    assert!(room.stage(join).next_wake(room.now) > room.now + 10_000);
    let _ = stage;
}

// ---------------------------------------------------------------------------------------------
// 9. An oversize paste is refused at the editor.

#[test]
fn a_paste_too_large_to_journal_is_refused_with_a_message() {
    let mut room = Room::new();
    let stage = room.open("Fia", Role::Facilitator, None);
    let join = room.open("Sam", Role::NoteTaker, None);
    let huge = "x".repeat(spar::stage::notes::editor::MAX_NOTE + 1);
    room.now += 10;
    let effects = room.terminals[join].stage.on_paste(&huge, room.now);
    assert!(effects.is_empty());
    let screen = room.screen(join, 120, 40);
    assert!(screen.contains("För lång anteckning"), "{screen}");
    assert_eq!(room.stage(join).editor.as_ref().unwrap().text(), "");
    // Typing and saving go on.
    room.type_text(join, "kort");
    room.key(join, KeyCode::Enter);
    assert_eq!(room.last_saved().2, "kort");
    let _ = stage;
}

// ---------------------------------------------------------------------------------------------
// 10–11. Enter frees the editor at once; quitting with unsaved changes asks.

#[test]
fn text_typed_while_a_save_waits_is_kept_and_a_second_enter_saves_it() {
    let mut room = Room::new();
    let _stage = room.open("Fia", Role::Facilitator, None);
    let join = room.open("Sam", Role::NoteTaker, None);
    room.now += 10;
    // The edge cannot write: the events stay unsaved.
    let mut sent = Vec::new();
    for c in "första".chars() {
        sent.extend(
            room.terminals[join]
                .stage
                .on_key(key(KeyCode::Char(c)), room.now),
        );
    }
    sent.extend(
        room.terminals[join]
            .stage
            .on_key(key(KeyCode::Enter), room.now),
    );
    for c in "andra".chars() {
        sent.extend(
            room.terminals[join]
                .stage
                .on_key(key(KeyCode::Char(c)), room.now),
        );
    }
    assert_eq!(room.stage(join).editor.as_ref().unwrap().text(), "andra");
    sent.extend(
        room.terminals[join]
            .stage
            .on_key(key(KeyCode::Enter), room.now),
    );
    let notes: Vec<String> = sent
        .iter()
        .filter_map(|e| match e {
            Effect::SaveNote(Event::NoteSaved { text, .. }) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(notes, ["första", "andra"]);
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    for role in [Role::Facilitator, Role::NoteTaker] {
        let mut room = Room::new();
        let me = room.open("Fia", role, None);
        room.terminals[me].stage.notice.unsaved = 2;
        room.terminals[me].stage.editor_open = false;
        let effects = room.terminals[me]
            .stage
            .on_key(key(KeyCode::Char('q')), room.now);
        assert!(effects.is_empty(), "{role:?}");
        assert_eq!(room.stage(me).overlay, Overlay::ConfirmQuitUnsaved);
        let screen = room.screen(me, 80, 24);
        assert!(screen.contains("2 ändringar är inte"), "{screen}");
        let effects = room.terminals[me]
            .stage
            .on_key(key(KeyCode::Char('j')), room.now);
        assert_eq!(effects, [Effect::Quit]);
    }
}

// ---------------------------------------------------------------------------------------------
// The model: random facilitator moves, group changes, and note-takers typing, saving and
// stepping away. Every saved note carries the question and group its writer's editor showed at
// Enter, and the place it was started on.

#[derive(Debug, Clone)]
enum Move {
    /// The facilitator: `n`, `p`, `Tab`.
    Next,
    Previous,
    FacilitatorTab,
    FacilitatorWrite(u8),
    /// A note-taker (0 or 1): a letter, Enter, Backspace, Esc, `i`, stepping away and back.
    Type(usize, char),
    Enter(usize),
    Backspace(usize),
    Close(usize),
    Open(usize),
    StepNext(usize),
    Follow(usize),
    Tab(usize),
}

fn moves() -> impl Strategy<Value = Move> {
    let who = 0..2usize;
    prop_oneof![
        2 => Just(Move::Next),
        1 => Just(Move::Previous),
        1 => Just(Move::FacilitatorTab),
        1 => (0u8..4).prop_map(Move::FacilitatorWrite),
        6 => (who.clone(), prop::sample::select(vec!['a', 'b', 'ö', ' '])).prop_map(|(w, c)| Move::Type(w, c)),
        3 => who.clone().prop_map(Move::Enter),
        1 => who.clone().prop_map(Move::Backspace),
        1 => who.clone().prop_map(Move::Close),
        1 => who.clone().prop_map(Move::Open),
        1 => who.clone().prop_map(Move::StepNext),
        1 => who.clone().prop_map(Move::Follow),
        1 => who.prop_map(Move::Tab),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_note_lands_where_its_editor_showed(script in prop::collection::vec(moves(), 1..80)) {
        let mut room = Room::new();
        let stage = room.open("Fia", Role::Facilitator, None);
        facilitator_to(&mut room, stage, at(BREAKOUT - 1, 0));
        let joins = [
            room.open("Sam", Role::NoteTaker, Some("Grupp Siljan")),
            room.open("Dana", Role::NoteTaker, None),
        ];
        // Where each note-taker's note in progress was started, per the model.
        let mut started: [Option<Place>; 2] = [None, None];
        for step in script {
            match step {
                Move::Next => room.key(stage, KeyCode::Char('n')),
                Move::Previous => room.key(stage, KeyCode::Char('p')),
                Move::FacilitatorTab => {
                    if !room.stage(stage).editor_open {
                        room.key(stage, KeyCode::Tab);
                    }
                }
                Move::FacilitatorWrite(n) => {
                    // A question on screen (past the last item: "end the meeting?") takes
                    // every key but its answers; the facilitator answers no first.
                    if room.stage(stage).overlay != Overlay::None {
                        room.key(stage, KeyCode::Esc);
                    }
                    room.key(stage, KeyCode::Char('i'));
                    room.type_text(stage, &format!("stage {n}"));
                    let showed = shown_target(room.stage(stage));
                    room.key(stage, KeyCode::Enter);
                    room.key(stage, KeyCode::Esc);
                    check(&room, showed)?;
                }
                Move::Type(w, c) => {
                    let j = joins[w];
                    if room.stage(j).editor_open {
                        if room.stage(j).editor.as_ref().is_none_or(|e| e.is_blank()) {
                            started[w] = Some(room.stage(j).view_place());
                        }
                        room.key(j, KeyCode::Char(c));
                    }
                }
                Move::Enter(w) => {
                    let j = joins[w];
                    if room.stage(j).editor_open {
                        let showed = shown_target(room.stage(j));
                        let before = room.saved.len();
                        room.key(j, KeyCode::Enter);
                        if room.saved.len() > before {
                            check(&room, showed.clone())?;
                            prop_assert_eq!(Some(showed.0), started[w]);
                            started[w] = None;
                        }
                    }
                }
                Move::Backspace(w) => {
                    let j = joins[w];
                    if room.stage(j).editor_open {
                        room.key(j, KeyCode::Backspace);
                        if room.stage(j).editor.as_ref().is_some_and(|e| e.is_blank()) {
                            started[w] = None;
                        }
                    }
                }
                Move::Close(w) => {
                    if room.stage(joins[w]).editor_open {
                        room.key(joins[w], KeyCode::Esc);
                    }
                }
                Move::Open(w) => {
                    if !room.stage(joins[w]).editor_open {
                        room.key(joins[w], KeyCode::Char('i'));
                    }
                }
                Move::StepNext(w) => {
                    if !room.stage(joins[w]).editor_open {
                        room.key(joins[w], KeyCode::Char('n'));
                    }
                }
                Move::Follow(w) => {
                    if !room.stage(joins[w]).editor_open {
                        room.key(joins[w], KeyCode::Char('f'));
                    }
                }
                Move::Tab(w) => {
                    if !room.stage(joins[w]).editor_open {
                        room.key(joins[w], KeyCode::Tab);
                    }
                }
            }
            room.pass(100);
            // What the screen says about where notes go agrees with where they would go.
            for &j in &joins {
                let (place, group) = room.stage(j).target();
                if room.stage(j).editor.as_ref().is_none_or(|e| e.is_blank()) {
                    prop_assert_eq!(place, room.stage(j).view_place());
                }
                let _ = group;
            }
        }
    }
}

/// What the editor's title shows: its question, and its group, read off the screen.
fn shown_target(stage: &Stage) -> (Place, Option<String>) {
    let editor = stage.editor.as_ref().expect("an editor");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, stage, NINE))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let screen: String = (0..60)
        .flat_map(|y| (0..200).map(move |x| (x, y)))
        .map(|p| buffer[p].symbol().to_string())
        .collect();
    let text = stage.ctx.ui.text();
    let group = editor.group().unwrap_or(text.whole_group);
    let place = spar::ui::labels::place_label(text, &stage.run.session, editor.at());
    let title = if editor.at() == stage.view_place() {
        format!(" · {group} · {place}")
    } else {
        format!(" · {group} · {}", text.editor_elsewhere(&place))
    };
    // A long item title is cut at the border: its start says enough.
    let title: String = title.chars().take(48).collect();
    assert!(
        screen.contains(&title),
        "the editor's title shows {title:?}"
    );
    (editor.at(), editor.group().map(str::to_string))
}

fn check(room: &Room, showed: (Place, Option<String>)) -> Result<(), TestCaseError> {
    let (place, group, _) = room.last_saved();
    prop_assert_eq!((place, group), showed);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 20. Hostile times and adjustments in a journal: the stage folds and draws them, never panics.

fn hostile_time() -> impl Strategy<Value = Millis> {
    prop_oneof![
        Just(i64::MIN),
        Just(i64::MAX),
        NINE - 3_600_000..NINE + 3_600_000,
        any::<i64>(),
    ]
}

fn hostile_event() -> impl Strategy<Value = Event> {
    let place = (0usize..13, 0usize..16).prop_map(|(item, step)| Place { item, step });
    prop_oneof![
        place.clone().prop_map(|to| Event::Moved { to }),
        place.clone().prop_map(|at| Event::TimerStarted { at }),
        place.clone().prop_map(|at| Event::TimerPaused { at }),
        (
            place,
            prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()]
        )
            .prop_map(|(at, seconds)| Event::TimerAdjusted { at, seconds }),
        Just(Event::Ended),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_hostile_journal_is_shown_without_a_panic(
        events in prop::collection::vec((hostile_time(), hostile_event()), 0..16),
        now in hostile_time(),
    ) {
        let mut room = Room::new();
        let stage = room.open("Fia", Role::Facilitator, None);
        let join = room.open("Sam", Role::NoteTaker, None);
        for (at, ev) in events {
            room.now = at;
            room.write(stage, ev);
        }
        room.now = now;
        room.pass(0);
        for who in [stage, join] {
            let _ = room.stage(who).next_wake(now);
            room.screen(who, 80, 24);
            room.screen(who, 200, 60);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 18. A session title with bidi and zero-width characters reaches the stage heading clean.

#[test]
fn a_hostile_session_title_is_shown_clean() {
    let mut session = (*kickoff()).clone();
    session.title = "Kick\u{202e}ffo\u{200b} off\u{1b}[2J\u{9b}".into();
    let mut room = Room::with(Arc::new(session));
    let stage = room.open("Fia", Role::Facilitator, None);
    let screen = room.screen(stage, 120, 40);
    assert!(screen.contains("Kickffo off[2J"), "{screen}");
    for bad in ['\u{202e}', '\u{200b}', '\u{1b}', '\u{9b}'] {
        assert!(!screen.contains(bad), "{bad:?} on screen");
    }
}
