//! The API's routes: `GET /teasers`, `GET /articles/{slug}`, health and
//! readiness, and JSON errors for everything else.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_core::query::Query;
use serde_json::json;

use crate::source::Source;

/// Requests with a longer URI are refused (414) before any work.
pub const MAX_URI_BYTES: usize = 2048;

/// The API over `source`.
pub fn router(source: Arc<Source>) -> Router {
    Router::new()
        .route("/teasers", get(teasers))
        .route("/articles/{slug}", get(article))
        .route("/healthz", get(health))
        .route("/readyz", get(ready))
        .fallback(not_found)
        .with_state(source)
        .layer(middleware::from_fn(guard))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Every answer: one log line, CORS for any origin, and limits.
async fn guard(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let mut response = if uri.to_string().len() > MAX_URI_BYTES {
        error(
            StatusCode::URI_TOO_LONG,
            format!("the URI is longer than {MAX_URI_BYTES} bytes"),
        )
    } else if method == Method::OPTIONS {
        StatusCode::NO_CONTENT.into_response()
    } else if method != Method::GET && method != Method::HEAD {
        error(StatusCode::METHOD_NOT_ALLOWED, "only GET is served")
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    println!(
        "{method} {uri} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

async fn not_found(uri: Uri) -> Response {
    error(
        StatusCode::NOT_FOUND,
        format!(
            "{}: no such endpoint; see /teasers and /articles/<slug>",
            uri.path()
        ),
    )
}

async fn teasers(State(source): State<Arc<Source>>, RawQuery(raw): RawQuery) -> Response {
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let query = match Query::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(query) => query,
        Err(problem) => return error(StatusCode::BAD_REQUEST, problem.to_string()),
    };
    match source.teasers(&query).await {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(failure) => error(failure.status(), failure.to_string()),
    }
}

async fn article(State(source): State<Arc<Source>>, Path(slug): Path<String>) -> Response {
    match source.article(&slug).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(failure) => error(failure.status(), failure.to_string()),
    }
}

/// How long liveness waits to say whether the source answers: well
/// inside a probe's usual one-second time-out.
const HEALTH_WAIT: Duration = Duration::from_millis(500);

/// Liveness: the process answers. It names what it serves from and
/// whether that answers, but is `200` either way, and at once (restarting
/// a copy does not bring a database back).
async fn health(State(source): State<Arc<Source>>) -> Response {
    let source = match tokio::time::timeout(HEALTH_WAIT, source.ready()).await {
        Ok(Ok(what)) => what,
        Ok(Err(failure)) => failure.to_string(),
        Err(_) => format!("no answer within {} ms", HEALTH_WAIT.as_millis()),
    };
    Json(json!({ "status": "ok", "source": source })).into_response()
}

/// Readiness: `200` when the source answers, `503` with why not (a load
/// balancer sends no readers to this copy meanwhile).
async fn ready(State(source): State<Arc<Source>>) -> Response {
    match source.ready().await {
        Ok(what) => Json(json!({ "status": "ready", "source": what })).into_response(),
        Err(failure) => error(StatusCode::SERVICE_UNAVAILABLE, failure.to_string()),
    }
}
