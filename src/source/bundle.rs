//! The static bundle: `index.json` (and the parts it lists) and
//! `articles/<slug>.json` under the configured base URL.

use broadsheet_core::{parse_article, parse_index, Article, Index};
use web_sys::AbortSignal;

use super::error::LoadError;
use super::http;

/// Fetches the index at `base` (ending in `/`) and every part it lists.
pub async fn fetch_index(base: &str) -> Result<Index, LoadError> {
    let file = format!("{base}index.json");
    let bytes = http::get_bytes(file.clone(), None).await?;
    let mut index = parse_index(&bytes, &file).map_err(LoadError::Data)?;
    // Parts are for very large archives; one after another keeps the code
    // small, and each is one request.
    for part in index.parts.clone() {
        let url = format!("{base}{part}");
        let bytes = http::get_bytes(url.clone(), None).await?;
        index.add_part(&bytes, &url).map_err(LoadError::Data)?;
    }
    Ok(index)
}

/// Fetches the article file at `file`; `Ok(None)` on a 404. The bundle
/// and the API serve the same article format. Aborting `cancel` abandons
/// the request.
pub async fn fetch_article(
    file: String,
    cancel: Option<AbortSignal>,
) -> Result<Option<Article>, LoadError> {
    match http::get_bytes(file.clone(), cancel).await {
        Ok(bytes) => parse_article(&bytes, &file)
            .map(Some)
            .map_err(LoadError::Data),
        Err(error) if error.is_missing() => Ok(None),
        Err(error) => Err(error),
    }
}
