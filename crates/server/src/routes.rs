//! The API's routes: `GET /teasers`, `GET /articles/{slug}`, and JSON
//! errors for everything else.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use broadsheet_core::query::{FacetCount, Query, MAX_PER_PAGE};
use broadsheet_core::{is_valid_slug, parse_article};
use serde_json::{json, Value};

use crate::bundle::Bundle;

/// Requests with a longer URI are refused (414) before any work.
pub const MAX_URI_BYTES: usize = 2048;

/// The API over `bundle`.
pub fn router(bundle: Arc<Bundle>) -> Router {
    Router::new()
        .route("/teasers", get(teasers))
        .route("/articles/{slug}", get(article))
        .fallback(not_found)
        .with_state(bundle)
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

fn facet_json(facets: &[FacetCount]) -> Value {
    facets
        .iter()
        .map(|f| json!({"slug": f.slug, "name": f.name, "count": f.count}))
        .collect()
}

async fn teasers(State(bundle): State<Arc<Bundle>>, RawQuery(raw): RawQuery) -> Response {
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let query = match Query::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(query) => query,
        Err(problem) => return error(StatusCode::BAD_REQUEST, problem.to_string()),
    };
    let results = bundle.catalog.run(&query);
    Json(json!({
        "version": 1,
        "site": bundle.catalog.index().site,
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "per_page": query.per_page.min(MAX_PER_PAGE),
        "teasers": results.teasers,
        "skipped": bundle.catalog.index().skipped.len(),
        "facets": {
            "categories": facet_json(&results.facets.categories),
            "authors": facet_json(&results.facets.authors),
            "tags": facet_json(&results.facets.tags),
            "years": facet_json(&results.facets.years),
        },
    }))
    .into_response()
}

async fn article(State(bundle): State<Arc<Bundle>>, Path(slug): Path<String>) -> Response {
    if !is_valid_slug(&slug) || bundle.catalog.index().teaser(&slug).is_none() {
        return error(
            StatusCode::NOT_FOUND,
            format!("no article with slug {slug:?}"),
        );
    }
    let name = broadsheet_core::bundle::article_file(&slug);
    let bytes = match tokio::fs::read(bundle.dir.join(&name)).await {
        Ok(bytes) => bytes,
        Err(problem) => return error(StatusCode::NOT_FOUND, format!("{name}: {problem}")),
    };
    // Served only if it reads as the app will read it.
    if let Err(problem) = parse_article(&bytes, &name) {
        return error(StatusCode::INTERNAL_SERVER_ERROR, problem.to_string());
    }
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}
