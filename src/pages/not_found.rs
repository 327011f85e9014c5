//! Any path the route table does not know.

use broadsheet_core::head::ViewHead;
use leptos::prelude::*;

use crate::base::href;
use crate::head::page_head;

/// The not-found view: says so, and links home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    page_head(Box::new(|| {
        Some(ViewHead {
            title: "Page not found".to_owned(),
            kind: "website",
            ..ViewHead::default()
        })
    }));
    view! {
        <section class="not-found" data-not-found="">
            <h1 class="page-heading">"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a href=href("/")>"Go to the latest articles"</a>
            </p>
        </section>
    }
}
