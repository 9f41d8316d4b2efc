//! Snapshots of every review screen, and of a recap item on the stage, at 80×24 and 120×40 in
//! Swedish and English; buffer checks for what lives in the colour (search hits, overtime).

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use spar::i18n::Lang;
use spar::review::app::Review;
use spar::run::catalog::{TrackView, Unreadable, open_actions};
use spar::run::file_problem::{FileProblem, ProblemKind};
use spar::run::journal::LineError;
use spar::run::state::RunState;
use spar::run::store::{LoadedRun, RunDir, RunHeader, StoreError};
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::load::{Catalog, load_catalog};
use spar::stage::{Context, Stage};
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff.
const KICKOFF: Millis = 1_600_333_200_000;
/// 2020-09-10 13:00 UTC: a rehearsal of it.
const REHEARSAL: Millis = 1_599_742_800_000;
/// 2020-10-15 09:00 UTC: the second meeting.
const SECOND: Millis = 1_602_752_400_000;
/// When the screens are looked at: 40 minutes into the second meeting.
const NOW: Millis = SECOND + 40 * MIN;

fn catalog() -> Catalog {
    load_catalog(&[]).expect("the shipped sessions load")
}

fn at(item: usize, step: usize) -> Place {
    Place { item, step }
}

/// Entries of one writer, a minute offset from `start` each.
struct Journal {
    start: Millis,
    writer: Arc<str>,
    entries: Vec<Entry>,
}

impl Journal {
    /// A facilitator's journal, begun with its `Joined` a minute before `start` (only a
    /// facilitator drives the timer).
    fn new(start: Millis, writer: &str) -> Journal {
        let mut journal = Journal {
            start,
            writer: Arc::from(writer),
            entries: Vec::new(),
        };
        let name = writer.split('-').next().unwrap_or(writer).to_string();
        let role = spar::run::Role::Facilitator;
        journal.push(-1, Event::Joined { name, role });
        journal
    }

    fn push(&mut self, minute: i64, ev: Event) -> NoteId {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Entry {
            writer: self.writer.clone(),
            record: Record {
                hlc: None,
                at: self.start + minute * MIN,
                seq,
                ev,
            },
        });
        NoteId {
            writer: self.writer.to_string(),
            seq,
        }
    }

    fn note(
        &mut self,
        minute: i64,
        place: Place,
        group: Option<&str>,
        kind: NoteKind,
        text: &str,
        by: &str,
    ) -> NoteId {
        self.push(
            minute,
            Event::NoteSaved {
                at: place,
                group: group.map(str::to_string),
                kind,
                text: text.into(),
                by: by.into(),
            },
        )
    }
}

fn action(owner: &str, due: Option<&str>) -> NoteKind {
    NoteKind::Action {
        owner: owner.into(),
        due: due.map(str::to_string),
    }
}

fn loaded(
    id: &str,
    session: spar::session::Session,
    started: Millis,
    j: Journal,
    problems: Vec<FileProblem>,
) -> (RunDir, LoadedRun) {
    let header = RunHeader {
        id: id.into(),
        session,
        track: catalog().track,
        started,
        by: "Anna Berg".into(),
        version: "0.1.0".into(),
        set_aside: Vec::new(),
    };
    (
        RunDir::at(format!("/data/runs/{id}")),
        LoadedRun {
            header,
            entries: j.entries,
            problems,
            positions: Vec::new(),
        },
    )
}

/// The kickoff held once for real (ended, with notes of every kind and two damaged lines) and
/// once as a rehearsal (abandoned), and the second meeting in progress.
fn track() -> TrackView {
    use Event::*;
    let catalog = catalog();
    let kickoff = catalog.get("kickoff").unwrap().clone();
    let second = catalog.get("digitala-samhallet").unwrap().clone();

    let mut rehearsal = Journal::new(REHEARSAL, "anna-000001");
    rehearsal.push(0, TimerStarted { at: at(0, 0) });
    rehearsal.push(4, Moved { to: at(1, 0) });
    rehearsal.note(
        5,
        at(1, 0),
        None,
        NoteKind::Note,
        "Provar ljudet med talarna",
        "Anna",
    );

    let mut k = Journal::new(KICKOFF, "anna-000001");
    // Actual minutes per item against the plan [10, 17, 30, 13, 15, 30, 20, 10, 10, 10, 10, 5].
    let actual = [12, 19, 28, 16, 15, 33, 20, 8, 10, 12, 10, 6];
    let mut minute = 0;
    k.push(0, TimerStarted { at: at(0, 0) });
    let mut starts = Vec::new();
    for (item, m) in actual.iter().enumerate() {
        if item > 0 {
            k.push(minute, Moved { to: at(item, 0) });
            k.push(minute, TimerStarted { at: at(item, 0) });
        }
        starts.push(minute);
        minute += m;
    }
    let end = minute;
    let s = |item: usize, plus: i64| starts[item] + plus;
    k.note(
        s(0, 3),
        at(0, 0),
        None,
        NoteKind::Note,
        "Alla kom in i Zoom utan problem.",
        "Anna",
    );
    k.note(
        s(1, 5),
        at(1, 2),
        None,
        NoteKind::Note,
        "Falun vill lära sig mer om AI och källkritik.",
        "Anna",
    );
    k.note(
        s(2, 10),
        at(2, 0),
        None,
        NoteKind::Note,
        "Digitalisering är en förändring av hela samhället, inte bara teknik.",
        "Anna",
    );
    k.note(
        s(3, 2),
        at(3, 0),
        None,
        NoteKind::Note,
        "Många kände igen sig i exemplen från vården.",
        "Anna",
    );
    k.note(
        s(3, 3),
        at(3, 0),
        Some("Grupp Siljan"),
        NoteKind::Decision,
        "Vi startar en läsecirkel om digitalisering.",
        "Erik",
    );
    k.note(
        s(3, 4),
        at(3, 0),
        Some("Grupp Dalälven"),
        NoteKind::Note,
        "Digitalisering är inte ett mål i sig.\nDet handlar om vad vi vill åstadkomma för invånarna.",
        "Lena",
    );
    k.note(
        s(3, 8),
        at(3, 1),
        Some("Grupp Dalälven"),
        action("Åsa Lindqvist", Some("2020-10-01")),
        "Fråga kommunen om wifi i filialerna",
        "Lena",
    );
    k.note(
        s(3, 9),
        at(3, 1),
        None,
        NoteKind::Parking,
        "Hur når vi dem som inte kommer till biblioteket?",
        "Anna",
    );
    let removed = k.note(
        s(3, 10),
        at(3, 1),
        None,
        NoteKind::Note,
        "Fel grupp",
        "Anna",
    );
    k.push(s(3, 11), NoteDeleted { id: removed });
    for (i, group) in [
        "Grupp Siljan",
        "Grupp Dalälven",
        "Grupp Bergslagen",
        "Grupp Västerdalarna",
    ]
    .iter()
    .enumerate()
    {
        k.note(
            s(6, 2 + i as i64),
            at(6, 0),
            Some(group),
            NoteKind::Note,
            &format!("Vi känner igen utmaningen med långa avstånd ({}).", i + 1),
            "Erik",
        );
    }
    let booked = k.note(
        s(6, 12),
        at(6, 1),
        Some("Grupp Bergslagen"),
        action("Erik", None),
        "Boka lokal för en gemensam studiedag",
        "Erik",
    );
    k.push(
        s(6, 13),
        ActionDone {
            id: booked,
            done: true,
        },
    );
    k.note(
        s(10, 3),
        at(10, 0),
        None,
        NoteKind::Note,
        "Jag tar med mig att vi är många som vill samma sak 😀",
        "Anna",
    );
    k.push(end, Ended);
    let mut changed = kickoff.clone();
    changed.summary = "En äldre sammanfattning.".into();

    let mut d = Journal::new(SECOND, "per-000003");
    d.push(0, TimerStarted { at: at(0, 0) });
    d.push(6, Moved { to: at(1, 0) });
    d.push(24, Moved { to: at(2, 0) });
    d.push(32, Moved { to: at(3, 0) });
    d.note(
        33,
        at(3, 0),
        None,
        NoteKind::Note,
        "WIFI saknas fortfarande i flera filialer.",
        "Per",
    );
    d.note(
        35,
        at(3, 0),
        Some("Grupp Siljan"),
        action("Per", Some("2020-11-01")),
        "Kartlägga vilka filialer som saknar wifi",
        "Per",
    );

    let journal = "runs/20200917-0900-kickoff-a1b2/erik-1a2b3c.ron".to_string();
    let problems = vec![
        FileProblem::new(
            journal.clone(),
            Some(17),
            ProblemKind::Skipped(LineError::Checksum),
        ),
        FileProblem::new(journal, Some(31), ProblemKind::TornTail),
    ];
    let mut view = TrackView::build(
        &catalog,
        vec![
            loaded(
                "20201015-0900-digitala-samhallet-c3d4",
                second,
                SECOND,
                d,
                Vec::new(),
            ),
            loaded("20200917-0900-kickoff-a1b2", changed, KICKOFF, k, problems),
            loaded(
                "20200910-1300-kickoff-e5f6",
                kickoff,
                REHEARSAL,
                rehearsal,
                Vec::new(),
            ),
        ],
        NOW,
    );
    view.unreadable.push(Unreadable {
        id: "20201001-0900-kickoff-0000".into(),
        problem: Arc::new(StoreError::BadHeader {
            path: "runs/20201001-0900-kickoff-0000/run.ron".into(),
            line: 1,
            column: 24,
            message: "Unexpected end of RON".into(),
        }),
    });
    view
}

fn review(lang: Lang) -> Review {
    let ctx = spar::ui::Ctx {
        lang,
        theme: Theme::new(ThemeName::Dark, false),
        tz: jiff::tz::TimeZone::UTC,
    };
    Review::new(track(), ctx)
}

fn keys(review: &mut Review, keys: &[KeyCode]) {
    for code in keys {
        review.on_key(KeyEvent::new(*code, KeyModifiers::NONE));
    }
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

fn render(draw: impl Fn(&mut ratatui::Frame), width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn render_review(review: &Review, width: u16, height: u16) -> Buffer {
    render(|f| spar::review::view::draw(f, review, NOW), width, height)
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

/// Every screen, as the keys that lead to it from the start.
fn cases() -> Vec<(&'static str, Vec<KeyCode>)> {
    use KeyCode::*;
    vec![
        ("runs", vec![Down]),
        ("agenda", vec![Down, Enter, Down, Down, Down]),
        ("notes", vec![Down, Char('3'), Down, Down, Down, Down, Down]),
        (
            "notes_jump",
            vec![Down, Enter, Down, Down, Down, Down, Down, Down, Enter],
        ),
        ("notes_live", vec![Char('2'), Right, Right, Char('3')]),
        ("actions", vec![Char('4'), Down]),
        ("search_empty", vec![Char('/')]),
        (
            "search",
            [vec![Char('/')], chars("wifi"), vec![Down]].concat(),
        ),
        (
            "search_question",
            [vec![Char('/')], chars("vad menar vi")].concat(),
        ),
        ("search_nothing", [vec![Char('/')], chars("zebra")].concat()),
        ("help", vec![Char('?')]),
        ("help_page_2", vec![Char('?'), Char(' ')]),
    ]
}

#[test]
fn every_review_screen_at_both_sizes_in_both_languages() {
    for (name, path) in cases() {
        for lang in [Lang::Sv, Lang::En] {
            let mut r = review(lang);
            keys(&mut r, &path);
            for (w, h) in [(40, 12), (80, 24), (120, 40)] {
                let screen = text_of(&render_review(&r, w, h));
                let lang = if lang == Lang::Sv { "sv" } else { "en" };
                insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), screen);
            }
        }
    }
}

#[test]
fn an_empty_data_dir_reviews_without_runs() {
    for lang in [Lang::Sv, Lang::En] {
        let ctx = spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        };
        let empty = TrackView::build(&catalog(), Vec::new(), NOW);
        let mut r = Review::new(empty, ctx);
        let lang = if lang == Lang::Sv { "sv" } else { "en" };
        insta::assert_snapshot!(
            format!("empty_{lang}_80x24"),
            text_of(&render_review(&r, 80, 24))
        );
        for code in [
            KeyCode::Char('2'),
            KeyCode::Char('3'),
            KeyCode::Char('4'),
            KeyCode::Enter,
            KeyCode::Char('d'),
        ] {
            keys(&mut r, &[code]);
            render_review(&r, 80, 24);
        }
    }
}

#[test]
fn too_small_says_so() {
    for lang in [Lang::Sv, Lang::En] {
        let r = review(lang);
        let screen = text_of(&render_review(&r, 26, 7));
        let expected = if lang == Lang::Sv {
            "Fönstret är för litet (minst 28 × 8)"
        } else {
            "Window too small (at least 28 × 8)"
        };
        let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(said.contains(expected), "{screen}");
    }
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    for (_, path) in cases() {
        let mut r = review(Lang::Sv);
        keys(&mut r, &path);
        for w in (0..=250).step_by(13) {
            for h in (0..=70).step_by(7) {
                render_review(&r, w, h);
            }
        }
    }
}

#[test]
fn search_hits_are_highlighted_in_the_text() {
    let mut r = review(Lang::En);
    keys(&mut r, &[KeyCode::Char('/')]);
    keys(&mut r, &chars("wifi"));
    let buffer = render_review(&r, 120, 40);
    let screen = text_of(&buffer);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("WIFI saknas"))
        .expect("the hit is on screen");
    let x = line[..line.find("WIFI").unwrap()].chars().count();
    for dx in 0..4 {
        let cell = &buffer[(x as u16 + dx, y as u16)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    }
    let after = &buffer[(x as u16 + 5, y as u16)];
    assert!(!after.modifier.contains(Modifier::UNDERLINED), "{after:?}");
}

#[test]
fn overtime_is_in_its_own_colour_and_in_words() {
    let mut r = review(Lang::En);
    keys(&mut r, &[KeyCode::Down, KeyCode::Enter]);
    let buffer = render_review(&r, 120, 40);
    let screen = text_of(&buffer);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Check-in"))
        .unwrap();
    assert!(line.contains("2 min over"), "{line}");
    let x = line
        .find('▓')
        .map(|b| line[..b].chars().count())
        .expect("an overtime bar");
    assert_eq!(buffer[(x as u16, y as u16)].fg, Color::LightRed);
}

// ---------------------------------------------------------------------------------------------
// The recap on the stage

fn recap_stage(lang: Lang, recap: Vec<spar::run::catalog::RecapEntry>) -> Stage {
    let session = Arc::new(catalog().get("digitala-samhallet").unwrap().clone());
    let entries = [
        Event::TimerStarted { at: at(0, 0) },
        Event::Moved { to: at(2, 0) },
        Event::TimerStarted { at: at(2, 0) },
    ]
    .into_iter()
    .enumerate()
    .map(|(i, ev)| Entry {
        writer: Arc::from("facilitator"),
        record: Record {
            hlc: None,
            at: SECOND + i as i64 * 20 * MIN,
            seq: i as u64 + 2,
            ev,
        },
    });
    let joined = Entry {
        writer: Arc::from("facilitator"),
        record: Record {
            hlc: None,
            at: SECOND - MIN,
            seq: 1,
            ev: Event::Joined {
                name: "Per".into(),
                role: spar::run::Role::Facilitator,
            },
        },
    };
    let entries: Vec<Entry> = std::iter::once(joined).chain(entries).collect();
    let run = RunState::fold(session, &entries);
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "20201015-0900-digitala-samhallet-c3d4".into(),
        track: Some("Dalaspåret".into()),
        start_of_day: SECOND,
        author: "Anna".into(),
        role: Role::Facilitator,
        recap,
    };
    Stage::new(run, ctx, false, SECOND)
}

#[test]
fn the_recap_item_on_the_stage_at_both_sizes_in_both_languages() {
    let recap = open_actions(&track(), "digitala-samhallet");
    assert_eq!(recap.len(), 2, "{recap:?}");
    for lang in [Lang::Sv, Lang::En] {
        let stage = recap_stage(lang, recap.clone());
        let name = if lang == Lang::Sv { "sv" } else { "en" };
        for (w, h) in [(80, 24), (120, 40)] {
            let now = SECOND + 43 * MIN;
            let screen = text_of(&render(|f| spar::stage::view::draw(f, &stage, now), w, h));
            assert!(screen.contains("Fråga kommunen om wifi"), "{screen}");
            insta::assert_snapshot!(format!("stage_recap_{name}_{w}x{h}"), screen);
        }
        let empty = recap_stage(lang, Vec::new());
        let screen = text_of(&render(
            |f| spar::stage::view::draw(f, &empty, SECOND + 43 * MIN),
            120,
            40,
        ));
        insta::assert_snapshot!(format!("stage_recap_nothing_{name}_120x40"), screen);
    }
}

#[test]
fn a_long_recap_counts_what_does_not_fit() {
    let one = open_actions(&track(), "digitala-samhallet");
    let many: Vec<_> = one.iter().cycle().take(30).cloned().collect();
    let stage = recap_stage(Lang::Sv, many);
    let screen = text_of(&render(
        |f| spar::stage::view::draw(f, &stage, SECOND + 43 * MIN),
        80,
        24,
    ));
    assert!(screen.contains("till"), "{screen}");
    assert!(screen.contains("… och"), "{screen}");
}

#[test]
fn where_the_time_went_across_the_track_at_three_sizes_in_both_languages() {
    for lang in [Lang::Sv, Lang::En] {
        let mut r = review(lang);
        keys(&mut r, &[KeyCode::Char('6')]);
        let name = if lang == Lang::Sv { "sv" } else { "en" };
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let screen = text_of(&render_review(&r, w, h));
            assert!(screen.contains("1 Kick off"), "{screen}");
            insta::assert_snapshot!(format!("time_{name}_{w}x{h}"), screen);
        }
    }
}

/// The agenda's table on a zoomed terminal: the bars, planned times and differences give way
/// whole, and a title cut ends in "…" after a whole word of it ("Digitalisering vet…", never
/// "Digitaliser…").
#[test]
fn the_agenda_on_a_zoomed_terminal_cuts_titles_between_words() {
    let session_words: std::collections::HashSet<String> = catalog()
        .meetings()
        .iter()
        .flat_map(|s| {
            let mut texts: Vec<String> = s.agenda.iter().map(|i| i.title.clone()).collect();
            texts.extend(
                s.agenda
                    .iter()
                    .flat_map(|i| i.questions.iter().map(|q| q.text.clone())),
            );
            texts
        })
        .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for lang in [Lang::Sv, Lang::En] {
        let mut r = review(lang);
        keys(&mut r, &cases()[1].1);
        for (w, h) in [(40, 12)] {
            let screen = text_of(&render_review(&r, w, h));
            assert!(!screen.contains('█'), "no bars at {w}×{h}:\n{screen}");
            for word in screen.split_whitespace().filter(|w| w.ends_with('…')) {
                let whole = word.trim_end_matches('…');
                // A piece of a title's word that is not itself a word of it.
                let piece = !whole.is_empty()
                    && !session_words.contains(whole)
                    && session_words.iter().any(|s| s.starts_with(whole));
                assert!(!piece, "{word:?} cut mid-word at {w}×{h}:\n{screen}");
            }
        }
    }
}
