//! End to end: hosting. The shipped deploy/nginx.conf and deploy/Caddyfile
//! serve the release build with caching, compression and security
//! headers; deep links reload on an index.html-fallback host and on a
//! 404.html host; an unknown article is the not-found view on those, on a
//! host answering every path with index.html and on one redirecting
//! folders; a build for a sub-path works under it; what the page's policy
//! refuses is named — in each engine, against nginx and Caddy.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::collections::BTreeMap;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use anyhow::{anyhow, ensure, Context};
    use fantoccini::Locator;

    use crate::support::{eventually, Browser, Fallback, Site};

    const FIRST: &str = "Latin America: Second “Pink Tide”: What Way Forward?";

    /// One GET over plain HTTP/1.1: the status and the headers (names in
    /// lowercase); the body is read and dropped.
    fn get(
        origin: &str,
        path: &str,
        encodings: &str,
    ) -> anyhow::Result<(u16, BTreeMap<String, String>)> {
        let host = origin.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: {encodings}\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let head_end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| anyhow!("no header end in the answer to {path}"))?;
        let head = String::from_utf8_lossy(&response[..head_end]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| anyhow!("no status line for {path}"))?;
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        Ok((status, headers))
    }

    fn header<'a>(headers: &'a BTreeMap<String, String>, name: &str) -> &'a str {
        headers.get(name).map_or("", String::as_str)
    }

    /// The name of the built file matching `prefix…suffix` in the site's
    /// copy of the build.
    fn built(site: &Site, prefix: &str, suffix: &str) -> anyhow::Result<String> {
        std::fs::read_dir(site.dist_file(""))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
            .with_context(|| format!("no {prefix}…{suffix} in the build"))
    }

    pub async fn responses_carry_caching_compression_and_security_headers(
        site: &Site,
        _browser: &Browser,
    ) -> anyhow::Result<()> {
        served_as_shipped(site)
    }

    /// What a host serving the build as shipped (deploy/) answers: the
    /// caching, compression and security headers, deep links as pages and
    /// missing files as 404s that are not kept.
    fn served_as_shipped(site: &Site) -> anyhow::Result<()> {
        let origin = &site.origin;
        // The page: revalidated, and with the security headers.
        let (status, page) = get(origin, "/", "br")?;
        ensure!(status == 200, "/ answered {status}");
        ensure!(
            header(&page, "content-type").starts_with("text/html"),
            "{page:?}"
        );
        ensure!(header(&page, "cache-control") == "no-cache", "{page:?}");
        ensure!(
            header(&page, "content-encoding") == "br",
            "index.html not precompressed: {page:?}"
        );
        // A prerendered page has no .gz copy: a client without brotli
        // gets it gzipped as it is sent.
        let (_, gzip_page) = get(origin, "/", "gzip")?;
        ensure!(
            header(&gzip_page, "content-encoding") == "gzip",
            "index.html not gzipped for a client without brotli: {gzip_page:?}"
        );
        let csp = header(&page, "content-security-policy");
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .ok_or_else(|| anyhow!("no script-src in {csp:?}"))?;
        ensure!(
            !script_src.contains("unsafe-inline"),
            "script-src allows inline scripts: {csp}"
        );
        ensure!(script_src.contains("'wasm-unsafe-eval'"), "{csp}");
        ensure!(csp.contains("frame-ancestors 'none'"), "{csp}");
        ensure!(
            header(&page, "x-content-type-options") == "nosniff",
            "{page:?}"
        );
        ensure!(!header(&page, "referrer-policy").is_empty(), "{page:?}");
        // Hashed assets: cached for a year, precompressed, the right type.
        let wasm = built(site, "broadsheet-", "_bg.wasm")?;
        let (status, asset) = get(origin, &format!("/{wasm}"), "gzip, br")?;
        ensure!(status == 200, "{wasm} answered {status}");
        ensure!(
            header(&asset, "content-type") == "application/wasm",
            "{asset:?}"
        );
        ensure!(
            header(&asset, "cache-control") == "public, max-age=31536000, immutable",
            "{asset:?}"
        );
        ensure!(header(&asset, "content-encoding") == "br", "{asset:?}");
        let (_, gzip_only) = get(origin, &format!("/{wasm}"), "gzip")?;
        ensure!(
            header(&gzip_only, "content-encoding") == "gzip",
            "{gzip_only:?}"
        );
        let loader = built(site, "loader-", ".js")?;
        let (_, script) = get(origin, &format!("/{loader}"), "br")?;
        ensure!(
            header(&script, "cache-control").contains("immutable"),
            "{script:?}"
        );
        ensure!(
            header(&script, "content-type").contains("javascript"),
            "{script:?}"
        );
        // Every hashed file is immutable, whatever its hash's length
        // (trunk drops leading zeros).
        let boot = built(site, "boot-", ".js")?;
        let (_, script) = get(origin, &format!("/{boot}"), "br")?;
        ensure!(
            header(&script, "cache-control") == "public, max-age=31536000, immutable",
            "{boot}: {script:?}"
        );
        // The first answer's module (boot.js loads it when a reader types
        // into a page as built): kept, precompressed, the right types.
        for (suffix, kind) in [(".js", "javascript"), ("_bg.wasm", "application/wasm")] {
            let file = built(site, "first-answer-", suffix)?;
            let (status, module) = get(origin, &format!("/{file}"), "br")?;
            ensure!(
                status == 200
                    && header(&module, "cache-control") == "public, max-age=31536000, immutable"
                    && header(&module, "content-encoding") == "br"
                    && header(&module, "content-type").contains(kind),
                "{file}: {module:?}"
            );
        }
        // Data: revalidated with an ETag, compressed on the fly.
        let (status, data) = get(origin, "/data/index.json", "gzip")?;
        ensure!(status == 200, "index.json answered {status}");
        ensure!(header(&data, "cache-control") == "no-cache", "{data:?}");
        ensure!(!header(&data, "etag").is_empty(), "{data:?}");
        ensure!(header(&data, "content-encoding") == "gzip", "{data:?}");
        // The compiled index: its manifest revalidated, its build's files
        // kept for a year, served from their brotli copies.
        let (status, manifest) = get(origin, "/data/index/manifest.json", "br")?;
        ensure!(
            status == 200 && header(&manifest, "cache-control") == "no-cache",
            "{manifest:?}"
        );
        let first = newest_teasers(site)?;
        let (status, teasers) = get(origin, &first, "br")?;
        ensure!(
            status == 200
                && header(&teasers, "cache-control") == "public, max-age=31536000, immutable"
                && header(&teasers, "content-encoding") == "br",
            "{first}: {teasers:?}"
        );
        // A file of the build the host does not have (yet) is not kept:
        // Retry asks again.
        let absent = first.replace("/t0.json", "/t999999.json");
        let (status, missing) = get(origin, &absent, "br")?;
        ensure!(
            status == 404 && header(&missing, "cache-control") == "no-cache",
            "{absent}: {missing:?}"
        );
        let (status, config) = get(origin, "/config.json", "")?;
        ensure!(
            status == 200 && header(&config, "cache-control") == "no-cache",
            "{config:?}"
        );
        // Deep links are the app; a missing data file is a plain 404.
        let (status, deep) = get(origin, "/category/peru", "")?;
        ensure!(
            status == 200 && header(&deep, "content-type").starts_with("text/html"),
            "{deep:?}"
        );
        let (status, _) = get(origin, "/data/articles/no-such-article.json", "")?;
        ensure!(status == 404, "a missing article file answered {status}");
        Ok(())
    }

    /// The shipped Caddyfile, run by Debian's Caddy, serves the build as
    /// the shipped nginx configuration does, and the app runs on it: a deep
    /// link to an article with no page built for it, and an unknown
    /// article.
    pub async fn the_caddyfile_serves_it_as_nginx_does(
        _site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let caddy = Site::start_caddy("", "BROADSHEET_DIST", "dist")?;
        served_as_shipped(&caddy)?;
        std::fs::remove_dir_all(caddy.served("articles/explosive-protests-rock-peru"))?;
        browser
            .open(&caddy.url("/articles/explosive-protests-rock-peru"))
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        browser.client.refresh().await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        browser
            .open(&caddy.url("/articles/no-such-article"))
            .await?;
        browser.wait_for_heading("Page not found").await?;
        // Under a sub-path, as docs/deploy.md says.
        let news = Site::start_caddy("/news", "BROADSHEET_DIST_NEWS", "dist-news")?;
        let (status, _) = get(&news.origin, "/news/data/no-such-file.json", "")?;
        ensure!(
            status == 404,
            "a missing data file under /news/ answered {status}"
        );
        browser.open(&news.url("/category/peru")).await?;
        browser.wait_for_heading("Peru").await?;
        browser.teaser_titles(4).await?;
        browser.open(&news.url("/articles/no-such-article")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }

    /// An unknown article is the not-found view, and a known one opens, on
    /// every kind of host: the shipped nginx configuration, one answering
    /// every missing path (files too) with index.html and a 200, one with
    /// 404.html, and one redirecting a folder to its trailing slash.
    pub async fn an_unknown_article_is_not_found_on_every_host(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let any_path = Site::start_with("", "BROADSHEET_DIST", "dist", Fallback::IndexHtmlForAll)?;
        let not_found = Site::start_with("", "BROADSHEET_DIST", "dist", Fallback::NotFoundPage)?;
        let folders = Site::start_with("", "BROADSHEET_DIST", "dist", Fallback::FolderRedirect)?;
        let (status, headers) = get(&any_path.origin, "/data/articles/no-such-article.json", "")?;
        ensure!(
            status == 200 && header(&headers, "content-type").starts_with("text/html"),
            "this host answers a missing file with its page: {status} {headers:?}"
        );
        let (status, headers) = get(
            &folders.origin,
            "/articles/explosive-protests-rock-peru",
            "",
        )?;
        ensure!(
            status == 301
                && header(&headers, "location")
                    .ends_with("/articles/explosive-protests-rock-peru/"),
            "this host redirects a folder to its trailing slash: {status} {headers:?}"
        );
        for host in [site, &any_path, &not_found, &folders] {
            let origin = &host.origin;
            browser.open(&host.url("/articles/no-such-article")).await?;
            browser
                .wait_for_heading("Page not found")
                .await
                .with_context(|| format!("an unknown article on {origin}"))?;
            browser
                .open(&host.url("/articles/explosive-protests-rock-peru"))
                .await?;
            browser
                .wait_for_heading("Explosive Protests Rock Peru")
                .await
                .with_context(|| format!("an article on {origin}"))?;
            browser
                .wait_for_article_body()
                .await
                .with_context(|| format!("an article on {origin}"))?;
        }
        // After the redirect, the article's address ends in a slash; its
        // links still lead where they should.
        ensure!(
            browser.path().await? == "/articles/explosive-protests-rock-peru/",
            "{}",
            browser.path().await?
        );
        browser.open(&folders.url("/category/peru")).await?;
        browser.wait_for_heading("Peru").await?;
        browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        // A missing index on the host that answers with its page: named,
        // and said to be a web page rather than "not valid JSON".
        std::fs::remove_file(any_path.served("data/index.json"))?;
        std::fs::remove_dir_all(any_path.served("data/index"))?;
        browser.open(&any_path.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains("data/index.json: the host answered with a web page, not this file"),
            "{alert}"
        );
        for host in [&any_path, &not_found, &folders] {
            let errors = host.unexpected_errors()?;
            let errors: Vec<&String> = errors
                .iter()
                .filter(|e| !e.contains("/articles/no-such-article "))
                .collect();
            ensure!(errors.is_empty(), "{}: {errors:?}", host.origin);
        }
        Ok(())
    }

    /// A request the page's own Content-Security-Policy refuses (an API
    /// whose origin is not in connect-src) says so, rather than that the
    /// server could not be reached.
    pub async fn a_request_the_policy_refuses_says_so(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.use_api("http://localhost:9", "")?;
        site.expect_violation("connect-src");
        browser.open(&site.url("/")).await?;
        let alert = browser.alert().await?;
        site.restore("config.json")?;
        // Chromium prints the refusal in the console too: expected here.
        browser.console_errors().await?;
        ensure!(
            alert.contains("http://localhost:9/teasers?")
                && alert.contains(
                    ": this page's Content-Security-Policy refused the request (connect-src)"
                ),
            "{alert}"
        );
        Ok(())
    }

    /// How many requests the page made for each of `paths`, and whether
    /// `public/boot.js` still holds an answer for one (the app never took
    /// it).
    async fn requests_for(browser: &Browser, paths: &[&str]) -> anyhow::Result<Vec<String>> {
        let seen = browser
            .client
            .execute(
                r#"const paths = performance.getEntriesByType("resource")
                       .map((entry) => new URL(entry.name).pathname);
                   const signal = new AbortController().signal;
                   return arguments[0].map((path) => {
                       const held = broadsheetEarly.take(path.slice(1), signal);
                       return path + " " + paths.filter((p) => p === path).length
                           + (held ? " (never taken)" : "");
                   });"#,
                vec![paths.to_vec().into()],
            )
            .await?;
        Ok(seen
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect())
    }

    /// The path of the newest teasers' file of the build's compiled index.
    fn newest_teasers(site: &Site) -> anyhow::Result<String> {
        use broadsheet_core::compiled::{parse_manifest, Shard, MANIFEST};
        let bytes = std::fs::read(site.dist_file("data/index/manifest.json"))?;
        let manifest = parse_manifest(&bytes, MANIFEST)?;
        Ok(format!(
            "/data/index/{}",
            Shard::Teasers(0).path(&manifest.build)
        ))
    }

    /// The data's first requests start from `public/boot.js`, before the
    /// app, and the app takes their answers rather than asking again.
    pub async fn the_first_data_requests_start_early_and_are_made_once(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let newest = newest_teasers(site)?;
        browser.open(&site.url("/")).await?;
        browser.teaser_titles(5).await?;
        let on_home = [
            "/config.json",
            "/data/index/manifest.json",
            &newest,
            "/data/index.json",
        ];
        let seen = requests_for(browser, &on_home).await?;
        // The compiled index's manifest and first teasers, never the whole
        // index.
        let expected = [
            "/config.json 1".to_owned(),
            "/data/index/manifest.json 1".to_owned(),
            format!("{newest} 1"),
            "/data/index.json 0".to_owned(),
        ];
        ensure!(seen == expected, "on /: {seen:?}");
        let slug = "explosive-protests-rock-peru";
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        browser.wait_for_article_body().await?;
        let article = format!("/data/articles/{slug}.json");
        let seen = requests_for(
            browser,
            &["/config.json", "/data/index/manifest.json", &article],
        )
        .await?;
        let expected = [
            "/config.json 1".to_owned(),
            "/data/index/manifest.json 1".to_owned(),
            format!("{article} 1"),
        ];
        ensure!(seen == expected, "on the article: {seen:?}");
        Ok(())
    }

    /// The page's colours, as the browser computes them: its styles
    /// applied (the browser's own would be white and black).
    async fn page_background(browser: &Browser) -> anyhow::Result<String> {
        let colour = browser
            .client
            .execute(
                "return getComputedStyle(document.documentElement).backgroundColor",
                vec![],
            )
            .await?;
        Ok(colour.as_str().unwrap_or_default().to_owned())
    }

    /// Under the shipped policy the pages are styled: a listing by its
    /// inline styles (allowed by the page's own policy, by their hash), an
    /// article's page by the linked style sheet; and the inline head
    /// script (allowed by its hash in the header) applies a saved theme.
    /// A refusal the header reports fails every scenario; the page's own
    /// policy reports nowhere, so the styles are checked here.
    pub async fn the_pages_styles_and_head_script_apply_under_the_policy(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        const LIGHT: &str = "rgb(253, 252, 248)";
        const DARK: &str = "rgb(22, 21, 15)";
        for (path, inline) in [
            ("/", true),
            ("/category/latin-america", true),
            ("/articles/explosive-protests-rock-peru", false),
        ] {
            browser.open(&site.url(path)).await?;
            let carried = browser
                .client
                .execute(
                    "return [!!document.querySelector('head style'), \
                             !!document.querySelector('link[rel=stylesheet]')]",
                    vec![],
                )
                .await?;
            ensure!(
                carried == serde_json::json!([inline, !inline]),
                "{path}: [inline styles, linked style sheet] {carried}, expected inline: {inline}"
            );
            let background = eventually(&format!("{path} styled"), || async {
                let colour = page_background(browser).await?;
                Ok((colour == LIGHT).then_some(colour))
            })
            .await?;
            ensure!(background == LIGHT, "{path}: {background}");
        }
        browser.save_theme(Some("dark")).await?;
        browser.open(&site.url("/")).await?;
        let theme = browser.shown_theme().await?;
        let background = page_background(browser).await?;
        browser.save_theme(None).await?;
        ensure!(theme == "dark", "the saved theme: {theme:?}");
        ensure!(
            background == DARK,
            "the dark theme's background: {background}"
        );
        Ok(())
    }

    pub async fn a_deep_link_reloads_on_an_index_html_host(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/category/peru?year=2022")).await?;
        browser.wait_for_heading("Peru").await?;
        browser.teaser_titles(2).await?;
        browser.client.refresh().await?;
        browser.wait_for_heading("Peru").await?;
        let titles = browser.teaser_titles(2).await?;
        ensure!(titles[1] == "Explosive Protests Rock Peru", "{titles:?}");
        Ok(())
    }

    pub async fn a_deep_link_reloads_on_a_404_html_host(
        _site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let host = Site::start_with("", "BROADSHEET_DIST", "dist", Fallback::NotFoundPage)?;
        // A prerendered build has a page for it: take that away, as for
        // an article added since the build.
        let built = host.served("articles/explosive-protests-rock-peru");
        if built.exists() {
            std::fs::remove_dir_all(&built)?;
        }
        let (status, _) = get(&host.origin, "/articles/explosive-protests-rock-peru", "")?;
        ensure!(
            status == 404,
            "this host answers unknown paths with 404.html, got {status}"
        );
        browser
            .open(&host.url("/articles/explosive-protests-rock-peru"))
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        browser.client.refresh().await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        browser.open(&host.url("/tag/coup")).await?;
        browser.wait_for_heading("Coup").await?;
        browser.teaser_titles(3).await?;
        Ok(())
    }

    pub async fn a_sub_path_build_works_under_its_path(
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
        let titles = browser.teaser_titles(5).await?;
        ensure!(titles[0] == FIRST, "{titles:?}");
        // Links stay under /news: a category label, then a filter, then an
        // article, then a reload of the deep link.
        browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("a[data-category=peru]"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading("Peru").await?;
        ensure!(
            browser.path().await? == "/news/category/peru",
            "{}",
            browser.path().await?
        );
        let year = browser.client.find(Locator::Id("filter-year")).await?;
        eventually("the 2022 option", || async {
            let options = year.find_all(Locator::Css("option[value='2022']")).await?;
            Ok((!options.is_empty()).then_some(()))
        })
        .await?;
        year.select_by_value("2022").await?;
        eventually("the filtered URL", || async {
            let path = browser.path().await?;
            Ok((path == "/news/category/peru?year=2022").then_some(()))
        })
        .await?;
        browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        // The article's URL carries the results it was opened from.
        let opened = browser.path().await?;
        ensure!(
            opened == "/news/articles/explosive-protests-rock-peru?category=peru&year=2022&from=category",
            "{opened}"
        );
        browser.client.refresh().await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        // The data came from under the sub-path, and nothing asked the root.
        let requests = browser
            .client
            .execute(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)",
                vec![],
            )
            .await?;
        let outside: Vec<String> = requests
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str())
                    .filter(|p| !p.starts_with("/news/"))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        ensure!(outside.is_empty(), "requests outside /news/: {outside:?}");
        browser.open(&news.url("/nowhere")).await?;
        browser.wait_for_heading("Page not found").await?;
        // A search typed into the page as built is answered under /news/
        // before the app starts (held back here: the page without the
        // script that starts it), its links under /news/ too.
        news.hold_back_app("index.html")?;
        browser.client.goto(&news.url("/")).await?;
        let search = browser.client.find(Locator::Css("input#filter-q")).await?;
        search.click().await?;
        search.send_keys("explosive").await?;
        let links = eventually("the first answer under /news/", || async {
            let links = browser
                .client
                .execute(
                    r#"const card = document.querySelector("[data-teaser]");
                       return card && card.getAttribute("data-teaser") === "explosive-protests-rock-peru"
                         ? [...card.querySelectorAll("a")].map((a) => a.getAttribute("href"))
                         : null;"#,
                    vec![],
                )
                .await?;
            Ok(links.as_array().map(|a| {
                a.iter()
                    .filter_map(|l| l.as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            }))
        })
        .await?;
        ensure!(
            links.contains(&"/news/articles/explosive-protests-rock-peru?q=explosive".to_owned())
                && links.iter().any(|l| l.starts_with("/news/category/"))
                && links.iter().any(|l| l.starts_with("/news/author/"))
                && links.iter().all(|l| l.starts_with("/news/")),
            "the first answer's links: {links:?}"
        );
        let errors = news.unexpected_errors()?;
        ensure!(errors.is_empty(), "under /news/: {errors:?}");
        Ok(())
    }

    /// The checks every scenario ends with see what the policy refuses: a
    /// page with an inline script and an inline style is reported by the
    /// browser (and in Chromium, shown in the console), and its script
    /// never runs.
    pub async fn a_policy_violation_is_caught(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put(
            "csp-probe.html",
            b"<!DOCTYPE html><html lang=\"en\"><title>probe</title>\
              <script>document.title = 'ran'</script><p style=\"color: red\">probe</p></html>",
        )?;
        browser.client.goto(&site.url("/csp-probe.html")).await?;
        let reports = eventually("the browser to report both refusals", || async {
            let reports = site.csp_violations();
            Ok((reports.len() >= 2).then_some(reports))
        })
        .await?;
        ensure!(
            reports.iter().any(|r| r.starts_with("script-src")),
            "{reports:?}"
        );
        ensure!(
            reports.iter().any(|r| r.starts_with("style-src")),
            "{reports:?}"
        );
        ensure!(browser.title().await? == "probe", "the inline script ran");
        let errors = site.unexpected_errors()?;
        ensure!(
            errors
                .iter()
                .filter(|e| e.starts_with("CSP violation: "))
                .count()
                >= 2,
            "{errors:?}"
        );
        if crate::support::browser::engine() == "chromium" {
            let console = browser.console_errors().await?;
            ensure!(
                console
                    .iter()
                    .any(|m| m.contains("Content Security Policy")),
                "{console:?}"
            );
        }
        site.remove("csp-probe.html")
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "responses carry caching, compression and security headers" => scenarios::responses_carry_caching_compression_and_security_headers,
    "the first data requests start early and are made once" => scenarios::the_first_data_requests_start_early_and_are_made_once,
    "a deep link reloads on an index.html host" => scenarios::a_deep_link_reloads_on_an_index_html_host,
    "a deep link reloads on a 404.html host" => scenarios::a_deep_link_reloads_on_a_404_html_host,
    "a sub-path build works under its path" => scenarios::a_sub_path_build_works_under_its_path,
    "a policy violation is caught" => scenarios::a_policy_violation_is_caught,
    "the page's styles and head script apply under the policy" => scenarios::the_pages_styles_and_head_script_apply_under_the_policy,
    "the Caddyfile serves it as nginx does" => scenarios::the_caddyfile_serves_it_as_nginx_does,
    "an unknown article is not found on every host" => scenarios::an_unknown_article_is_not_found_on_every_host,
    "a request the policy refuses says so" => scenarios::a_request_the_policy_refuses_says_so,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
