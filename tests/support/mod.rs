//! The end-to-end harness: a copy of the release `dist/` served by nginx on
//! 127.0.0.1, headless Chromium through chromedriver, and a small runner
//! that reports each scenario by name.
//!
//! Each test file starts one site and one browser, runs its scenarios in
//! order, and stops everything it started (also when a scenario fails).

#![allow(dead_code, unused_imports, unused_macros)] // Each test file uses part of the harness.

pub mod api_server;
pub mod balancer;
pub mod browser;
pub mod cdp;
pub mod flaky;
pub mod grid;
pub mod hostile;
pub mod site;
pub mod wait;
pub mod wordpress;

use std::future::Future;
use std::process::ExitCode;
use std::time::Instant;

pub use api_server::ApiServer;
pub use balancer::Balancer;
pub use browser::{href, Browser};
pub use flaky::{Answer, Flaky};
pub use site::{without, Fallback, Site};
pub use wait::{eventually, eventually_within};
pub use wordpress::{WithWordPress, WordPress};

/// Runs named scenarios in order, printing `scenario … ok` or the failure,
/// and remembers whether all passed. Command-line arguments that are not
/// flags filter scenarios by substring, as `cargo test -- retry` does.
pub struct Runner {
    filters: Vec<String>,
    passed: usize,
    failed: Vec<String>,
}

impl Runner {
    /// A runner reading its filters from the command line.
    pub fn from_args() -> Self {
        let filters = std::env::args()
            .skip(1)
            .filter(|arg| !arg.starts_with('-'))
            .collect();
        Self {
            filters,
            passed: 0,
            failed: Vec::new(),
        }
    }

    /// Runs `scenario` unless filtered out, and reports it.
    pub async fn check(&mut self, name: &str, scenario: impl Future<Output = anyhow::Result<()>>) {
        if !self.filters.is_empty() && !self.filters.iter().any(|f| name.contains(f.as_str())) {
            return;
        }
        let start = Instant::now();
        match scenario.await {
            Ok(()) => {
                self.passed += 1;
                println!(
                    "scenario {name} ... ok ({} ms)",
                    start.elapsed().as_millis()
                );
            }
            Err(error) => {
                println!("scenario {name} ... FAILED\n    {error:#}");
                self.failed.push(name.to_owned());
            }
        }
    }

    /// How many scenarios have failed so far.
    pub fn failures(&self) -> usize {
        self.failed.len()
    }

    /// Forgets the last failure, for a scenario about to run again.
    pub fn retract_last_failure(&mut self) {
        self.failed.pop();
    }

    /// Prints the summary; the exit code the test binary should return.
    pub fn finish(self, engine: &str) -> ExitCode {
        if self.failed.is_empty() {
            println!("\n{engine}: {} scenarios passed", self.passed);
            ExitCode::SUCCESS
        } else {
            println!(
                "\n{engine}: {} passed, {} FAILED: {}",
                self.passed,
                self.failed.len(),
                self.failed.join(", ")
            );
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the app package's manifest directory).
pub fn repo_root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where scripts/tools.sh installs the tools (axe-core, Lighthouse):
/// `$BROADSHEET_TOOLS`, else the Makefile's default,
/// `${XDG_CACHE_HOME:-~/.cache}/broadsheet/tools`.
pub fn tools_dir() -> std::path::PathBuf {
    if let Some(tools) = std::env::var_os("BROADSHEET_TOOLS") {
        return tools.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache")
        });
    cache.join("broadsheet/tools")
}

/// A whole number from the environment variable `name`, else `default`
/// (benchmarks' `BENCH_ARTICLES`, `BENCH_RUNS`).
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Writes a test file's `main`: one site and one browser for the whole
/// file, then each scenario by name — failing it if nginx answered any
/// request for the page or its assets with an error, a browser reported a
/// Content-Security-Policy violation, or (Chromium) the console shows an
/// error — with the data
/// restored after each whatever the scenario broke, and everything
/// stopped at the end.
///
/// ```ignore
/// support::suite! {
///     "grid shows the seed listing" => scenarios::grid_shows_the_seed_listing,
/// }
/// ```
///
/// `site: <expression>;` first starts another site than `Site::start()`.
macro_rules! suite {
    ($($name:literal => $scenario:path),+ $(,)?) => {
        crate::support::suite! { site: crate::support::Site::start(); $($name => $scenario),+ }
    };
    (site: $site:expr; $($name:literal => $scenario:path),+ $(,)?) => {
        #[tokio::main]
        async fn main() -> std::process::ExitCode {
            let site = match $site {
                Ok(site) => site,
                Err(error) => {
                    eprintln!("could not start the site: {error:#}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            let mut browser = match crate::support::Browser::start().await {
                Ok(browser) => browser,
                Err(error) => {
                    eprintln!("could not start the browser: {error:#}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            let mut runner = crate::support::Runner::from_args();
            $(
                let mut again = false;
                loop {
                    let failures = runner.failures();
                    runner
                        .check($name, async {
                            let outcome = $scenario(&site, &browser).await;
                            let errors = site.unexpected_errors()?;
                            let console = browser.console_errors().await?;
                            outcome?;
                            anyhow::ensure!(
                                errors.is_empty(),
                                "nginx answered with errors, or the CSP refused something: {errors:?}"
                            );
                            anyhow::ensure!(
                                console.is_empty(),
                                "the console shows errors: {console:?}"
                            );
                            Ok(())
                        })
                        .await;
                    // A failure because the browser itself stopped
                    // answering (WebKitGTK's web process has been seen to
                    // die under load) gets a new browser and one more run;
                    // any other failure stands.
                    if runner.failures() == failures || again || browser.client.title().await.is_ok() {
                        break;
                    }
                    println!("    the browser stopped answering: started a new one, running {:?} again", $name);
                    match crate::support::Browser::start().await {
                        Ok(fresh) => {
                            std::mem::replace(&mut browser, fresh).stop().await;
                            runner.retract_last_failure();
                            again = true;
                        }
                        Err(error) => {
                            eprintln!("could not start a new browser: {error:#}");
                            break;
                        }
                    }
                }
                if let Err(error) = site.reset_data() {
                    eprintln!("could not restore the data after {:?}: {error:#}", $name);
                }
            )+
            browser.stop().await;
            drop(site);
            runner.finish(crate::support::browser::engine())
        }
    };
}
pub(crate) use suite;
