//! The exports: Markdown and HTML of a run of the shipped kickoff and of the whole track.
//!
//! Snapshots of the Markdown in Swedish and English; hostile notes (terminal escapes, bidi
//! controls, HTML, Markdown structure) must come out as harmless text; the Markdown is parsed
//! with pulldown-cmark and the HTML with html5ever (scraper) to check that no note can change the
//! document's structure, and property tests check that for any text.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::tz::{TimeZone, offset};
use proptest::prelude::*;
use pulldown_cmark::{Event as Md, Options, Parser, Tag};
use scraper::{Html, Selector};
use spar::export::{self, RunDoc, TrackDoc, TrackMeeting};
use spar::i18n::Lang;
use spar::run::catalog::time_spent::{MeetingTime, Spent, TimeReport};
use spar::run::state::RunState;
use spar::run::{Entry, Event, Millis, NoteId, NoteKind, Place, Record, Role};
use spar::session::parse::{parse_session, parse_track};
use spar::session::{Item, ItemKind, Question, Session, Track};
use spar::text::{clean, is_unsafe};

const MIN: i64 = 60_000;
/// 2020-09-17 09:00 in Sweden's summer time, where the tests' clocks are.
const NINE: Millis = 1_600_326_000_000;

fn tz() -> TimeZone {
    TimeZone::fixed(offset(2))
}

fn kickoff() -> Arc<Session> {
    Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).expect("kickoff parses"))
}

fn dalasparet() -> Track {
    parse_track(include_str!("../sessions/dalasparet.ron")).expect("track parses")
}

/// Notes that try to reach the terminal or the document's structure.
const HOSTILE: &[&str] = &[
    "\u{1b}]0;title\u{7}Fönstertitel",
    "\u{1b}]2;title\u{7}",
    "\u{1b}]52;c;SGVsbG8=\u{7}urklipp",
    "\u{1b}]8;;http://x\u{1b}\\länk\u{1b}]8;;\u{1b}\\",
    "\u{1b}[2Jrensa skärmen",
    "\u{1b}P$q m\u{1b}\\",
    "\u{9b}31mröd",
    "\u{202e}omvänd text\u{202c}",
    "<script>alert(1)</script>",
    "| a | b |",
    "# heading",
    "- [link](javascript:x)",
    "1. lista\n===\n---\n> citat\n    kod\n```\nstaket",
    "<img src=x onerror=alert(1)> &amp; &lt; \"citat\" 'apostrof'",
];

/// The characters the hostile notes carry that must never reach an export.
const FORBIDDEN: &[char] = &[
    '\u{1b}', '\u{7}', '\u{9b}', '\u{90}', '\u{9c}', '\u{202e}', '\u{202c}', '\r',
];

/// Journal entries of several writers, each with its own sequence numbers.
#[derive(Default)]
struct Journal {
    entries: Vec<Entry>,
    seqs: HashMap<String, u64>,
}

impl Journal {
    fn push(&mut self, writer: &str, at: Millis, ev: Event) -> NoteId {
        let seq = self.seqs.entry(writer.to_string()).or_default();
        *seq += 1;
        self.entries.push(Entry {
            writer: Arc::from(writer),
            record: Record {
                hlc: None,
                at,
                seq: *seq,
                ev,
            },
        });
        NoteId {
            writer: writer.to_string(),
            seq: *seq,
        }
    }

    /// The facilitator at `minute` after nine; its journal begins with its `Joined` (only a
    /// facilitator drives the timer).
    fn fac(&mut self, minute: i64, ev: Event) {
        if !self.seqs.contains_key("facilitator") && !matches!(ev, Event::Joined { .. }) {
            let joined = Event::Joined {
                name: "Karin".into(),
                role: Role::Facilitator,
            };
            self.push("facilitator", NINE + (minute - 1) * MIN, joined);
        }
        self.push("facilitator", NINE + minute * MIN, ev);
    }

    #[allow(clippy::too_many_arguments)]
    fn note(
        &mut self,
        writer: &str,
        by: &str,
        at: Millis,
        (item, step): (usize, usize),
        group: Option<&str>,
        kind: NoteKind,
        text: &str,
    ) -> NoteId {
        let ev = Event::NoteSaved {
            at: Place { item, step },
            group: group.map(str::to_string),
            kind,
            text: text.to_string(),
            by: by.to_string(),
        };
        self.push(writer, at, ev)
    }

    fn fold(&self, session: Arc<Session>) -> RunState {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        RunState::fold(session, &entries)
    }
}

fn at(minute: i64, second: i64) -> Millis {
    NINE + minute * MIN + second * 1000
}

fn moved(item: usize, step: usize) -> Event {
    Event::Moved {
        to: Place { item, step },
    }
}

fn action(owner: &str, due: Option<&str>) -> NoteKind {
    NoteKind::Action {
        owner: owner.into(),
        due: due.map(str::to_string),
    }
}

const SILJAN: Option<&str> = Some("Grupp Siljan");
const DALALVEN: Option<&str> = Some("Grupp Dalälven");
const BERGSLAGEN: Option<&str> = Some("Grupp Bergslagen");

/// The kickoff held from 09:01 to 12:04, with notes of every kind in several groups, an edited
/// and a deleted note, and the hostile notes.
fn kickoff_journal() -> Journal {
    let mut j = Journal::default();
    j.fac(
        0,
        Event::Joined {
            name: "Karin".into(),
            role: Role::Facilitator,
        },
    );
    j.fac(
        1,
        Event::TimerStarted {
            at: Place { item: 0, step: 0 },
        },
    );
    for (minute, item, step) in [
        (12, 1, 0),
        (30, 2, 0),
        (61, 3, 0),
        (68, 3, 1),
        (75, 4, 0),
        (90, 5, 0),
        (121, 6, 0),
        (131, 6, 1),
        (141, 7, 0),
        (151, 8, 0),
        (162, 9, 0),
        (168, 9, 1),
        (172, 10, 0),
        (180, 11, 0),
    ] {
        j.fac(minute, moved(item, step));
    }
    j.fac(184, Event::Ended);

    let plenum = "plenum";
    // Check-in: a turn of the round (Falun) with a note; the other turns have none.
    j.note(
        plenum,
        "Lena",
        at(16, 10),
        (1, 2),
        None,
        NoteKind::Note,
        "Vill lära mig mer om digital kompetens.",
    );
    // The first talk: a note over several lines.
    j.note(
        plenum,
        "Lena",
        at(40, 0),
        (2, 0),
        None,
        NoteKind::Note,
        "Digitalisering är inte teknik\nutan förändring\n\n  av arbetssätt\r\noch kultur.",
    );
    // The discussion after it: Swedish, emoji and wide characters; a decision; a parked question.
    j.note(
        plenum,
        "Lena",
        at(63, 0),
        (3, 0),
        None,
        NoteKind::Note,
        "åäö ÅÄÖ – 😀 漢字",
    );
    j.note(
        plenum,
        "Lena",
        at(65, 30),
        (3, 0),
        None,
        NoteKind::Decision,
        "Vi gör en gemensam begreppslista.",
    );
    j.note(
        plenum,
        "Lena",
        at(70, 0),
        (3, 1),
        None,
        NoteKind::Parking,
        "Hur mäter vi digital mognad?",
    );
    // The breakout: notes from three groups, written in mixed order.
    j.note(
        "siljan",
        "Anna Berg",
        at(123, 0),
        (6, 0),
        SILJAN,
        NoteKind::Note,
        "Glesbygd och långa avstånd.",
    );
    j.note(
        "dalalven",
        "Per Ek",
        at(123, 40),
        (6, 0),
        DALALVEN,
        NoteKind::Note,
        "Kompetensförsörjning.",
    );
    j.note(
        "siljan",
        "Anna Berg",
        at(125, 0),
        (6, 0),
        SILJAN,
        action("Anna Berg", Some("2020-10-15")),
        "Samla exempel från kommunerna.",
    );
    for (i, hostile) in HOSTILE.iter().enumerate() {
        j.note(
            "bergslagen",
            "Eve",
            at(126, i as i64),
            (6, 0),
            BERGSLAGEN,
            NoteKind::Note,
            hostile,
        );
    }
    j.note(
        "bergslagen",
        "Eve\u{1b}]0;x\u{7}",
        at(127, 0),
        (6, 0),
        BERGSLAGEN,
        action("<b>Mallory</b> | x", Some("\u{1b}[31m2020-11-01")),
        "Bjud in | *alla* <kommuner>.",
    );
    let done = j.note(
        "dalalven",
        "Per Ek",
        at(133, 0),
        (6, 1),
        DALALVEN,
        action("Per Ek", None),
        "Boka ett möte med regionen.",
    );
    j.push(
        "dalalven",
        at(140, 0),
        Event::ActionDone {
            id: done,
            done: true,
        },
    );
    // The goals: an edited note and a deleted one.
    let edited = j.note(
        plenum,
        "Lena",
        at(163, 0),
        (9, 0),
        None,
        NoteKind::Note,
        "Första versionen.",
    );
    j.push(
        plenum,
        at(164, 0),
        Event::NoteEdited {
            id: edited,
            kind: NoteKind::Note,
            text: "Målet om begreppen känns viktigast.".into(),
        },
    );
    let deleted = j.note(
        plenum,
        "Lena",
        at(169, 0),
        (9, 1),
        SILJAN,
        NoteKind::Note,
        "Det här ska bort.",
    );
    j.push(plenum, at(169, 30), Event::NoteDeleted { id: deleted });
    j.note(
        plenum,
        "Lena",
        at(175, 0),
        (10, 0),
        None,
        NoteKind::Note,
        "Att vi inte är ensamma.",
    );
    j
}

fn kickoff_state() -> RunState {
    kickoff_journal().fold(kickoff())
}

fn doc<'a>(state: &'a RunState, track: Option<&'a Track>, run_id: &'a str) -> RunDoc<'a> {
    RunDoc {
        run_id,
        state,
        track,
        started: at(0, 0),
        now: at(200, 0),
        around: Default::default(),
    }
}

/// A track's export of the meetings `runs` held, and nothing to come.
fn track_doc<'a>(track: Option<&'a Track>, runs: &[RunDoc<'a>]) -> TrackDoc<'a> {
    TrackDoc {
        track,
        meetings: runs.iter().map(|r| TrackMeeting::Held(*r)).collect(),
        time: TimeReport::default(),
    }
}

fn assert_no_forbidden(out: &str) {
    for c in out.chars() {
        assert!(!FORBIDDEN.contains(&c), "{c:?} in export");
        assert!(
            c == '\n' || !(c.is_control() || is_unsafe(c)),
            "{c:?} in export"
        );
    }
}

fn markdown_events(md: &str) -> Vec<Md<'_>> {
    Parser::new_ext(md, Options::all()).collect()
}

#[test]
fn markdown_of_the_kickoff_in_swedish() {
    let state = kickoff_state();
    let track = dalasparet();
    let md = export::markdown(
        &doc(&state, Some(&track), "20200917-0900-kickoff"),
        Lang::Sv,
        &tz(),
    );
    insta::assert_snapshot!("kickoff_sv_md", md);
}

#[test]
fn markdown_of_the_kickoff_in_english() {
    let state = kickoff_state();
    let track = dalasparet();
    let md = export::markdown(
        &doc(&state, Some(&track), "20200917-0900-kickoff"),
        Lang::En,
        &tz(),
    );
    insta::assert_snapshot!("kickoff_en_md", md);
}

#[test]
fn hostile_notes_leave_no_escape_sequences_in_any_export() {
    let state = kickoff_state();
    let track = dalasparet();
    let run = doc(&state, Some(&track), "20200917-0900-kickoff");
    for lang in [Lang::Sv, Lang::En] {
        assert_no_forbidden(&export::markdown(&run, lang, &tz()));
        assert_no_forbidden(&export::html(&run, lang, &tz()));
        let whole = track_doc(Some(&track), &[run]);
        assert_no_forbidden(&export::track_markdown(&whole, lang, &tz()));
        assert_no_forbidden(&export::track_html(&whole, lang, &tz()));
    }
}

#[test]
fn hostile_notes_do_not_change_the_markdown_structure() {
    let state = kickoff_state();
    let md = export::markdown(&doc(&state, None, "r"), Lang::Sv, &tz());
    let mut tables = 0;
    for ev in markdown_events(&md) {
        match ev {
            Md::Html(h) | Md::InlineHtml(h) => panic!("raw HTML in the Markdown: {h:?}"),
            Md::Code(c) => panic!("a code span from a note: {c:?}"),
            Md::Start(Tag::Link { dest_url, .. }) if !prework_address(&dest_url) => {
                panic!("a link from a note: {dest_url}")
            }
            Md::Start(Tag::Image { dest_url, .. }) => panic!("an image from a note: {dest_url}"),
            Md::Start(Tag::CodeBlock(_)) => panic!("a code block from a note"),
            Md::Start(Tag::Table(_)) => tables += 1,
            Md::Start(Tag::Heading { .. }) => {}
            _ => {}
        }
    }
    // The agenda and the action items; `| a | b |` made none.
    assert_eq!(tables, 2);
    // The notes' own text is still there, readable.
    assert!(md.contains(r"\<script\>alert(1)\</script\>"), "{md}");
    assert!(md.contains(r"\| a \| b \|"));
    assert!(md.contains(r"- \# heading — "));
    assert!(md.contains(r"- \- \[link\](javascript:x) — "));
    assert!(md.contains(r"- \]0;titleFönstertitel — "));
}

#[test]
fn html_is_well_formed_escaped_and_has_every_note() {
    let state = kickoff_state();
    let track = dalasparet();
    let html = export::html(
        &doc(&state, Some(&track), "20200917-0900-kickoff"),
        Lang::Sv,
        &tz(),
    );
    check_html(&html);
    let parsed = Html::parse_document(&html);
    let texts: Vec<String> = parsed
        .select(&Selector::parse("li.note .text").unwrap())
        .map(|e| e.text().collect())
        .collect();
    for note in state.live_notes() {
        let expected = clean(&note.text).trim().to_string();
        assert!(
            texts.contains(&expected),
            "note {expected:?} missing from {texts:#?}"
        );
    }
    // Deleted notes are left out; edited notes show their latest text.
    let all: String = parsed.root_element().text().collect();
    assert!(!all.contains("Det här ska bort."));
    assert!(!all.contains("Första versionen."));
    assert!(all.contains("Målet om begreppen känns viktigast."));
    assert!(
        all.contains("<script>alert(1)</script>"),
        "the hostile note reads as text"
    );
    // Self-contained and made for phones and paper.
    assert!(
        html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
    );
    assert!(html.contains("@media print"));
    for tag in ["<link", "<script", "<img", "<iframe"] {
        assert!(!html.contains(tag), "{tag} in the HTML");
    }
    let style: String = parsed
        .select(&Selector::parse("style").unwrap())
        .flat_map(|e| e.text())
        .collect();
    for external in ["url(", "@import", "//"] {
        assert!(!style.contains(external), "{external} in the CSS");
    }
}

/// The checks every HTML export passes: parsed by html5ever without a single error, in
/// standards mode; every element closed and nested (checked on the text itself); nothing a
/// note could have brought in: no script, no event handler, no link that leaves the page.
fn check_html(html: &str) {
    let parsed = Html::parse_document(html);
    assert!(
        parsed.errors.is_empty(),
        "HTML parse errors: {:?}",
        parsed.errors
    );
    assert_eq!(format!("{:?}", parsed.quirks_mode), "NoQuirks");
    assert_eq!(
        parsed
            .select(&Selector::parse("script, img, iframe, object, embed, link, form").unwrap())
            .count(),
        0
    );
    for element in parsed
        .root_element()
        .descendants()
        .filter_map(|n| n.value().as_element())
    {
        for (name, value) in element.attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value:?}");
            assert!(name != "src" && name != "style", "{name}={value:?}");
            if name == "href" {
                // Within the page, or a pre-work address of the session files (all of which
                // are in the list of addresses that were found to lead somewhere).
                assert!(
                    value.starts_with('#') || prework_address(value),
                    "link out of the page: {value:?}"
                );
            }
        }
    }
    assert_balanced(html);
}

/// Every start tag has its end tag in the right place (or closes itself); text holds no `<`.
fn assert_balanced(html: &str) {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "link", "input"];
    let body = html.strip_prefix("<!DOCTYPE html>").expect("doctype first");
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').expect("tag closed") + open;
        let tag = &rest[open + 1..close];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop(),
                Some(name),
                "</{name}> closes the wrong element"
            );
        } else {
            let name = tag.split([' ', '/']).next().unwrap();
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric()),
                "bad tag {tag:?}"
            );
            if tag.ends_with('/') {
                assert!(VOID.contains(&name), "<{name} /> is not void");
            } else {
                assert!(!VOID.contains(&name), "<{name}> must close itself");
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
        // Inside <style> there is CSS, never a `<`.
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn export_shows_times_groups_and_lists_in_order() {
    let state = kickoff_state();
    let track = dalasparet();
    let md = export::markdown(&doc(&state, Some(&track), "r"), Lang::Sv, &tz());
    assert!(md.starts_with(
        "# Kick off — 2020-09-17\n\nDalaspåret · träff 1 av 6 · Hösten 2020 · 09:01–12:04\n"
    ));
    // Whole group first, then the session's groups in their order, whatever order they wrote in.
    let breakout = &md[md.find("### Vilka av utmaningarna").unwrap()..];
    let siljan = breakout.find("#### Grupp Siljan").unwrap();
    let dalalven = breakout.find("#### Grupp Dalälven").unwrap();
    let bergslagen = breakout.find("#### Grupp Bergslagen").unwrap();
    assert!(siljan < dalalven && dalalven < bergslagen);
    // Lines of a note stay lines of its list item.
    assert!(md.contains("- Digitalisering är inte teknik\\\n  utan förändring\\\n  av arbetssätt\\\n  och kultur. — *Lena, 09:40*\n"));
    assert!(md.contains("Målet om begreppen känns viktigast. — *Lena, 11:43, ändrad 11:44*"));
    assert!(md.contains("| Boka ett möte med regionen. | Per Ek | – | klar |"));
    assert!(md.contains("| Samla exempel från kommunerna. | Anna Berg | 2020-10-15 | öppen |"));
    assert!(md.contains("Planerat slut 12:00 · faktiskt slut 12:04, 4 min efter"));
    // A question without notes says so; turns of a round without notes are left out.
    assert!(md.contains(
        "### Vad behöver du för att hinna med förarbetet på digiteket.se?\n\n*Inga anteckningar*"
    ));
    assert!(md.contains("### Tur: Falun"));
    assert!(!md.contains("Tur: Avesta"));
}

#[test]
fn a_run_in_progress_and_one_not_started() {
    let mut j = Journal::default();
    j.fac(
        2,
        Event::TimerStarted {
            at: Place { item: 0, step: 0 },
        },
    );
    j.fac(20, moved(1, 0));
    let state = j.fold(kickoff());
    let run = RunDoc {
        run_id: "r",
        state: &state,
        track: None,
        started: at(0, 0),
        now: at(25, 0),
        around: Default::default(),
    };
    let md = export::markdown(&run, Lang::Sv, &tz());
    assert!(md.contains("Hösten 2020 · 09:02– (pågår)"), "{md}");
    // Started two minutes late, the welcome ran 18 of its 10 minutes: ten minutes behind; then
    // five minutes at the check-in's first turn without its timebox started use up the item's
    // two untimed minutes and three more.
    assert!(
        md.contains("| 09:00 | Välkommen · Välkomna till Dalaspåret | 10 min | 18 min |"),
        "{md}"
    );
    assert!(
        md.contains("Planerat slut 12:00 · beräknat slut 12:13, 13 min efter"),
        "{md}"
    );
    let en = export::markdown(&run, Lang::En, &tz());
    assert!(
        en.contains("Planned end 12:00 · projected end 12:13, 13 min behind"),
        "{en}"
    );

    let fresh = RunState::new(kickoff());
    let run = RunDoc {
        state: &fresh,
        ..run
    };
    let md = export::markdown(&run, Lang::Sv, &tz());
    assert!(md.contains("Hösten 2020 · inte startad"));
    assert!(md.contains("| | **Totalt** | **3 tim** | **–** |"));
    check_html(&export::html(&run, Lang::En, &tz()));
}

/// A second meeting of the track with an action of its own.
fn second_meeting() -> (Arc<Session>, RunState) {
    let session = Arc::new(
        parse_session(include_str!("../sessions/digitala-samhallet.ron"))
            .expect("digitala-samhallet parses"),
    );
    let mut j = Journal::default();
    let day = 28 * 24 * 60; // 2020-10-15
    j.fac(
        day,
        Event::TimerStarted {
            at: Place { item: 0, step: 0 },
        },
    );
    j.note(
        "plenum",
        "Lena",
        at(day + 5, 0),
        (0, 0),
        None,
        action("Karin", Some("2020-11-12")),
        "Skicka ut läslistan.",
    );
    j.note(
        "plenum",
        "Lena",
        at(day + 6, 0),
        (0, 0),
        None,
        NoteKind::Decision,
        "Nästa träff hålls digitalt.",
    );
    j.fac(day + 180, Event::Ended);
    let state = j.fold(session.clone());
    (session, state)
}

#[test]
fn the_track_lists_every_meeting_in_order_and_all_actions() {
    let first = kickoff_state();
    let (_, second) = second_meeting();
    let track = dalasparet();
    let runs = [
        RunDoc {
            run_id: "20201015-0900-digitala-samhallet",
            state: &second,
            track: Some(&track),
            started: at(28 * 24 * 60, 0),
            now: at(30 * 24 * 60, 0),
            around: Default::default(),
        },
        doc(&first, Some(&track), "20200917-0900-kickoff"),
    ];
    // The four meetings to come, and where the time of the two held went.
    let catalog = spar::session::load::load_catalog(&[]).unwrap();
    let mut doc = track_doc(Some(&track), &runs);
    for id in [
        "begrepp",
        "digitala-uppdraget",
        "larande-organisation",
        "synas-i-kommunen",
    ] {
        doc.meetings
            .push(TrackMeeting::ToCome(catalog.get(id).unwrap()));
    }
    doc.time = TimeReport {
        meetings: runs
            .iter()
            .rev()
            .enumerate()
            .map(|(n, r)| {
                let spent = spent(r.state, r.now);
                MeetingTime::new(&r.state.session, Some(n + 1), &[(&r.state.session, spent)])
            })
            .collect(),
    };
    for lang in [Lang::Sv, Lang::En] {
        let md = export::track_markdown(&doc, lang, &tz());
        let kick = md.find("## Kick off — 2020-09-17").expect("kickoff");
        let second = md
            .find("## Det digitala samhället (Etiskt, filosofiskt och tekniskt) — 2020-10-15")
            .expect("second meeting");
        let actions = md
            .find(if lang == Lang::Sv {
                "## Alla åtgärder"
            } else {
                "## All action items"
            })
            .unwrap();
        assert!(md.starts_with("# Dalaspåret\n"));
        assert!(kick < second && second < actions, "track order");
        let all = &md[actions..];
        let (open, done) = if lang == Lang::Sv {
            ("öppen", "klar")
        } else {
            ("open", "done")
        };
        assert!(all.contains(&format!("| Samla exempel från kommunerna. | Anna Berg | 2020-10-15 | Kick off — 2020-09-17 | {open} |")), "{all}");
        assert!(all.contains(&format!(
            "| Boka ett möte med regionen. | Per Ek | – | Kick off — 2020-09-17 | {done} |"
        )));
        assert!(all.contains(&format!(
            "| Skicka ut läslistan. | Karin | 2020-11-12 | Det digitala samhället (Etiskt, filosofiskt och tekniskt) — 2020-10-15 | {open} |"
        )));
        // Headings stay within six levels: groups of a question are at level five.
        assert!(md.contains("\n##### Grupp Siljan\n"));

        // Every meeting to come, in order after those held, with its pre-work and no date.
        let third = md
            .find("\n## Vad är digitalisering")
            .expect("meeting 3 to come");
        let sixth = md
            .find("\n## Driva frågor uppåt")
            .expect("meeting 6 to come");
        assert!(second < third && third < sixth && sixth < actions, "{md}");
        let coming = &md[third..sixth];
        let (to_come, prework) = if lang == Lang::Sv {
            ("träff 3 av 6 · Hösten 2020 · kommande", "### Förarbete")
        } else {
            ("meeting 3 of 6 · Hösten 2020 · to come", "### Pre-work")
        };
        assert!(coming.contains(to_come), "{coming}");
        assert!(coming.contains(prework), "{coming}");
        assert!(!coming.contains("2020-1"), "no date made up: {coming}");
        assert!(
            md.contains("3. Vad är digitalisering"),
            "listed in the overview: {md}"
        );
        // Where the time went, before the actions; the kickoff ran its welcome over.
        let time = md
            .find(if lang == Lang::Sv {
                "## Vart tiden tog vägen"
            } else {
                "## Where the time went"
            })
            .expect("where the time went");
        assert!(sixth < time && time < actions);
        assert!(md[time..actions].contains("### 1. Kick off"), "{md}");
        // Dated actions first, by date, then those without a due.
        let samla = all.find("Samla exempel").unwrap();
        let skicka = all.find("Skicka ut läslistan").unwrap();
        let boka = all.find("Boka ett möte med regionen").unwrap();
        assert!(samla < skicka && skicka < boka, "{all}");

        let html = export::track_html(&doc, lang, &tz());
        check_html(&html);
        let parsed = Html::parse_document(&html);
        let rows: Vec<String> = parsed
            .select(&Selector::parse("section.all-actions tbody tr").unwrap())
            .map(|r| r.text().collect::<Vec<_>>().join("|"))
            .collect();
        assert_eq!(rows.len(), 4, "{rows:#?}");
        assert!(rows.iter().any(|r| r.contains("Skicka ut läslistan.") && r.contains("Det digitala samhället")));
        assert!(
            rows.iter()
                .any(|r| r.contains("Samla exempel från kommunerna.") && r.contains("Kick off"))
        );
        // One article per meeting, held or to come, and ids that do not collide.
        assert_eq!(
            parsed
                .select(&Selector::parse("article.meeting").unwrap())
                .count(),
            6
        );
        // A bar per item and question of the two held meetings; the overruns marked in words.
        let bars = parsed
            .select(&Selector::parse("section.where-time td.bar").unwrap())
            .count();
        assert!(bars > 10, "{bars}");
        let mut ids: Vec<&str> = parsed
            .root_element()
            .descendants()
            .filter_map(|n| n.value().as_element()?.id())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate ids");
    }
    // No track and no runs: still a document.
    let empty = export::track_markdown(&TrackDoc::default(), Lang::Sv, &tz());
    assert!(empty.starts_with("# Alla träffar\n"));
    check_html(&export::track_html(&TrackDoc::default(), Lang::En, &tz()));
}

// Any text, in any field a note-taker types: the documents keep their structure.

/// A meeting with one discussion question and one breakout group.
fn small_session() -> Arc<Session> {
    Arc::new(Session {
        id: "small".into(),
        track: "t".into(),
        title: "Liten träff".into(),
        term: String::new(),
        date: None,
        start: "09:00".into(),
        summary: String::new(),
        prework: vec![],
        groups: vec!["A".into()],
        agenda: vec![Item {
            kind: ItemKind::Discussion,
            title: "Samtal".into(),
            minutes: 10,
            notes: None,
            phase: None,
            invitation: None,
            group_size: None,
            questions: vec![Question::new("Vad?", 10)],
            round: None,
        }],
    })
}

/// A run of the small meeting where one note of each kind carries `text`, written by `by` in
/// group `group`, the action owned by `owner`.
fn small_run(text: &str, by: &str, group: &str, owner: &str) -> RunState {
    let mut j = Journal::default();
    j.fac(0, Event::TimerStarted { at: Place::START });
    let kinds = [
        NoteKind::Note,
        NoteKind::Decision,
        action(owner, Some(owner)),
        NoteKind::Parking,
    ];
    for (i, kind) in kinds.into_iter().enumerate() {
        j.note("w", by, at(1, i as i64), (0, 0), Some(group), kind, text);
    }
    j.fac(10, Event::Ended);
    j.fold(small_session())
}

/// The Markdown's structure without its text: every end of a block or span, and anything that
/// is not plain text.
fn markdown_shape(md: &str) -> Vec<String> {
    markdown_events(md)
        .into_iter()
        .filter_map(|ev| match ev {
            Md::Text(_) | Md::SoftBreak | Md::HardBreak | Md::Start(_) => None,
            other => Some(format!("{other:?}")),
        })
        .collect()
}

/// The HTML's element tree without its text.
fn html_shape(html: &str) -> Vec<String> {
    let parsed = Html::parse_document(html);
    parsed
        .root_element()
        .descendants()
        .filter_map(|n| {
            n.value()
                .as_element()
                .map(|e| format!("{} {:?}", e.name(), e.attr("class")))
        })
        .collect()
}

/// The first note's text as the Markdown shows it: its list item up to the author and time.
fn first_note_in_markdown(md: &str) -> String {
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    let mut text = String::new();
    let mut inside = false;
    for ev in Parser::new_ext(md, options) {
        match ev {
            Md::Start(Tag::Item) => inside = true,
            Md::Start(Tag::Emphasis) if inside => break,
            Md::Text(t) if inside => text.push_str(&t),
            Md::HardBreak if inside => text.push('\n'),
            Md::SoftBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.strip_suffix("— ")
        .unwrap_or(&text)
        .trim_end()
        .to_string()
}

fn any_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(
        "\\`*_[]<>#|~$&;{}^!()-+=:.0123456789 \n\t\r\u{1b}\u{7}\u{9b}\u{202e}\u{fffe}\"'åäö😀漢"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec(prop_oneof![3 => special, 1 => any::<char>()], 0..60)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_note_keeps_the_markdown_structure(text in any_text(), by in any_text(), group in any_text(), owner in any_text()) {
        let reference = small_run("x", "x", "x", "x");
        let state = small_run(&text, &by, &group, &owner);
        let md = |s: &RunState| export::markdown(&doc(s, None, "r"), Lang::Sv, &tz());
        let out = md(&state);
        prop_assert_eq!(markdown_shape(&out), markdown_shape(&md(&reference)), "{}", out);
        let cleaned = clean(&text);
        let expected: Vec<&str> = cleaned.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect();
        prop_assert_eq!(first_note_in_markdown(&out), expected.join("\n"), "{}", out);
        assert_no_forbidden(&out);
    }

    #[test]
    fn any_note_keeps_the_html_structure(text in any_text(), by in any_text(), group in any_text(), owner in any_text()) {
        let reference = small_run("x", "x", "x", "x");
        let state = small_run(&text, &by, &group, &owner);
        let html = |s: &RunState| export::html(&doc(s, None, "r"), Lang::En, &tz());
        let out = html(&state);
        check_html(&out);
        prop_assert_eq!(html_shape(&out), html_shape(&html(&reference)));
        let parsed = Html::parse_document(&out);
        let first: String = parsed.select(&Selector::parse("li.note .text").unwrap()).next().unwrap().text().collect();
        let expected: String = clean(&text).trim().chars().filter(|&c| !is_nonchar(c)).collect();
        prop_assert_eq!(first, expected);
        assert_no_forbidden(&out);
    }
}

fn is_nonchar(c: char) -> bool {
    ('\u{fdd0}'..='\u{fdef}').contains(&c) || (c as u32 & 0xfffe) == 0xfffe
}

/// An address the shipped sessions give as pre-work (those of `tests/seed/links.md`).
fn prework_address(url: &str) -> bool {
    let links = include_str!("seed/links.md");
    links.contains(&format!("| {url} |"))
}

/// What a folded run spent on each item and question, at `now`.
fn spent(state: &RunState, now: Millis) -> Spent {
    let agenda = &state.session.agenda;
    Spent {
        items: (0..agenda.len()).map(|i| state.spent_ms(i, now)).collect(),
        questions: agenda
            .iter()
            .enumerate()
            .map(|(item, it)| {
                (0..it.questions.len())
                    .map(|step| state.spent_at(Place { item, step }, now))
                    .collect()
            })
            .collect(),
    }
}
