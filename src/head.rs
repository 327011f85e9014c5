//! The document's head for the view shown: title, description, language
//! and the link-preview tags of [`broadsheet_core::head::Head`].
//!
//! Each view declares its head with [`page_head`]. In the browser it is
//! written into the document (and again whenever what it reads changes);
//! rendered to HTML by the build, it is handed to [`HeadSlot`] instead,
//! so the built page carries the same tags.

use std::sync::{Arc, Mutex};

use broadsheet_core::head::{Head, ViewHead, MARK};
use leptos::prelude::*;
use web_sys::Document;

use crate::effect::watch;
use crate::source::ArchiveResource;

/// Where a view rendered to HTML leaves its head (the build provides it).
#[derive(Debug, Clone, Default)]
pub struct HeadSlot(pub Arc<Mutex<Option<Head>>>);

/// Declares the calling view's head: `view()` says what the view is
/// (it may read signals; `None` while the view does not know yet, as an
/// article before its teaser is known), the archive adds the site's
/// name, address and language. Until the archive has loaded only the
/// title is written.
pub fn page_head(view: Box<dyn Fn() -> Option<ViewHead>>) {
    let archive = ArchiveResource::use_context();
    let head = move || -> Option<Result<Head, String>> {
        let view = view()?;
        Some(match archive.get() {
            Some(Ok(archive)) => Ok(Head::of(view, &archive.site, archive.site_title())),
            _ => Err(Head {
                site_name: archive.site_title(),
                title: view.title,
                ..Head::default()
            }
            .document_title()),
        })
    };
    // Only a view rendered off the browser has a slot in context.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(slot) = use_context::<HeadSlot>() {
        if let (Some(Ok(head)), Ok(mut slot)) = (head(), slot.0.lock()) {
            *slot = Some(head);
        }
        return;
    }
    watch(move || {
        let document = document();
        match head() {
            Some(Ok(head)) => write(&document, &head),
            Some(Err(title)) => document.set_title(&title),
            None => {}
        }
    });
}

/// Writes `head` into the document, replacing what the last view wrote.
fn write(document: &Document, head: &Head) {
    if let Ok(added) = document.query_selector_all(&format!("[{MARK}]")) {
        for at in 0..added.length() {
            if let Some(node) = added.item(at) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    document.set_title(&head.document_title());
    for tag in head.tags() {
        let existing = document
            .query_selector(&format!(
                "{}[{}=\"{}\"]",
                tag.element, tag.key_attribute, tag.key
            ))
            .ok()
            .flatten();
        let element = match existing {
            Some(element) => element,
            None => {
                let Ok(element) = document.create_element(tag.element) else {
                    continue;
                };
                let _ = element.set_attribute(MARK, "");
                if let Ok(Some(head)) = document.query_selector("head") {
                    let _ = head.append_child(&element);
                }
                element
            }
        };
        let _ = element.set_attribute(tag.key_attribute, tag.key);
        let _ = element.set_attribute(tag.value_attribute, &tag.value);
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", &head.language);
    }
}
