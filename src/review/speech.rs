//! The review said in plain lines, for a screen reader (`--screen-reader`): the same model as the
//! drawn review ([`Review`]), another view of it. The runs are said numbered; a number reads that
//! run's summary (the export's text, its markup left out); `a` lists every action item, `d` and a
//! number marks one done or open again; `/` and words search. The edge prints the lines.

use super::app::{Effect, Review, Screen};
use super::keys::Action;
use super::view::meeting_title;
use crate::export::{RunDoc, markdown};
use crate::run::catalog::Target;
use crate::run::{Millis, NoteKind};
use crate::text::clean_line;

/// What the listener typed last and the answers waiting to be said.
#[derive(Default)]
pub struct ReviewSpeech {
    opened: bool,
    last: Option<String>,
    answers: Vec<String>,
    /// The save error last said.
    said_error: Option<String>,
}

impl ReviewSpeech {
    /// The lines to say now: the first lines, a save failing (or working again), the answers.
    pub fn speak(&mut self, review: &Review) -> Vec<String> {
        let text = review.ctx.text();
        let mut lines = Vec::new();
        if !std::mem::replace(&mut self.opened, true) {
            lines.push(text.said_review_welcome(review.view.runs.len()));
            lines.extend(runs(review));
        }
        if review.save_error != self.said_error {
            match &review.save_error {
                Some(why) => lines.push(text.said_save_failing(why)),
                None => lines.push(text.said_saved_again().to_string()),
            }
            self.said_error = review.save_error.clone();
        }
        lines.append(&mut self.answers);
        if let Some(last) = lines.last() {
            self.last = Some(last.clone());
        }
        lines
    }

    /// A typed line: a command, a run's number, or a search.
    pub fn on_line(&mut self, review: &mut Review, line: &str, now: Millis) -> Vec<Effect> {
        let text = review.ctx.text();
        let typed = line.trim();
        if let Some(words) = typed.strip_prefix('/') {
            self.answers.extend(search(review, words.trim()));
            return Vec::new();
        }
        if let Some(n) = typed
            .strip_prefix('d')
            .and_then(|n| n.trim().parse::<usize>().ok())
        {
            return self.toggle(review, n);
        }
        match typed {
            "" => {}
            "q" => return vec![Effect::Quit],
            "?" => self.answers.extend(text.said_review_keys()),
            "r" => self.answers.extend(self.last.clone()),
            "l" => self.answers.extend(runs(review)),
            "a" => self.answers.extend(actions(review)),
            _ => match typed.parse::<usize>() {
                Ok(n) if (1..=review.view.runs.len()).contains(&n) => {
                    review.open_run(n - 1);
                    self.answers.extend(summary(review, n - 1, now));
                }
                _ => self.answers.push(text.said_not_a_key(typed)),
            },
        }
        Vec::new()
    }

    /// `d N`: action item N done, or open again.
    fn toggle(&mut self, review: &mut Review, n: usize) -> Vec<Effect> {
        let text = review.ctx.text();
        if !(1..=review.actions.len()).contains(&n) {
            self.answers.push(text.said_not_a_key(&format!("d {n}")));
            return Vec::new();
        }
        review.screen = Screen::Actions;
        review.action = n - 1;
        let effects = review.update(Action::ToggleDone);
        for effect in &effects {
            if let Effect::SetDone { done, .. } = effect {
                let state = if *done {
                    text.action_done
                } else {
                    text.action_open
                };
                self.answers.push(format!("{n}: {state}."));
            }
        }
        effects
    }
}

/// "1: 1 Kick off, 2020-09-17 09:01, avslutad, 12 anteckningar".
fn runs(review: &Review) -> Vec<String> {
    let text = review.ctx.text();
    let tz = &review.ctx.tz;
    review
        .view
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            clean_line(&format!(
                "{}: {}, {} {}, {}, {}",
                i + 1,
                meeting_title(run),
                crate::ui::clock::iso_date(run.began(), tz),
                crate::ui::clock::hh_mm(run.began(), tz),
                text.run_state(run.status),
                text.notes_count(run.note_count()),
            ))
        })
        .collect()
}

/// A run's summary as the export writes it, in plain lines: headings without their marks, a
/// table's rows as its cells separated by commas, no emphasis marks.
fn summary(review: &Review, run: usize, now: Millis) -> Vec<String> {
    let Some(saved) = review.view.runs.get(run) else {
        return Vec::new();
    };
    let doc = RunDoc::of(&saved.header, &saved.state, now);
    plain_lines(&markdown(&doc, review.ctx.lang, &review.ctx.tz))
}

/// Markdown as a screen reader should hear it.
fn plain_lines(md: &str) -> Vec<String> {
    let unmark = |s: &str| {
        // Emphasis: "**Total**", "*Anna, 22:13*" beside a note.
        let s = s.replace("**", "").replace(" *", " ").replace("* ", " ");
        let s = s.trim().trim_matches('*');
        let s = s
            .strip_prefix('_')
            .and_then(|s| s.strip_suffix('_'))
            .unwrap_or(s);
        s.replace(['<', '>'], "")
    };
    md.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter(|l| !l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
        .map(|l| {
            if l.starts_with('|') {
                let cells: Vec<String> = l
                    .trim_matches('|')
                    .split('|')
                    .map(unmark)
                    .filter(|c| !c.is_empty())
                    .collect();
                cells.join(", ")
            } else {
                unmark(l.trim_start_matches('#'))
            }
        })
        .map(|l| clean_line(&l))
        .collect()
}

/// Every action item of the track, numbered for `d`.
fn actions(review: &Review) -> Vec<String> {
    let text = review.ctx.text();
    if review.actions.is_empty() {
        return vec![text.said_no_actions().to_string()];
    }
    review
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let note = review.view.note(*r)?;
            let state = if note.done {
                text.action_done
            } else {
                text.action_open
            };
            let mut line = format!("{}: {state}, {}", i + 1, note.text);
            if let NoteKind::Action { owner, due } = &note.kind {
                line.push_str(&format!(", {}: {owner}", text.owner));
                if let Some(due) = due.as_deref().filter(|d| !d.is_empty()) {
                    line.push_str(&format!(", {}", text.due_on(due)));
                }
            }
            line.push_str(&format!(", {}", meeting_title(&review.view.runs[r.run])));
            Some(clean_line(&line))
        })
        .collect()
}

/// `/words`: every note and agenda text that holds them.
fn search(review: &mut Review, words: &str) -> Vec<String> {
    let text = review.ctx.text();
    review.update(Action::Search);
    review.update(Action::ClearQuery);
    review.on_paste(words);
    let mut lines = vec![text.results(review.hits.len())];
    for hit in &review.hits {
        let Some(run) = review.view.runs.get(hit.run) else {
            continue;
        };
        let said = match hit.target {
            Target::Note(i) => run
                .state
                .notes
                .get(i)
                .map(|n| format!("{}: {}", n.by, n.text)),
            Target::Place(place) => run.session().agenda.get(place.item).map(|item| {
                let steps = run.session().steps(place.item);
                match steps.get(place.step) {
                    Some(crate::session::Step::Question(q)) => q.text.clone(),
                    _ => item.title.clone(),
                }
            }),
        };
        if let Some(said) = said {
            lines.push(clean_line(&format!("{}: {said}", meeting_title(run))));
        }
    }
    review.update(Action::Back);
    lines
}

#[cfg(test)]
mod tests {
    use super::plain_lines;

    #[test]
    fn markdown_is_said_without_its_marks() {
        let md = "# Kick off — 2020-09-17\n\n## Agenda\n\n| Start | Item |\n| --- | ---: |\n| 09:00 | Welcome · Välkomna |\n| | _Vad väckte föredraget?_ | 6 min |\n| | **Total** | **180 min** |\n- Digiteket: <https://digiteket.se/>\n- Hej — *Anna, 22:13*\n";
        assert_eq!(
            plain_lines(md),
            vec![
                "Kick off — 2020-09-17",
                "Agenda",
                "Start, Item",
                "09:00, Welcome · Välkomna",
                "Vad väckte föredraget?, 6 min",
                "Total, 180 min",
                "- Digiteket: https://digiteket.se/",
                "- Hej — Anna, 22:13",
            ]
        );
    }
}
