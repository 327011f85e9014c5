//! The results an article was opened from, carried in its URL.
//!
//! A teaser links to `/articles/<slug>?<filters>`: the listing's query
//! without its page, plus `from=<archive kind>` when the listing was an
//! archive (`/category/peru`). The article page reads them back for
//! previous and next within those results and for "Back to results",
//! which lands on the page of the results that holds the article.

use broadsheet_core::route::{article_path, FROM};
use broadsheet_core::{ArchiveKind, Query, Route};

use crate::base::{href, route_href};
use crate::components::filters::Scope;

/// The URL of article `slug` opened from the results of `query` on a
/// listing confined to `scope`.
pub fn article_url(slug: &str, query: &Query, scope: Scope) -> String {
    href(&article_path(slug, query, scope))
}

/// The results named by an article URL's query string: the query (page
/// 1) and the archive it was confined to.
pub fn read(search: &str) -> (Query, Scope) {
    let scope = search
        .split('&')
        .find_map(|pair| pair.strip_prefix(FROM)?.strip_prefix('='))
        .and_then(ArchiveKind::from_name);
    let mut query = Query::from_url(search);
    query.page = 1;
    // An archive with its own filter missing is the whole archive.
    let scope = scope.filter(|kind| query.archive(*kind).is_some());
    (query, scope)
}

/// The route of the listing confined to `scope`: the archive `slug` of
/// that kind, or the whole archive.
pub fn listing_route(scope: Scope, slug: &str) -> Route {
    match scope {
        Some(kind) => kind.route(slug),
        None => Route::Home,
    }
}

/// The listing URL of `query` on page `page`: an archive's own filter is
/// its path (`/category/peru?q=coup&page=2`), the rest the query string.
pub fn listing_url(query: &Query, scope: Scope, page: u32) -> String {
    let mut query = Query {
        page,
        ..query.clone()
    };
    // The archive's own filter is its path.
    let slug = scope
        .and_then(|kind| query.archive(kind))
        .unwrap_or_default()
        .to_owned();
    if let Some(kind) = scope {
        query.set_archive(kind, None);
    }
    let path = route_href(&listing_route(scope, &slug));
    match query.to_url() {
        search if search.is_empty() => path,
        search => format!("{path}?{search}"),
    }
}
