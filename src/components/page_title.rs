//! The document title: the view's name, then the site's.

use leptos::prelude::*;

use crate::effect::watch;
use crate::source::ArchiveResource;

/// Sets the document title to "`text()` — site title" while the calling
/// view shows, following both as they change (`text` may read signals).
/// A function rather than a component, and a boxed closure rather than a
/// signal: it draws nothing, and each would be more code in the wasm.
pub fn page_title(text: Box<dyn Fn() -> String>) {
    let archive = ArchiveResource::use_context();
    watch(move || {
        let title = format!("{} — {}", text(), archive.site_title());
        document().set_title(&title);
    });
}
