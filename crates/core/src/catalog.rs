//! An index prepared for queries: filtering, searching, sorting, paging
//! and facet counts, the one definition the app (bundle source) and the
//! reference API server share.
//!
//! Preparing folds every teaser's searchable text once and turns its
//! authors and terms into positions in the vocabularies, so a keystroke
//! costs one pass of word-start tests and counter increments.

use std::cmp::Reverse;

use crate::bundle::{by_slug, position_of};
use crate::model::{Index, Teaser};
use crate::query::{FacetCount, Facets, Query, Results, Sort};
use crate::search::{fold, starts_word};

/// An [`Index`] with what answering queries needs.
#[derive(Debug, Clone)]
pub struct Catalog {
    index: Index,
    pub(crate) entries: Vec<Entry>,
    /// Every year a teaser was published in, newest first.
    years: Vec<u16>,
    /// Entry positions newest first, and oldest first (the file's order
    /// among teasers of the same day), so those orders need no sort per
    /// query.
    pub(crate) newest: Vec<usize>,
    oldest: Vec<usize>,
}

/// How many related articles an article page shows.
pub const RELATED: usize = 3;

/// How many articles on each side of an article, in each of its authors'
/// and tags' lists (newest first), its related articles are chosen from:
/// what a reader of a 2009 article is likely to want next was written
/// near it, and a build over a million articles scores a few dozen
/// candidates per article, not every article sharing a tag.
pub const NEAREST: usize = 16;

/// The ranks (newest first) of up to `count` articles related to the one
/// at `rank`: chosen from the [`NEAREST`] articles on each side of it in
/// each of `lists` (the ranks, ascending, of the articles of each of its
/// authors and tags, itself among them), those with most in common first
/// (`score`), the newest first among equals. The catalog and the compiled
/// index both choose with this.
pub(crate) fn related_ranks(
    rank: u32,
    lists: &[&[u32]],
    score: impl Fn(u32) -> u32,
    count: usize,
) -> Vec<u32> {
    let mut candidates: Vec<u32> = Vec::new();
    for list in lists {
        let at = list.partition_point(|&r| r < rank);
        let from = at.saturating_sub(NEAREST);
        let to = (at + 1 + NEAREST).min(list.len());
        candidates.extend(list[from..to].iter().copied().filter(|&r| r != rank));
    }
    // The catalog's one sort (a smaller wasm than sorting twice); an
    // article found in two lists sorts beside itself.
    let mut related: Vec<u32> = Vec::with_capacity(count);
    for other in in_order(
        candidates
            .iter()
            .map(|&other| (u32::MAX - score(other), other, other as usize)),
    ) {
        if related.len() == count {
            break;
        }
        if related.last() != Some(&(other as u32)) {
            related.push(other as u32);
        }
    }
    related
}

/// How much two articles have in common: a shared author counts twice a
/// shared tag.
pub(crate) fn in_common(this: &Entry, other: &Entry) -> u32 {
    let shared = |mine: &[usize], theirs: &[usize]| {
        mine.iter().filter(|id| theirs.contains(id)).count() as u32
    };
    2 * shared(&this.author_ids, &other.author_ids) + shared(&this.tag_ids, &other.tag_ids)
}

/// One teaser, prepared.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The folded title, author names and excerpt, in that order, each
    /// followed by a newline (which no folded word contains), in one
    /// string for locality.
    pub(crate) text: String,
    /// Where the authors' names start in `text`.
    pub(crate) authors_at: usize,
    /// Where the excerpt starts in `text`.
    pub(crate) excerpt_at: usize,
    pub(crate) category_ids: Vec<usize>,
    pub(crate) author_ids: Vec<usize>,
    pub(crate) tag_ids: Vec<usize>,
    year_id: usize,
}

/// What one pass over the catalog found: the matching positions in
/// order, and the counts per category, author, tag and year.
struct Pass {
    matching: Vec<usize>,
    counts: [Vec<usize>; 4],
}

/// Where one article stands in the results of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Around<'a> {
    /// Its place in the results, from 1.
    pub position: usize,
    /// How many results there are.
    pub total: usize,
    /// The result before it, if any.
    pub previous: Option<&'a Teaser>,
    /// The result after it, if any.
    pub next: Option<&'a Teaser>,
}

/// Which of a query's conditions a teaser meets.
#[derive(Clone, Copy)]
struct Checks {
    category: bool,
    author: bool,
    tag: bool,
    year: bool,
    text: bool,
}

/// The positions of `keys` in the order of the keys (one sort of one
/// type for every order: each sort is code in the wasm).
pub(crate) fn in_order(keys: impl Iterator<Item = (u32, u32, usize)>) -> Vec<usize> {
    let mut keys: Vec<(u32, u32, usize)> = keys.collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, at)| at).collect()
}

/// Every year a teaser of `index` was published in, newest first (marked
/// in a table rather than sorted: each sort is code in the wasm).
fn years(index: &Index) -> Vec<u16> {
    let years = || index.teasers.iter().map(|t| t.date.year());
    let (Some(first), Some(last)) = (years().min(), years().max()) else {
        return Vec::new();
    };
    let mut seen = vec![false; usize::from(last - first) + 1];
    for year in years() {
        seen[usize::from(year - first)] = true;
    }
    (first..=last)
        .rev()
        .filter(|year| seen[usize::from(year - first)])
        .collect()
}

/// Where the wanted slug stands in its vocabulary.
fn wanted<'a>(slug: &Option<String>, mut slugs: impl Iterator<Item = &'a String>) -> Option<usize> {
    let slug = slug.as_ref()?;
    slugs.position(|s| s == slug)
}

fn ids<'a>(keys: &[(&str, usize)], slugs: impl Iterator<Item = &'a str>) -> Vec<usize> {
    slugs.filter_map(|slug| position_of(keys, slug)).collect()
}

impl Catalog {
    /// Prepares `index` for queries.
    pub fn new(index: Index) -> Self {
        let years = years(&index);
        let entries = prepare(&index, &years);
        let days: Vec<u32> = index.teasers.iter().map(|t| t.date.day_number()).collect();
        let newest = in_order(
            days.iter()
                .enumerate()
                .map(|(at, &day)| (u32::MAX - day, 0, at)),
        );
        let oldest = in_order(days.iter().enumerate().map(|(at, &day)| (day, 0, at)));
        Self {
            index,
            entries,
            years,
            newest,
            oldest,
        }
    }

    /// The index it answers from.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every teaser, newest first: the order of the unfiltered listing.
    pub fn newest(&self) -> impl Iterator<Item = &Teaser> + '_ {
        self.newest.iter().map(|&at| &self.index.teasers[at])
    }

    /// Every category with the number of teasers in it, in vocabulary
    /// order, from the category ids each teaser was prepared with.
    pub fn category_counts(&self) -> Vec<FacetCount> {
        let mut counts = vec![0_usize; self.index.categories.len()];
        for id in self.entries.iter().flat_map(|entry| &entry.category_ids) {
            counts[*id] += 1;
        }
        self.index
            .categories
            .iter()
            .zip(counts)
            .map(|(term, count)| FacetCount {
                slug: term.slug.clone(),
                name: term.name.clone(),
                count: Some(count),
            })
            .collect()
    }

    /// Every year a teaser was published in, newest first.
    pub fn years(&self) -> &[u16] {
        &self.years
    }

    /// `query` without the filters this archive cannot satisfy (a slug no
    /// vocabulary holds, a year nothing was published in), as the app
    /// treats a shared URL that names them.
    pub fn known(&self, query: &Query) -> Query {
        let index = &self.index;
        let keep = |slug: &Option<String>, known: &dyn Fn(&str) -> bool| {
            slug.clone().filter(|slug| known(slug))
        };
        Query {
            category: keep(&query.category, &|s| {
                index.categories.iter().any(|t| t.slug == s)
            }),
            author: keep(&query.author, &|s| {
                index.authors.iter().any(|a| a.slug == s)
            }),
            tag: keep(&query.tag, &|s| index.tags.iter().any(|t| t.slug == s)),
            year: query.year.filter(|year| self.years.contains(year)),
            ..query.clone()
        }
    }

    /// Every teaser that meets `query`'s filters and contains every search
    /// word, as positions in the index, in the asked order, with how many
    /// each filter option would leave.
    fn pass(&self, query: &Query, terms: &[String]) -> Pass {
        let index = &self.index;
        // A filter naming no vocabulary entry matches nothing.
        let category = wanted(&query.category, index.categories.iter().map(|t| &t.slug));
        let author = wanted(&query.author, index.authors.iter().map(|a| &a.slug));
        let tag = wanted(&query.tag, index.tags.iter().map(|t| &t.slug));
        let year = query
            .year
            .map(|year| self.years.iter().position(|y| *y == year));

        let mut category_counts = vec![0; index.categories.len()];
        let mut author_counts = vec![0; index.authors.len()];
        let mut tag_counts = vec![0; index.tags.len()];
        let mut year_counts = vec![0; self.years.len()];
        let mut matching: Vec<(u32, usize)> = Vec::new();
        let order = if query.sort == Sort::Oldest {
            &self.oldest
        } else {
            &self.newest
        };
        for &at in order {
            let entry = &self.entries[at];
            let score = if terms.is_empty() {
                Some(0)
            } else {
                score(entry, terms)
            };
            let checks = Checks {
                category: query.category.is_none()
                    || category.is_some_and(|id| entry.category_ids.contains(&id)),
                author: query.author.is_none()
                    || author.is_some_and(|id| entry.author_ids.contains(&id)),
                tag: query.tag.is_none() || tag.is_some_and(|id| entry.tag_ids.contains(&id)),
                year: year.is_none_or(|id| id == Some(entry.year_id)),
                text: score.is_some(),
            };
            let Checks {
                category: c,
                author: a,
                tag: t,
                year: y,
                text: x,
            } = checks;
            if a && t && y && x {
                for &id in &entry.category_ids {
                    category_counts[id] += 1;
                }
            }
            if c && t && y && x {
                for &id in &entry.author_ids {
                    author_counts[id] += 1;
                }
            }
            if c && a && y && x {
                for &id in &entry.tag_ids {
                    tag_counts[id] += 1;
                }
            }
            if c && a && t && x {
                year_counts[entry.year_id] += 1;
            }
            if let (true, true, true, true, Some(score)) = (c, a, t, y, score) {
                matching.push((score, at));
            }
        }

        let teasers = &index.teasers;
        if query.sort == Sort::Relevance && !terms.is_empty() {
            // Best score first, then newest, then the file's order.
            let ranked = in_order(matching.iter().map(|&(score, at)| {
                (
                    u32::MAX - score,
                    u32::MAX - teasers[at].date.day_number(),
                    at,
                )
            }));
            matching = ranked.into_iter().map(|at| (0, at)).collect();
        }
        Pass {
            matching: matching.into_iter().map(|(_, at)| at).collect(),
            counts: [category_counts, author_counts, tag_counts, year_counts],
        }
    }

    /// Runs `query`: one page of the teasers that meet every filter and
    /// contain every search word, in the asked order, with facet counts.
    pub fn run(&self, query: &Query) -> Results<'_> {
        let index = &self.index;
        let terms = query.terms();
        let Pass {
            matching,
            counts: [category_counts, author_counts, tag_counts, year_counts],
        } = self.pass(query, &terms);
        let teasers = &index.teasers;
        let total = matching.len();
        let per_page = query.page_size();
        let (page, pages) = query.paging(total);
        let shown: Vec<&Teaser> = matching
            .iter()
            .skip((page as usize - 1) * per_page)
            .take(per_page)
            .map(|&at| &teasers[at])
            .collect();

        let count = |counts: &[usize], slug: &str, name: &str, at: usize| FacetCount {
            slug: slug.to_owned(),
            name: name.to_owned(),
            count: Some(counts[at]),
        };
        let facets = Facets {
            categories: index
                .categories
                .iter()
                .enumerate()
                .map(|(at, t)| count(&category_counts, &t.slug, &t.name, at))
                .collect(),
            authors: index
                .authors
                .iter()
                .enumerate()
                .map(|(at, a)| count(&author_counts, &a.slug, &a.name, at))
                .collect(),
            tags: index
                .tags
                .iter()
                .enumerate()
                .map(|(at, t)| count(&tag_counts, &t.slug, &t.name, at))
                .collect(),
            years: self
                .years
                .iter()
                .zip(&year_counts)
                .map(|(year, &count)| FacetCount {
                    slug: year.to_string(),
                    name: year.to_string(),
                    count: Some(count),
                })
                .collect(),
        };
        Results {
            terms,
            total,
            page,
            pages,
            teasers: shown,
            facets,
        }
    }
}

impl Catalog {
    /// Where the article `slug` stands in the results of `query` (every
    /// page of them), with its neighbours; `None` if it is not among them.
    pub fn around(&self, query: &Query, slug: &str) -> Option<Around<'_>> {
        let at = self.position(slug)?;
        let matching = self.pass(query, &query.terms()).matching;
        let place = matching.iter().position(|&m| m == at)?;
        let teaser = |place: Option<usize>| {
            place
                .and_then(|place| matching.get(place))
                .map(|&at| &self.index.teasers[at])
        };
        Some(Around {
            position: place + 1,
            total: matching.len(),
            previous: teaser(place.checked_sub(1)),
            next: teaser(Some(place + 1)),
        })
    }

    /// Up to `count` other articles that share authors or tags with
    /// `slug`, of those written near it ([`NEAREST`]): a shared author
    /// counts twice a shared tag, and among equals the newest comes first.
    pub fn related(&self, slug: &str, count: usize) -> Vec<&Teaser> {
        let Some(at) = self.position(slug) else {
            return Vec::new();
        };
        let this = &self.entries[at];
        let Some(rank) = self.newest.iter().position(|&p| p == at) else {
            return Vec::new();
        };
        // The ranks of each of its authors' and tags' articles.
        let list = |has: &dyn Fn(&Entry) -> bool| -> Vec<u32> {
            self.newest
                .iter()
                .enumerate()
                .filter(|(_, &p)| has(&self.entries[p]))
                .map(|(r, _)| r as u32)
                .collect()
        };
        let mut lists: Vec<Vec<u32>> = Vec::new();
        for &author in &this.author_ids {
            lists.push(list(&|e| e.author_ids.contains(&author)));
        }
        for &tag in &this.tag_ids {
            lists.push(list(&|e| e.tag_ids.contains(&tag)));
        }
        let lists: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        let score = |other: u32| in_common(this, &self.entries[self.newest[other as usize]]);
        related_ranks(rank as u32, &lists, score, count)
            .into_iter()
            .map(|other| &self.index.teasers[self.newest[other as usize]])
            .collect()
    }

    /// Where the teaser `slug` is in the index.
    fn position(&self, slug: &str) -> Option<usize> {
        self.index.teasers.iter().position(|t| t.slug == slug)
    }
}

/// Folds each teaser's text and finds its authors and terms in the
/// vocabularies.
fn prepare(index: &Index, years: &[u16]) -> Vec<Entry> {
    let categories = by_slug(index.categories.iter().map(|t| t.slug.as_str()));
    let authors = by_slug(index.authors.iter().map(|a| a.slug.as_str()));
    let tags = by_slug(index.tags.iter().map(|t| t.slug.as_str()));
    index
        .teasers
        .iter()
        .map(|teaser| {
            let names: Vec<&str> = teaser.authors.iter().map(|a| a.name.as_str()).collect();
            let mut text = fold(&teaser.title);
            text.push('\n');
            let authors_at = text.len();
            text.push_str(&fold(&names.join(" ")));
            text.push('\n');
            let excerpt_at = text.len();
            text.push_str(&fold(&teaser.excerpt));
            Entry {
                text,
                authors_at,
                excerpt_at,
                category_ids: ids(
                    &categories,
                    teaser.categories.iter().map(|t| t.slug.as_str()),
                ),
                author_ids: ids(&authors, teaser.authors.iter().map(|a| a.slug.as_str())),
                tag_ids: ids(&tags, teaser.tags.iter().map(|t| t.slug.as_str())),
                year_id: years
                    .binary_search_by_key(&Reverse(teaser.date.year()), |y| Reverse(*y))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// How well `entry` matches every one of `terms`, or `None` if one is
/// missing: 3 for a word in the title, 2 in an author's name, 1 in the
/// excerpt.
fn score(entry: &Entry, terms: &[String]) -> Option<u32> {
    terms.iter().try_fold(0, |sum, term| {
        let term = term.as_str();
        let text = &entry.text;
        let points = if starts_word(&text[..entry.authors_at], term) {
            3
        } else if starts_word(&text[entry.authors_at..entry.excerpt_at], term) {
            2
        } else if starts_word(&text[entry.excerpt_at..], term) {
            1
        } else {
            return None;
        };
        Some(sum + points)
    })
}

#[cfg(test)]
mod tests;
