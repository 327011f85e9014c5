//! An HTTP API implementing docs/api.md: the grid sends it each query and
//! shows the page it answers (articles come in the bundle's format, see
//! `load_article`).

use broadsheet_core::{parse_api_page, ApiPage, Query};
use web_sys::AbortSignal;

use super::error::LoadError;
use super::http;

/// One page of results for `query` from the API at `base` (ending in
/// `/`), with the query's folded search words for marking them.
pub async fn fetch_page(
    base: &str,
    query: &Query,
    cancel: Option<AbortSignal>,
) -> Result<(ApiPage, Vec<String>), LoadError> {
    let url = format!("{base}teasers?{}", query.to_api_url());
    let bytes = http::get_bytes(url.clone(), cancel).await?;
    let page = parse_api_page(&bytes, &url).map_err(LoadError::Data)?;
    Ok((page, query.terms()))
}
