//! An HTTP API implementing docs/api.md: the grid asks it for a page of
//! teasers, the article view for one article.

use broadsheet_core::{is_valid_slug, parse_api_page, Article, Index};
use web_sys::AbortSignal;

use super::bundle::fetch_article_at;
use super::error::LoadError;
use super::http;

/// The first page of the archive, newest first, as an index of that page,
/// with the archive's total.
pub async fn fetch_first_page(base: &str, per_page: u32) -> Result<(Index, usize), LoadError> {
    let url = format!("{base}teasers?per_page={per_page}");
    let bytes = http::get_bytes(url.clone(), None).await?;
    let page = parse_api_page(&bytes, &url).map_err(LoadError::Data)?;
    let index = Index {
        site: page.site,
        authors: Vec::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        teasers: page.teasers,
        parts: Vec::new(),
        skipped: page.skipped,
    };
    Ok((index, page.total))
}

/// One article; `Ok(None)` when the API has no such article (404).
pub async fn fetch_article(
    base: &str,
    slug: &str,
    cancel: Option<AbortSignal>,
) -> Result<Option<Article>, LoadError> {
    if !is_valid_slug(slug) {
        return Ok(None);
    }
    fetch_article_at(format!("{base}articles/{slug}"), cancel).await
}
