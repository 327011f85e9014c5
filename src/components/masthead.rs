//! The site's masthead: its name, linking home.

use leptos::prelude::*;

use crate::base::href;
use crate::source::IndexResource;

/// The masthead. Shows the archive's title once the index has loaded
/// (the app's name before that, or if it fails).
#[component]
pub fn Masthead() -> impl IntoView {
    let index = IndexResource::use_context();
    let title = move || match index.get() {
        Some(Ok(index)) => index.site.title.clone(),
        _ => "Broadsheet".to_owned(),
    };
    view! {
        <header class="masthead">
            <a class="masthead__title" href=href("/")>
                {title}
            </a>
        </header>
    }
}
