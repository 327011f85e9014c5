//! Time to the first teaser painted, and the largest contentful paint,
//! for a cold load of `/` with a synthetic archive (10,000 articles by
//! default) under mobile throttling — 4× slower CPU, 150 ms round trip,
//! 1.6 Mbps down, 750 kbps up, no cache — in headless Chromium against
//! the same nginx, for
//!
//! - (a) the prerendered build (`make build`),
//! - (b) the same app client-rendered only (its `app.html` as `/`),
//! - (c) the issue's reference, the physical limit: a plain static page of
//!   the same listing as one self-contained file (the prerendered page
//!   without its scripts; its styles are inline as built),
//! - (d) that page with its style sheet apart, in a file of its own,
//!
//! loaded in turn (a, b, c, d, a, b, …), every HTML page compressed by
//! nginx on the fly alike. Prints each load, the medians and their ratios
//! to (c), and when the page became interactive (the app's: for (a) when
//! it took over from the page as built, for (b) its first teaser);
//! asserts nothing about them. Run by `make bench`.
//!
//! Paint times are the browser's own: teaser titles carry
//! `elementtiming`, and the Element Timing API reports when the first one
//! was rendered, relative to the navigation's start.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use std::time::Duration;

    use anyhow::bail;
    use support::cdp::{forget_origin, throttle, Cdp};
    use support::{browser, env_number, eventually_within, without, Browser, Site};

    if browser::engine() != "chromium" {
        bail!("the first-teaser benchmark throttles through Chromium's DevTools protocol");
    }
    let articles = env_number("BENCH_ARTICLES", 10_000);
    let runs = env_number("BENCH_RUNS", 5);
    let site = Site::start()?;
    let root = site.served("");
    // The archive as a publisher builds it: the data replaced, then the
    // pages written from it.
    site.build_synthetic(articles)?;
    let read = |name: &str| std::fs::read_to_string(root.join(name));
    let prerendered = read("index.html")?;
    let client = read("app.html")?;
    // The same page with nothing that runs: no scripts, no preloads.
    let plain = without(
        &without(&prerendered, "<script", "</script>"),
        "<link rel=\"modulepreload\"",
        ">",
    );
    let plain = without(&plain, "<link rel=\"preload\"", ">");
    // The issue's reference, the physical limit: that page as one
    // self-contained file (the build puts its styles inline).
    let Some(at) = plain.find("<meta http-equiv=\"Content-Security-Policy\"") else {
        bail!("the page as built has no inline styles with their policy");
    };
    let Some(end) = plain[at..]
        .find("</style>")
        .map(|end| at + end + "</style>".len())
    else {
        bail!("an unclosed style element");
    };
    let Some(css) = plain[at..end]
        .split_once("<style>")
        .and_then(|(_, css)| css.strip_suffix("</style>"))
    else {
        bail!("no style element after the page's policy");
    };
    // The same page with its style sheet apart, as builds before made it.
    site.put("bench-style.css", css.as_bytes())?;
    let apart = format!(
        "{}<link rel=\"stylesheet\" href=\"/bench-style.css\">{}",
        &plain[..at],
        &plain[end..]
    );
    let inline = plain;
    let variants = [
        ("(a) prerendered", prerendered),
        ("(b) client-rendered", client),
        ("(c) self-contained", inline),
        ("(d) static, styles apart", apart),
    ];

    let browser = Browser::start().await?;
    throttle(&browser.client, true).await?;
    // The first teaser's paint is watched from the document's start: a
    // built title the app replaces before the page's load event is
    // reported to no observer made later.
    browser
        .client
        .issue_cmd(Cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": r#"window.__firstTeaser = null;
                new PerformanceObserver((list) => {
                  for (const e of list.getEntries()) {
                    const at = e.renderTime || e.loadTime;
                    if (e.identifier === "teaser-title"
                        && (window.__firstTeaser === null || at < window.__firstTeaser)) {
                      window.__firstTeaser = at;
                    }
                  }
                }).observe({ type: "element", buffered: true });"# }),
        ))
        .await?;
    let mut figures: Vec<(Vec<f64>, Vec<f64>, Vec<f64>)> =
        vec![(Vec::new(), Vec::new(), Vec::new()); variants.len()];
    for run in 1..=runs {
        for (at, (name, html)) in variants.iter().enumerate() {
            site.put_page("index.html", html)?;
            forget_origin(&browser.client, &site.url("/")).await?;
            browser.client.goto(&site.url("/")).await?;
            let (teaser, lcp, handed) = eventually_within(
                Duration::from_secs(180),
                "the first teaser's paint",
                || async {
                    let value = browser
                        .client
                        .execute_async(
                            r#"const done = arguments[arguments.length - 1];
                               let teaser = null, lcp = null;
                               // Element and LCP entries reach observers only;
                               // buffered ones arrive in the first callback.
                               new PerformanceObserver((list) => {
                                 const times = list.getEntries()
                                   .filter((e) => e.identifier === "teaser-title")
                                   .map((e) => e.renderTime || e.loadTime);
                                 if (times.length) teaser = Math.min(...times);
                               }).observe({ type: "element", buffered: true });
                               new PerformanceObserver((list) => {
                                 const last = list.getEntries().pop();
                                 if (last) lcp = last.renderTime || last.startTime;
                               }).observe({ type: "largest-contentful-paint", buffered: true });
                               // The app's: the page as built handed over.
                               const mark = () => {
                                 const m = performance.getEntriesByName("broadsheet:take-over")[0];
                                 return m ? m.startTime : null;
                               };
                               setTimeout(() => {
                                 const seen = [teaser, window.__firstTeaser].filter((t) => t !== null);
                                 done(seen.length ? [Math.min(...seen), lcp, mark()] : null);
                               }, 1500);"#,
                            vec![],
                        )
                        .await?;
                    Ok(value.as_array().map(|seen| {
                        (
                            seen[0].as_f64().unwrap_or_default(),
                            seen[1].as_f64().unwrap_or_default(),
                            seen[2].as_f64(),
                        )
                    }))
                },
            )
            .await?;
            // Interactive: when the app took over from the page as built
            // (once its data is in); a client-rendered page is the app's
            // from its first teaser; a static page never is.
            let interactive = match (at, handed) {
                (0, Some(handed)) => handed,
                (0, None) => {
                    eventually_within(Duration::from_secs(180), "the take-over", || async {
                        let mark = browser
                            .client
                            .execute(
                                r#"const m = performance.getEntriesByName("broadsheet:take-over")[0];
                                   return m ? m.startTime : null;"#,
                                vec![],
                            )
                            .await?;
                        Ok(mark.as_f64())
                    })
                    .await?
                }
                (1, _) => teaser,
                _ => f64::NAN,
            };
            println!(
                "run {run} {name}: first teaser {teaser:.0} ms, LCP {lcp:.0} ms, interactive {interactive:.0} ms"
            );
            figures[at].0.push(teaser);
            figures[at].1.push(lcp);
            figures[at].2.push(interactive);
        }
    }
    browser.stop().await;
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let medians: Vec<(f64, f64, f64)> = figures
        .iter_mut()
        .map(|(teaser, lcp, interactive)| (median(teaser), median(lcp), median(interactive)))
        .collect();
    let (plain_teaser, plain_lcp, _) = medians[2];
    println!(
        "{articles} articles, {runs} cold loads each, throttled (4x CPU, 150 ms RTT, 1.6 Mbps):"
    );
    for ((name, _), (teaser, lcp, interactive)) in variants.iter().zip(&medians) {
        let interactive = if interactive.is_nan() {
            "-".to_owned()
        } else {
            format!("{interactive:.0} ms")
        };
        println!(
            "  {name:<22} first teaser {teaser:>6.0} ms ({:.2}x)   LCP {lcp:>6.0} ms ({:.2}x)   interactive {interactive}",
            teaser / plain_teaser,
            lcp / plain_lcp
        );
    }
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
