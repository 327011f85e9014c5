//! Compiling a catalog into the static index's files.

use std::collections::{BTreeMap, HashMap};

use super::codec::{fnv, put, put_ids, put_str, FNV_START};
use super::{
    bucket, Manifest, Shard, Vocabulary, YearRange, BLOCK, BUCKET, COLUMNS, HEAD, REST_BYTES,
    SHORT, VOCABULARY, WORDS_BYTES,
};
use crate::bundle::IndexFile;
use crate::catalog::{in_common, related_ranks, Catalog, RELATED};
use crate::model::{Author, Term};
use crate::route::ArchiveKind;

/// A compiled index: the manifest and every file of its build, by path
/// under [`super::DIRECTORY`].
#[derive(Debug)]
pub struct Compiled {
    /// The manifest.
    pub manifest: Manifest,
    /// Every file of the build, `<build>/…`, with its bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Compiled {
    /// The manifest as its file's bytes.
    pub fn manifest_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(&self.manifest).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// Compiles `catalog` into the index's files. `progress` hears each step's
/// name as it starts.
pub fn compile(catalog: &Catalog, progress: &mut dyn FnMut(&str)) -> Compiled {
    let index = catalog.index();
    let order = &catalog.newest;
    let count = order.len() as u32;
    let entry = |id: u32| &catalog.entries[order[id as usize]];
    let teaser = |id: u32| &index.teasers[order[id as usize]];
    let mut files: Vec<(Shard, Vec<u8>)> = Vec::new();

    progress("teasers");
    for (n, ids) in (0..count)
        .collect::<Vec<_>>()
        .chunks(BLOCK as usize)
        .enumerate()
    {
        let teasers: Vec<_> = ids.iter().map(|&id| teaser(id).clone()).collect();
        let mut authors: Vec<Author> = Vec::new();
        let mut categories: Vec<Term> = Vec::new();
        let mut tags: Vec<Term> = Vec::new();
        for t in &teasers {
            for a in &t.authors {
                if !authors.iter().any(|known| known.slug == a.slug) {
                    authors.push(a.clone());
                }
            }
            for (mine, all) in [(&t.categories, &mut categories), (&t.tags, &mut tags)] {
                for term in mine {
                    if !all.iter().any(|known| known.slug == term.slug) {
                        all.push(term.clone());
                    }
                }
            }
        }
        let file = IndexFile::new(&index.site, &authors, &categories, &tags, &teasers);
        files.push((
            Shard::Teasers(n as u32),
            serde_json::to_vec(&file).unwrap_or_default(),
        ));
    }

    progress("facet columns");
    for (n, ids) in (0..count)
        .collect::<Vec<_>>()
        .chunks(COLUMNS as usize)
        .enumerate()
    {
        let mut out = Vec::new();
        for &id in ids {
            let e = entry(id);
            for list in [&e.category_ids, &e.author_ids, &e.tag_ids] {
                put(&mut out, list.len() as u64);
                list.iter().for_each(|&v| put(&mut out, v as u64));
            }
        }
        files.push((Shard::Columns(n as u32), out));
    }

    progress("words");
    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut best: HashMap<&str, u32> = HashMap::new();
    for id in 0..count {
        let e = entry(id);
        best.clear();
        let fields = [
            (&e.text[..e.authors_at], 3),
            (&e.text[e.authors_at..e.excerpt_at], 2),
            (&e.text[e.excerpt_at..], 1),
        ];
        for (text, weight) in fields {
            for word in text.split_whitespace() {
                let w = best.entry(word).or_insert(0);
                *w = (*w).max(weight);
            }
        }
        for (word, weight) in &best {
            words
                .entry((*word).to_owned())
                .or_default()
                .push(id << 2 | weight);
        }
    }
    let firsts = write_words(&words, count, &mut files);

    progress("archives");
    let mut vocabulary = Vocabulary::default();
    // Each archive's articles, by kind: written below, and what related
    // articles are found through.
    let mut by_kind: Vec<(ArchiveKind, Vec<Vec<u32>>)> = Vec::new();
    for kind in ArchiveKind::ALL {
        let slugs: Vec<(&str, &str)> = match kind {
            ArchiveKind::Category => index
                .categories
                .iter()
                .map(|t| (t.slug.as_str(), t.name.as_str()))
                .collect(),
            ArchiveKind::Author => index
                .authors
                .iter()
                .map(|a| (a.slug.as_str(), a.name.as_str()))
                .collect(),
            ArchiveKind::Tag => index
                .tags
                .iter()
                .map(|t| (t.slug.as_str(), t.name.as_str()))
                .collect(),
        };
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); slugs.len()];
        // Occurrences, as the catalog counts them (an author named twice in
        // one byline counts twice).
        let mut occurrences = vec![0_u64; slugs.len()];
        for id in 0..count {
            let e = entry(id);
            let ids = match kind {
                ArchiveKind::Category => &e.category_ids,
                ArchiveKind::Author => &e.author_ids,
                ArchiveKind::Tag => &e.tag_ids,
            };
            for &v in ids {
                occurrences[v] += 1;
                if postings[v].last() != Some(&id) {
                    postings[v].push(id);
                }
            }
        }
        let mut sorted: Vec<usize> = (0..slugs.len()).collect();
        sorted.sort_by_key(|&v| slugs[v].0);
        let firsts = match kind {
            ArchiveKind::Category => &mut vocabulary.category,
            ArchiveKind::Author => &mut vocabulary.author,
            ArchiveKind::Tag => &mut vocabulary.tag,
        };
        for (n, piece) in sorted.chunks(VOCABULARY).enumerate() {
            let mut out = Vec::new();
            for &v in piece {
                put(&mut out, v as u64);
                put_str(&mut out, slugs[v].0);
                put_str(&mut out, slugs[v].1);
                put(&mut out, occurrences[v]);
            }
            firsts.push(slugs[piece[0]].0.to_owned());
            files.push((Shard::Vocabulary(kind, n as u32), out));
        }
        for (v, (slug, _)) in slugs.iter().enumerate() {
            let mut out = Vec::new();
            let (name, description) = index.archive(kind, slug).unwrap_or_default();
            put_str(&mut out, &name);
            put(&mut out, u64::from(description.is_some()));
            put_str(&mut out, description.as_deref().unwrap_or_default());
            put(&mut out, v as u64);
            put_ids(&mut out, &postings[v]);
            files.push((Shard::Postings(kind, (*slug).to_owned()), out));
        }
        by_kind.push((kind, postings));
    }
    let articles_of = |wanted: ArchiveKind| {
        by_kind
            .iter()
            .find(|(kind, _)| *kind == wanted)
            .map_or(&[][..], |(_, postings)| postings.as_slice())
    };

    progress("related articles");
    let buckets = count.div_ceil(BUCKET).max(1);
    let mut by_bucket: Vec<Vec<u8>> = vec![Vec::new(); buckets as usize];
    let related = related(
        catalog,
        articles_of(ArchiveKind::Author),
        articles_of(ArchiveKind::Tag),
    );
    for id in 0..count {
        let slug = &teaser(id).slug;
        let out = &mut by_bucket[bucket(slug, buckets) as usize];
        put_str(out, slug);
        put(out, u64::from(id));
        put(out, related[id as usize].len() as u64);
        related[id as usize]
            .iter()
            .for_each(|&r| put(out, u64::from(r)));
    }
    for (n, out) in by_bucket.into_iter().enumerate() {
        files.push((Shard::Bucket(n as u32), out));
    }

    progress("days and years");
    let mut days = Vec::new();
    let mut runs: Vec<(u32, u32)> = Vec::new();
    let mut years: Vec<YearRange> = Vec::new();
    for id in 0..count {
        let date = teaser(id).date;
        match runs.last_mut() {
            Some((day, len)) if *day == date.day_number() => *len += 1,
            _ => runs.push((date.day_number(), 1)),
        }
        match years.last_mut() {
            Some(range) if range.year == date.year() => range.to = id + 1,
            _ => years.push(YearRange {
                year: date.year(),
                from: id,
                to: id + 1,
            }),
        }
    }
    put(&mut days, runs.len() as u64);
    for (day, len) in runs {
        put(&mut days, u64::from(day));
        put(&mut days, u64::from(len));
    }
    files.push((Shard::Days, days));

    // The build is named by everything in it.
    let hash = files.iter().fold(FNV_START, |hash, (shard, bytes)| {
        fnv(fnv(hash, shard.path("").as_bytes()), bytes)
    });
    let build = format!("{hash:016x}");
    let manifest = Manifest {
        version: crate::FORMAT_VERSION,
        build: build.clone(),
        count,
        site: index.site.clone(),
        years,
        categories: catalog.category_counts(),
        vocabulary,
        words: firsts,
        buckets,
        skipped: index.skipped.iter().map(ToString::to_string).collect(),
    };
    let files = files
        .into_iter()
        .map(|(shard, bytes)| (shard.path(&build), bytes))
        .collect();
    Compiled { manifest, files }
}

/// A word's postings (`number << 2 | place`, by number) split into those
/// its word file keeps and the rest: all of a short word's; of a long
/// word's, the newest [`HEAD`] of each place.
fn head_and_rest(postings: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if postings.len() <= SHORT {
        return (postings.to_vec(), Vec::new());
    }
    let mut seen = [0_usize; 4];
    postings.iter().partition(|&&packed| {
        let place = &mut seen[(packed & 3) as usize];
        *place += 1;
        *place <= HEAD
    })
}

/// Appends `postings` (`number << 2 | place`, by number) as gaps.
fn put_postings(out: &mut Vec<u8>, postings: &[u32]) {
    let mut last = 0;
    for &packed in postings {
        let id = packed >> 2;
        put(out, u64::from((id - last) << 2 | (packed & 3)));
        last = id;
    }
}

/// Writes the word files and the files of long words' rest into `files`;
/// returns each word file's first word.
fn write_words(
    words: &BTreeMap<String, Vec<u32>>,
    count: u32,
    files: &mut Vec<(Shard, Vec<u8>)>,
) -> Vec<String> {
    let mut firsts = Vec::new();
    // Cut the sorted words into files of about WORDS_BYTES of heads.
    let mut pieces: Vec<Vec<(&str, &[u32])>> = Vec::new();
    let mut size = 0;
    for (word, postings) in words {
        if pieces.is_empty() || size >= WORDS_BYTES {
            pieces.push(Vec::new());
            firsts.push(word.clone());
            size = 0;
        }
        size += word.len() + 4 + 2 * postings.len().min(SHORT);
        if let Some(piece) = pieces.last_mut() {
            piece.push((word.as_str(), postings.as_slice()));
        }
    }
    let mut rest_file = Vec::new();
    let mut rests = 0_u32;
    // Articles seen, by number: marked with the range being counted.
    let mut seen = vec![0_u32; count as usize];
    let mut mark = 0_u32;
    for (n, piece) in pieces.iter().enumerate() {
        let mut out = Vec::new();
        put(&mut out, piece.len() as u64);
        let mut long = vec![false; piece.len()];
        for (at, (word, postings)) in piece.iter().enumerate() {
            let (head, rest) = head_and_rest(postings);
            put_str(&mut out, word);
            put(&mut out, postings.len() as u64);
            put(&mut out, head.len() as u64);
            if !rest.is_empty() {
                long[at] = true;
                put(&mut out, u64::from(rests));
                put_str(&mut rest_file, word);
                put(&mut rest_file, rest.len() as u64);
                put_postings(&mut rest_file, &rest);
                if rest_file.len() >= REST_BYTES {
                    files.push((Shard::Rest(rests), std::mem::take(&mut rest_file)));
                    rests += 1;
                }
            }
            put_postings(&mut out, &head);
        }
        // How many articles each range of words sharing a start has,
        // where one of them is long (otherwise the heads are all).
        let ranges: Vec<(usize, usize)> = shared_starts(piece)
            .into_iter()
            .filter(|&(from, to)| long[from..to].iter().any(|&l| l))
            .collect();
        put(&mut out, ranges.len() as u64);
        let mut last = 0;
        for (from, to) in ranges {
            mark += 1;
            let mut union = 0_u64;
            for (_, postings) in &piece[from..to] {
                for &packed in *postings {
                    let slot = &mut seen[(packed >> 2) as usize];
                    if *slot != mark {
                        *slot = mark;
                        union += 1;
                    }
                }
            }
            put(&mut out, (from - last) as u64);
            put(&mut out, (to - from) as u64);
            put(&mut out, union);
            last = from;
        }
        files.push((Shard::Words(n as u32), out));
    }
    if !rest_file.is_empty() {
        files.push((Shard::Rest(rests), rest_file));
    }
    firsts
}

/// Every range `from..to` of two or more of the sorted `words` that are
/// all the words starting with some text (their longest shared start),
/// by `from`, then `to`: a search word's words in this file, whatever it
/// is, are one of them or a single word.
pub(crate) fn shared_starts(words: &[(&str, &[u32])]) -> Vec<(usize, usize)> {
    let shared = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut ranges = Vec::new();
    // Open ranges: their shared length and first word.
    let mut open: Vec<(usize, usize)> = vec![(0, 0)];
    for at in 1..=words.len() {
        let length = if at < words.len() {
            shared(words[at - 1].0, words[at].0)
        } else {
            0
        };
        let mut from = at - 1;
        while let Some(&(top, start)) = open.last() {
            if top <= length {
                break;
            }
            open.pop();
            ranges.push((start, at));
            from = start;
        }
        if open.last().is_some_and(|&(top, _)| top < length) {
            open.push((length, from));
        }
    }
    ranges.sort_unstable();
    ranges
}

/// Each article's related articles (ranks), from its authors' and tags'
/// lists of articles, as the catalog chooses them.
fn related(catalog: &Catalog, by_author: &[Vec<u32>], by_tag: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let order = &catalog.newest;
    let entry = |id: u32| &catalog.entries[order[id as usize]];
    (0..order.len() as u32)
        .map(|id| {
            let e = entry(id);
            let lists: Vec<&[u32]> = e
                .author_ids
                .iter()
                .map(|&v| by_author[v].as_slice())
                .chain(e.tag_ids.iter().map(|&v| by_tag[v].as_slice()))
                .collect();
            related_ranks(id, &lists, |other| in_common(e, entry(other)), RELATED)
        })
        .collect()
}
