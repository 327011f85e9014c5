//! A WordPress site, read from the reader's browser through its public
//! REST API (docs/wordpress.md); `broadsheet_core::wordpress` holds the
//! URLs and the mapping, this the requests.
//!
//! Connecting asks the site's index once through `?rest_route=/` (which
//! every WordPress answers) and learns from its `Link` header whether the
//! site has pretty permalinks (`/wp-json/…`), which the later requests
//! then use. The menus' categories, tags, authors and years are asked for
//! once, at the same time as the first page of posts (before it, when the
//! view filters by a slug whose id they give); after that each view is one
//! request: a page of posts with authors, terms and images embedded, or
//! one post.

use std::cell::RefCell;
use std::rc::Rc;

use broadsheet_core::wordpress::{
    article_params, edge_params, parse_article, parse_edge_year, parse_entries, parse_posts,
    parse_site, posts_params, Routes, Vocabulary, SITE_FIELDS,
};
use broadsheet_core::{Answer, ArchiveKind, Article, Query, Site};
use futures::future::{join, join5};
use web_sys::AbortSignal;

use super::error::{LoadError, WordPressProblem};
use super::http;
use super::session::Session;

/// The posts route.
const POSTS: &str = "/wp/v2/posts";

/// The headers a list's totals come in.
const TOTALS: &[&str] = &["X-WP-Total", "X-WP-TotalPages"];

/// A connected site: where it is, how it addresses its routes, and once
/// asked for, what the menus offer (growing as slugs beyond the first
/// hundred are looked up).
#[derive(Debug)]
pub(super) struct Connection {
    site: String,
    routes: Routes,
    vocabulary: RefCell<Option<Vocabulary>>,
}

impl Connection {
    fn url(&self, route: &str, params: &str) -> String {
        self.routes.url(&self.site, route, params)
    }
}

/// Connects to the site at `site` (ending in `/`): its description and
/// permalink style. Called by every load of the archive, so Retry
/// connects afresh.
pub async fn connect(session: Session, site: &str) -> Result<Site, LoadError> {
    match connect_to(session, site).await {
        Ok(description) => Ok(description),
        Err(error) => Err(explain(site, error, &None).await),
    }
}

async fn connect_to(session: Session, site: &str) -> Result<Site, LoadError> {
    let index = Routes::Plain.url(site, "/", SITE_FIELDS);
    let body = http::get(index.clone(), None, &["Link"]).await?;
    let description = parse_site(&body.bytes, &index).map_err(LoadError::Data)?;
    let routes = Routes::from_link(body.headers.first().cloned().flatten().as_deref());
    let connection = Connection {
        site: site.to_owned(),
        routes,
        vocabulary: RefCell::new(None),
    };
    session.keep_wordpress(Rc::new(connection));
    Ok(description)
}

/// Asks, once, for what the menus offer: the 100 most used categories,
/// tags and authors, and the newest and oldest posts' years, all at once.
/// Each part the site will not give (a plugin hiding users, say) leaves
/// its menu empty rather than the page blank.
async fn load_vocabulary(connection: &Connection) -> Result<(), LoadError> {
    if connection.vocabulary.borrow().is_some() {
        return Ok(());
    }
    let list = |kind: ArchiveKind| {
        http::get_bytes(connection.url(kind.rest_route(), kind.rest_list()), None)
    };
    let edge = |oldest| http::get_bytes(connection.url(POSTS, edge_params(oldest)), None);
    let (categories, tags, authors, newest, oldest) = join5(
        list(ArchiveKind::Category),
        list(ArchiveKind::Tag),
        list(ArchiveKind::Author),
        edge(false),
        edge(true),
    )
    .await;
    let mut vocabulary = Vocabulary::default();
    let mut failed = None;
    let mut listed = false;
    for (kind, answer) in [
        (ArchiveKind::Category, categories),
        (ArchiveKind::Tag, tags),
        (ArchiveKind::Author, authors),
    ] {
        match answer
            .and_then(|bytes| parse_entries(&bytes, kind.rest_route()).map_err(LoadError::Data))
        {
            Ok(entries) => {
                vocabulary.add(kind, entries);
                listed = true;
            }
            Err(error) => failed = failed.or(Some(error)),
        }
    }
    // Nothing at all (the network gone for a moment): asked again with the
    // next view or Retry rather than empty menus for the whole visit.
    if let (false, Some(error)) = (listed, failed) {
        return Err(error);
    }
    let year =
        |answer: Result<Vec<u8>, LoadError>| parse_edge_year(&answer.ok()?, POSTS).ok().flatten();
    vocabulary.span = year(newest).zip(year(oldest));
    let mut slot = connection.vocabulary.borrow_mut();
    if slot.is_none() {
        *slot = Some(vocabulary);
    }
    Ok(())
}

/// The connection to the site at `site`, connecting first if need be.
async fn connection(session: Session, site: &str) -> Result<Rc<Connection>, LoadError> {
    let known = session
        .wordpress()
        .filter(|connection| connection.site == site);
    match known {
        Some(connection) => Ok(connection),
        None => {
            connect(session, site).await?;
            session.wordpress().ok_or_else(|| {
                LoadError::wordpress(
                    site,
                    WordPressProblem::NoApi {
                        url: site.to_owned(),
                    },
                )
            })
        }
    }
}

/// One page of posts for `query`, with the menus' options and why each
/// post that could not be read was left out. A page past the last shows
/// the last, as with a bundle. Aborting `cancel` abandons the request.
pub async fn answer(
    session: Session,
    site: &str,
    query: Query,
    cancel: Option<AbortSignal>,
) -> Result<(Answer, Vec<String>), LoadError> {
    match answer_from(session, site, query, &cancel).await {
        Ok(answer) => Ok(answer),
        Err(error) => Err(explain(site, error, &cancel).await),
    }
}

async fn answer_from(
    session: Session,
    site: &str,
    query: Query,
    cancel: &Option<AbortSignal>,
) -> Result<(Answer, Vec<String>), LoadError> {
    let connection = connection(session, site).await?;
    let by_slug = query.category.is_some() || query.tag.is_some() || query.author.is_some();
    let (posts, ()) = if by_slug {
        // The slugs' ids first: from the menus' lists, and a slug beyond
        // them looked up once. Without any list, a filter cannot be sent.
        load_vocabulary(&connection).await?;
        let unknown = connection
            .vocabulary
            .borrow()
            .as_ref()
            .map(|vocabulary| vocabulary.unknown(&query))
            .unwrap_or_default();
        // One the site will not say (a plugin hiding users, say) is left
        // out of the query, as an unknown slug is, and not asked again.
        for (kind, slug) in unknown {
            let url = connection.url(kind.rest_route(), &kind.rest_lookup(&slug));
            let entries = http::get_bytes(url.clone(), cancel.clone())
                .await
                .ok()
                .and_then(|bytes| parse_entries(&bytes, &url).ok())
                .unwrap_or_default();
            if cancel_aborted(cancel) {
                return Err(LoadError::Network {
                    url,
                    reason: "abandoned".to_owned(),
                });
            }
            if let Some(vocabulary) = connection.vocabulary.borrow_mut().as_mut() {
                if entries.is_empty() {
                    vocabulary.missing.push((kind, slug));
                } else {
                    vocabulary.add(kind, entries);
                }
            }
        }
        (fetch_posts(&connection, &query, cancel.clone()).await, ())
    } else {
        // Nothing to resolve: the first page of posts need not wait for
        // the menus' lists.
        // The menus stay empty if their lists fail; the posts show.
        let (posts, _) = join(
            fetch_posts(&connection, &query, cancel.clone()),
            load_vocabulary(&connection),
        )
        .await;
        (posts, ())
    };
    let (body, url, page, total, pages) = posts?;
    let (teasers, skipped) = parse_posts(&body.bytes, &url).map_err(LoadError::Data)?;
    let facets = match connection.vocabulary.borrow().as_ref() {
        Some(vocabulary) => vocabulary.facets(&query),
        None => Vocabulary::default().facets(&query),
    };
    let answer = Answer {
        terms: query.terms(),
        total: total as usize,
        page,
        pages: pages.max(1),
        teasers,
        facets: facets.into(),
    };
    Ok((answer, skipped.iter().map(ToString::to_string).collect()))
}

/// The page of posts `query` asks for, with its URL, its number and the
/// totals. WordPress refuses a page past the last (400): then the first
/// page's totals say which is the last, and that one is asked for.
async fn fetch_posts(
    connection: &Connection,
    query: &Query,
    cancel: Option<AbortSignal>,
) -> Result<(http::Body, String, u32, u32, u32), LoadError> {
    let mut page = query.page.max(1);
    let mut fell_back = false;
    loop {
        let asked = Query {
            page,
            ..query.clone()
        };
        let params = match connection.vocabulary.borrow().as_ref() {
            Some(vocabulary) => posts_params(&asked, vocabulary),
            None => posts_params(&asked, &Vocabulary::default()),
        };
        let url = connection.url(POSTS, &params);
        let body = match http::get(url.clone(), cancel.clone(), TOTALS).await {
            Ok(body) => body,
            Err(LoadError::Status { status: 400, .. }) if page > 1 && !fell_back => {
                fell_back = true;
                page = 1;
                continue;
            }
            Err(error) => return Err(error),
        };
        let number = |at: usize| -> Option<u32> { body.headers.get(at)?.as_deref()?.parse().ok() };
        let (Some(total), Some(pages)) = (number(0), number(1)) else {
            return Err(LoadError::wordpress(
                &connection.site,
                WordPressProblem::NoTotals { url },
            ));
        };
        if fell_back && page == 1 && pages > 1 {
            page = pages;
            continue;
        }
        return Ok((body, url, page, total, pages));
    }
}

/// The published post called `slug`; `Ok(None)` when the site has none.
/// Aborting `cancel` abandons the request.
pub async fn article(
    session: Session,
    site: &str,
    slug: &str,
    cancel: Option<AbortSignal>,
) -> Result<Option<Article>, LoadError> {
    // Opened directly, the article need not wait for the connection the
    // archive is making: `?rest_route=` works on every site.
    let routes = session
        .wordpress()
        .filter(|connection| connection.site == site)
        .map_or(Routes::Plain, |connection| connection.routes);
    let url = routes.url(site, POSTS, &article_params(slug));
    let read = match http::get_bytes(url.clone(), cancel.clone()).await {
        Ok(bytes) => parse_article(&bytes, &url).map_err(LoadError::Data),
        Err(error) => Err(error),
    };
    match read {
        Ok(article) => Ok(article),
        Err(error) => Err(explain(site, error, &cancel).await),
    }
}

/// Whether the reader left before the answer came.
fn cancel_aborted(cancel: &Option<AbortSignal>) -> bool {
    cancel.as_ref().is_some_and(AbortSignal::aborted)
}

/// A failed request to the site at `site`, told as what its publisher
/// can check. A request that got no readable answer is tried once more
/// without needing one, to tell a site that is down from one that
/// refuses this page's origin. Time-outs and server errors keep their own
/// messages, which name the URL, and a request abandoned for a newer one
/// (`cancel` aborted) is not explained: nobody reads it.
async fn explain(site: &str, error: LoadError, cancel: &Option<AbortSignal>) -> LoadError {
    if cancel_aborted(cancel) {
        return error;
    }
    let problem = match error {
        LoadError::Network { url, reason } => {
            if http::answers(&url).await {
                WordPressProblem::CrossOrigin
            } else {
                WordPressProblem::Unreachable { reason }
            }
        }
        LoadError::Status {
            status: status @ (401 | 403),
            status_text,
            ..
        } => WordPressProblem::Restricted {
            status,
            status_text,
        },
        LoadError::Status {
            status: 404, url, ..
        } => WordPressProblem::NoApi { url },
        LoadError::Data(error) => WordPressProblem::Malformed {
            detail: error.to_string(),
        },
        LoadError::WebPage { url } => WordPressProblem::Malformed {
            detail: format!("{url} answered with a web page"),
        },
        other => return other,
    };
    LoadError::wordpress(site, problem)
}
