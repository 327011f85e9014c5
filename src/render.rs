//! Views rendered to HTML off the browser: the build's prerenderer
//! (`cargo xtask prerender`) renders the app's own [`Page`] for each
//! route, with the archive and article it read from disk, through
//! Leptos's native renderer (the `ssr` feature, never in the wasm).

use std::sync::Arc;

use broadsheet_core::head::Head;
use broadsheet_core::Article;
use leptos::prelude::*;

use crate::base::BasePath;
use crate::head::HeadSlot;
use crate::router::Location;
use crate::source::{Archive, ArchiveResource, ReadyArticle};
use crate::Page;

/// A page rendered for one route.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The masthead, `<main>` and footer, as the app draws them.
    pub html: String,
    /// What the view's head says (`None` only if the view declared none).
    pub head: Option<Head>,
}

/// Renders the page at `path` (below the base path `base`, `/news` or
/// empty) of `archive`; `article` is the article file of an article
/// route.
pub fn render(archive: Arc<Archive>, base: &str, path: &str, article: Option<Article>) -> Rendered {
    let owner = Owner::new();
    let slot = HeadSlot::default();
    let html = owner.with(|| {
        provide_context(BasePath(base.to_owned()));
        provide_context(ArchiveResource::ready(archive));
        provide_context(Location::at(path, ""));
        provide_context(slot.clone());
        if let Some(article) = article {
            provide_context(ReadyArticle(Arc::new(article)));
        }
        view! { <Page /> }.to_html()
    });
    owner.unset_with_forced_cleanup();
    let head = slot.0.lock().ok().and_then(|mut head| head.take());
    Rendered { html, head }
}
