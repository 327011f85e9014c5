//! GET over the browser's fetch: errors that name the URL, a time limit,
//! and a way to abandon a request nobody waits for any more.

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCache};

use super::error::LoadError;

/// A request with no complete answer after this long is abandoned.
pub const TIMEOUT_SECONDS: u32 = 15;

/// What [`get_bytes`] returns: one boxed future, so the request logic is
/// compiled once rather than into every caller's state machine.
pub type BytesFuture = Pin<Box<dyn Future<Output = Result<Vec<u8>, LoadError>>>>;

/// Fetches `url` (relative to the page's base URL) and returns its body.
///
/// The browser revalidates every time (`cache: no-cache`), so data a
/// publisher replaces shows on the next load or Retry, while unchanged
/// files cost only a 304. The browser's own timer (`AbortSignal.timeout`)
/// abandons a request after [`TIMEOUT_SECONDS`]; aborting `cancel` (the
/// reader left the page) abandons it at once.
pub fn get_bytes(url: String, cancel: Option<AbortSignal>) -> BytesFuture {
    Box::pin(async move {
        let timeout = AbortSignal::timeout_with_u32(TIMEOUT_SECONDS * 1000);
        let signal = match &cancel {
            Some(cancel) => AbortSignal::any(&js_sys::Array::of2(cancel, &timeout)),
            None => timeout.clone(),
        };
        let result = async {
            let response = Request::get(&url)
                .cache(RequestCache::NoCache)
                .abort_signal(Some(&signal))
                .send()
                .await?;
            if !response.ok() {
                return Ok(Err(LoadError::Status {
                    url: url.clone(),
                    status: response.status(),
                    status_text: response.status_text(),
                }));
            }
            response.binary().await.map(Ok)
        }
        .await;
        match result {
            Ok(answer) => answer,
            Err(_) if timeout.aborted() => Err(LoadError::Timeout {
                url,
                seconds: TIMEOUT_SECONDS,
            }),
            Err(error) => Err(LoadError::Network {
                url,
                reason: error.to_string(),
            }),
        }
    })
}
