//! Client-side navigation: the current path and query as signals, links
//! inside the app followed without a page load, Back and Forward.
//!
//! The route table itself is [`broadsheet_core::Route`]. This module is
//! what a router crate would do for the app's five routes; leptos_router
//! did it for about 12 KB more wasm (brotli), most of it for features the
//! app does not use.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::base::base_path;

/// Where the reader is, below the app's base path.
#[derive(Debug, Clone, Copy)]
pub struct Location {
    /// The path below the base, from `/`: `/category/peru`.
    pub path: RwSignal<String>,
    /// The query string without `?`: `year=2022&q=peru`.
    pub search: RwSignal<String>,
}

impl Location {
    /// The location from context; [`provide_location`] puts it there (a
    /// view rendered alone, as in a test, reads the page's).
    pub fn use_context() -> Self {
        use_context::<Self>().unwrap_or_else(Self::from_window)
    }

    fn from_window() -> Self {
        let (path, search) = current();
        Self {
            path: RwSignal::new(path),
            search: RwSignal::new(search),
        }
    }

    /// Goes to `url` (an absolute path under the base, with its query) by
    /// adding a history entry, or replacing the current one; `scroll` moves
    /// to the top of the page.
    pub fn navigate(&self, url: &str, replace: bool, scroll: bool) {
        let Ok(history) = window().history() else {
            return;
        };
        let state = wasm_bindgen::JsValue::NULL;
        let done = if replace {
            history.replace_state_with_url(&state, "", Some(url))
        } else {
            history.push_state_with_url(&state, "", Some(url))
        };
        if done.is_err() {
            // Not a URL this document may have: let the browser load it.
            let _ = window().location().set_href(url);
            return;
        }
        self.sync();
        if scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Follows the browser's address after a history change.
    fn sync(&self) {
        let (path, search) = current();
        self.path.maybe_update(|old| replace_if_changed(old, path));
        self.search
            .maybe_update(|old| replace_if_changed(old, search));
    }
}

fn replace_if_changed(old: &mut String, new: String) -> bool {
    let changed = *old != new;
    if changed {
        *old = new;
    }
    changed
}

/// The browser's path below the base, and its query string.
fn current() -> (String, String) {
    let location = window().location();
    let pathname = location.pathname().unwrap_or_default();
    let base = base_path();
    let path = match pathname.strip_prefix(&base) {
        Some("") => "/".to_owned(),
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        // Outside the app's base: no route of ours.
        _ => "/\u{0}outside".to_owned(),
    };
    let search = location.search().unwrap_or_default();
    (path, search.trim_start_matches('?').to_owned())
}

/// Puts the location in context and starts following link clicks inside
/// the app and Back/Forward.
pub fn provide_location() -> Location {
    let location = Location::from_window();
    provide_context(location);
    let on_pop = window_event_listener(ev::popstate, move |_| location.sync());
    let on_click = window_event_listener(ev::click, move |event| follow_link(&event, location));
    on_cleanup(move || {
        on_pop.remove();
        on_click.remove();
    });
    location
}

/// Takes over a plain left click on a link to a page of this app.
fn follow_link(event: &MouseEvent, location: Location) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(anchor) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    if !anchor.target().is_empty() && anchor.target() != "_self"
        || anchor.has_attribute("download")
        || anchor
            .get_attribute("rel")
            .is_some_and(|rel| rel.contains("external"))
    {
        return;
    }
    let page = window().location();
    if anchor.origin() != page.origin().unwrap_or_default() {
        return;
    }
    let (path, search) = (anchor.pathname(), anchor.search());
    let base = base_path();
    let inside = path == base || path.starts_with(&format!("{base}/"));
    // A link to a place on this same page is the browser's to follow.
    let same_page = path == page.pathname().unwrap_or_default()
        && search == page.search().unwrap_or_default()
        && !anchor.hash().is_empty();
    if !inside || same_page {
        return;
    }
    event.prevent_default();
    location.navigate(&format!("{path}{search}"), false, true);
}
