//! An article's body: untrusted HTML, sanitised, then inserted.

use leptos::html::Div;
use leptos::prelude::*;

use crate::effect::watch;
use crate::sanitize::sanitize_into;

/// The body as safe page nodes (see [`crate::sanitize`]): inserted once
/// the container exists, never as an HTML string.
#[component]
pub fn ArticleBody(
    /// The body as HTML, from the data.
    html: String,
    /// The body's language when it differs from the site's.
    language: Option<String>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    watch(move || {
        if let Some(container) = container.get() {
            // Timed for `make bench` (a `broadsheet:sanitize` measure).
            let performance = window().performance();
            let _ = performance
                .as_ref()
                .map(|p| p.mark("broadsheet:sanitize-start"));
            container.set_text_content(None);
            sanitize_into(&html, &container);
            let _ = performance.as_ref().map(|p| {
                p.measure_with_start_mark("broadsheet:sanitize", "broadsheet:sanitize-start")
            });
        }
    });
    view! { <div class="article__body" data-article-body="" lang=language node_ref=container></div> }
}
