//! The JSON Schemas in docs/schema/ describe what the parser reads: the
//! shipped sample and config validate, and the broken fixtures do not.

use std::path::{Path, PathBuf};

use jsonschema::{Registry, Validator};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validator(schema: &str) -> Validator {
    let index = json("docs/schema/index.schema.json");
    let registry = Registry::new()
        .add("https://broadsheet.invalid/schema/index.schema.json", index)
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .with_registry(&registry)
        .build(&json(&format!("docs/schema/{schema}.schema.json")))
        .unwrap()
}

fn errors(validator: &Validator, path: &str) -> Vec<String> {
    validator
        .iter_errors(&json(path))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_sample_bundle_and_config_validate() {
    let index = validator("index");
    assert_eq!(
        errors(&index, "public/data/index.json"),
        Vec::<String>::new()
    );
    let article = validator("article");
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("public/data/articles")).unwrap() {
        let path = entry.unwrap().path();
        let relative = path
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            errors(&article, &relative),
            Vec::<String>::new(),
            "{relative}"
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    assert_eq!(
        errors(&validator("config"), "public/config.json"),
        Vec::<String>::new()
    );
}

#[test]
fn the_fixtures_validate_where_the_parser_reads_them() {
    let index = validator("index");
    assert_eq!(
        errors(&index, "tests/fixtures/parts/index.json"),
        Vec::<String>::new()
    );
    let skipped = errors(&index, "tests/fixtures/skipped/index.json");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].starts_with("/teasers/1/date: "), "{skipped:?}");
}

#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let index = validator("index");
    let mut sample = json("public/data/index.json");
    sample["teasers"][0]["slug"] = "../secret".into();
    sample["parts"] = serde_json::json!(["../outside.json"]);
    sample["version"] = 2.into();
    let paths: Vec<String> = index
        .iter_errors(&sample)
        .map(|e| e.instance_path().to_string())
        .collect();
    for expected in ["/version", "/teasers/0/slug", "/parts/0"] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
    let config = validator("config");
    assert!(!config.is_valid(&serde_json::json!({"page_sise": 3})));
    assert!(!config.is_valid(&serde_json::json!({"page_size": 0})));
    assert!(!config.is_valid(&serde_json::json!({"source": {"bundle": "a/", "api": "b/"}})));
    assert!(config.is_valid(&serde_json::json!({"source": {"api": "https://api.example.org/"}})));
    assert!(
        config.is_valid(&serde_json::json!({"source": {"wordpress": "https://news.example.org/"}}))
    );
    assert!(
        !config.is_valid(&serde_json::json!({"source": {"wordpress": "https://a/", "api": "b/"}}))
    );
}
