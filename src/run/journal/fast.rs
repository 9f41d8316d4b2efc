//! A fast reader for exactly the compact RON that `ron::to_string` writes for serde-derived
//! structs and enums: `(field:value,…)`, `Variant`, `Variant(field:value,…)`, `Variant(value)`,
//! `None`, `Some(…)`, `[…]`, `()`, `true`/`false`, decimal integers and `"…"` strings with the
//! escapes `char::escape_debug` makes. No whitespace, comments, floats, maps, raw strings or
//! extensions: on anything it does not know it gives up (`None`) and the caller falls back to
//! the full RON parser. The tests (`line.rs`) check that whatever it accepts, RON reads the same.
//!
//! Why it is hand-written, and kept: a run of 100,000 events must open in under 300 ms, and
//! `ron` alone does not even read them in that time. `cargo bench --bench storage -- load_100k`
//! (`RunDir::load`, 24.6 MB in four journals, 2 shared cores): this reader best 131 ms, median
//! 154 ms; the same binary with only `ron` best 488 ms, median 561 ms, before the fold (about
//! 55 ms, `benches/stage.rs`). The time is in parsing, not in finding line ends (eight bytes at
//! a time already), so `memchr` in front of `ron` cannot close that gap.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// Reading failed; the reason does not matter, the caller asks the full parser.
#[derive(Debug)]
pub struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not compact RON")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        GiveUp
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

const MAX_DEPTH: usize = 64;

pub(super) fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut de = Reader {
        text,
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut de).ok()?;
    (de.pos == text.len()).then_some(value)
}

struct Reader<'de> {
    text: &'de str,
    pos: usize,
    depth: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.pos += usize::from(found);
        found
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) { Ok(()) } else { Err(GiveUp) }
    }

    fn ident(&mut self) -> Result<&'de str> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if !bytes.get(start).copied().is_some_and(is_ident_start) {
            return Err(GiveUp);
        }
        let len = bytes[start..].iter().take_while(|&&b| is_ident(b)).count();
        self.pos += len;
        // `r#raw` identifiers and the like are for the full parser.
        if self.peek() == Some(b'#') {
            return Err(GiveUp);
        }
        Ok(&self.text[start..start + len])
    }

    /// The keyword `word`, not followed by more identifier characters.
    fn keyword(&mut self, word: &str) -> bool {
        let rest = &self.text.as_bytes()[self.pos..];
        if rest.starts_with(word.as_bytes()) && !rest.get(word.len()).copied().is_some_and(is_ident)
        {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(GiveUp);
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    /// A decimal integer without sign (`-` handled by the caller), `0` or without leading zeros.
    fn digits(&mut self) -> Result<u64> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if len == 0 || (len > 1 && bytes[start] == b'0') {
            return Err(GiveUp);
        }
        if bytes
            .get(start + len)
            .copied()
            .is_some_and(|b| is_ident(b) || b == b'.')
        {
            return Err(GiveUp); // suffixes, floats, `1_000`: the full parser's business
        }
        let mut n: u64 = 0;
        for &b in &bytes[start..start + len] {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(b - b'0')))
                .ok_or(GiveUp)?;
        }
        self.pos += len;
        Ok(n)
    }

    fn integer<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        if self.eat(b'-') {
            let n = self.digits()?;
            if n == 0 {
                return Err(GiveUp); // `-0`: leave it to the full parser
            }
            let value = 0i64.checked_sub_unsigned(n).ok_or(GiveUp)?;
            visitor.visit_i64(value)
        } else {
            visitor.visit_u64(self.digits()?)
        }
    }

    fn string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.expect(b'"')?;
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let plain = bytes[start..]
            .iter()
            .take_while(|&&b| b != b'"' && b != b'\\' && b >= 0x20 && b != 0x7f)
            .count();
        match bytes.get(start + plain) {
            Some(b'"') => {
                self.pos = start + plain + 1;
                return visitor.visit_borrowed_str(&self.text[start..start + plain]);
            }
            Some(b'\\') => {}
            _ => return Err(GiveUp),
        }
        let mut out = String::with_capacity(plain + 16);
        out.push_str(&self.text[start..start + plain]);
        self.pos = start + plain;
        loop {
            let rest = &self.text[self.pos..];
            let run = rest
                .bytes()
                .take_while(|&b| b != b'"' && b != b'\\' && b >= 0x20 && b != 0x7f)
                .count();
            out.push_str(&rest[..run]);
            self.pos += run;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return visitor.visit_string(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(GiveUp),
            }
        }
    }

    /// After a `\`: the escapes `char::escape_debug` writes.
    fn escape(&mut self) -> Result<char> {
        let b = self.peek().ok_or(GiveUp)?;
        self.pos += 1;
        Ok(match b {
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'\\' => '\\',
            b'"' => '"',
            b'\'' => '\'',
            b'u' => {
                self.expect(b'{')?;
                let bytes = self.text.as_bytes();
                let len = bytes[self.pos..]
                    .iter()
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                if !(1..=6).contains(&len) {
                    return Err(GiveUp);
                }
                let hex = &self.text[self.pos..self.pos + len];
                self.pos += len;
                self.expect(b'}')?;
                let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
                char::from_u32(code).ok_or(GiveUp)?
            }
            _ => return Err(GiveUp),
        })
    }
}

/// Fields of a struct (or struct variant) until `)`.
struct Fields<'a, 'de> {
    de: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.de.peek() == Some(b')') {
            return Ok(None);
        }
        if !std::mem::take(&mut self.first) {
            self.de.expect(b',')?;
        }
        let name = self.de.ident()?;
        self.de.expect(b':')?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }
}

/// Elements until `end`.
struct Elements<'a, 'de> {
    de: &'a mut Reader<'de>,
    end: u8,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.de.peek() == Some(self.end) {
            return Ok(None);
        }
        if !std::mem::take(&mut self.first) {
            self.de.expect(b',')?;
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

struct Variant<'a, 'de> {
    de: &'a mut Reader<'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.de.ident()?;
        let value = seed.deserialize(name.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<()> {
        // Followed by `,`, `)`, `]` or the end, never by `(`.
        if self.de.peek() == Some(b'(') {
            Err(GiveUp)
        } else {
            Ok(())
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.de.expect(b'(')?;
        let value = seed.deserialize(&mut *self.de)?;
        self.de.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.de.expect(b'(')?;
        let value = visitor.visit_seq(Elements {
            de: &mut *self.de,
            end: b')',
            first: true,
        })?;
        self.de.expect(b')')?;
        Ok(value)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.de.expect(b'(')?;
        let value = visitor.visit_map(Fields {
            de: &mut *self.de,
            first: true,
        })?;
        self.de.expect(b')')?;
        Ok(value)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("true") {
            visitor.visit_bool(true)
        } else if self.keyword("false") {
            visitor.visit_bool(false)
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.integer(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.keyword("None") {
            visitor.visit_none()
        } else if self.keyword("Some") {
            self.expect(b'(')?;
            let value = self.nested(|de| visitor.visit_some(&mut *de))?;
            self.expect(b')')?;
            Ok(value)
        } else {
            Err(GiveUp)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.expect(b')')?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = self.nested(|de| {
            visitor.visit_seq(Elements {
                de,
                end: b']',
                first: true,
            })
        })?;
        self.expect(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = self.nested(|de| visitor.visit_map(Fields { de, first: true }))?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|de| visitor.visit_enum(Variant { de }))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GiveUp)
    }
}
