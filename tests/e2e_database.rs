//! End to end: the app, unchanged, reading broadsheet-server on a real
//! PostgreSQL (a throwaway cluster run as plain processes). Two copies
//! behind nginx with the shipped deploy/nginx-api.conf: the grid, a
//! search, paging and an article equal the bundle catalog's answers, and
//! one copy killed while readers load pages costs no reader a request. A
//! database that goes away is a message naming it, with Retry, and Retry
//! works once it is back, without restarting the server.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::io::{Read, Write};
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use anyhow::{anyhow, ensure};
    use broadsheet_core::count::showing;
    use broadsheet_core::{Catalog, Query};
    use broadsheet_server::scratch::Scratch;
    use fantoccini::Locator;

    use crate::support::{eventually, grid, ApiServer, Balancer, Browser, Site};

    const PAGE: u32 = 12;

    /// A generated archive of `articles` in a new folder.
    fn generated(articles: usize) -> anyhow::Result<tempfile::TempDir> {
        let dir = tempfile::tempdir()?;
        let archive = broadsheet_core::synthetic::generate(articles, 11);
        std::fs::create_dir(dir.path().join("articles"))?;
        std::fs::write(dir.path().join("index.json"), archive.index)?;
        for (slug, file) in archive.articles {
            std::fs::write(dir.path().join(format!("articles/{slug}.json")), file)?;
        }
        Ok(dir)
    }

    fn catalog(dir: &Path) -> anyhow::Result<Catalog> {
        Ok(broadsheet_server::load(dir)?.catalog)
    }

    /// The titles the catalog shows for `query`.
    fn titles(catalog: &Catalog, query: &Query) -> Vec<String> {
        catalog
            .run(query)
            .teasers
            .iter()
            .map(|t| t.title.clone())
            .collect()
    }

    /// Readers asking the balancer for pages, searches and articles, as
    /// fast as they are answered, until stopped: how many answers, and
    /// those that were not 200.
    struct Load {
        stop: Arc<AtomicBool>,
        answered: Arc<AtomicUsize>,
        failed: Arc<Mutex<Vec<String>>>,
        readers: Vec<std::thread::JoinHandle<()>>,
    }

    impl Load {
        fn start(port: u16, paths: Vec<String>, readers: usize) -> Self {
            let stop = Arc::new(AtomicBool::new(false));
            let answered = Arc::new(AtomicUsize::new(0));
            let failed = Arc::new(Mutex::new(Vec::new()));
            let paths = Arc::new(paths);
            let readers = (0..readers)
                .map(|reader| {
                    let (stop, answered, failed, paths) = (
                        stop.clone(),
                        answered.clone(),
                        failed.clone(),
                        paths.clone(),
                    );
                    std::thread::spawn(move || {
                        let mut at = reader;
                        while !stop.load(Ordering::Relaxed) {
                            let path = &paths[at % paths.len()];
                            at += 1;
                            match status(port, path) {
                                Ok(200) => {}
                                Ok(other) => lock(&failed).push(format!("{path}: {other}")),
                                Err(error) => lock(&failed).push(format!("{path}: {error}")),
                            }
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                    })
                })
                .collect();
            Load {
                stop,
                answered,
                failed,
                readers,
            }
        }

        fn answered(&self) -> usize {
            self.answered.load(Ordering::Relaxed)
        }

        /// Waits until `more` answers have arrived since now.
        async fn wait_for(&self, more: usize) -> anyhow::Result<()> {
            let target = self.answered() + more;
            eventually(&format!("{more} more answers"), || async {
                Ok((self.answered() >= target).then_some(()))
            })
            .await
        }

        /// Stops the readers: the answers in all, and the failures.
        fn finish(self) -> (usize, Vec<String>) {
            self.stop.store(true, Ordering::Relaxed);
            for reader in self.readers {
                let _ = reader.join();
            }
            let failed = lock(&self.failed).clone();
            (self.answered.load(Ordering::Relaxed), failed)
        }
    }

    fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        mutex
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The status of `GET path` from 127.0.0.1:`port`, its body read.
    fn status(port: u16, path: &str) -> anyhow::Result<u16> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        let head = String::from_utf8_lossy(&answer[..answer.len().min(64)]).into_owned();
        head.split_whitespace()
            .nth(1)
            .and_then(|status| status.parse().ok())
            .ok_or_else(|| anyhow!("no HTTP answer: {head:?}"))
    }

    pub async fn two_copies_behind_a_balancer_lose_no_reader_when_one_dies(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let archive = generated(2000)?;
        let catalog = catalog(archive.path())?;
        let database = Scratch::start()?;
        ApiServer::import(archive.path(), &database.url())?;
        let mut first = ApiServer::on_database(&database.url(), 2000)?;
        let second = ApiServer::on_database(&database.url(), 2000)?;
        let balancer = Balancer::start(&[first.port, second.port])?;
        site.use_api(&balancer.origin, "")?;

        // The home grid, as the catalog lists it.
        let home = Query::default();
        let expected = titles(&catalog, &home);
        browser.open(&site.url("/")).await?;
        let shown = browser.teaser_titles(expected.len()).await?;
        ensure!(
            shown == expected,
            "home grid {shown:?}, expected {expected:?}"
        );

        // Readers load pages, searches and articles meanwhile.
        let index = catalog.index();
        let word = index.teasers[0]
            .title
            .split_whitespace()
            .next()
            .unwrap_or("a")
            .to_owned();
        let mut paths = vec![
            "/teasers?per_page=12".to_owned(),
            format!("/teasers?q={}&per_page=12", urlencode(&word)),
            "/teasers?page=40&per_page=12".to_owned(),
        ];
        for category in index.categories.iter().take(3) {
            paths.push(format!("/teasers?category={}&per_page=12", category.slug));
        }
        for teaser in index.teasers.iter().step_by(300) {
            paths.push(format!("/articles/{}", teaser.slug));
        }
        let load = Load::start(balancer.port, paths, 6);
        load.wait_for(100).await?;

        // One copy dies mid-load; the reader searches and pages on.
        first.kill()?;
        let searched = Query {
            text: Some(word.clone()),
            ..Query::default()
        };
        let results = catalog.run(&searched);
        grid::search(browser, &word).await?;
        grid::wait_status(browser, &showing(results.total, 1, PAGE)).await?;
        let expected = titles(&catalog, &searched);
        let shown = browser.teaser_titles(expected.len()).await?;
        ensure!(
            shown == expected,
            "search {word:?}: {shown:?}, expected {expected:?}"
        );
        load.wait_for(200).await?;

        let second_page = Query {
            page: 2,
            ..searched.clone()
        };
        browser
            .client
            .find(Locator::Css("nav[aria-label=Pages] a[aria-label='Page 2']"))
            .await?
            .click()
            .await?;
        grid::wait_status(browser, &showing(results.total, 2, PAGE)).await?;
        let expected = titles(&catalog, &second_page);
        let shown = browser.teaser_titles(expected.len()).await?;
        ensure!(
            shown == expected,
            "page 2: {shown:?}, expected {expected:?}"
        );
        let article = &catalog.run(&second_page).teasers[0];
        browser
            .teaser(&article.slug)
            .await?
            .find(Locator::Css("a[data-continue]"))
            .await?
            .click()
            .await?;
        browser.wait_for_heading(&article.title).await?;
        browser.wait_for_article_body().await?;

        let (answered, failed) = load.finish();
        ensure!(
            failed.is_empty(),
            "{} of {answered} reader requests failed: {:?}",
            failed.len(),
            &failed[..failed.len().min(5)]
        );
        let statuses = balancer.statuses();
        // 499: the browser gave up a search the reader had typed on from.
        let bad: Vec<&u16> = statuses
            .iter()
            .filter(|s| **s != 200 && **s != 499)
            .collect();
        ensure!(
            bad.is_empty(),
            "the balancer answered {bad:?} of {}",
            statuses.len()
        );
        // The balancer did meet the dead copy, and went on to the other.
        let errors = balancer.errors();
        ensure!(
            errors.contains("upstream"),
            "nginx never met the killed copy: {errors}"
        );
        println!(
            "    {answered} reader requests and the browser's own, one copy killed: all 200 \
             ({} through the balancer)",
            statuses.len()
        );
        drop(second);
        Ok(())
    }

    fn urlencode(text: &str) -> String {
        url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
    }

    pub async fn a_database_that_goes_away_is_a_message_and_retry_recovers(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let bundle = site.dist_file("data");
        let catalog = catalog(&bundle)?;
        let database = Scratch::start()?;
        ApiServer::import(&bundle, &database.url())?;
        let server = ApiServer::on_database(&database.url(), 1000)?;
        site.use_api(&server.origin, "")?;
        browser.open(&site.url("/")).await?;
        let expected = titles(&catalog, &Query::default());
        let shown = browser.teaser_titles(expected.len()).await?;
        ensure!(shown == expected, "{shown:?}");

        database.halt()?;
        grid::search(browser, "peru").await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains(
                "the server answered 503 Service Unavailable: the database is unavailable ("
            ) && alert.contains("try again"),
            "alert {alert:?}"
        );
        database.resume()?;
        browser.button("Retry").await?.click().await?;
        let searched = Query {
            text: Some("peru".to_owned()),
            ..Query::default()
        };
        if let Err(error) =
            grid::wait_status(browser, &showing(catalog.run(&searched).total, 1, PAGE)).await
        {
            let page = browser.text("main").await.unwrap_or_default();
            return Err(error.context(format!("the page reads {page:?}")));
        }
        let expected = titles(&catalog, &searched);
        let shown = browser.teaser_titles(expected.len()).await?;
        ensure!(shown == expected, "after Retry: {shown:?}");
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "two copies behind a balancer lose no reader when one dies" => scenarios::two_copies_behind_a_balancer_lose_no_reader_when_one_dies,
    "a database that goes away is a message and Retry recovers" => scenarios::a_database_that_goes_away_is_a_message_and_retry_recovers,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
