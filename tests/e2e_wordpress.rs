//! End to end: the app reading a real WordPress (Debian's package behind
//! nginx and PHP-FPM, MariaDB) through its REST API, from another origin —
//! the seed listing, paging, filters, search, archives and articles, both
//! permalink styles, how many requests each view costs, and each way a
//! site can refuse, each with its message and Retry.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use anyhow::{ensure, Context};
    use fantoccini::Locator;
    use serde_json::Value;

    use crate::support::grid::{
        expect_option, marks, pager, pick, search, wait_path, wait_status, wait_titles,
    };
    use crate::support::hostile::{hostile_body_shows_its_text_and_runs_nothing, Served};
    use crate::support::wordpress::{GENERATED, HOSTILE, WITH_IMAGES};
    use crate::support::{eventually, Browser, WithWordPress};

    /// A teaser of the sample bundle: what the seeded WordPress holds
    /// besides its generated posts.
    struct Sample {
        title: String,
        date: String,
        authors: Vec<String>,
        categories: Vec<String>,
        tags: Vec<String>,
    }

    /// The sample bundle's teasers, newest first.
    fn sample(site: &WithWordPress) -> anyhow::Result<Vec<Sample>> {
        let index: Value =
            serde_json::from_slice(&std::fs::read(site.dist_file("data/index.json"))?)?;
        let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        let strings = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        Ok(index["teasers"]
            .as_array()
            .context("the sample index lists no teasers")?
            .iter()
            .map(|t| Sample {
                title: text(&t["title"]),
                date: text(&t["date"]),
                authors: strings(&t["authors"]),
                categories: strings(&t["categories"]),
                tags: strings(&t["tags"]),
            })
            .collect())
    }

    /// The sample's titles whose teaser `keep` accepts, newest first.
    fn titles_where(
        site: &WithWordPress,
        keep: impl Fn(&Sample) -> bool,
    ) -> anyhow::Result<Vec<String>> {
        Ok(sample(site)?
            .into_iter()
            .filter(|t| keep(t))
            .map(|t| t.title)
            .collect())
    }

    /// Every teaser's whole text, in page order, once there are `count`.
    async fn teaser_texts(browser: &Browser, count: usize) -> anyhow::Result<Vec<String>> {
        browser.teaser_titles(count).await?;
        let mut texts = Vec::new();
        for teaser in browser
            .client
            .find_all(Locator::Css("article[data-teaser]"))
            .await?
        {
            texts.push(teaser.text().await?);
        }
        Ok(texts)
    }

    /// Requests the browser made to the WordPress servers so far (their
    /// shared access log), REST API requests only.
    fn rest_requests(site: &WithWordPress) -> Vec<String> {
        site.wordpress()
            .access_log()
            .into_iter()
            .filter(|line| line.contains("/wp-json/") || line.contains("rest_route="))
            .collect()
    }

    pub async fn the_latin_america_archive_is_the_seed_listing(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // The bundle's listing first, as the reference.
        browser.open(&site.url("/category/latin-america")).await?;
        browser.wait_for_heading("Latin America").await?;
        let expected = titles_where(site, |t| t.categories.iter().any(|c| c == "latin-america"))?;
        let from_bundle = teaser_texts(browser, expected.len()).await?;

        site.use_wordpress("pretty", "")?;
        browser.open(&site.url("/category/latin-america")).await?;
        browser.wait_for_heading("Latin America").await?;
        let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;
        // Titles, categories, bylines ("… is a member of …"), dates,
        // excerpts ending in "[…]" and "Continue Reading", as the bundle
        // shows them.
        let from_wordpress = teaser_texts(browser, expected.len()).await?;
        ensure!(
            from_wordpress == from_bundle,
            "WordPress shows {from_wordpress:#?}\nthe bundle {from_bundle:#?}"
        );
        ensure!(from_wordpress.iter().all(|t| t.contains("[…]")));
        wait_status(browser, &format!("Showing {} articles.", expected.len())).await?;
        Ok(())
    }

    pub async fn the_home_grid_pages_through_every_post(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.use_wordpress("pretty", r#""page_size": 12,"#)?;
        let total = GENERATED + HOSTILE + sample(site)?.len();
        let pages = total.div_ceil(12);
        browser.open(&site.url("/")).await?;
        wait_status(browser, &format!("Showing 1–12 of {total} articles.")).await?;
        browser.teaser_titles(12).await?;
        let links = pager(browser).await?;
        ensure!(
            links.iter().any(|(text, _)| *text == pages.to_string()),
            "the pager {links:?} does not reach page {pages}"
        );
        let first = browser.teaser_titles(12).await?;
        browser
            .client
            .find(Locator::XPath(
                "//nav[@aria-label='Pages']//a[normalize-space()='2']",
            ))
            .await?
            .click()
            .await?;
        wait_path(browser, "/?page=2").await?;
        wait_status(browser, &format!("Showing 13–24 of {total} articles.")).await?;
        let second = browser.teaser_titles(12).await?;
        ensure!(
            first.iter().all(|t| !second.contains(t)),
            "page 2 repeats page 1: {second:?}"
        );
        // Past the last page WordPress answers 400; the last page shows.
        browser.open(&site.url("/?page=999")).await?;
        let from = (pages - 1) * 12 + 1;
        wait_status(
            browser,
            &format!("Showing {from}–{total} of {total} articles."),
        )
        .await?;
        Ok(())
    }

    pub async fn filters_search_and_sort_map_to_wordpress(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.use_wordpress("pretty", "")?;
        browser.open(&site.url("/")).await?;
        browser
            .wait_for_grid(std::time::Duration::from_secs(15))
            .await?;
        // With nothing else chosen, a category's count is WordPress's own.
        let in_latin_america =
            titles_where(site, |t| t.categories.iter().any(|c| c == "latin-america"))?;
        expect_option(
            browser,
            "Category",
            "latin-america",
            &format!("Latin America ({})", in_latin_america.len()),
            false,
        )
        .await?;
        // An author, as a reader picks one.
        pick(browser, "Author", "darragh-odwyer").await?;
        wait_path(browser, "/?author=darragh-odwyer").await?;
        let by_darragh = titles_where(site, |t| t.authors.iter().any(|a| a == "darragh-odwyer"))?;
        let refs: Vec<&str> = by_darragh.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;
        // Under another filter WordPress cannot count a category: no
        // number rather than a made-up one.
        expect_option(browser, "Category", "latin-america", "Latin America", false).await?;

        // A tag and a year together, in the URL.
        let coup_2022 = titles_where(site, |t| {
            t.tags.iter().any(|g| g == "coup") && t.date.starts_with("2022")
        })?;
        browser.open(&site.url("/?tag=coup&year=2022")).await?;
        let refs: Vec<&str> = coup_2022.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;

        // Oldest first within the archive.
        let mut oldest_first = in_latin_america.clone();
        oldest_first.reverse();
        browser
            .open(&site.url("/category/latin-america?sort=oldest"))
            .await?;
        let refs: Vec<&str> = oldest_first.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;

        // Typing in the search box asks WordPress's own search; the words
        // are marked where they show. ("Castillo" is also a tag of
        // another article: WordPress searches text, not tags.)
        browser.open(&site.url("/category/latin-america")).await?;
        browser.teaser_titles(in_latin_america.len()).await?;
        search(browser, "Castillo").await?;
        wait_path(browser, "/category/latin-america?q=Castillo").await?;
        let castillo = titles_where(site, |t| t.title.contains("Castillo"))?;
        let refs: Vec<&str> = castillo.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;
        eventually("the search word marked", || async {
            Ok(marks(browser)
                .await?
                .contains(&"Castillo".to_owned())
                .then_some(()))
        })
        .await?;

        // An archive the site does not have is the not-found view.
        browser.open(&site.url("/tag/no-such-tag")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }

    /// The article's tags as its header links them.
    async fn tag_names(browser: &Browser) -> anyhow::Result<Vec<String>> {
        let mut names = Vec::new();
        for link in browser
            .client
            .find_all(Locator::Css(".article__tags a"))
            .await?
        {
            names.push(link.text().await?);
        }
        Ok(names)
    }

    pub async fn an_article_reads_from_wordpress(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let slug = "peru-mass-revolt-against-coup-continues";
        // The bundle's article as the reference.
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        let title = browser.heading().await?;
        let header = eventually("the article's byline", || async {
            let text = browser.text(".article__header").await?;
            Ok(text.contains("is a member of").then_some(text))
        })
        .await?;
        let mut bundle_tags = tag_names(browser).await?;
        bundle_tags.sort();

        site.use_wordpress("pretty", "")?;
        browser.open(&site.url("/category/latin-america")).await?;
        browser.teaser(slug).await?;
        browser
            .client
            .find(Locator::Css(&format!(
                "article[data-teaser=\"{slug}\"] a[data-continue]"
            )))
            .await?
            .click()
            .await?;
        browser.wait_for_heading(&title).await?;
        ensure!(browser
            .path()
            .await?
            .starts_with(&format!("/articles/{slug}")));
        let body = eventually("the article's body", || async {
            let text = browser.text("[data-article-body]").await?;
            Ok((!text.trim().is_empty()).then_some(text))
        })
        .await?;
        ensure!(body.contains("Sample text."), "the body reads {body:?}");
        // The header as the bundle's: categories, title, byline, date and
        // reading time (from WordPress's text), then the same tags
        // (WordPress lists them by name).
        let wordpress_header = browser.text(".article__header").await?;
        let (before_tags, _) = header.split_once("Tags:").unwrap_or((&header, ""));
        let (wordpress_before_tags, _) = wordpress_header
            .split_once("Tags:")
            .unwrap_or((&wordpress_header, ""));
        ensure!(
            wordpress_before_tags == before_tags
                && wordpress_header.contains("Darragh O’Dwyer is a member of"),
            "WordPress's header {wordpress_header:?}, the bundle's {header:?}"
        );
        let mut tags = tag_names(browser).await?;
        tags.sort();
        ensure!(
            tags == bundle_tags,
            "WordPress's tags {tags:?}, the bundle's {bundle_tags:?}"
        );
        // Opened directly, and a slug the site does not have.
        browser
            .open(&site.url(&format!("/articles/{slug}")))
            .await?;
        browser.wait_for_heading(&title).await?;
        browser.open(&site.url("/articles/no-such-post")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }

    pub async fn a_hostile_post_shows_its_text_and_runs_nothing(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        // Stored as an editor allowed unfiltered HTML wrote it (the seeder
        // turns WordPress's own filter off), served as WordPress renders
        // it: only the app's sanitiser stands between it and the page.
        site.use_wordpress("pretty", "")?;
        hostile_body_shows_its_text_and_runs_nothing(site, browser, Served::Reformatted).await
    }

    pub async fn featured_images_come_with_their_sizes(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.use_wordpress("pretty", "")?;
        // The newest generated posts carry a picture (tests/support/wordpress.rs).
        let mut found = 0;
        for n in 0..WITH_IMAGES {
            let alt = format!("Photo {n}");
            let slug = generated_with_image(site, n)?;
            browser
                .open(&site.url(&format!("/articles/{slug}")))
                .await?;
            // As written in the markup (WebKit's driver answers some
            // attributes with their properties: the width as laid out).
            let attributes = eventually("the featured image", || async {
                let found = browser
                    .client
                    .execute(
                        "const i = document.querySelector('figure.article__image img');
                         return i && ['alt', 'width', 'height', 'src', 'srcset'].map((n) => i.getAttribute(n));",
                        vec![],
                    )
                    .await?;
                Ok(found.as_array().map(|values| {
                    values
                        .iter()
                        .map(|v| v.as_str().unwrap_or_default().to_owned())
                        .collect::<Vec<_>>()
                }))
            })
            .await?;
            let [found_alt, width, height, src, srcset] = attributes.as_slice() else {
                anyhow::bail!("the image's attributes: {attributes:?}");
            };
            ensure!(
                *found_alt == alt && width == "1200" && height == "800",
                "{attributes:?}"
            );
            ensure!(
                src.starts_with(&site.wordpress().url("pretty"))
                    && src.ends_with(&format!("photo-{n}.png")),
                "src {src:?}"
            );
            ensure!(
                srcset.contains(&format!("photo-{n}-300.png 300w"))
                    && srcset.contains(&format!("photo-{n}.png 1200w")),
                "srcset {srcset:?}"
            );
            // The picture really arrives from WordPress's uploads.
            // The picture really arrives from WordPress's uploads and
            // decodes (its natural width, scaled by the srcset's density,
            // rounds to nothing for a one-pixel file).
            let decoded = browser
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     const i = document.querySelector('figure.article__image img');
                     i.decode().then(() => done(i.currentSrc), () => done(null));",
                    vec![],
                )
                .await?;
            ensure!(
                decoded.as_str().is_some_and(|s| s.contains("photo-")),
                "the picture did not load: {decoded:?}"
            );
            found += 1;
        }
        ensure!(found == WITH_IMAGES);
        Ok(())
    }

    /// The slug of the generated post with picture `n`.
    fn generated_with_image(site: &WithWordPress, n: usize) -> anyhow::Result<String> {
        let index: Value = serde_json::from_slice(&std::fs::read(
            site.wordpress().generated().join("index.json"),
        )?)?;
        index["teasers"][n]["slug"]
            .as_str()
            .map(str::to_owned)
            .context("no generated teaser")
    }

    pub async fn both_permalink_styles_work(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let expected = titles_where(site, |t| t.categories.iter().any(|c| c == "latin-america"))?;
        let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
        for (mode, style) in [("pretty", "/wp-json/"), ("plain", "rest_route=")] {
            site.use_wordpress(mode, "")?;
            let before = rest_requests(site).len();
            browser.open(&site.url("/category/latin-america")).await?;
            wait_titles(browser, &refs).await?;
            let made = rest_requests(site)[before..].to_vec();
            // The index is asked once through ?rest_route=/ (every site
            // answers it); every later request uses the site's own style.
            ensure!(
                made.first()
                    .is_some_and(|line| line.contains("GET /?rest_route=/&_fields=")),
                "{mode}: the first request should be the index: {made:#?}"
            );
            let later: Vec<&String> = made.iter().skip(1).collect();
            ensure!(
                !later.is_empty() && later.iter().all(|line| line.contains(style)),
                "{mode}: after the first, requests should use {style}: {made:#?}"
            );
        }
        Ok(())
    }

    pub async fn each_view_after_the_first_is_one_request(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.use_wordpress("pretty", "")?;
        let before = rest_requests(site).len();
        browser.open(&site.url("/")).await?;
        browser
            .wait_for_grid(std::time::Duration::from_secs(15))
            .await?;
        let made = rest_requests(site)[before..].to_vec();
        let first = made.len();
        println!("    first grid view: {first} requests to WordPress");
        // The index once: boot.js starts it before the app, which takes
        // that answer rather than asking again.
        let index = made
            .iter()
            .filter(|line| line.contains("GET /?rest_route=/&_fields="))
            .count();
        ensure!(index == 1, "the index was asked {index} times: {made:#?}");
        // Choosing a filter: one request, whatever the page size.
        let before = rest_requests(site).len();
        pick(browser, "Category", "peru").await?;
        let peru = titles_where(site, |t| t.categories.iter().any(|c| c == "peru"))?;
        let refs: Vec<&str> = peru.iter().map(String::as_str).collect();
        wait_titles(browser, &refs).await?;
        let filtered = rest_requests(site)[before..].to_vec();
        ensure!(filtered.len() == 1, "a filtered view asked {filtered:#?}");
        // Opening an article: one request.
        let before = rest_requests(site).len();
        browser
            .client
            .find(Locator::Css("article[data-teaser] h2 a"))
            .await?
            .click()
            .await?;
        eventually("the article's body", || async {
            let text = browser
                .text("[data-article-body]")
                .await
                .unwrap_or_default();
            Ok((!text.trim().is_empty()).then_some(()))
        })
        .await?;
        let article = rest_requests(site)[before..].to_vec();
        ensure!(article.len() == 1, "an article view asked {article:#?}");
        ensure!(first <= 7, "the first view asked {first} times");
        Ok(())
    }

    /// Points the app at the server behaving as `mode` (or at `url`) and
    /// checks the alert names the site and says `expected`, that Retry
    /// asks again, and that the rest of the page still works.
    async fn refused(
        site: &WithWordPress,
        browser: &Browser,
        url: &str,
        expected: &str,
        logged: bool,
    ) -> anyhow::Result<()> {
        site.put(
            "config.json",
            format!(r#"{{"source": {{"wordpress": "{url}"}}}}"#).as_bytes(),
        )?;
        browser.open_loading(&site.url("/")).await?;
        let alert = browser.alert().await?;
        ensure!(
            alert.contains(&format!("The WordPress site {url} ")) && alert.contains(expected),
            "for {url}, expected {expected:?} in the alert {alert:?}"
        );
        let before = rest_requests(site).len();
        browser.button("Retry").await?.click().await?;
        let again = browser.alert().await?;
        ensure!(again.contains(expected), "after Retry: {again:?}");
        if logged {
            eventually("Retry to ask the site again", || async {
                Ok((rest_requests(site).len() > before).then_some(()))
            })
            .await?;
        }
        // The page around the error still works: the theme toggle.
        browser.button("Dark theme").await?;
        // Chromium reports refused cross-origin requests on the console;
        // they are this scenario's subject.
        let console = browser.console_errors().await?;
        ensure!(
            console
                .iter()
                .all(|line| line.contains("CORS") || line.contains("Failed to")),
            "unexpected console errors: {console:?}"
        );
        Ok(())
    }

    pub async fn each_refusal_names_the_site_and_what_to_check(
        site: &WithWordPress,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let wordpress = site.wordpress();
        let cases = [
            ("auth", "keeps its REST API behind a login (401"),
            ("forbidden", "keeps its REST API behind a login (403"),
            ("disabled", "has no REST API here (404"),
            ("nocors", "refused to share its REST API with this page"),
            (
                "malformed",
                "sent an answer that is not the REST API's JSON",
            ),
        ];
        for (mode, expected) in cases {
            let url = wordpress.url(mode);
            ensure!(!url.is_empty(), "no {mode} server");
            refused(site, browser, &url, expected, true)
                .await
                .with_context(|| format!("the {mode} site"))?;
        }
        // Nothing listening at all.
        let down = format!("http://127.0.0.1:{}/", crate::support::free_port()?);
        refused(site, browser, &down, "could not be reached", false).await?;
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    site: crate::support::WithWordPress::start();
    "the latin america archive is the seed listing" => scenarios::the_latin_america_archive_is_the_seed_listing,
    "the home grid pages through every post" => scenarios::the_home_grid_pages_through_every_post,
    "filters, search and sort map to wordpress" => scenarios::filters_search_and_sort_map_to_wordpress,
    "an article reads from wordpress" => scenarios::an_article_reads_from_wordpress,
    "featured images come with their sizes" => scenarios::featured_images_come_with_their_sizes,
    "a hostile post shows its text and runs nothing" => scenarios::a_hostile_post_shows_its_text_and_runs_nothing,
    "both permalink styles work" => scenarios::both_permalink_styles_work,
    "each view after the first is one request" => scenarios::each_view_after_the_first_is_one_request,
    "each refusal names the site and what to check" => scenarios::each_refusal_names_the_site_and_what_to_check,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
