//! Headless Chromium through chromedriver, and the page queries scenarios
//! share.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::{eventually, free_port};

/// One browser session for a whole test file.
pub struct Browser {
    driver: Child,
    /// The WebDriver session.
    pub client: Client,
}

/// The driver is stopped however the session ends, an early error
/// included ([`Browser::stop`] also closes the session first).
impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A link's `href` as written in the page, path and query: WebKit's
/// driver reports the resolved URL, so its origin is taken off.
pub async fn href(link: &Element) -> anyhow::Result<String> {
    let href = link.attr("href").await?.unwrap_or_default();
    Ok(match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]).to_owned(),
        None => href,
    })
}

/// chromedriver's console log: the entries since the last read.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// axe-core's browser build, in the tool folder.
fn axe_script() -> std::path::PathBuf {
    super::tools_dir().join("npm/node_modules/axe-core/axe.min.js")
}

/// The engine the suites drive: `$BROADSHEET_ENGINE`, else `chromium`.
pub fn engine() -> &'static str {
    match std::env::var("BROADSHEET_ENGINE").as_deref() {
        Ok("firefox") => "firefox",
        Ok("webkit") => "webkit",
        _ => "chromium",
    }
}

impl Browser {
    /// Starts the WebDriver of the engine `$BROADSHEET_ENGINE` names
    /// (`chromium`, the default; `firefox`; `webkit`, which needs a display:
    /// run it under `xvfb-run`) and a session in it.
    pub async fn start() -> anyhow::Result<Self> {
        let engine = engine();
        let port = free_port()?;
        let (variable, default, port_flag) = match engine {
            "firefox" => ("GECKODRIVER", "geckodriver", "--port"),
            "webkit" => ("WEBKITDRIVER", "WebKitWebDriver", "--port"),
            _ => ("CHROMEDRIVER", "chromedriver", "--port"),
        };
        let binary = std::env::var(variable).unwrap_or_else(|_| default.to_owned());
        let mut driver = Command::new(&binary)
            .arg(format!("{port_flag}={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| {
                format!("starting {binary} for {engine} (install it with `make browsers`)")
            })?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() >= deadline {
                let _ = driver.kill();
                bail!("{binary} did not listen on {port}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let capabilities = match engine {
            "firefox" => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "args": ["-headless", "--width=1280", "--height=900"],
                    "prefs": {
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "app.update.auto": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "toolkit.telemetry.enabled": false
                    }
                }
            }),
            "webkit" => json!({
                "webkitgtk:browserOptions": {
                    "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                    "args": ["--automation"]
                }
            }),
            _ => json!({
                "browserName": "chrome",
                "goog:loggingPrefs": {"browser": "ALL"},
                "goog:chromeOptions": {
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,900"
                    ]
                }
            }),
        };
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let client = match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&url)
            .await
        {
            Ok(client) => client,
            Err(error) => {
                let _ = driver.kill();
                return Err(error).with_context(|| format!("opening a {engine} session"));
            }
        };
        Ok(Self { driver, client })
    }

    /// What the page wrote to the console as errors since the last call:
    /// script errors, CSP refusals, `console.error`. Only Chromium's driver
    /// hands out the console (the others report `[]`; their CSP violations
    /// still reach [`super::Site::unexpected_errors`]). Failed requests are
    /// left to the nginx log check, which knows which ones a scenario
    /// asked for.
    pub async fn console_errors(&self) -> anyhow::Result<Vec<String>> {
        self.console(&["SEVERE"]).await
    }

    /// [`Browser::console_errors`] and the warnings with them (reading the
    /// log empties it).
    pub async fn console_warnings_and_errors(&self) -> anyhow::Result<Vec<String>> {
        self.console(&["SEVERE", "WARNING"]).await
    }

    async fn console(&self, levels: &[&str]) -> anyhow::Result<Vec<String>> {
        if engine() != "chromium" {
            return Ok(Vec::new());
        }
        let entries = self.client.issue_cmd(BrowserLog).await?;
        Ok(entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| {
                levels.iter().any(|level| entry["level"] == *level) && entry["source"] != "network"
            })
            .map(|entry| {
                format!(
                    "{}: {}",
                    entry["level"].as_str().unwrap_or_default(),
                    entry["message"].as_str().unwrap_or_default()
                )
            })
            .collect())
    }

    /// Runs axe-core's WCAG 2.2 A/AA and best-practice rules on the page
    /// as it is now: each violation as `rule (impact): selector — help`.
    /// axe comes from the npm package `make browsers` installs.
    pub async fn axe_violations(&self) -> anyhow::Result<Vec<String>> {
        let loaded = self
            .client
            .execute("return typeof axe !== 'undefined'", vec![])
            .await?;
        if loaded.as_bool() != Some(true) {
            let path = axe_script();
            let axe = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "reading {} (install it with `make browsers`)",
                    path.display()
                )
            })?;
            self.client.execute(&axe, vec![]).await?;
        }
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, {
                     runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
                     resultTypes: ["violations"],
                   }).then(
                     (result) => done(result.violations.flatMap((v) => v.nodes.map((n) =>
                       `${v.id} (${v.impact}): ${n.target.join(" ")} — ${v.help}`))),
                     (error) => done([`axe failed: ${error}`]),
                   );"#,
                vec![],
            )
            .await?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect())
    }

    /// Ends the session and stops the driver.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// Opens `url` and waits until the app has rendered its first view
    /// and, on a prerendered page, taken over from the page as built (so
    /// that what a scenario clicks is the app's).
    pub async fn open(&self, url: &str) -> anyhow::Result<()> {
        self.open_loading(url).await?;
        eventually("the app to take over from the prerendered page", || async {
            let shown = self
                .client
                .execute(
                    "return !document.querySelector('[data-prerendered-view]')",
                    vec![],
                )
                .await?;
            Ok((shown == true).then_some(()))
        })
        .await
    }

    /// Opens `url` and waits until the app has started (its own `<main>`
    /// has content), without waiting for its data: for scenarios whose
    /// data never comes.
    pub async fn open_loading(&self, url: &str) -> anyhow::Result<()> {
        self.client.goto(url).await?;
        eventually("the app to render", || async {
            let main = self
                .client
                .find_all(Locator::Css("body > main > *"))
                .await?;
            Ok((!main.is_empty()).then_some(()))
        })
        .await
    }

    /// The current URL's path and query, as `/articles/peru`.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        })
    }

    /// The text of the view's `<h1>`, once there is exactly one.
    pub async fn heading(&self) -> anyhow::Result<String> {
        eventually("one <h1>", || async {
            let headings = self.client.find_all(Locator::Css("h1")).await?;
            match headings.as_slice() {
                [only] => Ok(Some(only.text().await?)),
                _ => Ok(None),
            }
        })
        .await
    }

    /// Waits until the heading reads `expected`.
    pub async fn wait_for_heading(&self, expected: &str) -> anyhow::Result<()> {
        eventually(&format!("the <h1> to read {expected:?}"), || async {
            let headings = self.client.find_all(Locator::Css("h1")).await?;
            let mut texts = Vec::new();
            for heading in headings {
                texts.push(heading.text().await?);
            }
            if texts == [expected] {
                Ok(Some(()))
            } else {
                Err(anyhow::anyhow!("the page's <h1> texts are {texts:?}"))
            }
        })
        .await
    }

    /// Waits until the article view shows its body's text.
    pub async fn wait_for_article_body(&self) -> anyhow::Result<()> {
        eventually("the article's body", || async {
            let body = self
                .client
                .find_all(Locator::Css("[data-article-body] > *"))
                .await?;
            Ok((!body.is_empty()).then_some(()))
        })
        .await
    }

    /// The titles of the teasers in the grid, in page order, once there are
    /// `count` of them.
    pub async fn teaser_titles(&self, count: usize) -> anyhow::Result<Vec<String>> {
        eventually(&format!("{count} teasers"), || async {
            let titles = self
                .client
                .find_all(Locator::Css("article[data-teaser] h2"))
                .await?;
            if titles.len() != count {
                return Err(anyhow::anyhow!("{} teasers on the page", titles.len()));
            }
            let mut texts = Vec::new();
            for title in titles {
                texts.push(title.text().await?);
            }
            Ok(Some(texts))
        })
        .await
    }

    /// Waits up to `patience` until the grid shows at least one teaser (a
    /// large archive may take a while).
    pub async fn wait_for_grid(&self, patience: Duration) -> anyhow::Result<()> {
        super::eventually_within(patience, "the grid", || async {
            let teasers = self
                .client
                .find_all(Locator::Css("article[data-teaser]"))
                .await?;
            Ok((!teasers.is_empty()).then_some(()))
        })
        .await
    }

    /// The teaser for `slug`.
    pub async fn teaser(&self, slug: &str) -> anyhow::Result<Element> {
        let css = format!("article[data-teaser=\"{slug}\"]");
        eventually(&format!("the teaser {slug}"), || async {
            Ok(self
                .client
                .find_all(Locator::Css(&css))
                .await?
                .into_iter()
                .next())
        })
        .await
    }

    /// The button whose visible text is `label`.
    pub async fn button(&self, label: &str) -> anyhow::Result<Element> {
        let xpath = format!("//button[normalize-space()='{label}']");
        eventually(&format!("a {label:?} button"), || async {
            Ok(self
                .client
                .find_all(Locator::XPath(&xpath))
                .await?
                .into_iter()
                .next())
        })
        .await
    }

    /// The build of the app this page loaded (`broadsheet-index` for a
    /// compiled index, `broadsheet` for every source), from its wasm's
    /// name in the browser's resource timing; `None` before it loaded.
    pub async fn app_build(&self) -> anyhow::Result<Option<String>> {
        let names = self
            .client
            .execute(
                r#"return performance.getEntriesByType("resource")
                       .map((e) => new URL(e.name).pathname.split("/").pop())
                       .filter((name) => name.endsWith("_bg.wasm") && !name.startsWith("first-answer-"));"#,
                vec![],
            )
            .await?;
        // One entry: the app's wasm downloaded once (boot.js's early
        // request is the loader's, in every engine).
        let names: Vec<String> = serde_json::from_value(names)?;
        anyhow::ensure!(names.len() <= 1, "more than one app loaded: {names:?}");
        Ok(names.first().and_then(|name| {
            name.trim_end_matches("_bg.wasm")
                .rsplit_once('-')
                .map(|(build, _)| build.to_owned())
        }))
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> anyhow::Result<String> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    /// What the app's own status line says (`Loading articles…`), also
    /// while a prerendered page still covers the app's view.
    pub async fn app_status(&self) -> anyhow::Result<String> {
        let status = eventually("the app's status line", || async {
            let text = self
                .client
                .execute(
                    "const s = document.querySelector('body > main [data-status]'); return s && s.textContent;",
                    vec![],
                )
                .await?;
            Ok(text.as_str().map(str::to_owned))
        })
        .await?;
        Ok(status)
    }

    /// The text of the error alert, once there is one.
    pub async fn alert(&self) -> anyhow::Result<String> {
        self.alert_within(super::wait::PATIENCE).await
    }

    /// [`Browser::alert`], waiting up to `patience`.
    pub async fn alert_within(&self, patience: Duration) -> anyhow::Result<String> {
        super::eventually_within(patience, "the error alert", || async {
            match self
                .client
                .find_all(Locator::Css("[role=alert]"))
                .await?
                .first()
            {
                // Empty while still hidden behind a prerendered page.
                Some(alert) => Ok(Some(alert.text().await?).filter(|text| !text.is_empty())),
                None => Ok(None),
            }
        })
        .await
    }

    /// Saves `theme` (`light` or `dark`, or `None` for the system's) as
    /// the toggle does; the next page loaded shows it.
    pub async fn save_theme(&self, theme: Option<&str>) -> anyhow::Result<()> {
        self.client
            .execute(
                "arguments[0] ? localStorage.setItem('broadsheet-theme', arguments[0]) : localStorage.removeItem('broadsheet-theme')",
                vec![theme.into()],
            )
            .await?;
        Ok(())
    }

    /// The theme the page shows (its `data-theme`; empty for the
    /// system's).
    pub async fn shown_theme(&self) -> anyhow::Result<String> {
        let theme = self
            .client
            .execute(
                "return document.documentElement.getAttribute('data-theme')",
                vec![],
            )
            .await?;
        Ok(theme.as_str().unwrap_or_default().to_owned())
    }

    /// The document title.
    pub async fn title(&self) -> anyhow::Result<String> {
        Ok(self.client.title().await?)
    }

    /// Waits until the document title reads `expected`.
    pub async fn wait_for_title(&self, expected: &str) -> anyhow::Result<()> {
        eventually(&format!("the title {expected:?}"), || async {
            let title = self.client.title().await?;
            if title == expected {
                Ok(Some(()))
            } else {
                Err(anyhow::anyhow!("the title is {title:?}"))
            }
        })
        .await
    }
}
