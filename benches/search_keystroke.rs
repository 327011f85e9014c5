//! Time from a keystroke in the search box to the updated grid painted,
//! in headless Chromium against nginx serving the release build with a
//! synthetic archive (10,000 articles unless `BENCH_ARTICLES` says
//! otherwise), read whole from `index.json` and from its compiled static
//! index, side by side. Run by `make bench`; it prints figures and asserts
//! nothing about them.
//!
//! Beside them, in the same run and browser, the reference: a plain
//! script (`scan/scan.js`) that scans every teaser of `index.json` on
//! each key and renders the first 12 matches with the app's card markup
//! and style sheet.
//!
//! Each key is a real key press sent through WebDriver, one at a time.
//! In the page, the key's own event timestamp starts the clock, and the
//! clock stops in a task queued from the first frame callback after the
//! page's first change that follows the key (the same task as the key
//! when the answer is at hand; later when files must load), that is once
//! the frame that shows the new results has been produced.
//! `BENCH_TIMELINE=1` prints each key's time and the box's text.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    use broadsheet_core::parse_index;
    use broadsheet_core::synthetic::generate;
    use support::{env_number, Browser, Site};

    let articles = env_number("BENCH_ARTICLES", 10_000);
    let site = Site::start()?;
    let archive = generate(articles, 1);
    site.serve_synthetic(&archive.index, "")?;
    // Words a reader might look for: title words and family names.
    let index = parse_index(archive.index.as_bytes(), "index.json")?;
    let words = words_of(&index);
    let catalog = broadsheet_core::Catalog::new(index);
    // The reference: a plain script scanning every teaser on each key.
    // The app's styles as its pages carry them: inline, with the page's
    // policy allowing them.
    let page = std::fs::read_to_string(site.served("index.html"))?;
    let style = page
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .and_then(|at| {
            let end = page[at..].find("</style>")? + at + "</style>".len();
            Some(&page[at..end])
        })
        .ok_or_else(|| anyhow::anyhow!("no inline styles in the build's index.html"))?;
    site.put("scan.js", include_str!("scan/scan.js").as_bytes())?;
    site.put(
        "scan.html",
        format!(
            r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plain-script scan</title>
{style}
<script src="scan.js" defer></script>
</head>
<body>
<main>
<input id="filter-q" type="search" aria-label="Search" autocomplete="off">
<p class="status" role="status" data-status=""></p>
<div class="teaser-grid" data-teaser-list=""></div>
</main>
</body>
</html>
"#
        )
        .as_bytes(),
    )?;
    let browser = Browser::start().await?;
    for mode in ["plain-script scan", "whole index.json", "compiled index"] {
        let page = if mode == "plain-script scan" {
            "/scan.html"
        } else {
            "/"
        };
        if mode == "compiled index" {
            site.serve_compiled("compiled/", &archive, &catalog, 0)?;
        } else if articles > 20_000 && mode == "whole index.json" {
            // A whole index of that size is tens of megabytes.
            println!("search keystroke, {articles} articles, {mode}: not measured");
            continue;
        }
        let (times, keys) = keystrokes(&browser, &site.url(page), &words).await?;
        if times.is_empty() {
            anyhow::bail!("no keystroke was measured");
        }
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "search keystroke to paint, {articles} articles, {mode}, {} of {keys} keys measured: \
             median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            times.len(),
            at(0.5),
            at(0.95),
            times[times.len() - 1]
        );
    }
    let floor = floor(&browser).await?;
    browser.stop().await;
    if !floor.is_empty() {
        println!(
            "  floor (a script-made text change to its frame): median {:.1} ms, max {:.1} ms",
            floor[floor.len() / 2],
            floor[floor.len() - 1]
        );
    }
    Ok(())
}

/// Words a reader might look for: title words and family names.
#[cfg(not(target_arch = "wasm32"))]
fn words_of(index: &broadsheet_core::Index) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for teaser in index.teasers.iter().step_by(97) {
        if let Some(word) = teaser.title.split(' ').find(|w| w.chars().count() >= 5) {
            words.push(broadsheet_core::search::fold(word).trim().to_owned());
        }
        if let Some(family) = teaser.authors[0].name.split(' ').nth(1) {
            words.push(family.to_owned());
        }
        if words.len() >= 16 {
            break;
        }
    }
    words
}

/// Types every word into the search box of a fresh page at `url`, a key at
/// a time, and returns each key's time to the painted answer (sorted) and
/// how many keys were pressed.
#[cfg(not(target_arch = "wasm32"))]
async fn keystrokes(
    browser: &support::Browser,
    url: &str,
    words: &[String],
) -> anyhow::Result<(Vec<f64>, usize)> {
    use std::time::Duration;

    use fantoccini::Locator;

    browser.client.goto(url).await?;
    browser.wait_for_grid(Duration::from_secs(120)).await?;
    // The app's own view: a page as built is handed over or set aside
    // (boot.js) once the app has its data, and the keys are for the app.
    support::eventually_within(Duration::from_secs(120), "the app's view", || async {
        let ready = browser
            .client
            .execute(
                r#"return !document.querySelector("[data-prerendered-view]")
                     && !!document.getElementById("filter-q")
                     && !!document.querySelector("main [data-teaser]");"#,
                vec![],
            )
            .await?;
        Ok(ready.as_bool().unwrap_or(false).then_some(()))
    })
    .await?;
    browser
        .client
        .execute(
            r#"window.__times = [];
               const box = document.getElementById("filter-q");
               // Registered before the app sees the key. The page's first
               // change after it (in the key's own task when the answer is
               // at hand) is the answer; the task queued from the next
               // frame callback runs once that frame is done.
               box.addEventListener("keydown", e => {
                 if (e.key.length !== 1) return;
                 const start = e.timeStamp;
                 const main = document.querySelector("main");
                 let handled = 0;
                 document.addEventListener("input", () => {
                   handled = performance.now() - start;
                 }, { once: true });
                 const seen = new MutationObserver(() => {
                   seen.disconnect();
                   const changed = performance.now() - start;
                   requestAnimationFrame(() => {
                     const frame = performance.now() - start;
                     // With BENCH_TIMELINE, the frame's style and layout
                     // done here, to time them (they are done once either way).
                     const layout = window.__layout ? (() => {
                       const before = performance.now();
                       void document.body.offsetHeight;
                       return performance.now() - before;
                     })() : NaN;
                     setTimeout(() => {
                       window.__times.push([performance.now() - start, box.value,
                         handled, changed, frame, layout]);
                     });
                   });
                 });
                 seen.observe(main, { subtree: true, childList: true, characterData: true });
               }, true);"#,
            vec![],
        )
        .await?;
    if std::env::var_os("BENCH_TIMELINE").is_some() {
        // What the keys changed in the page, counted by kind.
        browser
            .client
            .execute(
                r#"window.__layout = true;
                   window.__changes = {};
                   new MutationObserver((records) => {
                     for (const r of records) {
                       const what = r.type === "attributes"
                         ? `${r.target.localName}[${r.attributeName}]`
                         : r.type === "childList"
                           ? `${r.target.localName} children +${r.addedNodes.length} -${r.removedNodes.length}`
                           : `text in ${r.target.parentNode ? r.target.parentNode.localName : "?"}`;
                       window.__changes[what] = (window.__changes[what] || 0) + 1;
                     }
                   }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });"#,
                vec![],
            )
            .await?;
    }
    let field = browser.client.find(Locator::Id("filter-q")).await?;
    let profiling = std::env::var_os("BENCH_PROFILE").is_some();
    if profiling {
        profile(browser, true).await?;
    }
    let measured = || async {
        anyhow::Ok(
            browser
                .client
                .execute("return window.__times.length", vec![])
                .await?
                .as_u64()
                .unwrap_or(0),
        )
    };
    let mut keys = 0;
    for word in words {
        field.clear().await?;
        for key in word.chars() {
            let before = measured().await?;
            field.send_keys(&key.to_string()).await?;
            keys += 1;
            // Wait for this key's measurement (or give up on a key that
            // changed nothing on the page).
            let _ =
                support::eventually_within(Duration::from_secs(5), "the key's paint", || async {
                    Ok((measured().await? > before).then_some(()))
                })
                .await;
        }
    }
    if profiling {
        profile(browser, false).await?;
    }
    let value = browser
        .client
        .execute("return window.__times", vec![])
        .await?;
    let timed: Vec<(f64, String)> = value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| Some((t[0].as_f64()?, t[1].as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    // BENCH_TIMELINE=1: each key's time, with what the box then held, and
    // when (from the key) the input's handlers were done, the page first
    // changed and the frame showing it began.
    if std::env::var_os("BENCH_TIMELINE").is_some() {
        let elements = browser
            .client
            .execute(
                "return [document.getElementsByTagName('*').length, \
                 [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)]",
                vec![],
            )
            .await?;
        println!(
            "  the page: {} elements, {} style rules",
            elements[0], elements[1]
        );
        let changes = browser
            .client
            .execute(
                "return Object.entries(window.__changes).sort((a, b) => b[1] - a[1]).slice(0, 25)",
                vec![],
            )
            .await?;
        println!("  the page's changes over all keys, by kind:");
        for change in changes.as_array().into_iter().flatten() {
            println!("    {:>6}  {}", change[1], change[0].as_str().unwrap_or(""));
        }
        let rows = value.as_array().cloned().unwrap_or_default();
        for row in rows {
            let at = |i: usize| row[i].as_f64().unwrap_or(f64::NAN);
            println!(
                "  {:>6.1} ms  {:<16} handled {:>5.1}  changed {:>5.1}  frame {:>5.1}  style and layout {:>5.1}",
                at(0),
                format!("{:?}", row[1].as_str().unwrap_or("")),
                at(2),
                at(3),
                at(4),
                at(5)
            );
        }
    }
    // Where a key's time goes: the app's work (to the end of the input's
    // handlers) and the frame's rendering (from its callback to the task
    // after it); the rest is waiting for the frame.
    let rows = value.as_array().cloned().unwrap_or_default();
    let part = |from: usize, to: Option<usize>| {
        let mut part: Vec<f64> = rows
            .iter()
            .filter_map(|row| {
                let end = row[from].as_f64()?;
                Some(match to {
                    Some(to) => end - row[to].as_f64()?,
                    None => end,
                })
            })
            .collect();
        part.sort_by(f64::total_cmp);
        let at = |q: f64| part[((part.len() - 1) as f64 * q).round() as usize];
        if part.is_empty() {
            "-".to_owned()
        } else {
            format!("median {:.1} ms, p95 {:.1} ms", at(0.5), at(0.95))
        }
    };
    println!(
        "  per key: the app's work {}; the frame's rendering {}",
        part(2, None),
        part(0, Some(4))
    );
    let mut times: Vec<f64> = timed.into_iter().map(|(time, _)| time).collect();
    times.sort_by(f64::total_cmp);
    Ok((times, keys))
}

/// `BENCH_PROFILE=1`: Chromium's sampling profiler over the keys typed
/// (started with `on`; stopped without, printing where the time went:
/// the engine's own work, garbage collection, the wasm, and the
/// busiest script functions, by self time).
#[cfg(not(target_arch = "wasm32"))]
async fn profile(browser: &support::Browser, on: bool) -> anyhow::Result<()> {
    use support::cdp::Cdp;
    let client = &browser.client;
    if on {
        client
            .issue_cmd(Cdp("Profiler.enable", serde_json::json!({})))
            .await?;
        client
            .issue_cmd(Cdp(
                "Profiler.setSamplingInterval",
                serde_json::json!({ "interval": 100 }),
            ))
            .await?;
        client
            .issue_cmd(Cdp("Profiler.start", serde_json::json!({})))
            .await?;
        return Ok(());
    }
    let stopped = client
        .issue_cmd(Cdp("Profiler.stop", serde_json::json!({})))
        .await?;
    let profile = &stopped["profile"];
    let nodes = profile["nodes"].as_array().cloned().unwrap_or_default();
    let (samples, deltas) = (
        profile["samples"].as_array().cloned().unwrap_or_default(),
        profile["timeDeltas"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let mut by_node = std::collections::HashMap::<u64, f64>::new();
    // A sample's time is the gap to the next one.
    for (at, sample) in samples.iter().enumerate() {
        let gap = deltas.get(at + 1).and_then(|d| d.as_f64()).unwrap_or(0.0) / 1000.0;
        *by_node.entry(sample.as_u64().unwrap_or(0)).or_default() += gap;
    }
    let mut by_name = std::collections::HashMap::<String, f64>::new();
    for node in &nodes {
        let ms = by_node
            .get(&node["id"].as_u64().unwrap_or(0))
            .copied()
            .unwrap_or(0.0);
        let frame = &node["callFrame"];
        let name = frame["functionName"].as_str().unwrap_or("");
        let url = frame["url"].as_str().unwrap_or("");
        let key = if url.contains("wasm") || name.starts_with('$') {
            format!("{name} (wasm)")
        } else if url.is_empty() {
            name.to_owned()
        } else {
            format!("{name} {}", url.rsplit('/').next().unwrap_or(url))
        };
        *by_name.entry(key).or_default() += ms;
    }
    let mut busiest: Vec<(String, f64)> = by_name.into_iter().collect();
    busiest.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("  profile (self time, ms):");
    let wasm: f64 = busiest
        .iter()
        .filter(|(name, _)| name.ends_with("(wasm)"))
        .map(|(_, ms)| ms)
        .sum();
    println!("    {wasm:>8.1}  all the wasm's functions");
    for (name, ms) in busiest.iter().take(40) {
        println!("    {ms:>8.1}  {name}");
    }
    Ok(())
}

/// The floor: the same clock around a one-character change to the page
/// made by script, no app code involved (sorted).
#[cfg(not(target_arch = "wasm32"))]
async fn floor(browser: &support::Browser) -> anyhow::Result<Vec<f64>> {
    let floor = browser
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const status = document.querySelector("[data-status]");
               const text = status.textContent;
               const times = [];
               const step = () => {
                 if (times.length === 30) { status.textContent = text; done(times); return; }
                 const start = performance.now();
                 status.textContent = text + (times.length % 2 ? "" : " ");
                 requestAnimationFrame(() => setTimeout(() => {
                   times.push(performance.now() - start);
                   step();
                 }));
               };
               step();"#,
            vec![],
        )
        .await?;
    let mut floor: Vec<f64> = floor
        .as_array()
        .map(|a| a.iter().filter_map(|t| t.as_f64()).collect())
        .unwrap_or_default();
    floor.sort_by(f64::total_cmp);
    Ok(floor)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
