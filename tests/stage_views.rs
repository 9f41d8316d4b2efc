//! Snapshots of every stage view, item kind and timer state at 80×24, 120×40 and 200×60 in
//! Swedish and English; a scan of every rendered frame for glyphs outside the allowed set and for
//! words cut without "…"; and buffer checks for what lives in the colour and in the countdown's
//! size.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use spar::i18n::Lang;
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, Place, Record};
use spar::session::Session;
use spar::stage::{Action, Context, Stage, view};
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff's planned start, with the views in UTC.
const NINE: Millis = 1_600_333_200_000;

const KICKOFF: &str = include_str!("../sessions/kickoff.ron");
/// The second meeting: it opens with a recap of the first.
const SECOND: &str = include_str!("../sessions/digitala-samhallet.ron");

/// A meeting in phases whose steps set their own group size (issue 21).
const PHASES: &str = r#"Session(id: "retro-short", track: "retro", title: "A short retrospective",
    start: "09:00", groups: ["Table 1", "Table 2"],
    agenda: [
        Phase("Set the stage"),
        Item(kind: Welcome, title: "Welcome", minutes: 5),
        Phase("Gather data"),
        Item(kind: Breakout, title: "What happened", minutes: 20, group_size: Between(3, 5),
            invitation: "What happened this quarter?",
            questions: [
                Instruction(text: "In silence: note the events that mattered to you.", minutes: 3, group_size: Alone),
                Question(text: "Put the events in order. What stands out?", minutes: 12),
                Question(text: "Each group: one thing that stood out.", minutes: 5, group_size: Whole),
            ]),
        Phase("Close"),
        Item(kind: CheckIn, title: "Last words in pairs", minutes: 5, group_size: Pairs,
            round: Round(prompt: "One word for today", minutes_each: 2, turns: EachPerson)),
    ])"#;

fn session(text: &str) -> Arc<Session> {
    Arc::new(spar::session::parse::parse_session(text).expect("session parses"))
}

fn stage(lang: Lang, events: &[(i64, Event)]) -> Stage {
    stage_of(KICKOFF, spar::run::Role::Facilitator, lang, events)
}

fn stage_of(file: &str, role: spar::run::Role, lang: Lang, events: &[(i64, Event)]) -> Stage {
    let session = session(file);
    // The facilitator's journal begins with its `Joined` (only a facilitator drives the timer).
    let joined = Event::Joined {
        name: "Anna".into(),
        role: spar::run::Role::Facilitator,
    };
    let begun = matches!(events.first(), Some((_, Event::Joined { .. })));
    let events = (!begun)
        .then_some((-60, joined))
        .into_iter()
        .chain(events.iter().cloned());
    let entries: Vec<Entry> = events
        .enumerate()
        .map(|(i, (minute, ev))| Entry {
            writer: Arc::from("facilitator"),
            record: Record {
                hlc: None,
                at: NINE + minute * MIN,
                seq: i as u64 + 1,
                ev,
            },
        })
        .collect();
    let run = RunState::fold(session, &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "20200917-0900-kickoff-abcd".into(),
        track: Some("Dalaspåret".into()),
        start_of_day: NINE,
        author: "Anna".into(),
        recap: vec![spar::run::catalog::RecapEntry {
            meeting: 1,
            meeting_title: "Kick off".into(),
            kind: spar::run::NoteKind::Action {
                owner: "Erik".into(),
                due: Some("2020-10-01".into()),
            },
            text: "Fråga kommunen om wifi i filialerna".into(),
            group: None,
        }],
        role,
    };
    Stage::new(run, ctx, false, NINE)
}

fn render(stage: &Stage, now: Millis, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, stage, now))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn at(item: usize, step: usize) -> Place {
    Place { item, step }
}

/// A view state: its name, the session file, the role, the events that lead to it, the minute
/// it is looked at, and keys pressed then.
struct Case {
    name: &'static str,
    file: &'static str,
    role: spar::run::Role,
    events: Vec<(i64, Event)>,
    minute: i64,
    actions: Vec<Action>,
}

fn case(name: &'static str, events: Vec<(i64, Event)>, minute: i64, actions: &[Action]) -> Case {
    Case {
        name,
        file: KICKOFF,
        role: spar::run::Role::Facilitator,
        events,
        minute,
        actions: actions.to_vec(),
    }
}

/// The facilitator at `item`, `step`, its timebox started at `minute` after a meeting that began
/// on time.
fn running_at(item: usize, step: usize, minute: i64) -> Vec<(i64, Event)> {
    use Event::*;
    vec![
        (0, TimerStarted { at: at(0, 0) }),
        (minute, Moved { to: at(item, step) }),
        (minute, TimerStarted { at: at(item, step) }),
    ]
}

/// Every view state: each timer state, each item kind, each overlay and mode.
fn cases() -> Vec<Case> {
    use Event::*;
    let started = vec![(0, TimerStarted { at: at(0, 0) })];
    let mut all = vec![
        case("lobby", vec![], -5, &[]),
        case("lobby_late", vec![], 20, &[]),
        case("late_start", vec![], 20, &[Action::ToggleTimer]),
        case("ready", vec![(0, Moved { to: at(3, 0) })], 0, &[]),
        case("running", started.clone(), 3, &[]),
        case("low", started.clone(), 9, &[]),
        case("over", started.clone(), 12, &[]),
        case(
            "paused",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (4, TimerPaused { at: at(0, 0) }),
            ],
            6,
            &[],
        ),
        case(
            "over_paused",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (12, TimerPaused { at: at(0, 0) }),
            ],
            13,
            &[],
        ),
        case("round", running_at(1, 2, 10), 10, &[]),
        case("talk", running_at(2, 0, 27), 40, &[]),
        case("question", running_at(3, 1, 60), 62, &[]),
        case("break", running_at(4, 0, 75), 80, &[]),
        case("long_title_talk", running_at(5, 0, 85), 90, &[]),
        case("breakout", running_at(6, 1, 100), 104, &[]),
        case("feedback_round", running_at(8, 0, 140), 141, &[]),
        case("reflection", running_at(10, 0, 165), 166, &[]),
        case("closing", running_at(11, 0, 175), 176, &[]),
        case("focus", running_at(3, 0, 57), 60, &[Action::Focus]),
        case(
            "facilitator_notes",
            vec![],
            0,
            &[Action::ToggleFacilitatorNotes],
        ),
        case(
            "overview",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (14, Moved { to: at(1, 0) }),
            ],
            20,
            &[Action::Overview],
        ),
        case(
            "fit",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (18, TimerPaused { at: at(0, 0) }),
                (18, Moved { to: at(1, 0) }),
            ],
            18,
            &[Action::Fit],
        ),
        case("help", vec![], 0, &[Action::Help]),
        case(
            "help_scrolled",
            vec![],
            0,
            &[Action::Help, Action::PageDown, Action::Down],
        ),
        case("groups", vec![], 0, &[Action::ChooseGroup]),
        case("confirm_quit", started.clone(), 1, &[Action::Quit]),
        case(
            "ended",
            vec![
                (0, TimerStarted { at: at(0, 0) }),
                (190, Moved { to: at(11, 0) }),
                (194, Ended),
            ],
            200,
            &[],
        ),
    ];
    all.push(Case {
        file: SECOND,
        ..case("recap", running_at(2, 0, 27), 29, &[])
    });
    // Phases in the lobby and the overview; each step's group size in words, no notes panel on
    // the instruction.
    for (name, events, minute, actions) in [
        ("phases_lobby", vec![], -5, vec![]),
        (
            "phases_overview",
            running_at(1, 0, 5),
            6,
            vec![Action::Overview],
        ),
        ("step_alone", running_at(1, 0, 5), 6, vec![]),
        ("step_in_groups", running_at(1, 1, 8), 9, vec![]),
        ("step_whole_group", running_at(1, 2, 20), 21, vec![]),
        ("round_each_person", running_at(2, 1, 25), 26, vec![]),
    ] {
        all.push(Case {
            file: PHASES,
            ..case(name, events, minute, &actions)
        });
    }
    all.push(Case {
        role: spar::run::Role::NoteTaker,
        ..case(
            "join_stepped_away",
            running_at(3, 0, 57),
            60,
            &[Action::Next],
        )
    });
    all
}

/// Renders every case at every size in both languages: `(case name, lang, size, buffer)`.
fn every_frame() -> Vec<(String, Buffer)> {
    let mut frames = Vec::new();
    for c in cases() {
        for lang in [Lang::Sv, Lang::En] {
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                let mut stage = stage_of(c.file, c.role, lang, &c.events);
                let now = NINE + c.minute * MIN;
                for action in &c.actions {
                    stage.update(*action, now);
                }
                let lang = if lang == Lang::Sv { "sv" } else { "en" };
                frames.push((
                    format!("{}_{lang}_{w}x{h}", c.name),
                    render(&stage, now, w, h),
                ));
            }
        }
    }
    frames
}

#[test]
fn every_view_at_every_size_in_both_languages() {
    for (name, buffer) in every_frame() {
        insta::assert_snapshot!(name, text_of(&buffer));
    }
}

/// A third party's join (Dana) while the facilitator deletes Sam's note: at 80×24 the notice
/// says who, whose, where, the note's first words and who can bring it back, whole — wrapped
/// at words in rows of its own above the status, never cut at the edge.
#[test]
fn a_deletion_made_elsewhere_is_said_whole_in_a_join_at_80_by_24() {
    use spar::run::{NoteId, NoteKind, Role};
    for (lang, code) in [(Lang::Sv, "sv"), (Lang::En, "en")] {
        let events = running_at(3, 0, 57);
        let mut stage = stage_of(KICKOFF, Role::NoteTaker, lang, &events);
        stage.ctx.author = "Dana".into();
        let entry = |writer: &str, minute: i64, seq: u64, ev: Event| Entry {
            writer: Arc::from(writer),
            record: Record {
                hlc: None,
                at: NINE + minute * MIN,
                seq,
                ev,
            },
        };
        let joined = Event::Joined {
            name: "Sam".into(),
            role: Role::NoteTaker,
        };
        stage.run.apply(&entry("sam", 57, 1, joined));
        let saved = Event::NoteSaved {
            at: at(3, 0),
            group: None,
            kind: NoteKind::Note,
            text: "Budget first, then the opening hours of every branch".into(),
            by: "Sam".into(),
        };
        stage.run.apply(&entry("sam", 58, 2, saved));
        stage.after_fold();
        let id = NoteId {
            writer: "sam".into(),
            seq: 2,
        };
        // The facilitator's journal: its `Joined` and the events before.
        let seq = events.len() as u64 + 2;
        let deleted = entry("facilitator", 59, seq, Event::NoteDeleted { id });
        stage.run.apply(&deleted);
        stage.after_fold();
        let notice = stage.notice.flash.clone().expect("the deletion is said");
        let screen = text_of(&render(&stage, NINE + 60 * MIN, 80, 24));
        insta::assert_snapshot!(format!("join_deletion_{code}_80x24"), screen);
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let flat_screen = flat(&screen.replace('│', " "));
        assert!(
            flat_screen.contains(&flat(&notice)),
            "{notice:?} not whole on:\n{screen}"
        );
    }
}

/// Words of the session files and of the interface, to tell a cut word from a whole one.
fn known_words() -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    let mut add = |text: &str| {
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                words.insert(word.to_lowercase());
            }
        }
    };
    add(KICKOFF);
    add(SECOND);
    // The word list is a module: every file of it.
    let i18n = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n");
    for entry in std::fs::read_dir(&i18n).expect("src/i18n is readable") {
        let path = entry.expect("src/i18n lists").path();
        add(&std::fs::read_to_string(&path).expect("an i18n file reads"));
    }
    add(include_str!("../sessions/dalasparet.ron"));
    add("Tab Shift Ctrl Alt Enter Esc PageUp PageDown PgUp PgDn Del space");
    words
}

/// Glyphs a frame may hold besides letters, digits and ASCII: typography, arrows, the frame's
/// box drawing, and the countdown's blocks and quadrants. No octants, sextants or braille.
/// (✎ marks the group notes go to in the notes panel.)
const ALLOWED: &str = "–—’”“…·•→←↑↓▶▼▲╭╮╰╯─│┌┐└┘├┤✓×✎";

#[test]
fn no_frame_has_a_stray_glyph_or_a_word_cut_without_an_ellipsis() {
    let known = known_words();
    let mut problems = Vec::new();
    for (name, buffer) in every_frame() {
        let screen = text_of(&buffer);
        for (y, line) in screen.lines().enumerate() {
            for c in line.chars() {
                let fine = c.is_ascii()
                    || c.is_alphanumeric() && (c as u32) < 0x2000
                    || ALLOWED.contains(c)
                    || view::COUNTDOWN_GLYPHS.contains(c);
                if !fine {
                    problems.push(format!("{name} row {y}: glyph {c:?} (U+{:04X})", c as u32));
                }
            }
            // A word is cut when it is not a word of the texts but begins one of them, and no
            // "…" follows it.
            let mut rest = line;
            while let Some(start) = rest.find(|c: char| c.is_alphabetic()) {
                rest = &rest[start..];
                let end = rest
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len());
                let word = rest[..end].to_lowercase();
                // A word touching a popup's edge is covered by it, not cut.
                let ellipsis = rest[end..].starts_with(['…', '│', '╭', '╰']);
                rest = &rest[end..];
                if word.chars().count() < 3 || ellipsis || known.contains(&word) {
                    continue;
                }
                if known.iter().any(|k| k.starts_with(&word)) {
                    problems.push(format!("{name} row {y}: {word:?} cut without …"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Rows of the countdown's digits: rows holding a block or quadrant glyph.
fn countdown_rows(buffer: &Buffer) -> usize {
    text_of(buffer)
        .lines()
        .filter(|l| {
            l.chars()
                .any(|c| c != ' ' && view::COUNTDOWN_GLYPHS.contains(c))
        })
        .count()
}

#[test]
fn the_countdown_fills_the_room_on_every_item_kind() {
    for (name, buffer) in every_frame() {
        let kind_of_stage = [
            "running",
            "low",
            "over",
            "paused",
            "ready",
            "round",
            "talk",
            "question",
            "break",
            "breakout",
            "reflection",
            "closing",
            "recap",
        ];
        if !kind_of_stage
            .iter()
            .any(|k| name.starts_with(&format!("{k}_")))
        {
            continue;
        }
        let rows = countdown_rows(&buffer);
        let least = match (buffer.area.width, buffer.area.height) {
            (200, 60) => 14,
            (120, 40) => 8,
            _ => 4,
        };
        assert!(rows >= least, "{name}: {rows} rows of digits, want {least}");
    }
}

#[test]
fn too_small_says_so_instead_of_a_broken_layout() {
    for lang in [Lang::Sv, Lang::En] {
        let stage = stage(lang, &[]);
        // Down to 28×8 a zoomed terminal gets the stage in plain lines (tests/accessible_views.rs).
        for (w, h) in [(59, 24), (80, 19)] {
            let screen = text_of(&render(&stage, NINE, w, h));
            let heading = if lang == Lang::Sv {
                "Punkt 1 av 12"
            } else {
                "Item 1 of 12"
            };
            assert!(screen.contains(heading), "{w}x{h}: {screen}");
        }
        for (w, h) in [(27, 24), (80, 7), (20, 5), (1, 1), (0, 0)] {
            let screen = text_of(&render(&stage, NINE, w, h));
            if w >= 27 {
                let expected = if lang == Lang::Sv {
                    "Fönstret är för litet"
                } else {
                    "Window too small"
                };
                assert!(screen.contains(expected), "{w}x{h}: {screen}");
            }
        }
        let lang = if lang == Lang::Sv { "sv" } else { "en" };
        insta::assert_snapshot!(
            format!("too_small_{lang}"),
            text_of(&render(&stage, NINE, 27, 10))
        );
    }
}

#[test]
fn every_size_up_to_250_by_70_renders_without_panic() {
    let stage = stage(Lang::Sv, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    for w in (0..=250).step_by(7) {
        for h in (0..=70).step_by(3) {
            render(&stage, NINE + 5 * MIN, w, h);
        }
    }
}

/// The colour of the countdown's status line: where the phase lives besides its words.
fn status_colour(stage: &Stage, now: Millis, word: &str) -> Option<Color> {
    let buffer = render(stage, now, 120, 40);
    let screen = text_of(&buffer);
    let (y, line) = screen.lines().enumerate().find(|(_, l)| l.contains(word))?;
    let x = line.chars().take_while(|c| !word.starts_with(*c)).count();
    buffer[(x as u16, y as u16)].fg.into()
}

#[test]
fn the_countdown_colour_follows_the_phase() {
    let running = stage(Lang::En, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    assert_eq!(
        status_colour(&running, NINE + 3 * MIN, "RUNNING"),
        Some(Color::LightGreen)
    );
    assert_eq!(
        status_colour(&running, NINE + 9 * MIN, "RUNNING LOW"),
        Some(Color::Yellow)
    );
    assert_eq!(
        status_colour(&running, NINE + 11 * MIN, "TIME'S UP"),
        Some(Color::LightRed)
    );
    let ready = stage(Lang::En, &[(0, Event::Moved { to: at(3, 0) })]);
    assert_eq!(status_colour(&ready, NINE, "READY"), Some(Color::Gray));
}

#[test]
fn no_color_draws_no_colour_at_all() {
    let mut s = stage(Lang::En, &[(0, Event::TimerStarted { at: at(0, 0) })]);
    s.ctx.ui.theme = Theme::monochrome();
    let buffer = render(&s, NINE + 11 * MIN, 120, 40);
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "{:?}",
            cell
        );
    }
}

/// The effects' events, for the key tests.
fn events(effects: Vec<spar::stage::Effect>) -> Vec<Event> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            spar::stage::Effect::Append(ev) => Some(ev),
            _ => None,
        })
        .collect()
}

#[test]
fn a_late_start_asks_once_and_journals_the_choice_before_the_start() {
    let mut s = stage(Lang::Sv, &[]);
    // Three minutes late: no question.
    assert_eq!(
        events(s.update(Action::ToggleTimer, NINE + 3 * MIN)),
        vec![Event::TimerStarted { at: at(0, 0) }]
    );
    let mut s2 = stage(Lang::Sv, &[]);
    let late = NINE + 20 * MIN;
    assert!(events(s2.update(Action::ToggleTimer, late)).is_empty());
    assert_eq!(s2.overlay, spar::stage::Overlay::LateStart);
    assert_eq!(
        events(s2.update(Action::MovePlan, late)),
        vec![
            Event::LateStart {
                planned: NINE,
                moved: true
            },
            Event::TimerStarted { at: at(0, 0) }
        ]
    );
    // Esc starts nothing.
    let mut s3 = stage(Lang::Sv, &[]);
    s3.update(Action::ToggleTimer, late);
    assert!(events(s3.update(Action::Back, late)).is_empty());
    assert_eq!(s3.overlay, spar::stage::Overlay::None);
}

#[test]
fn fit_is_proposed_applied_as_one_event_and_undone_from_the_overview() {
    use Event::*;
    let history = [
        (0, TimerStarted { at: at(0, 0) }),
        (18, TimerPaused { at: at(0, 0) }),
        (18, Moved { to: at(1, 0) }),
    ];
    let now = NINE + 18 * MIN;
    let mut s = stage(Lang::En, &history);
    s.update(Action::Fit, now);
    let changes = match &s.overlay {
        spar::stage::Overlay::Fit {
            proposal: Some(p), ..
        } => p.changes.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        events(s.update(Action::Confirm, now)),
        vec![Fitted {
            changes: changes.clone()
        }]
    );
    // With the fit folded in, `u` in the overview takes it back.
    let mut with_fit = history.to_vec();
    with_fit.push((18, Fitted { changes }));
    let mut s = stage(Lang::En, &with_fit);
    assert_eq!(s.projection(now).delta_minutes(), 0);
    s.update(Action::Overview, now);
    let u =
        ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char('u'));
    assert_eq!(events(s.on_key(u, now)), vec![FitUndone]);
    // Without a fit standing, `u` there does nothing and is not offered.
    let mut s = stage(Lang::En, &history);
    s.update(Action::Overview, now);
    assert!(events(s.on_key(u, now)).is_empty());
}

#[test]
fn help_scrolls_and_closes_only_on_esc_or_question_mark() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    let mut s = stage(Lang::Sv, &[]);
    s.update(Action::Help, NINE);
    s.on_key(KeyEvent::from(KeyCode::Down), NINE);
    assert_eq!(s.overlay, spar::stage::Overlay::Help { scroll: 1 });
    s.on_key(KeyEvent::from(KeyCode::PageDown), NINE);
    s.on_key(KeyEvent::from(KeyCode::Up), NINE);
    assert_eq!(s.overlay, spar::stage::Overlay::Help { scroll: 10 });
    s.on_key(KeyEvent::from(KeyCode::Esc), NINE);
    assert_eq!(s.overlay, spar::stage::Overlay::None);
}

#[test]
fn after_the_end_the_timebox_keys_do_nothing_and_are_not_offered() {
    use Event::*;
    let mut s = stage(Lang::En, &[(0, TimerStarted { at: at(0, 0) }), (30, Ended)]);
    for key in [' ', 'n', 'p', '+', 'F'] {
        let press = ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char(key),
        );
        assert!(events(s.on_key(press, NINE + 31 * MIN)).is_empty(), "{key}");
    }
    let hints = text_of(&render(&s, NINE + 31 * MIN, 120, 40));
    let bar = hints.lines().last().unwrap();
    assert!(!bar.contains("start / pause") && bar.contains("? help") && bar.contains("q quit"));
    assert!(
        hints.contains("spar export 20200917-0900-kickoff-abcd"),
        "{hints}"
    );
}

#[test]
fn the_hint_bar_follows_the_mode_with_help_and_quit_at_80_columns() {
    let mut s = stage(Lang::Sv, &[]);
    let bar = |s: &Stage| {
        text_of(&render(s, NINE, 80, 24))
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    assert!(bar(&s).contains("? hjälp") && bar(&s).contains("q avsluta"));
    s.update(Action::Write, NINE);
    let editing = bar(&s);
    assert!(
        !editing.contains("space") && !editing.contains("n → nästa"),
        "{editing}"
    );
    assert!(
        editing.contains("F1 hjälp") && editing.contains("Ctrl+C avsluta"),
        "{editing}"
    );
    let f1 = ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::F(1));
    s.on_key(f1, NINE);
    assert_eq!(s.overlay, spar::stage::Overlay::Help { scroll: 0 });
    s.update(Action::Back, NINE);
    s.editor_open = false;
    s.update(Action::Overview, NINE);
    let overview = bar(&s);
    assert!(
        overview.contains("Esc stäng") && overview.contains("q avsluta"),
        "{overview}"
    );
}

/// Item 7 of issue 10: a stage that another stage took over steps down and says so; before
/// its own `Joined` is folded, another facilitator on record is no reason to step down.
#[test]
fn a_stage_taken_over_follows_as_a_note_taker_and_says_who_took_over() {
    use spar::run::Role;
    for (lang, said) in [
        (Lang::En, "Cia took over as facilitator"),
        (Lang::Sv, "Cia tog över som processledare"),
    ] {
        let mut stage = stage(
            lang,
            &[(
                0,
                Event::Joined {
                    name: "Anna".into(),
                    role: Role::Facilitator,
                },
            )],
        );
        // Another process's stage, not yet joined itself, sees Anna as the facilitator.
        stage.step_down_if_taken_over("second");
        assert_eq!(stage.ctx.role, Role::Facilitator);
        for (seq, ev) in [
            Event::Joined {
                name: "Cia".into(),
                role: Role::Facilitator,
            },
            Event::TookOver,
        ]
        .into_iter()
        .enumerate()
        {
            stage.run.apply(&Entry {
                writer: Arc::from("second"),
                record: Record {
                    hlc: None,
                    at: NINE + MIN,
                    seq: seq as u64 + 1,
                    ev,
                },
            });
        }
        stage.step_down_if_taken_over("facilitator");
        assert_eq!(stage.ctx.role, Role::NoteTaker);
        let screen = text_of(&render(&stage, NINE + MIN, 200, 60));
        assert!(screen.contains(said), "{screen}");
    }
}

/// Issue 20, one screen: with no show, opening the editor at 80×24 keeps the countdown's digits
/// at seven rows or more (they were four, with rows of the notes panel left empty), on a
/// discussion question, a round and a breakout alike.
#[test]
fn the_editor_open_at_80_by_24_keeps_a_big_countdown() {
    for lang in [Lang::Sv, Lang::En] {
        for (item, step) in [(1, 0), (3, 0), (6, 0)] {
            let mut stage = stage(lang, &running_at(item, step, 1));
            let now = NINE + 2 * MIN;
            stage.update(Action::Write, now);
            assert!(stage.editor_open);
            let buffer = render(&stage, now, 80, 24);
            let rows = countdown_rows(&buffer);
            assert!(
                rows >= 7,
                "{rows} rows of countdown at item {item}:\n{}",
                text_of(&buffer)
            );
        }
    }
}

/// Where the panel titled `title` opens ("╭ title"), whether its bottom corner closes it below
/// in the same column: a panel whose lower rows another widget took would be open.
fn panels_closed(buffer: &Buffer, title: &str) -> Option<bool> {
    let text = text_of(buffer);
    let rows: Vec<Vec<&str>> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let (y, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(&format!("╭ {title}")))?;
    let x = line[..line.find(&format!("╭ {title}"))?].chars().count();
    Some(rows[y + 1..].iter().any(|row| row.get(x) == Some(&"╰")))
}

/// The facilitator's console (a room's screen attached) shows the facilitator's notes in a
/// whole panel or not at all: at 80×24 the countdown's rows leave no room for one and it is left
/// out (its key `f` still in the help), at 120×40 it is whole; nothing is drawn over it.
#[test]
fn the_console_draws_the_facilitators_notes_whole_or_not_at_all() {
    for lang in [Lang::Sv, Lang::En] {
        let text = lang.text();
        for (name, item, step) in [("welcome", 0, 0), ("question", 3, 0)] {
            let mut s = stage(lang, &running_at(item, step, 0));
            s.run.apply(&Entry {
                writer: Arc::from("screen"),
                record: Record {
                    hlc: None,
                    at: NINE,
                    seq: 1,
                    ev: Event::Joined {
                        name: "Rummet".into(),
                        role: spar::run::Role::Screen,
                    },
                },
            });
            s.after_fold();
            let now = NINE + 2 * MIN;
            for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                let buffer = render(&s, now, w, h);
                let closed = panels_closed(&buffer, text.facilitator_notes);
                assert_ne!(
                    closed,
                    Some(false),
                    "{name} {w}×{h}: the panel is open\n{}",
                    text_of(&buffer)
                );
                if (w, h) != (80, 24) {
                    assert_eq!(closed, Some(true), "{name} {w}×{h}\n{}", text_of(&buffer));
                }
                if (w, h) == (80, 24) {
                    let code = if lang == Lang::Sv { "sv" } else { "en" };
                    insta::assert_snapshot!(
                        format!("console_{name}_{code}_80x24"),
                        text_of(&buffer)
                    );
                }
            }
            s.update(Action::Help, now);
            let help = text_of(&render(&s, now, 80, 24));
            assert!(help.contains(text.key_facilitator_notes), "{help}");
        }
    }
}
