//! What a reader asks of the archive, and its round trip through a URL's
//! query string. [`crate::catalog::Catalog`] answers it.

use std::sync::Arc;

use thiserror::Error;

use crate::model::Teaser;
use crate::quote::quoted;
use crate::route::ArchiveKind;
use crate::search::terms;

/// The most teasers one page may hold.
pub const MAX_PER_PAGE: u32 = 100;

/// The order of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// While searching, best matches first: a word in the title counts
    /// most, then in an author's name, then in the excerpt; newest first
    /// among equals. Without search words, newest first.
    Relevance,
}

impl Sort {
    /// Its name in a URL.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Relevance => "relevance",
        }
    }

    /// The order a URL names, if it names one.
    pub fn from_name(name: &str) -> Option<Self> {
        [Sort::Newest, Sort::Oldest, Sort::Relevance]
            .into_iter()
            .find(|sort| sort.name() == name)
    }
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
    /// The filter on archives of `kind`: the category, author or tag slug.
    pub fn archive(&self, kind: ArchiveKind) -> Option<&str> {
        match kind {
            ArchiveKind::Category => self.category.as_deref(),
            ArchiveKind::Author => self.author.as_deref(),
            ArchiveKind::Tag => self.tag.as_deref(),
        }
    }

    /// Sets the filter on archives of `kind` (`None` clears it).
    pub fn set_archive(&mut self, kind: ArchiveKind, slug: Option<String>) {
        match kind {
            ArchiveKind::Category => self.category = slug,
            ArchiveKind::Author => self.author = slug,
            ArchiveKind::Tag => self.tag = slug,
        }
    }

    /// Reads decoded `name=value` pairs strictly: an unknown name or a bad
    /// value is an error that names it.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, QueryError> {
        let mut query = Query::default();
        for (name, value) in pairs {
            let bad = |reason: &str| QueryError {
                parameter: name.to_owned(),
                reason: format!("{reason}, got {}", quoted(value)),
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
                    query.sort =
                        Sort::from_name(value).ok_or_else(|| bad("expected newest, oldest or relevance"))?
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

    /// Reads a URL's query string (with or without its `?`) leniently, as
    /// the app does: unknown parameters and unusable values are ignored,
    /// so any shared or hand-edited URL shows a page. Search text is kept
    /// as typed.
    pub fn from_url(search: &str) -> Self {
        let search = search.strip_prefix('?').unwrap_or(search);
        let mut query = Query::default();
        for (name, value) in form_urlencoded::parse(search.as_bytes()) {
            let nonempty = || Some(value.to_string()).filter(|v| !v.is_empty());
            match &*name {
                "category" => query.category = nonempty(),
                "author" => query.author = nonempty(),
                "tag" => query.tag = nonempty(),
                "q" => query.text = nonempty(),
                "year" => {
                    if let Some(year) = value.parse().ok().filter(|y| (1..=9999).contains(y)) {
                        query.year = Some(year);
                    }
                }
                "page" => {
                    if let Some(page) = value.parse().ok().filter(|p| *p >= 1) {
                        query.page = page;
                    }
                }
                "sort" => query.sort = Sort::from_name(&value).unwrap_or(query.sort),
                _ => {}
            }
        }
        query
    }

    /// The query string (without `?`) that [`Query::from_url`] reads back
    /// as this query, naming only what differs from the default, in a
    /// fixed order; empty for the default query. The page size is not part
    /// of it: the deployment's configuration sets that.
    pub fn to_url(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        let slugs = [
            ("category", &self.category),
            ("author", &self.author),
            ("tag", &self.tag),
        ];
        for (name, value) in slugs {
            if let Some(value) = value {
                out.append_pair(name, value);
            }
        }
        if let Some(year) = self.year {
            out.append_pair("year", &year.to_string());
        }
        if let Some(text) = &self.text {
            out.append_pair("q", text);
        }
        if self.sort != Sort::Newest {
            out.append_pair("sort", self.sort.name());
        }
        if self.page != 1 {
            out.append_pair("page", &self.page.to_string());
        }
        out.finish()
    }

    /// The query string to send to the API: [`Query::to_url`] with the
    /// page size.
    pub fn to_api_url(&self) -> String {
        let mut url = self.to_url();
        if !url.is_empty() {
            url.push('&');
        }
        url.push_str("per_page=");
        url.push_str(&self.per_page.to_string());
        url
    }

    /// Teasers per page, clamped to 1 to [`MAX_PER_PAGE`].
    pub fn page_size(&self) -> usize {
        self.per_page.clamp(1, MAX_PER_PAGE) as usize
    }

    /// For `total` matches: the page shown (the one asked for, or the
    /// last when asked for one past it) and the number of pages (at least
    /// 1).
    pub fn paging(&self, total: usize) -> (u32, u32) {
        let pages = total.div_ceil(self.page_size()).max(1);
        let page = (self.page.max(1) as usize).min(pages);
        (page as u32, pages as u32)
    }

    /// The search words, folded; empty when not searching.
    pub fn terms(&self) -> Vec<String> {
        self.text.as_deref().map(terms).unwrap_or_default()
    }

    /// Whether any filter or search narrows the results.
    pub fn is_filtered(&self) -> bool {
        self.category.is_some()
            || self.author.is_some()
            || self.tag.is_some()
            || self.year.is_some()
            || !self.terms().is_empty()
    }
}

/// How many teasers a filter option would leave, given the other filters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FacetCount {
    /// The option's slug (a year as its digits).
    pub slug: String,
    /// Its display name.
    pub name: String,
    /// Teasers it would leave; `None` where the source cannot say (a
    /// WordPress site under combined filters): no number is shown rather
    /// than a guessed one.
    pub count: Option<usize>,
}

/// The values a facet's menu shows: those whose name has a word starting
/// with each of the typed `terms` (folded search words; none: every
/// value), the most articles first, ties in vocabulary order, at most
/// `limit`; with how many matched in all. `folded` holds each option's
/// name folded with [`crate::search::words`] joined by spaces.
pub fn menu_values<'a>(
    options: &'a [FacetCount],
    folded: &[String],
    terms: &[String],
    limit: usize,
) -> (Vec<&'a FacetCount>, usize) {
    let found: Vec<&FacetCount> = options
        .iter()
        .zip(folded)
        .filter(|(_, name)| crate::search::matches(name, terms))
        .map(|(option, _)| option)
        .collect();
    // Most first; equal counts in the vocabulary's order (the position
    // breaks ties). The catalog's one sort: each sort is code in the wasm.
    let order = crate::catalog::in_order(found.iter().enumerate().map(|(at, o)| {
        let count = u32::try_from(o.count.unwrap_or(0)).unwrap_or(u32::MAX);
        (u32::MAX - count, 0, at)
    }));
    let shown = order.into_iter().take(limit).map(|at| found[at]).collect();
    (shown, found.len())
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

impl Facets {
    /// The options of the archives of `kind`, with their counts.
    pub fn of(&self, kind: ArchiveKind) -> &[FacetCount] {
        match kind {
            ArchiveKind::Category => &self.categories,
            ArchiveKind::Author => &self.authors,
            ArchiveKind::Tag => &self.tags,
        }
    }
}

/// How many of the largest categories stand for the site's sections when
/// the data names none.
pub const DEFAULT_SECTIONS: usize = 6;

/// The site's sections: the categories `named` (slugs, in their order;
/// those not in `categories` left out), or when none are named the
/// [`DEFAULT_SECTIONS`] with the most articles, in vocabulary order.
pub fn sections(named: &[String], categories: &[FacetCount]) -> Vec<FacetCount> {
    if !named.is_empty() {
        return named
            .iter()
            .filter_map(|slug| categories.iter().find(|c| c.slug == *slug).cloned())
            .collect();
    }
    // The largest not yet kept, DEFAULT_SECTIONS times over (a selection,
    // not a sort: the vocabulary stays in order).
    let count = |c: &FacetCount| c.count.unwrap_or(0);
    let mut kept = vec![false; categories.len()];
    for _ in 0..DEFAULT_SECTIONS.min(categories.len()) {
        let mut best: Option<usize> = None;
        for (at, category) in categories.iter().enumerate() {
            if !kept[at] && best.is_none_or(|b| count(category) > count(&categories[b])) {
                best = Some(at);
            }
        }
        if let Some(at) = best {
            kept[at] = true;
        }
    }
    categories
        .iter()
        .zip(kept)
        .filter(|(_, kept)| *kept)
        .map(|(category, _)| category.clone())
        .collect()
}

/// One page of results, owned: what a view shows, whether the bundle's
/// catalog or an API answered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    /// The folded search words, for marking them in the results.
    pub terms: Vec<String>,
    /// Teasers matching every filter.
    pub total: usize,
    /// The page shown.
    pub page: u32,
    /// Pages in all (at least 1).
    pub pages: u32,
    /// This page's teasers, in order.
    pub teasers: Vec<Teaser>,
    /// What each filter option would leave (shared: views compare and
    /// hand it around on every keystroke).
    pub facets: Arc<Facets>,
}

impl Results<'_> {
    /// The results as an owned [`Answer`]: this page's teasers copied.
    pub fn into_answer(self) -> Answer {
        Answer {
            terms: self.terms,
            total: self.total,
            page: self.page,
            pages: self.pages,
            teasers: self.teasers.into_iter().cloned().collect(),
            facets: Arc::new(self.facets),
        }
    }
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Results<'a> {
    /// The folded search words, for marking them in the results.
    pub terms: Vec<String>,
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

#[cfg(test)]
mod tests;
