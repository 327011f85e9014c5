//! An article body shown as plain text paragraphs.
//!
//! Bodies are untrusted HTML. Until the allowlist sanitiser lands, the body
//! is parsed by the browser's inert `DOMParser` (nothing in it runs or
//! loads) and only the text of its top-level blocks is shown, so no markup
//! from the data ever reaches the page.

use leptos::prelude::*;
use web_sys::{DomParser, SupportedType};

/// The body's top-level blocks as plain-text paragraphs.
#[component]
pub fn PlainBody(
    /// The body as HTML, from the data.
    html: String,
) -> impl IntoView {
    view! {
        <div class="article__body" data-article-body="">
            {paragraphs(&html)
                .into_iter()
                .map(|text| view! { <p>{text}</p> })
                .collect_view()}
        </div>
    }
}

/// Elements whose text is code or hidden, not prose.
const NOT_PROSE: &str = "script,style,template,noscript,iframe,object,embed,svg,math";

/// The trimmed text of each top-level element of `html`, empty ones and
/// the text of scripts and the like left out.
fn paragraphs(html: &str) -> Vec<String> {
    let Some(body) = DomParser::new()
        .ok()
        .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml).ok())
        .and_then(|document| document.body())
    else {
        return Vec::new();
    };
    if let Ok(hidden) = body.query_selector_all(NOT_PROSE) {
        for node in (0..hidden.length()).filter_map(|i| hidden.item(i)) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
    }
    let blocks = body.children();
    (0..blocks.length())
        .filter_map(|i| blocks.item(i))
        .filter_map(|block| block.text_content())
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
        .collect()
}
