//! End to end: the article page — its header, metadata, the results it
//! was opened from around it (previous, next, back with filters, page and
//! scroll kept), related articles, sharing, and a body that fails to load
//! — in a real browser against nginx serving the release build.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use anyhow::{anyhow, ensure, Context};
    use broadsheet_core::synthetic;
    use fantoccini::elements::Element;
    use fantoccini::Locator;

    use broadsheet_core::compiled::{bucket, parse_manifest, Shard, MANIFEST};

    use crate::support::{eventually, href, Browser, Site};

    const SITE: &str = "Broadsheet Sample";
    const PINK_TIDE: &str = "latin-america-second-pink-tide-what-way-forward";
    const REVOLT: &str = "peru-mass-revolt-against-coup-continues";
    const DEFEAT: &str = "defeat-the-coup-of-the-peruvian-oligarchy-against-pedro-castillo";
    const EXPLOSIVE: &str = "explosive-protests-rock-peru";
    const BRING_DOWN: &str = "peru-mass-protests-bring-down-illegitimate-coup-president";

    /// The links matching `css`: their text as written (the style may
    /// print it in capitals) and path.
    async fn links(browser: &Browser, css: &str) -> anyhow::Result<Vec<(String, String)>> {
        let mut found = Vec::new();
        for link in browser.client.find_all(Locator::Css(css)).await? {
            let text = link.prop("textContent").await?.unwrap_or_default();
            found.push((text, href(&link).await?));
        }
        Ok(found)
    }

    /// The previous or next link (`rel` is `prev` or `next`), if shown.
    async fn neighbour(browser: &Browser, rel: &str) -> anyhow::Result<Option<Element>> {
        let css = format!("a[data-neighbour={rel}]");
        Ok(browser
            .client
            .find_all(Locator::Css(&css))
            .await?
            .into_iter()
            .next())
    }

    /// The path the neighbour link `rel` leads to.
    async fn neighbour_path(browser: &Browser, rel: &str) -> anyhow::Result<Option<String>> {
        match neighbour(browser, rel).await? {
            Some(link) => Ok(Some(href(&link).await?)),
            None => Ok(None),
        }
    }

    /// The page's "Article N of M …" line, once the page has drawn it.
    async fn position(browser: &Browser) -> anyhow::Result<String> {
        eventually("the article's place in the results", || async {
            let found = browser
                .client
                .find_all(Locator::Css("[data-position]"))
                .await?;
            match found.first() {
                Some(line) => Ok(Some(line.text().await?)),
                None => Ok(None),
            }
        })
        .await
    }

    async fn attribute(browser: &Browser, css: &str, name: &str) -> anyhow::Result<String> {
        browser
            .client
            .find(Locator::Css(css))
            .await
            .with_context(|| format!("finding {css}"))?
            .attr(name)
            .await?
            .ok_or_else(|| anyhow!("{css} has no {name}"))
    }

    async fn scroll_y(browser: &Browser) -> anyhow::Result<f64> {
        browser
            .client
            .execute("return window.scrollY", vec![])
            .await?
            .as_f64()
            .ok_or_else(|| anyhow!("no scrollY"))
    }

    pub async fn the_page_shows_the_article_and_its_context(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let title = "Peru: Mass Revolt Against Coup Continues";
        browser
            .open(&site.url(&format!("/articles/{REVOLT}")))
            .await?;
        browser.wait_for_heading(title).await?;
        browser.wait_for_title(&format!("{title} — {SITE}")).await?;
        let article = browser
            .client
            .find(Locator::Css("article[data-article]"))
            .await?;
        let authors = links(browser, "article[data-article] [data-author]").await?;
        ensure!(
            authors
                == [(
                    "Darragh O’Dwyer".to_owned(),
                    "/author/darragh-odwyer".to_owned()
                )],
            "authors {authors:?}"
        );
        let time = article.find(Locator::Css("time")).await?;
        ensure!(
            time.attr("datetime").await?.as_deref() == Some("2023-01-20"),
            "datetime"
        );
        ensure!(time.text().await? == "20 January 2023", "date text");
        let reading = browser.text("[data-reading-time]").await?;
        ensure!(reading == "· 1 min read", "reading time {reading:?}");
        let categories = links(browser, "a[data-term=category]").await?;
        ensure!(
            categories
                == [
                    (
                        "Latin America".to_owned(),
                        "/category/latin-america".to_owned()
                    ),
                    ("Peru".to_owned(), "/category/peru".to_owned()),
                ],
            "categories {categories:?}"
        );
        let tags: Vec<String> = links(browser, "a[data-term=tag]")
            .await?
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        ensure!(
            tags == ["/tag/coup", "/tag/protests", "/tag/pedro-castillo"],
            "tags {tags:?}"
        );

        // Its place in the archive, and its neighbours there.
        let place = position(browser).await?;
        ensure!(
            place == "Article 2 of 5 in the archive",
            "position {place:?}"
        );
        ensure!(
            neighbour_path(browser, "prev").await? == Some(format!("/articles/{PINK_TIDE}")),
            "previous"
        );
        ensure!(
            neighbour_path(browser, "next").await? == Some(format!("/articles/{DEFEAT}")),
            "next"
        );
        // Related: same author and a tag first, then two shared tags each.
        let related: Vec<String> = links(browser, "[data-related] a")
            .await?
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        let expected: Vec<String> = [EXPLOSIVE, DEFEAT, BRING_DOWN]
            .iter()
            .map(|slug| format!("/articles/{slug}"))
            .collect();
        ensure!(related == expected, "related {related:?}");

        // What search engines and link previews read; the sample's data
        // names the address it is published at.
        let description = attribute(browser, "meta[name=description]", "content").await?;
        ensure!(
            description.starts_with("The Peruvian masses must rely on their own strength"),
            "description {description:?}"
        );
        let canonical = attribute(browser, "link[rel=canonical]", "href").await?;
        ensure!(
            canonical == format!("https://example.org/articles/{REVOLT}"),
            "canonical {canonical:?}"
        );
        for (css, expected) in [
            ("meta[property='og:title']", title),
            ("meta[property='og:type']", "article"),
            ("meta[property='og:site_name']", SITE),
            ("meta[name='twitter:card']", "summary"),
            ("meta[name='twitter:title']", title),
            ("meta[property='article:published_time']", "2023-01-20"),
        ] {
            let content = attribute(browser, css, "content").await?;
            ensure!(content == expected, "{css} reads {content:?}");
        }
        ensure!(
            attribute(browser, "meta[property='og:url']", "content").await? == canonical,
            "og:url"
        );
        ensure!(attribute(browser, "html", "lang").await? == "en", "lang");

        // Leaving the article replaces its tags with the grid's.
        browser
            .client
            .find(Locator::Css("a[data-back]"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Latest articles").await?;
        let left = browser
            .client
            .find_all(Locator::Css("meta[property^='article:']"))
            .await?;
        ensure!(
            left.is_empty(),
            "{} article tags left on the grid",
            left.len()
        );
        for (css, name, expected) in [
            ("link[rel=canonical]", "href", "https://example.org/"),
            ("meta[property='og:type']", "content", "website"),
            ("meta[property='og:title']", "content", "Latest articles"),
        ] {
            let value = attribute(browser, css, name).await?;
            ensure!(value == expected, "the grid's {css} reads {value:?}");
        }
        let description = attribute(browser, "meta[name=description]", "content").await?;
        ensure!(
            !description.starts_with("The Peruvian masses"),
            "the grid kept the article's description"
        );
        Ok(())
    }

    pub async fn filters_travel_to_the_article_and_back(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // The coup tag's archive, oldest first.
        browser.open(&site.url("/tag/coup?sort=oldest")).await?;
        browser.teaser_titles(3).await?;
        browser
            .teaser(DEFEAT)
            .await?
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_heading("Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!")
            .await?;
        let path = browser.path().await?;
        ensure!(
            path == format!("/articles/{DEFEAT}?tag=coup&sort=oldest&from=tag"),
            "article opened at {path}"
        );
        let place = position(browser).await?;
        ensure!(
            place == "Article 2 of 3 in these results",
            "position {place:?}"
        );
        ensure!(
            neighbour_path(browser, "prev").await?
                == Some(format!(
                    "/articles/{BRING_DOWN}?tag=coup&sort=oldest&from=tag"
                )),
            "previous keeps the filters"
        );

        // Next, within the filtered results.
        let next = neighbour(browser, "next")
            .await?
            .ok_or_else(|| anyhow!("no next link"))?;
        ensure!(
            next.text()
                .await?
                .contains("Peru: Mass Revolt Against Coup Continues"),
            "next names its article"
        );
        next.click().await?;
        browser
            .wait_for_heading("Peru: Mass Revolt Against Coup Continues")
            .await?;
        let path = browser.path().await?;
        ensure!(
            path == format!("/articles/{REVOLT}?tag=coup&sort=oldest&from=tag"),
            "next opened {path}"
        );
        eventually("the last result's place", || async {
            Ok((position(browser).await? == "Article 3 of 3 in these results").then_some(()))
        })
        .await?;
        ensure!(
            neighbour(browser, "next").await?.is_none(),
            "the last result has a next link"
        );

        // Back to the same archive, filters and order.
        browser
            .client
            .find(Locator::LinkText("Back to results"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Coup").await?;
        let path = browser.path().await?;
        ensure!(path == "/tag/coup?sort=oldest", "back to {path}");
        let titles = browser.teaser_titles(3).await?;
        ensure!(
            titles[0] == "Peru: Mass Protests Bring Down Illegitimate Coup President",
            "order after coming back {titles:?}"
        );
        Ok(())
    }

    pub async fn back_to_results_returns_to_the_page_and_scroll_position(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let archive = synthetic::generate(60, 7);
        site.serve_synthetic(&archive.index, "")?;
        for (slug, body) in &archive.articles {
            site.put(&format!("synthetic/articles/{slug}.json"), body.as_bytes())?;
        }
        browser.open(&site.url("/?page=2")).await?;
        browser.teaser_titles(12).await?;
        // The tenth teaser of page 2, scrolled to the middle of the window.
        let (slug, _) = &archive.articles[21];
        let teaser = browser.teaser(slug).await?;
        browser
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(&teaser)?],
            )
            .await?;
        let before = scroll_y(browser).await?;
        ensure!(before > 200.0, "the page did not scroll ({before})");
        teaser
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        eventually("the article", || async {
            Ok(browser
                .path()
                .await?
                .starts_with(&format!("/articles/{slug}"))
                .then_some(()))
        })
        .await?;
        let place = position(browser).await?;
        ensure!(
            place == "Article 22 of 60 in the archive",
            "position {place:?}"
        );
        // Data that does not name its address: no canonical link or
        // preview tags (the pages as built could not know it either).
        let previews = browser
            .client
            .find_all(Locator::Css("link[rel=canonical], meta[property^='og:']"))
            .await?;
        ensure!(
            previews.is_empty(),
            "{} preview tags without a site address",
            previews.len()
        );

        // Back to results is the way the reader came: same page, same place.
        browser
            .client
            .find(Locator::Css("a[data-back]"))
            .await?
            .click()
            .await?;
        eventually("the same scroll position", || async {
            let path = browser.path().await?;
            let y = scroll_y(browser).await?;
            Ok((path == "/?page=2" && (y - before).abs() < 2.0).then_some(()))
        })
        .await
        .context("after Back to results")?;

        // The browser's Back and Forward do the same.
        browser.client.forward().await?;
        position(browser).await?;
        browser.client.back().await?;
        eventually("the same scroll position after Back", || async {
            let path = browser.path().await?;
            let y = scroll_y(browser).await?;
            Ok((path == "/?page=2" && (y - before).abs() < 2.0).then_some(()))
        })
        .await?;

        // Opened directly, Back to results opens the page that holds it,
        // with its teaser in view and its link focused.
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        position(browser).await?;
        browser
            .client
            .find(Locator::Css("a[data-back]"))
            .await?
            .click()
            .await?;
        eventually("the teaser's link to be focused", || async {
            let report = browser
                .client
                .execute(
                    "const a = document.activeElement; const r = a.getBoundingClientRect(); \
                     return [a.closest('[data-teaser]')?.dataset.teaser ?? null, r.top >= 0 && r.bottom <= innerHeight]",
                    vec![],
                )
                .await?;
            Ok((browser.path().await? == "/?page=2"
                && report[0].as_str() == Some(slug.as_str())
                && report[1].as_bool() == Some(true))
            .then_some(()))
        })
        .await
    }

    pub async fn share_copies_the_link_and_says_so(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser
            .open(&site.url(&format!("/articles/{EXPLOSIVE}?tag=protests")))
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        browser.button("Share").await?.click().await?;
        let link = format!(
            "{}/articles/{EXPLOSIVE}",
            site.url("").trim_end_matches('/')
        );
        let said = eventually("the share confirmation", || async {
            let said = browser.text("[data-share-status]").await?;
            Ok((!said.is_empty()).then_some(said))
        })
        .await?;
        // Copied, or (where the browser refuses the clipboard) shown to
        // copy by hand: either way the reader sees the article's own link.
        ensure!(
            said == format!("Link copied: {link}") || said == format!("Copy this link: {link}"),
            "share says {said:?}"
        );
        Ok(())
    }

    /// Opens the article "Explosive Protests Rock Peru", waits for its
    /// heading, and expects an alert saying `what` failed and `why`.
    async fn open_with_alert(
        site: &Site,
        browser: &Browser,
        what: &str,
        why: &str,
    ) -> anyhow::Result<()> {
        browser
            .open(&site.url(&format!("/articles/{EXPLOSIVE}")))
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains(what) && alert.contains(why),
            "alert reads {alert:?}"
        );
        Ok(())
    }

    /// Fails if an alert is still in the page after Retry succeeded.
    async fn no_alert_after_retry(browser: &Browser) -> anyhow::Result<()> {
        let alerts = browser
            .client
            .find_all(Locator::Css("[role=alert]"))
            .await?;
        ensure!(alerts.is_empty(), "the error stays after Retry");
        Ok(())
    }

    /// When the compiled index's file that knows an article's neighbours
    /// and related articles fails, the article reads in full and the
    /// failure is said under it, naming the file, with Retry.
    pub async fn neighbours_that_fail_show_retry_under_the_article(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let manifest = parse_manifest(
            &std::fs::read(site.dist_file("data/index/manifest.json"))?,
            MANIFEST,
        )?;
        let file = format!(
            "data/index/{}",
            Shard::Bucket(bucket(EXPLOSIVE, manifest.buckets)).path(&manifest.build)
        );
        // The host has none of its forms (plain or precompressed).
        let forms: Vec<String> = ["", ".br", ".gz"]
            .iter()
            .map(|end| format!("{file}{end}"))
            .filter(|path| site.dist_file(path).is_file())
            .collect();
        for path in &forms {
            site.remove(path)?;
        }
        open_with_alert(
            site,
            browser,
            "Could not load the previous, next and related articles",
            &format!("{file}: the server answered 404"),
        )
        .await?;
        let body = browser.text("[data-article-body]").await?;
        ensure!(
            body.contains("The impacts of the war in Ukraine"),
            "the body beside the error: {body:?}"
        );
        for path in &forms {
            site.restore(path)?;
        }
        browser.button("Retry").await?.click().await?;
        eventually("the neighbours after Retry", || async {
            let next = neighbour_path(browser, "next").await?;
            Ok((next == Some(format!("/articles/{BRING_DOWN}"))).then_some(()))
        })
        .await?;
        no_alert_after_retry(browser).await
    }

    pub async fn a_body_that_fails_shows_retry_under_the_header(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.remove(&format!("data/articles/{EXPLOSIVE}.json"))?;
        // The header comes from the index; the body's failure is an alert.
        open_with_alert(
            site,
            browser,
            "Could not load the article's text",
            &format!("articles/{EXPLOSIVE}.json: the server answered 404"),
        )
        .await?;
        // The rest of the page still works: its neighbours are there.
        ensure!(
            neighbour_path(browser, "next").await? == Some(format!("/articles/{BRING_DOWN}")),
            "next link beside the error"
        );
        site.restore(&format!("data/articles/{EXPLOSIVE}.json"))?;
        browser.button("Retry").await?.click().await?;
        eventually("the body after Retry", || async {
            let body = browser
                .client
                .find_all(Locator::Css("[data-article-body]"))
                .await?;
            match body.first() {
                Some(body) => Ok(body
                    .text()
                    .await?
                    .contains("The impacts of the war in Ukraine")
                    .then_some(())),
                None => Ok(None),
            }
        })
        .await?;
        no_alert_after_retry(browser).await
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "neighbours that fail show retry under the article" => scenarios::neighbours_that_fail_show_retry_under_the_article,
    "the page shows the article and its context" => scenarios::the_page_shows_the_article_and_its_context,
    "filters travel to the article and back" => scenarios::filters_travel_to_the_article_and_back,
    "back to results returns to the page and scroll position" => scenarios::back_to_results_returns_to_the_page_and_scroll_position,
    "share copies the link and says so" => scenarios::share_copies_the_link_and_says_so,
    "a body that fails shows retry under the header" => scenarios::a_body_that_fails_shows_retry_under_the_header,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
