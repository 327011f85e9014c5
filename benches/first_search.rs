//! A reader lands on `/` and types a word: the time from the navigation's
//! start to the search's answer on screen (the status line showing the
//! catalog's count for it), cold, under mobile throttling (4× CPU, 150 ms
//! round trip, 1.6 Mbps down, no cache), in headless Chromium against
//! nginx, for a synthetic archive built as a publisher builds it
//! (`cargo xtask generate`, then `prerender`, which compiles the static
//! index). 10,000 articles unless `BENCH_ARTICLES` says otherwise; the
//! word is `BENCH_WORD` (default `peru`). Also prints the data the first
//! view and the search transferred. Run by `make bench`; asserts nothing
//! about the figures.
//!
//! The word is typed into the search box as soon as the first teaser is
//! painted (the box is in the page as built; the app keeps what was typed
//! when it takes over).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use std::time::Duration;

    use anyhow::bail;
    use broadsheet_core::count::showing;
    use broadsheet_core::{parse_index, Catalog, Query};
    use fantoccini::Locator;
    use support::cdp::throttle;
    use support::{browser, env_number, eventually_within, Browser, Site};

    if browser::engine() != "chromium" {
        bail!("the first-search benchmark throttles through Chromium's DevTools protocol");
    }
    let articles = env_number("BENCH_ARTICLES", 10_000);
    let runs = env_number("BENCH_RUNS", 3);
    let word = std::env::var("BENCH_WORD").unwrap_or_else(|_| "peru".to_owned());
    let site = Site::start()?;
    site.build_synthetic(articles)?;
    let data = site.served("data");
    let index = parse_index(&std::fs::read(data.join("index.json"))?, "index.json")?;
    let catalog = Catalog::new(index);
    let query = Query {
        text: Some(word.clone()),
        ..Query::default()
    };
    let answer = catalog.run(&query);
    let expected = showing(answer.total, 1, query.per_page);

    let browser = Browser::start().await?;
    throttle(&browser.client, true).await?;
    let mut times = Vec::new();
    for run in 1..=runs {
        browser.client.goto("about:blank").await?;
        browser.client.goto(&site.url("/")).await?;
        eventually_within(Duration::from_secs(120), "the first teaser", || async {
            let found = browser
                .client
                .find_all(Locator::Css("[data-teaser]"))
                .await?;
            Ok((!found.is_empty()).then_some(()))
        })
        .await?;
        // From now on, the moment the status line shows the answer.
        browser
            .client
            .execute(
                r#"const expected = arguments[0];
                   window.__answered = null;
                   const check = () => {
                     const status = document.querySelector("[data-status]");
                     if (window.__answered === null && status
                         && status.textContent === expected
                         && location.search.includes("q=")) {
                       window.__answered = performance.now();
                     }
                   };
                   new MutationObserver(check).observe(document, {
                     subtree: true, childList: true, characterData: true });"#,
                vec![expected.clone().into()],
            )
            .await?;
        let field = browser
            .client
            .find(Locator::Css("input[type=search]"))
            .await?;
        field.send_keys(&word).await?;
        let answered = eventually_within(Duration::from_secs(240), "the answer", || async {
            Ok(browser
                .client
                .execute("return window.__answered", vec![])
                .await?
                .as_f64())
        })
        .await?;
        let data = browser
            .client
            .execute(
                r#"return performance.getEntriesByType("resource")
                     .filter((e) => new URL(e.name).pathname.includes("/data/"))
                     .reduce((sum, e) => sum + (e.encodedBodySize || 0), 0);"#,
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or_default();
        println!(
            "run {run}: \"{word}\" answered {answered:.0} ms after the navigation started ({:.1} KB of data transferred)",
            data / 1024.0
        );
        times.push(answered);
    }
    browser.stop().await;
    times.sort_by(f64::total_cmp);
    println!(
        "lands and types \"{word}\", {articles} articles ({}), throttled, {runs} cold loads: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        expected,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
