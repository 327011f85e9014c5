//! Compiling a catalog into the static index's files.

use std::collections::{BTreeMap, HashMap};

use super::codec::{fnv, put, put_ids, put_str, FNV_START};
use super::{
    bucket, Manifest, Shard, Vocabulary, YearRange, BLOCK, BUCKET, COLUMNS, VOCABULARY, WORDS_BYTES,
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
    let mut firsts = Vec::new();
    let mut out = Vec::new();
    for (word, postings) in &words {
        if out.is_empty() {
            firsts.push(word.clone());
        }
        put_str(&mut out, word);
        put(&mut out, postings.len() as u64);
        let mut last = 0;
        for &packed in postings {
            let id = packed >> 2;
            put(&mut out, u64::from((id - last) << 2 | (packed & 3)));
            last = id;
        }
        if out.len() >= WORDS_BYTES {
            files.push((
                Shard::Words(firsts.len() as u32 - 1),
                std::mem::take(&mut out),
            ));
        }
    }
    if !out.is_empty() {
        files.push((Shard::Words(firsts.len() as u32 - 1), out));
    }

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
