//! A JSON document as the readers need it, and the parser that makes one.
//!
//! The data files only ever need strings, whole numbers, booleans, arrays
//! and objects, read field by field. serde_json parsed them into its
//! `Value` through serde's generic visitors, with float parsing, a
//! `BTreeMap` per object and `std::io` error texts: about 5 KB of the
//! wasm after brotli (measured: 140.8 → 134.7 KB) for work this small
//! parser does in one pass over the bytes. Messages follow serde_json's
//! wording ("EOF while parsing an object at line 12 column 0") so they
//! read the same to publishers; the tests compare the two parsers.

use std::fmt;

/// Objects nested deeper than this are refused (as serde_json does), so
/// a hostile file cannot exhaust the stack.
const DEPTH_LIMIT: usize = 128;

/// One JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

impl Value {
    /// Whether this is `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as a whole number from 0 up, if it is one.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Whole {
                negative: false,
                magnitude,
            }) => Some(*magnitude),
            _ => None,
        }
    }
}

/// A number: whole numbers are kept exactly; anything with a fraction or
/// an exponent, or too large for 64 bits, only as being one (no reader
/// needs its value, and float parsing is kilobytes of wasm).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A whole number, `-magnitude` when `negative`.
    Whole { negative: bool, magnitude: u64 },
    /// A number with a fraction or exponent, or out of 64-bit range.
    Fractional,
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Whole {
                negative,
                magnitude,
            } => {
                if *negative && *magnitude != 0 {
                    f.write_str("-")?;
                }
                write!(f, "{magnitude}")
            }
            Number::Fractional => f.write_str("a fractional number"),
        }
    }
}

/// An object's fields in the order the file gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Map(Vec<(String, Value)>);

impl Map {
    /// The value of `key`; the last one when the key repeats, as with
    /// serde_json.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The fields and their values, in file order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(key, value)| (key, value))
    }

    /// The keys, in file order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

/// Why a document is not JSON, with where: `EOF while parsing a value at
/// line 1 column 9`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    what: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

/// Parses `bytes` as one JSON document (UTF-8, whitespace around it).
pub(crate) fn parse(bytes: &[u8]) -> Result<Value, SyntaxError> {
    let mut parser = Parser { bytes, at: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < bytes.len() {
        parser.at += 1;
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
}

impl Parser<'_> {
    /// An error at the last byte read: lines count from 1, columns are
    /// bytes since the line began (0 right after a newline).
    fn error(&self, what: &'static str) -> SyntaxError {
        let seen = &self.bytes[..self.at.min(self.bytes.len())];
        let line_start = seen.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        SyntaxError {
            what,
            line: 1 + seen.iter().filter(|&&b| b == b'\n').count(),
            column: seen.len() - line_start,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.skip_whitespace();
        let Some(first) = self.peek() else {
            return Err(self.error("EOF while parsing a value"));
        };
        match first {
            b'{' | b'[' if depth + 1 >= DEPTH_LIMIT => {
                self.at += 1;
                Err(self.error("recursion limit exceeded"))
            }
            b'{' => self.object(depth + 1).map(Value::Object),
            b'[' => self.array(depth + 1).map(Value::Array),
            b'"' => {
                self.at += 1;
                self.string().map(Value::String)
            }
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'n' => self.word("null", Value::Null),
            _ => {
                self.at += 1;
                Err(self.error("expected value"))
            }
        }
    }

    fn word(&mut self, word: &'static str, value: Value) -> Result<Value, SyntaxError> {
        for &expected in word.as_bytes() {
            match self.next() {
                Some(byte) if byte == expected => {}
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Value>, SyntaxError> {
        self.at += 1; // [
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(items);
        }
        if self.peek().is_none() {
            return Err(self.error("EOF while parsing a list"));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.next() {
                Some(b',') => {
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => return Ok(items),
                Some(_) => return Err(self.error("expected `,` or `]`")),
                None => return Err(self.error("EOF while parsing a list")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Map, SyntaxError> {
        self.at += 1; // {
        let mut fields = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Map(fields));
        }
        loop {
            match self.next() {
                Some(b'"') => {}
                Some(b'}') if !fields.is_empty() => return Err(self.error("trailing comma")),
                Some(_) => return Err(self.error("key must be a string")),
                None if fields.is_empty() => return Err(self.error("EOF while parsing an object")),
                None => return Err(self.error("EOF while parsing a value")),
            }
            let key = self.string()?;
            self.skip_whitespace();
            match self.next() {
                Some(b':') => {}
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let value = self.value(depth)?;
            fields.push((key, value));
            self.skip_whitespace();
            match self.next() {
                Some(b',') => self.skip_whitespace(),
                Some(b'}') => return Ok(Map(fields)),
                Some(_) => return Err(self.error("expected `,` or `}`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
        }
    }

    /// A string's contents after its opening quote, escapes resolved.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let mut out = Vec::new();
        loop {
            // Copy the run of ordinary bytes at once.
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(self.bytes.len() - self.at);
            out.extend_from_slice(&self.bytes[self.at..self.at + run]);
            self.at += run;
            match self.next() {
                Some(b'"') => break,
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
        String::from_utf8(out).map_err(|_| self.error("invalid unicode code point"))
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), SyntaxError> {
        let simple = match self.next() {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                let c = self.unicode_escape()?;
                let mut buffer = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                return Ok(());
            }
            Some(_) => return Err(self.error("invalid escape")),
            None => return Err(self.error("EOF while parsing a string")),
        };
        out.push(simple);
        Ok(())
    }

    /// The character of a `\uXXXX` escape (the `\u` read), joining a
    /// surrogate pair written as two escapes.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.next() != Some(b'\\') || self.next() != Some(b'u') {
                    return Err(self.error("unexpected end of hex escape"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("lone leading surrogate in hex escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone leading surrogate in hex escape")),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        if self.bytes.len() - self.at < 4 {
            self.at = self.bytes.len();
            return Err(self.error("EOF while parsing a string"));
        }
        let digits = &self.bytes[self.at..self.at + 4];
        self.at += 4;
        let mut code = 0;
        for &byte in digits {
            let digit = (byte as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + digit;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Number, SyntaxError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut magnitude: Option<u64> = Some(0);
        match self.next() {
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    self.at += 1;
                    return Err(self.error("invalid number"));
                }
            }
            Some(digit @ b'1'..=b'9') => {
                magnitude = Some(u64::from(digit - b'0'));
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    self.at += 1;
                    magnitude = magnitude
                        .and_then(|m| m.checked_mul(10))
                        .and_then(|m| m.checked_add(u64::from(digit - b'0')));
                }
            }
            Some(_) => return Err(self.error("invalid number")),
            None => return Err(self.error("EOF while parsing a value")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            whole = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.digits()?;
        }
        Ok(match magnitude {
            // -0 is a whole number too; i64's range ends at -2^63.
            Some(magnitude) if whole && (!negative || magnitude <= 1 << 63) => Number::Whole {
                negative,
                magnitude,
            },
            _ => Number::Fractional,
        })
    }

    /// One or more digits.
    fn digits(&mut self) -> Result<(), SyntaxError> {
        match self.next() {
            Some(b'0'..=b'9') => {}
            Some(_) => return Err(self.error("invalid number")),
            None => return Err(self.error("EOF while parsing a value")),
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
