//! End to end: prerendered pages (`cargo xtask prerender`). Their raw
//! HTML, fetched without JavaScript, holds each route's content and its
//! link-preview tags; in the browser the app takes over with no console
//! error, no layout shift (Chromium measures it) and the same markup,
//! title and head tags as the page as built; filters work after the take-over; a built
//! page that is not the view the address asks for, or was built from
//! other data, is set aside — against nginx serving the release build.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use anyhow::{anyhow, ensure, Context};
    use fantoccini::Locator;

    use crate::support::grid::wait_path;
    use crate::support::{eventually, Browser, Site};

    /// The seed listing's titles, in its order.
    const SEED: [&str; 5] = [
        "Latin America: Second “Pink Tide”: What Way Forward?",
        "Peru: Mass Revolt Against Coup Continues",
        "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!",
        "Explosive Protests Rock Peru",
        "Peru: Mass Protests Bring Down Illegitimate Coup President",
    ];
    const EXPLOSIVE: &str = SEED[3];

    /// The body of a plain HTTP GET, as a bot that runs no JavaScript
    /// reads it.
    fn raw(site: &Site, path: &str) -> anyhow::Result<String> {
        let host = site.origin.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let text = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .ok_or_else(|| anyhow!("no header end in the answer to {path}"))?;
        ensure!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
        Ok(body.to_owned())
    }

    /// `text` with the HTML escapes the pages use undone.
    fn unescape(text: &str) -> String {
        text.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    /// The texts of the `<h2 class="teaser__title" …><a …>…</a></h2>`
    /// teaser titles, in order (attributes in any order).
    fn teaser_titles(html: &str) -> Vec<String> {
        html.split("<h2 ")
            .skip(1)
            .filter_map(|rest| {
                let (tag, inside) = rest.split_once('>')?;
                if !tag.contains("class=\"teaser__title\"") {
                    return None;
                }
                let link = inside.split("<a ").nth(1)?;
                let text = link.split_once('>')?.1.split("</a>").next()?;
                Some(unescape(text))
            })
            .collect()
    }

    pub async fn every_route_s_raw_html_holds_its_content_and_preview_tags(
        site: &Site,
        _browser: &Browser,
    ) -> anyhow::Result<()> {
        let home = raw(site, "/")?;
        ensure!(
            teaser_titles(&home) == SEED,
            "/: {:?}",
            teaser_titles(&home)
        );
        ensure!(
            home.contains("<title>Latest articles — Broadsheet Sample</title>"),
            "/ has no title"
        );
        ensure!(
            home.matches("Continue Reading").count() == 5
                && home.contains("is a member of Socialist Alternative"),
            "/ lacks its bylines or links"
        );
        ensure!(
            home.contains("<meta property=\"og:url\" content=\"https://example.org/\""),
            "/ has no preview URL"
        );
        let category = raw(site, "/category/latin-america")?;
        ensure!(
            teaser_titles(&category) == SEED
                && category.contains("<h1 class=\"page-heading\">Latin America</h1>"),
            "the category archive: {:?}",
            teaser_titles(&category)
        );
        let tag = raw(site, "/tag/coup")?;
        ensure!(
            tag.contains("<h1 class=\"page-heading\">Coup</h1>") && !teaser_titles(&tag).is_empty(),
            "the tag archive"
        );
        let author = raw(site, "/author/elan-axelbank")?;
        ensure!(
            teaser_titles(&author) == [SEED[0]],
            "the author archive: {:?}",
            teaser_titles(&author)
        );
        let article = raw(site, "/articles/explosive-protests-rock-peru")?;
        for expected in [
            "<title>Explosive Protests Rock Peru — Broadsheet Sample</title>",
            "<h1 class=\"article__title\">Explosive Protests Rock Peru</h1>",
            "<meta property=\"og:title\" content=\"Explosive Protests Rock Peru\"",
            "<meta property=\"og:type\" content=\"article\"",
            "<meta property=\"og:url\" content=\"https://example.org/articles/explosive-protests-rock-peru\"",
            "<link rel=\"canonical\" href=\"https://example.org/articles/explosive-protests-rock-peru\"",
            "<meta property=\"article:published_time\" content=\"2022-04-12\"",
            "<meta name=\"twitter:card\"",
            "data-term=\"tag\"",
            "data-article-body",
        ] {
            ensure!(
                article.contains(expected),
                "the article's raw HTML lacks {expected}"
            );
        }
        ensure!(
            article
                .contains("<meta name=\"description\" content=\"The impacts of the war in Ukraine"),
            "the article's description is not its excerpt"
        );
        let missing = raw(site, "/404.html")?;
        ensure!(
            missing.contains("Page not found"),
            "404.html is not the not-found view"
        );
        Ok(())
    }

    /// A script's `markup(node)`: an element as markup (elements, every
    /// attribute sorted, text; comments and whitespace-only text left out),
    /// for comparing two views of the same content.
    const MARKUP: &str = r#"const markup = (node) => {
        if (node.nodeType === Node.TEXT_NODE) {
            return node.data.trim() === "" ? "" : node.data;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) return "";
        const attributes = [...node.attributes]
            .map((a) => ` ${a.name}="${a.value}"`).sort().join("");
        const inside = [...node.childNodes].map(markup).join("");
        return `\n<${node.localName}${attributes}>${inside}</${node.localName}>`;
    };
    "#;

    /// The status line and the grid as markup (elements, every attribute,
    /// text; comments, whitespace-only text and where a text node was
    /// split left out).
    async fn grid_markup(browser: &Browser) -> anyhow::Result<String> {
        let seen = browser
            .client
            .execute(
                &[
                    MARKUP,
                    r#"return ["[data-status]", "[data-teaser-list]"].map((part) => {
                       const found = document.querySelector(part);
                       if (!found) return "";
                       const copy = found.cloneNode(true);
                       copy.normalize();
                       return markup(copy);
                   }).join("");"#,
                ]
                .concat(),
                vec![],
            )
            .await?;
        Ok(seen.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until the app has replaced the page as built.
    async fn taken_over(browser: &Browser) -> anyhow::Result<()> {
        eventually("the app to take over", || async {
            let built = browser
                .client
                .find_all(Locator::Css("[data-prerendered-view]"))
                .await?;
            Ok(built.is_empty().then_some(()))
        })
        .await
    }

    /// The page as the app shows it and as the same URL's HTML, fetched
    /// again and parsed, was built: masthead, `<main>` and footer as
    /// markup (elements, every attribute, text; comments, whitespace-only
    /// text and where a text node was split left out), then the document
    /// title, the description and the preview tags.
    async fn both_views(browser: &Browser) -> anyhow::Result<(String, String)> {
        let seen = browser
            .client
            .execute_async(
                &[
                    MARKUP,
                    r#"const done = arguments[arguments.length - 1];
                   const describe = (doc, parts) => {
                       const view = parts.map((part) => {
                           const copy = part.cloneNode(true);
                           copy.normalize();
                           return markup(copy);
                       }).join("");
                       const head = [...doc.querySelectorAll(
                           "meta[name=description], meta[property^='og:'], meta[property^='article:'], meta[name^='twitter:'], link[rel=canonical]")]
                           .map(markup).sort().join("");
                       return `${view}\ntitle: ${doc.title}${head}\nlang: ${doc.documentElement.lang}`;
                   };
                   const own = (doc, root) => [...root.children]
                       .filter((e) => e.matches("header.masthead, main, footer"));
                   fetch(location.href).then((r) => r.text()).then((html) => {
                       const page = new DOMParser().parseFromString(html, "text/html");
                       done([describe(document, own(document, document.body)),
                             describe(page, own(page, page.querySelector("[data-prerendered-view]")))]);
                   }, (e) => done(["", String(e)]));"#,
                ]
                .concat(),
                vec![],
            )
            .await?;
        let field = |at: usize| seen[at].as_str().unwrap_or_default().to_owned();
        Ok((field(0), field(1)))
    }

    pub async fn the_app_takes_over_each_route_showing_what_was_built(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        for path in [
            "/",
            "/category/latin-america",
            "/author/elan-axelbank",
            "/tag/coup",
            "/articles/explosive-protests-rock-peru",
            "/404.html",
        ] {
            browser.client.goto(&site.url(path)).await?;
            taken_over(browser).await?;
            // The menus' counts follow the results by a frame.
            let views = eventually(&format!("{path}: the app's view"), || async {
                let (app, built) = both_views(browser).await?;
                Ok((app == built).then_some((app, built)))
            })
            .await
            .map_err(|e| anyhow!("{e:#}: the app's {path} differs from the page as built"));
            let (app, built) = match views {
                Ok(views) => views,
                Err(error) => {
                    let (app, built) = both_views(browser).await?;
                    let at = app
                        .chars()
                        .zip(built.chars())
                        .take_while(|(a, b)| a == b)
                        .count();
                    let near = |text: &str| {
                        text.chars()
                            .skip(at.saturating_sub(120))
                            .take(320)
                            .collect::<String>()
                    };
                    return Err(anyhow!(
                        "{error:#}\n  app:   …{}…\n  built: …{}…",
                        near(&app),
                        near(&built)
                    ));
                }
            };
            ensure!(!built.is_empty() && app == built, "{path}");
            // Chromium: not even a warning (a preload left unused, say).
            let said = browser.console_warnings_and_errors().await?;
            ensure!(said.is_empty(), "{path}: the console says {said:?}");
        }
        Ok(())
    }

    pub async fn nothing_moves_when_the_app_takes_over(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        if crate::support::browser::engine() != "chromium" {
            // Only Chromium reports layout shifts (the Layout Instability API).
            return Ok(());
        }
        browser.client.goto(&site.url("/")).await?;
        taken_over(browser).await?;
        let shifted = browser
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   new PerformanceObserver((list) => {
                       done(list.getEntries().reduce((sum, e) => sum + e.value, 0));
                   }).observe({ type: "layout-shift", buffered: true });
                   setTimeout(() => done(0), 500);"#,
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(f64::MAX);
        ensure!(shifted < 0.005, "the page shifted by {shifted}");
        Ok(())
    }

    pub async fn filters_work_after_the_take_over(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.client.goto(&site.url("/")).await?;
        taken_over(browser).await?;
        let search = browser.client.find(Locator::Css("input#filter-q")).await?;
        search.click().await?;
        search.send_keys("explosive").await?;
        let titles = browser.teaser_titles(1).await?;
        ensure!(titles == [EXPLOSIVE], "{titles:?}");
        wait_path(browser, "/?q=explosive").await?;
        Ok(())
    }

    pub async fn a_search_typed_before_the_app_starts_is_its_first_view(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // The app held back: the page as built without the script that
        // starts it (a cached copy of the app could not be refused); the
        // page is put back whatever happens.
        site.hold_back_app("index.html")?;
        let typed = async {
            browser.client.goto(&site.url("/")).await?;
            let search = browser.client.find(Locator::Css("input#filter-q")).await?;
            search.click().await.context("clicking the built box")?;
            search
                .send_keys("explosive")
                .await
                .context("typing into the built box")?;
            // The address follows the built page's box, as the app's would.
            wait_path(browser, "/?q=explosive").await?;
            // And the page answers without the app: the search-only
            // module fills the page's own cards.
            let titles = browser.teaser_titles(1).await?;
            ensure!(titles == [EXPLOSIVE], "the first answer: {titles:?}");
            eventually("the first answer's status", || async {
                Ok(grid_markup(browser)
                    .await?
                    .contains("Showing 1 article.")
                    .then_some(()))
            })
            .await?;
            grid_markup(browser).await
        }
        .await;
        site.restore_page("index.html")?;
        let first = typed?;
        ensure!(
            first.contains("<mark>Explosive</mark>"),
            "the search word is not marked: {first}"
        );
        // Coming back to it (as the app would have found it on starting):
        // the search is the first view.
        browser.client.refresh().await?;
        taken_over(browser).await?;
        let titles = browser.teaser_titles(1).await?;
        ensure!(titles == [EXPLOSIVE], "{titles:?}");
        // The first answer was the app's own, card for card.
        let app = grid_markup(browser).await?;
        ensure!(
            app == first,
            "the first answer differs from the app's:\n  first: {first}\n  app:   {app}"
        );
        eventually("the app's box to read what was typed", || async {
            let value = browser
                .client
                .execute(
                    r#"const box = document.getElementById("filter-q");
                       return box ? box.value : null;"#,
                    vec![],
                )
                .await?;
            Ok((value.as_str() == Some("explosive")).then_some(()))
        })
        .await?;
        // The typing added one history entry: Back is the listing before it.
        browser.client.back().await?;
        wait_path(browser, "/").await?;
        browser.wait_for_heading("Latest articles").await?;

        // An archive's page as built answers within the archive, its
        // links carrying it, as the app's do.
        let page = "category/latin-america/index.html";
        site.hold_back_app(page)?;
        let typed = async {
            browser
                .client
                .goto(&site.url("/category/latin-america"))
                .await?;
            let search = browser.client.find(Locator::Css("input#filter-q")).await?;
            search.click().await?;
            search.send_keys("explosive").await?;
            wait_path(browser, "/category/latin-america?q=explosive").await?;
            let titles = browser.teaser_titles(1).await?;
            ensure!(
                titles == [EXPLOSIVE],
                "the archive's first answer: {titles:?}"
            );
            grid_markup(browser).await
        }
        .await;
        site.restore_page(page)?;
        let first = typed?;
        ensure!(
            first.contains("?category=latin-america&q=explosive&from=category"),
            "the archive's first answer's links: {first}"
        );
        browser.client.refresh().await?;
        taken_over(browser).await?;
        let app = eventually("the app's archive answer", || async {
            let app = grid_markup(browser).await?;
            Ok(app.contains("explosive").then_some(app))
        })
        .await?;
        ensure!(
            app == first,
            "the archive's first answer differs from the app's:\n  first: {first}\n  app:   {app}"
        );
        Ok(())
    }

    pub async fn a_built_page_for_another_view_never_shows(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // `/` was built unfiltered: with a query the app alone shows it.
        browser.client.goto(&site.url("/?q=explosive")).await?;
        let stale = browser
            .client
            .execute(
                "return document.documentElement.hasAttribute('data-prerender-stale')",
                vec![],
            )
            .await?;
        ensure!(
            stale == true,
            "the unfiltered page as built was not set aside"
        );
        let titles = browser.teaser_titles(1).await?;
        ensure!(titles == [EXPLOSIVE], "{titles:?}");
        // A path the build did not know gets the fallback page (the home
        // page as built), set aside for the app's not-found view.
        browser.client.goto(&site.url("/nowhere")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }

    pub async fn older_articles_left_out_of_the_build_are_the_apps(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // `make prerender ARTICLES=2`: only the two newest articles' pages.
        site.prerender(&["--articles", "2"])?;
        let left_out = async {
            ensure!(
                site.served("articles/peru-mass-revolt-against-coup-continues/index.html")
                    .is_file()
                    && !site
                        .served("articles/explosive-protests-rock-peru/index.html")
                        .exists(),
                "the build kept the wrong articles' pages"
            );
            // An older article's address gets the fallback page, set aside
            // for the app's article.
            browser
                .open(&site.url("/articles/explosive-protests-rock-peru"))
                .await?;
            browser.wait_for_heading(EXPLOSIVE).await?;
            let stale = browser
                .client
                .execute(
                    "return document.documentElement.hasAttribute('data-prerender-stale')",
                    vec![],
                )
                .await?;
            ensure!(stale == true, "the fallback page was not set aside");
            Ok(())
        }
        .await;
        // Every page again, whatever happened.
        site.prerender(&[])?;
        left_out
    }

    pub async fn a_page_built_from_other_data_is_set_aside(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // The publisher replaced the data without `make prerender`.
        let index = std::fs::read_to_string(site.dist_file("data/index.json"))?;
        site.put(
            "data/index.json",
            index
                .replace(
                    "Explosive Protests Rock Peru",
                    "Explosive Protests Rock Lima",
                )
                .as_bytes(),
        )?;
        browser.client.goto(&site.url("/")).await?;
        taken_over(browser).await?;
        let titles = browser.teaser_titles(5).await?;
        ensure!(
            titles[3] == "Explosive Protests Rock Lima",
            "the grid shows {titles:?}"
        );
        let stale = browser
            .client
            .execute(
                "return document.documentElement.hasAttribute('data-prerender-stale')",
                vec![],
            )
            .await?;
        ensure!(
            stale == true,
            "the page built from the old data was not set aside"
        );
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "every route's raw HTML holds its content and preview tags" => scenarios::every_route_s_raw_html_holds_its_content_and_preview_tags,
    "the app takes over each route, showing what was built" => scenarios::the_app_takes_over_each_route_showing_what_was_built,
    "nothing moves when the app takes over" => scenarios::nothing_moves_when_the_app_takes_over,
    "filters work after the take-over" => scenarios::filters_work_after_the_take_over,
    "a search typed before the app starts is its first view" => scenarios::a_search_typed_before_the_app_starts_is_its_first_view,
    "a built page for another view never shows" => scenarios::a_built_page_for_another_view_never_shows,
    "older articles left out of the build are the app's" => scenarios::older_articles_left_out_of_the_build_are_the_apps,
    "a page built from other data is set aside" => scenarios::a_page_built_from_other_data_is_set_aside,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
