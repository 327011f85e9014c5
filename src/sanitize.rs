//! Article bodies are untrusted HTML: this turns them into page nodes by
//! allowlist.
//!
//! The browser's own parser reads the HTML into a `<template>`'s contents,
//! an inert document fragment: nothing in it runs or loads. (In a
//! `DOMParser` document Chromium also checked `<base>` and `<style>`
//! against the page's Content-Security-Policy and reported them; in a
//! template it still reports inline handlers and style attributes it
//! sees, which never run either.) The result is then built
//! node by node in the page's document: allowed elements with allowed
//! attributes, URLs limited to http, https, mailto and relative ones, and
//! the text of everything else. It is never serialised and parsed again,
//! so markup that changes meaning on a second parse cannot slip through.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTemplateElement, Node};

use broadsheet_core::allowlist::{
    ATTRIBUTES, DROPPED, ELEMENTS, GLOBAL_ATTRIBUTES, URL_ATTRIBUTES,
};

/// Whether `url` may be a link or an image source: http, https, mailto, or
/// relative. Browsers ignore tabs, newlines and leading spaces or control
/// characters in a URL, so they are ignored here too before the scheme is
/// read (`java\tscript:` is `javascript:`).
pub fn is_safe_url(url: &str) -> bool {
    let plain: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let plain = plain.trim_start_matches(|c: char| c <= ' ');
    let scheme_end = plain.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if plain[end..].starts_with(':') => {
            let scheme = plain[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative URL (or a bare path or fragment).
        _ => true,
    }
}

/// Appends the safe part of `html` to `container`, in the container's
/// document; nothing if the browser cannot parse HTML here.
pub fn sanitize_into(html: &str, container: &Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let Some(template) = document
        .create_element("template")
        .ok()
        .and_then(|t| t.dyn_into::<HtmlTemplateElement>().ok())
    else {
        return;
    };
    template.set_inner_html(html);
    copy_children(&template.content(), container, &document);
}

/// Copies the safe part of each child of `from` into `to`.
fn copy_children(from: &Node, to: &Node, document: &Document) {
    let mut child = from.first_child();
    while let Some(node) = child {
        copy(&node, to, document);
        child = node.next_sibling();
    }
}

fn copy(node: &Node, to: &Node, document: &Document) {
    match node.node_type() {
        Node::TEXT_NODE => {
            if let Some(text) = node.text_content() {
                let _ = to.append_child(&document.create_text_node(&text));
            }
        }
        Node::ELEMENT_NODE => {
            let Some(element) = node.dyn_ref::<Element>() else {
                return;
            };
            // Only HTML elements: SVG and MathML bring their own rules.
            if element.namespace_uri().as_deref() != Some("http://www.w3.org/1999/xhtml") {
                return;
            }
            let name = element.local_name();
            // The page's own heading is the only <h1>.
            let name = if name == "h1" { "h2".to_owned() } else { name };
            if DROPPED.contains(&name.as_str()) {
                return;
            }
            if !ELEMENTS.contains(&name.as_str()) {
                copy_children(node, to, document);
                return;
            }
            let Ok(copy) = document.create_element(&name) else {
                return;
            };
            copy_attributes(element, &copy, &name);
            if name == "img" {
                if !copy.has_attribute("src") {
                    return;
                }
                let _ = copy.set_attribute("loading", "lazy");
                let _ = copy.set_attribute("decoding", "async");
            }
            if name == "a" {
                let external = copy
                    .get_attribute("href")
                    .is_some_and(|href| href.contains("//") || href.starts_with("mailto:"));
                if external {
                    let _ = copy.set_attribute("rel", "noopener noreferrer");
                }
            }
            let _ = to.append_child(&copy);
            copy_children(node, &copy, document);
        }
        // Comments, processing instructions and the like are left out.
        _ => {}
    }
}

fn copy_attributes(from: &Element, to: &Element, name: &str) {
    let attributes = from.get_attribute_names();
    for attribute in attributes.iter().filter_map(|a| a.as_string()) {
        let allowed = GLOBAL_ATTRIBUTES.contains(&attribute.as_str())
            || ATTRIBUTES.contains(&(name, attribute.as_str()));
        if !allowed {
            continue;
        }
        let Some(value) = from.get_attribute(&attribute) else {
            continue;
        };
        if URL_ATTRIBUTES.contains(&attribute.as_str()) && !is_safe_url(&value) {
            continue;
        }
        let _ = to.set_attribute(&attribute, &value);
    }
}

#[cfg(test)]
mod tests {
    use super::is_safe_url;

    #[test]
    fn only_http_https_mailto_and_relative_urls_pass() {
        for safe in [
            "https://example.org/a",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:desk@example.org",
            "/articles/peru",
            "peru.jpg",
            "../images/a.png",
            "#notes",
            "?page=2",
            "a/b:c",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "blob:https://example.org/x",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
    }
}
