//! Property tests: no input makes the readers panic. Whatever the bytes,
//! the answer is data or an error that names the file.

use broadsheet_core::{parse_api_page, parse_article, parse_config, parse_index, DataError, Index};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Field names the readers look for, so generated objects reach past the
/// first missing field.
const KEYS: &[&str] = &[
    "version",
    "site",
    "title",
    "authors",
    "categories",
    "tags",
    "teasers",
    "parts",
    "slug",
    "name",
    "date",
    "excerpt",
    "image",
    "src",
    "alt",
    "width",
    "height",
    "reading_minutes",
    "article",
    "body_html",
    "language",
    "affiliation",
    "description",
    "page_size",
    "source",
    "bundle",
    "total",
    "api",
    "site_title",
    "url",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        Just(json!(1)),
        Just(json!("2022-12-08")),
        Just(json!("a-slug")),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn names_its_file(error: &DataError, file: &str) -> bool {
    error.to_string().starts_with(&format!("{file}: "))
}

fn read_everything(bytes: &[u8]) {
    match parse_index(bytes, "index.json") {
        Ok(mut index) => {
            assert!(index
                .skipped
                .iter()
                .all(|e| names_its_file(e, "index.json")));
            let _ = index.add_part(bytes, "part.json");
        }
        Err(error) => assert!(names_its_file(&error, "index.json"), "{error}"),
    }
    if let Err(error) = parse_article(bytes, "a.json") {
        assert!(names_its_file(&error, "a.json"), "{error}");
    }
    match parse_api_page(bytes, "api") {
        Ok(page) => assert!(page.skipped.iter().all(|e| names_its_file(e, "api"))),
        Err(error) => assert!(names_its_file(&error, "api"), "{error}"),
    }
    if let Err(error) = parse_config(bytes, "config.json") {
        assert!(names_its_file(&error, "config.json"), "{error}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        read_everything(&bytes);
    }

    #[test]
    fn arbitrary_json(document in value()) {
        read_everything(document.to_string().as_bytes());
    }

    #[test]
    fn arbitrary_teasers_in_a_valid_index(teasers in prop::collection::vec(value(), 0..12)) {
        let document = json!({
            "version": 1,
            "site": {"title": "T"},
            "authors": [{"slug": "a-slug", "name": "A"}],
            "teasers": teasers,
        });
        let index: Index = parse_index(document.to_string().as_bytes(), "index.json")
            .expect("a valid envelope is never fatal");
        // Every teaser is either read or skipped with a reason.
        prop_assert_eq!(index.teasers.len() + index.skipped.len(), teasers.len());
    }
}
