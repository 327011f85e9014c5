//! End to end: where the data comes from and what happens when it fails —
//! `config.json`, skipped teasers, index parts, and every kind of network
//! failure against a real HTTP server, each with its message and Retry.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::time::Duration;

    use anyhow::{ensure, Context};
    use fantoccini::Locator;

    use crate::support::{eventually_within, free_port, Answer, ApiServer, Browser, Flaky, Site};

    const SAMPLE_FIRST: &str = "Latin America: Second “Pink Tide”: What Way Forward?";

    /// Points the app at `origin` as its bundle.
    fn use_bundle_at(site: &Site, origin: &str) -> anyhow::Result<()> {
        site.put(
            "config.json",
            format!(r#"{{"source": {{"bundle": "{origin}/"}}}}"#).as_bytes(),
        )
    }

    /// A [`Flaky`] server, with the app pointed at it as its bundle.
    async fn bundle_on_flaky(site: &Site) -> anyhow::Result<Flaky> {
        let server = Flaky::start().await?;
        use_bundle_at(site, &server.origin)?;
        Ok(server)
    }

    fn sample_index(site: &Site) -> anyhow::Result<Vec<u8>> {
        Ok(std::fs::read(site.dist_file("data/index.json"))?)
    }

    async fn retry_shows_the_sample(browser: &Browser) -> anyhow::Result<()> {
        browser.button("Retry").await?.click().await?;
        let titles = browser.teaser_titles(5).await?;
        ensure!(titles[0] == SAMPLE_FIRST, "after Retry: {titles:?}");
        Ok(())
    }

    pub async fn an_api_source_shows_the_seed_listing(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let api = ApiServer::start(&site.dist_file("data"))?;
        site.use_api(&api.origin, r#""page_size": 3,"#)?;
        browser.open(&site.url("/")).await?;
        // The first page of three, from the server, in the seed's order.
        let titles = browser.teaser_titles(3).await?;
        ensure!(
            titles
                == [
                    SAMPLE_FIRST,
                    "Peru: Mass Revolt Against Coup Continues",
                    "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!",
                ],
            "titles {titles:?}"
        );
        let status = browser.text("[data-status]").await?;
        ensure!(status == "Showing 1–3 of 5 articles.", "status {status:?}");
        // An API needs the build of the app that reads every source.
        let app = browser.app_build().await?;
        ensure!(app.as_deref() == Some("broadsheet"), "the app {app:?}");
        let teaser = browser
            .teaser("peru-mass-revolt-against-coup-continues")
            .await?;
        let byline = teaser
            .find(Locator::Css("[data-byline]"))
            .await?
            .text()
            .await?;
        ensure!(
            byline == "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland).",
            "byline {byline:?}"
        );
        teaser
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_heading("Peru: Mass Revolt Against Coup Continues")
            .await?;
        // An article the API does not have is the not-found view.
        browser.open(&site.url("/articles/no-such-article")).await?;
        browser.wait_for_heading("Page not found").await?;
        // With the default page size, the whole seed listing, as in bundle mode.
        site.use_api(&api.origin, "")?;
        browser.open(&site.url("/")).await?;
        let titles = browser.teaser_titles(5).await?;
        let bundle_titles = {
            let index: serde_json::Value =
                serde_json::from_slice(&std::fs::read(site.dist_file("data/index.json"))?)?;
            index["teasers"]
                .as_array()
                .map(|t| {
                    t.iter()
                        .map(|t| t["title"].as_str().unwrap_or_default().to_owned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        ensure!(
            titles == bundle_titles,
            "API {titles:?} against bundle {bundle_titles:?}"
        );
        Ok(())
    }

    pub async fn an_index_missing_its_teasers_is_reported_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put(
            "data/index.json",
            br#"{"version": 1, "site": {"title": "No teasers"}}"#,
        )?;
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("data/index.json: (top level): missing field `teasers`"),
            "alert {alert:?}"
        );
        site.restore("data/index.json")?;
        retry_shows_the_sample(browser).await
    }

    pub async fn a_bad_teaser_is_skipped_and_counted(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put_fixture("skipped", "data")?;
        browser.open(&site.url("/")).await?;
        let titles = browser.teaser_titles(1).await?;
        ensure!(titles == ["A Fine Teaser"], "titles {titles:?}");
        let notice = browser
            .client
            .find(Locator::Css("details[data-skipped]"))
            .await?;
        ensure!(notice.attr("data-skipped").await?.as_deref() == Some("1"));
        let summary = notice.find(Locator::Css("summary")).await?;
        ensure!(summary.text().await? == "1 article could not be shown.");
        summary.click().await?;
        let reason = notice.find(Locator::Css("li")).await?.text().await?;
        ensure!(
            reason
                == r#"data/index.json: teasers[1].date: expected an ISO 8601 date, got "yesterday""#,
            "reason {reason:?}"
        );
        Ok(())
    }

    pub async fn without_config_json_the_sample_shows(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.remove("config.json")?;
        browser.open(&site.url("/")).await?;
        let titles = browser.teaser_titles(5).await?;
        ensure!(titles[0] == SAMPLE_FIRST, "titles {titles:?}");
        Ok(())
    }

    pub async fn config_json_names_the_title_and_the_bundle(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put_fixture("parts", "split")?;
        site.put(
            "config.json",
            br#"{"site_title": "The Configured Daily", "source": {"bundle": "split/"}}"#,
        )?;
        browser.open(&site.url("/")).await?;
        let titles = browser.teaser_titles(2).await?;
        ensure!(
            titles == ["The Newest", "An Older One"],
            "titles {titles:?}"
        );
        browser
            .wait_for_title("Latest articles — The Configured Daily")
            .await?;
        let masthead = browser.text("header a").await?;
        ensure!(masthead == "The Configured Daily", "masthead {masthead:?}");
        let skipped = browser.text("details[data-skipped] summary").await?;
        ensure!(skipped == "1 article could not be shown.", "{skipped:?}");
        Ok(())
    }

    pub async fn a_bad_config_is_reported_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put("config.json", br#"{"page_size": 0}"#)?;
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("config.json: page_size: expected a number from 1 to 100, got 0"),
            "alert {alert:?}"
        );
        site.restore("config.json")?;
        retry_shows_the_sample(browser).await
    }

    pub async fn a_server_error_is_reported_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let server = bundle_on_flaky(site).await?;
        server.set("/index.json", Answer::Status(500));
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        let expected = format!(
            "{}/index.json: the server answered 500 Internal Server Error",
            server.origin
        );
        ensure!(alert.contains(&expected), "alert {alert:?}");
        server.set("/index.json", Answer::Body(sample_index(site)?));
        retry_shows_the_sample(browser).await
    }

    pub async fn an_unreachable_server_is_reported_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let port = free_port()?;
        let origin = format!("http://127.0.0.1:{port}");
        use_bundle_at(site, &origin)?;
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        // The compiled index's manifest is the first file a bundle's
        // archive asks for.
        let expected = format!("{origin}/index/manifest.json: the server could not be reached");
        ensure!(alert.contains(&expected), "alert {alert:?}");
        // The server comes up; Retry reaches it.
        let server = Flaky::start_on(port).await?;
        server.set("/index.json", Answer::Body(sample_index(site)?));
        retry_shows_the_sample(browser).await
    }

    pub async fn a_body_that_is_not_json_is_reported_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let server = bundle_on_flaky(site).await?;
        server.set(
            "/index.json",
            Answer::Body(b"<!DOCTYPE html><title>Welcome</title>".to_vec()),
        );
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        let expected = format!(
            "{}/index.json: not valid JSON (expected value at line 1 column 1)",
            server.origin
        );
        ensure!(alert.contains(&expected), "alert {alert:?}");
        server.set("/index.json", Answer::Body(sample_index(site)?));
        retry_shows_the_sample(browser).await
    }

    pub async fn a_request_that_hangs_times_out_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let server = bundle_on_flaky(site).await?;
        server.set("/index.json", Answer::Hang);
        browser.open_loading(&site.url("/")).await?;
        let status = browser.app_status().await?;
        ensure!(status == "Loading articles…", "while waiting: {status:?}");
        let alert = browser.alert_within(Duration::from_secs(30)).await?;
        let expected = format!("{}/index.json: no answer within 15 seconds", server.origin);
        ensure!(alert.contains(&expected), "alert {alert:?}");
        ensure!(
            server.abandoned() == ["/index.json"],
            "the timed-out request was not closed: {:?}",
            server.abandoned()
        );
        server.set("/index.json", Answer::Body(sample_index(site)?));
        retry_shows_the_sample(browser).await
    }

    pub async fn leaving_a_page_aborts_its_request(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let server = bundle_on_flaky(site).await?;
        server.set("/index.json", Answer::Body(sample_index(site)?));
        let slug = "explosive-protests-rock-peru";
        let article = format!("/articles/{slug}.json");
        server.set(&article, Answer::Hang);
        // In the app: from the grid to the article, whose text never comes.
        browser.open(&site.url("/")).await?;
        browser
            .teaser(slug)
            .await?
            .find(Locator::Css("h2 a"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        let status = browser.app_status().await?;
        ensure!(
            status == "Loading the article…",
            "while waiting: {status:?}"
        );
        browser
            .client
            .find(Locator::Css("header a"))
            .await?
            .click()
            .await
            .context("clicking the masthead")?;
        browser.teaser_titles(5).await?;
        // Well before the 15-second limit: the request was aborted, not timed out.
        eventually_within(
            Duration::from_secs(5),
            "the article request to be aborted",
            || async { Ok((server.abandoned() == [article.as_str()]).then_some(())) },
        )
        .await
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "an api source shows the seed listing" => scenarios::an_api_source_shows_the_seed_listing,
    "an index missing its teasers is reported and retry recovers" => scenarios::an_index_missing_its_teasers_is_reported_and_retry_recovers,
    "a bad teaser is skipped and counted" => scenarios::a_bad_teaser_is_skipped_and_counted,
    "without config.json the sample shows" => scenarios::without_config_json_the_sample_shows,
    "config.json names the title and the bundle" => scenarios::config_json_names_the_title_and_the_bundle,
    "a bad config is reported and retry recovers" => scenarios::a_bad_config_is_reported_and_retry_recovers,
    "a server error is reported and retry recovers" => scenarios::a_server_error_is_reported_and_retry_recovers,
    "an unreachable server is reported and retry recovers" => scenarios::an_unreachable_server_is_reported_and_retry_recovers,
    "a body that is not JSON is reported and retry recovers" => scenarios::a_body_that_is_not_json_is_reported_and_retry_recovers,
    "a request that hangs times out and retry recovers" => scenarios::a_request_that_hangs_times_out_and_retry_recovers,
    "leaving a page aborts its request" => scenarios::leaving_a_page_aborts_its_request,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
