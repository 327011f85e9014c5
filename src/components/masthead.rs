//! The site's masthead: its name, linking home.

use leptos::prelude::*;

use crate::base::href;
use crate::source::ArchiveResource;

/// The masthead. Shows the site title once the archive has loaded (the
/// app's name before that, or if it fails).
#[component]
pub fn Masthead() -> impl IntoView {
    let archive = ArchiveResource::use_context();
    let title = move || archive.site_title();
    view! {
        <header class="masthead">
            <a class="masthead__title" href=href("/")>
                {title}
            </a>
        </header>
    }
}
