//! An HTTP API implementing docs/api.md: the grid asks it for a page of
//! teasers (articles come in the bundle's format, see `load_article`).

use broadsheet_core::{parse_api_page, Index};

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
