//! Snapshots of the start screen at 80×24 and 120×40 in Swedish and English.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::run::open::Answer;
use spar::run::store::RunDir;
use spar::session::load::load_catalog;
use spar::start::{Choice, Meeting, MeetingState, StartScreen, TrackPage, view};
use spar::ui::theme::{Theme, ThemeName};

/// 2020-09-17 08:30 UTC.
const NOW: i64 = 1_600_331_400_000;

fn screen(lang: Lang) -> StartScreen {
    let catalog = load_catalog(&[]).unwrap();
    let meetings = catalog
        .meetings()
        .iter()
        .enumerate()
        .map(|(i, session)| Meeting {
            session: (*session).clone(),
            state: match i {
                0 => MeetingState::Done,
                1 => MeetingState::InProgress(RunDir::at("/tmp/none")),
                _ => MeetingState::NotRun,
            },
        })
        .collect();
    StartScreen::new(
        catalog.track.clone(),
        meetings,
        spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
    )
}

fn render(screen: &StartScreen, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, screen, NOW))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn the_start_screen_in_both_languages_at_both_sizes() {
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let name = format!(
                "start_{}_{w}x{h}",
                if lang == Lang::Sv { "sv" } else { "en" }
            );
            insta::assert_snapshot!(name, render(&screen(lang), w, h));
        }
    }
}

#[test]
fn the_next_meeting_to_hold_is_selected_and_enter_runs_it() {
    let mut s = screen(Lang::Sv);
    assert_eq!(s.current().selected, 1, "the first meeting not done");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(s.on_key(key(KeyCode::Down)), Choice::Stay);
    assert_eq!(s.on_key(key(KeyCode::Enter)), Choice::Run(2));
    assert_eq!(s.on_key(key(KeyCode::Char('6'))), Choice::Stay);
    assert_eq!(s.current().selected, 5);
    assert_eq!(s.on_key(key(KeyCode::Char('q'))), Choice::Quit);
    assert!(render(&s, 30, 10).contains("för litet"));
}

/// Dalaspåret and the example track of `sessions/examples/`, the examples shown first.
fn two_tracks(lang: Lang) -> StartScreen {
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/examples");
    let catalog = load_catalog(&[examples]).unwrap();
    let pages = catalog
        .tracks
        .iter()
        .map(|(track, _)| {
            let meetings = catalog
                .meetings_of(&track.id)
                .into_iter()
                .map(|s| Meeting {
                    session: s.clone(),
                    state: MeetingState::NotRun,
                })
                .collect();
            TrackPage::new(Some(track.clone()), meetings)
        })
        .collect();
    StartScreen::with_pages(
        pages,
        1,
        spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
    )
}

#[test]
fn every_track_on_the_start_screen() {
    for lang in [Lang::Sv, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let name = format!(
                "start_two_tracks_{}_{w}x{h}",
                if lang == Lang::Sv { "sv" } else { "en" }
            );
            insta::assert_snapshot!(name, render(&two_tracks(lang), w, h));
        }
    }
}

#[test]
fn tab_moves_between_the_tracks() {
    let mut s = two_tracks(Lang::En);
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(
        s.current().track.as_ref().unwrap().id,
        "liberating-structures"
    );
    assert_eq!(s.on_key(key(KeyCode::Char('2'))), Choice::Stay);
    assert_eq!(s.on_key(key(KeyCode::Enter)), Choice::Run(1));
    assert_eq!(s.meeting(1).unwrap().session.id, "ls-ideas");
    assert_eq!(s.on_key(key(KeyCode::Tab)), Choice::Stay);
    assert_eq!(s.current().track.as_ref().unwrap().id, "dalasparet");
    assert_eq!(s.on_key(key(KeyCode::Enter)), Choice::Run(0));
    assert_eq!(s.meeting(0).unwrap().session.id, "kickoff");
    s.on_key(key(KeyCode::BackTab));
    assert_eq!(s.current().selected, 1, "each track keeps its choice");
    assert!(render(&s, 120, 40).contains("Dalaspåret  │  Liberating Structures"));
}

/// Issue 18: the meeting chosen has a facilitator on stage: the start screen asks, Enter joins.
#[test]
fn the_question_when_a_facilitator_is_on_stage() {
    for lang in [Lang::Sv, Lang::En] {
        let mut s = screen(lang);
        s.asking = Some(spar::start::Asking {
            line: lang.text().on_stage("Anna Berg", "08:02"),
            run: "20200917-0800-kickoff-3fa9".into(),
        });
        // 40×12: a zoomed terminal, where the question takes the whole window.
        for (w, h) in [(80, 24), (120, 40), (200, 60), (40, 12)] {
            let name = format!(
                "start_on_stage_{}_{w}x{h}",
                if lang == Lang::Sv { "sv" } else { "en" }
            );
            insta::assert_snapshot!(name, render(&s, w, h));
        }
        // 28×8, the smallest zoomed window: the answers and who is on stage, no run name.
        let smallest = render(&s, 28, 8);
        for word in ["Enter", "t ", "Esc/q", "Anna Berg", "08:02"] {
            assert!(smallest.contains(word), "{word} at 28×8:\n{smallest}");
        }
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(
            s.on_key(key(KeyCode::Char('q'))),
            Choice::Answered(Answer::Cancel)
        );
        assert_eq!(s.on_key(key(KeyCode::Down)), Choice::Stay, "the list waits");
        assert_eq!(s.on_key(key(KeyCode::Char('x'))), Choice::Stay);
        assert_eq!(
            s.on_key(key(KeyCode::Enter)),
            Choice::Answered(Answer::Join)
        );
        assert_eq!(
            s.on_key(key(KeyCode::Char('t'))),
            Choice::Answered(Answer::TakeOver)
        );
        assert_eq!(
            s.on_key(key(KeyCode::Esc)),
            Choice::Answered(Answer::Cancel)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(s.on_key(ctrl_c), Choice::Answered(Answer::Cancel));
    }
}
