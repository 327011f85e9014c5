//! A bundle without a compiled index, read whole and answered in the
//! browser: what the views ask of it, behind a trait object. Only the
//! readers of every source (`Readers::EVERY`) make one, so the app for a
//! compiled index carries none of its query code.

use broadsheet_core::catalog::Around;
use broadsheet_core::query::FacetCount;
use broadsheet_core::{Answer, ArchiveKind, Catalog, Query, Teaser};

/// The views' questions to a whole index.
pub trait WholeIndex: std::fmt::Debug + Send + Sync {
    /// The answer to `query`, filters naming nothing in the archive left
    /// out.
    fn answer(&self, query: &Query) -> Answer;
    /// Why each teaser the bundle holds but the app could not read was
    /// left out.
    fn skipped(&self) -> Vec<String>;
    /// Every category with its number of articles.
    fn category_counts(&self) -> Vec<FacetCount>;
    /// The teaser of the article `slug`, if the index has it.
    fn teaser(&self, slug: &str) -> Option<Teaser>;
    /// The name and description of the archive `slug` of `kind`.
    fn archive(&self, kind: ArchiveKind, slug: &str) -> Option<(String, Option<String>)>;
    /// Where the article `slug` is in the results of `query`.
    fn around(&self, query: &Query, slug: &str) -> Option<Around<'_>>;
    /// Up to `count` articles related to `slug`.
    fn related(&self, slug: &str, count: usize) -> Vec<Teaser>;
}

impl WholeIndex for Catalog {
    fn answer(&self, query: &Query) -> Answer {
        self.run(&self.known(query)).into_answer()
    }

    fn skipped(&self) -> Vec<String> {
        self.index()
            .skipped
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn category_counts(&self) -> Vec<FacetCount> {
        Catalog::category_counts(self)
    }

    fn teaser(&self, slug: &str) -> Option<Teaser> {
        self.index().teaser(slug).cloned()
    }

    fn archive(&self, kind: ArchiveKind, slug: &str) -> Option<(String, Option<String>)> {
        self.index().archive(kind, slug)
    }

    fn around(&self, query: &Query, slug: &str) -> Option<Around<'_>> {
        Catalog::around(self, query, slug)
    }

    fn related(&self, slug: &str, count: usize) -> Vec<Teaser> {
        Catalog::related(self, slug, count)
            .into_iter()
            .cloned()
            .collect()
    }
}
