//! The hostile fixture's article (`tests/fixtures/hostile`: twenty
//! payloads, each of which would set `window.__pwned`) as a reader must
//! see it, whatever source served it: its text, and nothing of it run.

use anyhow::ensure;
use fantoccini::Locator;

use super::{eventually, Browser, Site};

/// How much of the fixture's markup reaches the sanitiser as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// As the fixture has it (a bundle): every safe part shows.
    AsWritten,
    /// Through WordPress's own formatting (wpautop, wptexturize), which
    /// turns some payloads' quotes typographic and so lets a broken
    /// attribute or frame swallow what follows it, as it would in any
    /// browser: the first safe paragraph shows, and any link left is the
    /// safe one.
    Reformatted,
}

/// The hostile article's path in the app.
const PATH: &str = "/articles/hostile-payloads";

/// Opens the hostile article (from whatever source `config.json` names)
/// and checks it: its safe text shows; no script, handler,
/// style, frame, form or foreign markup reached the page; only the safe
/// link kept its `href` (with `rel="noopener noreferrer"`); the page's
/// heading, visibility and base URL are untouched; and nothing the policy
/// refused but what Chromium reports while parsing the body into the
/// sanitiser's inert template.
pub async fn hostile_body_shows_its_text_and_runs_nothing(
    site: &Site,
    browser: &Browser,
    served: Served,
) -> anyhow::Result<()> {
    // The fixture's broken image, whose onerror handler must not run.
    site.expect_missing("/missing.png");
    browser.open(&site.url(PATH)).await?;
    let last = match served {
        Served::AsWritten => "The last safe paragraph.",
        Served::Reformatted => "This paragraph is safe and must show.",
    };
    browser.wait_for_heading("Hostile Payloads").await?;
    let body = eventually("the body", || async {
        let text = browser.text("[data-article-body]").await?;
        if text.contains(last) {
            Ok(Some(text))
        } else {
            Err(anyhow::anyhow!("the body reads {text:?}"))
        }
    })
    .await?;
    ensure!(
        body.contains("This paragraph is safe and must show."),
        "body {body:?}"
    );
    // Every image has settled (loaded or failed), so any handler that
    // could have run, has.
    eventually("the body's images to settle", || async {
        let settled = browser
            .client
            .execute(
                "return document.readyState === 'complete' && [...document.querySelectorAll('[data-article-body] img')].every(i => i.complete)",
                vec![],
            )
            .await?;
        Ok((settled.as_bool() == Some(true)).then_some(()))
    })
    .await?;
    // The javascript: link is plain text now; following it does nothing.
    let links = browser
        .client
        .find_all(Locator::XPath(
            "//*[@data-article-body]//a[normalize-space()='A javascript: link']",
        ))
        .await?;
    ensure!(
        !links.is_empty() || served == Served::Reformatted,
        "the javascript: link's text is missing"
    );
    for link in links {
        ensure!(
            link.attr("href").await?.is_none(),
            "the javascript: link kept its href"
        );
        link.click().await?;
    }
    let report = browser
        .client
        .execute(
            r#"const body = document.querySelector("[data-article-body]");
               const all = [...body.querySelectorAll("*")];
               return {
                 pwned: window.__pwned === undefined ? null : String(window.__pwned),
                 banned: all.filter(e => ["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "FORM", "INPUT", "BUTTON", "META", "BASE", "svg", "math", "NOSCRIPT", "TEMPLATE"].includes(e.tagName)).map(e => e.tagName),
                 handlers: all.flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith("on") || n === "style" || n === "srcdoc"),
                 hrefs: all.filter(e => e.hasAttribute("href")).map(e => e.getAttribute("href")),
                 external_rel: body.querySelector("a[href='https://example.org/report']")?.getAttribute("rel") ?? null,
                 h1s: document.querySelectorAll("h1").length,
                 body_visible: getComputedStyle(document.body).display !== "none",
                 base_changed: document.querySelectorAll("base").length !== 1 || document.baseURI !== location.origin + "/",
                 path: location.pathname,
               };"#,
            vec![],
        )
        .await?;
    ensure!(report["pwned"].is_null(), "a payload ran: {report}");
    ensure!(
        report["banned"].as_array().is_some_and(|a| a.is_empty()),
        "{report}"
    );
    ensure!(
        report["handlers"].as_array().is_some_and(|a| a.is_empty()),
        "{report}"
    );
    let safe = serde_json::json!(["https://example.org/report"]);
    match served {
        Served::AsWritten => {
            ensure!(report["hrefs"] == safe, "links {report}");
            ensure!(report["external_rel"] == "noopener noreferrer", "{report}");
        }
        Served::Reformatted => ensure!(
            report["hrefs"] == safe || report["hrefs"] == serde_json::json!([]),
            "links {report}"
        ),
    }
    ensure!(report["h1s"] == 1, "{report}");
    ensure!(report["body_visible"] == true, "{report}");
    ensure!(report["base_changed"] == false, "{report}");
    ensure!(report["path"] == PATH, "{report}");
    // Chromium checks the body's inline handlers and style attributes
    // against the policy while parsing it into the sanitiser's inert
    // template: refused and reported, though none of them reach the
    // page. Nothing else may be refused.
    site.expect_violation("script-src-attr");
    site.expect_violation("style-src-attr");
    let console = browser.console_errors().await?;
    ensure!(
        console.iter().all(|m| m.contains("Content Security Policy")
            && (m.contains("inline event handler") || m.contains("inline style"))),
        "{console:?}"
    );
    Ok(())
}
