//! Building static page parts straight in the DOM.
//!
//! Parts of a page that never change once drawn (an article's
//! surroundings) are built with these few calls instead of `view!`: each
//! distinct `view!` tree is its own compiled code in the wasm, while these
//! are data passed to one function. Text always goes in as text nodes,
//! never as HTML.

use web_sys::{Element, Node};

/// A new `tag` element with `attributes` and `children`, in the page's
/// document; `None` only if the browser refuses the tag name.
pub fn element(tag: &str, attributes: &[(&str, &str)], children: &[Node]) -> Option<Element> {
    let element = leptos::prelude::document().create_element(tag).ok()?;
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    for child in children {
        let _ = element.append_child(child);
    }
    Some(element)
}

/// `element` as a node, for a list of children; an empty text node if it
/// could not be made.
pub fn node(tag: &str, attributes: &[(&str, &str)], children: &[Node]) -> Node {
    element(tag, attributes, children).map_or_else(|| text(""), Node::from)
}

/// A text node: `words` shown as they are.
pub fn text(words: &str) -> Node {
    leptos::prelude::document().create_text_node(words).into()
}
