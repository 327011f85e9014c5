//! The teaser grid: `/` (the whole archive) and the archives
//! `/category/<slug>`, `/author/<slug>` and `/tag/<slug>`, with filters,
//! search, sort and paging whose state is the URL's query string.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use broadsheet_core::count::showing;
use broadsheet_core::head::ViewHead;
use broadsheet_core::query::Facets;
use broadsheet_core::{Answer, Query};
use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::filters::{scope_name, Change, Counts, Filters, Scope};
use crate::components::pager::Pager;
use crate::components::skipped_notice::SkippedNotice;
use crate::components::teaser_list::TeaserList;
use crate::head::page_head;
use crate::pages::not_found::NotFoundPage;
use crate::results::{listing_route, listing_url};
use crate::router::Location;
use crate::source::{load_answer, Archive, ArchiveResource, Load, LoadError, Session};

/// What an archive page is about: its kind, name and description.
#[derive(Debug, Clone, PartialEq)]
struct Heading {
    kind: &'static str,
    name: String,
    description: Option<String>,
}

/// A page of results and why teasers were left out.
#[derive(Debug, PartialEq)]
struct Listing {
    answer: Answer,
    skipped: Vec<String>,
    /// The query answered (an API's or static index's answers arrive
    /// after it was asked).
    asked: Query,
}

/// A page of results, shared rather than copied on each read, or what
/// failed.
type Shown = Result<Arc<Listing>, LoadError>;

/// A listing confined to `scope`: heading, filter bar, a status line that
/// screen readers hear, then the page of teasers with its pager, the
/// empty state, or the error with Retry. An archive slug the data does
/// not know is the not-found view.
#[component]
pub fn ListingPage(
    /// The archive the listing is confined to.
    scope: Scope,
    /// The archive's slug (none for the whole archive).
    #[prop(optional, into)]
    slug: Option<String>,
) -> impl IntoView {
    let archive = ArchiveResource::use_context();
    let location = Location::use_context();
    // Empty for the whole archive (a `String`, the type the article page
    // stores too: one stored-value type less in the wasm).
    let slug = StoredValue::new(slug.unwrap_or_default());
    let query = Memo::new(move |_| {
        let mut query = Query::from_url(&location.search.get());
        if let Some(Ok(archive)) = archive.get() {
            query.per_page = archive.config.page_size;
        }
        // The archive's own filter comes from its path.
        if let Some(kind) = scope {
            query.set_archive(kind, Some(slug.get_value()));
        }
        query
    });
    let change = Callback::new(move |(next, replace): Change| {
        location.navigate(&listing_url(&next, scope, next.page), replace, false);
    });
    let link = Callback::new(move |page: u32| listing_url(&query.get_untracked(), scope, page));

    // With a bundle the archive answers at once, in memory.
    // So does a static index whose files for the query are at hand (and
    // the build, which has them all).
    let local = Memo::new(move |_| match archive.get()? {
        Ok(archive) => {
            let asked = query.get();
            archive.answer(&asked).map(|answer| {
                Ok(Arc::new(Listing {
                    answer,
                    skipped: archive.skipped(),
                    asked,
                }))
            })
        }
        Err(error) => Some(Err(error)),
    });
    // With a static index or an API, each query loads what it needs; a
    // newer one aborts the last.
    let session = Session::use_context();
    let remote = Load::new(
        move |cancel| {
            let asked = query.get();
            let at_hand = local.with_untracked(Option::is_some);
            let asked = match archive.get() {
                Some(Ok(archive)) if archive.catalog.is_none() && !at_hand => {
                    Some((archive, asked))
                }
                _ => None,
            };
            async move {
                let (archive, query) = asked?;
                Some(answered(session, archive, query, false, cancel).await)
            }
        },
        true,
    );
    // From a static index the facet counts are loaded while the reader is
    // in the menus (set by the filter bar), after the results, from the
    // files they need: under a search in a large archive that can be
    // many, so no reader who never opens a menu pays for them.
    let counting = RwSignal::new(false);
    let wanted = Memo::new(move |_| counting.get());
    let counted = Load::new(
        move |cancel| {
            let asked = query.get();
            let ready = wanted.get()
                && (local.with(Option::is_some)
                    || remote.with(|r| matches!(r, Some(Some(Ok(l))) if l.asked == asked)));
            let asked = match archive.get() {
                Some(Ok(archive)) if archive.index.is_some() && ready => Some((archive, asked)),
                _ => None,
            };
            async move {
                let (archive, query) = asked?;
                Some(answered(session, archive, query, true, cancel).await)
            }
        },
        true,
    );
    // What the page shows: read in several places, cheap to work out (an
    // `Arc` clone), so a plain closure rather than a signal type's code.
    let shown = move || -> Option<Shown> {
        match archive.get()? {
            Ok(loaded) if loaded.catalog.is_some() => local.get(),
            Ok(_) => local.get().or_else(|| remote.get().flatten()),
            Err(error) => Some(Err(error)),
        }
    };
    // A memo: under a search the facets are the same on every key (the
    // categories and years without numbers), and the menus need not
    // look again.
    let facets: Signal<Arc<Facets>> = Memo::new(move |_| {
        let counts = counted.with(|c| match c {
            Some(Some(Ok(listing))) if query.with(|q| *q == listing.asked) => {
                Some(Arc::clone(&listing.answer.facets))
            }
            _ => None,
        });
        match (&shown(), counts) {
            (Some(Ok(_)), Some(counts)) => counts,
            (Some(Ok(listing)), None) => Arc::clone(&listing.answer.facets),
            _ => Arc::<Facets>::default(),
        }
    })
    .into();
    let counts = Signal::derive(move || {
        let from_index = matches!(archive.get(), Some(Ok(loaded)) if loaded.index.is_some());
        counted.with(|c| match c {
            _ if !from_index => Counts::Ready,
            Some(Some(Ok(listing))) if query.with(|q| *q == listing.asked) => Counts::Ready,
            Some(Some(Err(error))) => Counts::Failed(error.to_string()),
            _ => Counts::Loading,
        })
    });
    let recount = Callback::new(move |()| counted.refetch());

    // The archive's heading; `None` while unknown, and for a slug the
    // data does not have, once the data has answered.
    let heading = Memo::new(move |_| -> Option<Heading> {
        let slug = slug.get_value();
        let Some(kind) = scope else {
            return Some(Heading {
                kind: "",
                name: "Latest articles".to_owned(),
                description: None,
            });
        };
        let Some(Ok(loaded)) = archive.get() else {
            return None;
        };
        if let Some(index) = &loaded.index {
            // The archive's file came with the results.
            remote.with(|_| ());
            local.with(|_| ());
            let (name, description) = index.now(|r| r.archive(kind, &slug))??;
            return Some(Heading {
                kind: kind.label(),
                name,
                description,
            });
        }
        if let Some(catalog) = &loaded.catalog {
            let (name, description) = catalog.archive(kind, &slug)?;
            return Some(Heading {
                kind: kind.label(),
                name,
                description,
            });
        }
        // An API names each option in its facets.
        facets.with(|f| {
            f.of(kind).iter().find(|o| o.slug == slug).map(|o| Heading {
                kind: kind.label(),
                name: o.name.clone(),
                description: None,
            })
        })
    });
    let unknown = Memo::new(move |_| {
        heading.with(Option::is_none) && scope.is_some() && matches!(shown(), Some(Ok(_)))
    });

    let title = move || {
        let name = heading.with(|h| h.as_ref().map_or_else(String::new, |h| h.name.clone()));
        match query.with(|q| q.page) {
            1 => name,
            page => format!("{name}, page {page}"),
        }
    };
    let status = move || match &shown() {
        None => "Loading articles…".to_owned(),
        Some(Ok(listing)) => {
            let answer = &listing.answer;
            showing(answer.total, answer.page, query.with(|q| q.per_page))
        }
        Some(Err(_)) => String::new(),
    };
    let retry = Callback::new(move |()| match archive.get() {
        Some(Ok(_)) => remote.refetch(),
        _ => archive.refetch(),
    });
    // The filter bar shows from the first frame, so nothing below it
    // moves when the archive arrives (its menus fill in then); only an
    // archive that failed to load takes it away. The archive changes only
    // when it loads: no memo needed.
    let usable = move || !matches!(archive.get(), Some(Err(_)));
    let content = move || match &shown() {
        None => ().into_any(),
        Some(Err(error)) => view! {
            <ErrorView what="the articles" message=error.to_string() retry=retry />
        }
        .into_any(),
        Some(Ok(listing)) if listing.answer.total == 0 => view! {
            <EmptyState query=query facets=facets scope=scope change=change />
        }
        .into_any(),
        Some(Ok(listing)) => {
            let answer = &listing.answer;
            view! {
                    <SkippedNotice skipped=listing.skipped.clone() />
                    <TeaserList teasers=answer.teasers.clone() terms=answer.terms.clone() from=(query.get_untracked(), scope) />
                    <Pager page=answer.page pages=answer.pages link=link />
                }
                .into_any()
        }
    };
    let header = move || {
        heading.get().map(|heading| {
            let kind = (!heading.kind.is_empty())
                .then(|| view! { <p class="page-kicker">{heading.kind}</p> });
            let description = heading
                .description
                .map(|text| view! { <p class="page-description" data-description="">{text}</p> });
            view! {
                {kind}
                <h1 class="page-heading">{heading.name}</h1>
                {description}
            }
        })
    };
    let listing = move || {
        // An archive's head waits for its heading (an unknown one is the
        // not-found view's).
        page_head(Box::new(move || {
            let description = heading.with(|h| h.as_ref().map(|h| h.description.clone()))?;
            Some(ViewHead {
                title: title(),
                description,
                path: listing_route(scope, &slug.get_value()).path(),
                kind: "website",
                ..ViewHead::default()
            })
        }));
        view! {
            <header class="listing-header" data-listing=scope_name(scope)>
                {header}
            </header>
            {move || {
                usable().then(|| view! { <Filters query=query facets=facets counts=counts counting=counting recount=recount scope=scope change=change /> })
            }}
            <p class="status" role="status" data-status="">{status}</p>
            {content}
        }
    };
    move || {
        if unknown.get() {
            view! { <NotFoundPage /> }.into_any()
        } else {
            listing().into_any()
        }
    }
}

/// The answer to `query` from the archive's static index or API, with
/// facet counts from a static index only when `counts`. One boxed future,
/// so both loads that ask run one copy of its code.
fn answered(
    session: Session,
    archive: Arc<Archive>,
    query: Query,
    counts: bool,
    cancel: Option<web_sys::AbortSignal>,
) -> Pin<Box<dyn Future<Output = Shown>>> {
    Box::pin(async move {
        load_answer(session, archive, query.clone(), counts, cancel)
            .await
            .map(|(answer, skipped)| {
                Arc::new(Listing {
                    answer,
                    skipped,
                    asked: query,
                })
            })
    })
}
