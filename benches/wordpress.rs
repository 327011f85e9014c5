//! A WordPress source against a static bundle of the same articles: the
//! time to the first teaser painted for a cold load of `/`, under the same
//! mobile throttling as `first_teaser` (4× slower CPU, 150 ms round trip,
//! 1.6 Mbps down, no cache), in headless Chromium, loaded in turn; and the
//! requests and bytes the WordPress source costs for the first grid view,
//! a filtered view and an article view, read from the WordPress server's
//! own access log. Figures, not assertions. Run by `make bench`.
//!
//! Both load the client-rendered app (`app.html` as `/`), so the only
//! difference is where the data comes from: the bundle (300 generated
//! articles) from the same nginx, or a local WordPress 6.1 (Debian's
//! package, PHP-FPM, MariaDB) seeded with the same 300.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use std::time::Duration;

    use anyhow::bail;
    use fantoccini::Locator;
    use serde_json::json;
    use support::cdp::{forget_origin, throttle};
    use support::wordpress::write_generated;
    use support::{browser, env_number, eventually_within, Browser, Site, WordPress};

    if browser::engine() != "chromium" {
        bail!("the WordPress benchmark throttles through Chromium's DevTools protocol");
    }
    let runs = env_number("BENCH_RUNS", 5);
    let site = Site::start()?;
    let root = site.served("");
    let bundle = root.join("generated");
    write_generated(&bundle)?;
    let wordpress = WordPress::start_with(&[&bundle])?;
    std::fs::copy(root.join("app.html"), root.join("index.html"))?;
    for compressed in ["index.html.br", "index.html.gz"] {
        let _ = std::fs::remove_file(root.join(compressed));
    }
    let sources = [
        (
            "static bundle",
            r#"{"source": {"bundle": "generated/"}}"#.to_owned(),
        ),
        (
            "WordPress",
            format!(
                r#"{{"source": {{"wordpress": "{}"}}}}"#,
                wordpress.url("pretty")
            ),
        ),
    ];

    let browser = Browser::start().await?;
    throttle(&browser.client, true).await?;
    let mut figures = vec![Vec::new(); sources.len()];
    for run in 1..=runs {
        for (at, (name, config)) in sources.iter().enumerate() {
            site.put("config.json", config.as_bytes())?;
            forget_origin(&browser.client, &site.url("/")).await?;
            browser.client.goto(&site.url("/")).await?;
            let teaser = eventually_within(
                Duration::from_secs(120),
                "the first teaser's paint",
                || async {
                    let value = browser
                        .client
                        .execute_async(
                            r#"const done = arguments[arguments.length - 1];
                               new PerformanceObserver((list) => {
                                 const times = list.getEntries()
                                   .filter((e) => e.identifier === "teaser-title")
                                   .map((e) => e.renderTime || e.loadTime);
                                 done(times.length ? Math.min(...times) : null);
                               }).observe({ type: "element", buffered: true });
                               setTimeout(() => done(null), 1000);"#,
                            vec![],
                        )
                        .await?;
                    Ok(value.as_f64())
                },
            )
            .await?;
            println!("run {run} {name}: first teaser {teaser:.0} ms");
            figures[at].push(teaser);
        }
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let bundle_median = median(&mut figures[0]);
    let wordpress_median = median(&mut figures[1]);
    println!("300 articles, {runs} cold loads each, throttled (4x CPU, 150 ms RTT, 1.6 Mbps):");
    println!("  static bundle   first teaser {bundle_median:>6.0} ms");
    println!(
        "  WordPress       first teaser {wordpress_median:>6.0} ms ({:.2}x the bundle)",
        wordpress_median / bundle_median
    );

    // Requests and bytes per view, unthrottled: the WordPress server's
    // access log (combined format: the status, then the body's bytes).
    throttle(&browser.client, false).await?;
    site.put("config.json", sources[1].1.as_bytes())?;
    let log = || wordpress.access_log();
    // The browser's own count: resource entries for the WordPress origin
    // (their sizes are hidden cross-origin without Timing-Allow-Origin,
    // so the bytes come from the server's log).
    let origin = wordpress.url("pretty");
    let seen = || {
        let client = browser.client.clone();
        let origin = origin.clone();
        async move {
            let count = client
                .execute(
                    "return performance.getEntriesByType('resource').filter((e) => e.name.startsWith(arguments[0])).length;",
                    vec![json!(origin)],
                )
                .await?;
            anyhow::Ok(count.as_u64().unwrap_or_default())
        }
    };
    let cost = |from: usize| -> (usize, u64) {
        let lines = log();
        let new = &lines[from.min(lines.len())..];
        let bytes = new
            .iter()
            .filter_map(|line| {
                let (_, after) = line.split_once("\" ")?;
                after.split_whitespace().nth(1)?.parse::<u64>().ok()
            })
            .sum();
        (new.len(), bytes)
    };
    let mark = log().len();
    browser.client.goto(&site.url("/")).await?;
    browser.wait_for_grid(Duration::from_secs(30)).await?;
    let first = cost(mark);
    let first_seen = seen().await?;
    let mark = log().len();
    browser
        .client
        .find(Locator::Css("article[data-teaser] a[data-category]"))
        .await?
        .click()
        .await?;
    eventually_within(Duration::from_secs(30), "the filtered view", || async {
        Ok((cost(mark).0 > 0 && browser.path().await?.starts_with("/category/")).then_some(()))
    })
    .await?;
    browser.wait_for_grid(Duration::from_secs(30)).await?;
    let filtered = cost(mark);
    let filtered_seen = seen().await? - first_seen;
    let mark = log().len();
    browser
        .client
        .find(Locator::Css("article[data-teaser] h2 a"))
        .await?
        .click()
        .await?;
    eventually_within(Duration::from_secs(30), "the article's body", || async {
        let body = browser
            .client
            .find_all(Locator::Css("[data-article-body] p"))
            .await?;
        Ok((!body.is_empty()).then_some(()))
    })
    .await?;
    let article = cost(mark);
    let article_seen = seen().await? - first_seen - filtered_seen;
    println!(
        "WordPress requests (the browser's resource entries / the server's log) and bytes sent (bodies, as the server sent them):"
    );
    for (view, (requests, bytes), in_browser) in [
        ("first grid view", first, first_seen),
        ("a filtered view (category link)", filtered, filtered_seen),
        ("an article view (title link)", article, article_seen),
    ] {
        println!(
            "  {view:<34} {in_browser} / {requests} requests, {:.1} KB",
            bytes as f64 / 1024.0
        );
    }
    browser.stop().await;
    drop(wordpress);
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
