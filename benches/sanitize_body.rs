//! Time to sanitise and insert a 50 KB article body, in headless Chromium
//! against nginx serving the release build. Run by `make bench`; it prints
//! figures and asserts nothing about them.
//!
//! The app marks the work itself: `ArticleBody` wraps parsing, the
//! allowlist copy and insertion in a `broadsheet:sanitize` performance
//! measure, which this reads after each load of the article.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

/// About 50 KB of the HTML an API might send: paragraphs with links and
/// emphasis, headings, quotes, lists, a table and figures, with the
/// hostile odds and ends the sanitiser has to strip.
#[cfg(not(target_arch = "wasm32"))]
fn body_html(bytes: usize) -> String {
    let mut html = String::new();
    let mut section = 0;
    while html.len() < bytes {
        section += 1;
        html.push_str(&format!(
            "<h2>Section {section}</h2>\
             <p>Workers in the <a href=\"https://example.org/report/{section}\">regional report</a> \
             describe <em>rising prices</em> and <strong>falling wages</strong>; the strike \
             committee met on the <abbr title=\"twelfth\">12th</abbr> to plan the next steps.</p>\
             <p onclick=\"window.__pwned = 1\">A paragraph whose handler must go, with \
             <a href=\"javascript:window.__pwned = 2\">a link that must lose its href</a>.</p>\
             <blockquote><p>“We will not go back,” said a delegate.</p><cite>A delegate</cite></blockquote>\
             <ul><li>Demand one</li><li>Demand two</li><li>Demand three</li></ul>\
             <figure><img src=\"https://example.org/{section}.jpg\" alt=\"The march\" width=\"640\" height=\"360\">\
             <figcaption>The march on day {section}.</figcaption></figure>\
             <table><tr><th>Year</th><th>Inflation</th></tr><tr><td>2021</td><td>4%</td></tr></table>\
             <script>window.__pwned = 3</script><style>body {{ display: none }}</style>"
        ));
    }
    html
}

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use anyhow::Context;
    use support::{env_number, eventually, Browser, Site};

    let size = env_number("BENCH_BODY_BYTES", 50 * 1024);
    let runs = env_number("BENCH_RUNS", 9);
    let slug = "explosive-protests-rock-peru";
    let site = Site::start()?;
    let file = format!("data/articles/{slug}.json");
    let mut article: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.dist_file(&file))?)?;
    let body = body_html(size);
    article["article"]["body_html"] = serde_json::Value::String(body.clone());
    site.put(&file, &serde_json::to_vec(&article)?)?;
    let browser = Browser::start().await?;
    let mut times = Vec::new();
    for _ in 0..runs {
        browser
            .client
            .goto(&site.url(&format!("/articles/{slug}")))
            .await?;
        let report = eventually("the sanitise measure", || async {
            let report = browser
                .client
                .execute(
                    "const m = performance.getEntriesByName('broadsheet:sanitize'); \
                     return m.length ? [m[0].duration, document.querySelectorAll('[data-article-body] *').length, window.__pwned ?? null] : null",
                    vec![],
                )
                .await?;
            Ok((!report.is_null()).then_some(report))
        })
        .await?;
        let duration = report[0].as_f64().context("no duration")?;
        anyhow::ensure!(report[2].is_null(), "a payload ran: {report}");
        println!(
            "sanitised and inserted {:.1} KB into {} elements in {duration:.1} ms",
            body.len() as f64 / 1024.0,
            report[1]
        );
        times.push(duration);
    }
    browser.stop().await;
    times.sort_by(f64::total_cmp);
    println!(
        "sanitise a {:.0} KB body, {runs} loads: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        body.len() as f64 / 1024.0,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
