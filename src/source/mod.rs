//! Where articles come from, chosen at run time by `config.json`: a static
//! JSON bundle (the default) or an HTTP API.
//!
//! Views never fetch: they read [`ArchiveResource`] from context and load
//! articles through [`load_article`] in a resource keyed on the route.

mod api;
mod bundle;
mod config;
mod error;
mod http;

pub use bundle::{fetch_article, fetch_index};
pub use config::load_config;
pub use error::LoadError;
pub use http::TIMEOUT_SECONDS;

use std::sync::Arc;

use broadsheet_core::{is_valid_slug, Article, Config, Index, Source};
use leptos::prelude::*;
use web_sys::AbortSignal;

/// A loaded archive: the deployment's configuration and the index.
#[derive(Debug)]
pub struct Archive {
    /// The configuration it was loaded with.
    pub config: Config,
    /// The site, the vocabularies and every readable teaser (from an API:
    /// the first page).
    pub index: Index,
    /// How many teasers the archive holds in all.
    pub total: usize,
}

impl Archive {
    /// The title to show: the configuration's, else the data's.
    pub fn site_title(&self) -> &str {
        self.config
            .site_title
            .as_deref()
            .unwrap_or(&self.index.site.title)
    }
}

/// The archive, loaded once for the whole app and shared through context.
/// `refetch` is the Retry after a failure.
#[derive(Clone, Copy)]
pub struct ArchiveResource(LocalResource<Result<Arc<Archive>, LoadError>>);

impl ArchiveResource {
    /// Starts loading the archive.
    pub fn new() -> Self {
        Self(LocalResource::new(load_archive))
    }

    /// The archive from context; `App` provides it (a view rendered outside
    /// `App`, as in a test, loads its own).
    pub fn use_context() -> Self {
        use_context::<Self>().unwrap_or_default()
    }

    /// The archive, or its error; `None` while it loads.
    pub fn get(&self) -> Option<Result<Arc<Archive>, LoadError>> {
        self.0.get()
    }

    /// The site title once loaded, else the app's name.
    pub fn site_title(&self) -> String {
        match self.get() {
            Some(Ok(archive)) => archive.site_title().to_owned(),
            _ => "Broadsheet".to_owned(),
        }
    }

    /// Loads the archive again.
    pub fn refetch(&self) {
        self.0.refetch();
    }
}

impl Default for ArchiveResource {
    fn default() -> Self {
        Self::new()
    }
}

/// Reads the configuration, then the index from the source it names.
pub async fn load_archive() -> Result<Arc<Archive>, LoadError> {
    let config = load_config().await?;
    let base = config.source.base_url();
    let (index, total) = match &config.source {
        Source::Bundle(_) => {
            let index = fetch_index(&base).await?;
            let total = index.teasers.len();
            (index, total)
        }
        Source::Api(_) => api::fetch_first_page(&base, config.page_size).await?,
    };
    Ok(Arc::new(Archive {
        config,
        index,
        total,
    }))
}

/// Loads one article from the configured source; `Ok(None)` when the
/// archive has no such article. Aborting `cancel` abandons the request.
pub async fn load_article(
    slug: String,
    cancel: Option<AbortSignal>,
) -> Result<Option<Article>, LoadError> {
    let config = load_config().await?;
    // Slugs become URLs: anything else is no article at all.
    if !is_valid_slug(&slug) {
        return Ok(None);
    }
    let base = config.source.base_url();
    let url = match &config.source {
        Source::Bundle(_) => format!("{base}articles/{slug}.json"),
        Source::Api(_) => format!("{base}articles/{slug}"),
    };
    fetch_article(url, cancel).await
}
