//! Reading JSON documents field by field, with messages that name the
//! file, the field path and what was wrong.
//!
//! The document is parsed once into a [`Value`] (by [`value::parse`],
//! which is smaller in the wasm than serde_json) and read by hand through
//! [`Obj`]. It stays hand-written for the publisher-facing files (index,
//! articles, config, API pages): its messages name the file, the field
//! path and the value exactly as docs/data-format.md promises, which
//! derived deserialisers wrapped for path tracking gave only at several
//! times the WebAssembly; this reader is one small piece of code shared by
//! every file type. Writing goes through serde ([`crate::bundle`]).

mod value;

pub(crate) use value::Value;
use value::{Map, Number};

use crate::date::Date;
use crate::error::DataError;
use crate::quote::quoted;

/// The bundle format version this code reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Parses `bytes` as one JSON document.
pub(crate) fn parse(bytes: &[u8], file: &str) -> Result<Value, DataError> {
    value::parse(bytes).map_err(|error| DataError::Syntax {
        file: file.to_owned(),
        reason: error.to_string(),
    })
}

/// Parses a document whose top level is an object with `"version": 1`.
pub(crate) fn parse_versioned(bytes: &[u8], file: &str) -> Result<Value, DataError> {
    let document = parse(bytes, file)?;
    let top = Obj::top(&document, file)?;
    let version = match top.map.get("version") {
        None => return Err(top.error("missing field `version`")),
        Some(value) => value.as_u64(),
    };
    match version {
        Some(FORMAT_VERSION) => Ok(document),
        Some(found) => Err(DataError::Version {
            file: file.to_owned(),
            found,
            supported: FORMAT_VERSION,
        }),
        None => Err(top.field_error("version", "expected a whole number")),
    }
}

/// A JSON object being read, and where it is.
pub(crate) struct Obj<'a> {
    map: &'a Map,
    file: &'a str,
    path: String,
}

impl<'a> Obj<'a> {
    /// The document's top level, which must be an object.
    pub(crate) fn top(value: &'a Value, file: &'a str) -> Result<Self, DataError> {
        Self::at(value, file, String::new())
    }

    /// `value` at `path`, which must be an object.
    pub(crate) fn at(value: &'a Value, file: &'a str, path: String) -> Result<Self, DataError> {
        match value {
            Value::Object(map) => Ok(Obj { map, file, path }),
            other => Err(error(
                file,
                &path,
                format!("expected an object, got {}", describe(other)),
            )),
        }
    }

    /// An error about this object as a whole.
    pub(crate) fn error(&self, reason: impl Into<String>) -> DataError {
        error(self.file, &self.path, reason.into())
    }

    /// An error about one of its fields.
    pub(crate) fn field_error(&self, key: &str, reason: impl Into<String>) -> DataError {
        error(self.file, &self.child(key), reason.into())
    }

    /// The path of a field, as `teasers[3].date`.
    pub(crate) fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// Refuses fields other than `allowed`: a misspelt setting should not
    /// be silently ignored.
    pub(crate) fn only(&self, allowed: &[&str]) -> Result<(), DataError> {
        match self.map.keys().find(|key| !allowed.contains(&key.as_str())) {
            Some(key) => Err(self.field_error(
                key,
                format!("unknown field, expected one of `{}`", allowed.join("`, `")),
            )),
            None => Ok(()),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    fn required(&self, key: &str) -> Result<&'a Value, DataError> {
        self.get(key)
            .ok_or_else(|| self.error(format!("missing field `{key}`")))
    }

    /// A required string.
    pub(crate) fn string(&self, key: &str) -> Result<String, DataError> {
        self.as_string(key, self.required(key)?)
    }

    /// An optional string (absent or `null` is `None`).
    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, DataError> {
        self.get(key).map(|v| self.as_string(key, v)).transpose()
    }

    fn as_string(&self, key: &str, value: &Value) -> Result<String, DataError> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => {
                Err(self.field_error(key, format!("expected a string, got {}", describe(other))))
            }
        }
    }

    /// An optional whole number from 0 to 4294967295.
    pub(crate) fn opt_u32(&self, key: &str) -> Result<Option<u32>, DataError> {
        self.get(key).map(|v| self.as_u32(key, v)).transpose()
    }

    /// A required whole number from 0 to 4294967295.
    pub(crate) fn u32(&self, key: &str) -> Result<u32, DataError> {
        self.as_u32(key, self.required(key)?)
    }

    fn as_u32(&self, key: &str, value: &Value) -> Result<u32, DataError> {
        value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                self.field_error(
                    key,
                    format!("expected a whole number, got {}", describe(value)),
                )
            })
    }

    /// A required ISO 8601 date.
    pub(crate) fn date(&self, key: &str) -> Result<Date, DataError> {
        let text = self.string(key)?;
        Date::parse(&text).ok_or_else(|| {
            self.field_error(
                key,
                format!("expected an ISO 8601 date, got {}", quoted(&text)),
            )
        })
    }

    /// The items of an array field with their paths; absent or `null` is
    /// empty unless `required`.
    pub(crate) fn items(
        &self,
        key: &str,
        required: bool,
    ) -> Result<Vec<(String, &'a Value)>, DataError> {
        let value = if required {
            self.required(key)?
        } else {
            match self.get(key) {
                Some(value) => value,
                None => return Ok(Vec::new()),
            }
        };
        match value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(position, item)| (format!("{}[{position}]", self.child(key)), item))
                .collect()),
            other => {
                Err(self.field_error(key, format!("expected an array, got {}", describe(other))))
            }
        }
    }

    /// An array of strings (absent is empty unless `required`).
    pub(crate) fn strings(&self, key: &str, required: bool) -> Result<Vec<String>, DataError> {
        let items = self.items(key, required)?;
        let mut strings = Vec::with_capacity(items.len());
        for (path, item) in items {
            match item {
                Value::String(text) => strings.push(text.clone()),
                other => {
                    return Err(error(
                        self.file,
                        &path,
                        format!("expected a string, got {}", describe(other)),
                    ))
                }
            }
        }
        Ok(strings)
    }

    /// An object field, read as a child.
    pub(crate) fn object(&self, key: &str) -> Result<Obj<'a>, DataError> {
        Obj::at(self.required(key)?, self.file, self.child(key))
    }

    /// An optional object field.
    pub(crate) fn opt_object(&self, key: &str) -> Result<Option<Obj<'a>>, DataError> {
        self.get(key)
            .map(|value| Obj::at(value, self.file, self.child(key)))
            .transpose()
    }

    /// The object's fields and their values, in the file's order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.map.entries()
    }

    /// The object's file name, for nested readers.
    pub(crate) fn file(&self) -> &'a str {
        self.file
    }
}

fn error(file: &str, path: &str, reason: String) -> DataError {
    DataError::Field {
        file: file.to_owned(),
        path: if path.is_empty() {
            "(top level)".to_owned()
        } else {
            path.to_owned()
        },
        reason,
    }
}

/// A value as a message shows it: whole numbers and strings as written,
/// other kinds by name. (Fractions are not printed: float formatting would
/// add kilobytes of wasm for an error message.)
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n @ Number::Whole { .. }) => n.to_string(),
        Value::Number(Number::Fractional) => "a fractional number".to_owned(),
        Value::String(s) => quoted(s),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<(String, Vec<u32>, Option<String>), String> {
        let document = parse(json.as_bytes(), "f.json").map_err(|e| e.to_string())?;
        let top = Obj::top(&document, "f.json").map_err(|e| e.to_string())?;
        let inner = top.object("inner").map_err(|e| e.to_string())?;
        let numbers = inner
            .items("numbers", true)
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|(path, item)| {
                Obj::at(item, "f.json", path)
                    .and_then(|o| o.u32("n"))
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;
        Ok((
            top.string("name").map_err(|e| e.to_string())?,
            numbers,
            top.opt_string("note").map_err(|e| e.to_string())?,
        ))
    }

    #[test]
    fn reads_fields_and_names_their_paths() {
        assert_eq!(
            read(r#"{"name": "a", "inner": {"numbers": [{"n": 1}, {"n": 2}]}}"#),
            Ok(("a".to_owned(), vec![1, 2], None))
        );
        assert_eq!(
            read(r#"{"name": "a", "inner": {"numbers": [{"n": 1}, {"n": -2}]}}"#),
            Err("f.json: inner.numbers[1].n: expected a whole number, got -2".to_owned())
        );
        assert_eq!(
            read(r#"{"name": 7, "inner": {"numbers": []}}"#),
            Err("f.json: name: expected a string, got 7".to_owned())
        );
        assert_eq!(
            read(r#"{"name": 7.5, "inner": {"numbers": []}}"#),
            Err("f.json: name: expected a string, got a fractional number".to_owned())
        );
        assert_eq!(
            read(r#"{"name": "a", "inner": {"numbers": [{"m": 1}]}}"#),
            Err("f.json: inner.numbers[0]: missing field `n`".to_owned())
        );
        assert_eq!(
            read(r#"{"name": "a", "inner": {"numbers": {}}}"#),
            Err("f.json: inner.numbers: expected an array, got an object".to_owned())
        );
        assert_eq!(
            read(r#"{"name": "a", "inner": [], "note": "n"}"#),
            Err("f.json: inner: expected an object, got an array".to_owned())
        );
        assert_eq!(
            read("[true]"),
            Err("f.json: (top level): expected an object, got an array".to_owned())
        );
        assert_eq!(
            read(r#"{"name": "a", "inner": {"numbers": []}, "note": null}"#),
            Ok(("a".to_owned(), vec![], None))
        );
    }

    #[test]
    fn broken_json_keeps_its_position() {
        let text = read(r#"{"name": "#).unwrap_err();
        assert!(
            text.starts_with("f.json: not valid JSON (EOF while parsing a value at line 1"),
            "{text}"
        );
        let text = read(r#"{"name": "a"} []"#).unwrap_err();
        assert!(
            text.starts_with("f.json: not valid JSON (trailing characters"),
            "{text}"
        );
    }

    #[test]
    fn versions_are_checked_first() {
        let version = |json: &str| {
            parse_versioned(json.as_bytes(), "f.json")
                .map(drop)
                .map_err(|e| e.to_string())
        };
        assert_eq!(version(r#"{"version": 1}"#), Ok(()));
        assert_eq!(
            version(r#"{"version": 2}"#),
            Err("f.json: format version 2 is not supported (this app reads version 1)".to_owned())
        );
        assert_eq!(
            version("{}"),
            Err("f.json: (top level): missing field `version`".to_owned())
        );
        assert_eq!(
            version(r#"{"version": "1"}"#),
            Err("f.json: version: expected a whole number".to_owned())
        );
    }
}
