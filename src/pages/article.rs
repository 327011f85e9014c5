//! `/articles/<slug>`: one article, with the results it was opened from
//! around it.

use std::sync::Arc;

use broadsheet_core::model::ARTICLE_IMAGE_SIZES;
use broadsheet_core::{Article, Teaser, Term};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use crate::base::href;
use crate::components::article_body::ArticleBody;
use crate::components::byline::Byline;
use crate::components::error_view::ErrorView;
use crate::components::filters::Scope;
use crate::components::page_title::page_title;
use crate::components::share::Share;
use crate::dom::{node, text};
use crate::effect::watch;
use crate::head;
use crate::pages::not_found::NotFoundPage;
use crate::results::{article_url, listing_url, read};
use crate::router::Location;
use crate::source::{article_file, load_article, Archive, ArchiveResource, Load, LoadError};

/// How many related articles the page offers.
const RELATED: usize = 3;

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
    let article = Load::new(move |cancel| load_article(slug.get_value(), cancel), false);
    let loaded = move || match archive.get() {
        Some(Ok(archive)) => Some(archive),
        _ => None,
    };
    // The teaser the bundle's index already holds: `Some(None)` when the
    // index does not have the slug. (A lookup, not worth a memo's code.)
    let known = move || {
        let archive = loaded()?;
        let catalog = archive.catalog.as_ref()?;
        Some(catalog.index().teaser(&slug.get_value()).cloned())
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
        matches!(known(), Some(Some(_))) || !matches!(article.get(), Some(Ok(None)))
    });
    let status = move || match article.get() {
        None => "Loading the article…",
        _ => "",
    };

    // Search engines and link previews learn what the page is about.
    watch(move || {
        if let (Some(teaser), Some(archive)) = (teaser.get(), loaded()) {
            let language = article.with(|a| match a {
                Some(Ok(Some(a))) => a.language.clone(),
                _ => None,
            });
            head::set(&meta(&teaser, &archive, language));
        }
    });
    on_cleanup(move || {
        if let Some(archive) = archive.get().and_then(Result::ok) {
            head::reset(&archive.site.description, &archive.site.language);
        }
    });

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
            let data_base = loaded()
                .map(|a| a.config.source.base_url())
                .unwrap_or_default();
            view! { <ArticleHeader teaser=teaser data_base=data_base /> }
        })
    };
    let around = move || {
        loaded().map(
            |archive| view! { <Around archive=archive slug=slug.get_value() location=location /> },
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

/// What the head's tags say about `teaser`.
fn meta(teaser: &Teaser, archive: &Archive, language: Option<String>) -> head::Meta {
    let origin = window().location().origin().unwrap_or_default();
    // The site's own address when the data names one, else where the
    // app is served.
    let site = archive
        .site
        .url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("{origin}{}", href("")));
    // An image source relative to the data, which is itself relative to
    // the page's base unless it names its own host.
    let absolute = |src: &str| {
        let data = archive.config.source.base_url();
        if src.contains("://") {
            src.to_owned()
        } else if src.starts_with('/') {
            format!("{origin}{src}")
        } else if data.contains("://") {
            format!("{data}{src}")
        } else {
            let page = document().base_uri().ok().flatten().unwrap_or_default();
            format!("{page}{data}{src}")
        }
    };
    head::Meta {
        title: teaser.title.clone(),
        description: teaser.excerpt.clone(),
        url: format!("{site}/articles/{}", teaser.slug),
        site_name: archive.site_title().to_owned(),
        kind: "article",
        language: language.unwrap_or_else(|| archive.site.language.clone()),
        image: teaser.image.as_ref().map(|image| absolute(&image.src)),
        published: Some(teaser.date.iso()),
    }
}

/// Links to the archives of `terms`, as `Latin America · Peru`.
fn term_links(kind: &'static str, terms: Vec<Term>) -> impl IntoView {
    terms
        .into_iter()
        .enumerate()
        .map(|(position, term)| {
            let gap = if position == 0 { "" } else { " · " };
            let target = href(&format!("/{kind}/{}", term.slug));
            view! { {gap} <a href=target data-term=kind>{term.name}</a> }
        })
        .collect_view()
}

/// The article's header: categories, headline, byline, date and reading
/// time, the featured picture with its space reserved, tags and sharing.
#[component]
fn ArticleHeader(
    /// The article's teaser.
    teaser: Teaser,
    /// The data's base URL, for relative image sources.
    data_base: String,
) -> impl IntoView {
    let reading = teaser
        .reading_minutes
        .map(|minutes| format!(" · {minutes} min read"));
    let image = teaser.image.map(|image| {
        let srcset = image.srcset_in(&data_base);
        let sizes = srcset.as_ref().map(|_| ARTICLE_IMAGE_SIZES);
        view! {
            <figure class="article__image">
                <img src=image.src_in(&data_base) srcset=srcset sizes=sizes alt=image.alt width=image.width height=image.height decoding="async" />
            </figure>
        }
    });
    let title = teaser.title.clone();
    page_title(Box::new(move || title.clone()));
    let tags = (!teaser.tags.is_empty()).then(|| {
        view! { <p class="article__tags">"Tags: " {term_links("tag", teaser.tags)}</p> }
    });
    view! {
        <header class="article__header">
            <p class="article__terms">{term_links("category", teaser.categories)}</p>
            <h1 class="article__title">{teaser.title.clone()}</h1>
            <Byline authors=teaser.authors />
            <p class="article__date">
                <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
                <span data-reading-time="">{reading}</span>
            </p>
            {tags}
            <Share title=teaser.title />
            {image}
        </header>
    }
}

/// Around the article: previous and next within the results it was
/// opened from (their filters kept in the links), "Back to results" to
/// the page of those results that holds it, and related articles. Drawn
/// once, with [`crate::dom`].
#[component]
fn Around(archive: Arc<Archive>, slug: String, location: Location) -> impl IntoView {
    let (query, scope) = read(&location.search.get_untracked());
    let per_page = archive.config.page_size.max(1);
    let catalog = archive.catalog.as_ref();
    let around = catalog.and_then(|catalog| catalog.around(&query, &slug));
    let page = around
        .as_ref()
        .map_or(1, |around| (around.position - 1) as u32 / per_page + 1);
    let results = listing_url(&query, scope, page);
    let filtered = query.is_filtered() || scope != Scope::All;

    let mut back = vec![node(
        "a",
        &[("href", &results), ("data-back", "")],
        &[text(if filtered {
            "Back to results"
        } else {
            "Back to the articles"
        })],
    )];
    let mut steps = Vec::new();
    if let Some(around) = &around {
        let of = if filtered {
            "in these results"
        } else {
            "in the archive"
        };
        let position = format!(" Article {} of {} {of}", around.position, around.total);
        back.push(node("span", &[("data-position", "")], &[text(&position)]));
        for (teaser, rel, label) in [
            (around.previous, "prev", "Previous"),
            (around.next, "next", "Next"),
        ] {
            if let Some(teaser) = teaser {
                let link = article_url(&teaser.slug, &query, scope);
                let label = node("span", &[("class", "article-nav__label")], &[text(label)]);
                let title = node(
                    "span",
                    &[("class", "article-nav__title")],
                    &[text(&teaser.title)],
                );
                steps.push(node(
                    "a",
                    &[("href", &link), ("rel", rel), ("data-neighbour", rel)],
                    &[label, title],
                ));
            }
        }
    }
    let nav = node(
        "nav",
        &[
            ("class", "article-nav"),
            ("aria-label", "Around this article"),
            ("data-article-nav", ""),
        ],
        &[
            node("p", &[("class", "article-nav__back")], &back),
            node("p", &[("class", "article-nav__steps")], &steps),
        ],
    );
    let related: Vec<Node> = catalog
        .map(|catalog| catalog.related(&slug, RELATED))
        .unwrap_or_default()
        .into_iter()
        .map(|teaser| {
            let link = href(&format!("/articles/{}", teaser.slug));
            let time = node(
                "time",
                &[("datetime", &teaser.date.iso())],
                &[text(&teaser.date.long())],
            );
            node(
                "li",
                &[("data-related", &teaser.slug)],
                &[
                    node("a", &[("href", &link)], &[text(&teaser.title)]),
                    text(" "),
                    time,
                ],
            )
        })
        .collect();
    let related = (!related.is_empty()).then(|| {
        node(
            "section",
            &[
                ("class", "related"),
                ("aria-labelledby", "related-heading"),
                ("data-related-list", ""),
            ],
            &[
                node(
                    "h2",
                    &[("id", "related-heading")],
                    &[text("Related articles")],
                ),
                node("ul", &[], &related),
            ],
        )
    });

    // Back to where the reader came from is a real Back, which returns
    // to the same scroll position; otherwise the page of results opens
    // with this article's teaser in view.
    let on_click = move |event: leptos::ev::MouseEvent| {
        let on_back = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("[data-back]").ok().flatten())
            .is_some();
        if !on_back {
            return;
        }
        event.prevent_default();
        if location.came_from(&results) {
            location.back();
            return;
        }
        location.navigate(&results, false, false);
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
    let container = NodeRef::<leptos::html::Div>::new();
    watch(move || {
        if let Some(container) = container.get() {
            let _ = container.append_child(&nav);
            if let Some(related) = &related {
                let _ = container.append_child(related);
            }
        }
    });
    view! { <div class="article-around" node_ref=container on:click=on_click></div> }
}
