//! What validation reports: an [`Issue`] at a path in a parsed file, placed by [`locate`] as a
//! [`Finding`] at a line and column, rendered as one line in the user's language.

use std::fmt;

use crate::i18n::Lang;

use super::super::parse::{Locator, Pos, Seg};
use super::super::problem::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file (or folder) as the user named it, or `sessions/<id>.ron` for shipped files.
    pub path: String,
    pub pos: Option<Pos>,
    pub severity: Severity,
    /// Boxed: a problem is large, and a finding travels in `Result`s.
    pub message: Box<Problem>,
}

impl Finding {
    pub fn error(path: impl Into<String>, pos: Option<Pos>, message: Problem) -> Self {
        Finding {
            path: path.into(),
            pos,
            severity: Severity::Error,
            message: Box::new(message),
        }
    }

    pub fn warning(path: impl Into<String>, pos: Option<Pos>, message: Problem) -> Self {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: message`, `path:line:col: warning: message`, or `path: message`, in a
    /// language; never with a control character in it.
    pub fn render(&self, lang: Lang) -> String {
        let text = lang.text();
        let mut line = crate::text::cleaned_line(&self.path).into_owned();
        if let Some(pos) = self.pos {
            line.push_str(&format!(":{pos}"));
        }
        line.push_str(": ");
        if self.severity == Severity::Warning {
            line.push_str(text.warning_prefix());
        }
        line.push_str(&crate::text::cleaned_line(&text.problem(&self.message)));
        line
    }
}

impl fmt::Display for Finding {
    /// In English; the commands render in the user's language ([`Finding::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A problem found in a parsed file, at a path in it that [`Locator`] turns into a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub at: Vec<Seg>,
    pub message: Problem,
}

impl Issue {
    pub fn error(at: &[Seg], message: Problem) -> Self {
        Issue {
            severity: Severity::Error,
            at: at.to_vec(),
            message,
        }
    }

    pub fn warning(at: &[Seg], message: Problem) -> Self {
        Issue {
            severity: Severity::Warning,
            at: at.to_vec(),
            message,
        }
    }
}

/// Places the issues of one file: at the value they are about, else at the file's `id`.
pub fn locate(path: &str, text: &str, issues: Vec<Issue>) -> Vec<Finding> {
    if issues.is_empty() {
        return Vec::new();
    }
    let locator = Locator::new(text);
    issues
        .into_iter()
        .map(|issue| {
            let pos = locator
                .locate(&issue.at)
                .or_else(|| locator.locate(&[Seg::Field("id")]))
                .or(Some(Pos::START));
            Finding {
                path: path.to_string(),
                pos,
                severity: issue.severity,
                message: Box::new(issue.message),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_lines() {
        let f = Finding::warning(
            "a\n.ron",
            Some(Pos { line: 2, col: 3 }),
            Problem::GroupTwice("A".into()),
        );
        assert_eq!(
            f.to_string(),
            "a .ron:2:3: warning: group \"A\" is named twice"
        );
        assert_eq!(
            f.render(Lang::Sv),
            "a .ron:2:3: varning: gruppen ”A” står två gånger"
        );
        let f = Finding::error("dir", None, Problem::NoSessionFiles);
        assert_eq!(
            f.to_string(),
            "dir: no session files (*.ron) in this folder"
        );
    }

    #[test]
    fn hours_read_well() {
        let long = |total| Problem::MeetingLong { total, max: 240 };
        assert_eq!(
            long(270).to_string(),
            "the items add up to 4 h 30 min, a long meeting (more than 4 h)"
        );
        assert_eq!(
            long(300).render(Lang::Sv),
            "punkterna tar sammanlagt 5 tim, en lång träff (mer än 4 tim)"
        );
    }
}
