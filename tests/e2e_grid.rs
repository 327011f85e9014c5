//! End to end: the grid's filters, facet counts, search, sort, paging,
//! URL state and archive pages, on the sample archive, a synthetic one and
//! the API source, in headless Chromium against nginx serving the release
//! build.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use anyhow::{anyhow, ensure};
    use broadsheet_core::search::fold;
    use broadsheet_core::synthetic;
    use fantoccini::key::Key;
    use fantoccini::Locator;

    use crate::support::grid::{
        combobox_hint, expect_option, marks, menu, options, pager, pick, search, search_box,
        wait_path, wait_status, wait_titles,
    };
    use crate::support::{eventually, href, ApiServer, Browser, Site};

    const SITE: &str = "Broadsheet Sample";
    const PINK_TIDE: &str = "Latin America: Second “Pink Tide”: What Way Forward?";
    const REVOLT: &str = "Peru: Mass Revolt Against Coup Continues";
    const DEFEAT: &str = "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!";
    const EXPLOSIVE: &str = "Explosive Protests Rock Peru";
    const OLDEST: &str = "Peru: Mass Protests Bring Down Illegitimate Coup President";

    pub async fn each_filter_narrows_and_counts_the_others(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 5 articles.").await?;
        // Unfiltered, each option counts its own articles.
        expect_option(browser, "Category", "peru", "Peru (4)", false).await?;
        expect_option(browser, "Year", "2023", "2023 (2)", false).await?;
        expect_option(
            browser,
            "Author",
            "darragh-odwyer",
            "Darragh O’Dwyer (2)",
            false,
        )
        .await?;

        pick(browser, "Category", "peru").await?;
        wait_path(browser, "/?category=peru").await?;
        wait_titles(browser, &[REVOLT, DEFEAT, EXPLOSIVE, OLDEST]).await?;
        wait_status(browser, "Showing 4 articles.").await?;
        // The other menus now count within Peru; Elan Axelbank wrote only
        // outside it, so his option is there but disabled at zero.
        expect_option(
            browser,
            "Author",
            "elan-axelbank",
            "Elan Axelbank (0)",
            true,
        )
        .await?;
        expect_option(browser, "Year", "2023", "2023 (1)", false).await?;
        expect_option(browser, "Tag", "pink-tide", "Pink tide (0)", true).await?;
        // The category's own counts leave its own filter out.
        expect_option(
            browser,
            "Category",
            "latin-america",
            "Latin America (5)",
            false,
        )
        .await?;

        // Combined: Peru in 2022.
        pick(browser, "Year", "2022").await?;
        wait_path(browser, "/?category=peru&year=2022").await?;
        wait_titles(browser, &[DEFEAT, EXPLOSIVE]).await?;
        expect_option(browser, "Tag", "coup", "Coup (1)", false).await?;
        expect_option(browser, "Year", "2020", "2020 (1)", false).await?;

        // Each active filter can be removed alone…
        browser
            .button("Remove Category: Peru ×")
            .await?
            .click()
            .await?;
        wait_path(browser, "/?year=2022").await?;
        wait_titles(browser, &[DEFEAT, EXPLOSIVE]).await?;
        pick(browser, "Tag", "protests").await?;
        pick(browser, "Author", "darragh-odwyer").await?;
        wait_path(browser, "/?author=darragh-odwyer&tag=protests&year=2022").await?;
        wait_titles(browser, &[EXPLOSIVE]).await?;
        wait_status(browser, "Showing 1 article.").await?;
        // …or all at once.
        browser.button("Clear all filters").await?.click().await?;
        wait_path(browser, "/").await?;
        wait_status(browser, "Showing 5 articles.").await?;
        Ok(())
    }

    pub async fn search_ignores_case_accents_and_apostrophes(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 5 articles.").await?;
        for typed in ["odwyer", "o'dwyer", "O’DWYER"] {
            search(browser, typed).await?;
            wait_titles(browser, &[REVOLT, EXPLOSIVE]).await?;
            let marked = marks(browser).await?;
            ensure!(
                marked == ["O’Dwyer", "O’Dwyer"],
                "typing {typed:?} marks {marked:?}"
            );
        }
        // Several words must all be found, anywhere in title, excerpt or byline.
        search(browser, "coup darragh").await?;
        wait_titles(browser, &[REVOLT]).await?;
        search(browser, "PINK tide").await?;
        wait_titles(browser, &[PINK_TIDE]).await?;
        ensure!(marks(browser)
            .await?
            .starts_with(&["Pink".to_owned(), "Tide".to_owned()]));
        wait_path(browser, "/?q=PINK+tide").await?;
        // Relevance is offered while searching: a word in the title
        // outranks one in the excerpt only.
        search(browser, "mass").await?;
        wait_titles(browser, &[PINK_TIDE, REVOLT, OLDEST]).await?;
        pick(browser, "Sort", "relevance").await?;
        wait_path(browser, "/?q=mass&sort=relevance").await?;
        wait_titles(browser, &[REVOLT, OLDEST, PINK_TIDE]).await?;
        Ok(())
    }

    pub async fn typing_keeps_one_history_entry_and_back_forward_walk_filters(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 5 articles.").await?;
        // A first click on the page, as a reader's would be: WebKit's Back
        // skips entries of pages nobody interacted with.
        let field = search_box(browser).await?;
        field.click().await?;
        pick(browser, "Category", "peru").await?;
        wait_path(browser, "/?category=peru").await?;
        field.send_keys("peru").await?;
        field.send_keys("vian").await?;
        wait_path(browser, "/?category=peru&q=peruvian").await?;
        wait_titles(browser, &[REVOLT, DEFEAT, OLDEST]).await?;
        // The focus stayed in the box through the updates.
        let active = browser.client.active_element().await?;
        ensure!(
            active.attr("id").await?.as_deref() == Some("filter-q"),
            "focus moved"
        );
        // One Back undoes the whole search, the next the category.
        browser.client.back().await?;
        wait_path(browser, "/?category=peru").await?;
        wait_titles(browser, &[REVOLT, DEFEAT, EXPLOSIVE, OLDEST]).await?;
        let value = search_box(browser).await?.prop("value").await?;
        ensure!(
            value.as_deref() == Some(""),
            "after Back the box reads {value:?}"
        );
        browser.client.back().await?;
        wait_path(browser, "/").await?;
        wait_status(browser, "Showing 5 articles.").await?;
        browser.client.forward().await?;
        wait_path(browser, "/?category=peru").await?;
        wait_status(browser, "Showing 4 articles.").await?;
        browser.client.forward().await?;
        wait_path(browser, "/?category=peru&q=peruvian").await?;
        wait_titles(browser, &[REVOLT, DEFEAT, OLDEST]).await?;
        // Reload: the same view, the box reading what was typed.
        browser.client.refresh().await?;
        wait_titles(browser, &[REVOLT, DEFEAT, OLDEST]).await?;
        let value = search_box(browser).await?.prop("value").await?;
        ensure!(
            value.as_deref() == Some("peruvian"),
            "the box reads {value:?}"
        );
        Ok(())
    }

    pub async fn sort_and_paging_follow_the_configured_page_size(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        site.put("config.json", br#"{"page_size": 2}"#)?;
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 1–2 of 5 articles.").await?;
        wait_titles(browser, &[PINK_TIDE, REVOLT]).await?;
        let links = pager(browser).await?;
        ensure!(
            links
                == [
                    ("1".to_owned(), Some("page".to_owned())),
                    ("2".to_owned(), None),
                    ("3".to_owned(), None),
                    ("Next".to_owned(), None),
                ],
            "pager {links:?}"
        );
        let next = browser.client.find(Locator::Css("a[rel=next]")).await?;
        let target = href(&next).await?;
        ensure!(target == "/?page=2", "next links to {target:?}");
        next.click().await?;
        wait_path(browser, "/?page=2").await?;
        wait_titles(browser, &[DEFEAT, EXPLOSIVE]).await?;
        wait_status(browser, "Showing 3–4 of 5 articles.").await?;
        // Focus lands on the results, for keyboard and screen reader users.
        eventually("focus on the results", || async {
            let active = browser.client.active_element().await?;
            Ok((active.attr("data-teaser-list").await?.is_some()).then_some(()))
        })
        .await?;
        browser
            .client
            .find(Locator::Css("nav[aria-label=Pages] a[aria-label='Page 3']"))
            .await?
            .click()
            .await?;
        wait_titles(browser, &[OLDEST]).await?;
        // Back returns to page 2.
        browser.client.back().await?;
        wait_path(browser, "/?page=2").await?;
        wait_titles(browser, &[DEFEAT, EXPLOSIVE]).await?;
        // Oldest first, from page 1 again.
        pick(browser, "Sort", "oldest").await?;
        wait_path(browser, "/?sort=oldest").await?;
        wait_titles(browser, &[OLDEST, EXPLOSIVE]).await?;
        // A page past the end shows the last page.
        browser.open(&site.url("/?page=99&sort=oldest")).await?;
        wait_titles(browser, &[PINK_TIDE]).await?;
        Ok(())
    }

    pub async fn archive_pages_have_headings_titles_and_links(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        // A teaser's category label leads to the category archive.
        browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("a[data-category=peru]"))
            .await?
            .click()
            .await?;
        wait_path(browser, "/category/peru").await?;
        browser.wait_for_heading("Peru").await?;
        browser.wait_for_title(&format!("Peru — {SITE}")).await?;
        wait_titles(browser, &[REVOLT, DEFEAT, EXPLOSIVE, OLDEST]).await?;
        // Its own filter has no menu; the others filter within it.
        ensure!(
            menu(browser, "Category").await.is_err(),
            "a category menu on a category page"
        );
        pick(browser, "Year", "2023").await?;
        wait_path(browser, "/category/peru?year=2023").await?;
        wait_titles(browser, &[REVOLT]).await?;
        // A byline's name leads to the author's archive.
        browser
            .teaser("peru-mass-revolt-against-coup-continues")
            .await?
            .find(Locator::Css("a[data-author=darragh-odwyer]"))
            .await?
            .click()
            .await?;
        wait_path(browser, "/author/darragh-odwyer").await?;
        browser.wait_for_heading("Darragh O’Dwyer").await?;
        browser
            .wait_for_title(&format!("Darragh O’Dwyer — {SITE}"))
            .await?;
        wait_titles(browser, &[REVOLT, EXPLOSIVE]).await?;
        let about = browser.text("[data-description]").await?;
        ensure!(
            about == "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland).",
            "about {about:?}"
        );
        // Tag archives, opened directly.
        browser.open(&site.url("/tag/coup")).await?;
        browser.wait_for_heading("Coup").await?;
        wait_titles(browser, &[REVOLT, DEFEAT, OLDEST]).await?;
        // Unknown archives are the not-found view.
        for path in ["/tag/no-such-tag", "/category/nowhere", "/author/nobody"] {
            browser.open(&site.url(path)).await?;
            browser.wait_for_heading("Page not found").await?;
        }
        Ok(())
    }

    pub async fn no_match_explains_and_offers_to_clear(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser
            .open(&site.url("/?category=latin-america&q=zebra"))
            .await?;
        wait_status(browser, "No articles match.").await?;
        let empty = browser.text("[data-empty-state]").await?;
        ensure!(
            empty.contains("Category: Latin America, Search: “zebra”"),
            "empty state {empty:?}"
        );
        let clears = browser
            .client
            .find_all(Locator::Css("[data-empty-state] button"))
            .await?;
        ensure!(
            clears.len() == 1,
            "{} buttons in the empty state",
            clears.len()
        );
        clears[0].click().await?;
        wait_path(browser, "/").await?;
        wait_status(browser, "Showing 5 articles.").await?;
        Ok(())
    }

    pub async fn unknown_and_malformed_parameters_are_ignored(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser
            .open(&site.url("/?year=abc&page=0&sort=best&colour=red&category=nowhere&q="))
            .await?;
        wait_status(browser, "Showing 5 articles.").await?;
        browser.wait_for_heading("Latest articles").await?;
        browser
            .open(&site.url("/?year=2020&utm_source=feed"))
            .await?;
        wait_titles(browser, &[OLDEST]).await?;
        Ok(())
    }

    pub async fn the_grid_works_by_keyboard_alone(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 5 articles.").await?;
        let press = |key: Key| async move {
            let active = browser.client.active_element().await?;
            active.send_keys(&char::from(key).to_string()).await?;
            anyhow::Ok(())
        };
        // Tab from the top of the page to the search box.
        let mut reached = false;
        for _ in 0..10 {
            press(Key::Tab).await?;
            let active = browser.client.active_element().await?;
            if active.attr("id").await?.as_deref() == Some("filter-q") {
                reached = true;
                break;
            }
        }
        ensure!(reached, "Tab never reached the search box");
        browser
            .client
            .active_element()
            .await?
            .send_keys("peru")
            .await?;
        wait_path(browser, "/?q=peru").await?;
        // On to the category menu; the arrow key picks the next option.
        press(Key::Tab).await?;
        let active = browser.client.active_element().await?;
        ensure!(active.attr("id").await?.as_deref() == Some("filter-category"));
        press(Key::Down).await?;
        wait_path(browser, "/?category=latin-america&q=peru").await?;
        // Tab to the "Clear all filters" button and press it.
        let mut cleared = false;
        for _ in 0..12 {
            press(Key::Tab).await?;
            let active = browser.client.active_element().await?;
            if active.attr("data-clear-filters").await?.is_some() {
                press(Key::Enter).await?;
                cleared = true;
                break;
            }
        }
        ensure!(cleared, "Tab never reached Clear all filters");
        wait_path(browser, "/").await?;
        wait_status(browser, "Showing 5 articles.").await?;
        // Through a teaser's links to an article with Enter.
        let title = browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("h2 a"))
            .await?;
        title.send_keys(&char::from(Key::Enter).to_string()).await?;
        browser.wait_for_heading(EXPLOSIVE).await?;
        Ok(())
    }

    pub async fn the_author_and_tag_menus_find_any_value_by_keyboard(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 5 articles.").await?;
        let field = menu(browser, "Tag").await?;
        let attr = |name: &'static str| {
            let field = field.clone();
            async move { anyhow::Ok(field.attr(name).await?.unwrap_or_default()) }
        };
        let expect = |name: &'static str, value: &'static str| async move {
            eventually(&format!("{name}={value:?}"), || async {
                let found = attr(name).await?;
                if found == value {
                    Ok(Some(()))
                } else {
                    Err(anyhow!("{name} is {found:?}"))
                }
            })
            .await
        };
        ensure!(
            attr("role").await? == "combobox",
            "the tag menu is no combobox"
        );
        expect("aria-expanded", "false").await?;
        let key = |key: Key| char::from(key).to_string();
        let shown = |expected: &'static [&'static str], hint: &'static str| async move {
            eventually(&format!("the tags {expected:?}"), || async {
                let texts: Vec<String> = options(browser, "Tag")
                    .await?
                    .into_iter()
                    .map(|(_, text, _)| text)
                    .collect();
                let said = combobox_hint(browser, "Tag").await?;
                if texts == expected && said == hint {
                    Ok(Some(()))
                } else {
                    Err(anyhow!("the list shows {texts:?}, hint {said:?}"))
                }
            })
            .await
        };
        let active = |expected: &'static str| async move {
            eventually(&format!("the active option {expected:?}"), || async {
                let id = attr("aria-activedescendant").await?;
                if id.is_empty() {
                    return Err(anyhow!("no active option"));
                }
                let text = browser.client.find(Locator::Id(&id)).await?.text().await?;
                if text == expected {
                    Ok(Some(()))
                } else {
                    Err(anyhow!("the active option is {text:?}"))
                }
            })
            .await
        };
        // Down opens the list, the tags with most articles first, and
        // makes the first option active.
        field.send_keys(&key(Key::Down)).await?;
        expect("aria-expanded", "true").await?;
        shown(
            &[
                "All tags",
                "Coup (3)",
                "Protests (3)",
                "Pedro Castillo (2)",
                "Elections (1)",
                "Inflation (1)",
                "Pink tide (1)",
            ],
            "6 tags, most articles first.",
        )
        .await?;
        active("All tags").await?;
        let violations = browser.axe_violations().await?;
        ensure!(violations.is_empty(), "axe, the list open: {violations:#?}");
        // Typing finds a value by the start of any word of its name.
        field.send_keys("tide").await?;
        shown(&["All tags", "Pink tide (1)"], "1 tag.").await?;
        field.send_keys(&key(Key::Down)).await?;
        field.send_keys(&key(Key::Down)).await?;
        active("Pink tide (1)").await?;
        field.send_keys(&key(Key::Enter)).await?;
        wait_path(browser, "/?tag=pink-tide").await?;
        wait_titles(browser, &[PINK_TIDE]).await?;
        expect("aria-expanded", "false").await?;
        eventually("the field to read Pink tide", || async {
            let value = field.prop("value").await?.unwrap_or_default();
            Ok((value == "Pink tide").then_some(()))
        })
        .await?;
        let focused = browser.client.active_element().await?.attr("id").await?;
        ensure!(
            focused.as_deref() == Some("filter-tag"),
            "focus went to {focused:?}"
        );
        // Nothing found says so; Escape closes and restores the field.
        let select_all = format!("{}a{}", char::from(Key::Control), char::from(Key::Null));
        field.send_keys(&select_all).await?;
        field.send_keys("zz").await?;
        shown(&["All tags"], "No tags match “zz”.").await?;
        field.send_keys(&key(Key::Escape)).await?;
        expect("aria-expanded", "false").await?;
        eventually("the field to read Pink tide", || async {
            let value = field.prop("value").await?.unwrap_or_default();
            Ok((value == "Pink tide").then_some(()))
        })
        .await?;
        wait_path(browser, "/?tag=pink-tide").await?;
        Ok(())
    }

    pub async fn a_synthetic_archive_pages_counts_and_searches(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let archive = synthetic::generate(600, 11);
        site.serve_synthetic(&archive.index, "")?;
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 1–12 of 600 articles.").await?;
        // Only the current page is in the document.
        browser.teaser_titles(12).await?;
        let links = pager(browser).await?;
        let texts: Vec<&str> = links.iter().map(|(text, _)| text.as_str()).collect();
        ensure!(texts == ["1", "2", "3", "50", "Next"], "pager {texts:?}");
        // A facet's count is what applying it shows.
        let authors = eventually("the author menu's options", || async {
            let authors = options(browser, "Author").await?;
            Ok((authors.len() > 1).then_some(authors))
        })
        .await?;
        let (slug, text, _) = authors
            .iter()
            .filter(|(value, _, disabled)| !value.is_empty() && !disabled)
            .nth(3)
            .ok_or_else(|| anyhow!("no enabled authors"))?;
        let count: usize = text
            .rsplit_once('(')
            .and_then(|(_, n)| n.trim_end_matches(')').parse().ok())
            .ok_or_else(|| anyhow!("no count in {text:?}"))?;
        pick(browser, "Author", slug).await?;
        let expected = if count <= 12 {
            format!(
                "Showing {count} article{}.",
                if count == 1 { "" } else { "s" }
            )
        } else {
            format!("Showing 1–12 of {count} articles.")
        };
        wait_status(browser, &expected).await?;
        // Accents: a family name typed without them finds it, and marks
        // it as printed.
        let index = broadsheet_core::parse_index(archive.index.as_bytes(), "index.json")?;
        let family = index
            .authors
            .iter()
            .filter_map(|a| a.name.split(' ').nth(1))
            .find(|family| !family.is_ascii() && !family.contains('’'))
            .ok_or_else(|| anyhow!("no accented family name in the synthetic archive"))?;
        let typed = fold(family);
        browser.open(&site.url(&format!("/?q={typed}"))).await?;
        let status = eventually("search results", || async {
            let status = browser.text("[data-status]").await?;
            Ok(status.starts_with("Showing").then_some(status))
        })
        .await?;
        let marked = marks(browser).await?;
        ensure!(
            !marked.is_empty(),
            "nothing marked for {typed:?} ({status})"
        );
        for mark in &marked {
            ensure!(fold(mark) == typed, "{typed:?} marked {mark:?}");
        }
        ensure!(
            marked.iter().any(|m| m == family),
            "{typed:?} marked {marked:?}, not {family:?}"
        );
        // The last page, by its link.
        browser.open(&site.url("/?page=50")).await?;
        wait_status(browser, "Showing 589–600 of 600 articles.").await?;
        Ok(())
    }

    pub async fn the_api_answers_the_same_filters(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let api = ApiServer::start(&site.dist_file("data"))?;
        site.use_api(&api.origin, r#""page_size": 2,"#)?;
        browser.open(&site.url("/")).await?;
        wait_status(browser, "Showing 1–2 of 5 articles.").await?;
        expect_option(browser, "Category", "peru", "Peru (4)", false).await?;
        pick(browser, "Category", "peru").await?;
        wait_path(browser, "/?category=peru").await?;
        wait_status(browser, "Showing 1–2 of 4 articles.").await?;
        wait_titles(browser, &[REVOLT, DEFEAT]).await?;
        expect_option(
            browser,
            "Author",
            "elan-axelbank",
            "Elan Axelbank (0)",
            true,
        )
        .await?;
        search(browser, "o’dwyer").await?;
        wait_titles(browser, &[REVOLT, EXPLOSIVE]).await?;
        ensure!(marks(browser).await? == ["O’Dwyer", "O’Dwyer"]);
        browser
            .open(&site.url("/category/peru?page=2&sort=oldest"))
            .await?;
        browser.wait_for_heading("Peru").await?;
        wait_titles(browser, &[DEFEAT, REVOLT]).await?;
        wait_status(browser, "Showing 3–4 of 4 articles.").await?;
        browser.open(&site.url("/tag/no-such-tag")).await?;
        browser.wait_for_heading("Page not found").await?;
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "each filter narrows and counts the others" => scenarios::each_filter_narrows_and_counts_the_others,
    "search ignores case, accents and apostrophes" => scenarios::search_ignores_case_accents_and_apostrophes,
    "typing keeps one history entry and back/forward walk filters" => scenarios::typing_keeps_one_history_entry_and_back_forward_walk_filters,
    "sort and paging follow the configured page size" => scenarios::sort_and_paging_follow_the_configured_page_size,
    "archive pages have headings, titles and links" => scenarios::archive_pages_have_headings_titles_and_links,
    "no match explains and offers to clear" => scenarios::no_match_explains_and_offers_to_clear,
    "unknown and malformed parameters are ignored" => scenarios::unknown_and_malformed_parameters_are_ignored,
    "the grid works by keyboard alone" => scenarios::the_grid_works_by_keyboard_alone,
    "the author and tag menus find any value by keyboard" => scenarios::the_author_and_tag_menus_find_any_value_by_keyboard,
    "a synthetic archive pages, counts and searches" => scenarios::a_synthetic_archive_pages_counts_and_searches,
    "the api answers the same filters" => scenarios::the_api_answers_the_same_filters,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
