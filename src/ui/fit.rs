//! Text fitted to terminal columns: cut to a width with "…", padded to a column, or wrapped into
//! lines. One copy for every view, so no view cuts a word without showing it.
//!
//! Widths are counted in terminal columns per grapheme (unicode-width), so Swedish letters take
//! one column, emoji and CJK two, and a family emoji or a letter with a combining accent is never
//! split.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The grapheme clusters of `s`, control characters left out (a terminal would act on them).
fn graphemes(s: &str) -> Vec<&str> {
    s.graphemes(true)
        .filter(|g| !g.chars().any(char::is_control))
        .collect()
}

/// Columns a grapheme takes on screen.
fn columns(grapheme: &str) -> usize {
    grapheme.width()
}

/// Columns a string takes on screen.
pub fn width(s: &str) -> usize {
    graphemes(s).iter().map(|g| columns(g)).sum()
}

/// Cuts `s` to at most `max` columns, ending in "…" when it had to cut. Looks no further into
/// `s` than it must: a status line may name ten thousand note-takers, and is cut on every frame.
pub fn truncate(s: &str, max: usize) -> String {
    let mut out = String::new();
    let (mut used, mut total) = (0, 0);
    // Whether the cut falls inside a word, once it is known where it falls.
    let mut mid_word = None;
    let shown = s
        .graphemes(true)
        .filter(|g| !g.chars().any(char::is_control));
    for g in shown {
        let w = columns(g);
        if mid_word.is_none() {
            if used + w + 1 > max {
                mid_word = Some(!g.chars().all(char::is_whitespace));
            } else {
                out.push_str(g);
                used += w;
            }
        }
        total += w;
        if total > max {
            break;
        }
    }
    if total <= max {
        return s.to_string();
    }
    let mid_word = mid_word.unwrap_or(false);
    // A figure is never cut: "10 tim 5…" would read as five minutes, "10 tim…" cannot.
    let word_start = out.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    if mid_word && out[word_start..].chars().any(|c| c.is_ascii_digit()) {
        out.truncate(word_start);
    }
    if max > 0 {
        // "vad det…", not "vad det …".
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
}

/// Cuts `s` to at most `max` columns between words, ending in "…" when it had to cut; empty
/// when not even its first word fits (a title part that gives way whole rather than as "Fråg…").
pub fn truncate_words(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if width(&next) + 1 > max {
            break;
        }
        out = next;
    }
    if !out.is_empty() {
        out.push('…');
    }
    out
}

/// Cuts `s` between words (see [`truncate_words`]), or inside its first word when that alone
/// is too wide: a line that must show something.
pub fn truncate_at_word(s: &str, max: usize) -> String {
    match truncate_words(s, max) {
        cut if cut.is_empty() => truncate(s, max),
        cut => cut,
    }
}

/// Pads or cuts `s` to exactly `width` columns; a cut ends in "…".
pub fn fit(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let used = self::width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Builds lines of at most `width` columns, one grapheme at a time.
struct Lines {
    width: usize,
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    run: String,
    run_style: Style,
    used: usize,
}

impl Lines {
    fn push(&mut self, grapheme: &str, style: Style) {
        if style != self.run_style && !self.run.is_empty() {
            self.flush_run();
        }
        self.run_style = style;
        self.run.push_str(grapheme);
        self.used += columns(grapheme);
    }

    fn flush_run(&mut self) {
        if !self.run.is_empty() {
            let run = std::mem::take(&mut self.run);
            self.spans.push(Span::styled(run, self.run_style));
        }
    }

    fn break_line(&mut self) {
        self.flush_run();
        self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        self.used = 0;
    }

    /// Places a word, with the spaces before it unless the word starts a new line.
    /// Spaces at the end of a line are left out.
    fn word(&mut self, spaces: &[(&str, Style)], word: &[(&str, Style)]) {
        if word.is_empty() {
            return;
        }
        let space_width: usize = spaces.iter().map(|(g, _)| columns(g)).sum();
        let word_width: usize = word.iter().map(|(g, _)| columns(g)).sum();
        if self.used + space_width + word_width <= self.width {
            for (g, style) in spaces.iter().chain(word) {
                self.push(g, *style);
            }
            return;
        }
        if self.used > 0 {
            self.break_line();
        }
        if word_width <= self.width {
            for (g, style) in word {
                self.push(g, *style);
            }
            return;
        }
        // A word wider than a whole line (a long link) gets a line of its own, cut with "…":
        // broken over lines it would read as two words.
        for (g, style) in word {
            if self.used + columns(g) + 1 > self.width {
                break;
            }
            self.push(g, *style);
        }
        let style = word.last().map_or(Style::new(), |(_, style)| *style);
        self.push("…", style);
    }
}

/// Wraps styled text to `width` columns at spaces; a word wider than a line is cut with "…" on a
/// line of its own. Never inside a grapheme. Line breaks in the text are kept; spaces where a
/// line is wrapped are dropped. Always at least one line.
pub fn wrap(segments: &[(&str, Style)], width: usize) -> Vec<Line<'static>> {
    let mut out = Lines {
        width: width.max(1),
        lines: Vec::new(),
        spans: Vec::new(),
        run: String::new(),
        run_style: Style::new(),
        used: 0,
    };
    let mut spaces: Vec<(&str, Style)> = Vec::new();
    let mut word: Vec<(&str, Style)> = Vec::new();
    for (segment, style) in segments {
        for (i, piece) in segment.split('\n').enumerate() {
            if i > 0 {
                out.word(&spaces, &word);
                spaces.clear();
                word.clear();
                out.break_line();
            }
            for g in graphemes(piece) {
                if g.chars().all(char::is_whitespace) {
                    if !word.is_empty() {
                        out.word(&spaces, &word);
                        spaces.clear();
                        word.clear();
                    }
                    spaces.push((g, *style));
                } else if columns(g) > 1 {
                    // Between wide characters (漢字, emoji) a line may break, as between words.
                    if !word.is_empty() {
                        out.word(&spaces, &word);
                        spaces.clear();
                        word.clear();
                    }
                    out.word(&spaces, &[(g, *style)]);
                    spaces.clear();
                } else {
                    word.push((g, *style));
                }
            }
        }
    }
    out.word(&spaces, &word);
    out.break_line();
    out.lines
}

/// A bullet ("• ") and its text wrapped at `width` with a hanging indent: the lines after the
/// first start under the text, not under the bullet.
pub fn bulleted(segments: &[(&str, Style)], width: usize) -> Vec<Line<'static>> {
    let style = segments.first().map_or(Style::new(), |(_, s)| *s);
    wrap(segments, width.saturating_sub(2))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let lead = if i == 0 { "• " } else { "  " };
            let mut spans = vec![Span::styled(lead, style)];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// Rows `text` takes when wrapped at `width`.
pub fn rows(text: &str, width: usize) -> usize {
    wrap(&[(text, Style::new())], width).len()
}

/// `text` wrapped at `width` in at most `max_rows` lines; when it needs more, the last line shown
/// ends in "…".
pub fn lines(text: &str, width: usize, max_rows: usize) -> Vec<Line<'static>> {
    let mut lines = wrap(&[(text, Style::new())], width);
    if lines.len() > max_rows {
        lines.truncate(max_rows);
        if let Some(last) = lines.last_mut() {
            let shown = last.to_string();
            *last = Line::from(if self::width(&shown) < width {
                format!("{}…", shown.trim_end())
            } else {
                truncate(&format!("{shown} …"), width)
            });
        }
    }
    lines
}

/// A styled line cut to `columns` with "…", keeping its styles.
pub fn fit_spans(line: Line<'static>, columns: usize) -> Line<'static> {
    let mut left = columns;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let content = truncate(&span.content, left);
        left = left.saturating_sub(width(&content));
        spans.push(Span::styled(content, span.style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_words_gives_way_between_words_or_whole() {
        assert_eq!(truncate_words("Fråga 1 av 2", 40), "Fråga 1 av 2");
        assert_eq!(truncate_words("Fråga 1 av 2", 9), "Fråga 1…");
        assert_eq!(truncate_words("Fråga 1 av 2", 5), "");
        assert_eq!(truncate_words("", 0), "");
        assert_eq!(truncate_at_word("Fråga 1 av 2", 9), "Fråga 1…");
        assert_eq!(truncate_at_word("Frågorna", 5), "Fråg…");
    }

    fn plain(text: &str, width: usize) -> Vec<String> {
        wrap(&[(text, Style::new())], width)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_line_breaks() {
        assert_eq!(
            plain("Vi läser om digitalisering", 10),
            ["Vi läser", "om", "digitalis…"]
        );
        assert_eq!(
            lines("ett två tre fyra", 7, 2)
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>(),
            ["ett två", "tre…"]
        );
        assert_eq!(plain("ett\n\ntvå", 10), ["ett", "", "två"]);
        assert_eq!(plain("ab 漢字", 10), ["ab 漢字"]);
        assert_eq!(plain("", 10), [""]);
    }

    #[test]
    fn counts_wide_characters_as_two_columns_and_never_splits_a_grapheme() {
        assert_eq!(plain("漢字漢字漢", 4), ["漢字", "漢字", "漢"]);
        assert_eq!(plain("😀😀😀", 5), ["😀😀", "😀"]);
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(plain(&format!("{family}{family}"), 3), [family, family]);
        let accent = "e\u{301}";
        assert_eq!(
            plain(&format!("{} {accent}", accent.repeat(2)), 2),
            [accent.repeat(2), accent.to_string()]
        );
        for line in wrap(&[("åäö ÅÄÖ – 😀 漢字 x", Style::new())], 5) {
            assert!(line.width() <= 5, "{line}");
        }
    }

    #[test]
    fn a_bullet_hangs_its_wrapped_lines_under_its_text() {
        let lines: Vec<String> = bulleted(&[("ett två tre", Style::new())], 9)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(lines, ["• ett två", "  tre"]);
    }

    #[test]
    fn truncates_by_columns() {
        assert_eq!(truncate("Grupp Västerdalarna", 10), "Grupp Väs…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("kort", 10), "kort");
        assert_eq!(
            truncate("började 10 tim 45 min sent", 16),
            "började 10 tim…"
        );
        assert_eq!(truncate("09:00–12:00", 8), "…");
        assert_eq!(fit("faktiskt", 4), "fak…");
        assert_eq!(fit("kort", 6), "kort  ");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }

    /// [`truncate`] as it was before it stopped early: the width of the whole string first.
    fn truncate_whole(s: &str, max: usize) -> String {
        if width(s) <= max {
            return s.to_string();
        }
        let mut out = String::new();
        let mut used = 0;
        let mut mid_word = false;
        for g in graphemes(s) {
            let w = columns(g);
            if used + w + 1 > max {
                mid_word = !g.chars().all(char::is_whitespace);
                break;
            }
            out.push_str(g);
            used += w;
        }
        let word_start = out.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        if mid_word && out[word_start..].chars().any(|c| c.is_ascii_digit()) {
            out.truncate(word_start);
        }
        if max > 0 {
            out.truncate(out.trim_end().len());
            out.push('…');
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn stopping_early_cuts_as_measuring_the_whole_did(
            s in "[a-zå 0-9\\t\u{1b}\u{7f}語🙂\u{301}]{0,40}",
            max in 0usize..30,
        ) {
            proptest::prop_assert_eq!(truncate(&s, max), truncate_whole(&s, max));
        }
    }
}
