//! GET over the browser's fetch, through gloo-net: errors that name the
//! URL, a time limit, and a way to abandon a request nobody waits for any
//! more.

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::{Request, Response};
use js_sys::Promise;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestMode};

use super::error::LoadError;

/// A request with no complete answer after this long is abandoned.
pub const TIMEOUT_SECONDS: u32 = 15;

/// A successful answer: its body, and the response headers asked for.
pub struct Body {
    /// The body's bytes.
    pub bytes: Vec<u8>,
    /// The value of each header named in the request, in that order
    /// (`None` for one the answer lacks or a cross-origin answer does not
    /// expose).
    pub headers: Vec<Option<String>>,
}

/// What [`get`] returns: one boxed future, so the request logic is
/// compiled once rather than into every caller's state machine.
pub type BodyFuture = Pin<Box<dyn Future<Output = Result<Body, LoadError>>>>;

/// Fetches `url` (relative to the page's base URL) and returns its body.
///
/// The browser revalidates every time (`cache: no-cache`), so data a
/// publisher replaces shows on the next load or Retry, while unchanged
/// files cost only a 304. The browser's own timer (`AbortSignal.timeout`)
/// abandons a request after [`TIMEOUT_SECONDS`]; aborting `cancel` (the
/// reader left the page) abandons it at once.
pub async fn get_bytes(url: String, cancel: Option<AbortSignal>) -> Result<Vec<u8>, LoadError> {
    get(url, cancel, &[]).await.map(|body| body.bytes)
}

/// [`get_bytes`] for a file that never changes once published (a static
/// index's build): the browser's cache answers without asking the server
/// when it may.
pub async fn get_kept(url: String, cancel: Option<AbortSignal>) -> Result<Vec<u8>, LoadError> {
    request(url, cancel, &[], RequestCache::Default)
        .await
        .map(|body| body.bytes)
}

/// [`get_bytes`], with the values of the response headers `headers`
/// names (as `X-WP-Total`).
pub fn get(
    url: String,
    cancel: Option<AbortSignal>,
    headers: &'static [&'static str],
) -> BodyFuture {
    request(url, cancel, headers, RequestCache::NoCache)
}

/// [`get`] with the browser's cache mode `cache`.
fn request(
    url: String,
    cancel: Option<AbortSignal>,
    headers: &'static [&'static str],
    cache: RequestCache,
) -> BodyFuture {
    Box::pin(async move {
        let timeout = AbortSignal::timeout_with_u32(TIMEOUT_SECONDS * 1000);
        let signal = match &cancel {
            Some(cancel) => AbortSignal::any(&js_sys::Array::of2(cancel, &timeout)),
            None => timeout.clone(),
        };
        match fetch(&url, &signal, headers, cache).await {
            Ok(Ok(body)) => Ok(body),
            Ok(Err((status, status_text))) => Err(LoadError::Status {
                url,
                status,
                status_text,
            }),
            Err(_) if timeout.aborted() => Err(LoadError::Timeout {
                url,
                seconds: TIMEOUT_SECONDS,
            }),
            Err(reason) => Err(LoadError::Network { url, reason }),
        }
    })
}

/// Whether anything answers at `url` when the answer need not be
/// readable: a request in `no-cors` mode succeeds with an opaque answer
/// from any server that answers, and fails only when none does. Tells a
/// site that refuses this origin (CORS) from one that is down.
pub async fn answers(url: &str) -> bool {
    let timeout = AbortSignal::timeout_with_u32(TIMEOUT_SECONDS * 1000);
    Request::get(url)
        .mode(RequestMode::NoCors)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&timeout))
        .send()
        .await
        .is_ok()
}

/// The body and the headers asked for, or the status of an answer that is
/// not a success; `Err` with what the browser said when no complete
/// answer arrived.
async fn fetch(
    url: &str,
    signal: &AbortSignal,
    headers: &[&str],
    cache: RequestCache,
) -> Result<Result<Body, (u16, String)>, String> {
    let response: Response = match early(url, signal) {
        Some(request) => JsFuture::from(request)
            .await
            .and_then(|answer| answer.dyn_into::<web_sys::Response>())
            .map_err(|error| describe(&error))?
            .into(),
        None => Request::get(url)
            .cache(cache)
            .abort_signal(Some(signal))
            .send()
            .await
            .map_err(|error| said(&error))?,
    };
    if !response.ok() {
        return Ok(Err((response.status(), response.status_text())));
    }
    let found = response.headers();
    let headers = headers.iter().map(|name| found.get(name)).collect();
    let bytes = response.binary().await.map_err(|error| said(&error))?;
    Ok(Ok(Body { bytes, headers }))
}

/// What gloo-net reports of a failed request, as `TypeError: Failed to
/// fetch`.
fn said(error: &gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => format!("{}: {}", error.name, error.message),
        other => other.to_string(),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `broadsheetEarly.take(url, signal)`, from `public/boot.js`: the
    /// request for `url` it started before the app arrived, handed over
    /// once (Retry asks anew) and aborted with `signal`; `undefined` for
    /// any other URL. Throws (`Err`) if that script did not run.
    #[wasm_bindgen(catch, js_namespace = broadsheetEarly, js_name = take)]
    fn take_early(url: &str, signal: &AbortSignal) -> Result<JsValue, JsValue>;
}

/// The early request for `url`, if there is one.
fn early(url: &str, signal: &AbortSignal) -> Option<Promise> {
    take_early(url, signal).ok()?.dyn_into().ok()
}

/// What the browser said about a failed request, as `TypeError: Failed
/// to fetch`.
fn describe(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => error.as_string().unwrap_or_else(|| "no answer".to_owned()),
    }
}
