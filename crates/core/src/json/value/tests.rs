//! The parser against serde_json: the same documents accepted, the same
//! values read, and the same wording for the same mistakes.

use proptest::prelude::*;

use super::{parse, Map, Number, Value};

/// serde_json's value in this module's terms.
fn from_serde(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(match (n.as_u64(), n.as_i64()) {
            (Some(magnitude), _) => Number::Whole {
                negative: false,
                magnitude,
            },
            (None, Some(i)) => Number::Whole {
                negative: true,
                magnitude: i.unsigned_abs(),
            },
            _ => Number::Fractional,
        }),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(from_serde).collect()),
        serde_json::Value::Object(map) => Value::Object(Map(map
            .iter()
            .map(|(k, v)| (k.clone(), from_serde(v)))
            .collect())),
    }
}

/// Both parsers' verdicts on `text`: the value, or the error's wording.
fn both(text: &str) -> (Result<Value, String>, Result<Value, String>) {
    let ours = parse(text.as_bytes()).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<serde_json::Value>(text)
        .map(|v| from_serde(&v))
        .map_err(|e| e.to_string());
    (ours, theirs)
}

/// The same fields as serde_json, compared by key (serde_json sorts them).
fn same(ours: &Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.sort();
            keys.dedup();
            keys.len() == b.0.len()
                && keys.iter().all(|k| match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => same(x, y),
                    _ => false,
                })
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (
            Value::Number(Number::Whole { magnitude: 0, .. }),
            Value::Number(Number::Whole { magnitude: 0, .. }),
        ) => true,
        _ => ours == theirs,
    }
}

#[test]
fn reads_what_serde_json_reads() {
    for text in [
        r#"{"a": 1, "b": [true, false, null], "c": {"d": "e"}}"#,
        r#"  [ 0, -1, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809 ] "#,
        r#"[1.5, 1e3, -2E-2, 0.0, 10]"#,
        r#""\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 Perú""#,
        r#"{"dup": 1, "dup": 2}"#,
        "{}",
        "[]",
        "\"\"",
        "[[[[[]]]]]",
    ] {
        let (ours, theirs) = both(text);
        let (Ok(ours), Ok(theirs)) = (&ours, &theirs) else {
            panic!("{text}: {ours:?} / {theirs:?}");
        };
        assert!(same(ours, theirs), "{text}: {ours:?} / {theirs:?}");
    }
    assert_eq!(
        parse(br#"{"dup": 1, "dup": 2}"#).map(|v| match v {
            Value::Object(map) => map.get("dup").and_then(Value::as_u64),
            _ => None,
        }),
        Ok(Some(2))
    );
}

#[test]
fn words_mistakes_as_serde_json_does() {
    for text in [
        "",
        "   ",
        "{",
        r#"{"a""#,
        r#"{"a":"#,
        r#"{"a": 1"#,
        r#"{"a": 1,"#,
        r#"{"a": 1,}"#,
        r#"{"a" 1}"#,
        r#"{"a": 1 "b": 2}"#,
        "{1: 2}",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[1 2]",
        "\"abc",
        "\"a\tb\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\u12G4""#,
        r#""\ud800""#,
        r#""\ud800\u0041""#,
        r#""\udc00""#,
        "tru",
        "trux",
        "nul",
        "-",
        "-a",
        "01",
        "1.",
        "1.e5",
        "1e",
        "1e+",
        "+1",
        "[1] [2]",
        "{}\n\n x",
        "{\n  \"a\": [1,\n  2,\n  }\n}",
        "@",
    ] {
        let (ours, theirs) = both(text);
        assert_eq!(ours, theirs, "{text:?}");
    }
}

#[test]
fn refuses_deep_nesting_and_invalid_utf8() {
    let deep = "[".repeat(200) + &"]".repeat(200);
    let (ours, theirs) = both(&deep);
    assert_eq!(ours, theirs);
    assert!(parse(b"\"\xff\"").is_err());
    assert!(serde_json::from_slice::<serde_json::Value>(b"\"\xff\"").is_err());
}

/// Arbitrary JSON values, written out by serde_json.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| n.into()),
        any::<u64>().prop_map(|n| n.into()),
        (-1e6f64..1e6).prop_map(|f| f.into()),
        ".*".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_document_reads_the_same(value in json(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        let text = text.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ours = parse(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(same(&ours, &from_serde(&value)), "{}", text);
    }

    #[test]
    fn any_text_is_judged_the_same(text in r#"[\[\]{}",:0-9.eE+\-tfrulnas\\ \n]{0,24}"#) {
        let (ours, theirs) = both(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert!(same(a, b), "{:?}: {:?} / {:?}", text, a, b),
            _ => prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours, theirs),
        }
    }
}
