//! End to end at scale: a generated 10,000-article archive compiled into
//! the static index, served by nginx. A deep page, a filter, a search, an
//! archive page and an article each show exactly what the catalog answers
//! over the whole archive, and load a bounded number of the index's files
//! (counted from the browser's resource timing), never `index.json`.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use std::sync::OnceLock;

    use anyhow::{anyhow, ensure};
    use broadsheet_core::compiled::{DIRECTORY, MANIFEST};
    use broadsheet_core::count::showing;
    use broadsheet_core::{parse_index, synthetic, Catalog, Query};

    use crate::support::grid::{expect_option, pick, wait_status};
    use crate::support::{eventually, Browser, Site};

    /// Where the archive is served.
    const BUNDLE: &str = "scale/";
    const ARTICLES: usize = 10_000;

    /// The archive and its catalog: what every answer is held to.
    fn archive() -> &'static (synthetic::Archive, Catalog) {
        static ARCHIVE: OnceLock<(synthetic::Archive, Catalog)> = OnceLock::new();
        ARCHIVE.get_or_init(|| {
            let archive = synthetic::generate(ARTICLES, 19);
            let index = parse_index(archive.index.as_bytes(), "index.json")
                .unwrap_or_else(|error| panic!("the synthetic index reads: {error}"));
            (archive, Catalog::new(index))
        })
    }

    fn catalog() -> &'static Catalog {
        &archive().1
    }

    /// Serves the archive with its compiled index and points
    /// `config.json` at it.
    fn serve(site: &Site) -> anyhow::Result<()> {
        site.serve_compiled(BUNDLE, &archive().0, catalog(), 40)
    }

    /// The files of the bundle this page loaded, by kind: how many of the
    /// index's teaser, word, long words' rest, archive, column, vocabulary
    /// and bucket files,
    /// and whether `index.json` was among them.
    #[derive(Debug, Default, PartialEq)]
    struct Loaded {
        manifest: usize,
        teasers: usize,
        words: usize,
        rests: usize,
        archives: usize,
        columns: usize,
        vocabularies: usize,
        buckets: usize,
        whole_index: usize,
        /// Every file's name, for messages.
        files: Vec<String>,
    }

    async fn loaded(browser: &Browser) -> anyhow::Result<Loaded> {
        let entries = browser
            .client
            .execute(
                r#"return performance.getEntriesByType("resource")
                       .map((e) => [new URL(e.name).pathname]);"#,
                vec![],
            )
            .await?;
        let mut found = Loaded::default();
        for entry in entries.as_array().into_iter().flatten() {
            found.files.push(
                entry[0]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            );
            let path = entry[0].as_str().unwrap_or_default();
            let Some(file) = path.strip_prefix(&format!("/{BUNDLE}")) else {
                continue;
            };
            let name = file.rsplit('/').next().unwrap_or_default();
            if !file.starts_with(DIRECTORY) && file != "index.json" {
                continue;
            }
            let slot = match name.as_bytes().first() {
                _ if file == "index.json" => &mut found.whole_index,
                _ if name == MANIFEST => &mut found.manifest,
                _ if file.contains("/p-") => &mut found.archives,
                Some(b't') => &mut found.teasers,
                Some(b'h') => &mut found.words,
                Some(b'r') => &mut found.rests,
                Some(b'c') => &mut found.columns,
                Some(b'v') => &mut found.vocabularies,
                Some(b'a') => &mut found.buckets,
                _ => continue,
            };
            *slot += 1;
        }
        Ok(found)
    }

    /// Opens `path` and waits for the page of results the catalog gives
    /// for `query`: its status and its titles in order.
    async fn expect_results(
        site: &Site,
        browser: &Browser,
        path: &str,
        query: &Query,
    ) -> anyhow::Result<Loaded> {
        let expected = catalog().run(&catalog().known(query));
        browser.open(&site.url(path)).await?;
        wait_status(
            browser,
            &showing(expected.total, expected.page, query.per_page),
        )
        .await?;
        let titles: Vec<String> = expected.teasers.iter().map(|t| t.title.clone()).collect();
        eventually(&format!("the titles of {path}"), || async {
            let shown = browser.teaser_titles(titles.len()).await?;
            Ok((shown == titles).then_some(()))
        })
        .await?;
        let found = loaded(browser).await?;
        ensure!(
            found.whole_index == 0,
            "{path} loaded index.json: {found:?}"
        );
        ensure!(found.manifest == 1, "{path}: {found:?}");
        // A compiled index needs only the smaller build of the app.
        let app = browser.app_build().await?;
        ensure!(
            app.as_deref() == Some("broadsheet-index"),
            "{path} loaded the app {app:?}"
        );
        Ok(found)
    }

    fn query(text: &str) -> Query {
        Query::from_url(text)
    }

    pub async fn the_first_and_a_deep_page_load_one_or_two_teaser_files(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        serve(site)?;
        let first = expect_results(site, browser, "/", &Query::default()).await?;
        // The facet menus' vocabularies follow the results; nothing else.
        ensure!(
            first.files.iter().any(|f| f == "t0.json")
                && first.teasers == 1
                && first.words == 0
                && first.columns == 0
                && first.archives == 0,
            "the first page: {first:?}"
        );
        let deep = expect_results(site, browser, "/?page=700", &query("page=700")).await?;
        ensure!(
            deep.teasers <= 2 && deep.words == 0 && deep.columns == 0,
            "page 700: {deep:?}"
        );
        let oldest = expect_results(
            site,
            browser,
            "/?sort=oldest&page=3",
            &query("sort=oldest&page=3"),
        )
        .await?;
        ensure!(oldest.teasers <= 2, "oldest first: {oldest:?}");
        Ok(())
    }

    pub async fn a_search_loads_its_words_and_shows_the_catalogs_answer(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        serve(site)?;
        // A word of a title deep in the archive, typed without accents
        // and cut short.
        let title = &catalog().index().teasers[7_321].title;
        let word = broadsheet_core::search::terms(title)
            .into_iter()
            .find(|w| w.len() >= 5)
            .ok_or_else(|| anyhow!("no long word in {title:?}"))?;
        let typed = &word[..4];
        let path = format!("/?q={typed}&sort=relevance");
        let search = expect_results(site, browser, &path, &query(&path[2..])).await?;
        // No facet counts until the reader goes to the menus, and of a
        // long word only what its word file keeps (unless the words
        // starting with what was typed run over two word files).
        ensure!(
            search.words <= 2
                && (search.rests == 0 || search.words == 2)
                && search.teasers <= 12
                && search.archives == 0
                && search.columns == 0,
            "{path}: {search:?}"
        );
        // The facet counts under the search are the catalog's, once the
        // reader is in the menus.
        let facets = &catalog().run(&catalog().known(&query(&path[2..]))).facets;
        let category = facets
            .categories
            .iter()
            .find(|c| c.count.unwrap_or_default() > 0)
            .ok_or_else(|| anyhow!("no category has a match"))?;
        let text = format!("{} ({})", category.name, category.count.unwrap_or_default());
        expect_option(browser, "Category", &category.slug, &text, false).await?;
        Ok(())
    }

    pub async fn combined_filters_and_an_archive_page_are_the_catalogs(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        serve(site)?;
        let index = catalog().index();
        let author = &index.teasers[4_000].authors[0];
        let year = index.teasers[4_000].date.year();
        let path = format!("/author/{}?year={year}", author.slug);
        let mut asked = query(&format!("year={year}"));
        asked.author = Some(author.slug.clone());
        let found = expect_results(site, browser, &path, &asked).await?;
        browser.wait_for_heading(&author.name).await?;
        ensure!(
            found.archives == 1 && found.teasers <= 12 && found.words == 0,
            "{path}: {found:?}"
        );
        let category = &index.categories[3];
        let path = format!("/category/{}", category.slug);
        let asked = Query {
            category: Some(category.slug.clone()),
            ..Query::default()
        };
        let found = expect_results(site, browser, &path, &asked).await?;
        browser.wait_for_heading(&category.name).await?;
        ensure!(
            found.archives == 1 && found.teasers <= 12,
            "{path}: {found:?}"
        );
        // The tag menu's counts under the category are the catalog's.
        let facets = &catalog().run(&asked).facets;
        let tag = facets
            .tags
            .iter()
            .max_by_key(|t| t.count)
            .ok_or_else(|| anyhow!("no tags"))?;
        let text = format!("{} ({})", tag.name, tag.count.unwrap_or_default());
        expect_option(browser, "Tag", &tag.slug, &text, false).await?;
        // A tag far below the top ten is found by typing its name, and
        // picking it shows the catalog's count.
        let rare = facets
            .tags
            .iter()
            .filter(|t| t.count.is_some_and(|n| n > 0))
            .min_by_key(|t| t.count)
            .ok_or_else(|| anyhow!("no tags"))?;
        pick(browser, "Tag", &rare.slug).await?;
        let mut both = asked.clone();
        both.tag = Some(rare.slug.clone());
        let expected = catalog().run(&both);
        wait_status(
            browser,
            &showing(expected.total, expected.page, both.per_page),
        )
        .await?;
        // An archive the data does not have is the not-found view.
        browser.open(&site.url("/tag/no-such-tag")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }

    pub async fn an_article_knows_its_place_and_relations(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        serve(site)?;
        let (slug, _) = &archive().0.articles[17];
        let category = &catalog()
            .index()
            .teaser(slug)
            .ok_or_else(|| anyhow!("{slug}"))?
            .categories[0];
        let asked = query(&format!("category={}", category.slug));
        let around = catalog()
            .around(&asked, slug)
            .ok_or_else(|| anyhow!("{slug} is not in its category"))?;
        browser
            .open(&site.url(&format!("/articles/{slug}?category={}", category.slug)))
            .await?;
        let expected = format!(
            "Article {} of {} in these results",
            around.position, around.total
        );
        eventually("the article's place", || async {
            let text = browser.text("[data-position]").await.unwrap_or_default();
            Ok((text.trim() == expected).then_some(()))
        })
        .await?;
        let related: Vec<String> = catalog()
            .related(slug, broadsheet_core::catalog::RELATED)
            .iter()
            .map(|t| t.slug.clone())
            .collect();
        let shown = eventually("the related articles", || async {
            let items = browser
                .client
                .find_all(fantoccini::Locator::Css("[data-related]"))
                .await?;
            let mut slugs = Vec::new();
            for item in items {
                slugs.push(item.attr("data-related").await?.unwrap_or_default());
            }
            Ok((!slugs.is_empty()).then_some(slugs))
        })
        .await?;
        ensure!(shown == related, "related {shown:?}, expected {related:?}");
        let found = loaded(browser).await?;
        ensure!(
            found.whole_index == 0
                && found.buckets == 1
                && found.archives == 1
                && found.teasers <= 5,
            "the article: {found:?}"
        );
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "the first and a deep page load one or two teaser files" => scenarios::the_first_and_a_deep_page_load_one_or_two_teaser_files,
    "a search loads its words and shows the catalog's answer" => scenarios::a_search_loads_its_words_and_shows_the_catalogs_answer,
    "combined filters and an archive page are the catalog's" => scenarios::combined_filters_and_an_archive_page_are_the_catalogs,
    "an article knows its place and relations" => scenarios::an_article_knows_its_place_and_relations,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
