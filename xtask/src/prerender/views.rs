//! The app's views as HTML, element for element as its components render
//! them (src/components, src/pages), for the routes a bundle defines.
//! `tests/e2e_prerender.rs` checks that the two agree.

use std::fmt::Write;

use broadsheet_core::model::ARTICLE_IMAGE_SIZES;
use broadsheet_core::query::{FacetCount, Facets};
use broadsheet_core::{byline_tail, count, Answer, Author, Catalog, Query, Teaser, Term};

use super::html::escape;

/// Which archive a listing is: its kind's path segment (`category`) and
/// its heading, kicker and description; `None` for the whole archive.
pub struct Archive<'a> {
    /// `category`, `author` or `tag`.
    pub kind: &'static str,
    /// The slug in its path.
    pub slug: &'a str,
    /// What the heading says.
    pub name: String,
    /// The kicker above it: `Category`, `Author`, `Tag`.
    pub kicker: &'static str,
    /// The line below it.
    pub description: Option<String>,
}

/// `path` under the base (`/news` or empty), as `crate::base::href`.
fn href(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

/// The masthead, as `Masthead`.
pub fn masthead(base: &str, site_title: &str) -> String {
    format!(
        "<header class=\"masthead\"><a class=\"masthead__title\" href=\"{}\">{}</a></header>",
        escape(&href(base, "/")),
        escape(site_title)
    )
}

/// The footer, as `App`'s.
pub const FOOTER: &str = "<footer class=\"site-footer\"><p>Published with broadsheet.</p></footer>";

/// An article's URL from a listing, as `results::article_url`.
fn article_url(base: &str, slug: &str, query: &Query, archive: Option<&Archive>) -> String {
    let mut search = query.to_url();
    if let Some(archive) = archive {
        if !search.is_empty() {
            search.push('&');
        }
        let _ = write!(search, "from={}", archive.kind);
    }
    let path = href(base, &format!("/articles/{slug}"));
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// A listing page's `<main>` content: heading, filter bar, status, grid
/// and pager, as `ListingPage` shows the first page of `query`.
pub fn listing(base: &str, catalog: &Catalog, query: &Query, archive: Option<&Archive>) -> String {
    let answer: Answer = catalog.run(&catalog.known(query)).into_answer();
    let mut out = String::with_capacity(4096 + answer.teasers.len() * 1024);
    let scope = archive.map_or("all", |a| a.kind);
    let _ = write!(
        out,
        "<header class=\"listing-header\" data-listing=\"{scope}\">"
    );
    match archive {
        Some(archive) => {
            let _ = write!(
                out,
                "<p class=\"page-kicker\">{}</p><h1 class=\"page-heading\">{}</h1>",
                archive.kicker,
                escape(&archive.name)
            );
            if let Some(description) = &archive.description {
                let _ = write!(
                    out,
                    "<p class=\"page-description\" data-description=\"\">{}</p>",
                    escape(description)
                );
            }
        }
        None => out.push_str("<h1 class=\"page-heading\">Latest articles</h1>"),
    }
    out.push_str("</header>");
    filters(&mut out, &answer.facets, archive.map(|a| a.kind));
    let _ = write!(
        out,
        "<p class=\"status\" role=\"status\" data-status=\"\">{}</p>",
        escape(&count::showing(answer.total, answer.page, query.per_page))
    );
    out.push_str("<div class=\"teaser-grid\" data-teaser-list=\"\" tabindex=\"-1\" role=\"region\" aria-label=\"Results\">");
    let from = Query {
        page: 1,
        per_page: 0,
        ..query.clone()
    };
    for teaser in &answer.teasers {
        let link = article_url(base, &teaser.slug, &from, archive);
        teaser_card(&mut out, base, teaser, &link);
    }
    out.push_str("</div>");
    pager(&mut out, base, &from, archive, answer.page, answer.pages);
    out
}

/// The filter bar with nothing chosen, as `Filters`: the menus list every
/// option with its count; the archive's own filter has none.
fn filters(out: &mut String, facets: &Facets, fixed: Option<&str>) {
    out.push_str("<form class=\"filters\" role=\"search\" method=\"get\" data-filters=\"\"><div class=\"filters__field filters__field--search\"><label for=\"filter-q\">Search</label><input id=\"filter-q\" type=\"search\" name=\"q\" autocomplete=\"off\" placeholder=\"Title, excerpt or author\"></div><button type=\"button\" class=\"filters__toggle\" aria-expanded=\"false\" aria-controls=\"filter-menus\" data-filters-toggle=\"\">Filters and sort</button><div class=\"filters__menus\" id=\"filter-menus\">");
    let menus: [(&str, &str, &str, &[FacetCount]); 4] = [
        ("category", "Category", "All categories", &facets.categories),
        ("author", "Author", "All authors", &facets.authors),
        ("tag", "Tag", "All tags", &facets.tags),
        ("year", "Year", "All years", &facets.years),
    ];
    for (name, label, any, options) in menus {
        if fixed == Some(name) {
            continue;
        }
        let _ = write!(
            out,
            "<div class=\"filters__field\"><label for=\"filter-{name}\">{label}</label><select id=\"filter-{name}\" name=\"{name}\" data-filter=\"{name}\"><option value=\"\" selected=\"\">{any}</option>"
        );
        for option in options {
            let disabled = if option.count == Some(0) {
                " disabled=\"\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<option value=\"{}\"{disabled}>{}{}</option>",
                escape(&option.slug),
                escape(&option.name),
                option.count.map_or_else(String::new, |n| format!(" ({n})"))
            );
        }
        out.push_str("</select></div>");
    }
    out.push_str("<div class=\"filters__field\"><label for=\"filter-sort\">Sort</label><select id=\"filter-sort\" name=\"sort\"><option value=\"newest\" selected=\"\">Newest first</option><option value=\"oldest\">Oldest first</option><option value=\"relevance\">Best match when searching</option></select></div></div></form>");
}

/// One teaser, as `TeaserCard` without search words.
fn teaser_card(out: &mut String, base: &str, teaser: &Teaser, link: &str) {
    let slug = escape(&teaser.slug);
    let link = escape(link);
    let _ = write!(
        out,
        "<article class=\"teaser\" data-teaser=\"{slug}\" aria-labelledby=\"teaser-{slug}\"><p class=\"teaser__terms\">"
    );
    for term in &teaser.categories {
        let _ = write!(
            out,
            "<a href=\"{}\" data-category=\"{}\">{}</a> ",
            escape(&href(base, &format!("/category/{}", term.slug))),
            escape(&term.slug),
            escape(&term.name)
        );
    }
    let title = escape(&teaser.title);
    let _ = write!(
        out,
        "</p><h2 class=\"teaser__title\" id=\"teaser-{slug}\" elementtiming=\"teaser-title\"><a href=\"{link}\">{title}</a></h2>"
    );
    byline(out, base, &teaser.authors);
    let _ = write!(
        out,
        "<p class=\"teaser__date\"><time datetime=\"{}\">{}</time></p><p class=\"teaser__excerpt\">{}</p><a class=\"teaser__more\" href=\"{link}\" data-continue=\"\">Continue Reading<span class=\"visually-hidden\">: {title}</span></a></article>",
        teaser.date.iso(),
        teaser.date.long(),
        escape(&teaser.excerpt)
    );
}

/// The byline, as `Byline`.
fn byline(out: &mut String, base: &str, authors: &[Author]) {
    out.push_str("<p class=\"byline\" data-byline=\"\">");
    for (position, author) in authors.iter().enumerate() {
        if position > 0 {
            out.push(' ');
        }
        let _ = write!(
            out,
            "<span class=\"byline__author\"><a href=\"{}\" data-author=\"{}\">{}</a>{}</span>",
            escape(&href(base, &format!("/author/{}", author.slug))),
            escape(&author.slug),
            escape(&author.name),
            escape(&byline_tail(author))
        );
    }
    out.push_str("</p>");
}

/// A listing's URL for `page`, as `results::listing_url`.
fn listing_url(base: &str, query: &Query, archive: Option<&Archive>, page: u32) -> String {
    let mut query = Query {
        page,
        ..query.clone()
    };
    let path = match archive {
        Some(archive) => {
            match archive.kind {
                "category" => query.category = None,
                "author" => query.author = None,
                _ => query.tag = None,
            }
            format!("/{}/{}", archive.kind, archive.slug)
        }
        None => "/".to_owned(),
    };
    let path = href(base, &path);
    match query.to_url() {
        search if search.is_empty() => path,
        search => format!("{path}?{search}"),
    }
}

/// The pager, as `Pager` (nothing for a single page).
fn pager(
    out: &mut String,
    base: &str,
    query: &Query,
    archive: Option<&Archive>,
    page: u32,
    pages: u32,
) {
    if pages <= 1 {
        return;
    }
    let link = |n: u32| escape(&listing_url(base, query, archive, n));
    out.push_str("<nav class=\"pager\" aria-label=\"Pages\" data-pager=\"\">");
    if page > 1 {
        let _ = write!(
            out,
            "<a class=\"pager__step\" href=\"{}\" rel=\"prev\" data-page-step=\"previous\">Previous</a>",
            link(page - 1)
        );
    }
    out.push_str("<ul class=\"pager__numbers\">");
    for number in broadsheet_core::count::pager_window(page, pages) {
        match number {
            Some(n) => {
                let current = if n == page {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<li><a href=\"{}\"{current} aria-label=\"Page {n}\" data-page=\"{n}\">{n}</a></li>",
                    link(n)
                );
            }
            None => out.push_str("<li class=\"pager__gap\" aria-hidden=\"true\">…</li>"),
        }
    }
    out.push_str("</ul>");
    if page < pages {
        let _ = write!(
            out,
            "<a class=\"pager__step\" href=\"{}\" rel=\"next\" data-page-step=\"next\">Next</a>",
            link(page + 1)
        );
    }
    out.push_str("</nav>");
}

/// Links to `terms`' archives, as the article page's `term_links`.
fn term_links(out: &mut String, base: &str, kind: &str, terms: &[Term]) {
    for (position, term) in terms.iter().enumerate() {
        if position > 0 {
            out.push_str(" · ");
        }
        let _ = write!(
            out,
            "<a href=\"{}\" data-term=\"{kind}\">{}</a>",
            escape(&href(base, &format!("/{kind}/{}", term.slug))),
            escape(&term.name)
        );
    }
}

/// An article page's `<main>` content, as `ArticlePage` once its text has
/// loaded, reached from the whole archive: header, sanitised body, the
/// way around the archive and related articles.
pub fn article(
    base: &str,
    catalog: &Catalog,
    teaser: &Teaser,
    body: &str,
    language: Option<&str>,
    data_base: &str,
    per_page: u32,
) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let slug = escape(&teaser.slug);
    let _ = write!(
        out,
        "<p class=\"status\" role=\"status\" data-status=\"\"></p><article class=\"article\" data-article=\"{slug}\"><header class=\"article__header\"><p class=\"article__terms\">"
    );
    term_links(&mut out, base, "category", &teaser.categories);
    let _ = write!(
        out,
        "</p><h1 class=\"article__title\">{}</h1>",
        escape(&teaser.title)
    );
    byline(&mut out, base, &teaser.authors);
    let reading = teaser
        .reading_minutes
        .map(|minutes| format!(" · {minutes} min read"))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<p class=\"article__date\"><time datetime=\"{}\">{}</time><span data-reading-time=\"\">{reading}</span></p>",
        teaser.date.iso(),
        teaser.date.long()
    );
    if !teaser.tags.is_empty() {
        out.push_str("<p class=\"article__tags\">Tags: ");
        term_links(&mut out, base, "tag", &teaser.tags);
        out.push_str("</p>");
    }
    out.push_str("<p class=\"share\"><button type=\"button\" class=\"share__button\" data-share=\"\">Share</button> <span role=\"status\" data-share-status=\"\"></span></p>");
    if let Some(image) = &teaser.image {
        // As the app's ArticleHeader.
        let srcset = image
            .srcset_in(data_base)
            .map_or_else(String::new, |srcset| {
                format!(
                    " srcset=\"{}\" sizes=\"{ARTICLE_IMAGE_SIZES}\"",
                    escape(&srcset)
                )
            });
        let _ = write!(
            out,
            "<figure class=\"article__image\"><img src=\"{}\"{srcset} alt=\"{}\" width=\"{}\" height=\"{}\" decoding=\"async\"></figure>",
            escape(&image.src_in(data_base)),
            escape(&image.alt),
            image.width,
            image.height
        );
    }
    out.push_str("</header><div class=\"article__body\" data-article-body=\"\"");
    if let Some(language) = language {
        let _ = write!(out, " lang=\"{}\"", escape(language));
    }
    let _ = write!(out, ">{body}</div></article>");
    around(&mut out, base, catalog, &teaser.slug, per_page);
    out
}

/// Previous and next in the archive, Back, and related articles, as the
/// article page's `Around` for an article opened from the whole archive.
fn around(out: &mut String, base: &str, catalog: &Catalog, slug: &str, per_page: u32) {
    let query = Query::default();
    let around = catalog.around(&query, slug);
    // "Back" lands on the page of the archive that holds the article.
    let page = around.as_ref().map_or(1, |around| {
        (around.position - 1) as u32 / per_page.max(1) + 1
    });
    out.push_str("<div class=\"article-around\"><nav class=\"article-nav\" aria-label=\"Around this article\" data-article-nav=\"\"><p class=\"article-nav__back\">");
    let _ = write!(
        out,
        "<a href=\"{}\" data-back=\"\">Back to the articles</a>",
        escape(&listing_url(base, &query, None, page))
    );
    if let Some(around) = &around {
        let _ = write!(
            out,
            "<span data-position=\"\"> Article {} of {} in the archive</span>",
            around.position, around.total
        );
    }
    out.push_str("</p><p class=\"article-nav__steps\">");
    if let Some(around) = &around {
        for (teaser, rel, label) in [
            (around.previous, "prev", "Previous"),
            (around.next, "next", "Next"),
        ] {
            if let Some(teaser) = teaser {
                let _ = write!(
                    out,
                    "<a href=\"{}\" rel=\"{rel}\" data-neighbour=\"{rel}\"><span class=\"article-nav__label\">{label}</span><span class=\"article-nav__title\">{}</span></a>",
                    escape(&href(base, &format!("/articles/{}", teaser.slug))),
                    escape(&teaser.title)
                );
            }
        }
    }
    out.push_str("</p></nav>");
    let related = catalog.related(slug, RELATED);
    if !related.is_empty() {
        out.push_str("<section class=\"related\" aria-labelledby=\"related-heading\" data-related-list=\"\"><h2 id=\"related-heading\">Related articles</h2><ul>");
        for teaser in related {
            let _ = write!(
                out,
                "<li data-related=\"{}\"><a href=\"{}\">{}</a> <time datetime=\"{}\">{}</time></li>",
                escape(&teaser.slug),
                escape(&href(base, &format!("/articles/{}", teaser.slug))),
                escape(&teaser.title),
                teaser.date.iso(),
                teaser.date.long()
            );
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</div>");
}

/// How many related articles the article page lists (its `RELATED`).
const RELATED: usize = 3;

/// The not-found view, as `NotFoundPage`.
pub fn not_found(base: &str) -> String {
    format!(
        "<section class=\"not-found\" data-not-found=\"\"><h1 class=\"page-heading\">Page not found</h1><p>There is no page at this address. It may have moved, or the link may be mistyped.</p><p><a href=\"{}\">Go to the latest articles</a></p></section>",
        escape(&href(base, "/"))
    )
}
