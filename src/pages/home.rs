//! `/`: the teaser grid of the whole archive, newest first.

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::page_title::PageTitle;
use crate::components::skipped_notice::SkippedNotice;
use crate::components::teaser_list::TeaserList;
use crate::source::ArchiveResource;

/// The home page: a heading, a status line that screen readers hear, and
/// the grid, or the error with Retry.
#[component]
pub fn HomePage() -> impl IntoView {
    let archive = ArchiveResource::use_context();
    // The status region exists from the first render, so assistive
    // technology announces each change of its text.
    let status = move || match archive.get() {
        None => "Loading articles…".to_owned(),
        Some(Ok(archive)) => match (archive.index.teasers.len(), archive.total) {
            (1, 1) => "Showing 1 article.".to_owned(),
            (shown, total) if shown == total => format!("Showing {shown} articles."),
            (shown, total) => format!("Showing {shown} of {total} articles."),
        },
        Some(Err(_)) => String::new(),
    };
    let content = move || {
        match archive.get() {
        None => ().into_any(),
        Some(Ok(archive)) => view! {
            <SkippedNotice skipped=archive.index.skipped.iter().map(ToString::to_string).collect() />
            <TeaserList teasers=archive.index.teasers.clone() />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <ErrorView
                what="the articles"
                message=error.to_string()
                retry=Callback::new(move |()| archive.refetch())
            />
        }
        .into_any(),
    }
    };
    view! {
        <PageTitle text="Latest articles" />
        <h1 class="page-heading">"Latest articles"</h1>
        <p class="status" role="status" data-status="">{status}</p>
        {content}
    }
}
