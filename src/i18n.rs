//! Every word the interface shows, in Swedish and English, in one place (see GLOSSARY.md).
//!
//! Fixed words are fields of [`Text`]; words with numbers or names in them are methods, so that
//! each language can order them naturally.

use clap::ValueEnum;

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
    pub lobby_hint: &'static str,
    pub not_started: &'static str,
    pub not_run: &'static str,
    pub in_progress: &'static str,
    pub done: &'static str,
    pub prework: &'static str,
    pub goals: &'static str,
    pub meetings: &'static str,
    pub start_hint: &'static str,
    pub speaker: &'static str,
    pub turn: &'static str,
    pub next_turn: &'static str,
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
    lobby_hint: "Tryck mellanslag för att starta första punkten",
    not_started: "inte startad",
    not_run: "inte genomförd",
    in_progress: "pågår",
    done: "genomförd",
    prework: "Förarbete",
    goals: "Mål",
    meetings: "Träffar",
    start_hint: "Enter starta eller fortsätta · ↑↓ välj · q avsluta",
    speaker: "Talare",
    turn: "Tur",
    next_turn: "Näst på tur",
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
    lobby_hint: "Press space to start the first item",
    not_started: "not started",
    not_run: "not run",
    in_progress: "in progress",
    done: "done",
    prework: "Pre-work",
    goals: "Goals",
    meetings: "Meetings",
    start_hint: "Enter start or resume · ↑↓ choose · q quit",
    speaker: "Speaker",
    turn: "Turn",
    next_turn: "Next up",
};

impl Text {
    /// "15 min".
    pub fn minutes(&self, m: i64) -> String {
        format!("{m} {}", self.minutes_short)
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

    /// "Tur 3 av 15" / "Turn 3 of 15".
    pub fn turn_of(&self, n: usize, total: usize) -> String {
        format!("{} {n} {} {total}", self.turn, if self.lang == Lang::Sv { "av" } else { "of" })
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
            (Lang::Sv, 1) => format!("{delta_minutes} min efter"),
            (Lang::Sv, _) => format!("{} min före", -delta_minutes),
            (Lang::En, 1) => format!("{delta_minutes} min behind"),
            (Lang::En, _) => format!("{} min ahead", -delta_minutes),
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
