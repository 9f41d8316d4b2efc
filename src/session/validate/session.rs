//! The rules of one session file (its id, track, clock time, dates, groups, length) and of one
//! structure file; the items of both are checked in `agenda`.

use std::collections::HashSet;

use super::super::parse::{Seg, clean};
use super::super::problem::{AgendaProblem, FileKind, Problem};
use super::super::source::{Entry, SessionFile, StructureFile};
use super::agenda::item_issues;
use super::links::check_links;
use super::times::{is_date, is_time};
use super::{Issue, LONG_MEETING_MINUTES, MAX_MEETING_MINUTES, SHORT_MEETING_MINUTES, check_id};

use Seg::{Field, Index};

/// The rules of one session file. `structure` finds the structures it includes by id;
/// `unreadable` says whether an id is that of a file that could not be read, whose own error
/// says what is wrong (the session is not told again that no structure has the id, nor that
/// it is short without it).
pub fn session_issues<'a>(
    s: &SessionFile,
    structure: impl Fn(&str) -> Option<&'a StructureFile>,
    unreadable: impl Fn(&str) -> bool,
) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&s.id, FileKind::Session, &mut out);
    if s.track.trim().is_empty() {
        out.push(Issue::error(&[Field("track")], Problem::TrackRefEmpty));
    }
    if s.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], Problem::TitleEmpty));
    }
    if !is_time(&s.start) {
        out.push(Issue::error(
            &[Field("start")],
            Problem::BadStart(clean(&s.start)),
        ));
    }
    if let Some(date) = &s.date
        && !is_date(date)
    {
        out.push(Issue::error(
            &[Field("date")],
            Problem::BadDate(clean(date)),
        ));
    }
    check_links(&s.prework, &mut out);

    let mut seen = HashSet::new();
    for (g, group) in s.groups.iter().enumerate() {
        let at = [Field("groups"), Index(g)];
        if group.trim().is_empty() {
            out.push(Issue::error(&at, Problem::GroupNoName(g + 1)));
        } else if !seen.insert(group.trim().to_lowercase()) {
            out.push(Issue::error(&at, Problem::GroupTwice(clean(group))));
        }
    }

    if s.agenda.is_empty() {
        out.push(Issue::error(&[Field("agenda")], Problem::AgendaEmpty));
    }
    let mut total = 0u64;
    let mut length_known = true;
    let mut phases = 0;
    // The phase being read and whether an item followed it.
    let mut open_phase: Option<(usize, &str, bool)> = None;
    let close_phase = |open: Option<(usize, &str, bool)>, out: &mut Vec<Issue>| {
        if let Some((i, title, false)) = open {
            out.push(Issue::warning(
                &[Field("agenda"), Index(i)],
                Problem::Agenda(AgendaProblem::PhaseNoItems(clean(title))),
            ));
        }
    };
    for (i, entry) in s.agenda.iter().enumerate() {
        if let (Entry::Item(_) | Entry::Include(_), Some(open)) = (entry, open_phase.as_mut()) {
            open.2 = true;
        }
        match entry {
            Entry::Item(item) => {
                total += u64::from(item.minutes);
                item_issues(item, i, Some(&s.groups), &mut out);
            }
            Entry::Include(id) => match structure(id) {
                // A structure read without some of its items: its length is not known.
                Some(_) if unreadable(id) => length_known = false,
                Some(found) => {
                    total += found
                        .agenda
                        .iter()
                        .map(|i| u64::from(i.minutes))
                        .sum::<u64>();
                }
                None if unreadable(id) => length_known = false,
                None => out.push(Issue::error(
                    &[Field("agenda"), Index(i)],
                    Problem::NoSuchStructure(clean(id)),
                )),
            },
            Entry::Phase(title) => {
                phases += 1;
                if title.trim().is_empty() {
                    out.push(Issue::error(
                        &[Field("agenda"), Index(i)],
                        Problem::Agenda(AgendaProblem::PhaseEmpty(phases)),
                    ));
                }
                close_phase(open_phase.take(), &mut out);
                open_phase = Some((i, title.as_str(), false));
            }
        }
    }
    close_phase(open_phase, &mut out);

    if !s.agenda.is_empty() && length_known {
        let at = [Field("agenda")];
        if total > MAX_MEETING_MINUTES {
            out.push(Issue::error(
                &at,
                Problem::MeetingTooLong {
                    total,
                    max: MAX_MEETING_MINUTES,
                },
            ));
        } else if total > LONG_MEETING_MINUTES {
            out.push(Issue::warning(
                &at,
                Problem::MeetingLong {
                    total,
                    max: LONG_MEETING_MINUTES,
                },
            ));
        } else if total < SHORT_MEETING_MINUTES {
            out.push(Issue::warning(
                &at,
                Problem::MeetingShort {
                    total,
                    min: SHORT_MEETING_MINUTES,
                },
            ));
        }
    }
    out
}

/// The rules of one structure file: its id, title and items. A structure has no clock time
/// and is no meeting, so its length is not checked against a meeting's.
pub fn structure_issues(s: &StructureFile) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&s.id, FileKind::Structure, &mut out);
    if s.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], Problem::TitleEmpty));
    }
    if s.agenda.is_empty() {
        out.push(Issue::error(&[Field("agenda")], Problem::AgendaEmpty));
    }
    for (i, item) in s.agenda.iter().enumerate() {
        item_issues(item, i, None, &mut out);
    }
    out
}
