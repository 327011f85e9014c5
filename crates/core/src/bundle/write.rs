//! Writing a bundle: the index and article files as [`super::parse_index`]
//! and [`super::parse_article`] read them, by serialising the model's own
//! types, so the content pipeline, the synthetic archives and the reader
//! share one definition of the format.

use serde::Serialize;

use crate::date::Date;
use crate::json::FORMAT_VERSION;
use crate::model::{Article, Author, Image, Site, Teaser, Term};

/// An index file (`index.json`).
#[derive(Debug, Serialize)]
pub struct IndexFile<'a> {
    version: u64,
    site: &'a Site,
    authors: &'a [Author],
    categories: &'a [Term],
    tags: &'a [Term],
    teasers: Vec<IndexTeaser<'a>>,
}

/// A teaser as the index stores it: its authors and terms by slug.
#[derive(Debug, Serialize)]
struct IndexTeaser<'a> {
    slug: &'a str,
    title: &'a str,
    date: Date,
    authors: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    categories: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    excerpt: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a Image>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reading_minutes: Option<u32>,
}

impl<'a> IndexFile<'a> {
    /// The index of `site` with these vocabularies and `teasers` (newest
    /// first), whose authors and terms the vocabularies hold.
    pub fn new(
        site: &'a Site,
        authors: &'a [Author],
        categories: &'a [Term],
        tags: &'a [Term],
        teasers: &'a [Teaser],
    ) -> Self {
        let slugs = |terms: &'a [Term]| terms.iter().map(|t| t.slug.as_str()).collect();
        Self {
            version: FORMAT_VERSION,
            site,
            authors,
            categories,
            tags,
            teasers: teasers
                .iter()
                .map(|teaser| IndexTeaser {
                    slug: &teaser.slug,
                    title: &teaser.title,
                    date: teaser.date,
                    authors: teaser.authors.iter().map(|a| a.slug.as_str()).collect(),
                    categories: slugs(&teaser.categories),
                    tags: slugs(&teaser.tags),
                    excerpt: &teaser.excerpt,
                    image: teaser.image.as_ref(),
                    reading_minutes: teaser.reading_minutes,
                })
                .collect(),
        }
    }
}

/// An article file (`articles/<slug>.json`): complete in itself.
#[derive(Debug, Serialize)]
pub struct ArticleFile<'a> {
    version: u64,
    article: ArticleEntry<'a>,
}

#[derive(Debug, Serialize)]
struct ArticleEntry<'a> {
    #[serde(flatten)]
    teaser: &'a Teaser,
    body_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

impl<'a> ArticleFile<'a> {
    /// The file of `article`.
    pub fn new(article: &'a Article) -> Self {
        Self {
            version: FORMAT_VERSION,
            article: ArticleEntry {
                teaser: &article.teaser,
                body_html: &article.body_html,
                language: article.language.as_deref(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_article, parse_index};

    #[test]
    fn what_is_written_reads_back_the_same() {
        let archive = crate::synthetic::generate(30, 7);
        let index = parse_index(archive.index.as_bytes(), "index.json").unwrap();
        let written = serde_json::to_string(&IndexFile::new(
            &index.site,
            &index.authors,
            &index.categories,
            &index.tags,
            &index.teasers,
        ))
        .unwrap();
        assert_eq!(
            parse_index(written.as_bytes(), "index.json").unwrap(),
            index
        );
        for (slug, file) in &archive.articles {
            let article = parse_article(file.as_bytes(), slug).unwrap();
            let written = serde_json::to_string(&ArticleFile::new(&article)).unwrap();
            assert_eq!(parse_article(written.as_bytes(), slug).unwrap(), article);
        }
    }
}
