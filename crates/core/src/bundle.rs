//! Reading a bundle: its index (and the parts it lists) and its articles.
//!
//! One bad teaser does not sink the archive: it is skipped and recorded in
//! [`Index::skipped`] with the reason. What makes the whole index unusable
//! (not JSON, an unknown version, a broken vocabulary) is an error.

use crate::json::Value;

use crate::date::Date;
use crate::error::DataError;
use crate::json::{parse_versioned, Obj};
use crate::model::{Article, Author, Image, Index, Site, Teaser, Term, DEFAULT_LANGUAGE};
use crate::query::{FacetCount, Facets};
use crate::quote::quoted;
use crate::slug::is_valid_slug;

/// A teaser as the index stores it: authors and terms named by slug.
struct TeaserRecord {
    slug: String,
    title: String,
    date: Date,
    authors: Vec<String>,
    categories: Vec<String>,
    tags: Vec<String>,
    excerpt: String,
    image: Option<Image>,
    reading_minutes: Option<u32>,
}

pub(crate) fn read_site(obj: &Obj) -> Result<Site, DataError> {
    Ok(Site {
        title: obj.string("title")?,
        description: obj.opt_string("description")?.unwrap_or_default(),
        language: obj
            .opt_string("language")?
            .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned()),
        url: obj.opt_string("url")?,
        sections: obj.strings("sections", false)?,
    })
}

fn read_author(obj: &Obj) -> Result<Author, DataError> {
    Ok(Author {
        slug: obj.string("slug")?,
        name: obj.string("name")?,
        affiliation: obj.opt_string("affiliation")?,
        description: obj.opt_string("description")?,
    })
}

fn read_term(obj: &Obj) -> Result<Term, DataError> {
    Ok(Term {
        slug: obj.string("slug")?,
        name: obj.string("name")?,
        description: obj.opt_string("description")?,
    })
}

pub(crate) fn read_facet(obj: &Obj) -> Result<FacetCount, DataError> {
    Ok(FacetCount {
        slug: obj.string("slug")?,
        name: obj.string("name")?,
        count: Some(obj.u32("count")? as usize),
    })
}

fn read_image(obj: &Obj) -> Result<Image, DataError> {
    Ok(Image {
        src: obj.string("src")?,
        alt: obj.string("alt")?,
        width: obj.u32("width")?,
        height: obj.u32("height")?,
        srcset: obj.opt_string("srcset")?,
    })
}

/// Reads every item of an array field of objects with `read`.
pub(crate) fn read_all<T>(
    obj: &Obj,
    key: &str,
    required: bool,
    read: impl Fn(&Obj) -> Result<T, DataError>,
) -> Result<Vec<T>, DataError> {
    // A loop, not `collect::<Result<…>>()`: the adapter is compiled
    // again for every item type, and this runs in the wasm.
    let items = obj.items(key, required)?;
    let mut all = Vec::with_capacity(items.len());
    for (path, item) in items {
        all.push(read(&Obj::at(item, obj.file(), path)?)?);
    }
    Ok(all)
}

fn read_teaser(obj: &Obj) -> Result<TeaserRecord, DataError> {
    let slug = obj.string("slug")?;
    check_slug(obj, "slug", &slug)?;
    Ok(TeaserRecord {
        slug,
        title: obj.string("title")?,
        date: obj.date("date")?,
        authors: obj.strings("authors", true)?,
        categories: obj.strings("categories", false)?,
        tags: obj.strings("tags", false)?,
        excerpt: obj.string("excerpt")?,
        image: obj
            .opt_object("image")?
            .map(|o| read_image(&o))
            .transpose()?,
        reading_minutes: obj.opt_u32("reading_minutes")?,
    })
}

/// Reads an index file. `file` names it in messages (`data/index.json`).
pub fn parse_index(bytes: &[u8], file: &str) -> Result<Index, DataError> {
    let document = parse_versioned(bytes, file)?;
    let top = Obj::top(&document, file)?;
    let site = read_site(&top.object("site")?)?;
    let authors = read_all(&top, "authors", false, read_author)?;
    let categories = read_all(&top, "categories", false, read_term)?;
    let tags = read_all(&top, "tags", false, read_term)?;
    check_vocabulary(&top, "authors", authors.iter().map(|a| a.slug.as_str()))?;
    check_vocabulary(
        &top,
        "categories",
        categories.iter().map(|t| t.slug.as_str()),
    )?;
    check_vocabulary(&top, "tags", tags.iter().map(|t| t.slug.as_str()))?;
    let parts = top.strings("parts", false)?;
    for (position, part) in parts.iter().enumerate() {
        if !is_relative_file(part) {
            return Err(DataError::Field {
                file: file.to_owned(),
                path: format!("parts[{position}]"),
                reason: format!(
                    "expected a file name relative to the index (letters, digits, \
                     `-`, `_`, `.` and `/`, no `..`), got {}",
                    quoted(part)
                ),
            });
        }
    }
    let teasers = top.items("teasers", true)?;
    let mut index = Index {
        site,
        authors,
        categories,
        tags,
        teasers: Vec::with_capacity(teasers.len()),
        parts,
        skipped: Vec::new(),
    };
    index.add_teasers(file, teasers);
    Ok(index)
}

impl Index {
    /// Adds the teasers of one of [`Index::parts`] (a file holding
    /// `{"version": 1, "teasers": […]}`), resolved against this index's
    /// vocabularies. Bad teasers are skipped and recorded, as in the index.
    pub fn add_part(&mut self, bytes: &[u8], file: &str) -> Result<(), DataError> {
        let document = parse_versioned(bytes, file)?;
        let teasers = Obj::top(&document, file)?.items("teasers", true)?;
        self.add_teasers(file, teasers);
        Ok(())
    }

    fn add_teasers(&mut self, file: &str, records: Vec<(String, &Value)>) {
        let parsed: Vec<Result<TeaserRecord, DataError>> = records
            .into_iter()
            .map(|(path, item)| read_teaser(&Obj::at(item, file, path)?))
            .collect();
        let duplicate = self.duplicates(&parsed);
        let authors = by_slug(self.authors.iter().map(|a| a.slug.as_str()));
        let categories = by_slug(self.categories.iter().map(|t| t.slug.as_str()));
        let tags = by_slug(self.tags.iter().map(|t| t.slug.as_str()));
        let mut added = Vec::with_capacity(parsed.len());
        let mut skipped = Vec::new();
        for (position, (record, duplicate)) in parsed.into_iter().zip(duplicate).enumerate() {
            let at = format!("teasers[{position}]");
            let teaser = record.and_then(|record| {
                if duplicate {
                    return Err(DataError::Field {
                        file: file.to_owned(),
                        path: format!("{at}.slug"),
                        reason: format!("duplicate slug {}", quoted(&record.slug)),
                    });
                }
                let authors = resolve(
                    file,
                    &at,
                    "authors",
                    &record.authors,
                    &authors,
                    &self.authors,
                )?;
                let categories = resolve(
                    file,
                    &at,
                    "categories",
                    &record.categories,
                    &categories,
                    &self.categories,
                )?;
                let tags = resolve(file, &at, "tags", &record.tags, &tags, &self.tags)?;
                Ok(Teaser {
                    authors,
                    categories,
                    tags,
                    slug: record.slug,
                    title: record.title,
                    date: record.date,
                    excerpt: record.excerpt,
                    image: record.image,
                    reading_minutes: record.reading_minutes,
                })
            });
            match teaser {
                Ok(teaser) => added.push(teaser),
                Err(error) => skipped.push(error),
            }
        }
        self.teasers.extend(added);
        self.skipped.extend(skipped);
    }

    /// For each parsed record, whether its slug was already taken by a
    /// teaser already in the index or by an earlier record.
    fn duplicates(&self, parsed: &[Result<TeaserRecord, DataError>]) -> Vec<bool> {
        let existing = self.teasers.len();
        let mut keys: Vec<(&str, usize)> = self
            .teasers
            .iter()
            .enumerate()
            .map(|(order, teaser)| (teaser.slug.as_str(), order))
            .chain(parsed.iter().enumerate().filter_map(|(position, record)| {
                let record = record.as_ref().ok()?;
                Some((record.slug.as_str(), existing + position))
            }))
            .collect();
        keys.sort_unstable();
        let mut duplicate = vec![false; parsed.len()];
        for pair in keys.windows(2) {
            if pair[0].0 == pair[1].0 {
                if let Some(flag) = pair[1]
                    .1
                    .checked_sub(existing)
                    .and_then(|i| duplicate.get_mut(i))
                {
                    *flag = true;
                }
            }
        }
        duplicate
    }
}

/// Slugs with their positions, sorted for binary search (one sort for
/// every use keeps the wasm small; no hashing code).
pub(crate) fn by_slug<'a>(slugs: impl Iterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut keys: Vec<(&str, usize)> = slugs.enumerate().map(|(i, slug)| (slug, i)).collect();
    keys.sort_unstable();
    keys
}

/// Reads an article file. `file` names it in messages
/// (`data/articles/peru.json`).
pub fn parse_article(bytes: &[u8], file: &str) -> Result<Article, DataError> {
    let document = parse_versioned(bytes, file)?;
    let article = Obj::top(&document, file)?.object("article")?;
    Ok(Article {
        teaser: read_inline_teaser(&article)?,
        body_html: article.string("body_html")?,
        language: article.opt_string("language")?,
    })
}

/// A teaser with its authors and terms inline, as article files and the
/// API carry them.
fn read_inline_teaser(obj: &Obj) -> Result<Teaser, DataError> {
    let slug = obj.string("slug")?;
    check_slug(obj, "slug", &slug)?;
    Ok(Teaser {
        slug,
        title: obj.string("title")?,
        date: obj.date("date")?,
        authors: read_all(obj, "authors", true, read_author)?,
        categories: read_all(obj, "categories", false, read_term)?,
        tags: read_all(obj, "tags", false, read_term)?,
        excerpt: obj.string("excerpt")?,
        image: obj
            .opt_object("image")?
            .map(|o| read_image(&o))
            .transpose()?,
        reading_minutes: obj.opt_u32("reading_minutes")?,
    })
}

/// One page of an API's `GET /teasers` answer (docs/api.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiPage {
    /// What the archive says about itself.
    pub site: Site,
    /// Teasers matching the query, on every page.
    pub total: usize,
    /// The page shown, from 1.
    pub page: u32,
    /// Pages in all.
    pub pages: u32,
    /// This page's readable teasers.
    pub teasers: Vec<Teaser>,
    /// This page's teasers that could not be read, with why.
    pub skipped: Vec<DataError>,
    /// What each filter option would leave; empty lists when the API
    /// sends none.
    pub facets: Facets,
}

/// The message of an API's error answer, `{"error": "…"}` (docs/api.md,
/// "Errors"), at most 300 characters of it; `None` for any other answer.
pub fn api_error(bytes: &[u8]) -> Option<String> {
    let crate::json::Value::Object(top) = crate::json::parse(bytes, "").ok()? else {
        return None;
    };
    match top.get("error")? {
        crate::json::Value::String(message) => Some(message.chars().take(300).collect()),
        _ => None,
    }
}

/// Reads an API page. `file` (its URL) names it in messages.
pub fn parse_api_page(bytes: &[u8], file: &str) -> Result<ApiPage, DataError> {
    let document = parse_versioned(bytes, file)?;
    let top = Obj::top(&document, file)?;
    let mut teasers = Vec::new();
    let mut skipped = Vec::new();
    for (path, item) in top.items("teasers", true)? {
        match Obj::at(item, file, path).and_then(|obj| read_inline_teaser(&obj)) {
            Ok(teaser) => teasers.push(teaser),
            Err(error) => skipped.push(error),
        }
    }
    let facets = match top.opt_object("facets")? {
        Some(facets) => Facets {
            categories: read_all(&facets, "categories", false, read_facet)?,
            authors: read_all(&facets, "authors", false, read_facet)?,
            tags: read_all(&facets, "tags", false, read_facet)?,
            years: read_all(&facets, "years", false, read_facet)?,
        },
        None => Facets::default(),
    };
    let total = top.u32("total")? as usize;
    Ok(ApiPage {
        site: read_site(&top.object("site")?)?,
        total,
        page: top.opt_u32("page")?.unwrap_or(1).max(1),
        pages: top.opt_u32("pages")?.unwrap_or(1).max(1),
        teasers,
        skipped,
        facets,
    })
}

fn check_slug(obj: &Obj, key: &str, slug: &str) -> Result<(), DataError> {
    if is_valid_slug(slug) {
        Ok(())
    } else {
        Err(obj.field_error(
            key,
            format!(
                "expected a slug of lowercase letters, digits and hyphens, got {}",
                quoted(slug)
            ),
        ))
    }
}

/// Every slug of a vocabulary valid and used once.
fn check_vocabulary<'a>(
    top: &Obj,
    name: &str,
    slugs: impl Iterator<Item = &'a str>,
) -> Result<(), DataError> {
    let keys = by_slug(slugs);
    for &(slug, position) in &keys {
        if !is_valid_slug(slug) {
            return Err(top.field_error(
                &format!("{name}[{position}].slug"),
                format!(
                    "expected a slug of lowercase letters, digits and hyphens, got {}",
                    quoted(slug)
                ),
            ));
        }
    }
    let first_repeat = keys
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| pair[1])
        .min_by_key(|(_, position)| *position);
    match first_repeat {
        Some((slug, position)) => Err(top.field_error(
            &format!("{name}[{position}].slug"),
            format!("duplicate slug {}", quoted(slug)),
        )),
        None => Ok(()),
    }
}

/// A relative file name that cannot leave the bundle's folder.
fn is_relative_file(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
}

/// The position `slug` has in the vocabulary whose [`by_slug`] keys
/// these are.
pub(crate) fn position_of(keys: &[(&str, usize)], slug: &str) -> Option<usize> {
    keys.binary_search_by(|(key, _)| (*key).cmp(slug))
        .ok()
        .map(|found| keys[found].1)
}

/// Looks each slug up in a vocabulary (through its [`by_slug`] keys),
/// naming the first unknown one.
fn resolve<T: Clone>(
    file: &str,
    at: &str,
    field: &str,
    slugs: &[String],
    keys: &[(&str, usize)],
    vocabulary: &[T],
) -> Result<Vec<T>, DataError> {
    let mut resolved = Vec::with_capacity(slugs.len());
    for (position, slug) in slugs.iter().enumerate() {
        match position_of(keys, slug).and_then(|found| vocabulary.get(found)) {
            Some(entry) => resolved.push(entry.clone()),
            None => {
                return Err(DataError::Field {
                    file: file.to_owned(),
                    path: format!("{at}.{field}[{position}]"),
                    reason: format!("no entry with slug {} in `{field}`", quoted(slug)),
                })
            }
        }
    }
    Ok(resolved)
}

mod write;

/// Where a bundle keeps the article `slug`, relative to its index:
/// `articles/<slug>.json`.
pub fn article_file(slug: &str) -> String {
    format!("articles/{slug}.json")
}

pub use write::{ArticleFile, IndexFile};

#[cfg(test)]
mod tests;
