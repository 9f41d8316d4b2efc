//! Search across every run of the track: note text, action owners and the agenda's questions
//! and titles, ignoring case (Unicode lowercase).
//!
//! The text is lowercased once when a run is read ([`SavedRun::reindex`]); a search
//! lowercases only the query and scans.

use std::ops::Range;

use super::SavedRun;
use crate::run::Place;

/// Where a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `TrackView::runs`.
    pub run: usize,
    pub target: Target,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A note whose text or owner matched: an index into the run's `state.notes`.
    Note(usize),
    /// A question or an item's title (or a round's prompt) in the run's agenda.
    Place(Place),
}

/// Every place and live note of every run that contains `query`, ignoring case: run by run in
/// track order, and within a run in the order of its notes screen, a question before its notes.
/// An empty (or all-space) query finds nothing.
pub fn search(runs: &[SavedRun], query: &str) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    let mut hits = Vec::new();
    if query.is_empty() {
        return hits;
    }
    let q = query.as_str();
    for (r, run) in runs.iter().enumerate() {
        let notes = &run.state.notes;
        let mut places = run.places.iter().peekable();
        for &i in &run.order {
            let note = &notes[i];
            let known = run.state.contains(note.at);
            while let Some((place, text)) = places.next_if(|(p, _)| !known || *p <= note.at) {
                if text.contains(q) {
                    hits.push(Hit {
                        run: r,
                        target: Target::Place(*place),
                    });
                }
            }
            let lower = &run.lower[i];
            if lower.text.contains(q) || lower.owner.contains(q) {
                hits.push(Hit {
                    run: r,
                    target: Target::Note(i),
                });
            }
        }
        for (place, text) in places {
            if text.contains(q) {
                hits.push(Hit {
                    run: r,
                    target: Target::Place(*place),
                });
            }
        }
    }
    hits
}

/// The byte ranges of `text` where `query` occurs, ignoring case, for highlighting. Works on
/// text whose lowercase has another length than itself (İ, ẞ): ranges are in `text`'s bytes.
pub fn highlight_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    // The lowercase text, and for each of its bytes the byte of `text` it came from.
    let mut lower = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for l in c.to_lowercase() {
            let before = lower.len();
            lower.push(l);
            from.extend(std::iter::repeat_n(at, lower.len() - before));
        }
    }
    from.push(text.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while let Some(found) = lower[start..].find(&query) {
        let begin = start + found;
        let end = begin + query.len();
        let (a, b) = (from[begin], from[end]);
        // A match that ends inside a character's lowercase takes the whole character.
        let b = if b <= a {
            text[a..].chars().next().map_or(a, |c| a + c.len_utf8())
        } else {
            b
        };
        match ranges.last_mut() {
            Some(last) if last.end >= a => last.end = last.end.max(b),
            _ => ranges.push(a..b),
        }
        start = end;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_ignore_case_in_the_original_bytes() {
        let text = "Wifi i filialerna, WIFI överallt";
        let ranges = highlight_ranges(text, "wifi");
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Wifi", "WIFI"]);
        let text = "ÅSA och åsa";
        let found: Vec<&str> = highlight_ranges(text, "Åsa")
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(found, ["ÅSA", "åsa"]);
        // İ lowercases to two characters: the ranges still name whole characters of the text.
        let text = "İstanbul och istanbul";
        for r in highlight_ranges(text, "i̇stanbul") {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert!(highlight_ranges("abc", "  ").is_empty());
    }
}
