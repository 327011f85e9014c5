//! Where articles come from, chosen at run time by `config.json`: a static
//! JSON bundle (the default), an HTTP API, or a WordPress site's REST API.
//! The build renders views with an archive it read from disk instead
//! ([`ArchiveResource::ready`], [`ReadyArticle`]).
//!
//! Views never fetch: they read [`ArchiveResource`] from context, ask
//! [`Archive::answer`] or [`load_answer`] for a page of results, and load
//! articles through [`load_article`] in a resource keyed on the route.

mod api;
mod bundle;
mod config;
mod error;
mod http;
mod load;
mod readers;
mod session;
mod static_index;
mod whole_index;
mod wordpress;

pub use bundle::{fetch_article, fetch_index};
pub use config::load_config;
pub use error::LoadError;
pub use http::{get_bytes, TIMEOUT_SECONDS};
pub use load::Load;
pub use readers::Readers;
pub use session::Session;
pub use static_index::StaticIndex;
pub use whole_index::WholeIndex;

use std::sync::Arc;

use broadsheet_core::query::{sections, FacetCount};
use broadsheet_core::{is_valid_slug, Answer, Article, Config, Query, Site, Source};
use leptos::prelude::*;
use web_sys::AbortSignal;

/// A loaded archive: the deployment's configuration, the site, and with a
/// bundle every teaser, prepared for queries.
#[derive(Debug)]
pub struct Archive {
    /// The configuration it was loaded with.
    pub config: Config,
    /// What the archive says about itself.
    pub site: Site,
    /// With a bundle that has no compiled index, the whole index,
    /// answered locally; else `None`.
    pub catalog: Option<Box<dyn WholeIndex>>,
    /// With a bundle's compiled static index, the index, which loads what
    /// each query needs ([`load_answer`]).
    pub index: Option<StaticIndex>,
    /// The site's sections, for the masthead.
    pub sections: Vec<FacetCount>,
}

impl Archive {
    /// The archive of `site` loaded with `config`: with a bundle,
    /// `catalog` answers every query; `categories` (with their counts)
    /// choose the sections the site names, or its largest.
    pub fn new(
        config: Config,
        site: Site,
        catalog: Option<Box<dyn WholeIndex>>,
        categories: &[FacetCount],
    ) -> Self {
        let sections = match &catalog {
            Some(catalog) => sections(&site.sections, &catalog.category_counts()),
            None => sections(&site.sections, categories),
        };
        Self {
            config,
            site,
            catalog,
            index: None,
            sections,
        }
    }

    /// The archive of a bundle's compiled static `index`.
    pub fn of_index(config: Config, index: StaticIndex) -> Self {
        let (site, categories) = (index.site.clone(), index.categories.clone());
        Self {
            index: Some(index),
            ..Self::new(config, site, None, &categories)
        }
    }

    /// The title to show: the configuration's, else the data's.
    pub fn site_title(&self) -> &str {
        self.config
            .site_title
            .as_deref()
            .unwrap_or(&self.site.title)
    }

    /// With a bundle, the answer to `query`, filters naming nothing in the
    /// archive left out; `None` with an API.
    pub fn answer(&self, query: &Query) -> Option<Answer> {
        if let Some(index) = &self.index {
            // From the static index's files at hand, if they answer (the
            // counts follow, when a menu wants them): a keystroke needs no
            // request then.
            return index.now(|r| match r.answer(query, false) {
                Ok(step) => step,
                Err(_) => broadsheet_core::compiled::Step::Need(Vec::new()),
            });
        }
        Some(self.catalog.as_ref()?.answer(query))
    }

    /// Why each teaser the bundle holds but the app could not read was
    /// left out.
    pub fn skipped(&self) -> Vec<String> {
        if let Some(index) = &self.index {
            return index.skipped.clone();
        }
        self.catalog
            .as_ref()
            .map_or_else(Vec::new, |catalog| catalog.skipped())
    }
}

/// The archive, loaded once for the whole app and shared through context.
/// `refetch` is the Retry after a failure.
#[derive(Clone, Copy)]
pub struct ArchiveResource(Load<Result<Arc<Archive>, LoadError>>);

impl ArchiveResource {
    /// Starts loading the archive.
    pub fn new() -> Self {
        let session = Session::use_context();
        Self(Load::new(move |_| load_archive(session), false))
    }

    /// An archive already loaded (by the build, from disk).
    pub fn ready(archive: Arc<Archive>) -> Self {
        Self(Load::ready(Ok(archive)))
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

/// An article already at hand, in context: the article page shows it
/// rather than loading it (the build renders pages from disk).
#[derive(Debug, Clone)]
pub struct ReadyArticle(pub Arc<Article>);

/// Reads the configuration, then from the source it names the index
/// (bundle) or the site's description (API, WordPress).
pub async fn load_archive(session: Session) -> Result<Arc<Archive>, LoadError> {
    let config = load_config(session).await?;
    if let Source::Bundle(_) = &config.source {
        if let Some(index) = StaticIndex::open(&config.source.base_url()).await? {
            return Ok(Arc::new(Archive::of_index(config, index)));
        }
    }
    (Readers::installed().archive)(session, config)
        .await
        .map(Arc::new)
}

/// Asks the archive's static index or the configured API for one page of
/// results, with why each of its teasers that could not be read was left
/// out; from a static index, with the facet counts only when `counts`
/// (they may need more files than the results). Aborting `cancel`
/// abandons the requests.
pub async fn load_answer(
    session: Session,
    archive: Arc<Archive>,
    query: Query,
    counts: bool,
    cancel: Option<AbortSignal>,
) -> Result<(Answer, Vec<String>), LoadError> {
    if let Some(index) = &archive.index {
        let answer = index
            .ask(
                |r| r.answer(&query, counts).map_err(LoadError::Data),
                cancel,
            )
            .await?;
        return Ok((answer, archive.skipped()));
    }
    (Readers::installed().answer)(session, query, cancel).await
}

/// Loads one article from the configured source; `Ok(None)` when the
/// archive has no such article. Aborting `cancel` abandons the request.
pub async fn load_article(
    session: Session,
    slug: String,
    cancel: Option<AbortSignal>,
) -> Result<Option<Article>, LoadError> {
    let config = load_config(session).await?;
    // Slugs become URLs: anything else is no article at all.
    if !is_valid_slug(&slug) {
        return Ok(None);
    }
    if let Source::WordPress(_) = config.source {
        return (Readers::installed().article)(session, config, slug, cancel).await;
    }
    fetch_article(article_file(&config.source, &slug), cancel).await
}

/// Where `source` keeps the article `slug`.
pub fn article_file(source: &Source, slug: &str) -> String {
    let base = source.base_url();
    match source {
        Source::Bundle(_) => format!("{base}{}", broadsheet_core::bundle::article_file(slug)),
        Source::Api(_) => format!("{base}articles/{slug}"),
        Source::WordPress(_) => format!("{base}?rest_route=/wp/v2/posts&slug={slug}"),
    }
}
