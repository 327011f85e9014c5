//! Reading bundle files, with messages that say which file, which record
//! and which field is wrong.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::date::Date;
use crate::error::DataError;
use crate::model::{Article, Author, Index, Site, Teaser, Term};
use crate::slug::is_valid_slug;

/// The bundle format version this code reads and writes.
pub const FORMAT_VERSION: u64 = 1;

#[derive(Deserialize)]
struct VersionProbe {
    version: u64,
}

#[derive(Deserialize)]
struct IndexFile {
    site: Site,
    #[serde(default)]
    authors: Vec<Author>,
    #[serde(default)]
    categories: Vec<Term>,
    #[serde(default)]
    tags: Vec<Term>,
    teasers: Vec<TeaserRecord>,
}

/// A teaser as the index stores it: authors and terms named by slug.
#[derive(Deserialize)]
struct TeaserRecord {
    slug: String,
    title: String,
    date: Date,
    authors: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    excerpt: String,
    #[serde(default)]
    reading_minutes: Option<u32>,
}

#[derive(Deserialize)]
struct ArticleFile {
    article: ArticleRecord,
}

/// An article as its own file stores it: complete, authors and terms inline.
#[derive(Deserialize)]
struct ArticleRecord {
    slug: String,
    title: String,
    date: Date,
    authors: Vec<Author>,
    #[serde(default)]
    categories: Vec<Term>,
    #[serde(default)]
    tags: Vec<Term>,
    excerpt: String,
    #[serde(default)]
    reading_minutes: Option<u32>,
    body_html: String,
}

/// Reads an index file. `file` names it in error messages (`index.json`).
pub fn parse_index(bytes: &[u8], file: &str) -> Result<Index, DataError> {
    let raw: IndexFile = parse_versioned(bytes, file)?;
    let mut teasers = Vec::with_capacity(raw.teasers.len());
    for (position, record) in raw.teasers.into_iter().enumerate() {
        let at = |field: &str| format!("teasers[{position}].{field}");
        check_slug(file, &at("slug"), &record.slug)?;
        let authors = resolve(file, &at("authors"), &record.authors, &raw.authors, |a| {
            &a.slug
        })?;
        let categories = resolve(
            file,
            &at("categories"),
            &record.categories,
            &raw.categories,
            |t| &t.slug,
        )?;
        let tags = resolve(file, &at("tags"), &record.tags, &raw.tags, |t| &t.slug)?;
        teasers.push(Teaser {
            slug: record.slug,
            title: record.title,
            date: record.date,
            authors,
            categories,
            tags,
            excerpt: record.excerpt,
            reading_minutes: record.reading_minutes,
        });
    }
    Ok(Index {
        site: raw.site,
        authors: raw.authors,
        categories: raw.categories,
        tags: raw.tags,
        teasers,
    })
}

/// Reads an article file. `file` names it in error messages
/// (`articles/peru.json`).
pub fn parse_article(bytes: &[u8], file: &str) -> Result<Article, DataError> {
    let ArticleFile { article } = parse_versioned(bytes, file)?;
    check_slug(file, "article.slug", &article.slug)?;
    Ok(Article {
        teaser: Teaser {
            slug: article.slug,
            title: article.title,
            date: article.date,
            authors: article.authors,
            categories: article.categories,
            tags: article.tags,
            excerpt: article.excerpt,
            reading_minutes: article.reading_minutes,
        },
        body_html: article.body_html,
    })
}

/// Checks the `version` field, then reads the whole file as `T`.
fn parse_versioned<T: DeserializeOwned>(bytes: &[u8], file: &str) -> Result<T, DataError> {
    let probe: VersionProbe = deserialize(bytes, file)?;
    if probe.version != FORMAT_VERSION {
        return Err(DataError::Version {
            file: file.to_owned(),
            found: probe.version,
            supported: FORMAT_VERSION,
        });
    }
    deserialize(bytes, file)
}

fn deserialize<T: DeserializeOwned>(bytes: &[u8], file: &str) -> Result<T, DataError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            DataError::Field {
                file: file.to_owned(),
                path: if path == "." {
                    "(top level)".to_owned()
                } else {
                    path
                },
                reason: strip_position(&inner.to_string()),
            }
        } else {
            syntax(file, &inner)
        }
    })?;
    // Bytes after the document make it as broken as a cut-off one.
    json.end().map_err(|error| syntax(file, &error))?;
    Ok(value)
}

fn syntax(file: &str, error: &serde_json::Error) -> DataError {
    DataError::Syntax {
        file: file.to_owned(),
        reason: error.to_string(),
    }
}

/// serde_json appends " at line 1 column 42" to data errors; the field path
/// says more, so the position is dropped there. Serde names the Rust type
/// it wanted ("expected struct IndexFile"); a publisher needs the JSON kind.
fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    match message.find("expected struct ") {
        Some(at) => {
            let rest = &message[at + "expected struct ".len()..];
            let after = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            format!("{}expected a JSON object{}", &message[..at], &rest[after..])
        }
        None => message.to_owned(),
    }
}

fn check_slug(file: &str, path: &str, slug: &str) -> Result<(), DataError> {
    if is_valid_slug(slug) {
        Ok(())
    } else {
        Err(DataError::Field {
            file: file.to_owned(),
            path: path.to_owned(),
            reason: format!(
                "expected a slug of lowercase letters, digits and hyphens, got {slug:?}"
            ),
        })
    }
}

/// Looks each slug up in a vocabulary, naming the first unknown one.
fn resolve<T: Clone>(
    file: &str,
    path: &str,
    slugs: &[String],
    vocabulary: &[T],
    slug_of: impl Fn(&T) -> &String,
) -> Result<Vec<T>, DataError> {
    slugs
        .iter()
        .enumerate()
        .map(|(position, slug)| {
            vocabulary
                .iter()
                .find(|entry| slug_of(entry) == slug)
                .cloned()
                .ok_or_else(|| DataError::Field {
                    file: file.to_owned(),
                    path: format!("{path}[{position}]"),
                    reason: format!("no entry with slug {slug:?} in the vocabulary"),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
             "authors": ["ann"], "excerpt": "Two […]", "reading_minutes": 4}
        ]
    }"#;

    fn message(result: Result<Index, DataError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn reads_an_index_and_resolves_its_references() {
        let index = parse_index(INDEX.as_bytes(), "index.json").unwrap();
        assert_eq!(index.site.title, "Sample");
        assert_eq!(index.site.language, "en");
        let slugs: Vec<_> = index.teasers.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, ["first", "second"]);
        assert_eq!(index.teasers[0].authors[0].name, "Ann Ó Sé");
        assert_eq!(index.teasers[0].categories[0].name, "News");
        assert_eq!(index.teasers[1].reading_minutes, Some(4));
        assert_eq!(
            index.teaser("second").map(|t| t.title.as_str()),
            Some("Second")
        );
        assert!(index.teaser("third").is_none());
    }

    #[test]
    fn names_the_file_record_and_field_of_a_bad_date() {
        let bad = INDEX.replace("2021-01-02", "yesterday");
        assert_eq!(
            message(parse_index(bad.as_bytes(), "index.json")),
            r#"index.json: teasers[1].date: expected an ISO 8601 date, got "yesterday""#
        );
    }

    #[test]
    fn names_a_missing_field() {
        let bad = INDEX.replace(r#""title": "Second", "#, "");
        assert_eq!(
            message(parse_index(bad.as_bytes(), "index.json")),
            "index.json: teasers[1]: missing field `title`"
        );
    }

    #[test]
    fn names_an_unknown_author() {
        let bad = INDEX.replace(
            r#""authors": ["ann"], "excerpt": "Two"#,
            r#""authors": ["bob"], "excerpt": "Two"#,
        );
        assert_eq!(
            message(parse_index(bad.as_bytes(), "index.json")),
            r#"index.json: teasers[1].authors[0]: no entry with slug "bob" in the vocabulary"#
        );
    }

    #[test]
    fn refuses_a_slug_that_could_leave_the_data_folder() {
        let bad = INDEX.replace(r#""slug": "second""#, r#""slug": "../secret""#);
        assert_eq!(
            message(parse_index(bad.as_bytes(), "index.json")),
            r#"index.json: teasers[1].slug: expected a slug of lowercase letters, digits and hyphens, got "../secret""#
        );
    }

    #[test]
    fn reports_broken_json_with_its_position() {
        let cut = &INDEX[..40];
        let text = message(parse_index(cut.as_bytes(), "index.json"));
        assert!(
            text.starts_with("index.json: not valid JSON (EOF while parsing"),
            "{text}"
        );
        assert!(text.contains("line "), "{text}");
        let trailing = format!("{INDEX} x");
        let text = message(parse_index(trailing.as_bytes(), "index.json"));
        assert!(
            text.starts_with("index.json: not valid JSON (trailing characters"),
            "{text}"
        );
    }

    #[test]
    fn reports_an_unknown_version() {
        let newer = INDEX.replace(r#""version": 1"#, r#""version": 2"#);
        assert_eq!(
            message(parse_index(newer.as_bytes(), "index.json")),
            "index.json: format version 2 is not supported (this app reads version 1)"
        );
        assert_eq!(
            message(parse_index(b"{}", "index.json")),
            "index.json: (top level): missing field `version`"
        );
        assert_eq!(
            message(parse_index(b"\"text\"", "index.json")),
            r#"index.json: (top level): invalid type: string "text", expected a JSON object"#
        );
    }

    #[test]
    fn reads_a_complete_article() {
        let file = r#"{"version": 1, "article": {
            "slug": "first", "title": "First", "date": "2022-12-08",
            "authors": [{"slug": "ann", "name": "Ann"}],
            "excerpt": "One […]", "body_html": "<p>Body</p>"}}"#;
        let article = parse_article(file.as_bytes(), "articles/first.json").unwrap();
        assert_eq!(article.teaser.title, "First");
        assert_eq!(article.teaser.authors[0].affiliation, None);
        assert_eq!(article.body_html, "<p>Body</p>");
        let bad = file.replace(r#""body_html": "<p>Body</p>""#, r#""body_html": 3"#);
        assert_eq!(
            parse_article(bad.as_bytes(), "articles/first.json")
                .unwrap_err()
                .to_string(),
            "articles/first.json: article.body_html: invalid type: integer `3`, expected a string"
        );
    }
}
