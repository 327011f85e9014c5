//! The document title: the view's name, then the site's.

use leptos::prelude::*;

use crate::effect::watch;
use crate::source::ArchiveResource;

/// Sets the document title to "`text` — site title" while the calling
/// view shows, following both as they change. A function rather than a
/// component: it draws nothing, and a component's wrapping is code in the
/// wasm.
pub fn page_title(text: Signal<String>) {
    let archive = ArchiveResource::use_context();
    watch(move || {
        let title = format!("{} — {}", text.get(), archive.site_title());
        document().set_title(&title);
    });
}
