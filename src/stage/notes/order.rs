//! The notes of one place in the order they are shown (by group, then as written) and by time,
//! worked out once per change of the notes rather than for every frame: the stage keeps one
//! [`NoteOrder`] per version of the run's notes, so drawing looks only at the notes in view and a
//! frame costs the same with ten notes or a hundred thousand.

use std::ops::Range;

use crate::run::state::Note;

/// Some notes (by their index in the run's notes) in display order, with their order by time and
/// each group's run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteOrder {
    /// Indices into the notes: by group, then as written. Moving a selection follows this order.
    shown: Vec<usize>,
    /// Positions in `shown`, newest first.
    newest: Vec<usize>,
    /// Each group's run of positions in `shown`, in display order.
    groups: Vec<(Option<String>, Range<usize>)>,
}

impl NoteOrder {
    /// The notes among `notes` that `here` picks, deleted ones left out.
    pub fn new(notes: &[Note], groups: &[String], here: impl Fn(&Note) -> bool) -> NoteOrder {
        let mut shown: Vec<usize> = (0..notes.len())
            .filter(|&i| !notes[i].deleted && here(&notes[i]))
            .collect();
        // Each note's rank is worked out once, not in every comparison.
        shown.sort_by_cached_key(|&i| {
            let n = &notes[i];
            (
                crate::session::group_rank(n.group.as_deref(), groups),
                n.written,
                &n.id,
            )
        });
        let mut newest: Vec<usize> = (0..shown.len()).collect();
        // Keyed once per note too: comparing through `shown` into the notes missed the cache on
        // every comparison (25 ms at 100,000 notes).
        newest.sort_by_cached_key(|&p| {
            let n = &notes[shown[p]];
            std::cmp::Reverse((n.written, &n.id))
        });
        let mut runs: Vec<(Option<String>, Range<usize>)> = Vec::new();
        for (p, &i) in shown.iter().enumerate() {
            match runs.last_mut() {
                Some((group, run)) if *group == notes[i].group => run.end = p + 1,
                _ => runs.push((notes[i].group.clone(), p..p + 1)),
            }
        }
        NoteOrder {
            shown,
            newest,
            groups: runs,
        }
    }
}

/// A [`NoteOrder`] over the notes it indexes, or one group's part of it: what a column draws.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'n> {
    notes: &'n [Note],
    order: &'n NoteOrder,
    /// The positions `start..end` of `order.shown` in view.
    start: usize,
    end: usize,
}

impl<'n> Shown<'n> {
    /// `order` must have been made from `notes`.
    pub fn new(notes: &'n [Note], order: &'n NoteOrder) -> Shown<'n> {
        Shown {
            notes,
            order,
            start: 0,
            end: order.shown.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The note at display position `pos`.
    pub fn get(&self, pos: usize) -> &'n Note {
        &self.notes[self.order.shown[self.start + pos]]
    }

    /// The notes in display order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'n Note> + '_ {
        (0..self.len()).map(|pos| self.get(pos))
    }

    /// The display position of the `i`-th newest note (0 is the newest).
    pub fn newest(&self, i: usize) -> usize {
        if self.len() == self.order.shown.len() {
            self.order.newest[i]
        } else {
            // Within one group display order is time order.
            self.len() - 1 - i
        }
    }

    /// Only the notes of `group`.
    pub fn of_group(&self, group: Option<&str>) -> Shown<'n> {
        let range = self
            .order
            .groups
            .iter()
            .find(|(g, _)| g.as_deref() == group)
            .map_or(0..0, |(_, run)| run.clone());
        Shown {
            start: range.start,
            end: range.end,
            ..*self
        }
    }

    /// The groups that get a breakout column: every group of the session, in order, then any
    /// other group that has notes (a renamed group in an old run). The whole group never takes a
    /// column: its notes go in a band above them, so the columns never change when one is written.
    pub fn breakout_columns(&self, groups: &[String]) -> Vec<String> {
        let mut columns = groups.to_vec();
        columns.extend(
            self.order
                .groups
                .iter()
                .filter_map(|(g, _)| g.as_ref())
                .filter(|g| !groups.contains(g))
                .cloned(),
        );
        columns
    }
}
