//! End to end: accessibility. axe-core's WCAG 2.2 A/AA and best-practice
//! rules find nothing on any view (grid, filtered grid, archive, article,
//! not found, an error) in either colour theme; the theme toggle says what
//! it does and is remembered; the skip link is the first stop and lands
//! in the content — against nginx serving the release build.

#[cfg(not(target_arch = "wasm32"))]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod scenarios {
    use anyhow::{anyhow, ensure};
    use fantoccini::elements::Element;
    use fantoccini::key::Key;
    use fantoccini::Locator;

    use crate::support::{eventually, Browser, Site};

    /// The views every theme is audited on: a path, and the heading that
    /// says it has rendered.
    const VIEWS: &[(&str, &str)] = &[
        ("/", "Latest articles"),
        ("/?category=peru&year=2022", "Latest articles"),
        ("/tag/coup", "Coup"),
        (
            "/articles/explosive-protests-rock-peru",
            "Explosive Protests Rock Peru",
        ),
        ("/nowhere", "Page not found"),
    ];

    /// Audits every view, and an error view, in `theme`.
    async fn audit(site: &Site, browser: &Browser, theme: &str) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.save_theme(Some(theme)).await?;
        let mut found = Vec::new();
        for (path, heading) in VIEWS {
            browser.open(&site.url(path)).await?;
            eventually(&format!("the heading of {path}"), || async {
                let text = browser.heading().await?;
                Ok(text.contains(heading).then_some(()))
            })
            .await?;
            if path.starts_with("/articles/") {
                browser.wait_for_article_body().await?;
            }
            ensure!(
                browser.shown_theme().await? == theme,
                "{path} is not {theme}"
            );
            found.extend(
                browser
                    .axe_violations()
                    .await?
                    .into_iter()
                    .map(|v| format!("{path}: {v}")),
            );
        }
        // An index that is not JSON: the error view with Retry.
        site.put("data/index.json", b"{")?;
        browser.open(&site.url("/")).await?;
        browser.alert().await?;
        found.extend(
            browser
                .axe_violations()
                .await?
                .into_iter()
                .map(|v| format!("error view: {v}")),
        );
        browser.save_theme(None).await?;
        ensure!(
            found.is_empty(),
            "axe, {theme} theme:\n  {}",
            found.join("\n  ")
        );
        Ok(())
    }

    pub async fn every_view_passes_axe_in_the_light_theme(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        audit(site, browser, "light").await
    }

    pub async fn every_view_passes_axe_in_the_dark_theme(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        audit(site, browser, "dark").await
    }

    /// The page's theme and what the toggle says about it.
    async fn theme_state(browser: &Browser) -> anyhow::Result<(String, String, String)> {
        let state = browser
            .client
            .execute(
                r#"const button = document.querySelector("[data-theme-toggle]");
                   return [document.documentElement.getAttribute("data-theme") || "",
                           button.getAttribute("aria-pressed"),
                           getComputedStyle(document.documentElement).backgroundColor];"#,
                vec![],
            )
            .await?;
        let field = |at: usize| state[at].as_str().unwrap_or_default().to_owned();
        Ok((field(0), field(1), field(2)))
    }

    pub async fn the_theme_toggle_switches_says_so_and_is_remembered(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.save_theme(None).await?;
        browser.client.refresh().await?;
        browser.wait_for_heading("Latest articles").await?;
        // Headless browsers report a light system theme.
        let (theme, pressed, light) = theme_state(browser).await?;
        ensure!(
            theme.is_empty() && pressed == "false",
            "{theme:?} {pressed:?}"
        );
        let toggle = browser.button("Dark theme").await?;
        toggle.click().await?;
        let (theme, pressed, dark) = theme_state(browser).await?;
        ensure!(
            theme == "dark" && pressed == "true",
            "{theme:?} {pressed:?}"
        );
        ensure!(dark != light, "the background stayed {light}");
        // A reload, and a visit to another view, keep the choice.
        browser
            .open(&site.url("/articles/explosive-protests-rock-peru"))
            .await?;
        browser
            .wait_for_heading("Explosive Protests Rock Peru")
            .await?;
        let (theme, pressed, background) = theme_state(browser).await?;
        ensure!(
            theme == "dark" && pressed == "true" && background == dark,
            "after a reload: {theme:?} {pressed:?} {background}"
        );
        browser.button("Dark theme").await?.click().await?;
        let (theme, pressed, background) = theme_state(browser).await?;
        ensure!(
            theme == "light" && pressed == "false" && background == light,
            "{theme:?} {pressed:?} {background}"
        );
        browser.save_theme(None).await
    }

    /// What the status line says once the search `text` has its answer:
    /// the catalog's count over the data served.
    fn searched_status(site: &Site, text: &str) -> anyhow::Result<String> {
        use broadsheet_core::count::showing;
        use broadsheet_core::{parse_index, Catalog, Query};
        let bytes = std::fs::read(site.served("data/index.json"))?;
        let query = Query {
            text: Some(text.to_owned()),
            ..Query::default()
        };
        let catalog = Catalog::new(parse_index(&bytes, "index.json")?);
        let total = catalog.run(&query).total;
        Ok(showing(total, 1, query.per_page))
    }

    /// The focused element's tag and text, and what the announcer says.
    async fn focus_and_announcement(browser: &Browser) -> anyhow::Result<(String, String, String)> {
        let state = browser
            .client
            .execute(
                r#"const a = document.activeElement;
                   return [a.tagName, a.textContent.trim(),
                           document.querySelector("[data-announcer]").textContent];"#,
                vec![],
            )
            .await?;
        let field = |at: usize| state[at].as_str().unwrap_or_default().to_owned();
        Ok((field(0), field(1), field(2)))
    }

    pub async fn a_new_view_takes_focus_at_its_heading_and_is_announced(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        const TITLE: &str = "Explosive Protests Rock Peru";
        browser.open(&site.url("/")).await?;
        browser.wait_for_heading("Latest articles").await?;
        // The first load leaves focus where the browser puts it.
        let (tag, _, said) = focus_and_announcement(browser).await?;
        ensure!(
            tag == "BODY" && said.is_empty(),
            "first load: {tag} {said:?}"
        );
        // A search is not a new view: focus stays in the box.
        let search = browser.client.find(Locator::Css("input#filter-q")).await?;
        search.click().await?;
        search.send_keys("peru").await?;
        let answered = searched_status(site, "peru")?;
        eventually("the searched grid", || async {
            Ok((browser.path().await?.contains("q=peru")
                && browser.app_status().await? == answered)
                .then_some(()))
        })
        .await?;
        browser.teaser("explosive-protests-rock-peru").await?;
        let (tag, _, _) = focus_and_announcement(browser).await?;
        ensure!(tag == "INPUT", "a search moved focus to {tag}");
        // Following a teaser's link: the article's heading, announced.
        let link = browser
            .teaser("explosive-protests-rock-peru")
            .await?
            .find(Locator::Css("h2 a"))
            .await?;
        link.click().await?;
        let expected_title = format!("{TITLE} — Broadsheet Sample");
        eventually("focus on the article's heading", || async {
            let (tag, text, said) = focus_and_announcement(browser).await?;
            Ok((tag == "H1" && text == TITLE && said == expected_title).then_some(()))
        })
        .await?;
        // Back: the grid's heading, announced, at the same scroll.
        browser.client.back().await?;
        eventually("focus on the grid's heading", || async {
            let (tag, text, said) = focus_and_announcement(browser).await?;
            Ok(
                (tag == "H1" && text == "Latest articles" && said.starts_with("Latest articles"))
                    .then_some(()),
            )
        })
        .await
        .map_err(|e| anyhow!("{e:#}: after Back"))?;
        // The announcer stays out of the way of axe's rules.
        let found = browser.axe_violations().await?;
        ensure!(found.is_empty(), "{found:?}");
        Ok(())
    }

    /// The `[data-status]` element's text, its role and whether it is the
    /// very element `before` (a live region only speaks about changes to
    /// a node that was already there).
    async fn status_of(browser: &Browser, before: &Element) -> anyhow::Result<(String, String)> {
        let now = browser.client.find(Locator::Css("[data-status]")).await?;
        ensure!(
            now.element_id() == before.element_id(),
            "the status line was replaced: a screen reader hears nothing"
        );
        let role = now.attr("role").await?.unwrap_or_default();
        Ok((now.text().await?, role))
    }

    pub async fn a_search_is_announced_by_the_status_line_already_there(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser
            .wait_for_grid(crate::support::wait::PATIENCE)
            .await?;
        let status = browser.client.find(Locator::Css("[data-status]")).await?;
        let (said, role) = status_of(browser, &status).await?;
        ensure!(role == "status", "the status line's role is {role:?}");
        ensure!(said.starts_with("Showing "), "before: {said:?}");
        let search = browser.client.find(Locator::Css("input#filter-q")).await?;
        search.click().await?;
        search.send_keys("peru").await?;
        eventually("the searched address", || async {
            Ok(browser.path().await?.contains("q=peru").then_some(()))
        })
        .await?;
        let expected = searched_status(site, "peru")?;
        eventually("the status line to count the results", || async {
            let (said, _) = status_of(browser, &status).await?;
            Ok((said == expected).then_some(()))
        })
        .await
        .map_err(|e| anyhow!("{e:#}: expected {expected:?}"))?;
        // And it counts what is shown.
        let teasers = browser
            .client
            .find_all(Locator::Css("article[data-teaser]"))
            .await?;
        ensure!(
            expected == format!("Showing {} articles.", teasers.len()),
            "{expected:?} with {} teasers shown",
            teasers.len()
        );
        // A search that matches nothing says so in the same place.
        search.send_keys(" zzqx").await?;
        eventually("the status line to say nothing matches", || async {
            let (said, _) = status_of(browser, &status).await?;
            Ok((said == "No articles match.").then_some(()))
        })
        .await?;
        let (tag, _, _) = focus_and_announcement(browser).await?;
        ensure!(tag == "INPUT", "the search moved focus to {tag}");
        Ok(())
    }

    /// Whether the element matching `css` is shown.
    async fn shown(browser: &Browser, css: &str) -> anyhow::Result<bool> {
        Ok(browser
            .client
            .find(Locator::Css(css))
            .await?
            .is_displayed()
            .await?)
    }

    /// On a phone the menus fold away; the disclosure opens by keyboard
    /// and leads on to them. Restores the window's size whatever happens.
    pub async fn on_a_phone_the_filters_fold_away_and_open_by_keyboard(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let (_, _, width, height) = browser.client.get_window_rect().await?;
        browser.client.set_window_size(375, 800).await?;
        let outcome = phone_filters(site, browser).await;
        browser
            .client
            .set_window_size(width as u32, height as u32)
            .await?;
        outcome?;
        // Wide again, a fresh view shows the menus with nothing to toggle.
        browser.open(&site.url("/")).await?;
        browser.wait_for_heading("Latest articles").await?;
        ensure!(
            shown(browser, "select#filter-category").await?,
            "the menus are folded on a wide screen"
        );
        ensure!(
            !shown(browser, "[data-filters-toggle]").await?,
            "a wide screen shows the disclosure's toggle"
        );
        Ok(())
    }

    async fn phone_filters(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.wait_for_heading("Latest articles").await?;
        browser.teaser("explosive-protests-rock-peru").await?;
        ensure!(
            shown(browser, "input#filter-q").await?,
            "the search box is folded away too"
        );
        ensure!(
            !shown(browser, "select#filter-category").await?,
            "the menus are open on a phone"
        );
        // The first teaser is on the first screen.
        let top = browser
            .client
            .execute(
                "return document.querySelector('article[data-teaser]').getBoundingClientRect().top",
                vec![],
            )
            .await?
            .as_f64()
            .unwrap_or(f64::MAX);
        ensure!(top < 800.0, "the first teaser starts {top}px down");
        // Search box, Tab, the toggle; Enter opens it; Tab reaches a menu.
        let search = browser.client.find(Locator::Css("input#filter-q")).await?;
        search.click().await?;
        search.send_keys(&Key::Tab.to_string()).await?;
        let toggle = browser.client.active_element().await?;
        let text = toggle.text().await?;
        ensure!(
            text == "Filters and sort",
            "Tab from the search box went to {text:?}"
        );
        ensure!(
            toggle.attr("aria-expanded").await?.as_deref() == Some("false"),
            "the folded toggle does not say it is collapsed"
        );
        toggle.send_keys(&Key::Enter.to_string()).await?;
        eventually("the menus to show", || async {
            Ok(shown(browser, "select#filter-category")
                .await?
                .then_some(()))
        })
        .await?;
        ensure!(
            toggle.attr("aria-expanded").await?.as_deref() == Some("true"),
            "the open toggle does not say it is expanded"
        );
        toggle.send_keys(&Key::Tab.to_string()).await?;
        let id = browser
            .client
            .execute("return document.activeElement.id", vec![])
            .await?;
        ensure!(id == "filter-category", "Tab from the toggle went to {id}");
        let found = browser.axe_violations().await?;
        ensure!(found.is_empty(), "{found:?}");
        Ok(())
    }

    /// At each width, each view: nothing wider than the window, and how
    /// many columns the grid has.
    pub async fn no_view_scrolls_sideways_from_320_to_1920_px(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        let (_, _, width, height) = browser.client.get_window_rect().await?;
        let outcome = widths(site, browser).await;
        browser
            .client
            .set_window_size(width as u32, height as u32)
            .await?;
        outcome
    }

    async fn widths(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        let mut found = Vec::new();
        let mut clamped = Vec::new();
        for wanted in [320_u32, 375, 768, 1280, 1920] {
            browser.client.set_window_size(wanted, 900).await?;
            for (path, heading) in &VIEWS[..4] {
                browser.open(&site.url(path)).await?;
                browser.wait_for_heading(heading).await?;
                let seen = browser
                    .client
                    .execute(
                        r#"const lefts = new Set([...document.querySelectorAll("article[data-teaser]")]
                               .map((t) => Math.round(t.getBoundingClientRect().left)));
                           return [window.innerWidth, document.documentElement.scrollWidth, lefts.size];"#,
                        vec![],
                    )
                    .await?;
                let number = |at: usize| seen[at].as_u64().unwrap_or_default();
                let (inner, scroll, columns) = (number(0), number(1), number(2));
                // Firefox and WebKit keep windows wider than about 500
                // and 450 px: those widths are Chromium's to check.
                if inner > u64::from(wanted) {
                    clamped.push(wanted);
                    break;
                }
                if scroll > inner {
                    found.push(format!("{path} at {inner} px is {scroll} px wide"));
                }
                // The home grid: one column on a phone, more on a desktop.
                if *path == "/" {
                    let fine = match inner {
                        0..=480 => columns == 1,
                        1200.. => columns >= 2,
                        _ => columns >= 1,
                    };
                    if !fine {
                        found.push(format!("the grid at {inner} px has {columns} columns"));
                    }
                }
            }
        }
        ensure!(found.is_empty(), "{}", found.join("; "));
        ensure!(
            clamped.is_empty() || crate::support::browser::engine() != "chromium",
            "Chromium did not size its window to {clamped:?} px"
        );
        if !clamped.is_empty() {
            println!("    (this engine's windows do not go down to {clamped:?} px)");
        }
        Ok(())
    }

    pub async fn the_skip_link_is_the_first_stop_and_lands_in_the_content(
        site: &Site,
        browser: &Browser,
    ) -> anyhow::Result<()> {
        browser.open(&site.url("/")).await?;
        browser.wait_for_heading("Latest articles").await?;
        let body = browser.client.find(Locator::Css("body")).await?;
        body.send_keys(&Key::Tab.to_string()).await?;
        let focused = browser.client.active_element().await?;
        let text = focused.text().await?;
        ensure!(
            text == "Skip to the content",
            "the first Tab stop is {text:?}"
        );
        ensure!(
            focused.is_displayed().await?,
            "the focused skip link is not visible"
        );
        focused.send_keys(&Key::Enter.to_string()).await?;
        eventually("focus in the content", || async {
            let id = browser
                .client
                .execute("return document.activeElement.id", vec![])
                .await?;
            Ok((id == "main").then_some(()))
        })
        .await
        .map_err(|e| anyhow!("{e:#}: Enter on the skip link did not move focus to <main>"))?;
        ensure!(
            browser.path().await? == "/",
            "the skip link changed the view"
        );
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
support::suite! {
    "a new view takes focus at its heading and is announced" => scenarios::a_new_view_takes_focus_at_its_heading_and_is_announced,
    "a search is announced by the status line already there" => scenarios::a_search_is_announced_by_the_status_line_already_there,
    "on a phone the filters fold away and open by keyboard" => scenarios::on_a_phone_the_filters_fold_away_and_open_by_keyboard,
    "no view scrolls sideways from 320 to 1920 px" => scenarios::no_view_scrolls_sideways_from_320_to_1920_px,
    "every view passes axe in the light theme" => scenarios::every_view_passes_axe_in_the_light_theme,
    "every view passes axe in the dark theme" => scenarios::every_view_passes_axe_in_the_dark_theme,
    "the theme toggle switches, says so, and is remembered" => scenarios::the_theme_toggle_switches_says_so_and_is_remembered,
    "the skip link is the first stop and lands in the content" => scenarios::the_skip_link_is_the_first_stop_and_lands_in_the_content,
}

#[cfg(target_arch = "wasm32")]
fn main() {}
