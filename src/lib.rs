//! broadsheet: a news front end in Leptos, compiled to WebAssembly.
//!
//! [`App`] holds the one route table, the shared archive index and the
//! providers every view needs. Pages live in [`pages`], reusable views in
//! [`components`], and where articles come from in [`source`].

pub mod base;
pub mod components;
pub mod pages;
pub mod panic_page;
pub mod source;

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::masthead::Masthead;
use crate::pages::{article::ArticlePage, home::HomePage, not_found::NotFoundPage};
use crate::source::ArchiveResource;

/// The whole app: masthead, routes and footer.
///
/// The archive (configuration and index) is loaded once here and shared
/// through context, so moving between the grid and an article never
/// refetches it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(ArchiveResource::new());
    let base = base::base_path();

    view! {
        <Router base=base>
            <Masthead />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/articles/:slug") view=ArticlePage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"Published with broadsheet."</p>
            </footer>
        </Router>
    }
}
