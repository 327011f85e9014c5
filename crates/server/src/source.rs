//! Where the server's answers come from: a bundle read at start, or a
//! PostgreSQL database; both answer with the same [`Page`].

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use broadsheet_core::query::{FacetCount, Facets, Query, Results, MAX_PER_PAGE};
use broadsheet_core::{is_valid_slug, parse_article, Site};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use thiserror::Error;

use crate::answers::{Answers, Key};
use crate::bundle::Bundle;
use crate::database::Database;

/// How many times the request's time limit an answer from the database
/// may take when it is to be kept (answers.rs).
const KEEP_WORKING: u32 = 5;

/// What the server answers from, and the answers it keeps.
#[derive(Debug)]
pub struct Source {
    backend: Backend,
    answers: Answers,
}

/// Where answers are worked out.
#[derive(Debug, Clone)]
enum Backend {
    /// A bundle directory, read once at start.
    Bundle(Arc<Bundle>),
    /// A PostgreSQL database (docs/deploy.md, "broadsheet-server on
    /// PostgreSQL"): every request reads it.
    Database(Arc<Database>),
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
    /// Answers from `bundle`, keeping up to `answer_bytes` of them (it
    /// never changes while served).
    pub fn bundle(bundle: Bundle, answer_bytes: u64) -> Self {
        Self {
            backend: Backend::Bundle(Arc::new(bundle)),
            // Worked out in memory: as many at once as there are cores.
            answers: Answers::new(
                answer_bytes,
                std::thread::available_parallelism().map_or(2, usize::from),
            ),
        }
    }

    /// Answers from `database`, keeping up to `answer_bytes` of them.
    pub fn database(database: Database, answer_bytes: u64) -> Self {
        let connections = database.limits().connections as usize;
        Self {
            // Half the connections at most work out answers to keep, so
            // the others stay free to read the version of kept ones.
            answers: Answers::new(answer_bytes, connections / 2),
            backend: Backend::Database(Arc::new(database)),
        }
    }

    /// Whether it answers from a database.
    pub fn is_database(&self) -> bool {
        matches!(self.backend, Backend::Database(_))
    }

    /// One page of the teasers `query` asks for, as JSON (docs/api.md):
    /// given again while the archive stands, worked out otherwise.
    pub async fn teasers(&self, query: &Query) -> Result<Bytes, Failure> {
        let database = match &self.backend {
            Backend::Database(database) => Some(database),
            Backend::Bundle(_) => None,
        };
        let limit = database.map(|database| database.limits().query_time);
        // The archive's version: a bundle's never changes.
        let version = match database {
            Some(database) if self.answers.keeps() => database.version().await?,
            _ => 0,
        };
        let (backend, asked, keeps) = (self.backend.clone(), query.clone(), self.answers.keeps());
        let work = async move {
            match backend {
                Backend::Bundle(bundle) => {
                    Page::from_results(&bundle, &asked, bundle.catalog.run(&asked))?.to_body()
                }
                // Worked out with a longer limit than the request waits
                // when kept: an answer this request gives up on is kept
                // for the next.
                Backend::Database(database) => {
                    let limits = database.limits();
                    let limit = match keeps {
                        true => limits.query_time * KEEP_WORKING,
                        false => limits.query_time,
                    };
                    database.ask(&asked, limit).await?.to_body()
                }
            }
        };
        let answer = self.answers.get(Key::new(version, query), work);
        let Some(limit) = limit else {
            return answer.await;
        };
        match tokio::time::timeout(limit, answer).await {
            Ok(answer) => answer,
            Err(_) => Err(Failure::Unavailable(format!(
                "the database did not answer within {} ms; the answer is still being \
                 worked out: try again in a few seconds",
                limit.as_millis()
            ))),
        }
    }

    /// The article file of `slug` (docs/data-format.md), as JSON text.
    pub async fn article(&self, slug: &str) -> Result<Vec<u8>, Failure> {
        let unknown = || Failure::NotFound(format!("no article with slug {slug:?}"));
        if !is_valid_slug(slug) {
            return Err(unknown());
        }
        match &self.backend {
            Backend::Bundle(bundle) => {
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
            Backend::Database(database) => database
                .article(slug)
                .await?
                .map(String::into_bytes)
                .ok_or_else(unknown),
        }
    }

    /// Whether the source can answer now: `Ok` with what it is, or why not.
    pub async fn ready(&self) -> Result<String, Failure> {
        match &self.backend {
            Backend::Bundle(bundle) => Ok(format!(
                "bundle of {} teasers",
                bundle.catalog.index().teasers.len()
            )),
            Backend::Database(database) => database.ready().await,
        }
    }
}
