//! Answering queries from the compiled index's files, loading only those
//! a query needs.
//!
//! The reader holds what has been loaded. Each question is asked with the
//! files at hand: the answer is [`Step::Done`], or [`Step::Need`] with the
//! files to load before asking again (all of them at once: nothing later
//! depends on what they hold, except teasers, which come one round after
//! the files that choose them).

use std::sync::Arc;

use super::codec::Cursor;
use super::{bucket, Manifest, Shard, BLOCK, COLUMNS, HEAD};
use crate::bundle::parse_index;
use crate::catalog::{in_order, Around};
use crate::error::DataError;
use crate::model::{Index, Teaser};
use crate::query::{Answer, FacetCount, Facets, Query, Sort};
use crate::route::ArchiveKind;

/// The result of a question: done, or the files to load first.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<T> {
    /// The answer.
    Done(T),
    /// Paths (under the index's directory) to load, then ask again.
    Need(Vec<String>),
}

/// One loaded file, read.
#[derive(Debug)]
enum Loaded {
    Teasers(Index),
    Columns(Vec<[Vec<u32>; 3]>),
    Words(WordFile),
    /// Long words' other articles, by word.
    Rest(Vec<(String, Vec<(u32, u8)>)>),
    Vocabulary(Vec<(u32, String, String, u32)>),
    /// An archive, or `None` when the data has no archive of that slug.
    Postings(Option<Posting>),
    Bucket(Vec<(String, u32, Vec<u32>)>),
    Days(Vec<u32>),
}

/// A word file: its words, sorted, and how many articles each range of
/// them sharing a start has, where one is long.
#[derive(Debug)]
struct WordFile {
    words: Vec<Word>,
    /// `(from, to, articles)`, by `from` then `to`.
    ranges: Vec<(u32, u32, u32)>,
}

/// A word, how many articles it starts a word of, and those its file
/// keeps (all, or the newest of each place and the number of the file
/// with the rest), each with its place's score.
#[derive(Debug)]
struct Word {
    word: String,
    total: u32,
    rest: Option<u32>,
    head: Vec<(u32, u8)>,
}

/// An archive's file.
#[derive(Debug)]
struct Posting {
    name: String,
    description: Option<String>,
    id: u32,
    ids: Vec<u32>,
}

/// The compiled index's manifest and the files loaded so far.
#[derive(Debug)]
pub struct Reader {
    manifest: Arc<Manifest>,
    /// By path, sorted (a map type more would be code in the wasm).
    loaded: Vec<(String, Loaded)>,
}

/// One condition of a query, as a set of article numbers.
enum Set<'a> {
    Range(u32, u32),
    Ids(&'a [u32]),
}

impl Set<'_> {
    fn has(&self, id: u32) -> bool {
        match self {
            Set::Range(from, to) => (*from..*to).contains(&id),
            Set::Ids(ids) => ids.binary_search(&id).is_ok(),
        }
    }
    fn len(&self) -> usize {
        match self {
            Set::Range(from, to) => (to - from) as usize,
            Set::Ids(ids) => ids.len(),
        }
    }
    fn ids(&self) -> Vec<u32> {
        match self {
            Set::Range(from, to) => (*from..*to).collect(),
            Set::Ids(ids) => ids.to_vec(),
        }
    }
}

/// What a query's conditions are, once their files are loaded.
struct Conditions<'a> {
    /// Per archive kind (category, author, tag): the wanted archive's
    /// vocabulary number and articles.
    archives: [Option<(u32, &'a [u32])>; 3],
    /// The wanted year's position and range.
    year: Option<(usize, u32, u32)>,
    /// With search words: the matching articles and their scores, by
    /// number; with `total`, only the newest of each place.
    text: Option<Vec<(u32, u32)>>,
    /// How many articles match the search word, when `text` holds only
    /// the newest of them (one search word and no other condition).
    total: Option<usize>,
}

/// A search word's articles and their scores, by number, and how many
/// there are when those are only the newest (see [`Reader::word_matches`]).
type Matches = (Vec<(u32, u32)>, Option<usize>);

/// The next `n` postings (`gap << 2 | place`) as article numbers and
/// places.
fn postings(c: &mut Cursor, n: u32) -> Result<Vec<(u32, u8)>, DataError> {
    let mut postings = Vec::with_capacity(n.min(1 << 16) as usize);
    let mut id = 0_u32;
    for _ in 0..n {
        let packed = c.id()?;
        id = id.checked_add(packed >> 2).ok_or_else(|| c.broken())?;
        postings.push((id, (packed & 3) as u8));
    }
    Ok(postings)
}

const KINDS: [ArchiveKind; 3] = [ArchiveKind::Category, ArchiveKind::Author, ArchiveKind::Tag];

impl Reader {
    /// A reader of the build `manifest` names, nothing loaded yet.
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest: Arc::new(manifest),
            loaded: Vec::new(),
        }
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Whether the file at `path` is loaded.
    pub fn has(&self, path: &str) -> bool {
        self.find(path).is_ok()
    }

    /// Where the file at `path` is in `loaded`, or would be.
    fn find(&self, path: &str) -> Result<usize, usize> {
        self.loaded.binary_search_by(|(p, _)| p.as_str().cmp(path))
    }

    /// Adds the file at `path`, `None` when the host has none (404: an
    /// archive the data does not have). `file` names it in messages.
    pub fn add(&mut self, path: &str, bytes: Option<&[u8]>, file: &str) -> Result<(), DataError> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let missing = || DataError::Field {
            file: file.to_owned(),
            path: String::new(),
            reason: "missing from the index; rebuild it".to_owned(),
        };
        let loaded = if path.contains("/p-") {
            match bytes {
                None => Loaded::Postings(None),
                Some(bytes) => {
                    let mut c = Cursor::new(bytes, file);
                    let name = c.string()?.to_owned();
                    let has = c.number()? == 1;
                    let description = c.string()?.to_owned();
                    Loaded::Postings(Some(Posting {
                        name,
                        description: has.then_some(description),
                        id: c.id()?,
                        ids: c.ids()?,
                    }))
                }
            }
        } else {
            let bytes = bytes.ok_or_else(missing)?;
            let mut c = Cursor::new(bytes, file);
            match name.as_bytes().first() {
                Some(b't') => Loaded::Teasers(parse_index(bytes, file)?),
                Some(b'c') => {
                    let mut rows = Vec::new();
                    while !c.done() {
                        let mut row: [Vec<u32>; 3] = Default::default();
                        for list in &mut row {
                            let n = c.id()?;
                            for _ in 0..n {
                                list.push(c.id()?);
                            }
                        }
                        rows.push(row);
                    }
                    Loaded::Columns(rows)
                }
                Some(b'h') => {
                    let n = c.id()?;
                    let mut words = Vec::with_capacity((n as usize).min(bytes.len()));
                    for _ in 0..n {
                        let word = c.string()?.to_owned();
                        let total = c.id()?;
                        let kept = c.id()?;
                        let rest = if kept < total { Some(c.id()?) } else { None };
                        let head = postings(&mut c, kept)?;
                        words.push(Word {
                            word,
                            total,
                            rest,
                            head,
                        });
                    }
                    let n = c.id()?;
                    let mut ranges = Vec::new();
                    let mut from = 0_u32;
                    for _ in 0..n {
                        from = from.checked_add(c.id()?).ok_or_else(|| c.broken())?;
                        let to = from.checked_add(c.id()?).ok_or_else(|| c.broken())?;
                        ranges.push((from, to, c.id()?));
                    }
                    Loaded::Words(WordFile { words, ranges })
                }
                Some(b'r') => {
                    let mut words = Vec::new();
                    while !c.done() {
                        let word = c.string()?.to_owned();
                        let n = c.id()?;
                        words.push((word, postings(&mut c, n)?));
                    }
                    Loaded::Rest(words)
                }
                Some(b'v') => {
                    let mut entries = Vec::new();
                    while !c.done() {
                        let id = c.id()?;
                        let slug = c.string()?.to_owned();
                        let name = c.string()?.to_owned();
                        entries.push((id, slug, name, c.id()?));
                    }
                    Loaded::Vocabulary(entries)
                }
                Some(b'a') => {
                    let mut entries = Vec::new();
                    while !c.done() {
                        let slug = c.string()?.to_owned();
                        let id = c.id()?;
                        let n = c.id()?;
                        let mut related = Vec::new();
                        for _ in 0..n {
                            related.push(c.id()?);
                        }
                        entries.push((slug, id, related));
                    }
                    Loaded::Bucket(entries)
                }
                Some(b'd') => {
                    let runs = c.id()?;
                    let mut starts = Vec::new();
                    let mut at = 0;
                    for _ in 0..runs {
                        let _day = c.id()?;
                        starts.push(at);
                        at += c.id()?;
                    }
                    Loaded::Days(starts)
                }
                _ => return Err(missing()),
            }
        };
        match self.find(path) {
            Ok(at) => self.loaded[at].1 = loaded,
            Err(at) => self.loaded.insert(at, (path.to_owned(), loaded)),
        }
        Ok(())
    }

    fn get(&self, shard: Shard, need: &mut Vec<String>) -> Option<&Loaded> {
        let path = shard.path(&self.manifest.build);
        let found = self.find(&path).ok().map(|at| &self.loaded[at].1);
        if found.is_none() && !need.contains(&path) {
            need.push(path);
        }
        found
    }

    /// The archive of `kind` named `slug`: `Some(None)` when the data has
    /// none, `None` while its file is not loaded.
    fn posting(
        &self,
        kind: ArchiveKind,
        slug: &str,
        need: &mut Vec<String>,
    ) -> Option<Option<&Posting>> {
        if !crate::is_valid_slug(slug) {
            return Some(None);
        }
        match self.get(Shard::Postings(kind, slug.to_owned()), need)? {
            Loaded::Postings(posting) => Some(posting.as_ref()),
            _ => Some(None),
        }
    }

    /// The name and description of the archive `slug` of `kind`, as
    /// [`Index::archive`] gives them; `None` if the data has none.
    pub fn archive(&self, kind: ArchiveKind, slug: &str) -> Step<Option<(String, Option<String>)>> {
        let mut need = Vec::new();
        match self.posting(kind, slug, &mut need) {
            None => Step::Need(need),
            Some(posting) => Step::Done(posting.map(|p| (p.name.clone(), p.description.clone()))),
        }
    }

    /// The articles matching `query` whose files are loaded, with scores;
    /// adds to `need` what is missing.
    /// Unless `whole`, a lone search word with no other condition may
    /// give only the newest of its articles, with their count.
    fn conditions<'a>(
        &'a self,
        query: &Query,
        terms: &[String],
        whole: bool,
        need: &mut Vec<String>,
    ) -> Option<Conditions<'a>> {
        let mut complete = true;
        let mut archives = [None; 3];
        for (slot, kind) in archives.iter_mut().zip(KINDS) {
            if let Some(slug) = query.archive(kind) {
                match self.posting(kind, slug, need) {
                    None => complete = false,
                    Some(posting) => *slot = posting.map(|p| (p.id, p.ids.as_slice())),
                }
            }
        }
        let year = query.year.and_then(|year| {
            let at = self.manifest.years.iter().position(|y| y.year == year)?;
            let range = self.manifest.years[at];
            Some((at, range.from, range.to))
        });
        let whole = whole
            || terms.len() != 1
            || year.is_some()
            || KINDS.iter().any(|kind| query.archive(*kind).is_some());
        let mut text: Option<Vec<(u32, u32)>> = None;
        let mut total = None;
        for term in terms {
            let Some((found, count)) = self.word_matches(term, whole, need) else {
                complete = false;
                continue;
            };
            total = count;
            text = Some(match text {
                None => found,
                Some(before) => {
                    let mut both = Vec::with_capacity(before.len().min(found.len()));
                    let (mut i, mut j) = (0, 0);
                    while i < before.len() && j < found.len() {
                        match before[i].0.cmp(&found[j].0) {
                            std::cmp::Ordering::Less => i += 1,
                            std::cmp::Ordering::Greater => j += 1,
                            std::cmp::Ordering::Equal => {
                                both.push((before[i].0, before[i].1 + found[j].1));
                                i += 1;
                                j += 1;
                            }
                        }
                    }
                    both
                }
            });
        }
        complete.then_some(Conditions {
            archives,
            year,
            text,
            total,
        })
    }

    /// The articles with a word starting with `term` (folded), by number,
    /// each with its best place's score, and `None`; or, unless `whole`,
    /// when the word file has them, only the newest of each place and
    /// how many there are. `None` while a file they need is not loaded.
    fn word_matches(&self, term: &str, whole: bool, need: &mut Vec<String>) -> Option<Matches> {
        let firsts = &self.manifest.words;
        let from = firsts
            .partition_point(|first| first.as_str() <= term)
            .saturating_sub(1);
        let to = firsts.partition_point(|first| first.as_str() <= term || first.starts_with(term));
        // The words, per file.
        let mut found: Vec<(&WordFile, usize, usize)> = Vec::new();
        let mut complete = true;
        for n in from..to.max(from + 1).min(firsts.len()) {
            match self.get(Shard::Words(n as u32), need) {
                Some(Loaded::Words(file)) => {
                    let start = file.words.partition_point(|w| w.word.as_str() < term);
                    let end = start
                        + file.words[start..]
                            .iter()
                            .take_while(|w| w.word.starts_with(term))
                            .count();
                    found.push((file, start, end));
                }
                _ => complete = false,
            }
        }
        if !complete {
            return None;
        }
        let words = || {
            found
                .iter()
                .flat_map(|&(file, start, end)| file.words[start..end].iter())
        };
        // The heads are all when no word is long; else, in one file and
        // unless every article is asked for, they are enough with the
        // count the file keeps for the words' range.
        let long = words().any(|w| w.rest.is_some());
        let total = match found.as_slice() {
            [(file, start, end)] if long && !whole => {
                let (from, to) = (*start as u32, *end as u32);
                if to - from == 1 {
                    file.words.get(*start).map(|w| w.total as usize)
                } else {
                    file.ranges
                        .binary_search_by(|&(f, t, _)| (f, t).cmp(&(from, to)))
                        .ok()
                        .map(|at| file.ranges[at].2 as usize)
                }
            }
            _ => None,
        };
        // Each word's postings, by article number (a long word's in two
        // lists, its head and the rest, unless the head is enough).
        let mut lists: Vec<&[(u32, u8)]> = Vec::new();
        for word in words() {
            lists.push(&word.head);
            let Some(n) = word.rest.filter(|_| total.is_none()) else {
                continue;
            };
            match self.get(Shard::Rest(n), need) {
                // Written with the word file, by the same build.
                Some(Loaded::Rest(rest)) => {
                    let at = rest.partition_point(|(w, _)| w.as_str() < word.word.as_str());
                    if let Some((_, more)) = rest.get(at).filter(|(w, _)| *w == word.word) {
                        lists.push(more);
                    }
                }
                _ => complete = false,
            }
        }
        if !complete {
            return None;
        }
        // Each article once, with its best score: one word's postings as
        // they are; several words' marked in a table by number (a prefix
        // of many words, the first letter typed, runs to a good part of
        // the archive: sorting them was most of a keystroke's time).
        if let [list] = lists.as_slice() {
            return Some((
                list.iter().map(|&(id, w)| (id, u32::from(w))).collect(),
                total,
            ));
        }
        let mut best = vec![0u8; self.manifest.count as usize];
        for &(id, w) in lists.iter().copied().flatten() {
            if let Some(slot) = best.get_mut(id as usize) {
                *slot = (*slot).max(w.saturating_add(1));
            }
        }
        Some((
            (0u32..)
                .zip(best)
                .filter(|&(_, w)| w > 0)
                .map(|(id, w)| (id, u32::from(w - 1)))
                .collect(),
            total,
        ))
    }

    /// The matching article numbers in the asked order.
    fn ordered(
        &self,
        query: &Query,
        terms: &[String],
        conditions: &Conditions,
        need: &mut Vec<String>,
    ) -> Option<Vec<u32>> {
        let mut sets: Vec<Set> = Vec::new();
        for (_, ids) in conditions.archives.iter().flatten() {
            sets.push(Set::Ids(ids));
        }
        if let Some((_, from, to)) = conditions.year {
            sets.push(Set::Range(from, to));
        }
        let matching: Vec<(u32, u32)> = match &conditions.text {
            Some(text) => text
                .iter()
                .filter(|(id, _)| sets.iter().all(|set| set.has(*id)))
                .copied()
                .collect(),
            None => {
                let smallest = (0..sets.len()).min_by_key(|&at| sets[at].len());
                match smallest {
                    None => (0..self.manifest.count).map(|id| (id, 0)).collect(),
                    Some(at) => sets[at]
                        .ids()
                        .into_iter()
                        .filter(|id| sets.iter().all(|set| set.has(*id)))
                        .map(|id| (id, 0))
                        .collect(),
                }
            }
        };
        // One sort for every order (each sort is code in the wasm).
        let keyed = |key: &dyn Fn(u32, u32) -> u32| -> Vec<u32> {
            in_order(
                matching
                    .iter()
                    .enumerate()
                    .map(|(at, &(id, score))| (key(id, score), id, at)),
            )
            .into_iter()
            .map(|at| matching[at].0)
            .collect()
        };
        match query.sort {
            Sort::Relevance if !terms.is_empty() => Some(keyed(&|_, score| u32::MAX - score)),
            Sort::Oldest => {
                let Some(Loaded::Days(starts)) = self.get(Shard::Days, need) else {
                    return None;
                };
                // The newest day's run first in number order: oldest
                // first is the runs backwards, each in number order.
                Some(keyed(&|id, _| {
                    u32::MAX - starts.partition_point(|&start| start <= id) as u32
                }))
            }
            _ => Some(matching.iter().map(|(id, _)| *id).collect()),
        }
    }

    /// The teaser numbered `id`, if its file is loaded.
    fn teaser(&self, id: u32, need: &mut Vec<String>) -> Option<&Teaser> {
        match self.get(Shard::Teasers(id / BLOCK), need)? {
            Loaded::Teasers(index) => index.teasers.get((id % BLOCK) as usize),
            _ => None,
        }
    }

    /// The teasers numbered `ids`, once all their files are loaded.
    fn teasers(&self, ids: &[u32], need: &mut Vec<String>) -> Option<Vec<Teaser>> {
        let found: Vec<Option<&Teaser>> = ids.iter().map(|&id| self.teaser(id, need)).collect();
        found.into_iter().map(|t| t.cloned()).collect()
    }

    /// `query` without the filters the archive does not have, as
    /// [`crate::Catalog::known`] gives it.
    fn known(&self, query: &Query, need: &mut Vec<String>) -> Option<Query> {
        let mut known = query.clone();
        let mut complete = true;
        for kind in KINDS {
            if let Some(slug) = query.archive(kind) {
                match self.posting(kind, slug, need) {
                    None => complete = false,
                    Some(None) => known.set_archive(kind, None),
                    Some(Some(_)) => {}
                }
            }
        }
        known.year = query
            .year
            .filter(|year| self.manifest.years.iter().any(|y| y.year == *year));
        complete.then_some(known)
    }

    /// `query` as the archive knows it, its search words and its
    /// conditions; `None` until every file they need is loaded (all asked
    /// for at once). Unless `whole`, a lone search word's articles may be
    /// only the newest (see [`Reader::conditions`]).
    fn prepare<'a>(
        &'a self,
        query: &Query,
        whole: bool,
        need: &mut Vec<String>,
    ) -> Option<(Query, Vec<String>, Conditions<'a>)> {
        let known = self.known(query, need);
        let terms = query.terms();
        let conditions = self.conditions(query, &terms, whole, need);
        if query.sort == Sort::Oldest {
            self.get(Shard::Days, need);
        }
        Some((known?, terms, conditions?))
    }

    /// The answer to `query` (filters naming nothing in the archive left
    /// out), as [`crate::Catalog::run`] gives it: with `counts`, every
    /// facet count; without, only the categories and years, without
    /// numbers, so the results need none of the files counting reads.
    pub fn answer(&self, query: &Query, counts: bool) -> Result<Step<Answer>, DataError> {
        let mut need = Vec::new();
        // The newest of a word's articles of each place give the first
        // page, newest first or by relevance, when it has at most HEAD.
        let every = counts
            || query.sort == Sort::Oldest
            || (query.page as usize).saturating_mul(query.page_size()) > HEAD;
        let Some((query, terms, conditions)) = self.prepare(query, every, &mut need) else {
            return Ok(Step::Need(need));
        };
        let Some(matching) = self.ordered(&query, &terms, &conditions, &mut need) else {
            return Ok(Step::Need(need));
        };
        let total = conditions.total.unwrap_or(matching.len());
        let per_page = query.page_size();
        let (page, pages) = query.paging(total);
        let shown: Vec<u32> = matching
            .iter()
            .skip((page as usize - 1) * per_page)
            .take(per_page)
            .copied()
            .collect();
        let teasers = self.teasers(&shown, &mut need);
        let facets = if counts {
            self.facets(&query, &conditions, &mut need)
        } else {
            Some(self.uncounted(&query, &conditions))
        };
        match (teasers, facets) {
            (Some(teasers), Some(facets)) if need.is_empty() => Ok(Step::Done(Answer {
                terms,
                total,
                page,
                pages,
                teasers,
                facets: Arc::new(facets),
            })),
            _ => Ok(Step::Need(need)),
        }
    }

    /// The facets that need no file: the categories and years, counted
    /// only where no other condition holds (their numbers are in the
    /// manifest), and the chosen author and tag, named from their
    /// archives' files, without numbers.
    fn uncounted(&self, query: &Query, conditions: &Conditions) -> Facets {
        let whole = |d: usize| whole(query, conditions, d);
        let chosen = |d: usize| -> Vec<FacetCount> {
            let kind = KINDS[d];
            let Some(slug) = query.archive(kind) else {
                return Vec::new();
            };
            let mut need = Vec::new();
            match self.posting(kind, slug, &mut need) {
                Some(Some(posting)) => vec![FacetCount {
                    slug: slug.to_owned(),
                    name: posting.name.clone(),
                    count: None,
                }],
                _ => Vec::new(),
            }
        };
        Facets {
            categories: self
                .manifest
                .categories
                .iter()
                .map(|c| FacetCount {
                    count: c.count.filter(|_| whole(0)),
                    ..c.clone()
                })
                .collect(),
            authors: chosen(1),
            tags: chosen(2),
            years: self
                .manifest
                .years
                .iter()
                .map(|y| FacetCount {
                    slug: y.year.to_string(),
                    name: y.year.to_string(),
                    count: whole(3).then_some((y.to - y.from) as usize),
                })
                .collect(),
        }
    }

    /// Every facet count under `query`'s conditions, as the catalog counts
    /// them: an option's count is the articles matching every other
    /// condition and that option.
    fn facets(
        &self,
        query: &Query,
        conditions: &Conditions,
        need: &mut Vec<String>,
    ) -> Option<Facets> {
        let manifest = &self.manifest;
        // Every vocabulary, in vocabulary order, with its counts over the
        // whole archive.
        let mut vocabularies: [Vec<(String, String, usize)>; 3] = Default::default();
        for (list, kind) in vocabularies.iter_mut().zip(KINDS) {
            if kind == ArchiveKind::Category {
                *list = manifest
                    .categories
                    .iter()
                    .map(|c| (c.slug.clone(), c.name.clone(), c.count.unwrap_or_default()))
                    .collect();
                continue;
            }
            let mut entries = Vec::new();
            for n in 0..manifest.vocabulary.of(kind).len() {
                if let Some(Loaded::Vocabulary(piece)) =
                    self.get(Shard::Vocabulary(kind, n as u32), need)
                {
                    entries.extend(piece.iter().cloned());
                }
            }
            let order = in_order(entries.iter().enumerate().map(|(at, e)| (e.0, 0, at)));
            *list = order
                .into_iter()
                .map(|at| {
                    let (_, slug, name, count) = &entries[at];
                    (slug.clone(), name.clone(), *count as usize)
                })
                .collect();
        }
        let mut years: Vec<usize> = manifest
            .years
            .iter()
            .map(|y| (y.to - y.from) as usize)
            .collect();
        let whole = |d: usize| whole(query, conditions, d);
        let mut counts: [Vec<usize>; 3] = [
            vec![0; vocabularies[0].len()],
            vec![0; vocabularies[1].len()],
            vec![0; vocabularies[2].len()],
        ];
        let mut year_counts = vec![0; years.len()];
        if (0..4).any(|d| !whole(d)) {
            let candidates: Vec<u32> = match &conditions.text {
                Some(text) => text.iter().map(|(id, _)| *id).collect(),
                None => {
                    let mut all: Vec<u32> = Vec::new();
                    for (_, ids) in conditions.archives.iter().flatten() {
                        all.extend_from_slice(ids);
                    }
                    if let Some((_, from, to)) = conditions.year {
                        all.extend(from..to);
                    }
                    let mut all: Vec<u32> =
                        in_order(all.iter().enumerate().map(|(at, &id)| (id, 0, at)))
                            .into_iter()
                            .map(|at| all[at])
                            .collect();
                    all.dedup();
                    all
                }
            };
            // Candidates are in number order: one column file after another.
            let mut block: Option<(u32, Option<&Loaded>)> = None;
            for &id in &candidates {
                let file = match block {
                    Some((n, file)) if n == id / COLUMNS => file,
                    _ => {
                        let file = self.get(Shard::Columns(id / COLUMNS), need);
                        block = Some((id / COLUMNS, file));
                        file
                    }
                };
                let Some(Loaded::Columns(rows)) = file else {
                    continue;
                };
                let Some(row) = rows.get((id % COLUMNS) as usize) else {
                    continue;
                };
                let mut checks = [true; 4];
                for (d, archive) in conditions.archives.iter().enumerate() {
                    if let Some((value, _)) = archive {
                        checks[d] = row[d].contains(value);
                    }
                }
                let year_at = manifest
                    .years
                    .iter()
                    .position(|y| (y.from..y.to).contains(&id));
                if let Some((at, _, _)) = conditions.year {
                    checks[3] = year_at == Some(at);
                }
                let others = |d: usize| (0..4).all(|o| o == d || checks[o]);
                for d in 0..3 {
                    if !whole(d) && others(d) {
                        for &v in &row[d] {
                            if let Some(count) = counts[d].get_mut(v as usize) {
                                *count += 1;
                            }
                        }
                    }
                }
                if !whole(3) && others(3) {
                    if let Some(at) = year_at {
                        year_counts[at] += 1;
                    }
                }
            }
        }
        if !need.is_empty() {
            return None;
        }
        if !whole(3) {
            years = year_counts;
        }
        let mut lists = vocabularies.into_iter().enumerate().map(|(d, list)| {
            list.into_iter()
                .enumerate()
                .map(|(v, (slug, name, total))| FacetCount {
                    slug,
                    name,
                    count: Some(if whole(d) { total } else { counts[d][v] }),
                })
                .collect::<Vec<_>>()
        });
        Some(Facets {
            categories: lists.next().unwrap_or_default(),
            authors: lists.next().unwrap_or_default(),
            tags: lists.next().unwrap_or_default(),
            years: manifest
                .years
                .iter()
                .zip(years)
                .map(|(y, count)| FacetCount {
                    slug: y.year.to_string(),
                    name: y.year.to_string(),
                    count: Some(count),
                })
                .collect(),
        })
    }

    /// The number and related articles of the article `slug`; `Some(None)`
    /// when the archive has no such article.
    fn article(&self, slug: &str, need: &mut Vec<String>) -> Option<Option<(u32, &[u32])>> {
        let n = bucket(slug, self.manifest.buckets);
        match self.get(Shard::Bucket(n), need)? {
            Loaded::Bucket(entries) => Some(
                entries
                    .iter()
                    .find(|(s, _, _)| s == slug)
                    .map(|(_, id, related)| (*id, related.as_slice())),
            ),
            _ => Some(None),
        }
    }

    /// The teaser of the article `slug` if a file already loaded holds it
    /// (the article was in results shown, or related to one shown): no
    /// file is asked for.
    pub fn teaser_at_hand(&self, slug: &str) -> Option<&Teaser> {
        let mut need = Vec::new();
        if let Some(Some((id, _))) = self.article(slug, &mut need) {
            if let Some(teaser) = self.teaser(id, &mut need) {
                return Some(teaser);
            }
        }
        self.loaded.iter().find_map(|(_, loaded)| match loaded {
            Loaded::Teasers(index) => index.teaser(slug),
            _ => None,
        })
    }

    /// The teaser of the article `slug`, `None` if the archive has none.
    pub fn teaser_of(&self, slug: &str) -> Step<Option<Teaser>> {
        let mut need = Vec::new();
        match self.article(slug, &mut need) {
            Some(None) => Step::Done(None),
            Some(Some((id, _))) => match self.teaser(id, &mut need) {
                Some(teaser) => Step::Done(Some(teaser.clone())),
                None => Step::Need(need),
            },
            None => Step::Need(need),
        }
    }

    /// The article `slug`'s related articles, as
    /// [`crate::Catalog::related`] gives the first [`crate::catalog::RELATED`].
    pub fn related(&self, slug: &str) -> Step<Vec<Teaser>> {
        let mut need = Vec::new();
        match self.article(slug, &mut need) {
            Some(None) => Step::Done(Vec::new()),
            Some(Some((_, related))) => match self.teasers(related, &mut need) {
                Some(teasers) => Step::Done(teasers),
                None => Step::Need(need),
            },
            None => Step::Need(need),
        }
    }

    /// Where the article `slug` stands in the results of `query`, as
    /// [`crate::Catalog::around`] gives it (filters naming nothing in the
    /// archive left out).
    pub fn around(&self, query: &Query, slug: &str) -> Step<Option<Around<'_>>> {
        let mut need = Vec::new();
        let article = self.article(slug, &mut need);
        let prepared = self.prepare(query, true, &mut need);
        let (Some(article), Some((query, terms, conditions))) = (article, prepared) else {
            return Step::Need(need);
        };
        let Some((id, _)) = article else {
            return Step::Done(None);
        };
        // The whole archive newest first (every article page as built):
        // its place is its number.
        let whole = terms.is_empty()
            && query.sort != Sort::Oldest
            && KINDS.iter().all(|kind| query.archive(*kind).is_none())
            && query.year.is_none();
        if whole {
            let count = self.manifest.count;
            let previous = id.checked_sub(1).map(|p| self.teaser(p, &mut need));
            let next = (id + 1 < count).then(|| self.teaser(id + 1, &mut need));
            if !need.is_empty() {
                return Step::Need(need);
            }
            return Step::Done(Some(Around {
                position: id as usize + 1,
                total: count as usize,
                previous: previous.flatten(),
                next: next.flatten(),
            }));
        }
        let Some(matching) = self.ordered(&query, &terms, &conditions, &mut need) else {
            return Step::Need(need);
        };
        let Some(place) = matching.iter().position(|&m| m == id) else {
            return Step::Done(None);
        };
        let previous = place.checked_sub(1).map(|p| matching[p]);
        let next = matching.get(place + 1).copied();
        let previous = previous.map(|id| self.teaser(id, &mut need));
        let next = next.map(|id| self.teaser(id, &mut need));
        if !need.is_empty() {
            return Step::Need(need);
        }
        Step::Done(Some(Around {
            position: place + 1,
            total: matching.len(),
            previous: previous.flatten(),
            next: next.flatten(),
        }))
    }
}

/// Whether dimension `d` (category, author, tag, year) counts over the
/// whole archive: no search and no filter but its own. Else it counts over
/// the articles meeting every other condition.
fn whole(query: &Query, conditions: &Conditions, d: usize) -> bool {
    let set = [
        query.category.is_some(),
        query.author.is_some(),
        query.tag.is_some(),
        conditions.year.is_some(),
    ];
    let others = set.iter().enumerate().any(|(o, &on)| on && o != d);
    conditions.text.is_none() && !others
}
