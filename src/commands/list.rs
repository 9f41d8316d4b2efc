//! `spar list`: the meetings of the track in order, as plain aligned text.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::Global;
use crate::i18n::{Lang, Text};
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

/// The track's title, then one row per meeting: place, id, term, date, planned start and end,
/// length and title. The title comes last so that a long one wraps without breaking the
/// columns.
pub fn render(catalog: &Catalog, text: &Text) -> String {
    let mut rows: Vec<[String; 7]> = vec![[
        text.list_number.to_string(),
        text.list_id.to_string(),
        text.list_term.to_string(),
        text.list_date.to_string(),
        text.list_time.to_string(),
        text.list_length.to_string(),
        text.list_meeting.to_string(),
    ]];
    for s in &catalog.sessions {
        let place = catalog
            .position(&s.id)
            .map_or(String::new(), |n| n.to_string());
        let minutes: u64 = s.agenda.iter().map(|i| u64::from(i.minutes)).sum();
        let time = match parse_time(&s.start) {
            Some(start) => {
                let end = (u64::from(start) + minutes) % (24 * 60);
                format!("{}–{:02}:{:02}", s.start, end / 60, end % 60)
            }
            None => clean(&s.start),
        };
        rows.push([
            place,
            clean(&s.id),
            clean(&s.term),
            s.date.as_deref().map_or(String::new(), clean),
            time,
            text.minutes(i64::try_from(minutes).unwrap_or(i64::MAX)),
            clean(&s.title),
        ]);
    }
    let mut out = String::new();
    if let Some(track) = &catalog.track {
        out.push_str(&clean(&track.title));
        out.push_str("\n\n");
    }
    // Numbers right-aligned, words left-aligned. Without a single date, no date column.
    if rows.iter().skip(1).all(|row| row[3].is_empty()) {
        let rows: Vec<[String; 6]> = rows
            .into_iter()
            .map(|[n, id, term, _, time, length, title]| [n, id, term, time, length, title])
            .collect();
        out.push_str(&crate::text::aligned_table(&rows, &[0, 4]));
    } else {
        out.push_str(&crate::text::aligned_table(&rows, &[0, 5]));
    }
    out
}

/// Text from a session file on one line, without control characters.
fn clean(text: &str) -> String {
    crate::text::clean_line(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
