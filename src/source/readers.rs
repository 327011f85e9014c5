//! Which sources this build of the app reads besides a bundle's compiled
//! index.
//!
//! The app is built twice from the same views: `broadsheet` reads every
//! source (an API, a WordPress site, a bundle without a compiled index,
//! read whole), and `broadsheet-index` (`src/bin/broadsheet-index.rs`)
//! only a compiled index, the build most readers of a static host get
//! (`boot.js` chooses from `config.json` and the index's manifest). The
//! other sources are reached only through the function pointers of
//! [`Readers::EVERY`], which only `broadsheet`'s `main` names, so the
//! linker leaves their code out of `broadsheet-index`.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use broadsheet_core::{Answer, Article, Catalog, Config, Query, Source};
use web_sys::AbortSignal;

use super::{api, fetch_index, load_config, wordpress, Archive, LoadError, Session};

/// A load in progress.
pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, LoadError>>>>;

/// A page of results, with why each teaser left out was.
type Page = (Answer, Vec<String>);

/// The loads of every source but a compiled index.
#[derive(Clone, Copy)]
pub struct Readers {
    /// The archive of `config`'s source, which has no compiled index.
    pub(super) archive: fn(Session, Config) -> Loading<Archive>,
    /// A page of results from an API or a WordPress site.
    pub(super) answer: fn(Session, Query, Option<AbortSignal>) -> Loading<Page>,
    /// A WordPress site's article.
    pub(super) article:
        fn(Session, Config, String, Option<AbortSignal>) -> Loading<Option<Article>>,
}

thread_local! {
    static INSTALLED: Cell<Option<Readers>> = const { Cell::new(None) };
}

impl Readers {
    /// Every source: an API, a WordPress site, a whole bundle.
    pub const EVERY: Self = Self {
        archive: |session, config| Box::pin(archive(session, config)),
        answer: |session, query, cancel| Box::pin(answer(session, query, cancel)),
        article: |session, config, slug, cancel| {
            Box::pin(async move {
                wordpress::article(session, &config.source.base_url(), &slug, cancel).await
            })
        },
    };

    /// None: a compiled index only. Any other source is an error that
    /// says to load the page again (it can only be met when the data
    /// changed after `boot.js` chose this build).
    const INDEX_ONLY: Self = Self {
        archive: |_, config| Box::pin(other_app(config.source.base_url())),
        answer: |_, _, _| Box::pin(other_app(String::new())),
        article: |_, _, slug, _| Box::pin(other_app(slug)),
    };

    /// Makes these the app's readers; `main` calls it before mounting.
    pub fn install(self) {
        INSTALLED.with(|installed| installed.set(Some(self)));
    }

    /// The installed readers, else a compiled index's alone.
    pub(super) fn installed() -> Self {
        INSTALLED.with(Cell::get).unwrap_or(Self::INDEX_ONLY)
    }
}

async fn other_app<T>(url: String) -> Result<T, LoadError> {
    Err(LoadError::OtherApp { url })
}

/// The archive of an API, a WordPress site or a bundle read whole.
async fn archive(session: Session, config: Config) -> Result<Archive, LoadError> {
    let base = config.source.base_url();
    Ok(match &config.source {
        Source::Bundle(_) => {
            let index = fetch_index(&base).await?;
            let site = index.site.clone();
            Archive::new(config, site, Some(Box::new(Catalog::new(index))), &[])
        }
        Source::WordPress(_) => {
            let site = wordpress::connect(session, &base).await?;
            Archive::new(config, site, None, &[])
        }
        Source::Api(_) => {
            let first = Query {
                per_page: 1,
                ..Query::default()
            };
            let page = api::fetch_page(&base, &first, None).await?.0;
            Archive::new(config, page.site, None, &page.facets.categories)
        }
    })
}

/// A page of results from the configured API or WordPress site.
async fn answer(
    session: Session,
    query: Query,
    cancel: Option<AbortSignal>,
) -> Result<Page, LoadError> {
    let config = load_config(session).await?;
    let base = config.source.base_url();
    if let Source::WordPress(_) = config.source {
        return wordpress::answer(session, &base, query, cancel).await;
    }
    let (page, terms) = api::fetch_page(&base, &query, cancel).await?;
    let skipped = page.skipped.iter().map(ToString::to_string).collect();
    let answer = Answer {
        terms,
        total: page.total,
        page: page.page,
        pages: page.pages,
        teasers: page.teasers,
        facets: Arc::new(page.facets),
    };
    Ok((answer, skipped))
}
