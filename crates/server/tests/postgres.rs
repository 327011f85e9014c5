//! broadsheet-server on a real PostgreSQL (a throwaway cluster as plain
//! processes): the same answers as the bundle for the same archive (an
//! oracle over the sample and a generated archive), imports that update in
//! place and report bad records as the bundle reader does, and a database
//! that goes away, comes back or stalls.

use std::path::Path;
use std::process::{Command, Output};

use broadsheet_core::search::words;
use broadsheet_server::scratch::Scratch;
use serde_json::Value;

mod support;

use support::{Server, SAMPLE};

fn import(dir: &Path, url: &str) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("import")
        .arg(dir)
        .args(["--database", url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Writes a generated archive of `articles` into `dir`.
fn generate(dir: &Path, articles: usize) {
    let archive = broadsheet_core::synthetic::generate(articles, 7);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(dir.join("index.json"), archive.index).unwrap();
    for (slug, file) in archive.articles {
        std::fs::write(dir.join(format!("articles/{slug}.json")), file).unwrap();
    }
}

/// Queries that exercise every filter, the search in several scripts,
/// each order and paging, drawn from the archive in `dir`.
fn queries(dir: &Path) -> Vec<String> {
    let index = broadsheet_server::bundle::read_index(dir).unwrap();
    let encode =
        |value: &str| form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>();
    let mut asked = vec![
        String::new(),
        "per_page=1".to_owned(),
        "sort=oldest".to_owned(),
        "sort=relevance".to_owned(),
        "page=2&per_page=3".to_owned(),
        "page=9999".to_owned(),
        "sort=oldest&page=3&per_page=7".to_owned(),
        "category=no-such-category".to_owned(),
        "year=1066".to_owned(),
        "q=zzzzzz".to_owned(),
        "q=%21%21%21".to_owned(),
    ];
    let pick = |n: usize, len: usize| (0..len).step_by((len / n).max(1)).take(n);
    for at in pick(4, index.categories.len()) {
        let slug = &index.categories[at].slug;
        asked.push(format!("category={slug}"));
        asked.push(format!("category={slug}&sort=oldest&page=2&per_page=5"));
    }
    for at in pick(4, index.authors.len()) {
        asked.push(format!("author={}", index.authors[at].slug));
    }
    for at in pick(4, index.tags.len()) {
        let tag = &index.tags[at].slug;
        asked.push(format!("tag={tag}"));
        if let Some(category) = index.categories.first() {
            asked.push(format!("tag={tag}&category={}", category.slug));
        }
    }
    let mut years: Vec<u16> = index.teasers.iter().map(|t| t.date.year()).collect();
    years.dedup();
    for year in years.iter().take(3) {
        asked.push(format!("year={year}"));
    }
    // Search words: whole words and their starts, from titles, names and
    // excerpts as printed (accents, apostrophes and all), alone and
    // together, with filters and each order.
    for teaser in index
        .teasers
        .iter()
        .step_by((index.teasers.len() / 6).max(1))
    {
        let title: Vec<&str> = teaser.title.split_whitespace().collect();
        let excerpt: Vec<&str> = teaser.excerpt.split_whitespace().collect();
        let author = &teaser.authors[0];
        for word in title.iter().chain(excerpt.iter().take(2)) {
            let q = encode(word);
            asked.push(format!("q={q}"));
            asked.push(format!("q={q}&sort=relevance&per_page=20"));
        }
        for folded in words(&teaser.title).iter().take(2) {
            let start: String = folded.chars().take(2).collect();
            asked.push(format!("q={}", encode(&start)));
            asked.push(format!("q={}&sort=relevance", encode(&start)));
        }
        asked.push(format!("q={}", encode(&author.name)));
        asked.push(format!(
            "q={}&author={}&sort=relevance",
            encode(title.first().copied().unwrap_or("a")),
            author.slug
        ));
        if let (Some(category), Some(tag)) = (teaser.categories.first(), teaser.tags.first()) {
            asked.push(format!(
                "q={}&category={}&tag={}&year={}&sort=relevance",
                encode(&format!(
                    "{} {}",
                    title.first().copied().unwrap_or(""),
                    excerpt.first().copied().unwrap_or("")
                )),
                category.slug,
                tag.slug,
                teaser.date.year()
            ));
        }
    }
    asked
}

/// Every query answered by a server over the bundle in `dir` and one over
/// the database it was imported into: the same status and JSON.
fn same_answers(dir: &Path, database: &str) -> usize {
    let mut bundle = Server::with(&[&dir.display().to_string()]);
    let mut stored = Server::with(&["--database", database]);
    let asked = queries(dir);
    for query in &asked {
        let path = format!("/teasers?{query}");
        let (status, expected) = bundle.json(&path);
        assert_eq!(status, 200, "{path}: {expected}");
        let (status, answered) = stored.json(&path);
        assert_eq!(status, 200, "{path}: {answered}");
        if answered != expected {
            panic!(
                "{path}: the database answers\n{}\nthe bundle\n{}",
                short(&answered),
                short(&expected)
            );
        }
    }
    let index = broadsheet_server::bundle::read_index(dir).unwrap();
    for teaser in index
        .teasers
        .iter()
        .step_by((index.teasers.len() / 5).max(1))
    {
        let path = format!("/articles/{}", teaser.slug);
        assert_eq!(stored.get(&path), bundle.get(&path), "{path}");
    }
    let path = "/articles/no-such-article";
    assert_eq!(stored.json(path), bundle.json(path));
    asked.len()
}

/// The parts of an answer a person compares first.
fn short(page: &Value) -> String {
    let slugs: Vec<&str> = page["teasers"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["slug"].as_str()).collect())
        .unwrap_or_default();
    format!(
        "total {} page {} of {}: {slugs:?}\nfacets {}",
        page["total"], page["page"], page["pages"], page["facets"]
    )
}

#[test]
fn answers_as_the_bundle_does() {
    let database = Scratch::start().unwrap();
    import(Path::new(SAMPLE), &database.url());
    let asked = same_answers(Path::new(SAMPLE), &database.url());
    assert!(asked > 50, "{asked} queries");

    let generated = tempfile::tempdir().unwrap();
    generate(generated.path(), 3000);
    let database = Scratch::start().unwrap();
    import(generated.path(), &database.url());
    let asked = same_answers(generated.path(), &database.url());
    assert!(asked > 80, "{asked} queries");
}
