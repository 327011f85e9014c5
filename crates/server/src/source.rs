//! Where the server's answers come from: a bundle read at start, or a
//! PostgreSQL database; both answer with the same [`Page`].

use axum::body::Bytes;
use axum::http::StatusCode;
use broadsheet_core::query::{FacetCount, Facets, Query, Results, MAX_PER_PAGE};
use broadsheet_core::{is_valid_slug, parse_article, Site};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use thiserror::Error;

use crate::bundle::Bundle;
use crate::database::Database;

/// What the server answers from.
#[derive(Debug)]
pub enum Source {
    /// A bundle directory, read once at start.
    Bundle(Box<Bundle>),
    /// A PostgreSQL database (docs/deploy.md, "broadsheet-server on
    /// PostgreSQL"): every request reads it.
    Database(Box<Database>),
}

/// Why a request could not be answered.
#[derive(Debug, Clone, Error)]
pub enum Failure {
    /// There is no such article.
    #[error("{0}")]
    NotFound(String),
    /// The data behind the answer is broken.
    #[error("{0}")]
    Broken(String),
    /// The database cannot answer now; a retry may succeed.
    #[error("{0}")]
    Unavailable(String),
}

impl Failure {
    /// The HTTP status it is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Broken(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Failure::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// One page of `GET /teasers`, whichever source answered.
#[derive(Debug)]
pub struct Page {
    /// What the archive says about itself.
    pub site: Site,
    /// Teasers matching every filter.
    pub total: usize,
    /// The page shown (the last page when asked for one past it).
    pub page: u32,
    /// Pages in all (at least 1).
    pub pages: u32,
    /// Teasers per page.
    pub per_page: u32,
    /// This page's teasers, as JSON (authors and terms inline).
    pub teasers: Vec<Box<RawValue>>,
    /// Teasers of the archive that could not be read.
    pub skipped: usize,
    /// What each filter option would leave.
    pub facets: Facets,
}

fn facet_json(facets: &[FacetCount]) -> Value {
    facets
        .iter()
        .map(|f| json!({"slug": f.slug, "name": f.name, "count": f.count}))
        .collect()
}

impl Page {
    /// The answer's JSON (docs/api.md).
    pub fn to_json(&self) -> Value {
        json!({
            "version": 1,
            "site": self.site,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "per_page": self.per_page,
            "teasers": self.teasers,
            "skipped": self.skipped,
            "facets": {
                "categories": facet_json(&self.facets.categories),
                "authors": facet_json(&self.facets.authors),
                "tags": facet_json(&self.facets.tags),
                "years": facet_json(&self.facets.years),
            },
        })
    }

    /// The answer's JSON text.
    pub fn to_body(&self) -> Result<Bytes, Failure> {
        serde_json::to_vec(&self.to_json())
            .map(Bytes::from)
            .map_err(|problem| Failure::Broken(problem.to_string()))
    }

    fn from_results(bundle: &Bundle, query: &Query, results: Results<'_>) -> Result<Self, Failure> {
        let teasers = results
            .teasers
            .iter()
            .map(serde_json::value::to_raw_value)
            .collect::<Result<_, _>>()
            .map_err(|problem| Failure::Broken(problem.to_string()))?;
        Ok(Page {
            site: bundle.catalog.index().site.clone(),
            total: results.total,
            page: results.page,
            pages: results.pages,
            per_page: query.per_page.min(MAX_PER_PAGE),
            teasers,
            skipped: bundle.catalog.index().skipped.len(),
            facets: results.facets,
        })
    }
}

impl Source {
    /// One page of the teasers `query` asks for, as JSON (docs/api.md).
    pub async fn teasers(&self, query: &Query) -> Result<Bytes, Failure> {
        match self {
            Source::Bundle(bundle) => {
                Page::from_results(bundle, query, bundle.catalog.run(query))?.to_body()
            }
            Source::Database(database) => database.teasers(query).await,
        }
    }

    /// The article file of `slug` (docs/data-format.md), as JSON text.
    pub async fn article(&self, slug: &str) -> Result<Vec<u8>, Failure> {
        let unknown = || Failure::NotFound(format!("no article with slug {slug:?}"));
        if !is_valid_slug(slug) {
            return Err(unknown());
        }
        match self {
            Source::Bundle(bundle) => {
                if bundle.catalog.index().teaser(slug).is_none() {
                    return Err(unknown());
                }
                let name = broadsheet_core::bundle::article_file(slug);
                let bytes = tokio::fs::read(bundle.dir.join(&name))
                    .await
                    .map_err(|problem| Failure::NotFound(format!("{name}: {problem}")))?;
                // Served only if it reads as the app will read it.
                parse_article(&bytes, &name)
                    .map_err(|problem| Failure::Broken(problem.to_string()))?;
                Ok(bytes)
            }
            Source::Database(database) => database
                .article(slug)
                .await?
                .map(String::into_bytes)
                .ok_or_else(unknown),
        }
    }

    /// Whether the source can answer now: `Ok` with what it is, or why not.
    pub async fn ready(&self) -> Result<String, Failure> {
        match self {
            Source::Bundle(bundle) => Ok(format!(
                "bundle of {} teasers",
                bundle.catalog.index().teasers.len()
            )),
            Source::Database(database) => database.ready().await,
        }
    }
}
