//! End to end: the sample archive's grid, its articles, the not-found view
//! and failing data, in headless Chromium against nginx serving the
//! release build.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use anyhow::{ensure, Context};
    use fantoccini::Locator;

    use crate::support::hostile::{hostile_body_shows_its_text_and_runs_nothing, Served};
    use crate::support::{href, Browser, Site};

    /// The seed listing's teasers, in its order: slug, title.
    pub const SEED: [(&str, &str); 5] = [
        (
            "latin-america-second-pink-tide-what-way-forward",
            "Latin America: Second “Pink Tide”: What Way Forward?",
        ),
        (
            "peru-mass-revolt-against-coup-continues",
            "Peru: Mass Revolt Against Coup Continues",
        ),
        (
            "defeat-the-coup-of-the-peruvian-oligarchy-against-pedro-castillo",
            "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!",
        ),
        (
            "explosive-protests-rock-peru",
            "Explosive Protests Rock Peru",
        ),
        (
            "peru-mass-protests-bring-down-illegitimate-coup-president",
            "Peru: Mass Protests Bring Down Illegitimate Coup President",
        ),
    ];

    const SITE: &str = "Broadsheet Sample";

    pub async fn grid_shows_the_seed_listing(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        let titles = browser.teaser_titles(SEED.len()).await?;
        let expected: Vec<_> = SEED.iter().map(|(_, title)| title.to_string()).collect();
        ensure!(titles == expected, "teaser titles {titles:#?}");
        browser.wait_for_heading("Latest articles").await?;
        browser
            .wait_for_title(&format!("Latest articles — {SITE}"))
            .await?;

        let status = browser.text("[data-status]").await?;
        ensure!(status == "Showing 5 articles.", "status reads {status:?}");

        // The second teaser, word for word as the seed prints it.
        let teaser = browser.teaser(SEED[1].0).await?;
        let byline = teaser
            .find(Locator::Css("[data-byline]"))
            .await?
            .text()
            .await?;
        ensure!(
            byline == "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland).",
            "byline {byline:?}"
        );
        let excerpt = teaser
            .find(Locator::Css(".teaser__excerpt"))
            .await?
            .text()
            .await?;
        ensure!(
            excerpt.starts_with("The Peruvian masses must rely on their own strength")
                && excerpt.ends_with("2022 came to a chaotic […]"),
            "excerpt {excerpt:?}"
        );
        // Every teaser's title and "Continue Reading" link go to its article.
        for (slug, title) in SEED {
            let teaser = browser.teaser(slug).await?;
            let title_link = teaser.find(Locator::Css("h2 a")).await?;
            ensure!(title_link.text().await? == title, "{slug}: title link text");
            let more = teaser.find(Locator::Css("a[data-continue]")).await?;
            let more_text = more.text().await?;
            ensure!(
                more_text.starts_with("Continue Reading"),
                "{slug}: continue link reads {more_text:?}"
            );
            for link in [title_link, more] {
                let href = href(&link).await?;
                ensure!(
                    href == format!("/articles/{slug}"),
                    "{slug}: link to {href:?}"
                );
            }
        }
        Ok(())
    }

    /// The masthead's section links: name, path, `aria-current`.
    async fn sections(browser: &Browser) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
        let mut seen = Vec::new();
        let nav = browser
            .client
            .find(Locator::Css("header.masthead nav[aria-label='Sections']"))
            .await?;
        for link in nav.find_all(Locator::Css("a")).await? {
            seen.push((
                link.text().await?,
                href(&link).await?,
                link.attr("aria-current").await?,
            ));
        }
        Ok(seen)
    }

    /// The sections (with no `site.sections`, the sample's categories, the
    /// largest first in vocabulary order): each links to its archive, and
    /// the one being read is marked, after an in-app click too.
    pub async fn the_masthead_lists_the_sections_and_marks_the_current_one(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.teaser_titles(SEED.len()).await?;
        let home = sections(browser).await?;
        ensure!(
            home == [
                (
                    "Latin America".to_owned(),
                    "/category/latin-america".to_owned(),
                    None
                ),
                ("Peru".to_owned(), "/category/peru".to_owned(), None),
            ],
            "sections on the home page: {home:?}"
        );
        browser
            .client
            .find(Locator::Css("[data-section='peru']"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Peru").await?;
        ensure!(
            browser.path().await? == "/category/peru",
            "{}",
            browser.path().await?
        );
        let current: Vec<_> = sections(browser)
            .await?
            .into_iter()
            .filter_map(|(name, _, current)| current.map(|c| (name, c)))
            .collect();
        ensure!(
            current == [("Peru".to_owned(), "page".to_owned())],
            "marked as current: {current:?}"
        );
        Ok(())
    }

    pub async fn continue_reading_opens_each_article_and_back_returns(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        for (slug, title) in SEED {
            let teaser = browser.teaser(slug).await?;
            teaser
                .find(Locator::Css("a[data-continue]"))
                .await?
                .click()
                .await
                .with_context(|| format!("clicking Continue Reading on {slug}"))?;
            browser.wait_for_heading(title).await?;
            let path = browser.path().await?;
            ensure!(path == format!("/articles/{slug}"), "{slug}: opened {path}");
            browser.wait_for_title(&format!("{title} — {SITE}")).await?;

            browser.client.back().await?;
            browser.wait_for_heading("Latest articles").await?;
            let path = browser.path().await?;
            ensure!(path == "/", "Back from {slug} went to {path}");
            browser.teaser_titles(SEED.len()).await?;
        }
        Ok(())
    }

    pub async fn article_loads_directly(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        let (slug, title) = SEED[3];
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        browser.wait_for_heading(title).await?;
        let article = browser
            .client
            .find(Locator::Css("article[data-article]"))
            .await?;
        let byline = article
            .find(Locator::Css("[data-byline]"))
            .await?
            .text()
            .await?;
        ensure!(
            byline == "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland).",
            "byline {byline:?}"
        );
        let time = article.find(Locator::Css("time")).await?;
        ensure!(
            time.attr("datetime").await?.as_deref() == Some("2022-04-12"),
            "datetime attribute"
        );
        ensure!(time.text().await? == "12 April 2022", "date text");
        let body = article
            .find(Locator::Css("[data-article-body]"))
            .await?
            .text()
            .await?;
        ensure!(body.starts_with("Sample text."), "body {body:?}");
        ensure!(
            body.contains("The impacts of the war in Ukraine are reverberating"),
            "body {body:?}"
        );
        browser.wait_for_title(&format!("{title} — {SITE}")).await?;

        // Its way back to the grid.
        browser
            .client
            .find(Locator::LinkText("Back to the articles"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Latest articles").await?;
        browser.teaser_titles(SEED.len()).await?;
        Ok(())
    }

    pub async fn unknown_paths_show_not_found(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        for path in [
            "/no/such/page",
            "/articles/no-such-article",
            "/articles/..%2Fsecret",
        ] {
            browser.open(&site.url(path)).await?;
            browser
                .wait_for_heading("Page not found")
                .await
                .with_context(|| format!("at {path}"))?;
            browser
                .wait_for_title(&format!("Page not found — {SITE}"))
                .await?;
        }
        browser
            .client
            .find(Locator::LinkText("Go to the latest articles"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Latest articles").await?;
        ensure!(browser.path().await? == "/", "home link");
        browser.teaser_titles(SEED.len()).await?;
        Ok(())
    }

    pub async fn broken_index_shows_the_error_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // Cut off mid-file, as an interrupted upload leaves it.
        site.put("data/index.json", br#"{"version": 1, "site": {"title": "#)?;
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("Could not load the articles")
                && alert.contains("data/index.json: not valid JSON (EOF while parsing"),
            "alert reads {alert:?}"
        );
        let teasers = browser
            .client
            .find_all(Locator::Css("article[data-teaser]"))
            .await?;
        ensure!(
            teasers.is_empty(),
            "{} teasers shown beside the error",
            teasers.len()
        );

        site.restore("data/index.json")?;
        browser.button("Retry").await?.click().await?;
        browser.teaser_titles(SEED.len()).await?;
        let alerts = browser
            .client
            .find_all(Locator::Css("[role=alert]"))
            .await?;
        ensure!(
            alerts.is_empty(),
            "the error stays after a successful Retry"
        );
        Ok(())
    }

    pub async fn missing_index_shows_the_status_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.remove("data/index.json")?;
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("data/index.json: the server answered 404 Not Found"),
            "alert reads {alert:?}"
        );
        site.restore("data/index.json")?;
        browser.button("Retry").await?.click().await?;
        browser.teaser_titles(SEED.len()).await?;
        Ok(())
    }

    pub async fn a_hostile_body_shows_its_text_and_runs_nothing(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put_fixture("hostile", "data")?;
        hostile_body_shows_its_text_and_runs_nothing(site, browser, Served::AsWritten).await
    }

    pub async fn broken_article_shows_the_error_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let (slug, title) = SEED[0];
        let file = format!("data/articles/{slug}.json");
        site.put(&file, b"{\"version\": 1, \"article\": {")?;
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("Could not load the article")
                && alert.contains(&format!("{file}: not valid JSON (EOF while parsing")),
            "alert reads {alert:?}"
        );
        site.restore(&file)?;
        browser.button("Retry").await?.click().await?;
        browser.wait_for_heading(title).await?;
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "grid shows the seed listing" => scenarios::grid_shows_the_seed_listing,
    "the masthead lists the sections and marks the current one" => scenarios::the_masthead_lists_the_sections_and_marks_the_current_one,
    "continue reading opens each article and back returns" => scenarios::continue_reading_opens_each_article_and_back_returns,
    "article loads directly" => scenarios::article_loads_directly,
    "unknown paths show not found" => scenarios::unknown_paths_show_not_found,
    "broken index shows the error and retry recovers" => scenarios::broken_index_shows_the_error_and_retry_recovers,
    "missing index shows the status and retry recovers" => scenarios::missing_index_shows_the_status_and_retry_recovers,
    "broken article shows the error and retry recovers" => scenarios::broken_article_shows_the_error_and_retry_recovers,
    "a hostile body shows its text and runs nothing" => scenarios::a_hostile_body_shows_its_text_and_runs_nothing,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
