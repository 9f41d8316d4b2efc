//! Validation of session and track files beyond their syntax: timeboxes that add up, real
//! times, dates and links, and names that are not empty or repeated.
//!
//! The rules of one file are here ([`session_issues`], [`track_issues`]); the rules across files
//! (duplicate ids, unknown tracks and meetings) are in `load`, which sees every file. A
//! [`Finding`] is one line, `path:line:col: message` or `path:line:col: warning: message`.

use std::collections::HashSet;
use std::fmt;

use crate::i18n::Lang;

use super::parse::{Locator, Pos, Seg, clean};
use super::problem::{FileKind, ItemName, Problem, StepName};
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
    /// Boxed: a problem is large, and a finding travels in `Result`s.
    pub message: Box<Problem>,
}

impl Finding {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: Problem) -> Self {
        Finding {
            path: path.into(),
            pos,
            severity: Severity::Error,
            message: Box::new(message),
        }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: Problem) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: message`, `path:line:col: warning: message`, or `path: message`, in a
    /// language; never with a control character in it.
    pub fn render(&self, lang: Lang) -> String {
        let text = lang.text();
        let mut line = crate::text::cleaned_line(&self.path).into_owned();
        if let Some(pos) = self.pos {
            line.push_str(&format!(":{pos}"));
        }
        line.push_str(": ");
        if self.severity == Severity::Warning {
            line.push_str(text.warning_prefix());
        }
        line.push_str(&crate::text::cleaned_line(&text.problem(&self.message)));
        line
    }
}

impl fmt::Display for Finding {
    /// In English; the commands render in the user's language ([`Finding::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A problem found in a parsed file, at a path in it that [`Locator`] turns into a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub at: Vec<Seg>,
    pub message: Problem,
}

impl Issue {
    pub fn error(at: &[Seg], message: Problem) -> Self {
        Issue {
            severity: Severity::Error,
            at: at.to_vec(),
            message,
        }
    }

    pub fn warning(at: &[Seg], message: Problem) -> Self {
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
                message: Box::new(issue.message),
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
    if let Some(date) = &s.date {
        if !is_date(date) {
            out.push(Issue::error(
                &[Field("date")],
                Problem::BadDate(clean(date)),
            ));
        }
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
                    Problem::NoSuchStructure(clean(id)),
                )),
            },
        }
    }

    if !s.agenda.is_empty() {
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
            Problem::ItemNoTitle(i + 1),
        ));
        ItemName::Numbered(i + 1)
    } else {
        ItemName::Titled(clean(&item.title))
    };
    let minutes = u64::from(item.minutes);
    if minutes == 0 {
        out.push(Issue::error(
            &at(&[Field("minutes")]),
            Problem::ItemZero(name.clone()),
        ));
    } else if minutes > MAX_TIMEBOX_MINUTES {
        out.push(Issue::error(
            &at(&[Field("minutes")]),
            Problem::ItemTooLong {
                item: name.clone(),
                minutes,
                max: MAX_TIMEBOX_MINUTES,
            },
        ));
    }
    if let ItemKind::Talk { speaker, .. } = &item.kind {
        if speaker.trim().is_empty() {
            out.push(Issue::error(
                &at(&[Field("kind"), Field("speaker")]),
                Problem::TalkNoSpeaker(name.clone()),
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
            Problem::InvitationEmpty(name.clone()),
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
                Problem::BadGroupSize {
                    item: name.clone(),
                    max: MAX_SEATS,
                },
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
                Problem::StepsOver {
                    item: name.clone(),
                    sum,
                    minutes,
                },
            ));
        } else if matches!(item.kind, ItemKind::Discussion | ItemKind::Breakout)
            && sum * 2 < minutes
        {
            out.push(Issue::warning(
                &at(&[Field("questions")]),
                Problem::StepsUnderHalf {
                    item: name.clone(),
                    sum,
                    minutes,
                },
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
                Problem::StepsAndRound(name.clone()),
            ));
        }
        let each = u64::from(round.minutes_each);
        if each == 0 {
            out.push(Issue::error(
                &rat(&[Field("minutes_each")]),
                Problem::RoundZero(name.clone()),
            ));
        } else if each > MAX_TIMEBOX_MINUTES {
            out.push(Issue::error(
                &rat(&[Field("minutes_each")]),
                Problem::RoundTurnTooLong {
                    item: name.clone(),
                    each,
                    max: MAX_TIMEBOX_MINUTES,
                },
            ));
        }
        let turns = match &round.turns {
            TurnsFile::Groups => match groups {
                Some(groups) => {
                    if groups.is_empty() {
                        out.push(Issue::error(
                            &rat(&[Field("turns")]),
                            Problem::RoundNoGroups(name.clone()),
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
                        Problem::RoundNobody(name.clone()),
                    ));
                }
                for (n, who) in names.iter().enumerate() {
                    if who.trim().is_empty() {
                        out.push(Issue::error(
                            &rat(&[Field("turns"), Index(0), Index(n)]),
                            Problem::TurnNoName {
                                item: name.clone(),
                                n: n + 1,
                            },
                        ));
                    }
                }
                names.len()
            }
            TurnsFile::Seats(n) => {
                if *n == 0 || *n > MAX_SEATS {
                    out.push(Issue::error(
                        &rat(&[Field("turns")]),
                        Problem::RoundSeats {
                            item: name.clone(),
                            n: *n,
                            max: MAX_SEATS,
                        },
                    ));
                }
                (*n).min(MAX_SEATS) as usize
            }
        } as u64;
        let total = turns * each;
        if total > minutes {
            out.push(Issue::error(
                &rat(&[]),
                Problem::RoundOver {
                    item: name.clone(),
                    total,
                    turns,
                    each,
                    minutes,
                },
            ));
        }
    }
}

/// The rules of a list of steps at `at`: texts, minutes, repeats and their `{n}`. `number`
/// counts the steps as the facilitator reads them (1-based, in the file's order).
fn steps_issues(
    steps: &[StepFile],
    at: &[Seg],
    name: &ItemName,
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
                let what = StepName {
                    question: matches!(step, StepFile::Question { .. }),
                    n,
                };
                if text.trim().is_empty() {
                    out.push(Issue::error(
                        &qat("text"),
                        Problem::StepEmpty {
                            step: what,
                            item: name.clone(),
                        },
                    ));
                }
                if !in_repeat && text.contains(REPEAT_MARK) {
                    out.push(Issue::error(
                        &qat("text"),
                        Problem::StepRepeatMark {
                            step: what,
                            item: name.clone(),
                            mark: REPEAT_MARK,
                        },
                    ));
                }
                let m = u64::from(*minutes);
                if m == 0 {
                    out.push(Issue::error(
                        &qat("minutes"),
                        Problem::StepZero {
                            step: what,
                            item: name.clone(),
                        },
                    ));
                } else if m > MAX_TIMEBOX_MINUTES {
                    out.push(Issue::error(
                        &qat("minutes"),
                        Problem::StepTooLong {
                            step: what,
                            item: name.clone(),
                            minutes: m,
                            max: MAX_TIMEBOX_MINUTES,
                        },
                    ));
                }
            }
            StepFile::Repeat { times, steps } => {
                if in_repeat {
                    out.push(Issue::error(
                        &at_index(at, q),
                        Problem::RepeatInRepeat(name.clone()),
                    ));
                }
                if *times < 2 || *times > MAX_REPEAT {
                    out.push(Issue::error(
                        &qat("times"),
                        Problem::RepeatTimes {
                            item: name.clone(),
                            times: *times,
                            max: MAX_REPEAT,
                        },
                    ));
                }
                if steps.is_empty() {
                    out.push(Issue::error(
                        &qat("steps"),
                        Problem::RepeatNoSteps(name.clone()),
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

fn check_id(id: &str, what: FileKind, out: &mut Vec<Issue>) {
    let at = [Field("id")];
    if id.trim().is_empty() {
        out.push(Issue::error(&at, Problem::IdEmpty(what)));
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        out.push(Issue::error(&at, Problem::IdChars(clean(id))));
    } else if what == FileKind::Session && id.chars().all(|c| c.is_ascii_digit()) {
        out.push(Issue::error(&at, Problem::IdNumber(clean(id))));
    }
}

fn check_links(links: &[Link], out: &mut Vec<Issue>) {
    for (l, link) in links.iter().enumerate() {
        if link.title.trim().is_empty() {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("title")],
                Problem::LinkNoTitle(l + 1),
            ));
        }
        if !is_web_address(&link.url) {
            out.push(Issue::error(
                &[Field("prework"), Index(l), Field("url")],
                Problem::LinkNotWeb(clean(&link.url)),
            ));
        }
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
        let f = Finding::warning(
            "a\n.ron",
            Some(Pos { line: 2, col: 3 }),
            Problem::GroupTwice("A".into()),
        );
        assert_eq!(
            f.to_string(),
            "a .ron:2:3: warning: group \"A\" is named twice"
        );
        assert_eq!(
            f.render(Lang::Sv),
            "a .ron:2:3: varning: gruppen ”A” står två gånger"
        );
        let f = Finding::error("dir", None, Problem::NoSessionFiles);
        assert_eq!(
            f.to_string(),
            "dir: no session files (*.ron) in this folder"
        );
    }

    #[test]
    fn hours_read_well() {
        let long = |total| Problem::MeetingLong { total, max: 240 };
        assert_eq!(
            long(270).to_string(),
            "the items add up to 4 h 30 min, a long meeting (more than 4 h)"
        );
        assert_eq!(
            long(300).render(Lang::Sv),
            "punkterna tar sammanlagt 5 tim, en lång träff (mer än 4 tim)"
        );
    }
}
