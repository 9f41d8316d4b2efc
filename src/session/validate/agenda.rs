//! The rules of one agenda item and the steps it holds: kinds, timeboxes, group sizes, rounds
//! and turns, repeats and their `{n}`.

use super::super::parse::{Seg, clean};
use super::super::problem::{AgendaProblem, ItemName, Problem, StepName};
use super::super::source::{
    ItemFile, MAX_REPEAT, MAX_SEATS, REPEAT_MARK, SizeFile, StepFile, TurnsFile,
};
use super::super::{GroupSize, ItemKind};
use super::{Issue, MAX_TIMEBOX_MINUTES};

use Seg::{Field, Index};

/// The rules of agenda item `i`. `groups` are the session's breakout groups; `None` in a
/// structure, where they are not known yet.
pub(super) fn item_issues(
    item: &ItemFile,
    i: usize,
    groups: Option<&[String]>,
    out: &mut Vec<Issue>,
) {
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
    if let ItemKind::Talk { speaker, .. } = &item.kind
        && speaker.trim().is_empty()
    {
        out.push(Issue::error(
            &at(&[Field("kind"), Field("speaker")]),
            Problem::TalkNoSpeaker(name.clone()),
        ));
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
    size_issues(item.group_size, &at(&[Field("group_size")]), &name, out);

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
        size_issues(round.group_size, &rat(&[Field("group_size")]), &name, out);
        let size = round.size(item.group_size);
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
                // Each person of a group takes a turn: no more turns than the largest group.
                if let Some(most) = size.and_then(GroupSize::largest)
                    && *n > most
                {
                    out.push(Issue::error(
                        &rat(&[Field("turns")]),
                        Problem::Agenda(AgendaProblem::SeatsOverGroup {
                            item: name.clone(),
                            seats: *n,
                            size: size.unwrap_or(GroupSize::Whole),
                        }),
                    ));
                }
                (*n).min(MAX_SEATS) as usize
            }
            TurnsFile::EachPerson => match size.and_then(GroupSize::largest) {
                Some(most) => most.min(MAX_SEATS) as usize,
                None => {
                    out.push(Issue::error(
                        &rat(&[Field("turns")]),
                        Problem::Agenda(AgendaProblem::EachPersonNoSize(name.clone())),
                    ));
                    0
                }
            },
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

/// The rule of a group size written at `at`: a size from 1 to [`MAX_SEATS`], a range from
/// smaller to larger, or the whole group.
fn size_issues(size: Option<SizeFile>, at: &[Seg], name: &ItemName, out: &mut Vec<Issue>) {
    let bad = match size.map(SizeFile::size) {
        Some(GroupSize::Of(n)) => n == 0 || n > MAX_SEATS,
        Some(GroupSize::Between(a, b)) => a == 0 || b > MAX_SEATS || a >= b,
        Some(GroupSize::Whole) | None => false,
    };
    if bad {
        out.push(Issue::error(
            at,
            Problem::BadGroupSize {
                item: name.clone(),
                max: MAX_SEATS,
            },
        ));
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
            StepFile::Question {
                text,
                minutes,
                group_size,
            }
            | StepFile::Instruction {
                text,
                minutes,
                group_size,
            } => {
                size_issues(*group_size, &qat("group_size"), name, out);
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
            StepFile::Repeat {
                times,
                labels,
                steps,
            } => {
                if in_repeat {
                    out.push(Issue::error(
                        &at_index(at, q),
                        Problem::RepeatInRepeat(name.clone()),
                    ));
                }
                match (times, labels.is_empty()) {
                    (Some(_), false) | (None, true) => out.push(Issue::error(
                        &at_index(at, q),
                        Problem::Agenda(AgendaProblem::RepeatHow(name.clone())),
                    )),
                    (Some(times), true) if *times < 2 || *times > MAX_REPEAT => {
                        out.push(Issue::error(
                            &qat("times"),
                            Problem::RepeatTimes {
                                item: name.clone(),
                                times: *times,
                                max: MAX_REPEAT,
                            },
                        ))
                    }
                    _ => {}
                }
                if labels.len() > MAX_REPEAT as usize {
                    out.push(Issue::error(
                        &qat("labels"),
                        Problem::RepeatTimes {
                            item: name.clone(),
                            times: u32::try_from(labels.len()).unwrap_or(u32::MAX),
                            max: MAX_REPEAT,
                        },
                    ));
                }
                for (l, label) in labels.iter().enumerate() {
                    if label.trim().is_empty() {
                        let mut v = at.to_vec();
                        v.extend_from_slice(&[Index(q), Field("labels"), Index(l)]);
                        out.push(Issue::error(
                            &v,
                            Problem::Agenda(AgendaProblem::RepeatLabelEmpty {
                                item: name.clone(),
                                n: l + 1,
                            }),
                        ));
                    }
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
