//! The track view: reading every run of a data directory in track order, the search, the action
//! folds behind the review and the recap, `spar runs`, and runs with damaged journals or from an
//! older version of their session.

use std::io::Write;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spar::i18n::Lang;
use spar::review::app::{Effect, Review, Screen};
use spar::run::catalog::{Target, TrackView, all_actions, open_actions, search};
use spar::run::store::{DataDir, RunDir, RunHeader};
use spar::run::{Event, Millis, NoteId, NoteKind, Place};
use spar::session::load::{Catalog, load_catalog};
use spar::ui::theme::{Theme, ThemeName};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 UTC: the kickoff.
const KICKOFF: Millis = 1_600_333_200_000;
/// 2020-10-15 09:00 UTC: the second meeting.
const SECOND: Millis = 1_602_752_400_000;
/// 2020-11-12 09:00 UTC: the third.
const THIRD: Millis = 1_605_171_600_000;

fn catalog() -> Catalog {
    load_catalog(&[]).expect("the shipped sessions load")
}

fn place(item: usize, step: usize) -> Place {
    Place { item, step }
}

fn note(at: Place, group: Option<&str>, kind: NoteKind, text: &str) -> Event {
    Event::NoteSaved {
        at,
        group: group.map(str::to_string),
        kind,
        text: text.into(),
        by: "Anna".into(),
    }
}

fn action(owner: &str, due: Option<&str>) -> NoteKind {
    NoteKind::Action {
        owner: owner.into(),
        due: due.map(str::to_string),
    }
}

/// A run of `session` in `data`, started at `started`, with `events` (minutes after the start)
/// written by one facilitator `anna-000001`. Returns the folder.
fn run_of(data: &DataDir, session: &str, started: Millis, events: &[(i64, Event)]) -> RunDir {
    let catalog = catalog();
    let s = catalog.get(session).expect("a shipped session").clone();
    let header = RunHeader::new(s, catalog.track.clone(), started, "Anna");
    let dir = data.create_run(header).unwrap();
    let mut writer = dir.open_writer("anna-000001").unwrap();
    // A facilitator's journal begins with its `Joined`: only a facilitator drives the timer.
    let joined = Event::Joined {
        name: "Anna".into(),
        role: spar::run::Role::Facilitator,
    };
    writer.append(started - MIN, joined).unwrap();
    for (minute, ev) in events {
        writer.append(started + minute * MIN, ev.clone()).unwrap();
    }
    dir
}

/// Kickoff (ended), the second meeting, and the third, written in the opposite order of the track
/// so that track order is not folder order by chance.
fn track(data: &DataDir) {
    use Event::*;
    run_of(
        data,
        "begrepp",
        THIRD,
        &[
            (0, TimerStarted { at: place(0, 0) }),
            (
                5,
                note(
                    place(0, 0),
                    None,
                    action("Lena", None),
                    "Bjuda in kommunens IT-chef",
                ),
            ),
        ],
    );
    run_of(
        data,
        "digitala-samhallet",
        SECOND,
        &[
            (0, TimerStarted { at: place(0, 0) }),
            (
                3,
                note(
                    place(0, 0),
                    None,
                    NoteKind::Note,
                    "WIFI saknas i flera filialer",
                ),
            ),
            (
                4,
                note(
                    place(0, 0),
                    Some("Grupp Siljan"),
                    action("Per", Some("2020-11-01")),
                    "Kartlägga vilka filialer som saknar wifi",
                ),
            ),
            (
                5,
                note(
                    place(0, 0),
                    None,
                    NoteKind::Parking,
                    "Vem äger frågan om öppen data?",
                ),
            ),
            (150, Ended),
        ],
    );
    run_of(
        data,
        "kickoff",
        KICKOFF,
        &[
            (0, TimerStarted { at: place(0, 0) }),
            (
                2,
                note(
                    place(3, 1),
                    Some("Grupp Dalälven"),
                    action("Åsa Lindqvist", Some("2020-10-01")),
                    "Fråga kommunen om wifi i filialerna",
                ),
            ),
            (
                3,
                note(
                    place(3, 1),
                    None,
                    NoteKind::Decision,
                    "Vi startar en läsecirkel",
                ),
            ),
            (
                4,
                note(
                    place(3, 0),
                    None,
                    action("Erik", None),
                    "Boka lokal till nästa träff",
                ),
            ),
            (
                5,
                note(
                    place(0, 0),
                    None,
                    NoteKind::Parking,
                    "Hur når vi dem som inte kommer?",
                ),
            ),
            (
                6,
                note(
                    place(0, 0),
                    None,
                    NoteKind::Note,
                    "Wifi kom upp i incheckningen",
                ),
            ),
            (
                7,
                note(
                    place(0, 0),
                    None,
                    NoteKind::Note,
                    "En anteckning som tas bort: wifi",
                ),
            ),
            (
                8,
                NoteDeleted {
                    id: NoteId {
                        writer: "anna-000001".into(),
                        seq: 8, // line 1 is the `Joined`
                    },
                },
            ),
            (
                9,
                ActionDone {
                    id: NoteId {
                        writer: "anna-000001".into(),
                        seq: 5,
                    },
                    done: true,
                },
            ),
            (152, Ended),
        ],
    );
}

fn view(data: &DataDir) -> TrackView {
    TrackView::load(data, &catalog(), THIRD + 60 * MIN).unwrap()
}

fn sessions(view: &TrackView) -> Vec<&str> {
    view.runs
        .iter()
        .map(|r| r.header.session.id.as_str())
        .collect()
}

#[test]
fn runs_are_in_track_order_with_their_meeting() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let view = view(&data);
    assert_eq!(
        sessions(&view),
        ["kickoff", "digitala-samhallet", "begrepp"]
    );
    let meetings: Vec<_> = view.runs.iter().map(|r| r.meeting).collect();
    assert_eq!(meetings, [Some(1), Some(2), Some(3)]);
    assert_eq!(view.meetings.len(), 6);
    assert!(view.unreadable.is_empty());
    assert!(view.runs.iter().all(|r| r.problems.is_empty()));
}

#[test]
fn search_ignores_case_across_every_run_and_skips_deleted_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let view = view(&data);
    let texts = |query: &str| -> Vec<String> {
        search(&view.runs, query)
            .iter()
            .filter_map(|hit| match hit.target {
                Target::Note(n) => Some(view.runs[hit.run].state.notes[n].text.clone()),
                Target::Place(_) => None,
            })
            .collect()
    };
    // Kickoff first (track order), then within a run by place: item 0 before item 3.
    assert_eq!(
        texts("WiFi"),
        [
            "Wifi kom upp i incheckningen",
            "Fråga kommunen om wifi i filialerna",
            "WIFI saknas i flera filialer",
            "Kartlägga vilka filialer som saknar wifi",
        ]
    );
    // Owners are searched too, Swedish letters ignoring case.
    assert_eq!(texts("ÅSA"), ["Fråga kommunen om wifi i filialerna"]);
    assert_eq!(texts("åsa lindqvist"), texts("ÅSA LINDQVIST"));
    // Nothing for an empty query or one that is not there.
    assert!(search(&view.runs, "").is_empty());
    assert!(search(&view.runs, "   ").is_empty());
    assert!(search(&view.runs, "zebra").is_empty());
}

#[test]
fn search_finds_questions_before_their_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let view = view(&data);
    let hits = search(&view.runs, "vad menar vi själva");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].run, 0);
    assert_eq!(hits[0].target, Target::Place(place(3, 1)));
    // A question and a note at it: the question comes first.
    let hits = search(&view.runs, "i");
    let first_note_at_3_1 = hits
        .iter()
        .position(|h| matches!(h.target, Target::Note(n) if view.runs[h.run].state.notes[n].at == place(3, 1)))
        .unwrap();
    let question_3_1 = hits
        .iter()
        .position(|h| h.run == 0 && h.target == Target::Place(place(3, 1)))
        .unwrap();
    assert!(question_3_1 < first_note_at_3_1);
}

#[test]
fn all_actions_are_in_track_order_with_their_state() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let view = view(&data);
    let actions: Vec<(String, bool)> = all_actions(&view.runs)
        .iter()
        .map(|r| {
            let n = view.note(*r).unwrap();
            (n.text.clone(), n.done)
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("Boka lokal till nästa träff".to_string(), true),
            ("Fråga kommunen om wifi i filialerna".to_string(), false),
            (
                "Kartlägga vilka filialer som saknar wifi".to_string(),
                false
            ),
            ("Bjuda in kommunens IT-chef".to_string(), false),
        ]
    );
}

#[test]
fn the_recap_has_what_earlier_meetings_left_open() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let view = view(&data);
    let texts = |session: &str| -> Vec<(usize, String)> {
        open_actions(&view, session)
            .into_iter()
            .map(|e| (e.meeting, e.text))
            .collect()
    };
    // Nothing before the first meeting, and never the meeting's own.
    assert!(texts("kickoff").is_empty());
    assert_eq!(
        texts("digitala-samhallet"),
        [
            (1, "Hur når vi dem som inte kommer?".to_string()),
            (1, "Fråga kommunen om wifi i filialerna".to_string()),
        ]
    );
    // The done action and the decision are not there; meeting 2's action and question are.
    assert_eq!(
        texts("begrepp"),
        [
            (1, "Hur når vi dem som inte kommer?".to_string()),
            (1, "Fråga kommunen om wifi i filialerna".to_string()),
            (2, "Vem äger frågan om öppen data?".to_string()),
            (2, "Kartlägga vilka filialer som saknar wifi".to_string()),
        ]
    );
    // Meeting 3's own action shows at meeting 4.
    assert_eq!(texts("digitala-uppdraget").len(), 5);
    assert!(texts("no-such-session").is_empty());

    // The stage's recap reads the same from the folder, only the earlier meetings' runs.
    let catalog = catalog();
    let third = catalog.get("begrepp").unwrap();
    let recap = spar::run::catalog::recap(&data, &catalog, third, THIRD);
    assert_eq!(recap, open_actions(&view, "begrepp"));
    match &recap[1].kind {
        NoteKind::Action { owner, due } => {
            assert_eq!(owner, "Åsa Lindqvist");
            assert_eq!(due.as_deref(), Some("2020-10-01"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(recap[1].meeting_title, "Kick off");
    assert_eq!(recap[1].group.as_deref(), Some("Grupp Dalälven"));
    // A session without a recap item has none.
    let kickoff = catalog.get("kickoff").unwrap();
    assert!(spar::run::catalog::recap(&data, &catalog, kickoff, THIRD).is_empty());
}

fn ctx(lang: Lang) -> spar::ui::Ctx {
    spar::ui::Ctx {
        lang,
        theme: Theme::new(ThemeName::Dark, false),
        tz: jiff::tz::TimeZone::UTC,
    }
}

fn press(review: &mut Review, code: KeyCode) -> Vec<Effect> {
    review.on_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(review: &mut Review, text: &str) {
    for c in text.chars() {
        press(review, KeyCode::Char(c));
    }
}

#[test]
fn marking_an_action_done_is_an_effect_and_the_folds_follow_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let mut review = Review::new(view(&data), ctx(Lang::En));
    press(&mut review, KeyCode::Char('4'));
    assert_eq!(review.screen, Screen::Actions);
    press(&mut review, KeyCode::Down);
    let effects = press(&mut review, KeyCode::Char('d'));
    let [Effect::SetDone { run, id, done }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!((*run, *done), (0, true));

    // The edge writes it through a journal of its own and folds it in; the recap follows.
    let dir = review.view.runs[*run].dir.clone();
    let (mut live, state) =
        spar::run::live::LiveRun::open(dir, "Bo", spar::run::Role::NoteTaker, THIRD).unwrap();
    review.view.runs[*run].state = state;
    let target = &mut review.view.runs[*run];
    assert!(live.append(
        &mut target.state,
        Event::ActionDone {
            id: id.clone(),
            done: true
        },
        THIRD + MIN
    ));
    review.changed(*run, THIRD + MIN);
    let open: Vec<String> = open_actions(&review.view, "digitala-samhallet")
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(open, ["Hur når vi dem som inte kommer?"]);
    // And from the folder, as the next meeting's stage reads it.
    let reread = view(&data);
    assert_eq!(open_actions(&reread, "digitala-samhallet").len(), 1);
    // `d` again opens it again.
    let effects = press(&mut review, KeyCode::Char('d'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::SetDone { done: false, .. }]
    ));
}

#[test]
fn typing_in_the_search_finds_and_jumps_to_the_note() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let mut review = Review::new(view(&data), ctx(Lang::Sv));
    press(&mut review, KeyCode::Char('/'));
    assert_eq!(review.screen, Screen::Search);
    // `q`, `d` and digits are text in the search.
    type_text(&mut review, "kartlägga q");
    assert_eq!(review.query, "kartlägga q");
    assert!(review.hits.is_empty());
    press(&mut review, KeyCode::Backspace);
    press(&mut review, KeyCode::Backspace);
    assert_eq!(review.hits.len(), 1);
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.screen, Screen::Notes);
    assert_eq!(review.run, 1);
    let run = &review.view.runs[review.run];
    let note = &run.state.notes[run.order[review.note]];
    assert_eq!(note.text, "Kartlägga vilka filialer som saknar wifi");
    // Back in the search the query is kept; Esc goes back where the search was opened from.
    press(&mut review, KeyCode::Tab);
    press(&mut review, KeyCode::Tab);
    assert_eq!(review.screen, Screen::Search);
    assert_eq!(review.query, "kartlägga");
    press(&mut review, KeyCode::Esc);
    assert_eq!(review.screen, Screen::Actions);
    let quit = press(&mut review, KeyCode::Char('q'));
    assert_eq!(quit, [Effect::Quit]);
}

fn runs_listing(data: &DataDir, lang: Lang) -> String {
    let view = TrackView::load(data, &catalog(), THIRD + 60 * MIN).unwrap();
    spar::commands::runs::render(&view, lang.text(), &jiff::tz::TimeZone::UTC)
}

#[test]
fn spar_runs_lists_every_run_aligned_in_track_order() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let listing = runs_listing(&data, Lang::En);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 4, "{listing}");
    assert!(lines[0].starts_with("Id"), "{listing}");
    for (line, session) in lines[1..]
        .iter()
        .zip(["kickoff", "digitala-samhallet", "begrepp"])
    {
        assert!(line.contains(session), "{line}");
    }
    assert!(
        lines[1].contains("2020-09-17 09:00  ended  2 h 32 min"),
        "{listing}"
    );
    assert!(lines[3].contains("live"), "{listing}");
    // Columns line up: the state column starts at the same place on every line.
    let at = |line: &str, word: &str| line.find(word).unwrap();
    assert_eq!(at(lines[0], "State"), at(lines[1], "ended"));
    assert_eq!(at(lines[2], "ended"), at(lines[3], "live"));
    let sv = runs_listing(&data, Lang::Sv);
    assert!(sv.contains("avslutad") && sv.contains("pågår"), "{sv}");
}

#[test]
fn spar_runs_with_no_runs_says_so_and_succeeds() {
    for dir in ["", "missing/deeper"] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join(dir);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_spar"))
            .args(["runs", "--lang", "en"])
            .env("SPAR_DATA_DIR", &root)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            "No saved runs yet\n"
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    assert_eq!(
        runs_listing(&data, Lang::Sv),
        "Inga sparade genomföranden än\n"
    );
}

#[test]
fn spar_review_of_an_unknown_run_is_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_spar"))
        .args(["review", "nosuchrun"])
        .env("SPAR_DATA_DIR", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nosuchrun"), "{err}");
}

fn append_raw(path: &Path, bytes: &[u8]) {
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn torn_and_malformed_lines_are_skipped_and_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    let dir = run_of(
        &data,
        "kickoff",
        KICKOFF,
        &[
            (0, Event::TimerStarted { at: place(0, 0) }),
            (1, note(place(0, 0), None, NoteKind::Note, "Före skadan")),
        ],
    );
    let journal = dir.path().join("anna-000001.ron");
    append_raw(&journal, b"(at:1,seq:99,ev:Ended,crc:0x00000000)\n");
    append_raw(&journal, b"this is not a record at all\n");
    // Another writer whose last line was torn mid-write.
    let mut other = dir.open_writer("erik-000002").unwrap();
    other
        .append(
            KICKOFF + 2 * MIN,
            note(place(0, 0), None, NoteKind::Note, "Efter"),
        )
        .unwrap();
    append_raw(
        &dir.path().join("erik-000002.ron"),
        b"(at:1600333400000,seq:2,ev:Not",
    );

    let view = view(&data);
    let run = &view.runs[0];
    assert_eq!(run.note_count(), 2);
    assert_eq!(
        run.state.ended_at, None,
        "a line with a bad checksum is never read"
    );
    assert_eq!(run.tally().damaged, 3, "{:?}", run.problems);
    assert!(
        run.problems
            .iter()
            .any(|p| p.to_string().contains("incomplete")),
        "{:?}",
        run.problems
    );
    let listing = runs_listing(&data, Lang::En);
    assert!(listing.lines().count() == 2, "{listing}");
}

#[test]
fn an_unreadable_header_is_listed_not_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    track(&data);
    let bad = data.runs_dir().join("20201001-0900-broken-0000");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("run.ron"), "RunHeader(id: \"x\", sess").unwrap();
    let view = view(&data);
    assert_eq!(view.runs.len(), 3);
    assert_eq!(view.unreadable.len(), 1);
    assert_eq!(view.unreadable[0].id, "20201001-0900-broken-0000");
    let listing = runs_listing(&data, Lang::En);
    assert!(
        listing
            .lines()
            .last()
            .unwrap()
            .starts_with("20201001-0900-broken-0000"),
        "{listing}"
    );
    assert!(listing.contains("unreadable"), "{listing}");
}

#[test]
fn a_run_of_an_older_version_of_its_session_reads_from_its_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    let catalog = catalog();
    let mut old = catalog.get("kickoff").unwrap().clone();
    old.title = "Kick off (första versionen)".into();
    old.agenda.truncate(4);
    old.agenda[3].questions.truncate(1);
    old.agenda[3].questions[0].text = "En fråga som inte finns längre".into();
    let header = RunHeader::new(old, catalog.track.clone(), KICKOFF, "Anna");
    let dir = data.create_run(header).unwrap();
    let mut writer = dir.open_writer("anna-000001").unwrap();
    writer
        .append(
            KICKOFF,
            note(
                place(3, 0),
                None,
                NoteKind::Note,
                "Svar på den gamla frågan",
            ),
        )
        .unwrap();
    let view = view(&data);
    let run = &view.runs[0];
    assert!(run.snapshot_differs);
    assert_eq!(run.meeting, Some(1));
    assert_eq!(run.session().agenda.len(), 4);
    assert_eq!(run.note_count(), 1);
    let hits = search(&view.runs, "inte finns längre");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].target, Target::Place(place(3, 0)));
}

#[test]
fn many_damaged_lines_are_all_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    let dir = run_of(
        &data,
        "kickoff",
        KICKOFF,
        &[(0, Event::TimerStarted { at: place(0, 0) })],
    );
    let journal = dir.path().join("anna-000001.ron");
    for _ in 0..25 {
        append_raw(&journal, b"garbage\n");
    }
    let view = view(&data);
    assert_eq!(
        view.runs[0].tally().damaged,
        25,
        "{:?}",
        view.runs[0].problems
    );
}

#[test]
fn a_stray_run_after_the_meeting_neither_counts_nor_hides_it_and_a_discard_chooses() {
    use Event::*;
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    let held = run_of(
        &data,
        "kickoff",
        KICKOFF,
        &[
            (0, TimerStarted { at: place(0, 0) }),
            (
                5,
                note(
                    place(0, 0),
                    None,
                    action("Karin", Some("2026-12-20")),
                    "Boka lokal",
                ),
            ),
            (170, Ended),
        ],
    );
    // Started by mistake a week later, and left empty.
    let stray = run_of(&data, "kickoff", KICKOFF + 7 * 24 * 60 * MIN, &[]);
    let counted = |view: &TrackView| view.counted("kickoff").map(|r| r.dir.id().to_string());
    let v = view(&data);
    assert_eq!(counted(&v).as_deref(), Some(held.id()));
    assert_eq!(open_actions(&v, "digitala-samhallet").len(), 1);
    assert_eq!(v.others(v.counted("kickoff").unwrap()), 1);

    // Discarding the held run makes the stray one count: the recap has nothing from it.
    spar::run::catalog::counted::set_discarded(&held, true, "test").unwrap();
    let v = view(&data);
    assert_eq!(counted(&v).as_deref(), Some(stray.id()));
    assert!(v.runs.iter().any(|r| r.discarded && r.dir == held));
    assert!(open_actions(&v, "digitala-samhallet").is_empty());
    // Restored, the held run counts again; its journal was never touched.
    spar::run::catalog::counted::set_discarded(&held, false, "").unwrap();
    assert_eq!(counted(&view(&data)).as_deref(), Some(held.id()));
    assert_eq!(view(&data).counted("kickoff").unwrap().note_count(), 1);
}

#[test]
fn suggestions_are_changes_to_the_session_file_from_the_runs_that_count() {
    use Event::*;
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::at(tmp.path());
    // The welcome (10 min) runs 16 minutes, the check-in its planned 17 (one untimed minute
    // on top of the rounds' turns is not asked of anybody).
    run_of(
        &data,
        "kickoff",
        KICKOFF,
        &[
            (0, TimerStarted { at: place(0, 0) }),
            (16, Moved { to: place(1, 0) }),
            (16, TimerStarted { at: place(1, 0) }),
            (33, Ended),
        ],
    );
    // A stray run, discarded: it adds nothing.
    let stray = run_of(
        &data,
        "kickoff",
        KICKOFF + 60 * MIN,
        &[(0, TimerStarted { at: place(0, 0) }), (50, Ended)],
    );
    spar::run::catalog::counted::set_discarded(&stray, true, "test").unwrap();
    let catalog = catalog();
    let view = view(&data);
    let report = spar::run::catalog::time_spent::TimeReport::of(&view, THIRD);
    let kickoff = report.meeting("kickoff").expect("the kickoff was held");
    assert_eq!(kickoff.runs, 1, "the discarded run does not count");
    assert_eq!(kickoff.rows[0].actual, [16 * MIN]);
    assert!(kickoff.rows[0].flagged());
    let out = spar::commands::suggest::changes(&catalog, Lang::Sv.text(), kickoff);
    assert!(
        out.starts_with("sessions/kickoff.ron · Kick off · från 1 genomförande\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "  Item(title: \"Välkomna till Dalaspåret\")\n-    minutes: 10,\n+    minutes: 16, // från 1 genomförande, över i 1 av 1\n"
        ),
        "{out}"
    );
    // Every removed line has its added one; items never run suggest nothing.
    let removed = out.lines().filter(|l| l.starts_with('-')).count();
    let added = out.lines().filter(|l| l.starts_with('+')).count();
    assert_eq!(removed, added, "{out}");
    assert!(!out.contains("Paus"), "{out}");
}
