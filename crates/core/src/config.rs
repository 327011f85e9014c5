//! Runtime configuration: `config.json` beside `index.html`.
//!
//! A publisher edits it to change the site title, the page size or where
//! articles come from, with no rebuild. Without the file the app shows the
//! bundle it was built with.

use crate::error::DataError;
use crate::json::{parse, Obj};
use crate::quote::quoted;

/// The configuration file's name, relative to the app's base URL.
pub const CONFIG_FILE: &str = "config.json";

/// The most teasers one page of the grid may show.
pub const MAX_PAGE_SIZE: u32 = 100;

/// How the app is set up for this deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Replaces the data's site title in the masthead and document titles.
    pub site_title: Option<String>,
    /// Teasers per page of the grid, 1 to [`MAX_PAGE_SIZE`].
    pub page_size: u32,
    /// Where the articles come from.
    pub source: Source,
}

/// Where the articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A static bundle: the folder holding `index.json` and `articles/`,
    /// relative to the app (`data/`) or absolute (`https://cdn.example/news/`).
    Bundle(String),
    /// An HTTP API implementing broadsheet's contract (`docs/api.md`), by
    /// its base URL.
    Api(String),
    /// A WordPress site, by its address (`https://news.example.org/`): the
    /// app reads its public REST API (`docs/wordpress.md`).
    WordPress(String),
}

impl Default for Config {
    fn default() -> Self {
        Self {
            site_title: None,
            page_size: default_page_size(),
            source: Source::default(),
        }
    }
}

impl Default for Source {
    fn default() -> Self {
        Source::Bundle("data/".to_owned())
    }
}

fn default_page_size() -> u32 {
    12
}

impl Source {
    /// The source's base URL, ending in `/` so file names join onto it.
    pub fn base_url(&self) -> String {
        let url = match self {
            Source::Bundle(url) | Source::Api(url) | Source::WordPress(url) => url,
        };
        if url.is_empty() || url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        }
    }
}

/// Reads `config.json`. `file` names it in messages.
pub fn parse_config(bytes: &[u8], file: &str) -> Result<Config, DataError> {
    let document = parse(bytes, file)?;
    let top = Obj::top(&document, file)?;
    top.only(&["site_title", "page_size", "source"])?;
    let page_size = top.opt_u32("page_size")?.unwrap_or_else(default_page_size);
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        return Err(top.field_error(
            "page_size",
            format!("expected a number from 1 to {MAX_PAGE_SIZE}, got {page_size}"),
        ));
    }
    let source = match top.opt_object("source")? {
        None => Source::default(),
        Some(source) => {
            let kinds = ["bundle", "api", "wordpress"];
            source.only(&kinds)?;
            let mut named = Vec::new();
            for kind in kinds {
                if let Some(url) = source.opt_string(kind)? {
                    named.push((kind, url));
                }
            }
            let (kind, url) = match named.pop() {
                Some(only) if named.is_empty() => only,
                _ => {
                    return Err(
                        source.error("expected exactly one of `bundle`, `api` or `wordpress`")
                    )
                }
            };
            if !is_usable_url(&url) {
                return Err(source.field_error(
                    kind,
                    format!(
                        "expected an http(s) URL or a path relative to the app, got {}",
                        quoted(&url)
                    ),
                ));
            }
            match kind {
                "bundle" => Source::Bundle(url),
                "api" => Source::Api(url),
                _ => Source::WordPress(url),
            }
        }
    };
    Ok(Config {
        site_title: top.opt_string("site_title")?,
        page_size,
        source,
    })
}

/// An absolute http(s) URL, or a relative path with no scheme.
fn is_usable_url(url: &str) -> bool {
    if url.trim() != url || url.contains(['\\', '"', '<', '>', ' ']) {
        return false;
    }
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            matches!(scheme, "http" | "https") && url.contains("://")
        }
        _ => !url.starts_with("//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Config, String> {
        parse_config(json.as_bytes(), "config.json").map_err(|e| e.to_string())
    }

    #[test]
    fn everything_has_a_default() {
        assert_eq!(parse("{}"), Ok(Config::default()));
        assert_eq!(Config::default().source.base_url(), "data/");
        assert_eq!(Config::default().page_size, 12);
    }

    #[test]
    fn reads_a_bundle_or_an_api_source() {
        let config = parse(
            r#"{"site_title": "The Daily", "page_size": 24,
                "source": {"api": "https://api.example.org/v1"}}"#,
        )
        .unwrap();
        assert_eq!(config.site_title.as_deref(), Some("The Daily"));
        assert_eq!(config.page_size, 24);
        assert_eq!(
            config.source,
            Source::Api("https://api.example.org/v1".into())
        );
        assert_eq!(config.source.base_url(), "https://api.example.org/v1/");
        let config = parse(r#"{"source": {"wordpress": "https://news.example.org"}}"#).unwrap();
        assert_eq!(
            config.source,
            Source::WordPress("https://news.example.org".into())
        );
        assert_eq!(config.source.base_url(), "https://news.example.org/");
        let config = parse(r#"{"source": {"bundle": "archive/2024/"}}"#).unwrap();
        assert_eq!(config.source.base_url(), "archive/2024/");
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            parse(r#"{"page_sise": 3}"#).unwrap_err(),
            "config.json: page_sise: unknown field, expected one of `site_title`, `page_size`, `source`"
        );
        assert_eq!(
            parse(r#"{"page_size": 0}"#).unwrap_err(),
            "config.json: page_size: expected a number from 1 to 100, got 0"
        );
        assert_eq!(
            parse(r#"{"page_size": "ten"}"#).unwrap_err(),
            r#"config.json: page_size: expected a whole number, got "ten""#
        );
        assert_eq!(
            parse(r#"{"source": {"ftp": "x"}}"#).unwrap_err(),
            "config.json: source.ftp: unknown field, expected one of `bundle`, `api`, `wordpress`"
        );
        assert_eq!(
            parse(r#"{"source": {"bundle": "a/", "api": "b/"}}"#).unwrap_err(),
            "config.json: source: expected exactly one of `bundle`, `api` or `wordpress`"
        );
        assert_eq!(
            parse(r#"{"source": {"api": "a/", "wordpress": "https://b/"}}"#).unwrap_err(),
            "config.json: source: expected exactly one of `bundle`, `api` or `wordpress`"
        );
        assert_eq!(
            parse(r#"{"source": {"wordpress": "javascript:alert(1)"}}"#).unwrap_err(),
            r#"config.json: source.wordpress: expected an http(s) URL or a path relative to the app, got "javascript:alert(1)""#
        );
        for bad in [
            "javascript:alert(1)",
            "//evil.example/",
            "data:text/json,{}",
            " data/",
        ] {
            let json = format!(r#"{{"source": {{"bundle": {bad:?}}}}}"#);
            assert_eq!(
                parse(&json).unwrap_err(),
                format!("config.json: source.bundle: expected an http(s) URL or a path relative to the app, got {bad:?}")
            );
        }
        assert!(parse("{")
            .unwrap_err()
            .starts_with("config.json: not valid JSON"));
    }
}
