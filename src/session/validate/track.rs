//! The rules of one track file: its id, title, goals, pre-work and the meetings it lists.

use std::collections::HashSet;

use super::super::Track;
use super::super::parse::{Seg, clean};
use super::super::problem::{FileKind, Problem};
use super::links::check_links;
use super::{Issue, check_id};

use Seg::{Field, Index};

/// The rules of one track file.
pub fn track_issues(t: &Track) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&t.id, FileKind::Track, &mut out);
    if t.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], Problem::TitleEmpty));
    }
    for (g, goal) in t.goals.iter().enumerate() {
        if goal.trim().is_empty() {
            out.push(Issue::error(
                &[Field("goals"), Index(g)],
                Problem::GoalEmpty(g + 1),
            ));
        }
    }
    check_links(&t.prework, &mut out);
    if t.meetings.is_empty() {
        out.push(Issue::error(&[Field("meetings")], Problem::NoMeetings));
    }
    let mut seen = HashSet::new();
    for (m, id) in t.meetings.iter().enumerate() {
        if !seen.insert(id.as_str()) {
            out.push(Issue::error(
                &[Field("meetings"), Index(m)],
                Problem::MeetingTwice(clean(id)),
            ));
        }
    }
    out
}
