//! `cargo xtask prerender <dist>`: every route a bundle defines, written
//! as a static HTML page holding the rendered view and its head tags, so
//! readers see the first teaser before the wasm arrives and bots that
//! run no JavaScript see the content and the link-preview tags. The views
//! are the app's own components (`broadsheet::render`), rendered natively.
//!
//! Pages are trunk's `index.html` (after `finish-dist`) with the view
//! inside `<div class="prerendered">` before `</body>`. The app starts as
//! usual, hidden behind it by CSS; `public/boot.js` removes the built
//! copy in the frame the app's own view is ready, and hides it at once if
//! it is not the view the address asks for (a query string, or the
//! fallback page for a path the build did not know). Written:
//! `index.html` (the whole archive, first page), `category/<slug>/`,
//! `author/<slug>/`, `tag/<slug>/` and `articles/<slug>/` (each an
//! `index.html`), and `404.html` (the not-found view, which stands for any
//! path). `app.html` keeps trunk's page as it was, so that running this
//! again after the data changed starts from it. An API source is not
//! prerendered.

mod cores;
mod html;
mod index;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use broadsheet::render::render;
use broadsheet::source::{Archive, StaticIndex};
use broadsheet_core::bundle::article_file;
use broadsheet_core::compiled::compile;
use broadsheet_core::head::Head;
use broadsheet_core::{
    parse_article, parse_config, parse_index, ArchiveKind, Catalog, Config, Index, Route, Source,
    CONFIG_FILE,
};

use broadsheet_core::progress::Progress;
use html::escape;

/// The app's page with no view in it, kept beside the prerendered pages.
const SHELL: &str = "app.html";

/// One page to write: its route (`/articles/x`, `*` for 404.html), its
/// file, its head and its view (masthead, `<main>`, footer).
struct Page {
    route: String,
    /// An article's page, which links the styles rather than carrying
    /// them ([`crate::finish_dist::linking_styles`]).
    article: bool,
    file: PathBuf,
    head: Head,
    view: String,
}

/// Everything the pages share.
struct Site<'a> {
    dist: &'a Path,
    shell: &'a str,
    /// The shell linking its styles rather than carrying them, for
    /// article pages ([`crate::finish_dist::linking_styles`]).
    article_shell: String,
    /// The compiled index's build the pages were made with: the page is
    /// set aside by boot.js when the manifest served names another.
    build: String,
    base: String,
    archive: Arc<Archive>,
    bundle: PathBuf,
}

/// Prerenders `dist` in place: every listing and archive, and the pages
/// of the newest `articles` articles (all of them without a number).
pub fn run(dist: &Path, articles: Option<usize>) -> Result<(), String> {
    let started = Instant::now();
    // The page without a view: trunk's index.html the first time, kept
    // as app.html so that the pages can be written again from new data.
    let kept = dist.join(SHELL);
    let shell_path = if kept.is_file() {
        kept.clone()
    } else {
        dist.join("index.html")
    };
    let shell = std::fs::read_to_string(&shell_path)
        .map_err(|e| format!("{}: {e}", shell_path.display()))?;
    if shell.contains("data-prerendered=\"") {
        return Err(format!(
            "{}: already prerendered, and no {SHELL} beside it to start again from",
            shell_path.display()
        ));
    }
    if !kept.is_file() {
        std::fs::write(&kept, &shell).map_err(|e| format!("{}: {e}", kept.display()))?;
        crate::finish_dist::precompress(&kept)?;
    }
    let config = match std::fs::read(dist.join(CONFIG_FILE)) {
        Ok(bytes) => parse_config(&bytes, CONFIG_FILE).map_err(|e| e.to_string())?,
        Err(_) => Config::default(),
    };
    let data = match &config.source {
        Source::Bundle(_) => config.source.base_url(),
        Source::Api(_) | Source::WordPress(_) => {
            println!(
                "prerender: the source is an API or a WordPress site, which stays client-rendered"
            );
            return Ok(());
        }
    };
    if data.contains("://") || data.starts_with('/') {
        println!(
            "prerender: the bundle ({data}) is not inside {}: nothing prerendered",
            dist.display()
        );
        return Ok(());
    }
    let bundle = dist.join(&data);
    let index_file = format!("{data}index.json");
    let bytes = std::fs::read(bundle.join("index.json"))
        .map_err(|e| format!("{}: {e}", bundle.join("index.json").display()))?;
    let mut index = parse_index(&bytes, &index_file).map_err(|e| e.to_string())?;
    for part in index.parts.clone() {
        let bytes = std::fs::read(bundle.join(&part)).map_err(|e| format!("{data}{part}: {e}"))?;
        index
            .add_part(&bytes, &format!("{data}{part}"))
            .map_err(|e| e.to_string())?;
    }
    if let Some(colour) = crate::app_shell::manifest_colour(dist) {
        crate::app_shell::write_manifest(
            dist,
            &index.site.title,
            &index.site.description,
            &colour,
        )?;
    }
    let progress = Progress::new("prerender");
    progress.say("reading the bundle");
    let mut routes = routes(&index);
    let catalog = Catalog::new(index);
    // Older articles' pages are left out (and removed below): their deep
    // links get the fallback page, which the app renders them from.
    let left_out = articles.map_or(0, |newest| {
        let kept: std::collections::HashSet<&str> = catalog
            .newest()
            .take(newest)
            .map(|t| t.slug.as_str())
            .collect();
        let before = routes.len();
        routes.retain(|route| match route {
            Route::Article(slug) => kept.contains(slug.as_str()),
            _ => true,
        });
        before - routes.len()
    });
    let compiled = compile(&catalog, &mut |step| {
        progress.say(&format!("index: {step}"))
    });
    drop(catalog);
    let index = index::write(&bundle, &compiled, &progress)?;
    // The pages are rendered from the compiled index, as the browser
    // reads it: each page's answer from the files it needs.
    progress.say("reading the index back");
    let reader =
        StaticIndex::preloaded(compiled.manifest, &compiled.files).map_err(|e| e.to_string())?;
    drop(compiled.files);
    let site = Site {
        dist,
        shell: &shell,
        article_shell: crate::finish_dist::linking_styles(&shell).unwrap_or_else(|| shell.clone()),
        build: index.build.clone(),
        base: base_path(&shell),
        archive: Arc::new(Archive::of_index(config, reader)),
        bundle,
    };

    progress.say("pages");
    let total = routes.len();
    let pages = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let workers = cores::count();
    let failures = cores::on_every_core(&routes, |route| {
        let (size, changed) = page(&site, route).and_then(|page| write(&site, &page))?;
        let done = pages.fetch_add(1, Ordering::Relaxed) + 1;
        progress.count("pages", done, total);
        if changed {
            written.fetch_add(1, Ordering::Relaxed);
        }
        bytes.fetch_add(size, Ordering::Relaxed);
        Ok(())
    });
    let stale = if failures.is_empty() {
        remove_stale(dist, &routes)?
    } else {
        0
    };
    progress.finish();
    for failure in &failures {
        eprintln!("prerender: {failure}");
    }
    let index = format!(
        "; index {} ({} files, {:.1} MB, {}{})",
        index.build,
        index.files,
        index.bytes as f64 / 1e6,
        if index.new { "written" } else { "unchanged" },
        match index.removed {
            0 => String::new(),
            n => format!(", {n} older builds removed"),
        }
    );
    let left_out = match left_out {
        0 => String::new(),
        n => format!(", {n} older articles' pages left out"),
    };
    println!(
        "prerender: {} pages ({} written, the rest unchanged, {stale} of routes the data no longer has or that are left out removed{left_out}) in {} ms ({:.1} MB of HTML, {workers} threads){index}",
        pages.load(Ordering::Relaxed),
        written.load(Ordering::Relaxed),
        started.elapsed().as_millis(),
        bytes.load(Ordering::Relaxed) as f64 / 1e6
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("prerender: {} pages failed", failures.len()))
    }
}

/// Every route of the archive, and the not-found view.
/// Removes the pages of archive and article routes not in `routes` (the
/// data no longer has them: served, they would answer 200 with an old
/// article to crawlers and link previews); returns how many. Only folders
/// holding a prerendered page are touched.
fn remove_stale(dist: &Path, routes: &[Route]) -> Result<usize, String> {
    let wanted: std::collections::HashSet<String> = routes.iter().filter_map(Route::path).collect();
    let mut removed = 0;
    let mut kinds: Vec<Route> = ArchiveKind::ALL
        .iter()
        .map(|kind| kind.route("x"))
        .collect();
    kinds.push(Route::Article("x".to_owned()));
    for kind in kinds {
        let Some(path) = kind.path() else { continue };
        let Some(folder) = path.trim_start_matches('/').strip_suffix("/x") else {
            continue;
        };
        let Ok(entries) = std::fs::read_dir(dist.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let route = format!("/{folder}/{}", entry.file_name().to_string_lossy());
            // Only a page the data no longer has is read (a million pages
            // read back cost minutes).
            if wanted.contains(&route) {
                continue;
            }
            let page = entry.path().join("index.html");
            let prerendered =
                std::fs::read_to_string(&page).is_ok_and(|html| html.contains("data-prerendered="));
            if prerendered {
                std::fs::remove_dir_all(entry.path())
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Every route the bundle `index` defines.
fn routes(index: &Index) -> Vec<Route> {
    let mut routes = vec![Route::Home, Route::NotFound];
    for kind in ArchiveKind::ALL {
        let slugs: Vec<&String> = match kind {
            ArchiveKind::Author => index.authors.iter().map(|a| &a.slug).collect(),
            ArchiveKind::Category => index.categories.iter().map(|t| &t.slug).collect(),
            ArchiveKind::Tag => index.tags.iter().map(|t| &t.slug).collect(),
        };
        routes.extend(slugs.into_iter().map(|slug| kind.route(slug.clone())));
    }
    routes.extend(index.teasers.iter().map(|t| Route::Article(t.slug.clone())));
    routes
}

/// The page of `route`, rendered by the app's own components.
fn page(site: &Site, route: &Route) -> Result<Page, String> {
    let article = match route {
        Route::Article(slug) => {
            let name = article_file(slug);
            let file = format!("{}{name}", site.archive.config.source.base_url());
            let bytes =
                std::fs::read(site.bundle.join(&name)).map_err(|e| format!("{file}: {e}"))?;
            Some(parse_article(&bytes, &file).map_err(|e| e.to_string())?)
        }
        _ => None,
    };
    let (path, file) = match route.path() {
        Some(path) => {
            let file = site
                .dist
                .join(path.trim_start_matches('/'))
                .join("index.html");
            (path, file)
        }
        None => ("*".to_owned(), site.dist.join("404.html")),
    };
    let rendered = render(Arc::clone(&site.archive), &site.base, &path, article);
    let head = rendered
        .head
        .ok_or_else(|| format!("{path}: the view declared no head"))?;
    Ok(Page {
        article: matches!(route, Route::Article(_)),
        route: path,
        file,
        head,
        view: rendered.html,
    })
}

/// The shell with `page` in it; returns its size and whether it was
/// written (`false`: the file already held it).
fn write(site: &Site, page: &Page) -> Result<(usize, bool), String> {
    let language = format!(
        "<html lang=\"{}\" data-prerendered=\"{}\" data-prerendered-index=\"{}\">",
        escape(&page.head.language),
        escape(&page.route),
        site.build
    );
    let mut html = if page.article {
        site.article_shell.clone()
    } else {
        site.shell.to_owned()
    };
    for (from, to) in [
        ("<html lang=\"en\">", language.as_str()),
        ("<title>Broadsheet</title>", ""),
        (
            "<meta name=\"description\" content=\"A news archive.\" />",
            &html::head_tags(&page.head),
        ),
    ] {
        html = replace_once(&html, from, to)?;
    }
    // The page is readable without the wasm: it downloads behind the
    // page's styles rather than beside them. (With the app for a
    // compiled index built too, the page preloads neither app: the loader
    // chooses once boot.js has read the data's configuration.)
    for (from, to) in [
        (
            "as=\"fetch\" type=\"application/wasm\">",
            "as=\"fetch\" type=\"application/wasm\" fetchpriority=\"low\">",
        ),
        (
            "<link rel=\"modulepreload\"",
            "<link rel=\"modulepreload\" fetchpriority=\"low\"",
        ),
    ] {
        html = html.replacen(from, to, 1);
    }
    let html = match (html.find("<noscript>"), html.find("</noscript>")) {
        (Some(start), Some(end)) => {
            format!("{}{}", &html[..start], &html[end + "</noscript>".len()..])
        }
        _ => html,
    };
    let view = format!(
        "<div class=\"prerendered\" data-prerendered-view=\"\">{}</div></body>",
        page.view
    );
    let html = replace_once(&html, "</body>", &view)?;
    // A page already written as it would be now (its article and the
    // archive around it unchanged) is left as it is, compressed copies
    // and all: running this again after a change rewrites only the pages
    // that change.
    let compressed = PathBuf::from(format!("{}.br", page.file.display()));
    if compressed.is_file() && std::fs::read(&page.file).is_ok_and(|old| old == html.as_bytes()) {
        return Ok((html.len(), false));
    }
    if let Some(folder) = page.file.parent() {
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    std::fs::write(&page.file, &html).map_err(|e| format!("{}: {e}", page.file.display()))?;
    // Thousands of pages: brotli 5 takes a small share of the time
    // brotli 11 would (150 s for 10,000 articles) for files a few per cent
    // larger, and the same bytes as 6 in four fifths of its time. No .gz
    // copy: every browser takes brotli, and a host serves the rare client
    // that does not by compressing as it sends (nginx's `gzip on`, Caddy's
    // `encode`); it cost a fifth of a 100,000-article build.
    crate::finish_dist::compress_beside(&page.file, html.as_bytes(), 5, None)?;
    Ok((html.len(), true))
}

/// `html` with the first `from` replaced by `to`; an error naming `from`
/// when the shell lacks it (index.html changed, and this with it must).
fn replace_once(html: &str, from: &str, to: &str) -> Result<String, String> {
    if html.contains(from) {
        Ok(html.replacen(from, to, 1))
    } else {
        Err(format!(
            "{SHELL}: no `{from}` to replace: index.html and the prerenderer disagree"
        ))
    }
}

/// `bytes` as lowercase hexadecimal.
/// The base path trunk wrote into `<base href>`, without its trailing
/// slash (`/news`, or empty at a domain's root), as `src/base.rs` reads it.
fn base_path(shell: &str) -> String {
    shell
        .split("<base href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|href| href.trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_base_path() {
        assert_eq!(base_path("<base href=\"/\" />"), "");
        assert_eq!(base_path("<base href=\"/news/\" />"), "/news");
    }

    #[test]
    fn prerenders_the_sample_and_leaves_no_page_out() {
        let dist = tempfile::tempdir().expect("a temporary folder");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let shell = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><base href=\"/\" /><title>Broadsheet</title><meta name=\"description\" content=\"A news archive.\" /><link rel=\"preload\" href=\"/b.wasm\" as=\"fetch\" type=\"application/wasm\"><link rel=\"modulepreload\" href=\"/b.js\"></head>\n<body><noscript><p>needs JavaScript</p></noscript>\n</body>\n</html>\n";
        std::fs::write(dist.path().join("index.html"), shell).expect("the shell");
        copy_dir(&root.join("public/data"), &dist.path().join("data"));
        run(dist.path(), None).expect("prerendered");
        let home = std::fs::read_to_string(dist.path().join("index.html")).expect("home");
        if std::env::var_os("SHOW_PRERENDERED").is_some() {
            println!("{home}");
        }
        assert!(home.contains("data-prerendered=\"/\""));
        assert!(home.contains("<title>Latest articles — Broadsheet Sample</title>"));
        assert!(!home.contains("noscript"));
        assert_eq!(home.matches("data-teaser=").count(), 5);
        let article = std::fs::read_to_string(
            dist.path()
                .join("articles/explosive-protests-rock-peru/index.html"),
        )
        .expect("an article");
        assert!(article.contains("<h1 class=\"article__title\">Explosive Protests Rock Peru</h1>"));
        assert!(article.contains(
            "<meta property=\"og:url\" content=\"https://example.org/articles/explosive-protests-rock-peru\" data-head=\"\">"
        ));
        assert!(dist
            .path()
            .join("category/latin-america/index.html")
            .exists());
        assert!(dist.path().join("404.html").exists());
        // Again, from app.html: the same pages, not nested ones.
        run(dist.path(), None).expect("prerendered again");
        let again = std::fs::read_to_string(dist.path().join("index.html")).expect("home");
        assert_eq!(again, home);
        assert!(!std::fs::read_to_string(dist.path().join("app.html"))
            .expect("the shell")
            .contains("data-prerendered=\""));
        // Only the two newest articles: the other pages go, the listings
        // and archives stay.
        run(dist.path(), Some(2)).expect("prerendered, two articles");
        let mut built: Vec<String> = std::fs::read_dir(dist.path().join("articles"))
            .expect("the articles' folder")
            .flatten()
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        built.sort();
        assert_eq!(
            built,
            [
                "latin-america-second-pink-tide-what-way-forward",
                "peru-mass-revolt-against-coup-continues"
            ]
        );
        assert!(dist
            .path()
            .join("category/latin-america/index.html")
            .exists());
        assert_eq!(
            std::fs::read_to_string(dist.path().join("index.html")).expect("home"),
            home
        );
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("a folder");
        for entry in std::fs::read_dir(from).expect("a listing").flatten() {
            let path = entry.path();
            if path.is_dir() {
                copy_dir(&path, &to.join(entry.file_name()));
            } else {
                std::fs::copy(&path, to.join(entry.file_name())).expect("a copy");
            }
        }
    }
}
