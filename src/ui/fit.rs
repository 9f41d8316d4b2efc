//! Text fitted to a number of terminal columns.

use unicode_width::UnicodeWidthStr;

/// Pads or cuts `s` to exactly `width` columns.
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            if width > used && !out.is_empty() {
                out.pop();
                out.push('…');
            }
            break;
        }
        out.push(c);
        used += w;
    }
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}
