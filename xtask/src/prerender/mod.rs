//! `cargo xtask prerender <dist>`: every route a bundle defines, written
//! as a static HTML page holding the rendered view and its head tags, so
//! readers see the first teaser before the wasm arrives and bots that
//! run no JavaScript see the content and the link-preview tags.
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

mod html;
mod views;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use broadsheet_core::{
    parse_article, parse_config, parse_index, Catalog, Config, Query, Source, CONFIG_FILE,
};

use html::{escape, Card, Head};
use sha2::{Digest, Sha256};
use views::Archive;

/// The app's page with no view in it, kept beside the prerendered pages.
const SHELL: &str = "app.html";

/// One page to write: its route (`/articles/x`, `*` for 404.html), its
/// file, its head and its `<main>` content.
struct Page {
    route: String,
    file: PathBuf,
    head: Head,
    main: String,
    language: String,
}

/// Everything the pages share.
struct Site<'a> {
    dist: &'a Path,
    shell: &'a str,
    /// The SHA-256 of the index.json the pages were built from.
    digest: String,
    base: String,
    catalog: Catalog,
    config: Config,
    bundle: PathBuf,
    title: String,
    url: Option<String>,
}

/// Prerenders `dist` in place.
pub fn run(dist: &Path) -> Result<(), String> {
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
    if shell.contains("data-prerendered") {
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
    let digest = hex(&Sha256::digest(&bytes));
    let mut index = parse_index(&bytes, &index_file).map_err(|e| e.to_string())?;
    for part in index.parts.clone() {
        let bytes = std::fs::read(bundle.join(&part)).map_err(|e| format!("{data}{part}: {e}"))?;
        index
            .add_part(&bytes, &format!("{data}{part}"))
            .map_err(|e| e.to_string())?;
    }
    let title = config
        .site_title
        .clone()
        .unwrap_or_else(|| index.site.title.clone());
    let url = index
        .site
        .url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned());
    let site = Site {
        dist,
        shell: &shell,
        digest,
        base: base_path(&shell),
        catalog: Catalog::new(index),
        config,
        bundle,
        title,
        url,
    };

    let routes = routes(&site);
    let pages = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        let Some(route) = routes.get(at) else { break };
                        match render(&site, route).and_then(|page| write(&site, &page)) {
                            Ok((size, changed)) => {
                                pages.fetch_add(1, Ordering::Relaxed);
                                if changed {
                                    written.fetch_add(1, Ordering::Relaxed);
                                }
                                bytes.fetch_add(size, Ordering::Relaxed);
                            }
                            Err(message) => failed.push(message),
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    for failure in &failures {
        eprintln!("prerender: {failure}");
    }
    println!(
        "prerender: {} pages ({} written, the rest unchanged) in {} ms ({:.1} MB of HTML, {workers} threads)",
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

/// A route to render.
enum Route {
    Home,
    Archive(&'static str, String),
    Article(String),
    NotFound,
}

fn routes(site: &Site) -> Vec<Route> {
    let index = site.catalog.index();
    let mut routes = vec![Route::Home, Route::NotFound];
    routes.extend(
        index
            .categories
            .iter()
            .map(|t| Route::Archive("category", t.slug.clone())),
    );
    routes.extend(
        index
            .authors
            .iter()
            .map(|a| Route::Archive("author", a.slug.clone())),
    );
    routes.extend(
        index
            .tags
            .iter()
            .map(|t| Route::Archive("tag", t.slug.clone())),
    );
    routes.extend(index.teasers.iter().map(|t| Route::Article(t.slug.clone())));
    routes
}

fn render(site: &Site, route: &Route) -> Result<Page, String> {
    let index = site.catalog.index();
    let language = index.site.language.clone();
    let per_page = site.config.page_size;
    let card = |title: &str, path: &str| {
        site.url.as_ref().map(|url| Card {
            title: title.to_owned(),
            url: format!("{url}{path}"),
            site_name: site.title.clone(),
            kind: "website",
            image: None,
            published: None,
        })
    };
    let page = match route {
        Route::Home => {
            let query = Query {
                per_page,
                ..Query::default()
            };
            Page {
                route: "/".to_owned(),
                file: site.dist.join("index.html"),
                head: Head {
                    title: format!("Latest articles — {}", site.title),
                    description: index.site.description.clone(),
                    card: card(&site.title, "/"),
                },
                main: views::listing(&site.base, &site.catalog, &query, None),
                language,
            }
        }
        Route::NotFound => Page {
            route: "*".to_owned(),
            file: site.dist.join("404.html"),
            head: Head {
                title: format!("Page not found — {}", site.title),
                description: index.site.description.clone(),
                card: None,
            },
            main: views::not_found(&site.base),
            language,
        },
        Route::Archive(kind, slug) => {
            let mut query = Query {
                per_page,
                ..Query::default()
            };
            let (kicker, name, description) = match *kind {
                "category" | "tag" => {
                    let terms = if *kind == "category" {
                        &index.categories
                    } else {
                        &index.tags
                    };
                    let term = terms
                        .iter()
                        .find(|t| t.slug == *slug)
                        .ok_or_else(|| format!("no {kind} {slug}"))?;
                    if *kind == "category" {
                        query.category = Some(slug.clone());
                    } else {
                        query.tag = Some(slug.clone());
                    }
                    (
                        if *kind == "category" {
                            "Category"
                        } else {
                            "Tag"
                        },
                        term.name.clone(),
                        term.description.clone(),
                    )
                }
                _ => {
                    let author = index
                        .authors
                        .iter()
                        .find(|a| a.slug == *slug)
                        .ok_or_else(|| format!("no author {slug}"))?;
                    query.author = Some(slug.clone());
                    let about = format!("{}{}", author.name, broadsheet_core::byline_tail(author));
                    let description = match (&author.affiliation, &author.description) {
                        (_, Some(description)) => Some(description.clone()),
                        (Some(_), None) => Some(about),
                        (None, None) => None,
                    };
                    ("Author", author.name.clone(), description)
                }
            };
            let archive = Archive {
                kind,
                slug,
                name: name.clone(),
                kicker,
                description: description.clone(),
            };
            let path = format!("/{kind}/{slug}");
            Page {
                route: path.clone(),
                file: site.dist.join(kind).join(slug).join("index.html"),
                head: Head {
                    title: format!("{name} — {}", site.title),
                    description: description.unwrap_or_else(|| index.site.description.clone()),
                    card: card(&name, &path),
                },
                main: views::listing(&site.base, &site.catalog, &query, Some(&archive)),
                language,
            }
        }
        Route::Article(slug) => {
            let data = site.config.source.base_url();
            let file = format!("{data}articles/{slug}.json");
            let bytes = std::fs::read(site.bundle.join("articles").join(format!("{slug}.json")))
                .map_err(|e| format!("{file}: {e}"))?;
            let article = parse_article(&bytes, &file).map_err(|e| e.to_string())?;
            let teaser = index
                .teaser(slug)
                .cloned()
                .unwrap_or_else(|| article.teaser.clone());
            let body = sanitize(&article.body_html);
            let path = format!("/articles/{slug}");
            let data_base = format!("{}/{data}", site.base);
            let image = teaser.image.as_ref().and_then(|image| {
                if image.src.contains("://") {
                    Some(image.src.clone())
                } else {
                    let url = site.url.as_ref()?;
                    if image.src.starts_with('/') {
                        Some(format!("{url}{}", image.src))
                    } else {
                        Some(format!("{url}/{data}{}", image.src))
                    }
                }
            });
            let card = site.url.as_ref().map(|url| Card {
                title: teaser.title.clone(),
                url: format!("{url}{path}"),
                site_name: site.title.clone(),
                kind: "article",
                image,
                published: Some(teaser.date.iso()),
            });
            Page {
                route: path,
                file: site.dist.join("articles").join(slug).join("index.html"),
                head: Head {
                    title: format!("{} — {}", teaser.title, site.title),
                    description: teaser.excerpt.clone(),
                    card,
                },
                main: views::article(
                    &site.base,
                    &site.catalog,
                    &teaser,
                    &body,
                    article.language.as_deref(),
                    &data_base,
                    per_page,
                ),
                language: article.language.clone().unwrap_or(language),
            }
        }
    };
    Ok(page)
}

/// The shell with `page` in it; returns its size and whether it was
/// written (`false`: the file already held it).
fn write(site: &Site, page: &Page) -> Result<(usize, bool), String> {
    let shell = site.shell;
    let html = shell
        .replacen(
            "<html lang=\"en\">",
            &format!(
                "<html lang=\"{}\" data-prerendered=\"{}\" data-prerendered-index=\"{}\">",
                escape(&page.language),
                escape(&page.route),
                site.digest
            ),
            1,
        )
        .replacen("<title>Broadsheet</title>", "", 1)
        .replacen(
            "<meta name=\"description\" content=\"A news archive.\" />",
            &page.head.tags(),
            1,
        );
    // The page is readable without the wasm: it downloads behind the
    // page's styles rather than beside them.
    let html = html
        .replacen(
            "as=\"fetch\" type=\"application/wasm\">",
            "as=\"fetch\" type=\"application/wasm\" fetchpriority=\"low\">",
            1,
        )
        .replacen(
            "<link rel=\"modulepreload\"",
            "<link rel=\"modulepreload\" fetchpriority=\"low\"",
            1,
        );
    let html = match (html.find("<noscript>"), html.find("</noscript>")) {
        (Some(start), Some(end)) => {
            format!("{}{}", &html[..start], &html[end + "</noscript>".len()..])
        }
        _ => html,
    };
    let view = format!(
        "<div class=\"prerendered\" data-prerendered-view=\"\">{}<main id=\"main\" tabindex=\"-1\">{}</main>{}</div>",
        views::masthead(&site.base, &site.title),
        page.main,
        views::FOOTER
    );
    let html = html.replacen("</body>", &format!("{view}</body>"), 1);
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
    // Thousands of pages: brotli 6 and gzip 6 take a small share of the
    // time brotli 11 would (150 s for 10,000 articles) for files a few
    // per cent larger.
    crate::finish_dist::compress_beside(&page.file, html.as_bytes(), 6, 6)?;
    Ok((html.len(), true))
}

/// `bytes` as lowercase hexadecimal.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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

/// An article body by the app's allowlist (`src/sanitize.rs`): the same
/// elements, attributes and URL schemes, with ammonia doing the parsing.
fn sanitize(body: &str) -> String {
    use broadsheet_core::allowlist::{ATTRIBUTES, DROPPED, ELEMENTS, GLOBAL_ATTRIBUTES};
    let mut cleaner = ammonia::Builder::empty();
    cleaner
        .add_tags(ELEMENTS)
        .clean_content_tags(DROPPED.iter().copied().collect())
        .add_generic_attributes(GLOBAL_ATTRIBUTES)
        .add_url_schemes(["http", "https", "mailto"])
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("img", "loading", "lazy")
        .set_tag_attribute_value("img", "decoding", "async");
    for (tag, attribute) in ATTRIBUTES {
        cleaner.add_tag_attributes(tag, [*attribute]);
    }
    cleaner.clean(body).to_string()
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
    fn sanitises_by_the_apps_allowlist() {
        let clean = sanitize(
            "<p onclick=\"x()\">Hi <script>alert(1)</script><a href=\"javascript:x\">a</a> <img src=\"p.jpg\" alt=\"P\"></p><style>p{}</style>",
        );
        assert!(
            !clean.contains("onclick")
                && !clean.contains("script")
                && !clean.contains("javascript")
        );
        assert!(!clean.contains("p{}"));
        assert!(clean.contains("<img src=\"p.jpg\" alt=\"P\""));
        assert!(clean.contains("loading=\"lazy\""));
    }

    #[test]
    fn prerenders_the_sample_and_leaves_no_page_out() {
        let dist = tempfile::tempdir().expect("a temporary folder");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let shell = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><base href=\"/\" /><title>Broadsheet</title><meta name=\"description\" content=\"A news archive.\" /></head>\n<body><noscript><p>needs JavaScript</p></noscript>\n</body>\n</html>\n";
        std::fs::write(dist.path().join("index.html"), shell).expect("the shell");
        copy_dir(&root.join("public/data"), &dist.path().join("data"));
        run(dist.path()).expect("prerendered");
        let home = std::fs::read_to_string(dist.path().join("index.html")).expect("home");
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
        run(dist.path()).expect("prerendered again");
        let again = std::fs::read_to_string(dist.path().join("index.html")).expect("home");
        assert_eq!(again, home);
        assert!(!std::fs::read_to_string(dist.path().join("app.html"))
            .expect("the shell")
            .contains("data-prerendered"));
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
