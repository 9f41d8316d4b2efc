//! Where the fields and list entries of a parsed RON file are written: a [`Locator`] builds a
//! tree of positions with the lexer, and finds the place of a path of [`Seg`]s in it.

use super::lexer::{Lexer, Tok};
use super::{Pos, RECURSION_LIMIT};

#[derive(Debug)]
struct Node {
    pos: Pos,
    kind: NodeKind,
}

#[derive(Debug)]
enum NodeKind {
    Atom,
    /// `Name(field: value, …)` or `(field: value, …)`: each field's name, the position of
    /// the name, and its value.
    Fields(Vec<(String, Node)>),
    /// `[a, b]`, `Name(a, b)` or `(a, b)`.
    Items(Option<String>, Vec<Node>),
}

/// One step of a path to a place in a file: a field of a struct or an entry of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

/// Where the fields and list entries of a (parsed) RON file are written.
#[derive(Debug)]
pub struct Locator {
    root: Option<Node>,
}

/// Deeper than this, the locator stops building its tree (the parser allows far less).
const LOCATOR_DEPTH: usize = 2 * RECURSION_LIMIT;

impl Locator {
    pub fn new(text: &str) -> Locator {
        let mut lexer = Lexer::new(text);
        let root = match lexer.clone().next().1 {
            Tok::End => None,
            _ => Some(tree(&mut lexer, 0)),
        };
        Locator { root }
    }

    /// The position of the value at `path`, or of the deepest part of it that exists; `None`
    /// when not even the first step exists.
    pub fn locate(&self, path: &[Seg]) -> Option<Pos> {
        let mut node = self.root.as_ref()?;
        let mut found = None;
        for seg in path {
            node = unwrap_some(node);
            let next = match (seg, &node.kind) {
                (Seg::Field(name), NodeKind::Fields(fields)) => fields
                    .iter()
                    .rev()
                    .find(|(field, _)| field == name)
                    .map(|(_, value)| value),
                (Seg::Index(i), NodeKind::Items(_, items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => {
                    node = next;
                    found = Some(next.pos);
                }
                None => break,
            }
        }
        found
    }
}

/// `Some(x)` is written for optional values but also left out (implicit_some): look through it.
fn unwrap_some(mut node: &Node) -> &Node {
    while let NodeKind::Items(Some(name), items) = &node.kind {
        match items.as_slice() {
            [inner] if name == "Some" => node = inner,
            _ => break,
        }
    }
    node
}

fn tree(lexer: &mut Lexer<'_>, depth: usize) -> Node {
    let (pos, tok) = lexer.next();
    let atom = Node {
        pos,
        kind: NodeKind::Atom,
    };
    if depth > LOCATOR_DEPTH {
        return atom;
    }
    match tok {
        Tok::Ident(name) => {
            if lexer.clone().next().1 == Tok::Punct('(') {
                lexer.next();
                let kind = parens(lexer, Some(name.to_string()), depth);
                Node { pos, kind }
            } else {
                atom
            }
        }
        Tok::Punct('(') => Node {
            pos,
            kind: parens(lexer, None, depth),
        },
        Tok::Punct('[') => Node {
            pos,
            kind: NodeKind::Items(None, items(lexer, ']', depth)),
        },
        Tok::Punct('{') => {
            // Maps do not occur in the format; skip over the braces.
            items(lexer, '}', depth);
            atom
        }
        _ => atom,
    }
}

/// The inside of `( … )` after the opening parenthesis: fields if it starts with `name:`.
fn parens(lexer: &mut Lexer<'_>, name: Option<String>, depth: usize) -> NodeKind {
    let mut ahead = lexer.clone();
    let is_struct = matches!(ahead.next().1, Tok::Ident(_)) && ahead.next().1 == Tok::Punct(':');
    if !is_struct {
        return NodeKind::Items(name, items(lexer, ')', depth));
    }
    let mut fields = Vec::new();
    loop {
        match lexer.clone().next().1 {
            Tok::End => break,
            Tok::Punct(')') => {
                lexer.next();
                break;
            }
            Tok::Punct(',') => {
                lexer.next();
            }
            Tok::Ident(field) => {
                lexer.next();
                if lexer.clone().next().1 == Tok::Punct(':') {
                    lexer.next();
                    let value = tree(lexer, depth + 1);
                    fields.push((field.to_string(), value));
                }
            }
            _ => {
                lexer.next();
            }
        }
    }
    NodeKind::Fields(fields)
}

fn items(lexer: &mut Lexer<'_>, close: char, depth: usize) -> Vec<Node> {
    let mut items = Vec::new();
    loop {
        match lexer.clone().next().1 {
            Tok::End => break,
            Tok::Punct(c) if c == close => {
                lexer.next();
                break;
            }
            Tok::Punct(',') | Tok::Punct(')') | Tok::Punct(']') | Tok::Punct('}') => {
                lexer.next();
            }
            _ => items.push(tree(lexer, depth + 1)),
        }
    }
    items
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::file_kind;
    use super::*;

    pub(in crate::session::parse) const TEXT: &str = r##"// A comment with Track( in it
Session(
    id: "x", /* block /* nested */ comment */
    title: r#"raw "quoted" text"#,
    agenda: [
        Item(kind: Talk(speaker: "Å", affiliation: "b"), minutes: 5),
        Item(kind: Break, minutes: 10, round: Some(Round(minutes_each: 2, turns: Names(["a"])))),
    ],
)
"##;

    pub(in crate::session::parse) fn at(line: usize, col: usize) -> Option<Pos> {
        Some(Pos { line, col })
    }

    #[test]
    fn locates_fields_and_entries() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.locate(&[Seg::Field("id")]), at(3, 9));
        assert_eq!(loc.locate(&[Seg::Field("title")]), at(4, 12));
        assert_eq!(
            loc.locate(&[Seg::Field("agenda"), Seg::Index(1), Seg::Field("minutes")]),
            at(7, 36)
        );
        assert_eq!(
            loc.locate(&[
                Seg::Field("agenda"),
                Seg::Index(0),
                Seg::Field("kind"),
                Seg::Field("speaker")
            ]),
            at(6, 34)
        );
        assert_eq!(
            loc.locate(&[
                Seg::Field("agenda"),
                Seg::Index(1),
                Seg::Field("round"),
                Seg::Field("minutes_each")
            ]),
            at(7, 72)
        );
        // The deepest part that exists.
        assert_eq!(
            loc.locate(&[Seg::Field("agenda"), Seg::Index(1), Seg::Field("questions")]),
            at(7, 9)
        );
        assert_eq!(loc.locate(&[Seg::Field("nothing")]), None);
    }

    #[test]
    fn scanner_survives_anything() {
        for text in [
            "", "\"", "r#\"", "'", "/*", "(((", "[[[", "a(b:", "b'", "r#x", "))]]",
        ] {
            let _ = Locator::new(text).locate(&[Seg::Field("a"), Seg::Index(0)]);
            let _ = file_kind(text);
        }
        let deep = "[".repeat(100_000);
        assert_eq!(Locator::new(&deep).locate(&[Seg::Index(0)]), at(1, 2));
    }
}
