//! wasm-bindgen-test in headless Chromium: the source layer over real HTTP
//! (the test runner's server serves the repository's files) and components
//! mounted into a real document.

#![cfg(target_arch = "wasm32")]

use broadsheet::components::article_body::ArticleBody;
use broadsheet::components::teaser_list::TeaserList;
use broadsheet::sanitize::sanitize_into;
use broadsheet::source::{fetch_index, LoadError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Mounts `view` into a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let container: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    document()
        .body()
        .expect("a body")
        .append_child(&container)
        .expect("appended");
    leptos::mount::mount_to(container.clone(), view).forget();
    container
}

#[wasm_bindgen_test]
async fn sample_index_loads_in_the_seed_order() {
    let index = fetch_index("public/data/").await.expect("the sample loads");
    let titles: Vec<_> = index.teasers.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Latin America: Second “Pink Tide”: What Way Forward?",
            "Peru: Mass Revolt Against Coup Continues",
            "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!",
            "Explosive Protests Rock Peru",
            "Peru: Mass Protests Bring Down Illegitimate Coup President",
        ]
    );
    assert!(index.teasers.iter().all(|t| t.excerpt.ends_with("[…]")));
    let dates: Vec<_> = index.teasers.iter().map(|t| t.date).collect();
    assert!(
        dates.windows(2).all(|pair| pair[0] > pair[1]),
        "newest first: {dates:?}"
    );
}

#[wasm_bindgen_test]
async fn a_missing_file_names_the_url_and_status() {
    let error = fetch_index("no/such/").await.expect_err("a 404");
    assert!(
        matches!(error, LoadError::Status { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "no/such/index.json: the server answered 404 Not Found"
    );
}

#[wasm_bindgen_test]
async fn a_bad_teaser_is_skipped_and_named() {
    let index = fetch_index("tests/fixtures/skipped/")
        .await
        .expect("the rest loads");
    let slugs: Vec<_> = index.teasers.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["fine"]);
    let skipped: Vec<_> = index.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            r#"tests/fixtures/skipped/index.json: teasers[1].date: expected an ISO 8601 date, got "yesterday""#
        ]
    );
}

#[wasm_bindgen_test]
async fn parts_listed_by_the_index_are_fetched() {
    let index = fetch_index("tests/fixtures/parts/")
        .await
        .expect("index and part load");
    let slugs: Vec<_> = index.teasers.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["newest", "older"]);
    let skipped: Vec<_> = index.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [r#"tests/fixtures/parts/more/part-2.json: teasers[1].slug: duplicate slug "newest""#]
    );
}

#[wasm_bindgen_test]
async fn a_file_that_is_not_json_says_so() {
    let error = fetch_index("tests/fixtures/not-json/")
        .await
        .expect_err("not JSON");
    assert!(
        error.to_string().starts_with(
            "tests/fixtures/not-json/index.json: not valid JSON (expected value at line 1"
        ),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    let error = fetch_index("http://127.0.0.1:9/")
        .await
        .expect_err("refused");
    assert!(matches!(error, LoadError::Network { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("http://127.0.0.1:9/index.json: the server could not be reached"),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn teasers_render_as_articles_with_links() {
    let index = fetch_index("public/data/").await.expect("the sample loads");
    let teasers = index.teasers.clone();
    let container = mount(move || view! { <TeaserList teasers=teasers /> });
    let articles = container
        .query_selector_all("article[data-teaser]")
        .expect("query");
    assert_eq!(articles.length(), 5);
    let first: web_sys::Element = articles.item(0).expect("first").unchecked_into();
    let slug = "latin-america-second-pink-tide-what-way-forward";
    assert_eq!(first.get_attribute("data-teaser").as_deref(), Some(slug));
    let more = first
        .query_selector("a[data-continue]")
        .expect("query")
        .expect("a link");
    assert_eq!(
        more.get_attribute("href"),
        Some(format!("/articles/{slug}"))
    );
    assert!(more
        .text_content()
        .unwrap_or_default()
        .starts_with("Continue Reading"));
    let byline = first
        .query_selector("[data-byline]")
        .expect("query")
        .expect("a byline");
    assert_eq!(
        byline.text_content().as_deref(),
        Some("Elan Axelbank is a member of Socialist Alternative (England, Wales & Scotland).")
    );
    container.remove();
}

/// The sanitised markup of `html`, as the page's document serialises it.
fn clean(html: &str) -> String {
    let holder = document().create_element("div").expect("a div");
    sanitize_into(html, &holder);
    holder.inner_html()
}

#[wasm_bindgen_test]
fn the_sanitiser_keeps_allowed_markup() {
    assert_eq!(
        clean(
            r#"<p>First <strong>bold</strong>, <em>em</em> and <a href="https://example.org/a">a link</a>.</p>"#
        ),
        r#"<p>First <strong>bold</strong>, <em>em</em> and <a href="https://example.org/a" rel="noopener noreferrer">a link</a>.</p>"#
    );
    assert_eq!(
        clean(
            r#"<blockquote cite="https://example.org/q"><p>Quote</p></blockquote><ul><li>One</li></ul>"#
        ),
        r#"<blockquote cite="https://example.org/q"><p>Quote</p></blockquote><ul><li>One</li></ul>"#
    );
    assert_eq!(
        clean(
            r#"<figure><img src="a.jpg" alt="A march" width="640" height="360"><figcaption>Lima</figcaption></figure>"#
        ),
        r#"<figure><img src="a.jpg" alt="A march" width="640" height="360" loading="lazy" decoding="async"><figcaption>Lima</figcaption></figure>"#
    );
    assert_eq!(
        clean(
            r#"<table><tr><th scope="col">Year</th></tr><tr><td colspan="2">2023</td></tr></table>"#
        ),
        r#"<table><tbody><tr><th scope="col">Year</th></tr><tr><td colspan="2">2023</td></tr></tbody></table>"#
    );
    // The page's headline is its only <h1>; relative links stay as they are.
    assert_eq!(
        clean(r#"<h1>Title</h1><p><a href="/articles/peru">Peru</a></p>"#),
        r#"<h2>Title</h2><p><a href="/articles/peru">Peru</a></p>"#
    );
}

#[wasm_bindgen_test]
fn the_sanitiser_drops_code_handlers_and_dangerous_urls() {
    let cases = [
        (
            r#"<script>window.__broadsheet_pwned = 1</script><p>Safe</p>"#,
            "<p>Safe</p>",
        ),
        (
            r#"<p onclick="window.__broadsheet_pwned = 1" style="color:red" class="x" id="main">Text</p>"#,
            "<p>Text</p>",
        ),
        (
            r#"<img src="x" onerror="window.__broadsheet_pwned = 2">"#,
            r#"<img src="x" loading="lazy" decoding="async">"#,
        ),
        (
            r#"<a href="javascript:window.__broadsheet_pwned = 3">Click</a>"#,
            "<a>Click</a>",
        ),
        (
            r#"<a href=" java&#x09;script:alert(1)">Tab</a>"#,
            "<a>Tab</a>",
        ),
        (
            r#"<a href="data:text/html,<script>alert(1)</script>">Data</a>"#,
            "<a>Data</a>",
        ),
        (r#"<a href="vbscript:msgbox(1)">VB</a>"#, "<a>VB</a>"),
        (r#"<img src="javascript:alert(1)" alt="x">"#, ""),
        (
            r#"<svg onload="alert(1)"><script>alert(1)</script><text>hi</text></svg><p>after</p>"#,
            "<p>after</p>",
        ),
        (
            r#"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#,
            "",
        ),
        (
            r#"<iframe srcdoc="<script>alert(1)</script>"></iframe><object data="x"></object><embed src="x">"#,
            "",
        ),
        (
            r#"<form action="https://evil.example"><input name="q"><button>Go</button></form>"#,
            "",
        ),
        (
            r#"<style>body { display: none }</style><link rel="stylesheet" href="x"><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">"#,
            "",
        ),
        // Parsed into the template, the <noscript> keeps its markup
        // together, and goes with all it holds.
        (
            r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>"#,
            "",
        ),
        (
            r#"<template><img src=x onerror=alert(1)></template><!-- comment --><p>ok</p>"#,
            "<p>ok</p>",
        ),
        (
            r#"<font color="red">unwrapped</font> <article><p>kept</p></article>"#,
            "unwrapped <p>kept</p>",
        ),
    ];
    for (html, expected) in cases {
        assert_eq!(clean(html), expected, "sanitising {html}");
    }
    let flag = js_sys::Reflect::get(
        &web_sys::window().expect("window"),
        &"__broadsheet_pwned".into(),
    )
    .expect("read");
    assert!(flag.is_undefined(), "a payload ran: {flag:?}");
}

#[wasm_bindgen_test]
async fn an_article_body_is_inserted_sanitised() {
    let html =
        r#"<p>First <strong>paragraph</strong>.</p><script>window.__broadsheet_pwned = 4</script>"#;
    let container = mount(move || {
        view! { <ArticleBody html=html.to_owned() language=Some("es".to_owned()) /> }
    });
    // The body goes in from an effect, after the first render.
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback(&resolve);
    });
    wasm_bindgen_futures::JsFuture::from(tick)
        .await
        .expect("a tick");
    let body = container
        .query_selector("[data-article-body]")
        .expect("query")
        .expect("the body");
    assert_eq!(
        body.inner_html(),
        "<p>First <strong>paragraph</strong>.</p>"
    );
    assert_eq!(body.get_attribute("lang").as_deref(), Some("es"));
    container.remove();
}

/// Bodies to sanitise both ways: real-world markup and hostile payloads
/// (tests/fixtures/sanitizer/corpus.json), the hostile fixture's article
/// and the sample's articles.
async fn corpus() -> Vec<String> {
    let text = |url: &'static str| async move {
        let bytes = broadsheet::source::get_bytes(url.to_owned(), None)
            .await
            .unwrap_or_else(|error| panic!("{url}: {error}"));
        String::from_utf8(bytes).expect("UTF-8")
    };
    let list = text("tests/fixtures/sanitizer/corpus.json").await;
    let mut bodies: Vec<String> = serde_json::from_str(&list).expect("a list of bodies");
    for file in [
        "tests/fixtures/hostile/articles/hostile-payloads.json",
        "public/data/articles/explosive-protests-rock-peru.json",
        "public/data/articles/latin-america-second-pink-tide-what-way-forward.json",
        "public/data/articles/peru-mass-revolt-against-coup-continues.json",
    ] {
        let article = broadsheet_core::parse_article(text(file).await.as_bytes(), file)
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        bodies.push(article.body_html);
    }
    bodies
}

#[wasm_bindgen_test]
async fn the_build_and_the_browser_sanitise_every_body_alike() {
    let bodies = corpus().await;
    assert!(bodies.len() > 90, "{} bodies", bodies.len());
    let mut differ = Vec::new();
    for body in &bodies {
        // In the browser: node by node into the page.
        let browser = document().create_element("div").expect("a div");
        sanitize_into(body, &browser);
        // At build time: HTML written into the built page, which the
        // browser parses as part of it.
        let built = document().create_element("div").expect("a div");
        built.set_inner_html(&broadsheet_core::sanitize::to_html(body));
        // Where a text node was split (around an unwrapped element) is
        // invisible: adjacent texts are merged on both sides.
        browser.normalize();
        built.normalize();
        if !browser.is_equal_node(Some(&built)) {
            differ.push(format!(
                "{body}\n  browser: {}\n  build:   {}",
                browser.inner_html(),
                built.inner_html()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} bodies differ:\n{}",
        differ.len(),
        bodies.len(),
        differ.join("\n")
    );
}

/// The browser's Unicode tables fold search text as the build's do: the
/// same cases, held to the same folds natively (`search::tests`).
#[wasm_bindgen_test]
fn the_browser_folds_every_script_as_the_build_does() {
    for (text, folded) in broadsheet_core::search::FOLD_CASES {
        assert_eq!(broadsheet_core::search::fold(text), *folded, "{text}");
    }
}
