//! Where the time went: per meeting, per agenda item and per question, the planned minutes
//! beside the actual ones of every run that counts toward the statistics; the items that ran over
//! in most of them flagged; a suggested timebox, the median actual in whole minutes.
//!
//! A run counts toward the statistics when it is not discarded and it ended; a meeting with no
//! ended run gives its run that counts (see [`super::counted`]). A session held in several
//! terms (or rehearsed and held) thus has several runs to take the median of.

use std::collections::BTreeMap;

use super::{SavedRun, TrackView};
use crate::run::status::RunStatus;
use crate::run::{Millis, Place};
use crate::session::Session;

/// The statistics of every meeting with a run, in track order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeReport {
    pub meetings: Vec<MeetingTime>,
}

/// One meeting's items and questions over its runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingTime {
    pub session: String,
    pub title: String,
    /// The 1-based place in the track, if in it.
    pub meeting: Option<usize>,
    /// How many runs the figures come from.
    pub runs: usize,
    pub rows: Vec<TimeRow>,
}

/// An agenda item, or one of its questions (`question`: its index), planned against actual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRow {
    pub item: usize,
    pub question: Option<usize>,
    pub title: String,
    /// Planned minutes.
    pub planned: i64,
    /// What each run that held it spent on it, in milliseconds (runs that did not get to it
    /// are left out).
    pub actual: Vec<Millis>,
}

/// What one run spent: per item, and per question of each item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spent {
    pub items: Vec<Millis>,
    pub questions: Vec<Vec<Millis>>,
}

impl Spent {
    /// What `run` spent, as of `now` (a run in progress counts up to it).
    pub fn of(run: &SavedRun, now: Millis) -> Spent {
        let state = &run.state;
        let session = &state.session;
        Spent {
            items: (0..session.agenda.len())
                .map(|i| state.spent_ms(i, now))
                .collect(),
            questions: session
                .agenda
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
}

/// Minutes from milliseconds, to the nearest whole minute.
pub fn whole_minutes(ms: Millis) -> i64 {
    ms.saturating_add(30_000).div_euclid(60_000)
}

impl TimeRow {
    /// The median of the actual times (of the two middle ones, their mean).
    pub fn median(&self) -> Option<Millis> {
        let mut sorted = self.actual.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(sorted[n / 2]),
            _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
        }
    }

    /// The suggested timebox: the median actual in whole minutes, at least one.
    pub fn suggested(&self) -> Option<i64> {
        self.median().map(|m| whole_minutes(m).max(1))
    }

    /// In how many runs it took more whole minutes than planned.
    pub fn over_in(&self) -> usize {
        self.actual
            .iter()
            .filter(|&&ms| whole_minutes(ms) > self.planned)
            .count()
    }

    /// It ran over in most of the runs that held it.
    pub fn flagged(&self) -> bool {
        !self.actual.is_empty() && self.over_in() * 2 > self.actual.len()
    }
}

impl MeetingTime {
    /// The longest planned or actual (median) minutes of a row: what a bar of full width
    /// stands for.
    pub fn longest(&self) -> i64 {
        self.rows
            .iter()
            .map(|r| r.planned.max(r.median().map_or(0, whole_minutes)))
            .max()
            .unwrap_or(0)
            .max(1)
    }

    /// A row's bar in `width` cells, scaled to [`longest`](Self::longest): the actual (median)
    /// minutes within the plan, the plan left unused, and the overrun.
    pub fn bar(&self, row: &TimeRow, width: usize) -> (usize, usize, usize) {
        let longest = self.longest();
        let cells = |minutes: i64| -> usize {
            usize::try_from((minutes * width as i64 + longest / 2) / longest).unwrap_or(0)
        };
        let used = row.median().map_or(0, whole_minutes);
        let within = cells(used.min(row.planned));
        (
            within,
            cells(row.planned).saturating_sub(within),
            cells(used).saturating_sub(cells(row.planned)),
        )
    }

    /// The rows of `session` from what each of its runs spent. A run's figures count where its
    /// item (and question) has the same title as the session's: a run of an older version of
    /// the session adds only to what it had alike.
    pub fn new(session: &Session, meeting: Option<usize>, runs: &[(&Session, Spent)]) -> Self {
        let mut rows = Vec::new();
        for (i, item) in session.agenda.iter().enumerate() {
            let alike = |s: &Session| s.agenda.get(i).is_some_and(|x| x.title == item.title);
            rows.push(TimeRow {
                item: i,
                question: None,
                title: item.title.clone(),
                planned: i64::from(item.minutes),
                actual: runs
                    .iter()
                    .filter(|(s, _)| alike(s))
                    .map(|(_, spent)| spent.items.get(i).copied().unwrap_or(0))
                    .filter(|&ms| ms > 0)
                    .collect(),
            });
            for (q, question) in item.questions.iter().enumerate() {
                let same = |s: &Session| {
                    alike(s)
                        && s.agenda[i]
                            .questions
                            .get(q)
                            .is_some_and(|x| x.text == question.text)
                };
                rows.push(TimeRow {
                    item: i,
                    question: Some(q),
                    title: question.text.clone(),
                    planned: i64::from(question.minutes),
                    actual: runs
                        .iter()
                        .filter(|(s, _)| same(s))
                        .filter_map(|(_, spent)| spent.questions.get(i)?.get(q).copied())
                        .filter(|&ms| ms > 0)
                        .collect(),
                });
            }
        }
        MeetingTime {
            session: session.id.clone(),
            title: session.title.clone(),
            meeting,
            runs: runs.len(),
            rows,
        }
    }
}

impl TimeReport {
    /// Every meeting with a run that counts, in track order, from the runs that count toward
    /// the statistics.
    pub fn of(view: &TrackView, now: Millis) -> TimeReport {
        let mut by_session: BTreeMap<&str, Vec<&SavedRun>> = BTreeMap::new();
        for run in view.runs.iter().filter(|r| !r.discarded) {
            by_session
                .entry(run.header.session.id.as_str())
                .or_default()
                .push(run);
        }
        let mut meetings = Vec::new();
        // `view.runs` is in track order: each meeting where its run that counts stands.
        for counted in view.runs.iter().filter(|r| r.counts) {
            let runs = &by_session[counted.header.session.id.as_str()];
            let ended: Vec<&SavedRun> = runs
                .iter()
                .copied()
                .filter(|r| r.status == RunStatus::Ended)
                .collect();
            let sample = if ended.is_empty() {
                vec![counted]
            } else {
                ended
            };
            let spent: Vec<(&Session, Spent)> = sample
                .iter()
                .map(|r| (r.session(), Spent::of(r, now)))
                .collect();
            meetings.push(MeetingTime::new(counted.session(), counted.meeting, &spent));
        }
        TimeReport { meetings }
    }

    /// The meeting of this session.
    pub fn meeting(&self, session: &str) -> Option<&MeetingTime> {
        self.meetings.iter().find(|m| m.session == session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;

    fn session() -> Session {
        crate::session::parse::parse_session(
            r#"Session(id: "s", track: "t", title: "S", start: "09:00", agenda: [
                Item(kind: Welcome, title: "Välkommen", minutes: 10),
                Item(kind: Discussion, title: "Samtal", minutes: 30, questions: [
                    Question(text: "Vad tar du med dig?", minutes: 15),
                    Question(text: "Och sen?", minutes: 15),
                ]),
            ])"#,
        )
        .expect("the test session parses")
    }

    fn spent(items: [Millis; 2], questions: [Millis; 2]) -> Spent {
        Spent {
            items: items.to_vec(),
            questions: vec![Vec::new(), questions.to_vec()],
        }
    }

    #[test]
    fn planned_against_actual_with_the_median_and_overruns() {
        let s = session();
        let runs = [
            (&s, spent([12 * MIN, 38 * MIN], [20 * MIN, 18 * MIN])),
            (&s, spent([9 * MIN, 31 * MIN], [17 * MIN, 14 * MIN])),
            (&s, spent([10 * MIN, 29 * MIN], [14 * MIN, 15 * MIN])),
        ];
        let m = MeetingTime::new(&s, Some(1), &runs);
        assert_eq!(m.runs, 3);
        let titles: Vec<(&str, Option<usize>)> = m
            .rows
            .iter()
            .map(|r| (r.title.as_str(), r.question))
            .collect();
        assert_eq!(
            titles,
            [
                ("Välkommen", None),
                ("Samtal", None),
                ("Vad tar du med dig?", Some(0)),
                ("Och sen?", Some(1)),
            ]
        );
        let welcome = &m.rows[0];
        assert_eq!(welcome.median(), Some(10 * MIN));
        assert_eq!(welcome.suggested(), Some(10));
        assert_eq!(welcome.over_in(), 1);
        assert!(!welcome.flagged(), "over in one run of three");
        let talk = &m.rows[1];
        assert_eq!(talk.suggested(), Some(31));
        assert_eq!(talk.over_in(), 2);
        assert!(talk.flagged(), "over in two runs of three");
        let first = &m.rows[2];
        assert_eq!(first.suggested(), Some(17));
        assert!(first.flagged());
        assert!(!m.rows[3].flagged(), "18, 14 and 15 of 15: over once");
    }

    #[test]
    fn an_even_number_of_runs_takes_the_mean_of_the_middle_two_and_rounds() {
        let s = session();
        let runs = [
            (&s, spent([10 * MIN + 20_000, 0], [0, 0])),
            (&s, spent([11 * MIN + 50_000, 0], [0, 0])),
        ];
        let m = MeetingTime::new(&s, None, &runs);
        // (10:20 + 11:50) / 2 = 11:05: 11 minutes.
        assert_eq!(m.rows[0].suggested(), Some(11));
        // Runs that never got to the talk give it nothing to say.
        assert_eq!(m.rows[1].median(), None);
        assert_eq!(m.rows[1].suggested(), None);
        assert!(!m.rows[1].flagged());
    }

    #[test]
    fn a_run_of_another_version_adds_only_what_it_had_alike() {
        let s = session();
        let mut old = session();
        old.agenda[1].title = "Samtal efter föredraget".into();
        let runs = [
            (&s, spent([10 * MIN, 40 * MIN], [20 * MIN, 20 * MIN])),
            (&old, spent([20 * MIN, 10 * MIN], [5 * MIN, 5 * MIN])),
        ];
        let m = MeetingTime::new(&s, None, &runs);
        assert_eq!(m.rows[0].actual.len(), 2);
        assert_eq!(m.rows[1].actual, [40 * MIN]);
        assert_eq!(m.rows[2].actual, [20 * MIN]);
        // A few seconds make no suggestion of zero minutes.
        let short = [(&s, spent([5_000, 0], [0, 0]))];
        assert_eq!(
            MeetingTime::new(&s, None, &short).rows[0].suggested(),
            Some(1)
        );
    }
}
