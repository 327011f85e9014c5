//! A reader lands on `/` and types a word: the time from the navigation's
//! start to the search's answer on screen (the status line showing the
//! catalog's count for it), cold, under mobile throttling (4× CPU, 150 ms
//! round trip, 1.6 Mbps down, no cache), in headless Chromium against
//! nginx, for a synthetic archive built as a publisher builds it
//! (`cargo xtask generate`, then `prerender`, which compiles the static
//! index). 10,000 articles unless `BENCH_ARTICLES` says otherwise; the
//! word is `BENCH_WORD` (default `peru`). Also prints the data the first
//! view and the search transferred. Run by `make bench`; asserts nothing
//! about the figures. For a million articles: `BENCH_BUNDLE` serves a
//! bundle generated before (`cargo xtask generate`) instead of writing
//! one, `BENCH_PRERENDER_ARTICLES=N` builds only the newest N articles'
//! pages, and `BENCH_NO_PAGEFIND=1` leaves Pagefind out (it indexes the
//! built article pages).
//!
//! The word is typed into the search box once WebDriver has the page
//! (its load event) and the box is on screen (the box is in the page as
//! built; the app keeps what was typed when it takes over). Also printed:
//! the time from the first key's `input` event to the answer, what the
//! reader waits once typing, whatever the harness costs before.
//!
//! Beside it, in the same run and browser: Pagefind (`scripts/tools.sh
//! bench` installs it) indexes the same articles' built pages, and a
//! search page of its own (`pf.html`: a search box and Pagefind's API
//! loaded at once, its first 12 results' titles listed) and a page with
//! its default UI are timed the same way, from the navigation's start to
//! the results for the word on screen.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use anyhow::bail;
    use broadsheet_core::count::showing;
    use broadsheet_core::{parse_index, Catalog, Query};
    use support::cdp::throttle;
    use support::{browser, env_number, Browser, Site};

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
    // The bundle's, when BENCH_BUNDLE names one.
    let articles = index.teasers.len();
    let catalog = Catalog::new(index);
    let query = Query {
        text: Some(word.clone()),
        ..Query::default()
    };
    let answer = catalog.run(&query);
    let expected = showing(answer.total, 1, query.per_page);

    // Pagefind over the same pages, when it is installed.
    let pagefind = pagefind_site(&site.served(""))?;

    let browser = Browser::start().await?;
    throttle(&browser.client, true).await?;
    let ours = Landing {
        url: site.url("/"),
        ready: "[data-teaser]",
        field: "input[type=search]",
        answered: r#"const status = document.querySelector("[data-status]");
                     return !!status && status.textContent === arguments[0];"#,
        expected: expected.clone(),
        data: "/data/",
    };
    let (times, waits) = lands_and_types(&browser, &ours, &word, runs).await?;
    let median = |times: &[f64]| times[times.len() / 2];
    println!(
        "lands and types \"{word}\", {articles} articles ({}), throttled, {runs} cold loads: median {:.0} ms, min {:.0} ms, max {:.0} ms; from the first key to the answer: median {:.0} ms",
        expected,
        median(&times),
        times[0],
        times[times.len() - 1],
        median(&waits)
    );
    match pagefind {
        None => println!("Pagefind: not installed (scripts/tools.sh bench), not measured"),
        Some(indexing) => {
            let theirs = Landing {
                url: site.url("/pf.html"),
                ready: "#q",
                field: "#q",
                answered: r#"const list = document.getElementById("results");
                             return list.dataset.query === arguments[0]
                                 && list.children.length > 0;"#,
                expected: word.clone(),
                data: "/pagefind/",
            };
            let ui = Landing {
                url: site.url("/pf-ui.html"),
                ready: ".pagefind-ui__search-input",
                field: ".pagefind-ui__search-input",
                answered: r#"const message = document.querySelector(".pagefind-ui__message");
                             return document.querySelectorAll(".pagefind-ui__result").length > 0
                                 && !!message && message.textContent.includes(arguments[0]);"#,
                expected: word.clone(),
                data: "/pagefind/",
            };
            println!(
                "Pagefind {}: the same articles' pages indexed in {:.1} s",
                indexing.0, indexing.1
            );
            for (name, page) in [("its API, 12 titles", theirs), ("its default UI", ui)] {
                let (pf, pf_waits) = lands_and_types(&browser, &page, &word, runs).await?;
                println!(
                    "Pagefind ({name}), lands and types \"{word}\", throttled, {runs} cold loads: median {:.0} ms, min {:.0} ms, max {:.0} ms; broadsheet / Pagefind = {:.2}; from the first key to the answer: median {:.0} ms, broadsheet / Pagefind = {:.2}",
                    median(&pf),
                    pf[0],
                    pf[pf.len() - 1],
                    median(&times) / median(&pf),
                    median(&pf_waits),
                    median(&waits) / median(&pf_waits)
                );
            }
        }
    }
    browser.stop().await;
    Ok(())
}

/// A search page to time: where it is, what shows it is ready, its search
/// box, a script saying whether the answer `expected` is on screen, and
/// the path its data comes from.
#[cfg(not(target_arch = "wasm32"))]
struct Landing {
    url: String,
    ready: &'static str,
    field: &'static str,
    answered: &'static str,
    expected: String,
    data: &'static str,
}

/// Lands on the page `runs` times cold, types `word` as soon as it is
/// ready, and returns each run's time from the navigation's start to the
/// answer on screen, and from the first key's `input` event to the answer
/// (what the reader waits once typing), each sorted; prints each run with
/// the data it transferred.
#[cfg(not(target_arch = "wasm32"))]
async fn lands_and_types(
    browser: &support::Browser,
    page: &Landing,
    word: &str,
    runs: usize,
) -> anyhow::Result<(Vec<f64>, Vec<f64>)> {
    use std::time::Duration;

    use fantoccini::Locator;
    use support::cdp::forget_origin;
    use support::eventually_within;

    let mut times = Vec::new();
    let mut waits = Vec::new();
    for run in 1..=runs {
        forget_origin(&browser.client, &page.url).await?;
        browser.client.goto(&page.url).await?;
        // One script waits in the page for it to be ready and its search
        // box on screen (on a prerendered page the built view's until the
        // app takes over, then the app's: the two may be in the page at
        // once, one hidden), marks the box and starts watching for the
        // answer; then the box is typed into. Waiting in the page rather
        // than by polling through WebDriver, whose every command under the
        // throttled CPU costs tens of milliseconds, types when a reader
        // could. The timeline shows the marks.
        let watch = format!(
            r#"const [ready, field, expected, done] = arguments;
               performance.mark("webdriver: page loaded");
               const answered = () => {{ {} }};
               if (window.__answered === undefined) {{
                 window.__answered = null;
                 const check = () => {{
                   if (window.__answered === null && answered.call(null, expected)) {{
                     window.__answered = performance.now();
                   }}
                 }};
                 document.addEventListener("input", () => performance.mark("keystroke"), true);
                 new MutationObserver(check).observe(document, {{
                   subtree: true, childList: true, characterData: true, attributes: true }});
               }}
               (function wait() {{
                 const box = document.querySelector(ready)
                   && [...document.querySelectorAll(field)].find((f) => f.getClientRects().length > 0);
                 if (!box) {{
                   setTimeout(wait, 10);
                   return;
                 }}
                 document.querySelectorAll("[data-bench-field]").forEach((f) => f.removeAttribute("data-bench-field"));
                 box.setAttribute("data-bench-field", "");
                 performance.mark("webdriver: ready");
                 done(true);
               }})();"#,
            page.answered.replace("arguments[0]", "expected")
        );
        eventually_within(
            Duration::from_secs(120),
            "a search box to type into",
            || async {
                browser
                    .client
                    .execute_async(
                        &watch,
                        vec![
                            page.ready.into(),
                            page.field.into(),
                            page.expected.clone().into(),
                        ],
                    )
                    .await?;
                browser
                    .client
                    .find(Locator::Css("[data-bench-field]"))
                    .await?
                    .send_keys(word)
                    .await?;
                Ok(Some(()))
            },
        )
        .await?;
        let answered = eventually_within(Duration::from_secs(240), "the answer", || async {
            Ok(browser
                .client
                .execute("return window.__answered", vec![])
                .await?
                .as_f64())
        })
        .await?;
        let typed = browser
            .client
            .execute(
                r#"const keys = performance.getEntriesByName("keystroke");
                   return keys.length ? keys[0].startTime : null;"#,
                vec![],
            )
            .await?
            .as_f64()
            .ok_or_else(|| anyhow::anyhow!("no input event was seen on {}", page.url))?;
        let data = browser
            .client
            .execute(
                r#"const files = performance.getEntriesByType("resource")
                     .filter((e) => new URL(e.name).pathname.includes(arguments[0]));
                   return [files.length,
                           files.reduce((sum, e) => sum + (e.transferSize || 0), 0)];"#,
                vec![page.data.into()],
            )
            .await?;
        let (files, bytes) = (
            data[0].as_u64().unwrap_or_default(),
            data[1].as_f64().unwrap_or_default(),
        );
        if std::env::var_os("BENCH_TIMELINE").is_some() {
            let lines = browser
                .client
                .execute(
                    r#"return performance.getEntriesByType("resource")
                         .concat(performance.getEntriesByType("navigation"))
                         .concat(performance.getEntriesByType("mark"))
                         .concat(performance.getEntriesByType("paint"))
                         .map((e) => `${e.startTime.toFixed(0)}-${((e.responseEnd || e.startTime)).toFixed(0)} ${e.name.replace(location.origin, "")} ${e.transferSize || ""}${e.loadEventEnd ? ` (DOMContentLoaded ${e.domContentLoadedEventEnd.toFixed(0)}, load ${e.loadEventEnd.toFixed(0)})` : ""}`);"#,
                    vec![],
                )
                .await?;
            for line in lines.as_array().into_iter().flatten() {
                println!("    {}", line.as_str().unwrap_or_default());
            }
            for said in browser.console_warnings_and_errors().await? {
                println!("    console: {said}");
            }
        }
        println!(
            "  {}: run {run}: \"{word}\" answered {answered:.0} ms after the navigation started, {:.0} ms after the first key ({files} files under {}, {:.1} KB transferred)",
            page.url,
            answered - typed,
            page.data,
            bytes / 1024.0
        );
        times.push(answered);
        waits.push(answered - typed);
    }
    times.sort_by(f64::total_cmp);
    waits.sort_by(f64::total_cmp);
    Ok((times, waits))
}

/// Indexes the built article pages under `root` with Pagefind and writes
/// its search pages beside them (`pf.html` and `pf.js`: its API, the
/// first 12 results' titles; `pf-ui.html`: its default UI); returns Pagefind's
/// version and the indexing time in seconds, or `None` when Pagefind is
/// not installed.
#[cfg(not(target_arch = "wasm32"))]
fn pagefind_site(root: &std::path::Path) -> anyhow::Result<Option<(String, f64)>> {
    use std::process::Command;

    if std::env::var_os("BENCH_NO_PAGEFIND").is_some() {
        return Ok(None);
    }
    let version = match Command::new("pagefind").arg("--version").output() {
        Ok(out) => String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    let started = std::time::Instant::now();
    let out = Command::new("pagefind")
        .arg("--site")
        .arg(root)
        .args(["--glob", "articles/**/index.html"])
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "pagefind failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seconds = started.elapsed().as_secs_f64();
    std::fs::write(
        root.join("pf.html"),
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search</title>
<script type="module" src="/pf.js"></script>
</head>
<body>
<label for="q">Search</label> <input id="q" type="search" autocomplete="off">
<ol id="results"></ol>
</body>
</html>
"#,
    )?;
    std::fs::write(
        root.join("pf.js"),
        r#"// Pagefind's API, loaded and started at once; each key lists the
// first 12 results' titles (a newer key wins).
const pagefind = import("/pagefind/pagefind.js").then(async (pf) => {
  await pf.init();
  return pf;
});
const box = document.getElementById("q");
const list = document.getElementById("results");
box.addEventListener("input", async () => {
  const term = box.value;
  const pf = await pagefind;
  const search = await pf.search(term);
  if (box.value !== term || !search) return;
  const shown = await Promise.all(search.results.slice(0, 12).map((r) => r.data()));
  if (box.value !== term) return;
  list.replaceChildren(...shown.map((data) => {
    const item = document.createElement("li");
    item.textContent = data.meta.title;
    return item;
  }));
  list.dataset.query = term;
});
"#,
    )?;
    std::fs::write(
        root.join("pf-ui.html"),
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
<script src="/pf-ui.js" defer></script>
</head>
<body>
<div id="search"></div>
</body>
</html>
"#,
    )?;
    std::fs::write(
        root.join("pf-ui.js"),
        "new PagefindUI({ element: \"#search\", showSubResults: false, showImages: false });\n",
    )?;
    Ok(Some((version, seconds)))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
