//! The document's metadata for sharing and search engines: description,
//! canonical link, Open Graph and Twitter card tags, and the language.
//!
//! A page calls [`set`] with what it is about and [`reset`] when it goes.
//! The tags are written straight into `<head>` (leptos_meta did this for
//! several KB more wasm than these few DOM calls).

use web_sys::{Document, Element};

/// Marks the tags this module added, so [`reset`] removes only those.
const MARK: &str = "data-head";

/// What a page tells the world about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// The headline (without the site's name).
    pub title: String,
    /// One or two sentences: the excerpt.
    pub description: String,
    /// The page's absolute URL.
    pub url: String,
    /// The site's name.
    pub site_name: String,
    /// `article` or `website`.
    pub kind: &'static str,
    /// The BCP 47 language of the page.
    pub language: String,
    /// An absolute URL of the picture to show with a link to the page.
    pub image: Option<String>,
    /// When it was published, as `2022-04-12`.
    pub published: Option<String>,
}

/// Writes `meta` into the document's head, replacing what a previous
/// [`set`] wrote.
pub fn set(meta: &Meta) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    reset_in(&document, None);
    let card = if meta.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let tags: [(&str, &str, Option<&str>); 13] = [
        ("name", "description", Some(&meta.description)),
        ("property", "og:title", Some(&meta.title)),
        ("property", "og:description", Some(&meta.description)),
        ("property", "og:type", Some(meta.kind)),
        ("property", "og:url", Some(&meta.url)),
        ("property", "og:site_name", Some(&meta.site_name)),
        ("property", "og:image", meta.image.as_deref()),
        (
            "property",
            "article:published_time",
            meta.published.as_deref(),
        ),
        ("name", "twitter:card", Some(card)),
        ("name", "twitter:title", Some(&meta.title)),
        ("name", "twitter:description", Some(&meta.description)),
        ("name", "twitter:image", meta.image.as_deref()),
        ("rel", "canonical", Some(&meta.url)),
    ];
    for (attribute, key, value) in tags {
        if let Some(value) = value {
            put(&document, attribute, key, value);
        }
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", &meta.language);
    }
}

/// Removes what [`set`] wrote; the description and language return to the
/// site's.
pub fn reset(description: &str, language: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        reset_in(&document, Some((description, language)));
    }
}

fn reset_in(document: &Document, site: Option<(&str, &str)>) {
    if let Ok(added) = document.query_selector_all(&format!("[{MARK}]")) {
        for at in 0..added.length() {
            if let Some(node) = added.item(at) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    if let Some((description, language)) = site {
        put(document, "name", "description", description);
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", language);
        }
    }
}

/// Sets the tag whose `attribute` is `key` to `value`: `<meta name=…
/// content=…>`, `<meta property=… content=…>` or `<link rel=… href=…>`.
/// The page's own description tag is updated in place; the rest are added.
fn put(document: &Document, attribute: &str, key: &str, value: &str) {
    let (element, content) = if attribute == "rel" {
        ("link", "href")
    } else {
        ("meta", "content")
    };
    let existing = document
        .query_selector(&format!("{element}[{attribute}=\"{key}\"]"))
        .ok()
        .flatten();
    let tag = match existing {
        Some(tag) => tag,
        None => match added(document, element) {
            Some(tag) => tag,
            None => return,
        },
    };
    let _ = tag.set_attribute(attribute, key);
    let _ = tag.set_attribute(content, value);
}

fn added(document: &Document, name: &str) -> Option<Element> {
    let tag = document.create_element(name).ok()?;
    let _ = tag.set_attribute(MARK, "");
    document
        .query_selector("head")
        .ok()
        .flatten()?
        .append_child(&tag)
        .ok()?;
    Some(tag)
}
