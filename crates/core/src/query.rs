//! Filtering, searching, sorting, paging and facet counts over an index:
//! the one definition the app (bundle mode) and the reference API server
//! share.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::model::{Index, Teaser};
use crate::search::{fold, matches, terms};

/// The most teasers one page may hold.
pub const MAX_PER_PAGE: u32 = 100;

/// Newest or oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
}

/// What the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Only this category's teasers.
    pub category: Option<String>,
    /// Only this author's teasers.
    pub author: Option<String>,
    /// Only this tag's teasers.
    pub tag: Option<String>,
    /// Only this year's teasers.
    pub year: Option<u16>,
    /// Words that must all occur in the title, excerpt or author names.
    pub text: Option<String>,
    /// The order.
    pub sort: Sort,
    /// The page, from 1.
    pub page: u32,
    /// Teasers per page, 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl Default for Query {
    fn default() -> Self {
        Self {
            category: None,
            author: None,
            tag: None,
            year: None,
            text: None,
            sort: Sort::Newest,
            page: 1,
            per_page: 12,
        }
    }
}

/// A query parameter that cannot be used, for a 400 answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{parameter}: {reason}")]
pub struct QueryError {
    /// The parameter's name.
    pub parameter: String,
    /// What was wrong.
    pub reason: String,
}

impl Query {
    /// Reads decoded `name=value` pairs strictly: an unknown name or a bad
    /// value is an error that names it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, QueryError> {
        let mut query = Query::default();
        for (name, value) in pairs {
            let bad = |reason: &str| QueryError {
                parameter: name.to_owned(),
                reason: format!("{reason}, got {value:?}"),
            };
            let number = |low: u32, high: u32| {
                value
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (low..=high).contains(n))
                    .ok_or_else(|| bad(&format!("expected a number from {low} to {high}")))
            };
            let nonempty = || Some(value.to_owned()).filter(|v| !v.is_empty());
            match name {
                "category" => query.category = nonempty(),
                "author" => query.author = nonempty(),
                "tag" => query.tag = nonempty(),
                "q" => query.text = Some(value.trim().to_owned()).filter(|v| !v.is_empty()),
                "year" => query.year = Some(number(1, 9999)? as u16),
                "page" => query.page = number(1, u32::MAX)?,
                "per_page" => query.per_page = number(1, MAX_PER_PAGE)?,
                "sort" => {
                    query.sort = match value {
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => return Err(bad("expected newest or oldest")),
                    }
                }
                _ => {
                    return Err(QueryError {
                        parameter: name.to_owned(),
                        reason: "unknown parameter; expected category, author, tag, year, q, sort, page or per_page".to_owned(),
                    })
                }
            }
        }
        Ok(query)
    }
}

/// How many teasers a filter option would leave, given the other filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The option's slug (a year as its digits).
    pub slug: String,
    /// Its display name.
    pub name: String,
    /// Teasers it would leave.
    pub count: usize,
}

/// Facet counts for every filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Per category, in vocabulary order.
    pub categories: Vec<FacetCount>,
    /// Per author, in vocabulary order.
    pub authors: Vec<FacetCount>,
    /// Per tag, in vocabulary order.
    pub tags: Vec<FacetCount>,
    /// Per year, newest first.
    pub years: Vec<FacetCount>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Results<'a> {
    /// Teasers matching every filter.
    pub total: usize,
    /// The page shown (clamped to the last page).
    pub page: u32,
    /// Pages in all (at least 1).
    pub pages: u32,
    /// This page's teasers, in order.
    pub teasers: Vec<&'a Teaser>,
    /// What each filter option would leave.
    pub facets: Facets,
}

/// Which of the query's conditions a teaser meets.
struct Checks {
    category: bool,
    author: bool,
    tag: bool,
    year: bool,
    text: bool,
}

impl Checks {
    fn all(&self) -> bool {
        self.category && self.author && self.tag && self.year && self.text
    }
}

/// Runs `query` over `index`.
pub fn run<'a>(index: &'a Index, query: &Query) -> Results<'a> {
    let words = query.text.as_deref().map(terms).unwrap_or_default();
    let checks: Vec<Checks> = index
        .teasers
        .iter()
        .map(|teaser| Checks {
            category: query
                .category
                .as_ref()
                .is_none_or(|slug| teaser.categories.iter().any(|t| &t.slug == slug)),
            author: query
                .author
                .as_ref()
                .is_none_or(|slug| teaser.authors.iter().any(|a| &a.slug == slug)),
            tag: query
                .tag
                .as_ref()
                .is_none_or(|slug| teaser.tags.iter().any(|t| &t.slug == slug)),
            year: query.year.is_none_or(|year| teaser.date.year() == year),
            text: words.is_empty() || matches(&searchable(teaser), &words),
        })
        .collect();

    let mut matching: Vec<&Teaser> = index
        .teasers
        .iter()
        .zip(&checks)
        .filter(|(_, c)| c.all())
        .map(|(t, _)| t)
        .collect();
    // Stable sorts keep the file's order among teasers of the same day.
    match query.sort {
        Sort::Newest => matching.sort_by_key(|t| std::cmp::Reverse(t.date)),
        Sort::Oldest => matching.sort_by_key(|t| t.date),
    }
    let total = matching.len();
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE) as usize;
    let pages = total.div_ceil(per_page).max(1);
    let page = (query.page.max(1) as usize).min(pages);
    let teasers = matching
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    Results {
        total,
        page: page as u32,
        pages: pages as u32,
        teasers,
        facets: facets(index, &checks),
    }
}

/// The folded text a search looks through.
fn searchable(teaser: &Teaser) -> String {
    let mut text = fold(&teaser.title);
    text.push(' ');
    text.push_str(&fold(&teaser.excerpt));
    for author in &teaser.authors {
        text.push(' ');
        text.push_str(&fold(&author.name));
    }
    text
}

fn facets(index: &Index, checks: &[Checks]) -> Facets {
    let mut categories = BTreeMap::<&str, usize>::new();
    let mut authors = BTreeMap::<&str, usize>::new();
    let mut tags = BTreeMap::<&str, usize>::new();
    let mut years = BTreeMap::<u16, usize>::new();
    for (teaser, c) in index.teasers.iter().zip(checks) {
        if c.author && c.tag && c.year && c.text {
            for term in &teaser.categories {
                *categories.entry(&term.slug).or_default() += 1;
            }
        }
        if c.category && c.tag && c.year && c.text {
            for author in &teaser.authors {
                *authors.entry(&author.slug).or_default() += 1;
            }
        }
        if c.category && c.author && c.year && c.text {
            for term in &teaser.tags {
                *tags.entry(&term.slug).or_default() += 1;
            }
        }
        if c.category && c.author && c.tag && c.text {
            *years.entry(teaser.date.year()).or_default() += 1;
        }
    }
    let count = |counts: &BTreeMap<&str, usize>, slug: &str, name: &str| FacetCount {
        slug: slug.to_owned(),
        name: name.to_owned(),
        count: counts.get(slug).copied().unwrap_or(0),
    };
    let mut all_years: Vec<u16> = index.teasers.iter().map(|t| t.date.year()).collect();
    all_years.sort_unstable_by(|a, b| b.cmp(a));
    all_years.dedup();
    Facets {
        categories: index
            .categories
            .iter()
            .map(|t| count(&categories, &t.slug, &t.name))
            .collect(),
        authors: index
            .authors
            .iter()
            .map(|a| count(&authors, &a.slug, &a.name))
            .collect(),
        tags: index
            .tags
            .iter()
            .map(|t| count(&tags, &t.slug, &t.name))
            .collect(),
        years: all_years
            .into_iter()
            .map(|year| FacetCount {
                slug: year.to_string(),
                name: year.to_string(),
                count: years.get(&year).copied().unwrap_or(0),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
