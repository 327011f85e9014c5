//! Article bodies are untrusted HTML: this turns them into page nodes by
//! the one policy of [`broadsheet_core::allowlist::decide`].
//!
//! The browser's own parser reads the HTML into a `<template>`'s contents,
//! an inert document fragment: nothing in it runs or loads. (In a
//! `DOMParser` document Chromium also checked `<base>` and `<style>`
//! against the page's Content-Security-Policy and reported them; in a
//! template it still reports inline handlers and style attributes it
//! sees, which never run either.) The result is then built node by node in
//! the page's document, as the policy decides for each element. It is
//! never serialised and parsed again, so markup that changes meaning on a
//! second parse cannot slip through. The build applies the same policy to
//! html5ever's parse (`broadsheet_core::sanitize`), with the same result.

use broadsheet_core::allowlist::{decide, Decision, Place};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTemplateElement, Node};

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
    copy_children(&template.content(), container, Place::default(), &document);
}

/// Copies the safe part of each child of `from` into `to`, at `place`.
fn copy_children(from: &Node, to: &Node, place: Place, document: &Document) {
    let mut child = from.first_child();
    while let Some(node) = child {
        copy(&node, to, place, document);
        child = node.next_sibling();
    }
}

fn copy(node: &Node, to: &Node, place: Place, document: &Document) {
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
            let html = element.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml");
            let names: Vec<String> = element
                .get_attribute_names()
                .iter()
                .filter_map(|name| name.as_string())
                .collect();
            let values: Vec<String> = names
                .iter()
                .map(|name| element.get_attribute(name).unwrap_or_default())
                .collect();
            let attributes = names
                .iter()
                .map(String::as_str)
                .zip(values.iter().map(String::as_str));
            match decide(&element.local_name(), html, attributes, place) {
                Decision::Drop => {}
                Decision::Unwrap => copy_children(node, to, place, document),
                Decision::Keep { name, attributes } => {
                    let Ok(copy) = document.create_element(name) else {
                        return;
                    };
                    for (attribute, value) in &attributes {
                        let _ = copy.set_attribute(attribute, value);
                    }
                    let _ = to.append_child(&copy);
                    copy_children(node, &copy, place.inside(name), document);
                }
            }
        }
        // Comments, processing instructions and the like are left out.
        _ => {}
    }
}
