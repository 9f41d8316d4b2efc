//! Every word the interface shows, in Swedish and English, in one place (see GLOSSARY.md).
//!
//! Fixed words are fields of [`Text`]; words with numbers or names in them are methods, so that
//! each language can order them naturally. A feature's own words may live in a file of this
//! module as an `impl Text` block of methods (`match self.lang`), so that the word list stays one
//! module while features are built side by side.

mod door;

use clap::ValueEnum;

mod agendas;
mod clock;
pub mod deletion;
mod disk;
mod finish;
mod memory;
mod show;
mod speech;
mod tally;
mod trust;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ValueEnum)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    /// `--lang` if given, else Swedish when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `sv`.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            let env = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            Lang::from_locale(&env)
        })
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// The fixed words of the interface.
#[derive(Debug)]
pub struct Text {
    pub lang: Lang,
    pub track: &'static str,
    pub meeting: &'static str,
    pub minutes_short: &'static str,
    pub key_timer: &'static str,
    pub key_next: &'static str,
    pub key_previous: &'static str,
    pub key_more: &'static str,
    pub key_less: &'static str,
    pub key_group: &'static str,
    pub key_overview: &'static str,
    pub key_facilitator_notes: &'static str,
    pub key_bell: &'static str,
    pub key_help: &'static str,
    pub key_quit: &'static str,
    pub key_up: &'static str,
    pub key_down: &'static str,
    pub key_choose: &'static str,
    pub key_close: &'static str,
    /// Note editor keys (`crate::stage::notes::keys::EDITOR`).
    pub key_save: &'static str,
    pub key_line_break: &'static str,
    pub key_close_editor: &'static str,
    pub key_kind: &'static str,
    pub key_field: &'static str,
    pub key_previous_field: &'static str,
    pub key_undo: &'static str,
    pub key_redo: &'static str,
    /// Stage keys for notes.
    pub key_write: &'static str,
    pub key_select_note: &'static str,
    pub key_edit_note: &'static str,
    pub key_delete_note: &'static str,
    pub key_restore_note: &'static str,
    pub key_next_group: &'static str,
    pub key_toggle_done: &'static str,
    pub key_follow: &'static str,
    pub following: &'static str,
    pub not_following: &'static str,
    pub draft_kept: &'static str,
    pub key_newest: &'static str,
    pub key_clear_selection: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub ready: &'static str,
    pub running: &'static str,
    pub paused: &'static str,
    pub low: &'static str,
    pub over: &'static str,
    pub overtime: &'static str,
    pub time_left: &'static str,
    pub welcome: &'static str,
    pub check_in: &'static str,
    pub talk: &'static str,
    pub discussion: &'static str,
    pub breakout: &'static str,
    pub break_: &'static str,
    pub reflection: &'static str,
    pub round: &'static str,
    pub recap: &'static str,
    pub closing: &'static str,
    pub next: &'static str,
    pub last_item: &'static str,
    pub planned_end: &'static str,
    pub projected_end: &'static str,
    pub on_time: &'static str,
    pub whole_group: &'static str,
    pub notes_go_to: &'static str,
    /// Before the note-takers' terminals on the facilitator's status line.
    pub taking_notes: &'static str,
    /// The note editor and the notes on the stage (see also `decision`, `action`, `owner`, `due`,
    /// `parked_question`, `edited`, `action_done`).
    pub notes: &'static str,
    pub note: &'static str,
    pub notes_none_yet: &'static str,
    /// `spar join` before the facilitator's first event has created the run.
    pub waiting_for_facilitator: &'static str,
    pub editing: &'static str,
    pub note_placeholder: &'static str,
    pub owner_placeholder: &'static str,
    pub due_placeholder: &'static str,
    pub owner_missing: &'static str,
    pub bell_muted: &'static str,
    pub facilitator_notes: &'static str,
    pub help: &'static str,
    pub help_close: &'static str,
    pub agenda: &'static str,
    pub planned: &'static str,
    pub actual: &'static str,
    pub quit_running: &'static str,
    pub too_small: &'static str,
    pub choose_group: &'static str,
    pub meeting_ended: &'static str,
    pub end_meeting: &'static str,
    pub not_saved_retrying: &'static str,
    pub resume_question: &'static str,
    pub lobby_hint: &'static str,
    pub not_started: &'static str,
    pub not_run: &'static str,
    pub in_progress: &'static str,
    pub done: &'static str,
    pub prework: &'static str,
    pub goals: &'static str,
    pub meetings: &'static str,
    pub key_start_or_resume: &'static str,
    pub speaker: &'static str,
    pub turn: &'static str,
    pub next_turn: &'static str,
    /// Export: column of planned start times in the agenda table.
    pub export_start: &'static str,
    pub export_item: &'static str,
    pub export_planned: &'static str,
    pub export_actual: &'static str,
    pub export_total: &'static str,
    pub actual_end: &'static str,
    pub decisions: &'static str,
    pub decision: &'static str,
    pub actions: &'static str,
    pub action: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub action_status: &'static str,
    pub action_open: &'static str,
    pub action_done: &'static str,
    pub parking_lot: &'static str,
    pub parked_question: &'static str,
    pub no_notes: &'static str,
    pub none_yet: &'static str,
    pub other_notes: &'static str,
    pub edited: &'static str,
    pub all_actions: &'static str,
    pub all_meetings: &'static str,
    pub meeting_column: &'static str,
    pub run_label: &'static str,
    /// `spar list` column headings.
    pub list_number: &'static str,
    pub list_id: &'static str,
    pub list_meeting: &'static str,
    pub list_term: &'static str,
    pub list_date: &'static str,
    pub list_time: &'static str,
    pub list_length: &'static str,
    pub list_other_sessions: &'static str,
    /// The review (`spar review`), `spar runs` and the recap on the stage.
    pub review: &'static str,
    pub screen_runs: &'static str,
    pub screen_search: &'static str,
    pub state_live: &'static str,
    pub state_ended: &'static str,
    pub state_abandoned: &'static str,
    pub state_unreadable: &'static str,
    pub no_runs_yet: &'static str,
    pub runs_started: &'static str,
    pub runs_state: &'static str,
    pub runs_open: &'static str,
    pub other_meetings: &'static str,
    pub snapshot_differs: &'static str,
    pub key_next_screen: &'static str,
    pub key_previous_screen: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_previous_run: &'static str,
    pub key_next_run: &'static str,
    pub key_open: &'static str,
    pub key_search: &'static str,
    pub key_leave_search: &'static str,
    pub key_clear_search: &'static str,
    pub key_delete_char: &'static str,
    pub search_typing: &'static str,
    pub search_hint: &'static str,
    pub search_nothing: &'static str,
    pub chart_title: &'static str,
    pub recap_actions: &'static str,
    pub recap_nothing: &'static str,
    pub no_actions: &'static str,
    // The stage: countdown, projection, fit (issue 11).
    pub key_fit: &'static str,
    pub key_focus: &'static str,
    pub key_scroll: &'static str,
    pub key_scroll_page: &'static str,
    pub key_go_to_item: &'static str,
    pub key_undo_fit: &'static str,
    pub key_apply_fit: &'static str,
    pub key_keep_plan: &'static str,
    pub key_move_plan: &'static str,
    pub key_cancel: &'static str,
    pub fit_nothing: &'static str,
    pub fit_cannot: &'static str,
    pub col_new: &'static str,
    pub meeting_over: &'static str,
    pub late_start_title: &'static str,
}

pub static SV: Text = Text {
    lang: Lang::Sv,
    track: "spår",
    meeting: "träff",
    minutes_short: "min",
    key_timer: "starta / pausa",
    key_next: "nästa",
    key_previous: "föregående",
    key_more: "en minut till",
    key_less: "en minut mindre",
    key_group: "välj grupp för anteckningar",
    key_overview: "agenda",
    key_facilitator_notes: "visa / dölj processledarens anteckningar",
    key_bell: "stäng av / slå på klockan",
    key_help: "hjälp",
    key_quit: "avsluta",
    key_up: "upp",
    key_down: "ned",
    key_choose: "välj",
    key_close: "stäng",
    key_save: "spara",
    key_line_break: "ny rad",
    key_close_editor: "stäng, utkastet finns kvar",
    key_kind: "byt typ: anteckning, beslut, åtgärd, parkerad fråga",
    key_field: "nästa fält",
    key_previous_field: "föregående fält",
    key_undo: "ångra",
    key_redo: "gör om",
    key_write: "skriv en anteckning",
    key_select_note: "markera en anteckning",
    key_edit_note: "ändra den markerade anteckningen",
    key_delete_note: "ta bort den markerade anteckningen",
    key_restore_note: "ångra borttagningen",
    key_next_group: "visa nästa grupp",
    yes: "ja",
    no: "nej",
    ready: "redo",
    running: "pågår",
    paused: "pausad",
    low: "snart slut",
    over: "tiden är ute",
    overtime: "övertid",
    time_left: "tid kvar",
    welcome: "Välkommen",
    check_in: "Incheckning",
    talk: "Föredrag",
    discussion: "Samtal",
    breakout: "Gruppsamtal",
    break_: "Paus",
    reflection: "Reflektion",
    round: "Runda",
    recap: "Återblick",
    closing: "Avslutning",
    next: "Nästa",
    last_item: "Sista punkten",
    planned_end: "planerat slut",
    projected_end: "beräknat slut",
    on_time: "i tid",
    whole_group: "Hela gruppen",
    notes_go_to: "Anteckningar till",
    taking_notes: "Antecknar",
    notes: "Anteckningar",
    note: "Anteckning",
    notes_none_yet: "Inga anteckningar än",
    waiting_for_facilitator: "Väntar på att processledaren startar träffen …",
    editing: "ändras",
    note_placeholder: "Skriv här. Enter sparar, Alt+Enter ger ny rad.",
    owner_placeholder: "namn",
    due_placeholder: "ÅÅÅÅ-MM-DD eller text",
    owner_missing: "Skriv vem som är ansvarig för åtgärden",
    bell_muted: "klockan avstängd",
    facilitator_notes: "Processledarens anteckningar",
    help: "Hjälp",
    help_close: "Tryck valfri tangent för att stänga",
    agenda: "Agenda",
    planned: "planerat",
    actual: "faktiskt",
    quit_running: "Tidsramen pågår. Avsluta ändå? Träffen kan fortsättas senare.",
    too_small: "Fönstret är för litet (minst 60 × 20)",
    choose_group: "Välj grupp för anteckningar",
    meeting_ended: "Träffen är avslutad",
    end_meeting: "Det var sista punkten. Avsluta träffen?",
    not_saved_retrying: "Inte sparad, försöker igen",
    key_toggle_done: "markera åtgärden klar / öppen",
    key_follow: "följ processledaren",
    following: "Följer processledaren",
    not_following: "Följer inte processledaren, f följer igen",
    draft_kept: "Utkast sparat, i skriver vidare",
    key_newest: "markera den nyaste anteckningen",
    key_clear_selection: "släpp markeringen, följ nya anteckningar",
    resume_question: "Fortsätta träffen",
    lobby_hint: "Tryck mellanslag för att starta första punkten",
    not_started: "inte startad",
    not_run: "inte genomförd",
    in_progress: "pågår",
    done: "genomförd",
    prework: "Förarbete",
    goals: "Mål",
    meetings: "Träffar",
    key_start_or_resume: "starta eller fortsätta",
    speaker: "Talare",
    turn: "Tur",
    next_turn: "Näst på tur",
    export_start: "Start",
    export_item: "Punkt",
    export_planned: "Planerat",
    export_actual: "Faktiskt",
    export_total: "Totalt",
    actual_end: "faktiskt slut",
    decisions: "Beslut",
    decision: "Beslut",
    actions: "Åtgärder",
    action: "Åtgärd",
    owner: "Ansvarig",
    due: "Klart senast",
    action_status: "Status",
    action_open: "öppen",
    action_done: "klar",
    parking_lot: "Parkerade frågor",
    parked_question: "Parkerad fråga",
    no_notes: "Inga anteckningar",
    none_yet: "Inga",
    other_notes: "Övriga anteckningar",
    edited: "ändrad",
    all_actions: "Alla åtgärder",
    all_meetings: "Alla träffar",
    meeting_column: "Träff",
    run_label: "genomförande",
    list_number: "Nr",
    list_id: "Id",
    list_meeting: "Träff",
    list_term: "Termin",
    list_date: "Datum",
    list_time: "Tid",
    list_length: "Längd",
    list_other_sessions: "Övriga träffar (i inget spår)",
    review: "Granska",
    screen_runs: "Genomföranden",
    screen_search: "Sök",
    state_live: "pågår",
    state_ended: "avslutad",
    state_abandoned: "avbruten",
    state_unreadable: "oläsbar",
    no_runs_yet: "Inga sparade genomföranden än",
    runs_started: "Startad",
    runs_state: "Status",
    runs_open: "Öppna",
    other_meetings: "Andra träffar",
    snapshot_differs: "Träffens fil har ändrats sedan dess: den visas som den var då (run.ron)",
    key_next_screen: "nästa vy",
    key_previous_screen: "föregående vy",
    key_page_up: "en sida upp",
    key_page_down: "en sida ned",
    key_previous_run: "föregående genomförande",
    key_next_run: "nästa genomförande",
    key_open: "öppna, gå dit",
    key_search: "sök i alla träffar",
    key_leave_search: "lämna sökningen",
    key_clear_search: "töm sökfältet",
    key_delete_char: "sudda ett tecken",
    search_typing: "skriv för att söka",
    search_hint: "Skriv för att söka i anteckningar, ansvariga och frågor i alla träffar",
    search_nothing: "Inget hittades",
    chart_title: "Planerat och faktiskt per punkt och fråga",
    recap_actions: "Öppna åtgärder från tidigare träffar",
    recap_nothing: "Inget är öppet från tidigare träffar",
    no_actions: "Inga åtgärder än",
    // The stage: countdown, projection, fit (issue 11).
    key_fit: "passa in resten i planerat slut",
    key_focus: "bara frågan och nedräkningen",
    key_scroll: "bläddra",
    key_scroll_page: "en sida i taget",
    key_go_to_item: "gå till punkten",
    key_undo_fit: "ångra anpassningen",
    key_apply_fit: "använd den nya planen",
    key_keep_plan: "behåll tiderna",
    key_move_plan: "flytta planen till nu",
    key_cancel: "avbryt",
    fit_nothing: "I tid: inget att passa in",
    fit_cannot: "Inget kvar att korta: stegen framför är nere på en minut, och raster och föredrag behåller sin tid",
    col_new: "ny plan",
    meeting_over: "Träffen är slut",
    late_start_title: "Starttid",
};

pub static EN: Text = Text {
    lang: Lang::En,
    track: "track",
    meeting: "meeting",
    minutes_short: "min",
    key_timer: "start / pause",
    key_next: "next",
    key_previous: "previous",
    key_more: "one minute more",
    key_less: "one minute less",
    key_group: "choose the group for notes",
    key_overview: "agenda",
    key_facilitator_notes: "show / hide facilitator notes",
    key_bell: "mute / unmute the bell",
    key_help: "help",
    key_quit: "quit",
    key_up: "up",
    key_down: "down",
    key_choose: "choose",
    key_close: "close",
    key_save: "save",
    key_line_break: "line break",
    key_close_editor: "close, keep the draft",
    key_kind: "change kind: note, decision, action, parking lot",
    key_field: "next field",
    key_previous_field: "previous field",
    key_undo: "undo",
    key_redo: "redo",
    key_write: "write a note",
    key_select_note: "select a note",
    key_edit_note: "edit the selected note",
    key_delete_note: "delete the selected note",
    key_restore_note: "undo the deletion",
    key_next_group: "show the next group",
    yes: "yes",
    no: "no",
    ready: "ready",
    running: "running",
    paused: "paused",
    low: "running low",
    over: "time's up",
    overtime: "overtime",
    time_left: "time left",
    welcome: "Welcome",
    check_in: "Check-in",
    talk: "Talk",
    discussion: "Discussion",
    breakout: "Breakout",
    break_: "Break",
    reflection: "Reflection",
    round: "Round",
    recap: "Recap",
    closing: "Closing",
    next: "Next",
    last_item: "Last item",
    planned_end: "planned end",
    projected_end: "projected end",
    on_time: "on time",
    whole_group: "Whole group",
    notes_go_to: "Notes go to",
    taking_notes: "Taking notes",
    notes: "Notes",
    note: "Note",
    notes_none_yet: "No notes yet",
    waiting_for_facilitator: "Waiting for the facilitator to start the meeting …",
    editing: "editing",
    note_placeholder: "Type here. Enter saves, Alt+Enter breaks the line.",
    owner_placeholder: "name",
    due_placeholder: "YYYY-MM-DD or words",
    owner_missing: "Name the owner of the action",
    bell_muted: "bell muted",
    facilitator_notes: "Facilitator notes",
    help: "Help",
    help_close: "Press any key to close",
    agenda: "Agenda",
    planned: "planned",
    actual: "actual",
    quit_running: "The timebox is running. Quit anyway? The run can be resumed later.",
    too_small: "Window too small (at least 60 × 20)",
    choose_group: "Choose the group for notes",
    meeting_ended: "The meeting has ended",
    end_meeting: "That was the last item. End the meeting?",
    not_saved_retrying: "Not saved, retrying",
    key_toggle_done: "mark the action done / open",
    key_follow: "follow the facilitator",
    following: "Following the facilitator",
    not_following: "Not following the facilitator, f to follow again",
    draft_kept: "Draft kept, i to go on writing",
    key_newest: "select the newest note",
    key_clear_selection: "clear the selection, follow new notes",
    resume_question: "Resume the run",
    lobby_hint: "Press space to start the first item",
    not_started: "not started",
    not_run: "not run",
    in_progress: "in progress",
    done: "done",
    prework: "Pre-work",
    goals: "Goals",
    meetings: "Meetings",
    key_start_or_resume: "start or resume",
    speaker: "Speaker",
    turn: "Turn",
    next_turn: "Next up",
    export_start: "Start",
    export_item: "Item",
    export_planned: "Planned",
    export_actual: "Actual",
    export_total: "Total",
    actual_end: "actual end",
    decisions: "Decisions",
    decision: "Decision",
    actions: "Action items",
    action: "Action",
    owner: "Owner",
    due: "Due",
    action_status: "Status",
    action_open: "open",
    action_done: "done",
    parking_lot: "Parking lot",
    parked_question: "Parked question",
    no_notes: "No notes",
    none_yet: "None",
    other_notes: "Other notes",
    edited: "edited",
    all_actions: "All action items",
    all_meetings: "All meetings",
    meeting_column: "Meeting",
    run_label: "run",
    list_number: "No.",
    list_id: "Id",
    list_meeting: "Meeting",
    list_term: "Term",
    list_date: "Date",
    list_time: "Time",
    list_length: "Length",
    list_other_sessions: "Other sessions (in no track)",
    review: "Review",
    screen_runs: "Runs",
    screen_search: "Search",
    state_live: "live",
    state_ended: "ended",
    state_abandoned: "abandoned",
    state_unreadable: "unreadable",
    no_runs_yet: "No saved runs yet",
    runs_started: "Started",
    runs_state: "State",
    runs_open: "Open",
    other_meetings: "Other meetings",
    snapshot_differs: "The session file has changed since: shown as it was then (run.ron)",
    key_next_screen: "next screen",
    key_previous_screen: "previous screen",
    key_page_up: "page up",
    key_page_down: "page down",
    key_previous_run: "previous run",
    key_next_run: "next run",
    key_open: "open, go there",
    key_search: "search every meeting",
    key_leave_search: "leave the search",
    key_clear_search: "clear the search",
    key_delete_char: "delete a character",
    search_typing: "type to search",
    search_hint: "Type to search notes, owners and questions in every meeting",
    search_nothing: "Nothing found",
    chart_title: "Planned and actual per item and question",
    recap_actions: "Open action items from earlier meetings",
    recap_nothing: "Nothing open from earlier meetings",
    no_actions: "No action items yet",
    // The stage: countdown, projection, fit (issue 11).
    key_fit: "fit the rest into the planned end",
    key_focus: "only the question and the countdown",
    key_scroll: "scroll",
    key_scroll_page: "a page at a time",
    key_go_to_item: "go to the item",
    key_undo_fit: "undo the fit",
    key_apply_fit: "use the new plan",
    key_keep_plan: "keep the planned times",
    key_move_plan: "move the plan to now",
    key_cancel: "cancel",
    fit_nothing: "On time: nothing to fit",
    fit_cannot: "Nothing left to shorten: the steps ahead are at one minute, and breaks and talks keep their time",
    col_new: "new plan",
    meeting_over: "The meeting is over",
    late_start_title: "Start time",
};

/// Words of the note editor and the notes on the stage (`crate::stage::notes`).
impl Text {
    /// "Fråga 2" / "Question 2", or "Steg 2" / "Step 2" in an item with instructions.
    pub fn step_label(&self, item: &crate::session::Item, n: usize) -> String {
        match (item.has_instructions(), self.lang) {
            (true, Lang::Sv) => format!("Steg {n}"),
            (true, Lang::En) => format!("Step {n}"),
            (false, _) => self.question_n(n),
        }
    }

    /// "Fråga 2" / "Question 2".
    pub fn question_n(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("Fråga {n}"),
            Lang::En => format!("Question {n}"),
        }
    }

    /// "Tur 3: Falun" / "Turn 3: Falun".
    pub fn turn_named(&self, n: usize, name: &str) -> String {
        format!("{} {n}: {name}", self.turn)
    }

    /// "klart senast 2020-10-01" / "due 2020-10-01".
    pub fn due_on(&self, date: &str) -> String {
        match self.lang {
            Lang::Sv => format!("klart senast {date}"),
            Lang::En => format!("due {date}"),
        }
    }

    /// "↑ 3 äldre" / "↑ 3 older": notes above what fits.
    pub fn older_notes(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("↑ {n} äldre"),
            Lang::En => format!("↑ {n} older"),
        }
    }

    /// "↓ 2 nyare" / "↓ 2 newer": notes scrolled past.
    pub fn newer_notes(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("↓ {n} nyare"),
            Lang::En => format!("↓ {n} newer"),
        }
    }
}

impl Text {
    /// The name of an agenda item's kind: "Samtal", "Paus", "Återblick".
    pub fn item_kind(&self, kind: &crate::session::ItemKind) -> &'static str {
        use crate::session::ItemKind;
        match kind {
            ItemKind::Welcome => self.welcome,
            ItemKind::CheckIn => self.check_in,
            ItemKind::Talk { .. } => self.talk,
            ItemKind::Discussion => self.discussion,
            ItemKind::Breakout => self.breakout,
            ItemKind::Break => self.break_,
            ItemKind::Reflection => self.reflection,
            ItemKind::Round => self.round,
            ItemKind::Recap => self.recap,
            ItemKind::Closing => self.closing,
        }
    }

    /// "15 min"; from an hour on, as [`span`](Self::span): "1 tim 5 min" / "1 h 5 min", so a
    /// duration reads one way in every line.
    pub fn minutes(&self, m: i64) -> String {
        if m.abs() >= 60 {
            self.span(m)
        } else {
            format!("{m} {}", self.minutes_short)
        }
    }

    /// "Punkt 3 av 9" / "Item 3 of 9".
    pub fn item_of(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("Punkt {n} av {total}"),
            Lang::En => format!("Item {n} of {total}"),
        }
    }

    /// "Fråga 1 av 2" / "Question 1 of 2".
    pub fn question_of(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("Fråga {n} av {total}"),
            Lang::En => format!("Question {n} of {total}"),
        }
    }

    /// "Steg 3 av 8" / "Step 3 of 8": in an item whose steps are not all questions.
    pub fn step_of(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("Steg {n} av {total}"),
            Lang::En => format!("Step {n} of {total}"),
        }
    }

    /// "instruktion, inga anteckningar" / "instruction, no notes": a step that is timed only.
    pub fn instruction_step(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "instruktion, inga anteckningar",
            Lang::En => "instruction, no notes",
        }
    }

    /// "Inbjudan" / "Invitation": the question an item hangs on.
    pub fn invitation(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Inbjudan",
            Lang::En => "Invitation",
        }
    }

    /// "Tur 3 av 15" / "Turn 3 of 15".
    pub fn turn_of(&self, n: usize, total: usize) -> String {
        format!(
            "{} {n} {} {total}",
            self.turn,
            if self.lang == Lang::Sv { "av" } else { "of" }
        )
    }

    /// "3 skadade rader hoppades över" / "3 damaged lines skipped".
    pub fn skipped_lines(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 skadad rad hoppades över".into(),
            (Lang::Sv, _) => format!("{n} skadade rader hoppades över"),
            (Lang::En, 1) => "1 damaged line skipped".into(),
            (Lang::En, _) => format!("{n} damaged lines skipped"),
        }
    }

    /// "1 konfliktkopia från synkningen inläst" / "1 sync conflict copy read".
    pub fn conflict_copies_read(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 konfliktkopia från synkningen inläst".into(),
            (Lang::Sv, _) => format!("{n} konfliktkopior från synkningen inlästa"),
            (Lang::En, 1) => "1 sync conflict copy read".into(),
            (Lang::En, _) => format!("{n} sync conflict copies read"),
        }
    }

    /// "Fortsätta träffen som började 19:42 (kickoff-…)? [J/n] ": the meeting's start names it.
    pub fn resume_prompt(&self, started: &str, run_id: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{} som började {started} ({run_id})? [J/n] ",
                self.resume_question
            ),
            Lang::En => format!(
                "{} started {started} ({run_id})? [Y/n] ",
                self.resume_question
            ),
        }
    }

    /// "Tillbaka 10:45" / "Back at 10:45".
    pub fn back_at(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Tillbaka {time}"),
            Lang::En => format!("Back at {time}"),
        }
    }

    /// "14 min efter", "5 min före", "i tid".
    pub fn schedule(&self, delta_minutes: i64) -> String {
        match (self.lang, delta_minutes.signum()) {
            (_, 0) => self.on_time.to_string(),
            (Lang::Sv, 1) => format!("{} efter", self.minutes(delta_minutes)),
            (Lang::Sv, _) => format!("{} före", self.minutes(-delta_minutes)),
            (Lang::En, 1) => format!("{} behind", self.minutes(delta_minutes)),
            (Lang::En, _) => format!("{} ahead", self.minutes(-delta_minutes)),
        }
    }

    /// "12:05 tid kvar av 15 min" / "12:05 left of 15 min".
    pub fn left_of(&self, total_minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("{} av {}", self.time_left, self.minutes(total_minutes)),
            Lang::En => format!("{} of {}", self.time_left, self.minutes(total_minutes)),
        }
    }
}

/// Words of the exports (`spar export`).
impl Text {
    /// "träff 1 av 6" / "meeting 1 of 6".
    pub fn meeting_of(&self, n: usize, total: usize) -> String {
        match self.lang {
            Lang::Sv => format!("träff {n} av {total}"),
            Lang::En => format!("meeting {n} of {total}"),
        }
    }

    /// "1 anteckning", "12 anteckningar" / "1 note", "12 notes".
    pub fn notes_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 anteckning".to_string(),
            (Lang::Sv, _) => format!("{n} anteckningar"),
            (Lang::En, 1) => "1 note".to_string(),
            (Lang::En, _) => format!("{n} notes"),
        }
    }
}

impl Text {
    /// `spar check`'s summary: "7 files checked: no problems", "1 file checked: 2 errors, 1 warning".
    pub fn files_checked(&self, files: usize, errors: usize, warnings: usize) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self.lang {
            Lang::Sv => {
                let files = count(files, "fil kontrollerad", "filer kontrollerade");
                let warnings = count(warnings, "varning", "varningar");
                match errors {
                    0 if warnings.starts_with("0 ") => format!("{files}: inga problem"),
                    0 => format!("{files}: {warnings}"),
                    e if warnings.starts_with("0 ") => format!("{files}: {e} fel"),
                    e => format!("{files}: {e} fel, {warnings}"),
                }
            }
            Lang::En => {
                let files = count(files, "file checked", "files checked");
                let warnings = count(warnings, "warning", "warnings");
                match count(errors, "error", "errors") {
                    e if e.starts_with("0 ") && warnings.starts_with("0 ") => {
                        format!("{files}: no problems")
                    }
                    e if e.starts_with("0 ") => format!("{files}: {warnings}"),
                    e if warnings.starts_with("0 ") => format!("{files}: {e}"),
                    e => format!("{files}: {e}, {warnings}"),
                }
            }
        }
    }
}

/// Words of the review (`spar review`), `spar runs` and the recap on the stage.
impl Text {
    /// "pågår", "avslutad", "avbruten" / "live", "ended", "abandoned".
    pub fn run_state(&self, status: crate::run::status::RunStatus) -> &'static str {
        use crate::run::status::RunStatus;
        match status {
            RunStatus::Live => self.state_live,
            RunStatus::Ended => self.state_ended,
            RunStatus::Abandoned => self.state_abandoned,
        }
    }

    /// "1 genomförande", "7 genomföranden" / "1 run", "7 runs".
    pub fn runs_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 genomförande".to_string(),
            (Lang::Sv, _) => format!("{n} genomföranden"),
            (Lang::En, 1) => "1 run".to_string(),
            (Lang::En, _) => format!("{n} runs"),
        }
    }

    /// "1 resultat", "12 resultat" / "1 result", "12 results".
    pub fn results(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, _) => format!("{n} resultat"),
            (Lang::En, 1) => "1 result".to_string(),
            (Lang::En, _) => format!("{n} results"),
        }
    }

    /// "3 öppna · 1 klar" / "3 open · 1 done".
    pub fn actions_summary(&self, open: usize, done: usize) -> String {
        match self.lang {
            Lang::Sv => {
                let open = if open == 1 {
                    "1 öppen".to_string()
                } else {
                    format!("{open} öppna")
                };
                let done = if done == 1 {
                    "1 klar".to_string()
                } else {
                    format!("{done} klara")
                };
                format!("{open} · {done}")
            }
            Lang::En => format!("{open} open · {done} done"),
        }
    }

    /// An item that ran longer than planned: "4 min övertid" / "4 min over".
    pub fn over_by(&self, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("{} övertid", self.minutes(minutes)),
            Lang::En => format!("{} over", self.minutes(minutes)),
        }
    }

    /// An item that ran shorter than planned: "3 min kortare" / "3 min short".
    pub fn short_by(&self, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("{} kortare", self.minutes(minutes)),
            Lang::En => format!("{} short", self.minutes(minutes)),
        }
    }

    /// "… och 3 till" / "… and 3 more".
    pub fn and_more(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("… och {n} till"),
            Lang::En => format!("… and {n} more"),
        }
    }

    /// "träff 2" / "meeting 2": where a recap entry or an action comes from.
    pub fn meeting_n(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("träff {n}"),
            Lang::En => format!("meeting {n}"),
        }
    }

    /// The editor's title when its note goes to another question than the one on screen.
    pub fn editor_elsewhere(&self, place: &str) -> String {
        match self.lang {
            Lang::Sv => format!("till {place}, inte frågan som visas"),
            Lang::En => format!("for {place}, not the question shown"),
        }
    }

    /// After `x`: what was deleted and how to bring it back.
    pub fn note_deleted(&self, snippet: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Raderade ”{snippet}” · u ångrar"),
            Lang::En => format!("Deleted “{snippet}” · u brings it back"),
        }
    }

    /// The quit question while events wait to be saved.
    pub fn quit_unsaved(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => {
                "1 ändring är inte sparad än. Avsluta ändå? En kopia sparas utanför träffens mapp."
                    .into()
            }
            (Lang::Sv, _) => format!(
                "{n} ändringar är inte sparade än. Avsluta ändå? En kopia sparas utanför träffens mapp."
            ),
            (Lang::En, 1) => {
                "1 change is not saved yet. Quit anyway? A copy is kept outside the run folder."
                    .into()
            }
            (Lang::En, _) => format!(
                "{n} changes are not saved yet. Quit anyway? A copy is kept outside the run folder."
            ),
        }
    }

    /// "2 anteckningar sparas …" while notes wait for the writer.
    pub fn notes_saving(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Sv, 1) => "1 anteckning sparas …".into(),
            (Lang::Sv, _) => format!("{n} anteckningar sparas …"),
            (Lang::En, 1) => "1 note saving …".into(),
            (Lang::En, _) => format!("{n} notes saving …"),
        }
    }

    /// On stderr when the process ends with events it could not write.
    pub fn unsaved_copied(&self, n: usize, journal: &str, copy: &str) -> String {
        match self.lang {
            Lang::Sv => {
                format!("{n} ändringar kunde inte sparas i {journal}; en kopia finns i {copy}")
            }
            Lang::En => {
                format!("{n} changes could not be saved to {journal}; a copy is in {copy}")
            }
        }
    }

    /// On stderr when not even the copy could be written.
    pub fn unsaved_lost(&self, n: usize, journal: &str, why: &str) -> String {
        match self.lang {
            Lang::Sv => {
                format!("{n} ändringar kunde inte sparas i {journal}, inte heller som kopia: {why}")
            }
            Lang::En => {
                format!("{n} changes could not be saved to {journal}, nor copied: {why}")
            }
        }
    }

    /// In the editor: a note too long to save.
    pub fn note_too_long(&self, limit_kib: usize) -> String {
        match self.lang {
            Lang::Sv => format!("För lång anteckning (högst {limit_kib} KiB): dela upp den"),
            Lang::En => format!("Note too long (at most {limit_kib} KiB): split it up"),
        }
    }
}

/// Words of the stage with times and numbers in them: the projection, a late start, the end.
impl Text {
    /// A stretch of time in whole minutes: "20 min", "14 tim 15 min" / "14 h 15 min", whole
    /// hours without "0 min" ("3 tim" / "3 h"). The one way every view says a duration.
    pub fn span(&self, minutes: i64) -> String {
        let sign = if minutes < 0 { "-" } else { "" };
        let (h, m) = (minutes.abs() / 60, minutes.abs() % 60);
        match (self.lang, h, m) {
            (_, 0, _) => format!("{sign}{m} {}", self.minutes_short),
            (Lang::Sv, _, 0) => format!("{sign}{h} tim"),
            (Lang::En, _, 0) => format!("{sign}{h} h"),
            (Lang::Sv, _, _) => format!("{sign}{h} tim {m} min"),
            (Lang::En, _, _) => format!("{sign}{h} h {m} min"),
        }
    }

    /// "planerad start 09:00" / "planned start 09:00".
    pub fn planned_start_at(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("planerad start {time}"),
            Lang::En => format!("planned start {time}"),
        }
    }

    /// "planerad start 09:00, för 20 min sedan" / "planned start 09:00, 20 min ago".
    pub fn planned_start_passed(&self, time: &str, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("planerad start {time}, för {} sedan", self.span(minutes)),
            Lang::En => format!("planned start {time}, {} ago", self.span(minutes)),
        }
    }

    /// "började 20 min sent" / "started 20 min late"; negative minutes: "tidigt" / "early".
    pub fn started_late(&self, minutes: i64) -> String {
        let span = self.span(minutes.abs());
        match (self.lang, minutes < 0) {
            (Lang::Sv, false) => format!("började {span} sent"),
            (Lang::Sv, true) => format!("började {span} tidigt"),
            (Lang::En, false) => format!("started {span} late"),
            (Lang::En, true) => format!("started {span} early"),
        }
    }

    /// "planen flyttad till 09:20" / "plan moved to 09:20".
    pub fn plan_moved(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("planen flyttad till {time}"),
            Lang::En => format!("plan moved to {time}"),
        }
    }

    /// The question when the first timebox starts more than five minutes off its planned start
    /// (negative minutes: before it).
    pub fn late_start_question(&self, minutes: i64, planned: &str) -> String {
        let span = self.span(minutes.abs());
        match (self.lang, minutes < 0) {
            (Lang::Sv, false) => format!("Träffen börjar {span} efter planerad start {planned}."),
            (Lang::Sv, true) => format!("Träffen börjar {span} före planerad start {planned}."),
            (Lang::En, false) => {
                format!("The meeting starts {span} after its planned start, {planned}.")
            }
            (Lang::En, true) => {
                format!("The meeting starts {span} before its planned start, {planned}.")
            }
        }
    }

    /// "behåll tiderna: träffen ligger 20 min efter" / "keep the planned times: the meeting runs
    /// 20 min late" (negative minutes: "före" / "ahead").
    pub fn keep_plan_means(&self, minutes: i64) -> String {
        let span = self.span(minutes.abs());
        match (self.lang, minutes < 0) {
            (Lang::Sv, false) => format!("behåll tiderna: träffen ligger {span} efter"),
            (Lang::Sv, true) => format!("behåll tiderna: träffen ligger {span} före"),
            (Lang::En, false) => format!("keep the planned times: the meeting runs {span} late"),
            (Lang::En, true) => format!("keep the planned times: the meeting runs {span} ahead"),
        }
    }

    /// "Flytta planen: start 09:20, slut 12:20" / "Move the plan: start 09:20, end 12:20".
    pub fn move_plan_means(&self, start: &str, end: &str) -> String {
        match self.lang {
            Lang::Sv => format!("flytta planen: start {start}, slut {end}"),
            Lang::En => format!("move the plan: start {start}, end {end}"),
        }
    }

    /// "slutade 12:14" / "ended 12:14".
    pub fn ended_at(&self, time: &str) -> String {
        match self.lang {
            Lang::Sv => format!("slutade {time}"),
            Lang::En => format!("ended {time}"),
        }
    }

    /// "Anteckningarna som dokument: spar export ID" / "The notes as a document: spar export ID".
    pub fn export_hint(&self, run_id: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Anteckningarna som dokument: spar export {run_id}"),
            Lang::En => format!("The notes as a document: spar export {run_id}"),
        }
    }

    /// The facilitator's countdown on a note-taker's screen that shows another question:
    /// "Processledaren: fråga 1 · 8:41" / "Facilitator: question 1 · 8:41".
    pub fn facilitator_at(&self, place: &str, clock: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Processledaren: {place} · {clock}"),
            Lang::En => format!("Facilitator: {place} · {clock}"),
        }
    }

    /// "fråga 2" / "question 2".
    pub fn question_word(&self, n: usize) -> String {
        match self.lang {
            Lang::Sv => format!("fråga {n}"),
            Lang::En => format!("question {n}"),
        }
    }

    /// "punkt 3, fråga 1" / "item 3, question 1": where the facilitator is, in a phrase.
    pub fn place_word(&self, item: usize, question: Option<usize>) -> String {
        match (self.lang, question) {
            (Lang::Sv, Some(q)) => format!("punkt {item}, fråga {q}"),
            (Lang::Sv, None) => format!("punkt {item}"),
            (Lang::En, Some(q)) => format!("item {item}, question {q}"),
            (Lang::En, None) => format!("item {item}"),
        }
    }

    /// "Passa in resten i planerat slut 12:00" / "Fit the rest into the planned end 12:00".
    pub fn fit_title(&self, end: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Passa in resten i planerat slut {end}"),
            Lang::En => format!("Fit the rest into the planned end {end}"),
        }
    }

    /// "med den nya planen: beräknat slut 12:00, i tid" / "with the new plan: projected end 12:00, on time".
    pub fn fit_result(&self, end: &str, delta_minutes: i64) -> String {
        let schedule = self.schedule(delta_minutes);
        match self.lang {
            Lang::Sv => format!("med den nya planen: beräknat slut {end}, {schedule}"),
            Lang::En => format!("with the new plan: projected end {end}, {schedule}"),
        }
    }
}

/// Words of `spar check` and of the sessions and tracks a command names
/// (`crate::session::problem`): what can be wrong with a session file, in each language.
impl Text {
    /// `path:line:col: varning: …` / `… warning: …`.
    pub fn warning_prefix(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "varning: ",
            Lang::En => "warning: ",
        }
    }

    /// "(and 3 more; spar check shows them all)" after the first error of a catalog.
    pub fn and_more_errors(&self, first: &str, more: usize) -> String {
        match self.lang {
            Lang::Sv => format!("{first} (och {more} till; spar check visar alla)"),
            Lang::En => format!("{first} (and {more} more; spar check shows them all)"),
        }
    }

    /// `spar run --resume RUN SESSION` with a run of another session.
    pub fn run_of_other_session(&self, run: &str, of: &str, wanted: &str) -> String {
        match self.lang {
            Lang::Sv => format!("genomförandet {run} hör till träffen {of}, inte {wanted}"),
            Lang::En => format!("run {run} is a run of {of}, not of {wanted}"),
        }
    }

    /// On a stage that another stage took over: it follows as a note-taker from then on.
    pub fn taken_over(&self, by: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{by} tog över som processledare: här följer du nu och antecknar"),
            Lang::En => {
                format!("{by} took over as facilitator: this terminal now follows and takes notes")
            }
        }
    }

    /// The same, off a terminal: nothing to ask, so say what to do.
    pub fn facilitator_live(&self, by: &str, run: &str) -> String {
        match self.lang {
            Lang::Sv => format!("{by} leder redan {run}: anteckna med spar join {run}"),
            Lang::En => {
                format!("{by} is already facilitating {run}: take notes with spar join {run}")
            }
        }
    }

    /// `spar run SESSION` off a terminal when the session has a run to resume.
    pub fn unfinished_run(&self, run: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "det finns ett oavslutat genomförande {run}: använd --resume {run} eller --new"
            ),
            Lang::En => format!("an unfinished run {run} exists: use --resume {run} or --new"),
        }
    }

    /// `spar review RUN` of a run that is listed but cannot be read.
    pub fn run_unreadable(&self, run: &str) -> String {
        match self.lang {
            Lang::Sv => format!("genomförandet {run} går inte att läsa"),
            Lang::En => format!("run {run} cannot be read"),
        }
    }

    /// `spar join` off a terminal when no run is live (on a terminal it waits for one).
    pub fn no_live_run(&self, runs_dir: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "inget pågående genomförande i {runs_dir}: träffen börjar när processledaren startar första punkten eller skriver en anteckning (`spar run TRÄFF`)"
            ),
            Lang::En => format!(
                "no live run in {runs_dir}: a run begins when the facilitator starts the first item or writes a note (`spar run SESSION`)"
            ),
        }
    }

    /// `spar export -o PATH` where PATH is a folder, a link or a device.
    pub fn not_a_regular_file(&self, path: &str) -> String {
        match self.lang {
            Lang::Sv => format!(
                "{path}: ingen vanlig fil; skriv till standard ut för att skicka den någon annanstans"
            ),
            Lang::En => {
                format!("{path}: not a regular file; write to standard output to send it elsewhere")
            }
        }
    }

    /// `spar join --group NAME` with a group the run's session does not have.
    pub fn no_such_group(&self, run: &str, name: &str, groups: &[String]) -> String {
        match self.lang {
            Lang::Sv => format!(
                "genomförandet {run} har ingen grupp ”{name}”; dess grupper: {}",
                groups.join(", ")
            ),
            Lang::En => format!(
                "run {run} has no group \"{name}\"; its groups: {}",
                groups.join(", ")
            ),
        }
    }

    /// A run named on the command line that is not there or cannot be read; the store's own
    /// (English) words for failures of the file system.
    pub fn store_error(&self, err: &crate::run::store::StoreError) -> String {
        use crate::run::store::StoreError as E;
        let sv = self.lang == Lang::Sv;
        let some = |items: &[String]| {
            const SHOWN: usize = 5;
            let shown = items
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            match (items.len().saturating_sub(SHOWN), sv) {
                (0, _) => shown,
                (more, true) => format!("{shown} och {more} till"),
                (more, false) => format!("{shown} and {more} more"),
            }
        };
        match err {
            E::NoDataDir if sv => "ingen datamapp: systemet har ingen för den här användaren; använd --data-dir eller SPAR_DATA_DIR".into(),
            E::NoDataDir => "no data directory: the platform has none for this user; use --data-dir or SPAR_DATA_DIR".into(),
            E::Io {
                action,
                path,
                source,
            } => format!(
                "{} {}: {}",
                self.fs_action(*action),
                path.display(),
                self.io_why(source)
            ),
            E::BadHeader {
                path,
                line,
                column,
                message,
            } => {
                let what = if sv {
                    "genomförandets huvud går inte att läsa"
                } else {
                    "not a valid run header"
                };
                format!("{}:{line}:{column}: {what}: {message}", path.display())
            }
            E::HeaderTooLarge { path } => {
                let mib = crate::run::store::MAX_HEADER >> 20;
                if sv {
                    format!("{}: genomförandets huvud är större än {mib} MiB", path.display())
                } else {
                    format!("{}: the run header is larger than {mib} MiB", path.display())
                }
            }
            E::HeaderUnreadable { path, why } => {
                use crate::run::store::Unreadable as U;
                let why = match (why, sv) {
                    (U::Missing, true) => "filen saknas",
                    (U::Missing, false) => "missing",
                    (U::NotAFile, true) => "inte en vanlig fil",
                    (U::NotAFile, false) => "not a regular file",
                    (U::NotUtf8, true) => "inte UTF-8-text",
                    (U::NotUtf8, false) => "not UTF-8 text",
                    (U::NoAgenda, true) => "sessionen i det har ingen punkt på agendan",
                    (U::NoAgenda, false) => "its session has no agenda item",
                };
                if sv {
                    format!("{}: genomförandets huvud går inte att läsa: {why}", path.display())
                } else {
                    format!("{}: not a readable run header: {why}", path.display())
                }
            }
            E::BadRunId { id } if sv => {
                format!("”{id}” är inget id för ett genomförande (bara bokstäver, siffror, - och _)")
            }
            E::BadRunId { id } => {
                format!("`{id}` is not a valid run id (letters, digits, `-` and `_` only)")
            }
            E::UnknownRun { id, runs_dir } if sv => {
                format!("inget genomförande ”{id}” i {}", runs_dir.display())
            }
            E::UnknownRun { id, runs_dir } => format!("no run `{id}` in {}", runs_dir.display()),
            E::AmbiguousRun {
                prefix,
                runs_dir,
                candidates,
            } if sv => format!(
                "”{prefix}” passar flera genomföranden i {}: {}",
                runs_dir.display(),
                some(candidates)
            ),
            E::AmbiguousRun {
                prefix,
                runs_dir,
                candidates,
            } => format!(
                "run `{prefix}` is ambiguous in {}: it matches {}",
                runs_dir.display(),
                some(candidates)
            ),
            E::RunExists { path } if sv => {
                format!("det finns redan en mapp för genomförandet: {}", path.display())
            }
            E::RunExists { path } => format!("a run folder {} already exists", path.display()),
        }
    }

    /// A command line that cannot be taken, on one line: what is wrong, and where to read more.
    pub fn usage(&self, usage: &crate::usage::Usage, command: &str) -> String {
        use crate::usage::Usage as U;
        let sv = self.lang == Lang::Sv;
        let q = |s: &str| {
            if sv {
                format!("”{s}”")
            } else {
                format!("'{s}'")
            }
        };
        let meant = |s: &Option<String>| match s {
            Some(s) if sv => format!(" (menade du {}?)", q(s)),
            Some(s) => format!(" (did you mean {}?)", q(s)),
            None => String::new(),
        };
        let what = match usage {
            U::UnknownArgument { arg, suggested } if sv => {
                format!("okänt argument {}{}", q(arg), meant(suggested))
            }
            U::UnknownArgument { arg, suggested } => {
                format!("unknown argument {}{}", q(arg), meant(suggested))
            }
            U::UnknownCommand { command, suggested } if sv => {
                format!("okänt kommando {}{}", q(command), meant(suggested))
            }
            U::UnknownCommand { command, suggested } => {
                format!("unknown command {}{}", q(command), meant(suggested))
            }
            U::InvalidValue { value, arg, valid } => {
                let possible = match (valid.is_empty(), sv) {
                    (true, _) => String::new(),
                    (false, true) => format!("; möjliga värden: {}", valid.join(", ")),
                    (false, false) => format!("; possible values: {}", valid.join(", ")),
                };
                if sv {
                    format!("ogiltigt värde {} för {arg}{possible}", q(value))
                } else {
                    format!("invalid value {} for {arg}{possible}", q(value))
                }
            }
            U::Missing { args } if sv => format!("{} saknas", args.join(" ")),
            U::Missing { args } => format!("{} is missing", args.join(" ")),
            U::Conflict { arg, with } if sv => format!("{arg} går inte att kombinera med {with}"),
            U::Conflict { arg, with } => format!("{arg} cannot be used with {with}"),
            U::Other(words) => words.clone(),
        };
        if sv {
            format!("{what}; se {command} --help")
        } else {
            format!("{what}; see {command} --help")
        }
    }

    /// "runs/…/anna.ron:17: hoppade över en skadad rad (fel kontrollsumma)": what reading a run
    /// passed over, one line.
    pub fn file_problem(&self, p: &crate::run::file_problem::FileProblem) -> String {
        use crate::run::file_problem::ProblemKind as K;
        use crate::run::journal::LineError as L;
        let sv = self.lang == Lang::Sv;
        let why = |e: &L| match (e, sv) {
            (L::TooLong(n), true) => format!("raden är för lång: {n} byte"),
            (L::TooLong(n), false) => format!("line too long: {n} bytes"),
            (L::NotUtf8, true) => "inte UTF-8-text".to_string(),
            (L::NotUtf8, false) => "not UTF-8 text".to_string(),
            (L::NoChecksum, true) => "ingen kontrollsumma".to_string(),
            (L::NoChecksum, false) => "no checksum".to_string(),
            (L::Checksum, true) => "fel kontrollsumma".to_string(),
            (L::Checksum, false) => "checksum mismatch".to_string(),
            (L::Malformed(m), true) => format!("ingen post: {m}"),
            (L::Malformed(m), false) => format!("not a record: {m}"),
        };
        let what = match (&p.kind, sv) {
            (K::NotAJournalName, true) => "hoppades över: inget journalnamn".to_string(),
            (K::NotAJournalName, false) => "ignored: not a journal name".to_string(),
            (K::CannotRead { kind, message }, true) => {
                format!("kan inte läsa: {}", self.io_kind_why(*kind, message))
            }
            (K::CannotRead { kind, message }, false) => {
                format!("cannot read: {}", self.io_kind_why(*kind, message))
            }
            (K::Skipped(e @ L::Malformed(_)), true) => {
                format!("hoppade över en rad som inte är en post ({})", why(e))
            }
            (K::Skipped(e @ L::Malformed(_)), false) => {
                format!("skipped a line that is not a record ({})", why(e))
            }
            (K::Skipped(e), true) => format!("hoppade över en skadad rad ({})", why(e)),
            (K::Skipped(e), false) => format!("skipped a damaged line ({})", why(e)),
            (K::RepeatedSequence(n), true) => {
                format!("hoppade över ett upprepat löpnummer {n}")
            }
            (K::RepeatedSequence(n), false) => format!("skipped a repeated sequence number {n}"),
            (K::MoreLikeThese(n), true) => format!("{n} fler problem av samma slag"),
            (K::MoreLikeThese(n), false) => format!("{n} more problems like these"),
            (K::TornTail, true) => {
                "sista raden är ofullständig (den som skrev kan ha stoppats mitt i)".to_string()
            }
            (K::TornTail, false) => {
                "the last line is incomplete (the writer may have been stopped mid-write)"
                    .to_string()
            }
            (K::LeftOut(why), true) => {
                format!("en händelse kunde inte sparas och lämnades ute: {why}")
            }
            (K::LeftOut(why), false) => {
                format!("an event could not be written and was left out: {why}")
            }
            (K::Divergent { writer, seq }, _) => self.divergent(writer, *seq),
            (K::Ahead { count, ahead }, _) => self.held_events(*count, *ahead),
            (K::SetAside(value), _) => self.set_aside(value),
            (
                K::NotItsWriters {
                    event,
                    first_seq,
                    count,
                },
                _,
            ) => self.refused_events(event, *first_seq, *count),
            (K::TooLarge { limit_mib }, _) => self.journal_too_large(*limit_mib),
            (K::ConflictCopy { engine, writer }, true) => format!(
                "en konfliktkopia från {} av {writer}.ron, läst med den (rader i båda räknas en gång)",
                engine.name()
            ),
            (K::ConflictCopy { engine, writer }, false) => format!(
                "a {} conflict copy of {writer}.ron, read with it (lines in both count once)",
                engine.name()
            ),
        };
        match p.line {
            Some(line) => format!("{}:{line}: {what}", p.file),
            None => format!("{}: {what}", p.file),
        }
    }

    /// "…/anna.ron: disken är full": why the last write to our journal failed.
    pub fn write_error(&self, e: &crate::run::saver::WriteError) -> String {
        use crate::run::saver::WriteWhy as W;
        let why = match (&e.why, self.lang) {
            (W::Io { kind, message }, _) => self.io_kind_why(*kind, message),
            (W::Replaced, Lang::Sv) => "träffens mapp togs bort medan spar skrev i den".to_string(),
            (W::Replaced, Lang::En) => {
                "the run folder was removed while spar wrote in it".to_string()
            }
            (W::Stopped, Lang::Sv) => "skrivtråden har stannat".to_string(),
            (W::Stopped, Lang::En) => "the writer stopped".to_string(),
        };
        format!("{}: {why}", e.journal.display())
    }

    /// "kan inte läsa", "cannot write in": what spar was doing with a path when it failed.
    pub fn fs_action(&self, action: crate::run::store::FsAction) -> &'static str {
        use crate::run::store::FsAction as A;
        match (action, self.lang) {
            (A::CreateFolder, Lang::Sv) => "kan inte skapa mappen",
            (A::CreateFolder, Lang::En) => "cannot create the folder",
            (A::CreateRunFolder, Lang::Sv) => "kan inte skapa genomförandets mapp",
            (A::CreateRunFolder, Lang::En) => "cannot create the run folder",
            (A::Read, Lang::Sv) => "kan inte läsa",
            (A::Read, Lang::En) => "cannot read",
            (A::ReadFolder, Lang::Sv) => "kan inte läsa mappen",
            (A::ReadFolder, Lang::En) => "cannot read the folder",
            (A::ReadRunFolder, Lang::Sv) => "kan inte läsa genomförandets mapp",
            (A::ReadRunFolder, Lang::En) => "cannot read the run folder",
            (A::Write, Lang::Sv) => "kan inte skriva",
            (A::Write, Lang::En) => "cannot write",
            (A::WriteIn, Lang::Sv) => "kan inte skriva i",
            (A::WriteIn, Lang::En) => "cannot write in",
        }
    }

    /// Why the file system said no, in words a user knows; the system's own words for the rare
    /// kinds.
    pub fn io_why(&self, err: &std::io::Error) -> String {
        self.io_kind_why(err.kind(), &err.to_string())
    }

    /// [`io_why`](Self::io_why) from the error's kind, and the system's `message` for it.
    pub fn io_kind_why(&self, kind: std::io::ErrorKind, message: &str) -> String {
        use std::io::ErrorKind as K;
        let words = match (kind, self.lang) {
            (K::NotFound, Lang::Sv) => "finns inte",
            (K::NotFound, Lang::En) => "does not exist",
            (K::PermissionDenied, Lang::Sv) => "behörighet saknas",
            (K::PermissionDenied, Lang::En) => "permission denied",
            (K::StorageFull, Lang::Sv) => "disken är full",
            (K::StorageFull, Lang::En) => "the disk is full",
            (K::ReadOnlyFilesystem, Lang::Sv) => "filsystemet är skrivskyddat",
            (K::ReadOnlyFilesystem, Lang::En) => "the file system is read-only",
            (K::NotADirectory, Lang::Sv) => "en del av sökvägen är ingen mapp",
            (K::NotADirectory, Lang::En) => "a part of the path is not a folder",
            (K::IsADirectory, Lang::Sv) => "det är en mapp",
            (K::IsADirectory, Lang::En) => "it is a folder",
            _ => return message.to_string(),
        };
        words.to_string()
    }

    /// A problem with a session file or a named session, in this language.
    pub fn problem(&self, p: &crate::session::problem::Problem) -> String {
        match self.lang {
            Lang::Sv => problem_sv(p),
            Lang::En => problem_en(p),
        }
    }
}

fn problem_en(p: &crate::session::problem::Problem) -> String {
    use crate::session::problem::{
        Expected, FileKind, IoWhy, ItemName, Problem as P, StepName, VariantKind,
    };
    let q = |s: &str| format!("\"{s}\"");
    let item = |i: &ItemName| match i {
        ItemName::Numbered(n) => format!("item {n}"),
        ItemName::Titled(t) => format!("item {}", q(t)),
    };
    let step = |s: &StepName| {
        let what = if s.question {
            "question"
        } else {
            "instruction"
        };
        (format!("{what} {}", s.n), what)
    };
    let kind = |k: &FileKind| match k {
        FileKind::Session => "session",
        FileKind::Track => "track",
        FileKind::Structure => "structure",
    };
    let one_of = |alts: &[String]| match alts {
        [] => "there are none".to_string(),
        [a] => format!("expected {a}"),
        [a, b] => format!("expected {a} or {b}"),
        [rest @ .., last] => format!("expected one of {}, or {last}", rest.join(", ")),
    };
    let in_outer = |o: &Option<String>| o.as_ref().map_or(String::new(), |o| format!(" in {o}"));
    match p {
        P::NoSuchPath => "no such file or folder".into(),
        P::CannotRead(IoWhy::PermissionDenied) => "cannot read: permission denied".into(),
        P::CannotRead(IoWhy::Other(why)) => format!("cannot read: {why}"),
        P::NoSessionFiles => "no session files (*.ron) in this folder".into(),
        P::TooLarge(Some(size)) => format!("file is too large ({size}; at most 1 MiB)"),
        P::TooLarge(None) => "file is too large (at most 1 MiB)".into(),
        P::FileEmpty => "file is empty".into(),
        P::Utf16 => "file is UTF-16 text; save it as UTF-8".into(),
        P::Binary => "binary file (it has NUL bytes), not a session file".into(),
        P::NotUtf8 => "not valid UTF-8 text (save the file as UTF-8)".into(),
        P::OnlyComments => "file has only comments, no Session(…), Track(…) or Structure(…)".into(),
        P::EndOfFile => {
            "unexpected end of file (is it cut off, or is a bracket not closed?)".into()
        }
        P::ExpectedList => "expected a list in [ ]".into(),
        P::ExpectedCommaOrBracket => "expected \",\" or \"]\"".into(),
        P::ExpectedComma => "expected a comma".into(),
        P::ExpectedMap => "expected a map in { }".into(),
        P::ExpectedColon => "expected \":\"".into(),
        P::ExpectedBrace => "expected \"}\"".into(),
        P::ExpectedWholeNumber => "expected a whole number".into(),
        P::NumberOutOfRange => {
            "number out of range: expected a whole number from 0 to 4294967295".into()
        }
        P::InvalidDigit(d) => format!("invalid digit {} in a number", q(d)),
        P::ExpectedNumber => "expected a number".into(),
        P::Underscore => "unexpected underscore in a number".into(),
        P::ExpectedBool => "expected true or false".into(),
        P::ExpectedText => "expected text in double quotes".into(),
        P::TextNotClosed => "text is not closed: a closing \" is missing".into(),
        P::ExpectedChar => "expected a character in single quotes".into(),
        P::InvalidEscape => {
            "invalid escape in text (write \\\\ for a backslash, \\\" for a quote)".into()
        }
        P::ExpectedParen => "expected \"(\"".into(),
        P::ExpectedParenOr(name) => format!("expected \"(\" or \"{name}(\""),
        P::ExpectedFileKind(None) => "expected Session(…), Track(…) or Structure(…)".into(),
        P::ExpectedFileKind(Some(found)) => {
            format!("expected Session(…), Track(…) or Structure(…), found {found}(…)")
        }
        P::ExpectedNamed(name) => format!("expected \"{name}(\""),
        P::ExpectedStruct { expected, found } => {
            format!("expected {expected}(…), found {found}(…)")
        }
        P::ExpectedCloseParen => "expected \")\"".into(),
        P::ExpectedFieldName => "expected a field name".into(),
        P::ExpectedUnit => "expected ()".into(),
        P::ExpectedOption => "expected a value or None".into(),
        P::UnexpectedChar(c) => format!("unexpected character {}", q(c)),
        P::CommentNotClosed => "comment is not closed: a closing */ is missing".into(),
        P::Trailing(k) => {
            let what = match k {
                FileKind::Session => "Session",
                FileKind::Track => "Track",
                FileKind::Structure => "Structure",
            };
            format!("unexpected text after the end of the {what}")
        }
        P::WrongType { expected, found } => {
            let expected = match expected {
                Expected::WholeNumber => "a whole number",
                Expected::Text => "text in double quotes",
                Expected::List => "a list in [ ]",
                Expected::Other(other) => other,
            };
            format!("expected {expected}, found {found}")
        }
        P::UnknownVariant {
            kind,
            found,
            expected,
        } => {
            let what = match kind {
                VariantKind::ItemKind => "item kind",
                VariantKind::Turns => "kind of turns",
                VariantKind::AgendaEntry => "agenda entry",
                VariantKind::Step => "kind of step",
                VariantKind::GroupSize => "group size",
                VariantKind::Other => "variant",
            };
            format!("unknown {what} {}, {}", q(found), one_of(expected))
        }
        P::UnknownField {
            found,
            outer,
            expected,
        } => format!(
            "unknown field {}{}, {}",
            q(found),
            in_outer(outer),
            one_of(expected)
        ),
        P::MissingField { field, outer } => {
            format!("missing field {}{}", q(field), in_outer(outer))
        }
        P::DuplicateField { field, outer } => {
            format!("field {} appears twice{}", q(field), in_outer(outer))
        }
        P::TooDeep(n) => format!("brackets nested too deeply (at most {n} levels)"),
        P::UnknownExtension(name) => format!("unknown RON extension {}", q(name)),
        P::Ron(words) => words.clone(),
        P::Found(inner, found) => format!("{}, found {found}", problem_en(inner)),
        P::IncludesElsewhere(id) => format!(
            "the session includes structure {}, which is in another file",
            q(id)
        ),

        P::TrackRefEmpty => "the track is empty: name the id of the session's track".into(),
        P::TitleEmpty => "the title is empty".into(),
        P::BadStart(s) => format!("start {} is not a time as HH:MM, e.g. 09:00", q(s)),
        P::BadDate(d) => format!(
            "date {} is not a real date as YYYY-MM-DD, e.g. 2020-09-17",
            q(d)
        ),
        P::GroupNoName(n) => format!("group {n} has no name"),
        P::GroupTwice(g) => format!("group {} is named twice", q(g)),
        P::AgendaEmpty => "the agenda is empty".into(),
        P::NoSuchStructure(id) => format!("no structure has id {}", q(id)),
        P::MeetingTooLong { total, max } => format!(
            "the items add up to {}, more than the {} a meeting can last",
            Lang::En
                .text()
                .span(i64::try_from(*total).unwrap_or(i64::MAX)),
            Lang::En
                .text()
                .span(i64::try_from(*max).unwrap_or(i64::MAX))
        ),
        P::MeetingLong { total, max } => format!(
            "the items add up to {}, a long meeting (more than {})",
            Lang::En
                .text()
                .span(i64::try_from(*total).unwrap_or(i64::MAX)),
            Lang::En
                .text()
                .span(i64::try_from(*max).unwrap_or(i64::MAX))
        ),
        P::MeetingShort { total, min } => {
            format!("the items add up to only {total} min, a short meeting (less than {min} min)")
        }
        P::ItemNoTitle(n) => format!("item {n} has no title"),
        P::ItemZero(i) => format!("{} has 0 minutes", item(i)),
        P::ItemTooLong {
            item: i,
            minutes,
            max,
        } => format!(
            "{} has {minutes} minutes; an item can have at most {max}",
            item(i)
        ),
        P::TalkNoSpeaker(i) => format!("{} is a talk with no speaker", item(i)),
        P::InvitationEmpty(i) => format!("the invitation of {} is empty", item(i)),
        P::BadGroupSize { item: i, max } => format!(
            "the group size of {} is not a size: write Of(3) for trios or Between(5, 7), from 1 to {max}",
            item(i)
        ),
        P::StepsOver {
            item: i,
            sum,
            minutes,
        } => format!(
            "the questions of {} add up to {sum} min, more than its {minutes} min",
            item(i)
        ),
        P::StepsUnderHalf {
            item: i,
            sum,
            minutes,
        } => format!(
            "the questions of {} add up to {sum} min, less than half of its {minutes} min",
            item(i)
        ),
        P::StepsAndRound(i) => format!(
            "{} has both questions and a round; the stage would show only the round",
            item(i)
        ),
        P::RoundZero(i) => format!("the round of {} has 0 minutes for each turn", item(i)),
        P::RoundTurnTooLong { item: i, each, max } => format!(
            "the round of {} has {each} minutes for each turn; a turn can have at most {max}",
            item(i)
        ),
        P::RoundNoGroups(i) => format!(
            "the round of {} goes through the groups, but the session has no groups",
            item(i)
        ),
        P::RoundNobody(i) => format!("the round of {} names nobody", item(i)),
        P::TurnNoName { item: i, n } => {
            format!("turn {n} of the round of {} has no name", item(i))
        }
        P::RoundSeats { item: i, n, max } => format!(
            "the round of {} has {n} seats; a group can have 1 to {max}",
            item(i)
        ),
        P::RoundOver {
            item: i,
            total,
            turns,
            each,
            minutes,
        } => format!(
            "the round of {} takes {total} min ({turns} turns × {each} min), more than its {minutes} min",
            item(i)
        ),
        P::StepEmpty { step: s, item: i } => format!("{} of {} is empty", step(s).0, item(i)),
        P::StepRepeatMark {
            step: s,
            item: i,
            mark,
        } => format!(
            "{} of {} has {mark}, which only a step inside Repeat(…) can have",
            step(s).0,
            item(i)
        ),
        P::StepZero { step: s, item: i } => {
            format!("{} of {} has 0 minutes", step(s).0, item(i))
        }
        P::StepTooLong {
            step: s,
            item: i,
            minutes,
            max,
        } => {
            let (name, what) = step(s);
            format!(
                "{name} of {} has {minutes} minutes; a {what} can have at most {max}",
                item(i)
            )
        }
        P::RepeatInRepeat(i) => format!(
            "{} has a Repeat inside a Repeat; write the inner steps out",
            item(i)
        ),
        P::RepeatTimes {
            item: i,
            times,
            max,
        } => format!(
            "a Repeat of {} has times: {times}; write 2 to {max}",
            item(i)
        ),
        P::RepeatNoSteps(i) => format!("a Repeat of {} has no steps", item(i)),
        P::Agenda(a) => EN.agenda_problem(a),
        P::GoalEmpty(n) => format!("goal {n} is empty"),
        P::NoMeetings => "the track lists no meetings".into(),
        P::MeetingTwice(id) => format!("meeting {} is listed twice", q(id)),
        P::IdEmpty(k) => format!("the {} id is empty", kind(k)),
        P::IdChars(id) => format!(
            "id {} may only have letters, digits, \"-\", \"_\" and \".\" in it",
            q(id)
        ),
        P::IdNumber(id) => format!(
            "id {} is a number; numbers name meetings by their place in the track",
            q(id)
        ),
        P::LinkNoTitle(n) => format!("link {n} of the pre-work has no title"),
        P::LinkNotWeb(url) => format!(
            "link {} is not a web address starting with https:// or http://",
            q(url)
        ),

        P::IdUsed { kind: k, id, by } => {
            format!("{} id {} is already used by {by}", kind(k), q(id))
        }
        P::UnknownTrack { id, known } if known.is_empty() => {
            format!("unknown track {}; there are no track files", q(id))
        }
        P::UnknownTrack { id, known } => {
            format!(
                "unknown track {}; known tracks: {}",
                q(id),
                known.join(", ")
            )
        }
        P::NotAmongMeetings {
            session,
            track,
            path,
        } => format!(
            "session {} is not among the meetings of track {} ({path})",
            q(session),
            q(track)
        ),
        P::MeetingNoSession(id) => format!("meeting {}: no session has this id", q(id)),
        P::MeetingOtherTrack {
            id,
            track,
            listed_in,
        } => format!(
            "meeting {} belongs to track {}, not {}",
            q(id),
            q(track),
            q(listed_in)
        ),

        P::NoMeetingNoTrack(name) => {
            format!("there is no meeting {}: no track is loaded", q(name))
        }
        P::NoMeetingInTrack { name, track, count } => format!(
            "there is no meeting {} in track {}: it has {count} (1–{count})",
            q(name),
            q(track)
        ),
        P::UnknownSession { name, known } if known.is_empty() => {
            format!("unknown session {}; there are no sessions", q(name))
        }
        P::UnknownSession { name, known } => format!(
            "unknown session {}; known sessions: {}",
            q(name),
            known.join(", ")
        ),
    }
}

fn problem_sv(p: &crate::session::problem::Problem) -> String {
    use crate::session::problem::{
        Expected, FileKind, IoWhy, ItemName, Problem as P, StepName, VariantKind,
    };
    let q = |s: &str| format!("”{s}”");
    // "punkten ”Samtal”" / "punkt 3".
    let item = |i: &ItemName| match i {
        ItemName::Numbered(n) => format!("punkt {n}"),
        ItemName::Titled(t) => format!("punkten {}", q(t)),
    };
    let step = |s: &StepName| {
        let what = if s.question { "fråga" } else { "instruktion" };
        format!("{what} {}", s.n)
    };
    // "träffens" and "en annan träff": Swedish nouns differ in gender.
    let kind = |k: &FileKind| match k {
        FileKind::Session => ("träffens", "en annan träff"),
        FileKind::Track => ("spårets", "ett annat spår"),
        FileKind::Structure => ("strukturens", "en annan struktur"),
    };
    let one_of = |alts: &[String]| match alts {
        [] => "här finns inget att välja".to_string(),
        [a] => format!("här kan stå {a}"),
        [a, b] => format!("här kan stå {a} eller {b}"),
        [rest @ .., last] => format!("här kan stå {} eller {last}", rest.join(", ")),
    };
    let in_outer = |o: &Option<String>| o.as_ref().map_or(String::new(), |o| format!(" i {o}"));
    match p {
        P::NoSuchPath => "filen eller mappen finns inte".into(),
        P::CannotRead(IoWhy::PermissionDenied) => "kan inte läsas: behörighet saknas".into(),
        P::CannotRead(IoWhy::Other(why)) => format!("kan inte läsas: {why}"),
        P::NoSessionFiles => "mappen har inga träffiler (*.ron)".into(),
        P::TooLarge(Some(size)) => {
            format!("filen är för stor ({}; högst 1 MiB)", size.replace('.', ","))
        }
        P::TooLarge(None) => "filen är för stor (högst 1 MiB)".into(),
        P::FileEmpty => "filen är tom".into(),
        P::Utf16 => "filen är UTF-16-text; spara den som UTF-8".into(),
        P::Binary => "binärfil (den har NUL-byte), ingen träffil".into(),
        P::NotUtf8 => "ogiltig UTF-8-text (spara filen som UTF-8)".into(),
        P::OnlyComments => {
            "filen har bara kommentarer, ingen Session(…), Track(…) eller Structure(…)".into()
        }
        P::EndOfFile => {
            "filen tar slut för tidigt (är den avklippt, eller saknas en slutparentes?)".into()
        }
        P::ExpectedList => "här ska stå en lista inom [ ]".into(),
        P::ExpectedCommaOrBracket => "här ska stå ”,” eller ”]”".into(),
        P::ExpectedComma => "här saknas ett kommatecken".into(),
        P::ExpectedMap => "här ska stå en tabell inom { }".into(),
        P::ExpectedColon => "här ska stå ”:”".into(),
        P::ExpectedBrace => "här ska stå ”}”".into(),
        P::ExpectedWholeNumber => "här ska stå ett heltal".into(),
        P::NumberOutOfRange => {
            "talet är för stort: här ska stå ett heltal från 0 till 4294967295".into()
        }
        P::InvalidDigit(d) => format!("ogiltig siffra {} i ett tal", q(d)),
        P::ExpectedNumber => "här ska stå ett tal".into(),
        P::Underscore => "oväntat understreck i ett tal".into(),
        P::ExpectedBool => "här ska stå true eller false".into(),
        P::ExpectedText => "här ska stå text inom raka citattecken (\")".into(),
        P::TextNotClosed => "texten är inte avslutad: ett avslutande \" saknas".into(),
        P::ExpectedChar => "här ska stå ett tecken inom enkla citattecken".into(),
        P::InvalidEscape => {
            "ogiltig escape-sekvens i texten (skriv \\\\ för ett omvänt snedstreck, \\\" för ett citattecken)"
                .into()
        }
        P::ExpectedParen => "här ska stå ”(”".into(),
        P::ExpectedParenOr(name) => format!("här ska stå ”(” eller ”{name}(”"),
        P::ExpectedFileKind(None) => {
            "filen ska börja med Session(…), Track(…) eller Structure(…)".into()
        }
        P::ExpectedFileKind(Some(found)) => format!(
            "filen ska börja med Session(…), Track(…) eller Structure(…), inte {found}(…)"
        ),
        P::ExpectedNamed(name) => format!("här ska stå ”{name}(”"),
        P::ExpectedStruct { expected, found } => {
            format!("här ska stå {expected}(…), inte {found}(…)")
        }
        P::ExpectedCloseParen => "här ska stå ”)”".into(),
        P::ExpectedFieldName => "här ska stå ett fältnamn".into(),
        P::ExpectedUnit => "här ska stå ()".into(),
        P::ExpectedOption => "här ska stå ett värde eller None".into(),
        P::UnexpectedChar(c) => format!("oväntat tecken {}", q(c)),
        P::CommentNotClosed => "kommentaren är inte avslutad: ett avslutande */ saknas".into(),
        P::Trailing(k) => {
            let what = match k {
                FileKind::Session => "Session",
                FileKind::Track => "Track",
                FileKind::Structure => "Structure",
            };
            format!("oväntad text efter slutet av {what}(…)")
        }
        P::WrongType { expected, found } => {
            let expected = match expected {
                Expected::WholeNumber => "ett heltal",
                Expected::Text => "text inom raka citattecken (\")",
                Expected::List => "en lista inom [ ]",
                Expected::Other(other) => other,
            };
            format!("här ska stå {expected}, inte {found}")
        }
        P::UnknownVariant {
            kind,
            found,
            expected,
        } => {
            let what = match kind {
                VariantKind::ItemKind => "okänd sorts punkt",
                VariantKind::Turns => "okänd sorts turer",
                VariantKind::AgendaEntry => "okänd rad i agendan",
                VariantKind::Step => "okänd sorts steg",
                VariantKind::GroupSize => "okänd gruppstorlek",
                VariantKind::Other => "okänt värde",
            };
            format!("{what} {}; {}", q(found), one_of(expected))
        }
        P::UnknownField {
            found,
            outer,
            expected,
        } => format!(
            "okänt fält {}{}; {}",
            q(found),
            in_outer(outer),
            one_of(expected)
        ),
        P::MissingField { field, outer } => {
            format!("fältet {} saknas{}", q(field), in_outer(outer))
        }
        P::DuplicateField { field, outer } => {
            format!("fältet {} står två gånger{}", q(field), in_outer(outer))
        }
        P::TooDeep(n) => format!("för många parenteser i varandra (högst {n} nivåer)"),
        P::UnknownExtension(name) => format!("okänt RON-tillägg {}", q(name)),
        P::Ron(words) => words.clone(),
        P::Found(inner, found) => format!("{}, inte {found}", problem_sv(inner)),
        P::IncludesElsewhere(id) => format!(
            "träffen tar med strukturen {}, som finns i en annan fil",
            q(id)
        ),

        P::TrackRefEmpty => "spåret är tomt: skriv id för träffens spår".into(),
        P::TitleEmpty => "titeln är tom".into(),
        P::BadStart(s) => format!(
            "starttiden {} är ingen tid som TT:MM, till exempel 09:00",
            q(s)
        ),
        P::BadDate(d) => format!(
            "datumet {} är inget riktigt datum som ÅÅÅÅ-MM-DD, till exempel 2020-09-17",
            q(d)
        ),
        P::GroupNoName(n) => format!("grupp {n} har inget namn"),
        P::GroupTwice(g) => format!("gruppen {} står två gånger", q(g)),
        P::AgendaEmpty => "agendan är tom".into(),
        P::NoSuchStructure(id) => format!("ingen struktur har id {}", q(id)),
        P::MeetingTooLong { total, max } => format!(
            "punkterna tar sammanlagt {}, mer än de {} en träff kan vara",
            Lang::Sv.text().span(i64::try_from(*total).unwrap_or(i64::MAX)),
            Lang::Sv.text().span(i64::try_from(*max).unwrap_or(i64::MAX))
        ),
        P::MeetingLong { total, max } => format!(
            "punkterna tar sammanlagt {}, en lång träff (mer än {})",
            Lang::Sv.text().span(i64::try_from(*total).unwrap_or(i64::MAX)),
            Lang::Sv.text().span(i64::try_from(*max).unwrap_or(i64::MAX))
        ),
        P::MeetingShort { total, min } => format!(
            "punkterna tar sammanlagt bara {total} min, en kort träff (mindre än {min} min)"
        ),
        P::ItemNoTitle(n) => format!("punkt {n} har ingen titel"),
        P::ItemZero(i) => format!("{} har 0 minuter", item(i)),
        P::ItemTooLong { item: i, minutes, max } => format!(
            "{} har {minutes} minuter; en punkt kan ha högst {max}",
            item(i)
        ),
        P::TalkNoSpeaker(i) => format!("{} är ett föredrag utan talare", item(i)),
        P::InvitationEmpty(i) => format!("inbjudan i {} är tom", item(i)),
        P::BadGroupSize { item: i, max } => format!(
            "gruppstorleken i {} är ingen storlek: skriv Of(3) för tre och tre eller Between(5, 7), från 1 till {max}",
            item(i)
        ),
        P::StepsOver { item: i, sum, minutes } => format!(
            "frågorna i {} tar sammanlagt {sum} min, mer än punktens {minutes} min",
            item(i)
        ),
        P::StepsUnderHalf { item: i, sum, minutes } => format!(
            "frågorna i {} tar sammanlagt {sum} min, mindre än hälften av punktens {minutes} min",
            item(i)
        ),
        P::StepsAndRound(i) => format!(
            "{} har både frågor och en runda; scenen skulle bara visa rundan",
            item(i)
        ),
        P::RoundZero(i) => format!("rundan i {} har 0 minuter per tur", item(i)),
        P::RoundTurnTooLong { item: i, each, max } => format!(
            "rundan i {} har {each} minuter per tur; en tur kan ha högst {max}",
            item(i)
        ),
        P::RoundNoGroups(i) => format!(
            "rundan i {} går igenom grupperna, men träffen har inga grupper",
            item(i)
        ),
        P::RoundNobody(i) => format!("rundan i {} nämner ingen", item(i)),
        P::TurnNoName { item: i, n } => format!("tur {n} i rundan i {} har inget namn", item(i)),
        P::RoundSeats { item: i, n, max } => format!(
            "rundan i {} har {n} platser; en grupp kan ha 1 till {max}",
            item(i)
        ),
        P::RoundOver {
            item: i,
            total,
            turns,
            each,
            minutes,
        } => format!(
            "rundan i {} tar {total} min ({turns} turer × {each} min), mer än punktens {minutes} min",
            item(i)
        ),
        P::StepEmpty { step: s, item: i } => format!("{} i {} är tom", step(s), item(i)),
        P::StepRepeatMark {
            step: s,
            item: i,
            mark,
        } => format!(
            "{} i {} har {mark}, som bara ett steg inuti Repeat(…) kan ha",
            step(s),
            item(i)
        ),
        P::StepZero { step: s, item: i } => format!("{} i {} har 0 minuter", step(s), item(i)),
        P::StepTooLong {
            step: s,
            item: i,
            minutes,
            max,
        } => {
            let what = if s.question { "en fråga" } else { "en instruktion" };
            format!(
                "{} i {} har {minutes} minuter; {what} kan ha högst {max}",
                step(s),
                item(i)
            )
        }
        P::RepeatInRepeat(i) => format!(
            "{} har en Repeat inuti en Repeat; skriv ut de inre stegen",
            item(i)
        ),
        P::RepeatTimes { item: i, times, max } => format!(
            "en Repeat i {} har times: {times}; skriv 2 till {max}",
            item(i)
        ),
        P::RepeatNoSteps(i) => format!("en Repeat i {} har inga steg", item(i)),
        P::Agenda(a) => SV.agenda_problem(a),
        P::GoalEmpty(n) => format!("mål {n} är tomt"),
        P::NoMeetings => "spåret har inga träffar".into(),
        P::MeetingTwice(id) => format!("träffen {} står två gånger", q(id)),
        P::IdEmpty(k) => format!("{} id är tomt", kind(k).0),
        P::IdChars(id) => format!(
            "id {} får bara innehålla bokstäver, siffror, ”-”, ”_” och ”.”",
            q(id)
        ),
        P::IdNumber(id) => format!(
            "id {} är ett tal; tal står för träffarnas plats i spåret",
            q(id)
        ),
        P::LinkNoTitle(n) => format!("länk {n} i förarbetet har ingen titel"),
        P::LinkNotWeb(url) => format!(
            "länken {} är ingen webbadress som börjar med https:// eller http://",
            q(url)
        ),

        P::IdUsed { kind: k, id, by } => {
            format!("id {} används redan av {} i {by}", q(id), kind(k).1)
        }
        P::UnknownTrack { id, known } if known.is_empty() => {
            format!("okänt spår {}; det finns inga spårfiler", q(id))
        }
        P::UnknownTrack { id, known } => {
            format!("okänt spår {}; kända spår: {}", q(id), known.join(", "))
        }
        P::NotAmongMeetings {
            session,
            track,
            path,
        } => format!(
            "träffen {} står inte bland träffarna i spåret {} ({path})",
            q(session),
            q(track)
        ),
        P::MeetingNoSession(id) => format!("träffen {}: ingen träff har detta id", q(id)),
        P::MeetingOtherTrack {
            id,
            track,
            listed_in,
        } => format!(
            "träffen {} hör till spåret {}, inte {}",
            q(id),
            q(track),
            q(listed_in)
        ),

        P::NoMeetingNoTrack(name) => {
            format!("det finns ingen träff {}: inget spår är inläst", q(name))
        }
        P::NoMeetingInTrack { name, track, count } => format!(
            "det finns ingen träff {} i spåret {}: det har {count} (1–{count})",
            q(name),
            q(track)
        ),
        P::UnknownSession { name, known } if known.is_empty() => {
            format!("okänd träff {}; det finns inga träffar", q(name))
        }
        P::UnknownSession { name, known } => {
            format!("okänd träff {}; kända träffar: {}", q(name), known.join(", "))
        }
    }
}
