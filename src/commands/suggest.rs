//! `spar check --suggest [SESSION]`: suggested timeboxes from the runs so far, printed as
//! changes to the session file (see `run::catalog::time_spent`): the median actual in whole
//! minutes of each item and question that differs from its plan.
//!
//! ```text
//! sessions/kickoff.ron · Kick off · median av 2 genomföranden
//!   Item(title: "Välkommen")
//! -     minutes: 10,
//! +     minutes: 12, // över i 2 av 2
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

use super::list::write_out;
use super::{catalog, data_dir, store_error};
use crate::cli::Global;
use crate::i18n::{Lang, Text};
use crate::run::catalog::TrackView;
use crate::run::catalog::time_spent::{MeetingTime, TimeReport, TimeRow};
use crate::session::load::{Catalog, Origin};
use crate::text::clean_line;
use crate::tui::event_loop::now_ms;

pub fn run(global: &Global, session: &str) -> anyhow::Result<ExitCode> {
    let catalog = catalog(global)?;
    let data = data_dir(global)?;
    let text = Lang::resolve(global.lang).text();
    // A named session that is not there is bad input, whether or not it has runs.
    let only = match session {
        "" => None,
        name => Some(catalog.find(name)?.id.clone()),
    };
    let view = TrackView::load(&data, &catalog, now_ms()).map_err(store_error)?;
    let report = TimeReport::of(&view, now_ms());
    let mut out = String::new();
    let meetings: Vec<&MeetingTime> = report
        .meetings
        .iter()
        .filter(|m| only.as_ref().is_none_or(|id| *id == m.session))
        .collect();
    for meeting in &meetings {
        out.push_str(&changes(&catalog, text, meeting));
    }
    if out.is_empty() {
        let name = only.as_deref().unwrap_or("spar");
        out = format!("{}\n", text.no_suggestions(name));
    }
    write_out(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// One meeting's suggestions as changes to its session file; empty when nothing would change.
pub fn changes(catalog: &Catalog, text: &Text, meeting: &MeetingTime) -> String {
    let file = match catalog.origin(&meeting.session) {
        Some(Origin::File(path)) => path.display().to_string(),
        _ => format!("sessions/{}.ron", meeting.session),
    };
    let mut body = String::new();
    for item in meeting.rows.iter().filter(|r| r.question.is_none()) {
        let questions: Vec<&TimeRow> = meeting
            .rows
            .iter()
            .filter(|r| r.item == item.item && r.question.is_some())
            .collect();
        let mut lines = String::new();
        if questions.is_empty() {
            if let Some(suggested) = item.suggested().filter(|&m| m != item.planned) {
                change(&mut lines, text, item, suggested, "    ");
            }
        } else {
            // An item with questions changes by as much as its questions do together.
            let mut total = item.planned;
            for q in &questions {
                let suggested = q.suggested().unwrap_or(q.planned);
                total += suggested - q.planned;
                if suggested != q.planned {
                    let _ = writeln!(lines, "    Question(text: {:?})", clean_line(&q.title));
                    change(&mut lines, text, q, suggested, "        ");
                }
            }
            if total != item.planned {
                let _ = writeln!(
                    lines,
                    "-    minutes: {},\n+    minutes: {total},",
                    item.planned
                );
            }
        }
        if !lines.is_empty() {
            let _ = writeln!(body, "  Item(title: {:?})", clean_line(&item.title));
            body.push_str(&lines);
        }
    }
    if body.is_empty() {
        return String::new();
    }
    format!(
        "{file} · {} · {}\n{body}\n",
        clean_line(&meeting.title),
        text.from_runs(meeting.runs),
    )
}

/// `-    minutes: 30,` / `+    minutes: 38, // median av 2 genomföranden, över i 2 av 2`.
fn change(out: &mut String, text: &Text, row: &TimeRow, suggested: i64, indent: &str) {
    let why = text.suggestion_why(row.actual.len(), row.over_in());
    let _ = writeln!(
        out,
        "-{indent}minutes: {},\n+{indent}minutes: {suggested}, // {why}",
        row.planned
    );
}
