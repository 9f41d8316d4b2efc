//! Validation of session and track files beyond their syntax: timeboxes that add up, real
//! times, dates and links, and names that are not empty or repeated.
//!
//! The rules of one file are here ([`session_issues`], [`track_issues`]); the rules across files
//! (duplicate ids, unknown tracks and meetings) are in `load`, which sees every file. A
//! [`Finding`] is one line, `path:line:col: message` or `path:line:col: warning: message`.

use std::collections::HashSet;
use std::fmt;

use super::parse::{Locator, Pos, Seg, quote};
use super::source::{
    Entry, ItemFile, MAX_REPEAT, MAX_SEATS, REPEAT_MARK, SessionFile, StepFile, StructureFile,
    TurnsFile,
};
use super::{GroupSize, ItemKind, Link, Track};

/// The longest timebox that makes sense: a question, an item or a turn.
pub const MAX_TIMEBOX_MINUTES: u64 = 180;
/// A meeting longer than this is an error.
pub const MAX_MEETING_MINUTES: u64 = 8 * 60;
/// A meeting longer than this is a warning.
pub const LONG_MEETING_MINUTES: u64 = 4 * 60;
/// A meeting shorter than this is a warning.
pub const SHORT_MEETING_MINUTES: u64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file (or folder) as the user named it, or `sessions/<id>.ron` for shipped files.
    pub path: String,
    pub pos: Option<Pos>,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Finding {
            path: path.into(),
            pos,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `path:line:col: message`, `path:line:col: warning: message`, or `path: message`; never
    /// with a control character in it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::cleaned_line(&self.path))?;
        if let Some(pos) = self.pos {
            write!(f, ":{pos}")?;
        }
        f.write_str(": ")?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&crate::text::cleaned_line(&self.message))
    }
}

/// A problem found in a parsed file, at a path in it that [`Locator`] turns into a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub at: Vec<Seg>,
    pub message: String,
}

impl Issue {
    pub fn error(at: &[Seg], message: String) -> Self {
        Issue {
            severity: Severity::Error,
            at: at.to_vec(),
            message,
        }
    }

    pub fn warning(at: &[Seg], message: String) -> Self {
        Issue {
            severity: Severity::Warning,
            at: at.to_vec(),
            message,
        }
    }
}

/// Places the issues of one file: at the value they are about, else at the file's `id`.
pub fn locate(path: &str, text: &str, issues: Vec<Issue>) -> Vec<Finding> {
    if issues.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(text);
    issues
        .into_iter()
        .map(|issue| {
            let pos = locator
                .locate(&issue.at)
                .or_else(|| locator.locate(&[Seg::Field("id")]))
                .or(Some(Pos::START));
            Finding {
                path: path.to_string(),
                pos,
                severity: issue.severity,
                message: issue.message,
            }
        })
        .collect()
}

use Seg::{Field, Index};

/// The rules of one session file. `structure` finds the structures it includes by id.
pub fn session_issues<'a>(
    s: &SessionFile,
    structure: impl Fn(&str) -> Option<&'a StructureFile>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&s.id, "session", &mut out);
    if s.track.trim().is_empty() {
        out.push(Issue::error(
            &[Field("track")],
            "the track is empty: name the id of the session's track".into(),
        ));
    }
    if s.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], "the title is empty".into()));
    }
    if !is_time(&s.start) {
        out.push(Issue::error(
            &[Field("start")],
            format!(
                "start {} is not a time as HH:MM, e.g. 09:00",
                quote(&s.start)
            ),
        ));
    }
    if let Some(date) = &s.date {
        if !is_date(date) {
            out.push(Issue::error(
                &[Field("date")],
                format!(
                    "date {} is not a real date as YYYY-MM-DD, e.g. 2020-09-17",
                    quote(date)
                ),
            ));
        }
    }
    check_links(&s.prework, &mut out);

    let mut seen = HashSet::new();
    for (g, group) in s.groups.iter().enumerate() {
        let at = [Field("groups"), Index(g)];
        if group.trim().is_empty() {
            out.push(Issue::error(&at, format!("group {} has no name", g + 1)));
        } else if !seen.insert(group.trim().to_lowercase()) {
            out.push(Issue::error(
                &at,
                format!("group {} is named twice", quote(group)),
            ));
        }
    }

    if s.agenda.is_empty() {
        out.push(Issue::error(
            &[Field("agenda")],
            "the agenda is empty".into(),
        ));
    }
    let mut total = 0u64;
    for (i, entry) in s.agenda.iter().enumerate() {
        match entry {
            Entry::Item(item) => {
                total += u64::from(item.minutes);
                item_issues(item, i, Some(&s.groups), &mut out);
            }
            Entry::Include(id) => match structure(id) {
                Some(found) => {
                    total += found
                        .agenda
                        .iter()
                        .map(|i| u64::from(i.minutes))
                        .sum::<u64>();
                }
                None => out.push(Issue::error(
                    &[Field("agenda"), Index(i)],
                    format!("no structure has id {}", quote(id)),
                )),
            },
        }
    }

    if !s.agenda.is_empty() {
        let at = [Field("agenda")];
        if total > MAX_MEETING_MINUTES {
            out.push(Issue::error(
                &at,
                format!(
                    "the items add up to {}, more than the {} a meeting can last",
                    hours(total),
                    hours(MAX_MEETING_MINUTES)
                ),
            ));
        } else if total > LONG_MEETING_MINUTES {
            out.push(Issue::warning(
                &at,
                format!(
                    "the items add up to {}, a long meeting (more than {})",
                    hours(total),
                    hours(LONG_MEETING_MINUTES)
                ),
            ));
        } else if total < SHORT_MEETING_MINUTES {
            out.push(Issue::warning(
                &at,
                format!(
                    "the items add up to only {total} min, a short meeting (less than {SHORT_MEETING_MINUTES} min)"
                ),
            ));
        }
    }
    out
}

/// The rules of one structure file: its id, title and items. A structure has no clock time
/// and is no meeting, so its length is not checked against a meeting's.
pub fn structure_issues(s: &StructureFile) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&s.id, "structure", &mut out);
    if s.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], "the title is empty".into()));
    }
    if s.agenda.is_empty() {
        out.push(Issue::error(
            &[Field("agenda")],
            "the agenda is empty".into(),
        ));
    }
    for (i, item) in s.agenda.iter().enumerate() {
        item_issues(item, i, None, &mut out);
    }
    out
}

/// The rules of agenda item `i`. `groups` are the session's breakout groups; `None` in a
/// structure, where they are not known yet.
fn item_issues(item: &ItemFile, i: usize, groups: Option<&[String]>, out: &mut Vec<Issue>) {
    let at = |rest: &[Seg]| -> Vec<Seg> {
        let mut v = vec![Field("agenda"), Index(i)];
        v.extend_from_slice(rest);
        v
    };
    let name = if item.title.trim().is_empty() {
        out.push(Issue::error(
            &at(&[Field("title")]),
            format!("item {} has no title", i + 1),
        ));
        format!("item {}", i + 1)
    } else {
        format!("item {}", quote(&item.title))
    };
    let minutes = u64::from(item.minutes);
    if minutes == 0 {
        out.push(Issue::error(
            &at(&[Field("minutes")]),
            format!("{name} has 0 minutes"),
        ));
    } else if minutes > MAX_TIMEBOX_MINUTES {
        out.push(Issue::error(
            &at(&[Field("minutes")]),
            format!("{name} has {minutes} minutes; an item can have at most {MAX_TIMEBOX_MINUTES}"),
        ));
    }
    if let ItemKind::Talk { speaker, .. } = &item.kind {
        if speaker.trim().is_empty() {
            out.push(Issue::error(
                &at(&[Field("kind"), Field("speaker")]),
                format!("{name} is a talk with no speaker"),
            ));
        }
    }
    if item
        .invitation
        .as_deref()
        .is_some_and(|s| s.trim().is_empty())
    {
        out.push(Issue::error(
            &at(&[Field("invitation")]),
            format!("the invitation of {name} is empty"),
        ));
    }
    if let Some(size) = item.group_size {
        let bad = match size {
            GroupSize::Of(n) => n == 0 || n > MAX_SEATS,
            GroupSize::Between(a, b) => a == 0 || b > MAX_SEATS || a >= b,
        };
        if bad {
            out.push(Issue::error(
                &at(&[Field("group_size")]),
                format!(
                    "the group size of {name} is not a size: write Of(3) for trios or Between(5, 7), from 1 to {MAX_SEATS}"
                ),
            ));
        }
    }

    let mut number = 0;
    steps_issues(
        &item.questions,
        &at(&[Field("questions")]),
        &name,
        false,
        &mut number,
        out,
    );
    let sum = item.step_minutes();
    if !item.questions.is_empty() {
        if sum > minutes {
            out.push(Issue::error(
                &at(&[Field("questions")]),
                format!("the questions of {name} add up to {sum} min, more than its {minutes} min"),
            ));
        } else if matches!(item.kind, ItemKind::Discussion | ItemKind::Breakout)
            && sum * 2 < minutes
        {
            out.push(Issue::warning(
                &at(&[Field("questions")]),
                format!(
                    "the questions of {name} add up to {sum} min, less than half of its {minutes} min"
                ),
            ));
        }
    }

    if let Some(round) = &item.round {
        let rat = |rest: &[Seg]| {
            let mut v = at(&[Field("round")]);
            v.extend_from_slice(rest);
            v
        };
        if !item.questions.is_empty() {
            out.push(Issue::error(
                &rat(&[]),
                format!(
                    "{name} has both questions and a round; the stage would show only the round"
                ),
            ));
        }
        let each = u64::from(round.minutes_each);
        if each == 0 {
            out.push(Issue::error(
                &rat(&[Field("minutes_each")]),
                format!("the round of {name} has 0 minutes for each turn"),
            ));
        } else if each > MAX_TIMEBOX_MINUTES {
            out.push(Issue::error(
                &rat(&[Field("minutes_each")]),
                format!(
                    "the round of {name} has {each} minutes for each turn; a turn can have at most {MAX_TIMEBOX_MINUTES}"
                ),
            ));
        }
        let turns = match &round.turns {
            TurnsFile::Groups => match groups {
                Some(groups) => {
                    if groups.is_empty() {
                        out.push(Issue::error(
                            &rat(&[Field("turns")]),
                            format!(
                                "the round of {name} goes through the groups, but the session has no groups"
                            ),
                        ));
                    }
                    groups.len()
                }
                // In a structure the groups are those of the meeting that includes it.
                None => 0,
            },
            TurnsFile::Names(names) => {
                if names.is_empty() {
                    out.push(Issue::error(
                        &rat(&[Field("turns")]),
                        format!("the round of {name} names nobody"),
                    ));
                }
                for (n, who) in names.iter().enumerate() {
                    if who.trim().is_empty() {
                        out.push(Issue::error(
                            &rat(&[Field("turns"), Index(0), Index(n)]),
                            format!("turn {} of the round of {name} has no name", n + 1),
                        ));
                    }
                }
                names.len()
            }
            TurnsFile::Seats(n) => {
                if *n == 0 || *n > MAX_SEATS {
                    out.push(Issue::error(
                        &rat(&[Field("turns")]),
                        format!(
                            "the round of {name} has {n} seats; a group can have 1 to {MAX_SEATS}"
                        ),
                    ));
                }
                (*n).min(MAX_SEATS) as usize
            }
        } as u64;
        let total = turns * each;
        if total > minutes {
            out.push(Issue::error(
                &rat(&[]),
                format!(
                    "the round of {name} takes {total} min ({turns} turns × {each} min), more than its {minutes} min"
                ),
            ));
        }
    }
}

/// The rules of a list of steps at `at`: texts, minutes, repeats and their `{n}`. `number`
/// counts the steps as the facilitator reads them (1-based, in the file's order).
fn steps_issues(
    steps: &[StepFile],
    at: &[Seg],
    name: &str,
    in_repeat: bool,
    number: &mut usize,
    out: &mut Vec<Issue>,
) {
    for (q, step) in steps.iter().enumerate() {
        let qat = |field| {
            let mut v = at.to_vec();
            v.extend_from_slice(&[Index(q), Field(field)]);
            v
        };
        match step {
            StepFile::Question { text, minutes } | StepFile::Instruction { text, minutes } => {
                *number += 1;
                let n = *number;
                let what = if matches!(step, StepFile::Question { .. }) {
                    "question"
                } else {
                    "instruction"
                };
                if text.trim().is_empty() {
                    out.push(Issue::error(
                        &qat("text"),
                        format!("{what} {n} of {name} is empty"),
                    ));
                }
                if !in_repeat && text.contains(REPEAT_MARK) {
                    out.push(Issue::error(
                        &qat("text"),
                        format!(
                            "{what} {n} of {name} has {REPEAT_MARK}, which only a step inside Repeat(…) can have"
                        ),
                    ));
                }
                let m = u64::from(*minutes);
                if m == 0 {
                    out.push(Issue::error(
                        &qat("minutes"),
                        format!("{what} {n} of {name} has 0 minutes"),
                    ));
                } else if m > MAX_TIMEBOX_MINUTES {
                    out.push(Issue::error(
                        &qat("minutes"),
                        format!(
                            "{what} {n} of {name} has {m} minutes; a {what} can have at most {MAX_TIMEBOX_MINUTES}"
                        ),
                    ));
                }
            }
            StepFile::Repeat { times, steps } => {
                if in_repeat {
                    out.push(Issue::error(
                        &at_index(at, q),
                        format!("{name} has a Repeat inside a Repeat; write the inner steps out"),
                    ));
                }
                if *times < 2 || *times > MAX_REPEAT {
                    out.push(Issue::error(
                        &qat("times"),
                        format!("a Repeat of {name} has times: {times}; write 2 to {MAX_REPEAT}"),
                    ));
                }
                if steps.is_empty() {
                    out.push(Issue::error(
                        &qat("steps"),
                        format!("a Repeat of {name} has no steps"),
                    ));
                }
                let mut inner = at.to_vec();
                inner.extend_from_slice(&[Index(q), Field("steps")]);
                steps_issues(steps, &inner, name, true, number, out);
            }
        }
    }
}

fn at_index(at: &[Seg], i: usize) -> Vec<Seg> {
    let mut v = at.to_vec();
    v.push(Index(i));
    v
}

/// The rules of one track file.
pub fn track_issues(t: &Track) -> Vec<Issue> {
    let mut out = Vec::new();
    check_id(&t.id, "track", &mut out);
    if t.title.trim().is_empty() {
        out.push(Issue::error(&[Field("title")], "the title is empty".into()));
    }
    for (g, goal) in t.goals.iter().enumerate() {
        if goal.trim().is_empty() {
            out.push(Issue::error(
                &[Field("goals"), Index(g)],
                format!("goal {} is empty", g + 1),
            ));
        }
    }
    check_links(&t.prework, &mut out);
    if t.meetings.is_empty() {
        out.push(Issue::error(
            &[Field("meetings")],
            "the track lists no meetings".into(),
        ));
    }
    let mut seen = HashSet::new();
    for (m, id) in t.meetings.iter().enumerate() {
        if !seen.insert(id.as_str()) {
            out.push(Issue::error(
                &[Field("meetings"), Index(m)],
                format!("meeting {} is listed twice", quote(id)),
            ));
        }
    }
    out
}

fn check_id(id: &str, what: &str, out: &mut Vec<Issue>) {
    let at = [Field("id")];
    if id.trim().is_empty() {
        out.push(Issue::error(&at, format!("the {what} id is empty")));
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        out.push(Issue::error(
            &at,
            format!(
                "id {} may only have letters, digits, \"-\", \"_\" and \".\" in it",
                quote(id)
            ),
        ));
    } else if what == "session" && id.chars().all(|c| c.is_ascii_digit()) {
        out.push(Issue::error(
            &at,
            format!(
                "id {} is a number; numbers name meetings by their place in the track",
                quote(id)
            ),
        ));
    }
}

fn check_links(links: &[Link], out: &mut Vec<Issue>) {
    for (l, link) in links.iter().enumerate() {
        if link.title.trim().is_empty() {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("title")],
                format!("link {} of the pre-work has no title", l + 1),
            ));
        }
        if !is_web_address(&link.url) {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("url")],
                format!(
                    "link {} is not a web address starting with https:// or http://",
                    quote(&link.url)
                ),
            ));
        }
    }
}

/// "2 h 30 min", "4 h", "45 min".
fn hours(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `HH:MM`, 00:00 to 23:59.
pub fn is_time(text: &str) -> bool {
    parse_time(text).is_some()
}

/// Minutes after midnight of an `HH:MM` time.
pub fn parse_time(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return None;
    }
    let h = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let m = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A real calendar date as `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// `http://host…` or `https://host…` with a plausible host name and no spaces.
pub fn is_web_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => host_port,
    };
    !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert!(is_time("09:00"));
        assert!(is_time("23:59"));
        assert!(!is_time("24:00"));
        assert!(!is_time("9:00"));
        assert!(!is_time("09:60"));
        assert!(!is_time("09.00"));
        assert!(!is_time("０9:00"));
        assert_eq!(parse_time("10:45"), Some(645));
    }

    #[test]
    fn dates() {
        assert!(is_date("2020-09-17"));
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2021-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(!is_date("2020-13-01"));
        assert!(!is_date("2020-04-31"));
        assert!(!is_date("2020-9-17"));
        assert!(!is_date("17/09/2020"));
    }

    #[test]
    fn web_addresses() {
        assert!(is_web_address("https://digiteket.se/"));
        assert!(is_web_address("https://digiteket.se"));
        assert!(is_web_address("http://localhost:8080/x?y#z"));
        assert!(!is_web_address("digiteket.se"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("https:///x"));
        assert!(!is_web_address("https://a b.se/"));
        assert!(!is_web_address("ftp://x.se/"));
        assert!(!is_web_address("https://x..se/"));
    }

    #[test]
    fn finding_lines() {
        let f = Finding::warning("a.ron", Some(Pos { line: 2, col: 3 }), "bad\nthing");
        assert_eq!(f.to_string(), "a.ron:2:3: warning: bad thing");
        let f = Finding::error("dir", None, "no session files");
        assert_eq!(f.to_string(), "dir: no session files");
    }

    #[test]
    fn hours_read_well() {
        assert_eq!(hours(45), "45 min");
        assert_eq!(hours(240), "4 h");
        assert_eq!(hours(270), "4 h 30 min");
    }
}
