//! End to end: reading offline and new builds (public/sw.js). A reader
//! reads two articles; the network goes (nginx stops); the reloaded grid
//! says it is offline, both articles open in full, a third says it needs
//! a connection and opens with Retry once the network is back. A new
//! build deployed while a page is open is offered, not mixed in, and runs
//! after the reader reloads; the old build's files are removed. The web
//! app manifest names the site as the data does. In each engine whose
//! driver has service workers (the others are skipped, and say so),
//! against nginx with the shipped configuration and policy.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::time::Duration;

    use anyhow::{ensure, Context};
    use fantoccini::Locator;

    use crate::support::cdp::Cdp;
    use crate::support::{browser, eventually, eventually_within, Browser, Fallback, Site};

    const PINK_TIDE: &str = "latin-america-second-pink-tide-what-way-forward";
    const EXPLOSIVE: &str = "explosive-protests-rock-peru";
    const REVOLT: &str = "peru-mass-revolt-against-coup-continues";

    /// Whether this engine's pages have service workers; says so when not.
    async fn has_service_workers(browser: &Browser) -> anyhow::Result<bool> {
        let has = browser
            .client
            .execute(
                "return 'serviceWorker' in navigator && !!window.caches",
                vec![],
            )
            .await?
            == true;
        if !has {
            println!(
                "    skipped in {}: its pages have no service workers under WebDriver",
                browser::engine()
            );
        }
        Ok(has)
    }

    /// The URLs the service worker's cache `name` holds, once `ready`
    /// (a script over `urls`) says it holds what is awaited.
    async fn saved(browser: &Browser, name: &str, ready: &str) -> anyhow::Result<Vec<String>> {
        eventually_within(
            Duration::from_secs(30),
            &format!("the cache {name} to hold what is awaited"),
            || async {
                let urls = browser
                    .client
                    .execute_async(
                        &format!(
                            r#"const done = arguments[arguments.length - 1];
                               caches.open("{name}")
                                 .then((cache) => cache.keys())
                                 .then((keys) => done(keys.map((k) => new URL(k.url).pathname)))
                                 .catch(() => done([]));"#
                        ),
                        vec![],
                    )
                    .await?;
                let urls: Vec<String> = serde_json::from_value(urls)?;
                let ok = browser
                    .client
                    .execute(
                        &format!("const urls = arguments[0]; return {ready};"),
                        vec![serde_json::to_value(&urls)?],
                    )
                    .await?
                    == true;
                Ok(ok.then_some(urls))
            },
        )
        .await
    }

    /// The names of the service worker's caches.
    async fn cache_names(browser: &Browser) -> anyhow::Result<Vec<String>> {
        let names = browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; caches.keys().then(done);",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(names)?)
    }

    /// Whether the notice `data-<name>` is shown, and its text.
    async fn notice(browser: &Browser, name: &str) -> anyhow::Result<Option<String>> {
        let found = browser
            .client
            .find(Locator::Css(&format!("[data-{name}]")))
            .await?;
        Ok(if found.is_displayed().await? {
            Some(found.text().await?)
        } else {
            None
        })
    }

    /// Opens the article `slug` and waits for its body.
    async fn read(site: &Site, browser: &Browser, slug: &str) -> anyhow::Result<()> {
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        browser
            .wait_for_article_body()
            .await
            .with_context(|| format!("the body of {slug}"))
    }

    pub async fn articles_read_before_open_offline(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        if !has_service_workers(browser).await? {
            return Ok(());
        }
        browser.teaser_titles(5).await?;
        // The first visit's data, loaded before the worker was there, is
        // saved once it is.
        saved(
            browser,
            "broadsheet-data",
            r#"urls.includes("/config.json") && urls.includes("/data/index/manifest.json")
               && urls.some((u) => u.endsWith("/t0.json"))"#,
        )
        .await?;
        read(site, browser, PINK_TIDE).await?;
        read(site, browser, EXPLOSIVE).await?;
        saved(
            browser,
            "broadsheet-data",
            &format!(
                r#"urls.includes("/data/articles/{PINK_TIDE}.json")
                   && urls.includes("/data/articles/{EXPLOSIVE}.json")"#
            ),
        )
        .await?;
        ensure!(
            notice(browser, "offline").await?.is_none(),
            "the offline notice shows while online"
        );

        site.stop_server()?;
        let offline = offline_reading(site, browser).await;
        if offline.is_err() {
            site.start_server()?;
        }
        offline
    }

    /// With the network gone: the grid says it is offline, the articles
    /// read before open, the one never opened says it needs a connection
    /// and opens with Retry once the network is back.
    async fn offline_reading(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.teaser_titles(5).await?;
        let offline = eventually("the offline notice", || async {
            notice(browser, "offline").await
        })
        .await?;
        ensure!(
            offline.starts_with("You are offline: this is what this device saved")
                && offline.contains("need a connection"),
            "{offline}"
        );
        for (slug, title) in [
            (
                PINK_TIDE,
                "Latin America: Second “Pink Tide”: What Way Forward?",
            ),
            (EXPLOSIVE, "Explosive Protests Rock Peru"),
        ] {
            read(site, browser, slug)
                .await
                .with_context(|| format!("{slug}, read before, offline"))?;
            browser.wait_for_heading(title).await?;
        }
        // Never opened: it needs a connection, and Retry gets it once the
        // network is back.
        browser
            .open_loading(&site.url(&format!("/articles/{REVOLT}")))
            .await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains(
                "you are offline, and this was not saved on this device: it needs a connection"
            ),
            "{alert}"
        );
        site.start_server()?;
        browser.button("Retry").await?.click().await?;
        browser
            .wait_for_heading("Peru: Mass Revolt Against Coup Continues")
            .await?;
        eventually("the offline notice to go", || async {
            Ok(notice(browser, "offline").await?.is_none().then_some(()))
        })
        .await?;
        Ok(())
    }

    pub async fn a_new_build_is_offered_and_runs_after_reloading(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        if !has_service_workers(browser).await? {
            return Ok(());
        }
        browser.teaser_titles(5).await?;
        let sw = std::fs::read_to_string(site.served("sw.js"))?;
        let build = sw
            .lines()
            .find_map(|line| line.strip_prefix("const BUILD = \""))
            .and_then(|rest| rest.strip_suffix("\";"))
            .context("sw.js names no build")?
            .to_owned();
        let old = format!("broadsheet-shell-{build}");
        saved(browser, &old, r#"urls.some((u) => u.endsWith(".wasm"))"#).await?;
        // A new build is deployed (its worker names another build).
        let next = format!("{build}0");
        site.put(
            "sw.js",
            sw.replace(
                &format!("const BUILD = \"{build}\""),
                &format!("const BUILD = \"{next}\""),
            )
            .as_bytes(),
        )?;
        site.remove("sw.js.br")?;
        site.remove("sw.js.gz")?;
        // The page open now learns of it when the reader comes back to it
        // or opens another; here, the home page again. (Not WebDriver's
        // refresh: Firefox's is a reload that bypasses the worker.)
        browser.open(&site.url("/")).await?;
        let offered = eventually_within(
            Duration::from_secs(30),
            "the new version to be offered",
            || async { notice(browser, "new-version").await },
        )
        .await?;
        ensure!(
            offered.starts_with("A new version of this site is available."),
            "{offered}"
        );
        // Not mixed in: the page still runs the old build's files.
        let names = cache_names(browser).await?;
        ensure!(names.contains(&old), "{names:?}");
        browser.button("Reload").await?.click().await?;
        let next_cache = format!("broadsheet-shell-{next}");
        eventually(
            "the new build to run, and the old one's files to go",
            || async {
                let names = cache_names(browser).await?;
                Ok((names.contains(&next_cache) && !names.contains(&old)).then_some(()))
            },
        )
        .await?;
        browser.teaser_titles(5).await?;
        ensure!(
            notice(browser, "new-version").await?.is_none(),
            "the new version is still offered after reloading into it"
        );
        ensure!(
            cache_names(browser)
                .await?
                .contains(&"broadsheet-data".to_owned()),
            "the saved data went with the old build"
        );
        site.restore("sw.js")?;
        Ok(())
    }

    /// Under a sub-path (PUBLIC_URL=/news/), the worker's scope is that
    /// path and an article read there opens offline.
    pub async fn offline_reading_works_under_a_sub_path(
        _site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let news = Site::start_with(
            "/news",
            "BROADSHEET_DIST_NEWS",
            "dist-news",
            Fallback::IndexHtml,
        )?;
        browser.open(&news.url("/")).await?;
        if !has_service_workers(browser).await? {
            return Ok(());
        }
        browser.teaser_titles(5).await?;
        let scope = eventually("the worker's registration", || async {
            let scope = browser
                .client
                .execute_async(
                    r#"const done = arguments[arguments.length - 1];
                       navigator.serviceWorker.getRegistration()
                         .then((r) => done(r && r.active ? new URL(r.scope).pathname : null));"#,
                    vec![],
                )
                .await?;
            Ok(scope.as_str().map(str::to_owned))
        })
        .await?;
        ensure!(scope == "/news/", "the worker's scope is {scope}");
        read(&news, browser, EXPLOSIVE).await?;
        saved(
            browser,
            "broadsheet-data",
            &format!(r#"urls.includes("/news/data/articles/{EXPLOSIVE}.json")"#),
        )
        .await?;
        news.stop_server()?;
        read(&news, browser, EXPLOSIVE).await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        Ok(())
    }

    /// The web app manifest names the site as its data does, and the page
    /// links it with both themes' colours.
    pub async fn the_app_is_installable(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        let manifest = browser
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   const link = document.querySelector('link[rel=manifest]');
                   fetch(link.href).then((r) => r.json()).then(done, (e) => done(String(e)));"#,
                vec![],
            )
            .await?;
        ensure!(manifest["name"] == "Broadsheet Sample", "{manifest}");
        ensure!(manifest["display"] == "standalone", "{manifest}");
        ensure!(manifest["icons"][0]["src"] == "favicon.svg", "{manifest}");
        let colours = browser
            .client
            .execute(
                r#"return [...document.querySelectorAll('meta[name=theme-color]')]
                     .map((m) => m.media + " " + m.content);"#,
                vec![],
            )
            .await?;
        let colours: Vec<String> = serde_json::from_value(colours)?;
        ensure!(
            colours.len() == 2
                && colours[0].starts_with("(prefers-color-scheme: light) #")
                && colours[1].starts_with("(prefers-color-scheme: dark) #"),
            "{colours:?}"
        );
        ensure!(
            manifest["theme_color"].as_str() == colours[0].rsplit(' ').next(),
            "{manifest} {colours:?}"
        );
        // Chromium says whether it would offer to install the site.
        if browser::engine() == "chromium" {
            let answer = browser
                .client
                .issue_cmd(Cdp("Page.getInstallabilityErrors", serde_json::json!({})))
                .await?;
            ensure!(
                answer["installabilityErrors"]
                    .as_array()
                    .is_some_and(Vec::is_empty),
                "Chromium would not offer to install it: {answer}"
            );
        }
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "the app is installable" => scenarios::the_app_is_installable,
    "articles read before open offline" => scenarios::articles_read_before_open_offline,
    "a new build is offered and runs after reloading" => scenarios::a_new_build_is_offered_and_runs_after_reloading,
    "offline reading works under a sub-path" => scenarios::offline_reading_works_under_a_sub_path,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
