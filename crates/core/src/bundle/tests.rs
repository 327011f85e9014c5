use super::*;

const INDEX: &str = r#"{
    "version": 1,
    "site": {"title": "Sample", "description": "A sample."},
    "authors": [{"slug": "ann", "name": "Ann Ó Sé", "affiliation": "The Union"}],
    "categories": [{"slug": "news", "name": "News"}],
    "tags": [],
    "teasers": [
        {"slug": "first", "title": "First", "date": "2022-12-08",
         "authors": ["ann"], "categories": ["news"], "excerpt": "One […]"},
        {"slug": "second", "title": "Second", "date": "2021-01-02",
         "authors": ["ann"], "excerpt": "Two […]", "reading_minutes": 4,
         "image": {"src": "a.jpg", "alt": "A", "width": 800, "height": 450}}
    ]
}"#;

fn index(json: &str) -> Index {
    parse_index(json.as_bytes(), "index.json").unwrap()
}

fn skipped(json: &str) -> Vec<String> {
    index(json)
        .skipped
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn fatal(json: &str) -> String {
    parse_index(json.as_bytes(), "index.json")
        .unwrap_err()
        .to_string()
}

#[test]
fn reads_an_index_and_resolves_its_references() {
    let index = index(INDEX);
    assert_eq!(index.site.title, "Sample");
    assert_eq!(index.site.language, "en");
    let slugs: Vec<_> = index.teasers.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["first", "second"]);
    assert_eq!(index.teasers[0].authors[0].name, "Ann Ó Sé");
    assert_eq!(index.teasers[0].categories[0].name, "News");
    assert_eq!(index.teasers[1].reading_minutes, Some(4));
    assert_eq!(index.teasers[1].image.as_ref().map(|i| i.width), Some(800));
    assert_eq!(
        index.teaser("second").map(|t| t.title.as_str()),
        Some("Second")
    );
    assert!(index.teaser("third").is_none());
    assert!(index.skipped.is_empty());
}

#[test]
fn a_bad_date_skips_that_teaser_and_names_the_field() {
    let bad = INDEX.replace("2021-01-02", "yesterday");
    assert_eq!(
        skipped(&bad),
        [r#"index.json: teasers[1].date: expected an ISO 8601 date, got "yesterday""#]
    );
    let slugs: Vec<_> = index(&bad).teasers.into_iter().map(|t| t.slug).collect();
    assert_eq!(slugs, ["first"]);
}

#[test]
fn a_missing_field_skips_that_teaser() {
    let bad = INDEX.replace(r#""title": "Second", "#, "");
    assert_eq!(
        skipped(&bad),
        ["index.json: teasers[1]: missing field `title`"]
    );
}

#[test]
fn a_teaser_that_is_not_an_object_is_skipped() {
    let bad = INDEX.replace(r#""teasers": ["#, r#""teasers": [42, "#);
    assert_eq!(
        skipped(&bad),
        ["index.json: teasers[0]: expected an object, got 42"]
    );
    assert_eq!(index(&bad).teasers.len(), 2);
}

#[test]
fn an_unknown_author_skips_that_teaser() {
    let bad = INDEX.replace(
        r#""authors": ["ann"], "excerpt": "Two"#,
        r#""authors": ["bob"], "excerpt": "Two"#,
    );
    assert_eq!(
        skipped(&bad),
        [r#"index.json: teasers[1].authors[0]: no entry with slug "bob" in `authors`"#]
    );
}

#[test]
fn a_duplicate_slug_is_reported_and_the_first_kept() {
    let bad = INDEX.replace(r#""slug": "second""#, r#""slug": "first""#);
    assert_eq!(
        skipped(&bad),
        [r#"index.json: teasers[1].slug: duplicate slug "first""#]
    );
    assert_eq!(index(&bad).teasers[0].title, "First");
}

#[test]
fn a_slug_that_could_leave_the_data_folder_is_refused() {
    let bad = INDEX.replace(r#""slug": "second""#, r#""slug": "../secret""#);
    assert_eq!(
        skipped(&bad),
        [
            r#"index.json: teasers[1].slug: expected a slug of lowercase letters, digits and hyphens, got "../secret""#
        ]
    );
}

#[test]
fn a_broken_vocabulary_is_fatal() {
    let bad = INDEX.replace(
        r#"{"slug": "news", "name": "News"}"#,
        r#"{"slug": "news", "name": "News"}, {"slug": "news", "name": "Again"}"#,
    );
    assert_eq!(
        fatal(&bad),
        r#"index.json: categories[1].slug: duplicate slug "news""#
    );
    let bad = INDEX.replace(r#""slug": "ann""#, r#""slug": "Ann""#);
    assert_eq!(
        fatal(&bad),
        r#"index.json: authors[0].slug: expected a slug of lowercase letters, digits and hyphens, got "Ann""#
    );
}

#[test]
fn broken_json_and_unknown_versions_are_fatal() {
    let text = fatal(&INDEX[..40]);
    assert!(
        text.starts_with("index.json: not valid JSON (EOF while parsing"),
        "{text}"
    );
    let text = fatal(&format!("{INDEX} x"));
    assert!(
        text.starts_with("index.json: not valid JSON (trailing characters"),
        "{text}"
    );
    assert_eq!(
        fatal(&INDEX.replace(r#""version": 1"#, r#""version": 2"#)),
        "index.json: format version 2 is not supported (this app reads version 1)"
    );
    assert_eq!(
        fatal("{}"),
        "index.json: (top level): missing field `version`"
    );
    assert_eq!(
        fatal(r#""text""#),
        r#"index.json: (top level): expected an object, got "text""#
    );
    assert_eq!(
        fatal(&INDEX.replace(
            r#""site": {"title": "Sample", "description": "A sample."},"#,
            ""
        )),
        "index.json: (top level): missing field `site`"
    );
}

#[test]
fn parts_add_teasers_resolved_against_the_index() {
    let with_parts = INDEX.replace(
        r#""tags": [],"#,
        r#""tags": [], "parts": ["index-2.json", "more/3.json"],"#,
    );
    let mut index = index(&with_parts);
    assert_eq!(index.parts, ["index-2.json", "more/3.json"]);
    let part = r#"{"version": 1, "teasers": [
        {"slug": "third", "title": "Third", "date": "2020-05-05", "authors": ["ann"], "excerpt": "Three"},
        {"slug": "first", "title": "Again", "date": "2020-05-05", "authors": ["ann"], "excerpt": "Dup"},
        {"slug": "fourth", "title": "Fourth", "date": "2020-05-05", "authors": ["zed"], "excerpt": "Four"}
    ]}"#;
    index.add_part(part.as_bytes(), "index-2.json").unwrap();
    let slugs: Vec<_> = index.teasers.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["first", "second", "third"]);
    let skipped: Vec<_> = index.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            r#"index-2.json: teasers[1].slug: duplicate slug "first""#,
            r#"index-2.json: teasers[2].authors[0]: no entry with slug "zed" in `authors`"#,
        ]
    );
    assert_eq!(
        index
            .add_part(b"{\"version\": 1}", "more/3.json")
            .unwrap_err()
            .to_string(),
        "more/3.json: (top level): missing field `teasers`"
    );
}

#[test]
fn part_names_cannot_leave_the_bundle() {
    for bad in [
        "../x.json",
        "/x.json",
        "https://evil.example/x.json",
        "a//b.json",
        "",
    ] {
        let json = INDEX.replace(
            r#""tags": [],"#,
            &format!(r#""tags": [], "parts": [{bad:?}],"#),
        );
        let text = fatal(&json);
        assert!(
            text.starts_with("index.json: parts[0]: expected a file name relative"),
            "{bad}: {text}"
        );
    }
}

#[test]
fn reads_a_complete_article() {
    let file = r#"{"version": 1, "article": {
        "slug": "first", "title": "First", "date": "2022-12-08",
        "authors": [{"slug": "ann", "name": "Ann"}],
        "excerpt": "One […]", "body_html": "<p>Body</p>", "language": "es"}}"#;
    let article = parse_article(file.as_bytes(), "articles/first.json").unwrap();
    assert_eq!(article.teaser.title, "First");
    assert_eq!(article.teaser.authors[0].affiliation, None);
    assert_eq!(article.body_html, "<p>Body</p>");
    assert_eq!(article.language.as_deref(), Some("es"));
    let bad = file.replace(r#""body_html": "<p>Body</p>""#, r#""body_html": 3"#);
    assert_eq!(
        parse_article(bad.as_bytes(), "articles/first.json")
            .unwrap_err()
            .to_string(),
        "articles/first.json: article.body_html: expected a string, got 3"
    );
}

#[test]
fn reads_an_api_page_and_skips_a_bad_teaser() {
    let page = r#"{"version": 1, "site": {"title": "API"}, "total": 7, "teasers": [
        {"slug": "one", "title": "One", "date": "2024-01-02",
         "authors": [{"slug": "ann", "name": "Ann"}], "excerpt": "E"},
        {"slug": "two", "title": "Two", "date": "never",
         "authors": [], "excerpt": "E"}
    ]}"#;
    let page = parse_api_page(page.as_bytes(), "http://api/teasers").unwrap();
    assert_eq!(page.site.title, "API");
    assert_eq!(page.total, 7);
    assert_eq!(page.teasers.len(), 1);
    assert_eq!(page.teasers[0].authors[0].name, "Ann");
    assert_eq!(
        page.skipped[0].to_string(),
        r#"http://api/teasers: teasers[1].date: expected an ISO 8601 date, got "never""#
    );
    assert_eq!(
        parse_api_page(
            br#"{"version": 1, "site": {"title": "A"}, "teasers": []}"#,
            "u"
        )
        .unwrap_err()
        .to_string(),
        "u: (top level): missing field `total`"
    );
}

#[test]
fn reads_an_api_pages_paging_and_facets() {
    let page = r#"{"version": 1, "site": {"title": "API"}, "total": 30, "page": 2,
        "pages": 3, "teasers": [], "facets": {
        "categories": [{"slug": "peru", "name": "Peru", "count": 4}],
        "years": [{"slug": "2023", "name": "2023", "count": 30}]}}"#;
    let page = parse_api_page(page.as_bytes(), "http://api/teasers").unwrap();
    assert_eq!((page.page, page.pages), (2, 3));
    assert_eq!(page.facets.categories[0].name, "Peru");
    assert_eq!(page.facets.categories[0].count, Some(4));
    assert_eq!(page.facets.years[0].slug, "2023");
    assert!(page.facets.authors.is_empty());
    let bad = r#"{"version": 1, "site": {"title": "API"}, "total": 0, "teasers": [],
        "facets": {"tags": [{"slug": "x", "name": "X", "count": -1}]}}"#;
    assert_eq!(
        parse_api_page(bad.as_bytes(), "u").unwrap_err().to_string(),
        "u: facets.tags[0].count: expected a whole number, got -1"
    );
}

#[test]
fn an_api_error_answer_gives_its_message() {
    assert_eq!(
        crate::api_error(br#"{"error": "the database is unavailable; try again"}"#).as_deref(),
        Some("the database is unavailable; try again")
    );
    assert_eq!(crate::api_error(br#"{"error": 500}"#), None);
    assert_eq!(crate::api_error(b"<h1>Bad Gateway</h1>"), None);
    let long = format!(r#"{{"error": "{}"}}"#, "é".repeat(400));
    assert_eq!(
        crate::api_error(long.as_bytes()).map(|m| m.chars().count()),
        Some(300)
    );
}
