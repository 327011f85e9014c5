//! broadsheet's developer commands: `cargo xtask <command>`.
//!
//! - `size [<dist-dir>]`: print the release wasm and JS sizes raw, gzip and
//!   brotli, and fail when the wasm is over its brotli budget.
//! - `first-answer [<dist-dir>]`: after trunk, the search-only module a
//!   page as built answers a typed search with (see `first_answer`).
//! - `index-app [<dist-dir>]`: after trunk, the app for a compiled index
//!   alone, a smaller wasm than trunk's (see `index_app`).
//! - `prerender [<dist-dir>]`: every route of the bundle as a static
//!   HTML page (see `prerender`).
//! - `check-data <bundle-dir>`: read a bundle's index and every article it
//!   lists with the app's own parser, and report what is wrong.
//! - `bundle <content-dir> <out-dir>`: Markdown with front matter into a
//!   bundle, with feed.xml and sitemap.xml.
//! - `generate --articles <N> --out <dir> [--seed <S>]`: write a
//!   deterministic synthetic bundle.

mod app_shell;
mod bundle;
mod check_data;
mod feeds;
mod finish_dist;
mod first_answer;
mod generate;
mod index_app;
mod prerender;
mod size;

use std::path::PathBuf;
use std::process::ExitCode;

/// `prerender`'s arguments: the dist folder (`dist` by default) and
/// `--articles <N>`, how many of the newest articles get a page.
fn prerender_args(args: &[String]) -> Result<(PathBuf, Option<usize>), String> {
    let mut dist = PathBuf::from("dist");
    let mut articles = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--articles" {
            let number = rest
                .next()
                .and_then(|n| n.parse().ok())
                .ok_or("usage: cargo xtask prerender [<dist-dir>] [--articles <N>]")?;
            articles = Some(number);
        } else {
            dist = PathBuf::from(arg);
        }
    }
    Ok((dist, articles))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("finish-dist") => {
            finish_dist::run(&PathBuf::from(args.get(1).map_or("dist", String::as_str)))
        }
        Some("index-app") => {
            index_app::run(&PathBuf::from(args.get(1).map_or("dist", String::as_str)))
        }
        Some("first-answer") => {
            first_answer::run(&PathBuf::from(args.get(1).map_or("dist", String::as_str)))
        }
        Some("prerender") => prerender_args(&args[1..])
            .and_then(|(dist, articles)| prerender::run(&dist, articles)),
        Some("size") => size::run(&PathBuf::from(args.get(1).map_or("dist", String::as_str))),
        Some("check-data") => match args.get(1) {
            Some(dir) => check_data::run(&PathBuf::from(dir)),
            None => Err("usage: cargo xtask check-data <bundle-dir>".to_owned()),
        },
        Some("generate") => generate::run(&args[1..]),
        Some("bundle") => match (args.get(1), args.get(2)) {
            (Some(content), Some(out)) => bundle::run(&PathBuf::from(content), &PathBuf::from(out)),
            _ => Err("usage: cargo xtask bundle <content-dir> <out-dir>".to_owned()),
        },
        _ => Err(
            "usage: cargo xtask <command>\n  size [<dist-dir>]        wasm and JS sizes, raw/gzip/brotli, against the budget\n  first-answer [<dist-dir>] after trunk: the search-only module a page as built answers with\n  index-app [<dist-dir>]   after trunk: the app for a compiled index alone (a smaller wasm)\n  finish-dist [<dist-dir>] after trunk: external loader script, 404.html, .gz/.br files\n  prerender [<dist-dir>] [--articles <N>]  after finish-dist: every route of the bundle as static HTML (only the newest N articles' pages)\n  check-data <bundle-dir>  validate a bundle with the app's parser\n  generate --articles <N> --out <dir> [--seed <S>]  a synthetic bundle\n  bundle <content-dir> <out-dir>  Markdown content into a bundle"
                .to_owned(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
