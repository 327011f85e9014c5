//! The site's masthead: its name, linking home, and its sections.

use broadsheet_core::{ArchiveKind, Route};
use leptos::prelude::*;

use crate::base::{href, route_href};
use crate::router::Location;
use crate::source::ArchiveResource;

/// The masthead. Shows the site title once the archive has loaded (the
/// app's name before that, or if it fails), and a navigation list of the
/// site's sections (`Archive::sections`), the one being read marked with
/// `aria-current`.
#[component]
pub fn Masthead() -> impl IntoView {
    let archive = ArchiveResource::use_context();
    let location = Location::use_context();
    let title = move || archive.site_title();
    let sections = move || {
        let Some(Ok(archive)) = archive.get() else {
            return None;
        };
        if archive.sections.is_empty() {
            return None;
        }
        let links = archive
            .sections
            .iter()
            .map(|section| {
                let route = ArchiveKind::Category.route(section.slug.clone());
                let link = route_href(&route);
                let current =
                    move || (Route::parse(&location.path.get()) == route).then_some("page");
                view! {
                    <li>
                        <a href=link aria-current=current data-section=section.slug.clone()>
                            {section.name.clone()}
                        </a>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <nav class="sections" aria-label="Sections" data-sections="">
                <ul>{links}</ul>
            </nav>
        })
    };
    view! {
        <header class="masthead">
            <a class="masthead__title" href=href("/")>
                {title}
            </a>
            {sections}
        </header>
    }
}
