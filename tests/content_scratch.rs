// Throwaway: checks the shipped content parses and adds up. Delete when done.
use spar::session::parse::{parse_session, parse_track};
use spar::session::{ItemKind, Session, Track, Turns};
use std::collections::HashSet;
use std::fs;
use std::path::Path;

fn weekday(date: &str) -> u32 {
    // Zeller-ish: Sakamoto's algorithm, 0 = Sunday
    let y: i32 = date[0..4].parse().unwrap();
    let m: i32 = date[5..7].parse().unwrap();
    let d: i32 = date[8..10].parse().unwrap();
    let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    ((y + y / 4 - y / 100 + y / 400 + t[(m - 1) as usize] + d) % 7) as u32
}

fn check_session(s: &Session, strict: bool) -> u32 {
    let total = s.planned_minutes();
    if strict {
        assert!((120..=180).contains(&total), "{}: total {}", s.id, total);
        assert!((3..=4).contains(&s.groups.len()), "{}: groups", s.id);
        assert!(s.agenda.iter().any(|i| matches!(i.kind, ItemKind::Break)), "{}: no break", s.id);
        let date = s.date.as_deref().unwrap();
        let wd = weekday(date);
        assert!((1..=5).contains(&wd), "{}: {} not a weekday ({})", s.id, date, wd);
        assert!(!s.prework.is_empty(), "{}: no prework", s.id);
        for l in &s.prework {
            assert!(l.url.starts_with("https://digiteket.se/"), "{}: {}", s.id, l.url);
        }
    }
    let st = &s.start;
    assert!(st.len() == 5 && &st[2..3] == ":", "{}: start {}", s.id, st);
    for i in &s.agenda {
        let q: u32 = i.questions.iter().map(|q| q.minutes).sum();
        assert!(q <= i.minutes, "{} / {}: questions {} > {}", s.id, i.title, q, i.minutes);
        if let Some(r) = &i.round {
            let n = match &r.turns {
                Turns::Groups => s.groups.len(),
                Turns::Names(n) => n.len(),
            } as u32;
            assert!(n * r.minutes_each <= i.minutes, "{} / {}: round {}x{} > {}", s.id, i.title, n, r.minutes_each, i.minutes);
        }
        assert!(!i.title.contains('!') && !i.notes.as_deref().unwrap_or("").contains('!'));
    }
    total
}

fn print(s: &Session) {
    let total = s.planned_minutes();
    println!("\n{} — {} — {} {} {} ({} min)", s.id, s.title, s.term, s.date.as_deref().unwrap_or("-"), s.start, total);
    let (h, m): (u32, u32) = (s.start[0..2].parse().unwrap(), s.start[3..5].parse().unwrap());
    let mut t = h * 60 + m;
    for i in &s.agenda {
        let k = format!("{:?}", i.kind);
        let k = k.split(|c| c == ' ' || c == '{').next().unwrap().to_string();
        println!("  {:02}:{:02} {:>3} min  {:<10} {}", t / 60, t % 60, i.minutes, k, i.title);
        for q in &i.questions {
            println!("                         · {} ({} min)", q.text, q.minutes);
        }
        t += i.minutes;
    }
    println!("  {:02}:{:02} end", t / 60, t % 60);
}

#[test]
fn shipped_content() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let track: Track = parse_track(&fs::read_to_string(dir.join("dalasparet.ron")).unwrap())
        .unwrap_or_else(|e| panic!("dalasparet.ron: {e}"));
    for l in &track.prework {
        assert!(l.url.starts_with("https://digiteket.se/"));
    }
    assert_eq!(track.goals.len(), 4);
    let mut ids = HashSet::new();
    let mut all_text = String::new();
    all_text.push_str(&fs::read_to_string(dir.join("dalasparet.ron")).unwrap());
    for (n, id) in track.meetings.iter().enumerate() {
        let path = dir.join(format!("{id}.ron"));
        let text = fs::read_to_string(&path).unwrap();
        all_text.push_str(&text);
        let s = parse_session(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(&s.id, id);
        assert_eq!(s.track, "dalasparet");
        assert!(ids.insert(s.id.clone()));
        check_session(&s, true);
        let has_recap = s.agenda.iter().any(|i| matches!(i.kind, ItemKind::Recap));
        assert_eq!(has_recap, n > 0, "{id}: recap");
        assert_eq!(s.term, if n < 3 { "Hösten 2020" } else { "Våren 2021" });
        print(&s);
    }
    // every .ron in sessions is accounted for
    for e in fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "ron") {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
            assert!(stem == "dalasparet" || ids.contains(&stem), "stray {stem}");
        }
    }
    // seed phrases present (normalised whitespace)
    let flat: String = all_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let seed = [
        "Digitalt först med användaren i fokus", "Kungliga biblioteket", "regionala biblioteksverksamheterna",
        "kommunernas folkbibliotek", "digiteket.se", "Katarina Gidlund", "Mittuniversitetet",
        "Digitalisering vet en väl vad det är", "Peter Möller", "Region Dalarna",
        "Om nuläget och framtida utmaningar för Dalarna ur ett samhälls- och hållbarhetsperspektiv",
        "Vi tittar på vårt samhälle från ett digitalt perspektiv.",
        "Vilka utmaningar har vi när det gäller det etiska, filosofiska, tekniska och kring tillgänglighet?",
        "Vad har vi för lösningar?", "Hur ser vi till att prata om samma saker?", "Definiera begrepp",
        "Vad är vårt digitala uppdrag?", "Vad behöver vi för kunskaper?", "Hur ser det ut på ditt bibliotek?",
        "Vi reflekterar kring vårt digitala uppdrag.", "Hur ser det ut idag?",
        "Vilken digital verksamhet vill vi bedriva?", "Vilken kunskap behöver vi?", "Hur får vi med alla?",
        "Hur skapar vi engagemang, motivation och trygghet?", "Vi tittar på exempel",
        "hur vi lär oss tillsammans", "Vi reflekterar utifrån allt vi pratat om",
        "synas i vår egen kommun", "verksamhet som syns även inåt",
        "Vad är digitalisering, digital transformation och digital mognad?",
        "Hur ser vårt digitala uppdrag ut? (Med omvärldsbevakning)",
        "En lärande organisation (Hur får vi till det hemma)", "Driva frågor uppåt och inåt i kommunen",
        "Det digitala samhället (Etiskt, filosofiskt och tekniskt)", "Kick off",
    ];
    for p in seed {
        assert!(flat.contains(p), "seed phrase missing: {p}");
    }
    assert!(!all_text.contains('!'), "exclamation mark");
}

#[test]
fn readme_examples() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/README.md")).unwrap();
    let block = |marker: &str| -> String {
        let at = readme.find(marker).unwrap_or_else(|| panic!("no {marker}"));
        let rest = &readme[at..];
        let start = rest.find("```ron\n").unwrap() + 7;
        let end = rest[start..].find("```").unwrap();
        rest[start..start + end].to_string()
    };
    let t = parse_track(&block("<!-- example: track.ron -->")).unwrap_or_else(|e| panic!("track example: {e}"));
    let s = parse_session(&block("<!-- example: session.ron -->")).unwrap_or_else(|e| panic!("session example: {e}"));
    assert_eq!(s.track, t.id);
    assert!(t.meetings.contains(&s.id));
    let total = check_session(&s, false);
    print(&s);
    println!("example total {total}");
}
