//! `/articles/<slug>`: one article, with the results it was opened from
//! around it.

use std::sync::Arc;

use broadsheet_core::catalog::RELATED;
use broadsheet_core::compiled::{Reader, Step};
use broadsheet_core::head::ViewHead;
use broadsheet_core::model::display_title;
use broadsheet_core::model::ARTICLE_IMAGE_SIZES;
use broadsheet_core::{ArchiveKind, Around as CatalogAround, Article, Query, Route, Teaser, Term};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::base::route_href;
use crate::components::article_body::ArticleBody;
use crate::components::byline::Byline;
use crate::components::error_view::ErrorView;
use crate::components::share::Share;
use crate::head::page_head;
use crate::pages::not_found::NotFoundPage;
use crate::results::{article_url, listing_url, read};
use crate::router::Location;
use crate::source::{
    article_file, load_article, Archive, ArchiveResource, Load, LoadError, ReadyArticle, Session,
};

/// The article page: fetches only this article's file. With a bundle the
/// header shows at once from the teaser already loaded while the body
/// arrives, and previous, next and related articles come from the index.
/// A body that fails to load is an error with Retry under the header. A
/// slug the archive does not have is the not-found view.
#[component]
pub fn ArticlePage(
    /// The article's slug, from the path.
    slug: String,
) -> impl IntoView {
    let archive = ArchiveResource::use_context();
    let location = Location::use_context();
    let slug = StoredValue::new(slug);
    // Leaving the page before the article answers abandons the request.
    let article = match use_context::<ReadyArticle>() {
        Some(ReadyArticle(ready)) if ready.teaser.slug == slug.get_value() => {
            Load::ready(Ok(Some(Article::clone(&ready))))
        }
        _ => {
            let session = Session::use_context();
            Load::new(
                move |cancel| load_article(session, slug.get_value(), cancel),
                false,
            )
        }
    };
    let loaded = move || match archive.get() {
        Some(Ok(archive)) => Some(archive),
        _ => None,
    };
    // The teaser the bundle's index already holds: `Some(None)` when the
    // index does not have the slug. (A lookup, not worth a memo's code.)
    let known = move || {
        let archive = loaded()?;
        if let Some(index) = &archive.index {
            // From the results the reader came from, if at hand.
            return index.teaser_at_hand(&slug.get_value()).map(Some);
        }
        Some(archive.catalog.as_ref()?.teaser(&slug.get_value()))
    };
    // The same teaser from the index and then the article file leaves
    // the header as it is.
    let teaser = Memo::new(move |_| {
        article.with(|loaded| match loaded {
            Some(Ok(Some(article))) => Some(article.teaser.clone()),
            _ => known().flatten(),
        })
    });
    // Not found: no such file, and no teaser in the index to say the
    // file should be there (a file the index does not list yet shows).
    let found = Memo::new(move |_| {
        !matches!(article.get(), Some(Ok(None))) || matches!(known(), Some(Some(_)))
    });
    let status = move || match article.get() {
        None => "Loading the article…",
        _ => "",
    };

    // Search engines and link previews learn what the page is about.
    page_head(Box::new(move || {
        let language = article.with(|a| match a {
            Some(Ok(Some(a))) => a.language.clone(),
            _ => None,
        });
        match (teaser.get(), loaded()) {
            (Some(teaser), Some(_)) => Some(ViewHead {
                image: teaser.image.as_ref().map(|image| image.src.clone()),
                title: display_title(&teaser.title),
                description: Some(teaser.excerpt),
                path: Route::Article(slug.get_value()).path(),
                kind: "article",
                published: Some(teaser.date.iso()),
                language,
            }),
            _ => None,
        }
    }));

    let body = move || match article.get() {
        None => ().into_any(),
        Some(Ok(Some(Article {
            body_html,
            language,
            ..
        }))) => view! { <ArticleBody html=body_html language=language /> }.into_any(),
        other => {
            let message = match other {
                Some(Err(error)) => error.to_string(),
                // The index lists it, but its file is not there.
                _ => LoadError::Status {
                    url: loaded()
                        .map(|a| article_file(&a.config.source, &slug.get_value()))
                        .unwrap_or_default(),
                    status: 404,
                    status_text: "Not Found".to_owned(),
                }
                .to_string(),
            };
            view! {
                <ErrorView
                    what="the article's text"
                    message=message
                    retry=Callback::new(move |()| article.refetch())
                />
            }
            .into_any()
        }
    };
    let header = move || {
        teaser.get().map(|teaser| {
            view! { <ArticleHeader teaser=teaser /> }
        })
    };
    // From a static index, the article's place in its results and its
    // related articles load once the archive has.
    let surroundings = Load::new(
        move |cancel| {
            let asked = match archive.get() {
                Some(Ok(archive)) if archive.index.is_some() => {
                    Some((archive, location.search.get_untracked(), slug.get_value()))
                }
                _ => None,
            };
            async move {
                let (archive, search, slug) = asked?;
                let index = archive.index.as_ref()?;
                let (query, _) = read(&search);
                Some(
                    index
                        .ask(|r| Ok(surroundings_of(r, &query, &slug)), cancel)
                        .await,
                )
            }
        },
        false,
    );
    let around = move || {
        let archive = loaded()?;
        let given = match &archive.index {
            // At hand (the build has every file), else loading; a file
            // that failed is said, with Retry, under the article.
            Some(index) => {
                let (query, _) = read(&location.search.get_untracked());
                let now = index.now(|r| surroundings_of(r, &query, &slug.get_value()));
                match now.map(Ok).or_else(|| surroundings.get().flatten())? {
                    Ok(given) => Some(given),
                    Err(error) => {
                        return Some(
                            view! {
                                <ErrorView
                                    what="the previous, next and related articles"
                                    message=error.to_string()
                                    retry=Callback::new(move |()| surroundings.refetch())
                                />
                            }
                            .into_any(),
                        )
                    }
                }
            }
            None => None,
        };
        Some(
            view! { <Around archive=archive slug=slug.get_value() location=location given=given /> }
                .into_any(),
        )
    };
    move || {
        if found.get() {
            view! {
                <p class="status" role="status" data-status="">{status}</p>
                <article class="article" data-article=slug.get_value()>
                    {header}
                    {body}
                </article>
                {around}
            }
            .into_any()
        } else {
            view! { <NotFoundPage /> }.into_any()
        }
    }
}

/// Links to the archives of `terms`, as `Latin America · Peru`.
fn term_links(kind: ArchiveKind, terms: Vec<Term>) -> impl IntoView {
    terms
        .into_iter()
        .enumerate()
        .map(|(position, term)| {
            let gap = if position == 0 { "" } else { " · " };
            let target = route_href(&kind.route(term.slug));
            view! { {gap} <a href=target data-term=kind.name()>{term.name}</a> }
        })
        .collect_view()
}

/// The article's header: categories, headline, byline, date and reading
/// time, the featured picture with its space reserved, tags and sharing.
#[component]
fn ArticleHeader(
    /// The article's teaser.
    teaser: Teaser,
) -> impl IntoView {
    let reading = teaser
        .reading_minutes
        .map(|minutes| format!(" · {minutes} min read"));
    let image = teaser.image.map(|image| {
        let sizes = image.srcset.as_ref().map(|_| ARTICLE_IMAGE_SIZES);
        view! {
            <figure class="article__image">
                <img src=image.src srcset=image.srcset sizes=sizes alt=image.alt width=image.width height=image.height decoding="async" />
            </figure>
        }
    });
    let tags = (!teaser.tags.is_empty()).then(|| {
        view! { <p class="article__tags">"Tags: " {term_links(ArchiveKind::Tag, teaser.tags)}</p> }
    });
    view! {
        <header class="article__header">
            <p class="article__terms">{term_links(ArchiveKind::Category, teaser.categories)}</p>
            <h1 class="article__title">{display_title(&teaser.title)}</h1>
            <Byline authors=teaser.authors />
            <p class="article__date">
                <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
                <span data-reading-time="">{reading}</span>
            </p>
            {tags}
            <Share title=display_title(&teaser.title) />
            {image}
        </header>
    }
}

/// An article's place in the results it was opened from.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    position: usize,
    total: usize,
    previous: Option<Teaser>,
    next: Option<Teaser>,
}

impl From<CatalogAround<'_>> for Place {
    fn from(around: CatalogAround<'_>) -> Self {
        Self {
            position: around.position,
            total: around.total,
            previous: around.previous.cloned(),
            next: around.next.cloned(),
        }
    }
}

/// What surrounds an article: its place in its results and its related
/// articles.
#[derive(Debug, Clone, PartialEq)]
struct Surroundings {
    place: Option<Place>,
    related: Vec<Teaser>,
}

/// What surrounds the article `slug` opened from the results of `query`,
/// from a static index's files.
fn surroundings_of(reader: &Reader, query: &Query, slug: &str) -> Step<Surroundings> {
    match (reader.around(query, slug), reader.related(slug)) {
        (Step::Done(around), Step::Done(related)) => Step::Done(Surroundings {
            place: around.map(Place::from),
            related,
        }),
        (Step::Need(mut need), Step::Need(more)) => {
            for path in more {
                if !need.contains(&path) {
                    need.push(path);
                }
            }
            Step::Need(need)
        }
        (Step::Need(need), _) | (_, Step::Need(need)) => Step::Need(need),
    }
}

/// Around the article: previous and next within the results it was
/// opened from (their filters kept in the links), "Back to results" to
/// the page of those results that holds it, and related articles.
#[component]
fn Around(
    archive: Arc<Archive>,
    slug: String,
    location: Location,
    /// What surrounds it, when loaded from a static index (else the
    /// catalog, if any, says).
    given: Option<Surroundings>,
) -> impl IntoView {
    let (query, scope) = read(&location.search.get_untracked());
    let per_page = archive.config.page_size.max(1);
    let catalog = archive.catalog.as_ref();
    let given = given.unwrap_or_else(|| Surroundings {
        place: catalog.and_then(|catalog| catalog.around(&query, &slug).map(Place::from)),
        related: catalog
            .map(|catalog| catalog.related(&slug, RELATED))
            .unwrap_or_default(),
    });
    let around = given.place;
    let page = around
        .as_ref()
        .map_or(1, |around| (around.position - 1) as u32 / per_page + 1);
    let results = listing_url(&query, scope, page);
    let filtered = query.is_filtered() || scope.is_some();
    let back_label = if filtered {
        "Back to results"
    } else {
        "Back to the articles"
    };
    let position = around.as_ref().map(|around| {
        let of = if filtered {
            "in these results"
        } else {
            "in the archive"
        };
        let text = format!(" Article {} of {} {of}", around.position, around.total);
        view! { <span data-position="">{text}</span> }
    });
    let steps = around.map(|around| {
        [
            (around.previous, "prev", "Previous"),
            (around.next, "next", "Next"),
        ]
        .into_iter()
        .filter_map(|(teaser, rel, label)| {
            let teaser = teaser?;
            let link = article_url(&teaser.slug, &query, scope);
            Some(view! {
                <a href=link rel=rel data-neighbour=rel>
                    <span class="article-nav__label">{label}</span>
                    <span class="article-nav__title">{display_title(&teaser.title)}</span>
                </a>
            })
        })
        .collect_view()
    });
    let related = given.related;
    let related = (!related.is_empty()).then(|| {
        let items = related
            .into_iter()
            .map(|teaser| {
                let link = route_href(&Route::Article(teaser.slug.clone()));
                view! {
                    <li data-related=teaser.slug.clone()>
                        <a href=link>{display_title(&teaser.title)}</a>
                        " "
                        <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="related" aria-labelledby="related-heading" data-related-list="">
                <h2 id="related-heading">"Related articles"</h2>
                <ul>{items}</ul>
            </section>
        }
    });

    // Back to where the reader came from is a real Back, which returns
    // to the same scroll position; otherwise the page of results opens
    // with this article's teaser in view.
    let back_to = results.clone();
    let on_back = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if location.came_from(&back_to) {
            location.back();
            return;
        }
        location.navigate(&back_to, false, false);
        let selector = format!("[data-teaser=\"{slug}\"] h2 a");
        request_animation_frame(move || match document().query_selector(&selector) {
            Ok(Some(link)) => {
                link.scroll_into_view();
                if let Ok(link) = link.dyn_into::<HtmlElement>() {
                    let _ = link.focus();
                }
            }
            _ => window().scroll_to_with_x_and_y(0.0, 0.0),
        });
    };
    view! {
        <div class="article-around">
            <nav class="article-nav" aria-label="Around this article" data-article-nav="">
                <p class="article-nav__back">
                    <a href=results data-back="" on:click=on_back>{back_label}</a>
                    {position}
                </p>
                <p class="article-nav__steps">{steps}</p>
            </nav>
            {related}
        </div>
    }
}
