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
            Ok(Answer::Body(body)) => Ok(body),
            Ok(Answer::Status(status, status_text)) => Err(LoadError::Status {
                url,
                status,
                status_text,
            }),
            Ok(Answer::WebPage) => Err(LoadError::WebPage { url }),
            Ok(Answer::NotSaved) => Err(LoadError::Offline { url }),
            Err(_) if timeout.aborted() => Err(LoadError::Timeout {
                url,
                seconds: TIMEOUT_SECONDS,
            }),
            Err(reason) => match refused(&url).await {
                Some(directive) => Err(LoadError::Refused { url, directive }),
                None => Err(LoadError::Network { url, reason }),
            },
        }
    })
}

/// The Content-Security-Policy directive that refused a request for
/// `url` that failed, if one did (`broadsheetEarly.refused`).
async fn refused(url: &str) -> Option<String> {
    let asked = refused_by(url).ok()?.dyn_into::<Promise>().ok()?;
    JsFuture::from(asked).await.ok()?.as_string()
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

/// What a server answered.
enum Answer {
    /// The file.
    Body(Body),
    /// A status that is not a success, and its text (followed by the
    /// `error` of a JSON answer, as broadsheet's API sends: docs/api.md).
    Status(u16, String),
    /// A web page (`text/html`): every file broadsheet asks for is data,
    /// so this is a host's page for a file it does not have.
    WebPage,
    /// The service worker's answer offline for a file it never saved
    /// (public/sw.js).
    NotSaved,
}

/// The server's answer; `Err` with what the browser said when no complete
/// answer arrived.
async fn fetch(
    url: &str,
    signal: &AbortSignal,
    headers: &[&str],
    cache: RequestCache,
) -> Result<Answer, String> {
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
    let found = response.headers();
    if !response.ok() {
        if found.get("x-broadsheet-offline").is_some() {
            return Ok(Answer::NotSaved);
        }
        let mut text = response.status_text();
        if found
            .get("content-type")
            .is_some_and(|kind| kind.contains("application/json"))
        {
            let bytes = response.binary().await.unwrap_or_default();
            if let Some(said) = broadsheet_core::api_error(&bytes) {
                text = format!("{text}: {said}");
            }
        }
        return Ok(Answer::Status(response.status(), text));
    }
    let kind = found.get("content-type").unwrap_or_default();
    if kind
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("text/html")
    {
        return Ok(Answer::WebPage);
    }
    let headers = headers.iter().map(|name| found.get(name)).collect();
    let bytes = response.binary().await.map_err(|error| said(&error))?;
    Ok(Answer::Body(Body { bytes, headers }))
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

    /// `broadsheetEarly.refused(url)`, from `public/boot.js`: a promise of
    /// the directive that refused `url`, or of null.
    #[wasm_bindgen(catch, js_namespace = broadsheetEarly, js_name = refused)]
    fn refused_by(url: &str) -> Result<JsValue, JsValue>;
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
