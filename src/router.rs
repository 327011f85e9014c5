//! Client-side navigation: the current path and query as signals, links
//! inside the app followed without a page load, Back and Forward.
//!
//! Each history entry remembers where the page was scrolled when the
//! reader left it, and Back and Forward return there once the view has
//! been drawn; an entry also remembers the URL it was reached from, so
//! "Back to results" can be a real Back when that is where it leads.
//!
//! The route table itself is [`broadsheet_core::Route`]. This module is
//! what a router crate would do for the app's five routes; leptos_router
//! brought more wasm, most of it for features the app does not use.

use js_sys::{Object, Reflect};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
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

    /// The location `path` (below the base) with the query `search`, for
    /// a view rendered off the browser.
    pub fn at(path: &str, search: &str) -> Self {
        Self {
            path: RwSignal::new(path.to_owned()),
            search: RwSignal::new(search.to_owned()),
        }
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
        // A new query for this same page replacing the entry (typing in
        // the search box): the view follows now, the address once the
        // reader pauses (Chromium takes 1.5 ms of a key's time to write
        // it, and throttles a page that writes too often).
        let (path, search) = url.split_once('?').unwrap_or((url, ""));
        if replace && !scroll && path == window().location().pathname().unwrap_or_default() {
            PUT_OFF.with(|put_off| put_off.replace(Some(url.to_owned())));
            let location = *self;
            let timer = set_timeout_with_handle(
                move || {
                    if write_put_off() {
                        location.sync();
                    }
                },
                PAUSE,
            )
            .ok();
            if let Some(earlier) = PUT_OFF_TIMER.with(|held| held.replace(timer)) {
                earlier.clear();
            }
            self.search
                .maybe_update(|old| replace_if_changed(old, search.to_owned()));
            return;
        }
        // Any other navigation writes an address put off first: entries
        // stay in order.
        write_put_off();
        let Ok(history) = window().history() else {
            return;
        };
        let done = if replace {
            replace_address(&history, url)
        } else {
            // The entry being left keeps its scroll position; the new one
            // knows where it was reached from.
            let here = here();
            let _ = history.replace_state(&with_scroll(window().scroll_y().ok()), "");
            history.push_state_with_url(&entry_from(&here), "", Some(url))
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

    /// Whether the current history entry was reached from `url` (a path
    /// under the base with its query), so Back leads there.
    pub fn came_from(&self, url: &str) -> bool {
        state_field(&read_state(), FROM).as_deref() == Some(url)
    }

    /// Goes one entry back, as the browser's Back button does.
    pub fn back(&self) {
        if let Ok(history) = window().history() {
            let _ = history.back();
        }
    }

    /// Follows the browser's address after a history change. A new view
    /// (not a new query on the same one) takes focus once drawn.
    fn sync(&self) {
        let (path, search) = current();
        if self.path.with_untracked(|old| *old != path) {
            request_animation_frame(focus_view);
        }
        self.path.maybe_update(|old| replace_if_changed(old, path));
        self.search
            .maybe_update(|old| replace_if_changed(old, search));
    }
}

/// How long typing must pause before the address follows it.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

thread_local! {
    /// A replacement of the current entry's address not yet written.
    static PUT_OFF: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// The timer that writes it once typing pauses.
    static PUT_OFF_TIMER: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
}

/// Writes the address [`Location::navigate`] put off, if any; whether
/// there was one.
fn write_put_off() -> bool {
    let Some(url) = PUT_OFF.with(|put_off| put_off.take()) else {
        return false;
    };
    if let Ok(history) = window().history() {
        let _ = replace_address(&history, &url);
    }
    true
}

/// Gives the current history entry the address `url`, keeping its state.
fn replace_address(history: &web_sys::History, url: &str) -> Result<(), JsValue> {
    let state = history.state().unwrap_or(JsValue::NULL);
    history.replace_state_with_url(&state, "", Some(url))
}

/// Moves focus to the view's heading without scrolling (Back and Forward
/// put the page where it was), so keyboard and screen-reader users start
/// at the new view, and has the page's announcer (in index.html) say
/// which view it is. Not on the first load: the reader starts at the top.
fn focus_view() {
    let document = document();
    if let Ok(Some(heading)) = document.query_selector("main h1") {
        let _ = heading.set_attribute("tabindex", "-1");
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = heading.focus_with_options(&options);
        }
    }
    if let Ok(Some(announcer)) = document.query_selector("[data-announcer]") {
        announcer.set_text_content(Some(&document.title()));
    }
}

fn replace_if_changed(old: &mut String, new: String) -> bool {
    let changed = *old != new;
    if changed {
        *old = new;
    }
    changed
}

/// The state field holding the URL an entry was reached from.
const FROM: &str = "from";
/// The state field holding how far the entry's page was scrolled.
const SCROLL: &str = "scroll";

/// The current history entry's state.
fn read_state() -> JsValue {
    window()
        .history()
        .and_then(|history| history.state())
        .unwrap_or(JsValue::NULL)
}

fn state_field(state: &JsValue, name: &str) -> Option<String> {
    if !state.is_object() {
        return None;
    }
    Reflect::get(state, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// The current entry's state with its scroll position `scroll`.
fn with_scroll(scroll: Option<f64>) -> JsValue {
    let from = state_field(&read_state(), FROM);
    let state = from
        .as_deref()
        .map_or_else(Object::new, |from| Object::from(entry_from(from)));
    if let Some(y) = scroll {
        let _ = Reflect::set(&state, &JsValue::from_str(SCROLL), &JsValue::from_f64(y));
    }
    state.into()
}

/// The state of a new entry reached from `url`.
fn entry_from(url: &str) -> JsValue {
    let state = Object::new();
    let _ = Reflect::set(&state, &JsValue::from_str(FROM), &JsValue::from_str(url));
    state.into()
}

/// The page's address as a path with its query: `/news/category/peru?q=x`.
fn here() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Scrolls to where the entry Back or Forward returned to was left, once
/// the page is tall enough to get there (the view is drawn in the frames
/// after the change; an API's results may take longer), giving up after
/// about two seconds.
fn restore_scroll(state: &JsValue, frames_left: u32) {
    let Some(y) = (state.is_object())
        .then(|| Reflect::get(state, &JsValue::from_str(SCROLL)).ok())
        .flatten()
        .and_then(|y| y.as_f64())
    else {
        return;
    };
    let tall_enough = document()
        .document_element()
        .map(|root| f64::from(root.scroll_height()))
        .zip(window().inner_height().ok().and_then(|h| h.as_f64()))
        .is_some_and(|(height, view)| height - view >= y);
    if tall_enough || frames_left == 0 {
        window().scroll_to_with_x_and_y(0.0, y);
    } else {
        let state = state.clone();
        request_animation_frame(move || restore_scroll(&state, frames_left - 1));
    }
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
    // The app puts the page back where it was on Back and Forward.
    let _ = Reflect::set(
        &window()
            .history()
            .map(JsValue::from)
            .unwrap_or(JsValue::NULL),
        &JsValue::from_str("scrollRestoration"),
        &JsValue::from_str("manual"),
    );
    let on_pop = window_event_listener(ev::popstate, move |event| {
        // The entry it was meant for has been left.
        PUT_OFF.with(|put_off| put_off.take());
        location.sync();
        let state = event.state();
        request_animation_frame(move || restore_scroll(&state, 120));
    });
    // Leaving the app (a reload, another site) keeps the place too, and
    // coming back to it returns there.
    let on_leave = window_event_listener(ev::pagehide, |_| {
        write_put_off();
        if let Ok(history) = window().history() {
            let _ = history.replace_state(&with_scroll(window().scroll_y().ok()), "");
        }
    });
    request_animation_frame(|| restore_scroll(&read_state(), 120));
    let on_click = window_event_listener(ev::click, move |event| follow_link(&event, location));
    on_cleanup(move || {
        on_pop.remove();
        on_leave.remove();
        on_click.remove();
    });
    location
}

/// Takes over a plain left click on a link to a page of this app.
fn follow_link(event: &MouseEvent, location: Location) {
    write_put_off();
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
