//! `make audit`: Lighthouse (mobile preset, Debian's Chromium) against the
//! release build served by nginx with the shipped configuration, for `/`
//! and one article. Prints the four category scores and FCP, LCP, TBT and
//! CLS. A report, not a test: it fails only if Lighthouse cannot run.

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod report {
    use std::path::PathBuf;
    use std::process::Command;

    use anyhow::{bail, Context};

    use crate::support::{tools_dir, Site};

    /// The pages audited.
    const PAGES: &[&str] = &["/", "/articles/explosive-protests-rock-peru"];

    /// The flags Chromium needs on this kind of machine (see
    /// tests/support/browser.rs).
    const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync";

    /// Lighthouse's command, as `make audit` installs it.
    fn lighthouse() -> PathBuf {
        tools_dir().join("lighthouse/node_modules/.bin/lighthouse")
    }

    pub fn main() -> anyhow::Result<()> {
        let site = Site::start()?;
        let out = tempfile::tempdir()?;
        println!(
            "{:<44} {:>5} {:>5} {:>5} {:>5} {:>8} {:>8} {:>7} {:>6}",
            "page (Lighthouse, mobile)", "perf", "a11y", "best", "seo", "FCP", "LCP", "TBT", "CLS"
        );
        for page in PAGES {
            let report = out.path().join("report.json");
            let status = Command::new(lighthouse())
                .arg(site.url(page))
                .arg("--output=json")
                .arg(format!("--output-path={}", report.display()))
                .arg("--quiet")
                .arg("--only-categories=performance,accessibility,best-practices,seo")
                .arg(format!("--chrome-flags={CHROME_FLAGS}"))
                .env(
                    "CHROME_PATH",
                    std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                )
                .status()
                .context("running lighthouse (install it with `make audit`)")?;
            if !status.success() {
                bail!("lighthouse failed on {page}: {status}");
            }
            let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report)?)?;
            let score = |category: &str| {
                json["categories"][category]["score"]
                    .as_f64()
                    .map_or_else(|| "-".to_owned(), |s| format!("{:.0}", s * 100.0))
            };
            let metric = |audit: &str| json["audits"][audit]["numericValue"].as_f64();
            let ms = |audit: &str| {
                metric(audit).map_or_else(|| "-".to_owned(), |v| format!("{v:.0} ms"))
            };
            println!(
                "{:<44} {:>5} {:>5} {:>5} {:>5} {:>8} {:>8} {:>7} {:>6}",
                page,
                score("performance"),
                score("accessibility"),
                score("best-practices"),
                score("seo"),
                ms("first-contentful-paint"),
                ms("largest-contentful-paint"),
                ms("total-blocking-time"),
                metric("cumulative-layout-shift")
                    .map_or_else(|| "-".to_owned(), |v| format!("{v:.3}")),
            );
            // What moved, when anything did.
            for item in json["audits"]["layout-shifts"]["details"]["items"]
                .as_array()
                .into_iter()
                .flatten()
                .take(5)
            {
                println!(
                    "    layout shift {:.3}: {}",
                    item["score"].as_f64().unwrap_or_default(),
                    item["node"]["selector"].as_str().unwrap_or("?")
                );
            }
            // What kept a category from 100, to act on.
            for (category, section) in json["categories"].as_object().into_iter().flatten() {
                if section["score"].as_f64() == Some(1.0) {
                    continue;
                }
                for reference in section["auditRefs"].as_array().into_iter().flatten() {
                    let id = reference["id"].as_str().unwrap_or_default();
                    let audit = &json["audits"][id];
                    let weighted = reference["weight"].as_f64().unwrap_or_default() > 0.0;
                    if weighted && audit["score"].as_f64().is_some_and(|s| s < 0.9) {
                        println!(
                            "    {category}: {} ({})",
                            audit["title"].as_str().unwrap_or(id),
                            audit["displayValue"].as_str().unwrap_or("failed")
                        );
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> anyhow::Result<()> {
    report::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
