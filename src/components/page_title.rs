//! The document title: the view's name, then the site's.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::source::IndexResource;

/// Sets the document title to "`text` — site title".
#[component]
pub fn PageTitle(
    /// The view's own name (a page name or an article's headline).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let index = IndexResource::use_context();
    let title = move || {
        let site = match index.get() {
            Some(Ok(index)) => index.site.title.clone(),
            _ => "Broadsheet".to_owned(),
        };
        format!("{} — {site}", text.get())
    };
    view! { <Title text=title /> }
}
