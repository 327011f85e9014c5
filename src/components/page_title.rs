//! The document title: the view's name, then the site's.

use leptos::prelude::*;

use crate::source::ArchiveResource;

/// Sets the document title to "`text` — site title" while the view shows,
/// following both as they change. Renders nothing.
#[component]
pub fn PageTitle(
    /// The view's own name (a page name or an article's headline).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let archive = ArchiveResource::use_context();
    Effect::new(move |_| {
        let title = format!("{} — {}", text.get(), archive.site_title());
        document().set_title(&title);
    });
}
