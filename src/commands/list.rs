//! `spar list`: every track with its meetings in order, as plain aligned text.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Global;
use crate::i18n::{Lang, Text};
use crate::session::Session;
use crate::session::load::{Catalog, load_catalog};
use crate::session::validate::parse_time;

pub fn run(global: &Global) -> anyhow::Result<ExitCode> {
    let catalog = load_catalog(&global.sessions)?;
    let text = Lang::resolve(global.lang).text();
    write_out(&render(&catalog, text))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output; a closed pipe (`spar list | head -1`) is not an error.
pub(crate) fn write_out(out: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Every track: its title and id, then one row per meeting: place, id, term, date, planned
/// start and end, length and title. Then the sessions of no track, without places. The title
/// comes last so that a long one wraps without breaking the columns.
pub fn render(catalog: &Catalog, text: &Text) -> String {
    let mut out = String::new();
    for (track, _) in &catalog.tracks {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({})\n\n",
            clean(&track.title),
            clean(&track.id)
        ));
        let meetings = catalog.meetings_of(&track.id);
        let rows = meetings
            .iter()
            .enumerate()
            .map(|(i, s)| row(Some(i + 1), s, text));
        out.push_str(&table(rows, text));
    }
    let others: Vec<&Session> = catalog.others().collect();
    if !others.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(text.list_other_sessions);
        out.push_str("\n\n");
        out.push_str(&table(others.iter().map(|s| row(None, s, text)), text));
    }
    out
}

/// One meeting's row: place, id, term, date, time, length, title.
fn row(place: Option<usize>, s: &Session, text: &Text) -> [String; 7] {
    let minutes: u64 = s.agenda.iter().map(|i| u64::from(i.minutes)).sum();
    let time = match parse_time(&s.start) {
        Some(start) => {
            let end = (u64::from(start) + minutes) % (24 * 60);
            format!("{}–{:02}:{:02}", s.start, end / 60, end % 60)
        }
        None => clean(&s.start),
    };
    [
        place.map_or(String::new(), |n| n.to_string()),
        clean(&s.id),
        clean(&s.term),
        s.date.as_deref().map_or(String::new(), clean),
        time,
        text.minutes(i64::try_from(minutes).unwrap_or(i64::MAX)),
        clean(&s.title),
    ]
}

/// The rows under a heading row, aligned: numbers right, words left. A column that is empty in
/// every row (no meeting has a term, or a date) is left out.
fn table(rows: impl Iterator<Item = [String; 7]>, text: &Text) -> String {
    let heading = [
        text.list_number,
        text.list_id,
        text.list_term,
        text.list_date,
        text.list_time,
        text.list_length,
        text.list_meeting,
    ]
    .map(str::to_string);
    let rows: Vec<[String; 7]> = std::iter::once(heading).chain(rows).collect();
    let shown: Vec<usize> = (0..7)
        .filter(|&c| !matches!(c, 2 | 3) || rows.iter().skip(1).any(|r| !r[c].is_empty()))
        .collect();
    let right: Vec<usize> = shown
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, 0 | 5))
        .map(|(i, _)| i)
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| shown.iter().map(|&c| r[c].clone()).collect())
        .collect();
    crate::text::aligned_table(&cells, &right)
}

/// Text from a session file on one line, without control characters.
fn clean(text: &str) -> String {
    crate::text::clean_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
