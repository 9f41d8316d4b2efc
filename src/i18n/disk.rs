//! Words for the record that loses nothing and follows no link (issue 19, part B).

use super::{Lang, Text};

impl Text {
    /// A problem: a journal's copy holds another record under a sequence number already read.
    pub fn divergent(&self, writer: &str, seq: u64) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{writer} har två olika rader med löpnummer {seq}: den som lästes först gäller, den andra lämnades ute"
            ),
            Lang::En => format!(
                "{writer} has two different lines with sequence number {seq}: the one read first counts, the other was left out"
            ),
        }
    }
}
