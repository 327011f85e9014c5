//! `broadsheet-server import`: a bundle directory into the database, in
//! one transaction (readers see the archive before or after, never half of
//! it), in batches, with progress on a terminal.
//!
//! Articles are matched by slug: a new one is added, a changed one updated
//! in place (keeping its place among the articles of its day), an
//! unchanged one left alone. A teaser the bundle reader cannot read is
//! reported with its message and skipped.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

use broadsheet_core::progress::Progress;
use broadsheet_core::search::words;
use broadsheet_core::{parse_article, Index, Teaser};
use sqlx::{Postgres, QueryBuilder, Row, Transaction};
use thiserror::Error;

use crate::bundle::{read_index, LoadError};
use crate::database::Database;

/// Articles written per statement.
const BATCH: usize = 500;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Articles new to the database.
    pub added: usize,
    /// Articles whose teaser or file changed.
    pub updated: usize,
    /// Articles already as the bundle has them.
    pub unchanged: usize,
    /// Teasers that could not be read (reported, not written).
    pub skipped: usize,
    /// Articles written without a file (missing or unreadable; reported).
    pub without_file: usize,
}

/// Why an import stopped (nothing of it was written).
#[derive(Debug, Error)]
pub enum ImportError {
    /// The bundle could not be read.
    #[error("{0}")]
    Bundle(#[from] LoadError),
    /// The database refused or failed.
    #[error("the database: {0}")]
    Database(#[from] sqlx::Error),
    /// A teaser could not be written as JSON.
    #[error("{slug}: {source}")]
    Json {
        /// The article.
        slug: String,
        /// What serde said.
        source: serde_json::Error,
    },
}

/// The folded words of `text`, each once.
fn distinct(text: &str) -> BTreeSet<String> {
    words(text).into_iter().collect()
}

/// One article as the `articles` table holds it.
struct Record {
    slug: String,
    day: i32,
    year: i16,
    category_ids: Vec<i32>,
    author_ids: Vec<i32>,
    tag_ids: Vec<i32>,
    title_words: Vec<String>,
    author_words: Vec<String>,
    words: Vec<String>,
    teaser: String,
    article: Option<String>,
}

/// Vocabulary slugs to their ids in the database.
type Ids = HashMap<String, i32>;

fn row(teaser: &Teaser, article: Option<String>, ids: &[Ids; 3]) -> Result<Record, ImportError> {
    let [categories, authors, tags] = ids;
    let look = |ids: &Ids, slugs: Vec<&str>| -> Vec<i32> {
        slugs
            .into_iter()
            .filter_map(|slug| ids.get(slug).copied())
            .collect()
    };
    let names: Vec<&str> = teaser.authors.iter().map(|a| a.name.as_str()).collect();
    let title_words = distinct(&teaser.title);
    let author_words = distinct(&names.join(" "));
    let mut all = distinct(&teaser.excerpt);
    all.extend(title_words.iter().cloned());
    all.extend(author_words.iter().cloned());
    Ok(Record {
        slug: teaser.slug.clone(),
        day: i32::try_from(teaser.date.day_number()).unwrap_or(i32::MAX),
        year: i16::try_from(teaser.date.year()).unwrap_or(i16::MAX),
        category_ids: look(
            categories,
            teaser.categories.iter().map(|t| t.slug.as_str()).collect(),
        ),
        author_ids: look(
            authors,
            teaser.authors.iter().map(|a| a.slug.as_str()).collect(),
        ),
        tag_ids: look(tags, teaser.tags.iter().map(|t| t.slug.as_str()).collect()),
        title_words: title_words.into_iter().collect(),
        author_words: author_words.into_iter().collect(),
        words: all.into_iter().collect(),
        teaser: serde_json::to_string(teaser).map_err(|source| ImportError::Json {
            slug: teaser.slug.clone(),
            source,
        })?,
        article,
    })
}

/// Imports the bundle in `dir` into `database`; `report` hears each
/// problem with the data (a skipped teaser, a missing article file).
pub async fn import(
    dir: &Path,
    database: &Database,
    report: &mut dyn FnMut(String),
) -> Result<Imported, ImportError> {
    let progress = Progress::new("import");
    progress.say("reading the index");
    let index = read_index(dir)?;
    for problem in &index.skipped {
        report(problem.to_string());
    }
    let mut tx = database.pool().begin().await?;
    // The facet counts are brought up to date once, at the end
    // (migrations/0002).
    sqlx::query("set local broadsheet.import = 'on'")
        .execute(&mut *tx)
        .await?;
    write_site(&mut tx, &index).await?;
    let ids = [
        vocabulary(
            &mut tx,
            "categories",
            index.categories.iter().map(|t| (&t.slug, &t.name)),
        )
        .await?,
        vocabulary(
            &mut tx,
            "authors",
            index.authors.iter().map(|a| (&a.slug, &a.name)),
        )
        .await?,
        vocabulary(
            &mut tx,
            "tags",
            index.tags.iter().map(|t| (&t.slug, &t.name)),
        )
        .await?,
    ];
    let mut done = Imported {
        skipped: index.skipped.len(),
        ..Imported::default()
    };
    let total = index.teasers.len();
    for (batch, teasers) in index.teasers.chunks(BATCH).enumerate() {
        progress.count("articles", batch * BATCH, total);
        let mut rows = Vec::with_capacity(teasers.len());
        for teaser in teasers {
            let name = broadsheet_core::bundle::article_file(&teaser.slug);
            let article = match tokio::fs::read(dir.join(&name)).await {
                Ok(bytes) => match parse_article(&bytes, &name) {
                    Ok(_) => String::from_utf8(bytes).ok(),
                    Err(problem) => {
                        report(problem.to_string());
                        None
                    }
                },
                Err(problem) => {
                    report(format!("{name}: {problem}"));
                    None
                }
            };
            done.without_file += usize::from(article.is_none());
            rows.push(row(teaser, article, &ids)?);
        }
        let (added, updated) = write_articles(&mut tx, &rows).await?;
        done.added += added;
        done.updated += updated;
        done.unchanged += rows.len() - added - updated;
    }
    progress.say("counting the facets");
    sqlx::query("select count_changes()")
        .execute(&mut *tx)
        .await?;
    // Words no article has any more stay, matching nothing; years no
    // article is published in leave the menus (their count is 0).
    progress.say("committing");
    tx.commit().await?;
    // Fresh statistics for the planner, and the visibility map set so a
    // page deep in the archive reads the newest-first index alone.
    progress.say("vacuuming and analysing");
    for table in ["articles", "words", "facet_counts", "facet_pairs"] {
        sqlx::query(&format!("vacuum (analyze) {table}"))
            .execute(database.pool())
            .await?;
    }
    progress.finish();
    Ok(done)
}

async fn write_site(
    tx: &mut Transaction<'static, Postgres>,
    index: &Index,
) -> Result<(), ImportError> {
    let site = serde_json::to_string(&index.site).map_err(|source| ImportError::Json {
        slug: "site".to_owned(),
        source,
    })?;
    sqlx::query(
        "insert into site (one, site, skipped) values (true, $1, $2)
         on conflict (one) do update set site = excluded.site, skipped = excluded.skipped",
    )
    .bind(site)
    .bind(i32::try_from(index.skipped.len()).unwrap_or(i32::MAX))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes a vocabulary in the bundle's order; returns every slug's id.
async fn vocabulary<'a>(
    tx: &mut Transaction<'static, Postgres>,
    table: &str,
    entries: impl Iterator<Item = (&'a String, &'a String)>,
) -> Result<Ids, ImportError> {
    let entries: Vec<(&String, &String)> = entries.collect();
    for (chunk_at, chunk) in entries.chunks(BATCH).enumerate() {
        let mut insert =
            QueryBuilder::<Postgres>::new(format!("insert into {table} (slug, name, position) "));
        insert.push_values(
            chunk.iter().enumerate(),
            |mut values, (at, (slug, name))| {
                let position = i32::try_from(chunk_at * BATCH + at).unwrap_or(i32::MAX);
                values.push_bind(*slug).push_bind(*name).push_bind(position);
            },
        );
        insert.push(
            " on conflict (slug) do update set name = excluded.name, position = excluded.position",
        );
        insert.build().execute(&mut **tx).await?;
    }
    let rows = sqlx::query(&format!("select slug, id from {table}"))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("slug")?, row.try_get("id")?)))
        .collect::<Result<Ids, sqlx::Error>>()
        .map_err(ImportError::from)
}

/// Writes a batch of articles; returns how many were added and updated.
async fn write_articles(
    tx: &mut Transaction<'static, Postgres>,
    rows: &[Record],
) -> Result<(usize, usize), ImportError> {
    let mut insert = QueryBuilder::<Postgres>::new(
        "insert into articles (slug, day, year, category_ids, author_ids, tag_ids, \
         title_words, author_words, words, teaser, article) ",
    );
    insert.push_values(rows, |mut values, row| {
        values
            .push_bind(&row.slug)
            .push_bind(row.day)
            .push_bind(row.year)
            .push_bind(&row.category_ids)
            .push_bind(&row.author_ids)
            .push_bind(&row.tag_ids)
            .push_bind(&row.title_words)
            .push_bind(&row.author_words)
            .push_bind(&row.words)
            .push_bind(&row.teaser)
            .push_bind(&row.article);
    });
    insert.push(
        " on conflict (slug) do update set day = excluded.day, year = excluded.year, \
         category_ids = excluded.category_ids, author_ids = excluded.author_ids, \
         tag_ids = excluded.tag_ids, title_words = excluded.title_words, \
         author_words = excluded.author_words, words = excluded.words, \
         teaser = excluded.teaser, article = excluded.article \
         where (articles.teaser, articles.article, articles.category_ids, articles.author_ids, \
         articles.tag_ids) is distinct from (excluded.teaser, excluded.article, \
         excluded.category_ids, excluded.author_ids, excluded.tag_ids) \
         returning (xmax = 0) as added",
    );
    let written = insert.build().fetch_all(&mut **tx).await?;
    let mut added = 0;
    for row in &written {
        if row.try_get::<bool, _>("added")? {
            added += 1;
        }
    }
    let words: BTreeSet<&String> = rows.iter().flat_map(|row| &row.words).collect();
    let words: Vec<&String> = words.into_iter().collect();
    sqlx::query("insert into words (word) select unnest($1::text[]) on conflict do nothing")
        .bind(&words)
        .execute(&mut **tx)
        .await?;
    Ok((added, written.len() - added))
}

/// Imports with the summary and problems printed, for the command line.
pub async fn run(dir: &Path, database: &Database) -> Result<Imported, ImportError> {
    let started = Instant::now();
    let imported = import(dir, database, &mut |problem| eprintln!("{problem}")).await?;
    println!(
        "{}: {} added, {} updated, {} unchanged, {} skipped, {} without an article file, in {:.1} s",
        dir.display(),
        imported.added,
        imported.updated,
        imported.unchanged,
        imported.skipped,
        imported.without_file,
        started.elapsed().as_secs_f64()
    );
    Ok(imported)
}
