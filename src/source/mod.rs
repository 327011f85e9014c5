//! Where articles come from. Today: the static JSON bundle under `data/`,
//! fetched over HTTP relative to the page's base URL.
//!
//! Views never fetch: they read [`IndexResource`] from context and call
//! [`fetch_article`] through a resource keyed on the route.

mod error;
mod http;

pub use error::LoadError;

use std::sync::Arc;

use broadsheet_core::{is_valid_slug, parse_article, parse_index, Article, Index};
use leptos::prelude::*;

/// The bundle's index file, relative to the base URL.
pub const INDEX_FILE: &str = "data/index.json";

/// The archive index, fetched once for the whole app and shared through
/// context. `refetch` is the Retry after a failure.
#[derive(Clone, Copy)]
pub struct IndexResource(LocalResource<Result<Arc<Index>, LoadError>>);

impl IndexResource {
    /// Starts fetching the index.
    pub fn new() -> Self {
        Self(LocalResource::new(fetch_index))
    }

    /// The index from context; `App` provides it (a view rendered outside
    /// `App`, as in a test, fetches its own).
    pub fn use_context() -> Self {
        use_context::<Self>().unwrap_or_default()
    }

    /// The index, or its error; `None` while it loads.
    pub fn get(&self) -> Option<Result<Arc<Index>, LoadError>> {
        self.0.get()
    }

    /// Fetches the index again.
    pub fn refetch(&self) {
        self.0.refetch();
    }
}

impl Default for IndexResource {
    fn default() -> Self {
        Self::new()
    }
}

/// Fetches and parses the archive index.
pub async fn fetch_index() -> Result<Arc<Index>, LoadError> {
    fetch_index_from(INDEX_FILE).await
}

/// Fetches and parses an index file at `url` (relative to the base URL).
pub async fn fetch_index_from(url: &str) -> Result<Arc<Index>, LoadError> {
    let bytes = http::get_bytes(url).await?;
    parse_index(&bytes, url)
        .map(Arc::new)
        .map_err(LoadError::Data)
}

/// Fetches one article; `Ok(None)` when the archive has no such article.
pub async fn fetch_article(slug: String) -> Result<Option<Article>, LoadError> {
    if !is_valid_slug(&slug) {
        return Ok(None);
    }
    let file = format!("data/articles/{slug}.json");
    match http::get_bytes(&file).await {
        Ok(bytes) => parse_article(&bytes, &file)
            .map(Some)
            .map_err(LoadError::Data),
        Err(LoadError::Status { status: 404, .. }) => Ok(None),
        Err(error) => Err(error),
    }
}
