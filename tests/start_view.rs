//! Snapshots of the start screen at 80×24 and 120×40 in Swedish and English.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::run::store::RunDir;
use spar::session::load::load_catalog;
use spar::start::{Choice, Meeting, MeetingState, StartScreen, view};
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
    assert_eq!(s.selected, 1, "the first meeting not done");
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(s.on_key(key(KeyCode::Down)), Choice::Stay);
    assert_eq!(s.on_key(key(KeyCode::Enter)), Choice::Run(2));
    assert_eq!(s.on_key(key(KeyCode::Char('6'))), Choice::Stay);
    assert_eq!(s.selected, 5);
    assert_eq!(s.on_key(key(KeyCode::Char('q'))), Choice::Quit);
    assert!(render(&s, 30, 10).contains("för litet"));
}
