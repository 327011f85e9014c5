//! broadsheet: a news front end in Leptos, compiled to WebAssembly.
//!
//! [`App`] provides what the browser's views share (the source session,
//! the archive, the location); [`Page`] shows the view the route names
//! (the route table itself is [`broadsheet_core::Route`]), in the browser
//! and in the build alike. Pages live in [`pages`], reusable views in
//! [`components`], and where articles come from in [`source`].

#![recursion_limit = "256"]

pub mod base;
pub mod components;
pub mod effect;
pub mod head;
pub mod pages;
pub mod panic_page;
#[cfg(feature = "ssr")]
pub mod render;
pub mod results;
pub mod router;
pub mod sanitize;
pub mod source;

use broadsheet_core::Route;
use leptos::prelude::*;

use crate::components::masthead::Masthead;
use crate::pages::article::ArticlePage;
use crate::pages::listing::ListingPage;
use crate::pages::not_found::NotFoundPage;
use crate::router::{provide_location, Location};
use crate::source::{ArchiveResource, Session};

/// The whole app in the browser: the archive (configuration and index),
/// loaded once and shared through context, so moving between the grid
/// and an article never refetches it; the reader's location; and the
/// [`Page`] it names.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Session::new());
    provide_context(ArchiveResource::new());
    provide_location();
    view! { <Page /> }
}

/// The page for the location in context: masthead, the view the path
/// names, and footer. The browser ([`App`]) and the build
/// (`render::render`) both render this, so each view is defined once. A
/// change of query string alone keeps the view and only updates what
/// depends on it.
#[component]
pub fn Page() -> impl IntoView {
    let location = Location::use_context();
    // The path only changes when the route does (a memo would add its
    // code for nothing).
    let view = move || {
        let route = Route::parse(&location.path.get());
        if let Some((kind, slug)) = route.archive() {
            let slug = slug.to_owned();
            return view! { <ListingPage scope=Some(kind) slug=slug /> }.into_any();
        }
        match route {
            Route::Article(slug) => view! { <ArticlePage slug=slug /> }.into_any(),
            Route::Home => view! { <ListingPage scope=None /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }
    };
    view! {
        <Masthead />
        <main id="main" tabindex="-1">
            {view}
        </main>
        <footer class="site-footer">
            <p>"Published with broadsheet."</p>
        </footer>
    }
}
