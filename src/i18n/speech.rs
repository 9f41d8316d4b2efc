//! Words of the screen-reader mode (`--screen-reader`, `crate::stage::speech`): the sentences it
//! says, in Swedish and English.

use super::{Lang, Text};

impl Text {
    /// "3 minuter 20 sekunder" / "3 minutes 20 seconds"; whole minutes alone, seconds alone.
    pub fn duration_words(&self, ms: i64) -> String {
        let secs = crate::run::timer::shown_seconds(ms).abs();
        let (m, s) = (secs / 60, secs % 60);
        let minutes = match (self.lang, m) {
            (Lang::Sv, 1) => "1 minut".to_string(),
            (Lang::Sv, _) => format!("{m} minuter"),
            (Lang::En, 1) => "1 minute".to_string(),
            (Lang::En, _) => format!("{m} minutes"),
        };
        let seconds = match (self.lang, s) {
            (Lang::Sv, 1) => "1 sekund".to_string(),
            (Lang::Sv, _) => format!("{s} sekunder"),
            (Lang::En, 1) => "1 second".to_string(),
            (Lang::En, _) => format!("{s} seconds"),
        };
        match (m, s) {
            (0, _) => seconds,
            (_, 0) => minutes,
            _ => format!("{minutes} {seconds}"),
        }
    }

    /// "3 minuter kvar" / "3 minutes left", or "2 minuter över tiden" / "2 minutes over".
    pub fn time_left_words(&self, remaining_ms: i64) -> String {
        let span = self.duration_words(remaining_ms);
        match (self.lang, remaining_ms > 0) {
            (Lang::Sv, true) => format!("{span} kvar"),
            (Lang::En, true) => format!("{span} left"),
            (Lang::Sv, false) => format!("{span} över tiden"),
            (Lang::En, false) => format!("{span} over"),
        }
    }

    pub fn said_started(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Startad.",
            Lang::En => "Started.",
        }
    }

    /// "Pausad, 3 minuter kvar." / "Paused, 3 minutes left."
    pub fn said_paused(&self, remaining_ms: i64) -> String {
        match self.lang {
            Lang::Sv => format!("Pausad, {}.", self.time_left_words(remaining_ms)),
            Lang::En => format!("Paused, {}.", self.time_left_words(remaining_ms)),
        }
    }

    /// "Fortsätter, 3 minuter kvar." / "Resumed, 3 minutes left."
    pub fn said_resumed(&self, remaining_ms: i64) -> String {
        match self.lang {
            Lang::Sv => format!("Fortsätter, {}.", self.time_left_words(remaining_ms)),
            Lang::En => format!("Resumed, {}.", self.time_left_words(remaining_ms)),
        }
    }

    /// "Inte startad." / "Not started."
    pub fn said_not_started(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Inte startad.",
            Lang::En => "Not started.",
        }
    }

    /// "Förlängd med 1 minut: 4 minuter kvar." / "Extended by 1 minute: 4 minutes left.";
    /// negative: "Förkortad …" / "Shortened …".
    pub fn said_adjusted(&self, by_ms: i64, remaining_ms: i64) -> String {
        let by = self.duration_words(by_ms);
        let left = self.time_left_words(remaining_ms);
        match (self.lang, by_ms > 0) {
            (Lang::Sv, true) => format!("Förlängd med {by}: {left}."),
            (Lang::Sv, false) => format!("Förkortad med {by}: {left}."),
            (Lang::En, true) => format!("Extended by {by}: {left}."),
            (Lang::En, false) => format!("Shortened by {by}: {left}."),
        }
    }

    pub fn said_half_time(&self, remaining_ms: i64) -> String {
        match self.lang {
            Lang::Sv => format!("Halva tiden, {}.", self.time_left_words(remaining_ms)),
            Lang::En => format!("Half-time, {}.", self.time_left_words(remaining_ms)),
        }
    }

    /// "2 minuter kvar." / "2 minutes left."
    pub fn said_minutes_left(&self, minutes: i64) -> String {
        format!("{}.", self.time_left_words(minutes * 60_000))
    }

    pub fn said_time_up(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Tiden är ute.",
            Lang::En => "Time's up.",
        }
    }

    /// "3 minuter över tiden." / "3 minutes over."
    pub fn said_over(&self, minutes: i64) -> String {
        format!("{}.", self.time_left_words(-minutes * 60_000))
    }

    /// "Beräknat slut 15:34, 4 min efter." / "Projected end 15:34, 4 min behind."
    pub fn said_projected_end(&self, end: &str, delta_minutes: i64) -> String {
        let schedule = self.schedule(delta_minutes);
        match self.lang {
            Lang::Sv => format!("Beräknat slut {end}, {schedule}."),
            Lang::En => format!("Projected end {end}, {schedule}."),
        }
    }

    /// "Resten av träffen har passats in: …" / "The rest of the meeting was fitted: …".
    pub fn said_fitted(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Resten av träffen har passats in i planerat slut.",
            Lang::En => "The rest of the meeting was fitted into the planned end.",
        }
    }

    pub fn said_fit_undone(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Anpassningen är ångrad.",
            Lang::En => "The fit was undone.",
        }
    }

    /// "Träffen är slut, 15:32." / "The meeting has ended, 15:32."
    pub fn said_ended(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Träffen är slut, {time}."),
            Lang::En => format!("The meeting has ended, {time}."),
        }
    }

    /// "Anteckning från Anna, Grupp Siljan: …" / "Note from Anna, Grupp Siljan: …"; the kind
    /// names a decision, an action or a parked question instead.
    pub fn said_note_from(&self, kind: &str, by: &str, whereto: &str, text: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{kind} från {by}, {whereto}: {text}"),
            Lang::En => format!("{kind} from {by}, {whereto}: {text}"),
        }
    }

    /// The review's help: space (and PageDown) turn its pages on a zoomed terminal.
    pub fn help_close_but_space(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Valfri tangent utom mellanslag stänger",
            Lang::En => "Any key but space closes",
        }
    }

    /// The last row of a page of help on a zoomed terminal: "mellanslag: mer · 1/3".
    pub fn help_page(&self, page: usize, pages: usize) -> String {
        match self.lang {
            Lang::Sv => format!("mellanslag: mer · {page}/{pages}"),
            Lang::En => format!("space: more · {page}/{pages}"),
        }
    }

    /// A note heard before, said again with its new text.
    pub fn said_note_changed(&self, line: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Ändrad: {line}"),
            Lang::En => format!("Changed: {line}"),
        }
    }

    /// "Sparad: fråga 1, Grupp Siljan." / "Saved: question 1, Grupp Siljan."
    pub fn said_saved_to(&self, whereto: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Sparad: {whereto}."),
            Lang::En => format!("Saved: {whereto}."),
        }
    }

    /// A note kept in memory while the disk refuses it.
    pub fn said_kept_not_saved(&self, whereto: &str) -> String {
        match self.lang {
            Lang::Sv => {
                format!("INTE SPARAD än: {whereto}. Den finns kvar och sparas så snart det går.")
            }
            Lang::En => {
                format!("NOT SAVED yet: {whereto}. It is kept and saved as soon as it can be.")
            }
        }
    }

    /// "Kan inte spara: …" / "Cannot save: …".
    pub fn said_save_failing(&self, why: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Kan inte spara: {why}. Allt finns kvar och sparas igen."),
            Lang::En => format!("Cannot save: {why}. Everything is kept and tried again."),
        }
    }

    pub fn said_saved_again(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Sparat nu: allt finns på disken.",
            Lang::En => "Saved now: everything is on disk.",
        }
    }

    /// The line prompt: "Skriv en anteckning till fråga 1, Grupp Siljan, och tryck Retur." /
    /// "Type a note for question 1, Grupp Siljan, and press Enter."
    pub fn said_prompt(&self, whereto: &str) -> String {
        match self.lang {
            Lang::Sv => {
                format!("Skriv en anteckning till {whereto}, och tryck Retur. En tom rad stänger.")
            }
            Lang::En => {
                format!("Type a note for {whereto}, and press Enter. An empty line closes.")
            }
        }
    }

    pub fn said_writing_closed(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Anteckningen stängd. i och Retur skriver en ny.",
            Lang::En => "Note closed. i and Enter write a new one.",
        }
    }

    /// The first lines of the mode.
    pub fn said_welcome(&self, meeting: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "spar, skärmläsarläge: {meeting}. Skriv en tangent och tryck Retur; ? och Retur listar tangenterna, punkt säger läget."
            ),
            Lang::En => format!(
                "spar, screen-reader mode: {meeting}. Type a key and press Enter; ? and Enter list the keys, full stop says the status."
            ),
        }
    }

    /// Beside a note-taker gone quiet (`crate::run::quiet`): "tyst 6 min" / "quiet 6 min".
    pub fn quiet_for(&self, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("tyst {minutes} min"),
            Lang::En => format!("quiet {minutes} min"),
        }
    }

    /// Said once when a note-taker goes quiet.
    pub fn said_gone_quiet(&self, name: &str, group: &str, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("{name}, {group}, har varit tyst i {minutes} minuter."),
            Lang::En => format!("{name}, {group}, has gone quiet: nothing for {minutes} minutes."),
        }
    }

    /// After a line ending in `\`: the note goes on.
    pub fn said_next_line(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Nästa rad i samma anteckning; en rad utan \\ sist sparar den.",
            Lang::En => "Next line of the same note; a line without \\ at its end saves it.",
        }
    }

    /// A note changed after `e` is saved.
    pub fn said_changed(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Ändrad.",
            Lang::En => "Changed.",
        }
    }

    pub fn said_no_note_of_yours(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Du har ingen anteckning att ändra.",
            Lang::En => "You have no note to change.",
        }
    }

    /// `e`: the note to change, as it reads now.
    pub fn said_editing(&self, note: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "Ändra din senaste anteckning: {note}. Skriv den nya texten och tryck Retur; en tom rad låter den vara."
            ),
            Lang::En => format!(
                "Change your latest note: {note}. Type its new text and press Enter; an empty line leaves it."
            ),
        }
    }

    pub fn key_edit_last(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "ändra din senaste anteckning",
            Lang::En => "change your latest note",
        }
    }

    pub fn key_delete_last(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "radera din senaste anteckning",
            Lang::En => "delete your latest note",
        }
    }

    /// `x`: the note deleted, and how to bring it back.
    pub fn said_deleted(&self, note: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Raderad: {note}. u och Retur tar tillbaka den."),
            Lang::En => format!("Deleted: {note}. u and Enter bring it back."),
        }
    }

    pub fn said_restored(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Anteckningen är tillbaka.",
            Lang::En => "The note is back.",
        }
    }

    pub fn said_nothing_to_restore(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Ingen raderad anteckning att ta tillbaka.",
            Lang::En => "No deleted note to bring back.",
        }
    }

    /// How a typed note names its kind and goes on to a next line, after the keys (`?`).
    pub fn said_note_syntax(&self) -> Vec<String> {
        match self.lang {
            Lang::Sv => vec![
                "I en anteckning: börja med beslut: för ett beslut, åtgärd, ansvarig och ett datum om du vill, och kolon för en åtgärd (åtgärd Anna 2020-10-01: boka lokal), parkerad: för en parkerad fråga.".to_string(),
                "En rad som slutar med \\ fortsätter på nästa rad i samma anteckning.".to_string(),
            ],
            Lang::En => vec![
                "In a note: begin with decision: for a decision, action, the owner and a date if you like, and a colon for an action item (action Anna 2020-10-01: book a room), parked: for a parked question.".to_string(),
                "A line ending in \\ goes on to the next line of the same note.".to_string(),
            ],
        }
    }

    /// The first line of `spar show --screen-reader`.
    pub fn said_show_welcome(&self, meeting: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "spar show, rummets skärm i skärmläsarläge: {meeting}. Du hör det rummet ser. ? och Retur listar tangenterna, punkt säger läget, q avslutar."
            ),
            Lang::En => format!(
                "spar show, the room's screen in screen-reader mode: {meeting}. You hear what the room sees. ? and Enter list the keys, full stop says the status, q quits."
            ),
        }
    }

    /// `l` on the room's screen while it shows no notes (the facilitator's `v` chooses).
    pub fn said_room_shows_no_notes(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Rummets skärm visar inga anteckningar nu.",
            Lang::En => "The room's screen shows no notes now.",
        }
    }

    /// `q` on the room's screen.
    pub fn key_quit_show(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "avsluta rummets skärm",
            Lang::En => "quit the room's screen",
        }
    }

    /// "Inte en tangent: k. ? listar tangenterna." / "Not a key: k. ? lists the keys."
    pub fn said_not_a_key(&self, line: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Inte en tangent här: «{line}». ? listar tangenterna."),
            Lang::En => format!("Not a key here: \"{line}\". ? lists the keys."),
        }
    }

    /// "Inga anteckningar till fråga 1." / "No notes for question 1."
    pub fn said_no_notes(&self, whereto: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Inga anteckningar till {whereto}."),
            Lang::En => format!("No notes for {whereto}."),
        }
    }

    /// "3 anteckningar till fråga 1:" / "3 notes for question 1:".
    pub fn said_notes_for(&self, n: usize, whereto: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{} till {whereto}:", self.notes_count(n)),
            Lang::En => format!("{} for {whereto}:", self.notes_count(n)),
        }
    }

    /// "Anna antecknar för Grupp Siljan." / "Anna takes notes for Grupp Siljan."
    pub fn said_joined(&self, name: &str, group: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{name} antecknar för {group}."),
            Lang::En => format!("{name} takes notes for {group}."),
        }
    }

    pub fn said_left(&self, name: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{name} har gått."),
            Lang::En => format!("{name} left."),
        }
    }

    /// A note-taker who stepped away from the facilitator's place.
    pub fn said_on_your_own(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Du är på egen hand här; f följer processledaren igen.",
            Lang::En => "You are on your own here; f follows the facilitator again.",
        }
    }

    pub fn said_following(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Du följer processledaren.",
            Lang::En => "You follow the facilitator.",
        }
    }

    /// The group picker: "Välj grupp, skriv numret och tryck Retur:" / "Choose the group: type its
    /// number and press Enter:".
    pub fn said_choose_group(&self) -> &'static str {
        match self.lang {
            Lang::Sv => {
                "Välj grupp för anteckningarna: skriv numret och tryck Retur, en tom rad avbryter."
            }
            Lang::En => {
                "Choose the group for notes: type its number and press Enter, an empty line cancels."
            }
        }
    }

    /// "Nya anteckningar går till Grupp Siljan." / "New notes go to Grupp Siljan."
    pub fn said_group_chosen(&self, group: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Nya anteckningar går till {group}."),
            Lang::En => format!("New notes go to {group}."),
        }
    }

    /// The agenda picker.
    pub fn said_choose_item(&self) -> &'static str {
        match self.lang {
            Lang::Sv => {
                "Dagordningen: skriv en punkts nummer och tryck Retur för att gå dit, en tom rad avbryter."
            }
            Lang::En => {
                "The agenda: type an item's number and press Enter to go there, an empty line cancels."
            }
        }
    }

    /// "nu" / "now", "klar" / "done" beside an agenda item.
    pub fn said_item_state(&self, now: bool, done: bool) -> &'static str {
        match (self.lang, now, done) {
            (Lang::Sv, true, _) => ", pågår nu",
            (Lang::En, true, _) => ", now",
            (Lang::Sv, false, true) => ", klar",
            (Lang::En, false, true) => ", done",
            _ => "",
        }
    }

    /// The yes/no questions: "… j och Retur för ja, n och Retur för nej."
    pub fn said_yes_no(&self, question: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{question} j och Retur för ja, n och Retur för nej."),
            Lang::En => format!("{question} y and Enter for yes, n and Enter for no."),
        }
    }

    pub fn said_late_choice(&self, keep: &str, moved: &str) -> String {
        match self.lang {
            Lang::Sv => format!("1 och Retur: {keep}. 2 och Retur: {moved}. En tom rad avbryter."),
            Lang::En => {
                format!("1 and Enter: {keep}. 2 and Enter: {moved}. An empty line cancels.")
            }
        }
    }

    /// The fit proposal, said before it is applied.
    pub fn said_fit_proposal(&self, result: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "Passa in resten: {result}. j och Retur använder den nya planen, en tom rad avbryter."
            ),
            Lang::En => format!(
                "Fit the rest: {result}. y and Enter use the new plan, an empty line cancels."
            ),
        }
    }

    /// "Tangenter (skriv tangenten och tryck Retur):" / "Keys (type the key and press Enter):".
    pub fn said_keys(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Tangenter, skriv tangenten och tryck Retur:",
            Lang::En => "Keys, type the key and press Enter:",
        }
    }

    pub fn key_status(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "säg läget: fråga, tid kvar, beräknat slut",
            Lang::En => "say the status: question, time left, projected end",
        }
    }

    pub fn key_repeat(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "säg senaste raden igen",
            Lang::En => "say the last line again",
        }
    }

    pub fn key_list_notes(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "lista frågans anteckningar",
            Lang::En => "list the question's notes",
        }
    }

    pub fn key_list_keys(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "lista tangenterna",
            Lang::En => "list the keys",
        }
    }

    pub fn key_write_line(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "skriv anteckningar; varje rad sparas som en anteckning",
            Lang::En => "write notes; each line is saved as a note",
        }
    }

    /// Line mode: a line that failed a check is kept, and how it goes on.
    pub fn said_kept(&self, line: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "Raden är kvar som utkast: ”{line}”. Skriv den igen rättad; en annan anteckning sparar den först som vanlig anteckning, som den skrevs."
            ),
            Lang::En => format!(
                "The line is kept as a draft: “{line}”. Type it again corrected; another note saves it first as a plain note, as typed."
            ),
        }
    }

    /// Line mode: the kept line saved as a plain note before the next note.
    pub fn said_kept_saved(&self, line: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Raden som var kvar sparades som vanlig anteckning: ”{line}”."),
            Lang::En => format!("The kept line was saved as a plain note: “{line}”."),
        }
    }

    /// `?` in line mode: how a key is told from a note while the note prompt is open.
    pub fn key_prefix_rule(&self) -> &'static str {
        match self.lang {
            Lang::Sv => {
                "Medan anteckningsraden är öppen är varje rad en anteckning, även en enda bokstav: skriv / före tangenten (/e, /x, /n), utom punkt, ? och q, som alltid är tangenter."
            }
            Lang::En => {
                "While the note prompt is open every line is a note, even a single letter: type / before the key (/e, /x, /n), except full stop, ? and q, which are always keys."
            }
        }
    }

    pub fn key_empty_line(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "en tom rad: stäng anteckningen eller frågan som är öppen",
            Lang::En => "an empty line: close the note prompt or the question that is open",
        }
    }

    /// "Fönstret är för litet (minst 28 × 8)": the stage, which zooms down to that size.
    pub fn window_too_small(&self, width: u16, height: u16) -> String {
        match self.lang {
            Lang::Sv => format!("Fönstret är för litet (minst {width} × {height})"),
            Lang::En => format!("Window too small (at least {width} × {height})"),
        }
    }

    /// The review's first line in screen-reader mode.
    pub fn said_review_welcome(&self, runs: usize) -> String {
        match self.lang {
            Lang::Sv => format!(
                "spar, skärmläsarläge: genomgång av {}. Skriv numret och tryck Retur för att höra en träff; ? listar tangenterna.",
                self.runs_count(runs)
            ),
            Lang::En => format!(
                "spar, screen-reader mode: review of {}. Type a number and press Enter to hear a meeting; ? lists the keys.",
                self.runs_count(runs)
            ),
        }
    }

    /// `?` in the review, one line a key.
    pub fn said_review_keys(&self) -> Vec<String> {
        let lines: &[&str] = match self.lang {
            Lang::Sv => &[
                "Tangenter, skriv och tryck Retur:",
                "ett nummer: läs den träffens sammanfattning",
                "l: lista träffarna igen",
                "a: lista alla åtgärder, numrerade",
                "d och ett nummer: markera den åtgärden klar, eller öppen igen",
                "/ och ord: sök i anteckningar och dagordningar",
                "r: säg senaste raden igen",
                "q: avsluta",
            ],
            Lang::En => &[
                "Keys, type and press Enter:",
                "a number: read that meeting's summary",
                "l: list the meetings again",
                "a: list every action item, numbered",
                "d and a number: mark that action done, or open again",
                "/ and words: search the notes and agendas",
                "r: say the last line again",
                "q: quit",
            ],
        };
        lines.iter().map(|l| l.to_string()).collect()
    }

    pub fn said_no_actions(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Inga åtgärder.",
            Lang::En => "No action items.",
        }
    }

    pub fn said_no_facilitator_notes(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Inga processledaranteckningar till den här punkten.",
            Lang::En => "No facilitator notes for this item.",
        }
    }

    /// `--time-marks` that does not parse.
    pub fn bad_time_marks(&self, word: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "--time-marks: okänt ord \"{word}\" (skriv till exempel half,2,1,over eller none)"
            ),
            Lang::En => format!(
                "--time-marks: unknown word \"{word}\" (write for example half,2,1,over or none)"
            ),
        }
    }
}
