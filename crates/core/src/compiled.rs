//! The compiled static index: a bundle turned into small static files so
//! that every view of an archive of any size loads only what it needs.
//!
//! `index/manifest.json` (the only file to revalidate) names a *build*;
//! every other file lives under `index/<build>/`, is never changed once
//! written (the build is the hash of all of them), and is one of:
//!
//! | file | holds |
//! | --- | --- |
//! | `t<n>.json` | teasers `n*16 ..`, in the index format ([`crate::parse_index`]) |
//! | `c<n>.bin` | every article's categories, authors and tags, 1024 articles a file, for facet counts |
//! | `h<n>.bin` | folded words, sorted, each with how many articles it starts a word of and the newest of them by place (title, author, excerpt) — all of them for a word of few articles — and, for ranges of words sharing a start, how many articles those words have between them; cut by size, the manifest lists each file's first word |
//! | `r<n>.bin` | the rest of long words' articles, a few words a file (a word is never split) |
//! | `v-<kind><n>.bin` | one vocabulary (categories, authors, tags) in 256-entry pieces sorted by slug |
//! | `p-<kind>/<slug>.bin` | an archive's name, description and articles |
//! | `a<n>.bin` | articles' slugs in hash buckets, each with its number and related articles |
//! | `days.bin` | the runs of articles published on one day, for oldest first |
//!
//! Articles are numbered newest first (the catalog's order), so the newest
//! page is the first numbers and a year is a range of them.
//! [`write::compile`] writes it; [`read::Reader`] answers queries from it
//! exactly as [`crate::Catalog`] does over the whole archive.

mod codec;
pub mod read;
pub mod write;

use serde::Serialize;

use crate::error::DataError;
use crate::json::{parse_versioned, Obj};
use crate::model::Site;
use crate::query::FacetCount;
use crate::route::ArchiveKind;

pub use read::{Reader, Step};
pub use write::{compile, Compiled};

/// The index's directory in a bundle.
pub const DIRECTORY: &str = "index/";
/// The manifest's name in [`DIRECTORY`].
pub const MANIFEST: &str = "manifest.json";
/// Teasers per teaser file.
pub const BLOCK: u32 = 16;
/// Articles per column file.
pub const COLUMNS: u32 = 1024;
/// Entries per vocabulary file.
pub const VOCABULARY: usize = 256;
/// Articles per slug bucket, on average.
pub const BUCKET: u32 = 256;
/// A word file closes after this many bytes.
pub const WORDS_BYTES: usize = 24 * 1024;
/// A word's file keeps, of each place a word can be (title, author,
/// excerpt), the newest this many of its articles: enough for a search's
/// first page (newest first or by relevance) of up to this many teasers,
/// whatever the archive's size. The rest are in a file of their own.
pub const HEAD: usize = 24;
/// A word of at most this many articles keeps them all in its word file.
pub const SHORT: usize = 3 * HEAD;
/// A file of the rest of long words' articles closes after this many
/// bytes (a word's rest is never split).
pub const REST_BYTES: usize = 16 * 1024;

/// What the manifest says: the build and what finding a file needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    version: u64,
    /// The build's name: every other file is under `<build>/`.
    pub build: String,
    /// How many articles.
    pub count: u32,
    /// What the archive says about itself.
    pub site: Site,
    /// Each year with articles, newest first, and its range of numbers.
    pub years: Vec<YearRange>,
    /// Every category with its number of articles, in vocabulary order.
    pub categories: Vec<FacetCount>,
    /// The first slug of each vocabulary file, per kind.
    pub vocabulary: Vocabulary,
    /// The first word of each word file.
    pub words: Vec<String>,
    /// How many slug buckets.
    pub buckets: u32,
    /// Why each teaser the bundle holds but could not be read was left
    /// out.
    pub skipped: Vec<String>,
}

/// The first slug of each vocabulary file, per kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Vocabulary {
    /// Categories.
    pub category: Vec<String>,
    /// Authors.
    pub author: Vec<String>,
    /// Tags.
    pub tag: Vec<String>,
}

impl Vocabulary {
    /// The first slugs of the files of `kind`.
    pub fn of(&self, kind: ArchiveKind) -> &[String] {
        match kind {
            ArchiveKind::Category => &self.category,
            ArchiveKind::Author => &self.author,
            ArchiveKind::Tag => &self.tag,
        }
    }
}

/// A year and the numbers of its articles, `from..to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearRange {
    /// The year.
    pub year: u16,
    /// Its first article's number.
    pub from: u32,
    /// One past its last article's number.
    pub to: u32,
}

/// Reads a manifest; `file` names it in messages.
pub fn parse_manifest(bytes: &[u8], file: &str) -> Result<Manifest, DataError> {
    let document = parse_versioned(bytes, file)?;
    let top = Obj::top(&document, file)?;
    let years = {
        let mut years = Vec::new();
        for (path, item) in top.items("years", true)? {
            let year = Obj::at(item, file, path)?;
            years.push(YearRange {
                year: year.u32("year")? as u16,
                from: year.u32("from")?,
                to: year.u32("to")?,
            });
        }
        years
    };
    let vocabulary = top.object("vocabulary")?;
    Ok(Manifest {
        version: crate::FORMAT_VERSION,
        build: top.string("build")?,
        count: top.u32("count")?,
        site: crate::bundle::read_site(&top.object("site")?)?,
        years,
        categories: crate::bundle::read_all(&top, "categories", true, crate::bundle::read_facet)?,
        vocabulary: Vocabulary {
            category: vocabulary.strings("category", true)?,
            author: vocabulary.strings("author", true)?,
            tag: vocabulary.strings("tag", true)?,
        },
        words: top.strings("words", true)?,
        buckets: top.u32("buckets")?.max(1),
        skipped: top.strings("skipped", false)?,
    })
}

/// The files of a build, relative to [`DIRECTORY`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shard {
    /// Teasers of one block.
    Teasers(u32),
    /// Facet columns of 1024 articles.
    Columns(u32),
    /// One word file.
    Words(u32),
    /// One file of the rest of long words' articles.
    Rest(u32),
    /// One piece of a vocabulary.
    Vocabulary(ArchiveKind, u32),
    /// An archive's articles.
    Postings(ArchiveKind, String),
    /// A slug bucket.
    Bucket(u32),
    /// The days.
    Days,
}

impl Shard {
    /// Its path under [`DIRECTORY`] in `build`.
    pub fn path(&self, build: &str) -> String {
        match self {
            Shard::Teasers(n) => format!("{build}/t{n}.json"),
            Shard::Columns(n) => format!("{build}/c{n}.bin"),
            Shard::Words(n) => format!("{build}/h{n}.bin"),
            Shard::Rest(n) => format!("{build}/r{n}.bin"),
            Shard::Vocabulary(kind, n) => format!("{build}/v-{}{n}.bin", kind.name()),
            Shard::Postings(kind, slug) => format!("{build}/p-{}/{slug}.bin", kind.name()),
            Shard::Bucket(n) => format!("{build}/a{n}.bin"),
            Shard::Days => format!("{build}/days.bin"),
        }
    }
}

/// The slug bucket of `slug` among `buckets` (FNV-1a of its bytes).
pub fn bucket(slug: &str, buckets: u32) -> u32 {
    (codec::fnv(codec::FNV_START, slug.as_bytes()) % u64::from(buckets.max(1))) as u32
}

#[cfg(test)]
mod tests;
