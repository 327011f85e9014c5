//! GET over the browser's fetch, with errors that name the URL.

use gloo_net::http::Request;
use web_sys::RequestCache;

use super::error::LoadError;

/// Fetches `url` (relative to the page's base URL) and returns its body.
///
/// The browser revalidates every time (`cache: no-cache`), so data a
/// publisher replaces shows on the next load or Retry, while unchanged
/// files cost only a 304.
pub async fn get_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let network = |error: gloo_net::Error| LoadError::Network {
        url: url.to_owned(),
        reason: error.to_string(),
    };
    let response = Request::get(url)
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    response.binary().await.map_err(network)
}
