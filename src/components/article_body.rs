//! An article's body: untrusted HTML, sanitised, then inserted.

use leptos::html::Div;
use leptos::prelude::*;

use crate::effect::watch;

/// The body as safe page nodes (see [`crate::sanitize`]): in the browser
/// inserted node by node once the container exists, never as an HTML
/// string; rendered by the build, the same policy's result as HTML.
#[component]
pub fn ArticleBody(
    /// The body as HTML, from the data.
    html: String,
    /// The body's language when it differs from the site's.
    language: Option<String>,
) -> impl IntoView {
    let container = NodeRef::<Div>::new();
    // Rendered off the browser: the same policy's result, as HTML.
    #[cfg(feature = "ssr")]
    let built = broadsheet_core::sanitize::to_html(&html);
    watch(move || {
        if let Some(container) = container.get() {
            // Timed for `make bench` (a `broadsheet:sanitize` measure).
            let performance = window().performance();
            let _ = performance
                .as_ref()
                .map(|p| p.mark("broadsheet:sanitize-start"));
            container.set_text_content(None);
            crate::sanitize::sanitize_into(&html, &container);
            let _ = performance.as_ref().map(|p| {
                p.measure_with_start_mark("broadsheet:sanitize", "broadsheet:sanitize-start")
            });
        }
    });
    #[cfg(feature = "ssr")]
    let body = view! { <div class="article__body" data-article-body="" lang=language node_ref=container inner_html=built></div> };
    #[cfg(not(feature = "ssr"))]
    let body = view! { <div class="article__body" data-article-body="" lang=language node_ref=container></div> };
    body
}
