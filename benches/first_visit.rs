//! What a first visit to `/` transfers, by type, measured in the browser
//! (Resource Timing; headless Chromium unless `BROADSHEET_ENGINE` says) against nginx with deploy/nginx.conf and the
//! release build's precompressed files. Run by `make bench`; it prints
//! figures and asserts nothing about them.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use std::collections::BTreeMap;

    use support::{Browser, Site};

    let site = Site::start()?;
    let browser = Browser::start().await?;
    browser.open(&site.url("/")).await?;
    browser
        .wait_for_grid(std::time::Duration::from_secs(15))
        .await?;
    let entries = browser
        .client
        .execute(
            r#"return [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
                 .map(e => [new URL(e.name).pathname, e.transferSize, e.encodedBodySize, e.decodedBodySize]);"#,
            vec![],
        )
        .await?;
    // Then the service worker (public/sw.js) installs, saves the build's
    // shell and what the page loaded: what the server sent in all, from
    // its log, once the worker's data cache holds the page's data.
    support::eventually_within(
        std::time::Duration::from_secs(30),
        "the service worker to save the first visit",
        || async {
            let done = browser
                .client
                .execute_async(
                    r#"const done = arguments[arguments.length - 1];
                       if (!("serviceWorker" in navigator)) return done(true);
                       caches.open("broadsheet-data").then((c) => c.keys())
                         .then((k) => done(k.some((r) => r.url.endsWith("/t0.json"))));"#,
                    vec![],
                )
                .await?;
            Ok((done == true).then_some(()))
        },
    )
    .await?;
    let with_worker = site.bytes_sent();
    browser.stop().await;
    let mut by_type: BTreeMap<&str, (usize, u64, u64, u64)> = BTreeMap::new();
    for entry in entries.as_array().into_iter().flatten() {
        let path = entry[0].as_str().unwrap_or_default();
        let kind = match path.rsplit('.').next() {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            Some("json") => "data",
            Some("svg" | "png" | "jpg" | "ico") => "image",
            _ => "html",
        };
        let totals = by_type.entry(kind).or_default();
        totals.0 += 1;
        totals.1 += entry[1].as_u64().unwrap_or(0);
        totals.2 += entry[2].as_u64().unwrap_or(0);
        totals.3 += entry[3].as_u64().unwrap_or(0);
    }
    println!(
        "first visit to /, by type ({} over http, encodings as the browser negotiated):",
        support::browser::engine()
    );
    println!(
        "{:<6} {:>5} {:>12} {:>12} {:>12}",
        "type", "files", "transferred", "body", "decoded"
    );
    let mut sum = (0, 0, 0);
    for (kind, (files, transfer, encoded, decoded)) in &by_type {
        println!(
            "{kind:<6} {files:>5} {:>9.1} KB {:>9.1} KB {:>9.1} KB",
            *transfer as f64 / 1024.0,
            *encoded as f64 / 1024.0,
            *decoded as f64 / 1024.0
        );
        sum = (sum.0 + transfer, sum.1 + encoded, sum.2 + decoded);
    }
    println!(
        "{:<6} {:>5} {:>9.1} KB {:>9.1} KB {:>9.1} KB",
        "all",
        "",
        sum.0 as f64 / 1024.0,
        sum.1 as f64 / 1024.0,
        sum.2 as f64 / 1024.0
    );
    println!(
        "the server sent {} requests, {:.1} KB of bodies in all, once the service worker had saved the build's shell and the page's data (the page's own requests: {} files above)",
        with_worker.0,
        with_worker.1 as f64 / 1024.0,
        by_type.values().map(|t| t.0).sum::<usize>()
    );
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
