//! `make screenshots`: the home grid, a filtered grid and an article at a
//! phone's width (375 px) and a desktop's (1280 px), in the light and the
//! dark theme, from the release build served by nginx, saved as
//! `docs/screenshots/<view>-<width>-<theme>.png`.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod shots {
    use anyhow::Context;
    use fantoccini::Locator;

    use crate::support::{eventually, repo_root, Browser, Site};

    /// The views pictured: a file name, a path, and the heading that says the
    /// view has rendered.
    const VIEWS: &[(&str, &str, &str)] = &[
        ("home", "/", "Latest articles"),
        ("filtered", "/?category=peru&year=2022", "Latest articles"),
        (
            "article",
            "/articles/explosive-protests-rock-peru",
            "Explosive Protests Rock Peru",
        ),
    ];

    /// Window sizes: a phone and a desktop.
    const WIDTHS: &[(u32, u32)] = &[(375, 812), (1280, 900)];

    #[tokio::main]
    pub async fn main() -> anyhow::Result<()> {
        let site = Site::start()?;
        let browser = Browser::start().await?;
        let outcome = shoot(&site, &browser).await;
        browser.stop().await;
        outcome
    }

    async fn shoot(site: &Site, browser: &Browser) -> anyhow::Result<()> {
        let folder = repo_root().join("docs/screenshots");
        std::fs::create_dir_all(&folder)?;
        for &(width, height) in WIDTHS {
            browser.client.set_window_size(width, height).await?;
            for theme in ["light", "dark"] {
                // Chosen as a reader would: saved, then applied on each load.
                browser.open(&site.url("/")).await?;
                browser
                    .client
                    .execute(
                        "localStorage.setItem('broadsheet-theme', arguments[0])",
                        vec![theme.into()],
                    )
                    .await?;
                for (name, path, heading) in VIEWS {
                    browser.open(&site.url(path)).await?;
                    eventually(&format!("{path} to render"), || async {
                        let text = browser.heading().await?;
                        let images_settled = browser
                            .client
                            .execute(
                                "return document.readyState === 'complete' && [...document.images].every(i => i.complete)",
                                vec![],
                            )
                            .await?;
                        let body_ready = !path.starts_with("/articles/")
                            || !browser
                                .client
                                .find_all(Locator::Css("[data-article-body] > *"))
                                .await?
                                .is_empty();
                        Ok((text.contains(heading)
                            && images_settled.as_bool() == Some(true)
                            && body_ready)
                            .then_some(()))
                    })
                    .await?;
                    let png = browser.client.screenshot().await?;
                    let file = folder.join(format!("{name}-{width}-{theme}.png"));
                    std::fs::write(&file, &png)
                        .with_context(|| format!("writing {}", file.display()))?;
                    println!("{} ({} KB)", file.display(), png.len() / 1024);
                }
            }
        }
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> anyhow::Result<()> {
    shots::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
