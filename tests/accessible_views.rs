//! Views for everyone who follows differently.
//!
//! Colour is never the only signal: every state the stage and a note-taker's terminal colour
//! (ready, running, running low, paused, time's up, behind or ahead of plan, not saved, notes
//! still saving, a note-taker gone quiet) is rendered with the colours stripped (`NO_COLOR`'s monochrome theme, and only
//! the text read back), and its word must be there, at 80×24, 120×40 and on a zoomed 40×12, in
//! both languages.
//!
//! A zoomed terminal (a large font: 40×12) gets the stage and the join in plain lines; their
//! snapshots at 40×12 are read by `tests/cut_words.rs` like every other size.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use spar::i18n::{Lang, Text};
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, Place, Record, Role};
use spar::stage::{Context, Stage, view};
use spar::ui::theme::Theme;

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff's planned start.
const NINE: Millis = 1_600_333_200_000;

fn stage(role: Role, lang: Lang, events: &[(i64, Event)]) -> Stage {
    let session = spar::session::parse::parse_session(include_str!("../sessions/kickoff.ron"))
        .expect("session parses");
    // The facilitator's journal begins with its `Joined` (only a facilitator drives the timer).
    let joined = Event::Joined {
        name: "Anna".into(),
        role: Role::Facilitator,
    };
    let entries: Vec<Entry> = std::iter::once((-60, joined))
        .chain(events.iter().cloned())
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
    let run = RunState::fold(Arc::new(session), &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::monochrome(),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "20200917-0900-kickoff-abcd".into(),
        track: None,
        start_of_day: NINE,
        author: "Anna".into(),
        recap: Vec::new(),
        role,
    };
    Stage::new(run, ctx, true, NINE)
}

/// The screen's text alone, lower case, lines joined by spaces: no colour, no style.
fn words_on_screen(stage: &Stage, now: Millis, size: (u16, u16)) -> String {
    screen(stage, now, size).replace('\n', " ").to_lowercase()
}

/// The screen's text, one line per row, trailing blanks left out.
fn screen(stage: &Stage, now: Millis, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, stage, now))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

const START: Place = Place { item: 0, step: 0 };

/// A coloured state: what it is, the events that lead to it, the minute it is looked at, and
/// the word that must show.
type State = (&'static str, Vec<(i64, Event)>, i64, String);

fn states(text: &Text) -> Vec<State> {
    let started = vec![(0, Event::TimerStarted { at: START })];
    let mut paused = started.clone();
    paused.push((3, Event::TimerPaused { at: START }));
    let mut ahead = started.clone();
    ahead.push((
        1,
        Event::Moved {
            to: Place { item: 2, step: 0 },
        },
    ));
    vec![
        (
            "ready",
            vec![(
                0,
                Event::Moved {
                    to: Place { item: 3, step: 0 },
                },
            )],
            0,
            text.ready.to_string(),
        ),
        ("running", started.clone(), 3, text.running.to_string()),
        ("running low", started.clone(), 9, text.low.to_string()),
        ("paused", paused, 4, text.paused.to_string()),
        ("time's up", started.clone(), 11, text.over.to_string()),
        ("behind", started.clone(), 15, unit(&text.schedule(5))),
        ("ahead", ahead, 2, unit(&text.schedule(-6))),
    ]
}

/// "min behind" of "5 min behind": the word, whatever the number.
fn unit(schedule: &str) -> String {
    schedule
        .split_once(' ')
        .map_or(schedule, |(_, rest)| rest)
        .to_string()
}

#[test]
fn every_coloured_state_of_the_stage_and_a_join_carries_its_word() {
    for lang in [Lang::En, Lang::Sv] {
        let text = lang.text();
        for role in [Role::Facilitator, Role::NoteTaker] {
            for (what, events, minute, word) in states(text) {
                for size in [(80, 24), (120, 40), (40, 12)] {
                    let s = stage(role, lang, &events);
                    let screen = words_on_screen(&s, NINE + minute * MIN, size);
                    assert!(
                        screen.contains(&word.to_lowercase()),
                        "{what} ({lang:?}, {role:?}, {size:?}): no {word:?} in\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn not_saved_and_still_saving_carry_their_words() {
    for lang in [Lang::En, Lang::Sv] {
        let text = lang.text();
        for size in [(80, 24), (120, 40), (40, 12)] {
            let mut s = stage(
                Role::NoteTaker,
                lang,
                &[(0, Event::TimerStarted { at: START })],
            );
            s.notice.save_error = Some("disk full".into());
            let screen = words_on_screen(&s, NINE + MIN, size);
            let word = text.not_saved_retrying.to_lowercase();
            assert!(
                screen.contains(&word),
                "{lang:?} {size:?}: no {word:?} in\n{screen}"
            );
            s.notice.save_error = None;
            s.notice.unsaved_notes = 2;
            let screen = words_on_screen(&s, NINE + MIN, size);
            let word = text.notes_saving(2).to_lowercase();
            let word = word.trim_end_matches(" …");
            assert!(
                screen.contains(word),
                "{lang:?} {size:?}: no {word:?} in\n{screen}"
            );
        }
    }
}

/// A zoomed view: its name, the role, the events, the minute it is looked at, actions then.
type Zoomed = (
    &'static str,
    Role,
    Vec<(i64, Event)>,
    i64,
    Vec<spar::stage::Action>,
);

#[test]
fn the_stage_and_a_join_at_40x12_in_both_languages() {
    use spar::stage::Action;
    let started = vec![(0, Event::TimerStarted { at: START })];
    let mut discussion = started.clone();
    discussion.push((
        57,
        Event::Moved {
            to: Place { item: 3, step: 0 },
        },
    ));
    discussion.push((
        57,
        Event::TimerStarted {
            at: Place { item: 3, step: 0 },
        },
    ));
    let mut over_paused = started.clone();
    over_paused.push((12, Event::TimerPaused { at: START }));
    let cases: Vec<Zoomed> = vec![
        ("lobby", Role::Facilitator, vec![], -5, vec![]),
        (
            "question",
            Role::Facilitator,
            discussion.clone(),
            60,
            vec![],
        ),
        ("over_paused", Role::Facilitator, over_paused, 13, vec![]),
        (
            "join_writing",
            Role::NoteTaker,
            discussion.clone(),
            60,
            vec![Action::Write],
        ),
        (
            "groups",
            Role::Facilitator,
            discussion.clone(),
            60,
            vec![Action::ChooseGroup],
        ),
        (
            "confirm_quit",
            Role::Facilitator,
            discussion,
            60,
            vec![Action::Quit],
        ),
    ];
    for (name, role, events, minute, actions) in cases {
        for lang in [Lang::Sv, Lang::En] {
            let mut s = stage(role, lang, &events);
            let now = NINE + minute * MIN;
            for action in &actions {
                s.update(*action, now);
            }
            if name == "join_writing" {
                s.on_paste("Vi pratade om lånekort för alla", now);
            }
            let code = if lang == Lang::Sv { "sv" } else { "en" };
            insta::assert_snapshot!(
                format!("zoomed_{name}_{code}_40x12"),
                screen(&s, now, (40, 12))
            );
        }
    }
}

/// A note-taker gone quiet (nothing from their journal for five minutes of the running meeting)
/// carries its word on the facilitator's stage, its console (with a room's screen attached), and
/// a zoomed stage.
#[test]
fn a_note_taker_gone_quiet_carries_its_word() {
    for lang in [Lang::En, Lang::Sv] {
        let text = lang.text();
        // Without a room's screen (the stage's status line) and with one (the console).
        for (size, screens) in [(80, 24), (120, 40), (40, 12)]
            .into_iter()
            .flat_map(|size| [(size, 0), (size, 1)])
        {
            let mut s = stage(
                Role::Facilitator,
                lang,
                &[(0, Event::TimerStarted { at: START })],
            );
            let joined = |name: &str, role| Event::Joined {
                name: name.into(),
                role,
            };
            for (writer, ev) in [
                ("dana", joined("Dana", Role::NoteTaker)),
                ("screen", joined("Rummet", Role::Screen)),
            ]
            .into_iter()
            .take(1 + screens)
            {
                s.run.apply(&Entry {
                    writer: Arc::from(writer),
                    record: Record {
                        hlc: None,
                        at: NINE,
                        seq: 1,
                        ev,
                    },
                });
            }
            s.after_fold();
            let word = text.quiet_for(6).to_lowercase();
            let screen = words_on_screen(&s, NINE + 6 * MIN, size);
            assert!(
                screen.contains(&word),
                "{lang:?} {size:?} {screens} screens: no {word:?} in\n{screen}"
            );
            let before = words_on_screen(&s, NINE + 4 * MIN, size);
            assert!(
                !before.contains(&text.quiet_for(4).to_lowercase()),
                "{before}"
            );
        }
    }
}

/// The moment a note-taker goes quiet is in the stage's wake set: a paused stage, which wakes
/// only each minute otherwise, wakes then.
#[test]
fn the_stage_wakes_when_a_note_taker_goes_quiet() {
    let mut s = stage(
        Role::Facilitator,
        Lang::En,
        &[
            (0, Event::TimerStarted { at: START }),
            (1, Event::TimerPaused { at: START }),
        ],
    );
    let heard = NINE + 30_500;
    s.run.apply(&Entry {
        writer: Arc::from("dana"),
        record: Record {
            hlc: None,
            at: heard,
            seq: 1,
            ev: Event::Joined {
                name: "Dana".into(),
                role: Role::NoteTaker,
            },
        },
    });
    s.after_fold();
    assert_eq!(s.next_wake(NINE + 5 * MIN + 1000), heard + 5 * MIN);
}
