//! The words of the room's screen (`spar show`), of choosing what it shows (`v`) and of the
//! facilitator's private console.

use super::{Lang, Text};
use crate::run::RoomView;

impl Text {
    pub fn key_room_view(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "vad rummet ser (spar show)",
            Lang::En => "what the room sees (spar show)",
        }
    }

    /// The choices of `v`, as the flash after the key and the console name them.
    pub fn room_view(&self, view: &RoomView) -> &'static str {
        match (self.lang, view) {
            (Lang::Sv, RoomView::Countdown) => "nedräkningen",
            (Lang::Sv, RoomView::WithNotes) => "nedräkningen med anteckningarna",
            (Lang::Sv, RoomView::Wall) => "anteckningsväggen",
            (Lang::Sv, RoomView::Pinned(_)) => "den valda anteckningen",
            (Lang::En, RoomView::Countdown) => "the countdown",
            (Lang::En, RoomView::WithNotes) => "the countdown with the notes",
            (Lang::En, RoomView::Wall) => "the notes wall",
            (Lang::En, RoomView::Pinned(_)) => "the pinned note",
        }
    }

    /// "Rummet ser: anteckningsväggen".
    pub fn room_sees(&self, view: &RoomView) -> String {
        match self.lang {
            Lang::Sv => format!("Rummet ser: {}", self.room_view(view)),
            Lang::En => format!("The room sees: {}", self.room_view(view)),
        }
    }

    /// The console's frame while a show is attached.
    pub fn private_console(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "privat — dela fönstret med spar show",
            Lang::En => "private — share the spar show window",
        }
    }

    /// The presence line: how many room screens follow the run.
    pub fn screens_attached(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::Sv, 1) => "Rummets skärm: spar show".to_string(),
            (Lang::Sv, n) => format!("Rummets skärmar: {n} × spar show"),
            (Lang::En, 1) => "Room screen: spar show".to_string(),
            (Lang::En, n) => format!("Room screens: {n} × spar show"),
        }
    }

    /// A waiting show: which folder it watches for a meeting to start in.
    pub fn show_waiting(&self, folder: &str) -> String {
        match self.lang {
            Lang::Sv => format!("Väntar på att en träff startar i {folder} …"),
            Lang::En => format!("Waiting for a meeting to start in {folder} …"),
        }
    }

    /// The show's closing screen, under "The meeting is over".
    pub fn show_thanks(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Tack för i dag!",
            Lang::En => "Thank you for today!",
        }
    }

    /// The show before the first timebox starts.
    pub fn show_about_to_start(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Träffen börjar snart",
            Lang::En => "The meeting starts soon",
        }
    }

    pub fn no_notes_yet(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Inga anteckningar än",
            Lang::En => "No notes yet",
        }
    }

    /// The console: the items after this one.
    pub fn coming_up(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Sedan",
            Lang::En => "Coming up",
        }
    }

    /// The console: how long ago a note-taker's journal last had a line.
    pub fn seen_ago(&self, seconds: i64) -> String {
        match (self.lang, seconds) {
            (Lang::Sv, s) if s < 60 => format!("{s} s sedan"),
            (Lang::Sv, s) => format!("{} min sedan", s / 60),
            (Lang::En, s) if s < 60 => format!("{s} s ago"),
            (Lang::En, s) => format!("{} min ago", s / 60),
        }
    }

    /// The console: nobody takes notes in their own terminal.
    pub fn no_note_takers(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "Ingen antecknar i egen terminal",
            Lang::En => "Nobody takes notes in a terminal of their own",
        }
    }

    /// The console: time left in the meeting, from the projection.
    pub fn meeting_left(&self, minutes: i64) -> String {
        match self.lang {
            Lang::Sv => format!("{minutes} min kvar av träffen"),
            Lang::En => format!("{minutes} min left of the meeting"),
        }
    }

    /// A breakout's groups on the room's screen: "Grupper: Siljan · Dalälven".
    pub fn groups_line(&self, groups: &[String]) -> String {
        match self.lang {
            Lang::Sv => format!("Grupper: {}", groups.join(" · ")),
            Lang::En => format!("Groups: {}", groups.join(" · ")),
        }
    }
}
