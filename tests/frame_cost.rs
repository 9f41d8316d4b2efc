//! What a frame needs from the notes is worked out when the notes change, not for every frame:
//! the stage keeps the current place's note order per version of the notes, and that order is
//! the one the panel would work out from scratch.

mod common;

use std::sync::Arc;

use common::interleaved::{self, NINE};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use spar::i18n::Lang;
use spar::run::state::{Note, RunState};
use spar::run::{Entry, Event, NoteKind, Record, Role};
use spar::session::Session;
use spar::session::parse::parse_session;
use spar::stage::notes::order::{NoteOrder, Shown};
use spar::stage::{Context, Stage, view};
use spar::ui::theme::{Theme, ThemeName};

fn kickoff() -> Arc<Session> {
    Arc::new(parse_session(include_str!("../sessions/kickoff.ron")).unwrap())
}

/// The kickoff with `notes` notes by four writers, on the place the facilitator went to last.
fn stage(notes: usize) -> Stage {
    let session = kickoff();
    let run = RunState::fold(session.clone(), &interleaved::merged(&session, notes));
    let ctx = Context {
        ui: spar::ui::Ctx {
            lang: Lang::Sv,
            theme: Theme::new(ThemeName::Dark, false),
            tz: jiff::tz::TimeZone::UTC,
        },
        run_id: "20200917-0900-kickoff-abcd".into(),
        track: Some("Dalaspåret".into()),
        start_of_day: NINE,
        author: "Eva".into(),
        recap: Vec::new(),
        role: Role::Facilitator,
    };
    Stage::new(run, ctx, true, NINE)
}

/// The panel's order worked out the plain way: by group (whole group, the session's groups,
/// others by name), then by time and id.
fn plain_order<'n>(notes: &'n [Note], stage: &Stage) -> Vec<&'n Note> {
    let groups = &stage.run.session.groups;
    let rank = |n: &Note| match &n.group {
        None => (0, None),
        Some(g) => match groups.iter().position(|x| x == g) {
            Some(i) => (i + 1, None),
            None => (groups.len() + 1, Some(g.clone())),
        },
    };
    let place = stage.view_place();
    let mut here: Vec<&Note> = notes
        .iter()
        .filter(|n| !n.deleted && n.at == place)
        .collect();
    here.sort_by(|a, b| (rank(a), a.written, &a.id).cmp(&(rank(b), b.written, &b.id)));
    here
}

#[test]
fn the_order_is_the_plain_order_and_by_time_is_newest_first() {
    let stage = stage(3_000);
    let order = stage.note_order();
    let shown = Shown::new(&stage.run.notes, &order);
    let plain = plain_order(&stage.run.notes, &stage);
    assert!(
        plain.len() > 50,
        "the last place has many notes: {}",
        plain.len()
    );
    let ids: Vec<_> = shown.iter().map(|n| &n.id).collect();
    let plain_ids: Vec<_> = plain.iter().map(|n| &n.id).collect();
    assert_eq!(ids, plain_ids);
    let by_time: Vec<_> = (0..shown.len())
        .map(|i| shown.get(shown.newest(i)))
        .collect();
    assert!(
        by_time
            .windows(2)
            .all(|w| (w[0].written, &w[0].id) > (w[1].written, &w[1].id))
    );
    // The whole group's band, then every column.
    let columns = shown.breakout_columns(&stage.run.session.groups);
    for group in std::iter::once(None).chain(columns.into_iter().map(Some)) {
        let part = shown.of_group(group.as_deref());
        let plain_part: Vec<_> = plain
            .iter()
            .filter(|n| n.group == group)
            .map(|n| &n.id)
            .collect();
        assert_eq!(part.iter().map(|n| &n.id).collect::<Vec<_>>(), plain_part);
        let newest_first: Vec<_> = (0..part.len())
            .map(|i| &part.get(part.newest(i)).id)
            .collect();
        assert_eq!(
            newest_first,
            plain_part.into_iter().rev().collect::<Vec<_>>()
        );
    }
}

#[test]
fn frames_reuse_the_order_until_the_notes_change() {
    let mut stage = stage(3_000);
    let first = stage.note_order();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for second in 0..5 {
        let now = NINE + 3_600_000 + second * 1000;
        terminal
            .draw(|frame| view::draw(frame, &stage, now))
            .unwrap();
    }
    assert!(
        Arc::ptr_eq(&first, &stage.note_order()),
        "no frame worked it out again"
    );

    // A draft changes no note: the order stays.
    let at = NINE + 3_700_000;
    let place = stage.view_place();
    let draft = Event::Draft {
        at: place,
        group: None,
        text: "halv".into(),
        by: "Eva".into(),
    };
    let entry = |seq: u64, ev: Event| Entry {
        writer: Arc::from("eva-e00005"),
        record: Record {
            hlc: None,
            at,
            seq,
            ev,
        },
    };
    stage.run.apply(&entry(1, draft));
    assert!(Arc::ptr_eq(&first, &stage.note_order()));

    // A new note does: it is there, the newest.
    let note = Event::NoteSaved {
        at: place,
        group: None,
        kind: NoteKind::Note,
        text: "ny".into(),
        by: "Eva".into(),
    };
    stage.run.apply(&entry(2, note));
    let second = stage.note_order();
    assert!(!Arc::ptr_eq(&first, &second));
    let shown = Shown::new(&stage.run.notes, &second);
    assert_eq!(shown.len(), Shown::new(&stage.run.notes, &first).len() + 1);
    assert_eq!(shown.get(shown.newest(0)).text, "ny");
    let plain = NoteOrder::new(&stage.run.notes, &stage.run.session.groups, |n| {
        n.at == place
    });
    assert_eq!(*second, plain);
}
