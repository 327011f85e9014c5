//! Time from navigation to the first teaser painted, in headless Chromium
//! against nginx serving the release build with a synthetic archive.
//! Run by `make bench`; it prints figures and asserts nothing about them.
//!
//! The paint time is the browser's own: teaser titles carry
//! `elementtiming`, and the Element Timing API reports when the first one
//! was rendered, relative to the navigation's start.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use broadsheet_core::synthetic::generate;
    use support::{env_number, eventually_within, Browser, Site};

    let articles = env_number("BENCH_ARTICLES", 10_000);
    let runs = env_number("BENCH_RUNS", 5);
    let site = Site::start()?;
    let archive = generate(articles, 1);
    site.serve_synthetic(&archive.index, "")?;
    let browser = Browser::start().await?;
    let mut times = Vec::new();
    for _ in 0..runs {
        browser.client.goto(&site.url("/")).await?;
        let paint = eventually_within(
            std::time::Duration::from_secs(120),
            "the first teaser's paint",
            || async {
                let value = browser
                    .client
                    .execute_async(
                        r#"const done = arguments[arguments.length - 1];
                           // Element entries reach observers only; buffered
                           // ones arrive in the first callback.
                           const observer = new PerformanceObserver(list => {
                             const times = list.getEntries()
                               .filter(e => e.identifier === "teaser-title")
                               .map(e => e.renderTime || e.loadTime);
                             if (times.length) { observer.disconnect(); done(Math.min(...times)); }
                           });
                           observer.observe({type: "element", buffered: true});
                           setTimeout(() => { observer.disconnect(); done(null); }, 500);"#,
                        vec![],
                    )
                    .await?;
                Ok(value.as_f64())
            },
        )
        .await?;
        let teasers = browser
            .client
            .execute(
                "return document.querySelectorAll('article[data-teaser]').length",
                vec![],
            )
            .await?;
        println!("first teaser painted at {paint:.0} ms ({teasers} teasers in the DOM)");
        times.push(paint);
    }
    browser.stop().await;
    times.sort_by(f64::total_cmp);
    println!(
        "first teaser, {articles} articles, {runs} loads: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
