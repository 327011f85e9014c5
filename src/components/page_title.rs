//! The document title: the view's name, then the site's.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::source::ArchiveResource;

/// Sets the document title to "`text` — site title".
#[component]
pub fn PageTitle(
    /// The view's own name (a page name or an article's headline).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let archive = ArchiveResource::use_context();
    let title = move || format!("{} — {}", text.get(), archive.site_title());
    view! { <Title text=title /> }
}
