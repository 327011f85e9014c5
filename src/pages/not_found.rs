//! Any path the route table does not know.

use leptos::prelude::*;

use crate::base::href;
use crate::components::page_title::page_title;

/// The not-found view: says so, and links home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    page_title(Box::new(|| "Page not found".to_owned()));
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
