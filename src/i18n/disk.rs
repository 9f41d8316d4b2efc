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

    /// `spar export -o PATH` where PATH is a file marked read-only.
    pub fn read_only_target(&self, path: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{path}: filen är skrivskyddad och skrivs inte över; ta bort skyddet eller välj ett annat namn"
            ),
            Lang::En => format!(
                "{path}: the file is read-only and is not replaced; make it writable or choose another name"
            ),
        }
    }

    /// A problem: a journal over the size bound, not read.
    pub fn journal_too_large(&self, limit_mib: u64) -> String {
        match self.lang {
            Lang::Sv => format!("större än {limit_mib} MiB, lästes inte"),
            Lang::En => format!("larger than {limit_mib} MiB, not read"),
        }
    }

    /// Quitting (`q`, Ctrl+C) with words in the note editor.
    pub fn quit_typing(&self) -> &'static str {
        match self.lang {
            Lang::Sv => {
                "Anteckningen du skriver sparas som ofullständig; du kan göra klart den eller ta bort den senare. Avsluta?"
            }
            Lang::En => {
                "The note being typed is saved as unfinished; you can finish or delete it later. Quit?"
            }
        }
    }

    /// Beside a note saved as its writer left mid-note, in every view and export.
    pub fn unfinished(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "ofullständig",
            Lang::En => "unfinished",
        }
    }
}
