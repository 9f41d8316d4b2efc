//! The one walk over a summary: which parts a document has and in what order, for every
//! format. A format is a [`Writer`] that knows how to write each kind of part; adding a section
//! to the exports is a change here, once.

use jiff::tz::TimeZone;

use super::summary::{Coming, GroupPart, LinkPart, Listed, Marker, Summary, due_text, track_order};
use super::{RunDoc, TrackDoc, TrackMeeting};
use crate::i18n::{Lang, Text};
use crate::run::NoteKind;
use crate::run::catalog::time_spent::MeetingTime;
use crate::run::state::Note;
use crate::text::clean_line;

/// A block that holds other parts. Markdown has no such thing and writes nothing for it; HTML
/// opens and closes an element.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Block<'a> {
    /// The document's or a meeting's header: its title and what describes it.
    Header,
    /// The track's list of meetings.
    Nav,
    /// One meeting; `anchor` (empty in a run's own document) keeps the ids of several meetings
    /// in one document apart.
    Meeting { anchor: &'a str },
    /// A part of a meeting (or the track's action items); `id` is made unique by the meeting.
    Section {
        class: &'static str,
        id: Option<&'a str>,
    },
}

/// A paragraph, by what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Para {
    /// The track, meeting number, term and time of a meeting.
    Meta,
    /// When the meeting was planned to end, and did.
    Ends,
    /// An item's kind, speaker and minutes.
    Detail,
    /// A round's prompt.
    Prompt,
    /// There is nothing here ("Inga anteckningar").
    Empty,
    /// Text from a session file: the track's description (several lines), what a meeting is
    /// about.
    Text,
}

/// A list, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Goals,
    Meetings,
    Notes,
}

/// How one format writes each kind of part. Every method escapes what it writes for its format.
pub(crate) trait Writer {
    fn begin_document(&mut self, title: &str, class: &'static str);
    /// `footer`, when given, closes the document.
    fn end_document(&mut self, footer: Option<&str>);
    fn begin(&mut self, block: Block);
    fn end(&mut self, block: Block);
    fn heading(&mut self, level: usize, title: &str);
    fn paragraph(&mut self, kind: Para, text: &str);
    fn begin_list(&mut self, list: List);
    fn end_list(&mut self, list: List);
    /// One of the track's goals (text of several lines), in [`List::Goals`].
    fn goal(&mut self, goal: &str);
    /// A list of pre-work: each link's title and address, which only a web address makes a link.
    fn links(&mut self, links: &[LinkPart]);
    /// The question an agenda item hangs on, after `label` ("Inbjudan").
    fn invitation(&mut self, label: &str, invitation: &str);
    /// Meeting `number` of the track, in [`List::Meetings`]: its title, time and note count.
    fn meeting_entry(&mut self, number: usize, summary: &Summary);
    /// A meeting to come, in [`List::Meetings`]: its title, marked as to come.
    fn coming_entry(&mut self, number: usize, coming: &Coming);
    /// Where one meeting's time went: per item and question, planned and actual minutes, a bar
    /// of the one against the other, the suggested timebox and how often it ran over.
    fn time_table(&mut self, text: &Text, meeting: &MeetingTime);
    /// A note in [`List::Notes`]: its marker if shown, the item it was noted under (in the
    /// lists of decisions, actions and parked questions) and who wrote it when.
    fn note(&mut self, note: &Note, marker: Option<&Marker>, item: Option<&str>, byline: &str);
    /// The agenda's table: planned start, item, planned and actual minutes, and the sums.
    fn agenda(&mut self, summary: &Summary);
    /// The head of a table of action items; `with_meeting` adds a column for the meeting.
    fn begin_actions(&mut self, text: &Text, with_meeting: bool);
    /// One action item of `summary`'s meeting.
    fn action(&mut self, summary: &Summary, listed: &Listed, with_meeting: bool);
    fn end_actions(&mut self);
    /// After each meeting of a track: the run it comes from. Markdown writes it as a closing
    /// line; HTML, whose meetings are articles with their own anchors, leaves it out.
    fn meeting_footer(&mut self, footer: &str);
}

/// A run's summary.
pub(crate) fn run<W: Writer>(w: &mut W, doc: &RunDoc, lang: Lang, tz: &TimeZone) {
    let summary = Summary::build(doc, lang, tz);
    w.begin_document(&summary.title, "run");
    meeting(w, &summary, 1, "", None);
    w.end_document(Some(&summary.footer));
}

/// The whole track: an overview of the meetings, every meeting in track order (those held with
/// their summary, those to come with what to prepare), where the time went, then every action
/// item of the track, dated ones first.
pub(crate) fn track<W: Writer>(w: &mut W, doc: &TrackDoc, lang: Lang, tz: &TimeZone) {
    let text = lang.text();
    let track = doc.track;
    enum Part<'a> {
        Held(Box<Summary<'a>>),
        ToCome(Coming),
    }
    let parts: Vec<Part> = track_order(track, &doc.meetings)
        .iter()
        .map(|&i| match &doc.meetings[i] {
            TrackMeeting::Held(run) => Part::Held(Box::new(Summary::build(run, lang, tz))),
            TrackMeeting::ToCome(session) => Part::ToCome(Coming::new(session, track, text, true)),
        })
        .collect();
    let title = track.map_or_else(|| text.all_meetings.to_string(), |t| clean_line(&t.title));
    w.begin_document(&title, "track");

    w.begin(Block::Header);
    w.heading(1, &title);
    if let Some(track) = track {
        if !track.description.trim().is_empty() {
            w.paragraph(Para::Text, &track.description);
        }
        if !track.goals.is_empty() {
            w.heading(2, text.goals);
            w.begin_list(List::Goals);
            for goal in &track.goals {
                w.goal(goal);
            }
            w.end_list(List::Goals);
        }
        if !track.prework.is_empty() {
            w.heading(2, text.prework);
            w.links(&LinkPart::all(&track.prework));
        }
    }
    w.begin(Block::Nav);
    w.heading(2, text.meetings);
    if parts.is_empty() {
        w.paragraph(Para::Empty, text.none_yet);
    } else {
        w.begin_list(List::Meetings);
        for (n, part) in parts.iter().enumerate() {
            match part {
                Part::Held(summary) => w.meeting_entry(n + 1, summary),
                Part::ToCome(coming) => w.coming_entry(n + 1, coming),
            }
        }
        w.end_list(List::Meetings);
    }
    w.end(Block::Nav);
    w.end(Block::Header);

    for (n, part) in parts.iter().enumerate() {
        let anchor = format!("m{}", n + 1);
        match part {
            Part::Held(summary) => meeting(w, summary, 2, &anchor, Some(&summary.footer)),
            Part::ToCome(coming) => {
                let article = Block::Meeting { anchor: &anchor };
                w.begin(article);
                coming_meeting(w, text, coming, 2);
                w.end(article);
            }
        }
    }

    section(w, "where-time", Some("time"), |w| {
        w.heading(2, text.where_time_went());
        if doc.time.meetings.is_empty() {
            w.paragraph(Para::Empty, text.no_times_yet());
        }
        for meeting in &doc.time.meetings {
            let number = meeting
                .meeting
                .map(|n| format!("{n}. "))
                .unwrap_or_default();
            w.heading(3, &format!("{number}{}", clean_line(&meeting.title)));
            w.paragraph(Para::Detail, &text.from_runs(meeting.runs));
            w.time_table(text, meeting);
        }
    });

    let all = Block::Section {
        class: "all-actions",
        id: Some("actions"),
    };
    w.begin(all);
    w.heading(2, text.all_actions);
    let held: Vec<&Summary> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Held(s) => Some(&**s),
            Part::ToCome(_) => None,
        })
        .collect();
    let mut actions: Vec<(&Summary, &Listed)> = held
        .iter()
        .flat_map(|s| s.actions.iter().map(move |l| (*s, l)))
        .collect();
    // Across the track too: dated ones first, by date, each kind in track order.
    actions.sort_by_key(|(_, l)| crate::run::due::order(due_text(l.note)));
    if actions.is_empty() {
        w.paragraph(Para::Empty, text.none_yet);
    } else {
        w.begin_actions(text, true);
        for (summary, listed) in actions {
            w.action(summary, listed, true);
        }
        w.end_actions();
    }
    w.end(all);
    w.end_document(None);
}

/// A meeting to come (or the next one, closing a meeting's export): its title, what it is about
/// and its pre-work, the title at heading `level`.
fn coming_meeting<W: Writer>(w: &mut W, text: &Text, coming: &Coming, level: usize) {
    w.heading(level, &coming.title);
    w.paragraph(Para::Meta, &coming.meta);
    if !coming.about.is_empty() {
        w.paragraph(Para::Text, &coming.about);
    }
    w.heading(level + 1, text.prework);
    if coming.prework.is_empty() {
        w.paragraph(Para::Empty, text.no_prework());
    } else {
        w.links(&coming.prework);
    }
}

/// One meeting, its title at heading `level`; `footer` closes it where a format writes one per
/// meeting.
fn meeting<W: Writer>(w: &mut W, s: &Summary, level: usize, anchor: &str, footer: Option<&str>) {
    let text = s.text;
    let article = Block::Meeting { anchor };
    w.begin(article);
    w.begin(Block::Header);
    w.heading(level, &s.title);
    w.paragraph(Para::Meta, &s.meta);
    if let Some(which) = &s.which {
        w.paragraph(Para::Meta, which);
    }
    if !s.about.is_empty() {
        w.paragraph(Para::Text, &s.about);
    }
    if !s.prework.is_empty() {
        w.heading(level + 1, text.prework);
        w.links(&s.prework);
    }
    w.end(Block::Header);

    section(w, "agenda", Some("agenda"), |w| {
        w.heading(level + 1, text.agenda);
        w.agenda(s);
        w.paragraph(Para::Ends, &s.ends);
    });

    for item in &s.items {
        if let Some(phase) = &item.phase {
            section(w, "phase", None, |w| {
                w.heading(level + 1, &format!("{}: {phase}", text.phase()));
            });
        }
        let id = format!("item-{}", item.number);
        section(w, "item", Some(&id), |w| {
            w.heading(level + 1, &item.heading);
            w.paragraph(Para::Detail, &item.detail);
            if let Some(invitation) = &item.invitation {
                w.invitation(text.invitation(), invitation);
            }
            if let Some(prompt) = &item.prompt {
                w.paragraph(Para::Prompt, prompt);
            }
            for step in &item.steps {
                let group_level = match &step.heading {
                    Some(h) => {
                        w.heading(level + 2, h);
                        level + 3
                    }
                    None => level + 2,
                };
                if step.heading.is_some() && step.groups.is_empty() {
                    w.paragraph(Para::Empty, text.no_notes);
                }
                groups(w, s, &step.groups, group_level);
            }
        });
    }
    if !s.other.is_empty() {
        section(w, "other", None, |w| {
            w.heading(level + 1, text.other_notes);
            groups(w, s, &s.other, level + 2);
        });
    }

    section(w, "decisions", Some("decisions"), |w| {
        w.heading(level + 1, text.decisions);
        listed(w, s, &s.decisions);
    });
    section(w, "actions", Some("actions"), |w| {
        w.heading(level + 1, text.actions);
        if s.actions.is_empty() {
            w.paragraph(Para::Empty, text.none_yet);
        } else {
            w.begin_actions(text, false);
            for action in &s.actions {
                w.action(s, action, false);
            }
            w.end_actions();
        }
    });
    section(w, "parking", Some("parking"), |w| {
        w.heading(level + 1, text.parking_lot);
        listed(w, s, &s.parking);
    });
    // A meeting's own export ends with what comes next; the track's lists it in its place.
    if footer.is_none() && (s.next.is_some() || s.last) {
        section(w, "next", Some("next"), |w| {
            w.heading(level + 1, text.next_meeting());
            match &s.next {
                Some(next) => coming_meeting(w, text, next, level + 2),
                None => w.paragraph(Para::Empty, text.last_meeting()),
            }
        });
    }
    w.end(article);
    if let Some(footer) = footer {
        w.meeting_footer(footer);
    }
}

fn section<W: Writer>(w: &mut W, class: &'static str, id: Option<&str>, body: impl FnOnce(&mut W)) {
    let block = Block::Section { class, id };
    w.begin(block);
    body(w);
    w.end(block);
}

fn groups<W: Writer>(w: &mut W, s: &Summary, groups: &[GroupPart], level: usize) {
    for group in groups {
        w.heading(level, &group.name);
        w.begin_list(List::Notes);
        for note in &group.notes {
            note_item(w, s, note, None);
        }
        w.end_list(List::Notes);
    }
}

fn listed<W: Writer>(w: &mut W, s: &Summary, list: &[Listed]) {
    if list.is_empty() {
        w.paragraph(Para::Empty, s.text.none_yet);
        return;
    }
    w.begin_list(List::Notes);
    for entry in list {
        note_item(w, s, entry.note, Some(&entry.item));
    }
    w.end_list(List::Notes);
}

fn note_item<W: Writer>(w: &mut W, s: &Summary, note: &Note, item: Option<&str>) {
    // In the lists of decisions and parked questions (those with `item`) the heading says it.
    let marker = s
        .marker(note)
        .filter(|_| item.is_none() || matches!(note.kind, NoteKind::Action { .. }));
    let item = item.filter(|i| !i.is_empty());
    w.note(note, marker.as_ref(), item, &s.byline(note));
}
