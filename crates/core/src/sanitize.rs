//! An untrusted article body as safe HTML, off the browser: html5ever
//! parses it as the browser parses a `<template>`'s contents, and [`decide`] keeps,
//! unwraps or drops each element exactly as the app's sanitiser does with
//! the browser's parse (src/sanitize.rs). Only with the `html` feature
//! (the build, and the tests that compare the two). The HTML written is
//! parsed again as part of the built page, so the policy keeps only trees
//! that read back the same ([`crate::allowlist::Place`]).

use std::fmt::Write;

use ego_tree::NodeRef;
use html5ever::{driver, local_name, ns, tendril::TendrilSink, QualName};
use scraper::{Html, HtmlTreeSink, Node};

use crate::allowlist::{decide, Decision, Place};

/// The safe part of `body` as HTML.
pub fn to_html(body: &str) -> String {
    // A template's contents belong to a document with no browsing
    // context, where scripting is off: `<noscript>` holds markup.
    let mut options = driver::ParseOpts::default();
    options.tree_builder.scripting_enabled = false;
    let parsed = driver::parse_fragment(
        HtmlTreeSink::new(Html::new_fragment()),
        options,
        QualName::new(None, ns!(html), local_name!("template")),
        Vec::new(),
        false,
    )
    .one(body);
    let mut out = String::with_capacity(body.len());
    // The fragment's root holds an `<html>` element, which holds the
    // parsed body.
    let top = Place::default();
    for node in parsed.tree.root().children() {
        match node.value() {
            Node::Element(element) if element.name() == "html" => {
                copy_children(node, top, &mut out);
            }
            _ => copy(node, top, &mut out),
        }
    }
    out
}

fn copy_children(node: NodeRef<'_, Node>, place: Place, out: &mut String) {
    for child in node.children() {
        copy(child, place, out);
    }
}

fn copy(node: NodeRef<'_, Node>, place: Place, out: &mut String) {
    match node.value() {
        Node::Text(text) => escape(&text.text, false, out),
        Node::Element(element) => {
            let html = element.name.ns == ns!(html);
            let attributes = element.attrs();
            match decide(element.name(), html, attributes, place) {
                Decision::Drop => {}
                Decision::Unwrap => copy_children(node, place, out),
                Decision::Keep { name, attributes } => {
                    out.push('<');
                    out.push_str(name);
                    for (attribute, value) in &attributes {
                        let _ = write!(out, " {attribute}=\"");
                        escape(value, true, out);
                        out.push('"');
                    }
                    out.push('>');
                    if VOID.contains(&name) {
                        return;
                    }
                    // A parser drops the line break right after `<pre>`:
                    // one that belongs to the text is written twice.
                    let first_text = node.first_child().and_then(|child| match child.value() {
                        Node::Text(text) => Some(text.text.starts_with('\n')),
                        _ => None,
                    });
                    if name == "pre" && first_text == Some(true) {
                        out.push('\n');
                    }
                    copy_children(node, place.inside(name), out);
                    let _ = write!(out, "</{name}>");
                }
            }
        }
        // Comments, processing instructions and the like are left out.
        _ => {}
    }
}

/// Elements with no end tag.
const VOID: &[&str] = &["br", "hr", "img"];

/// `text` escaped for an element's content or (`attribute`) a quoted
/// attribute value, as the HTML serialisation algorithm does.
fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '"' if attribute => out.push_str("&quot;"),
            '<' if !attribute => out.push_str("&lt;"),
            '>' if !attribute => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn keeps_what_the_policy_keeps() {
        assert_eq!(
            to_html("<h1 onclick=\"x()\">A &amp; B</h1><script>alert(1)</script><font>kept</font>"),
            "<h2>A &amp; B</h2>kept"
        );
        assert_eq!(
            to_html("<p><a href=\"https://example.org/\" target=\"_blank\">x</a><img src=\"a.jpg\" alt=\"A\"><img src=\"javascript:x\"></p>"),
            "<p><a href=\"https://example.org/\" rel=\"noopener noreferrer\">x</a><img src=\"a.jpg\" alt=\"A\" loading=\"lazy\" decoding=\"async\"></p>"
        );
        assert_eq!(
            to_html("<a href=\"\u{1}java\u{3}script:alert(1)\">x</a><svg><p>in svg</p></svg>"),
            "<a>x</a><p>in svg</p>"
        );
    }
}
