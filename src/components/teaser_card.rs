//! One teaser in the grid.

use broadsheet_core::model::display_title;
use broadsheet_core::{ArchiveKind, Teaser};
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::base::route_href;
use crate::components::byline::Byline;
use crate::components::highlighted::Highlighted;

/// A teaser as an `<article>`: its categories linking to their archives,
/// the title linking to the article, the byline, the date, the excerpt
/// and a "Continue Reading" link. Search words are marked in the title,
/// names and excerpt. Titles carry `elementtiming`, so the browser reports
/// when the first was painted.
#[component]
pub fn TeaserCard(
    /// The teaser to show.
    teaser: Teaser,
    /// Folded search words to mark.
    #[prop(optional)]
    terms: Vec<String>,
    /// Where the title and "Continue Reading" lead: the article, with the
    /// results it was found in.
    link: String,
) -> impl IntoView {
    let heading_id = format!("teaser-{}", teaser.slug);
    let title = display_title(&teaser.title);
    let labelled_by = heading_id.clone();
    let categories = teaser
        .categories
        .into_iter()
        .map(|term| {
            let target = route_href(&ArchiveKind::Category.route(term.slug.clone()));
            view! { <a href=target data-category=term.slug>{term.name}</a> " " }
        })
        .collect_view();
    view! {
        <article class="teaser" data-teaser=teaser.slug.clone() aria-labelledby=labelled_by>
            <p class="teaser__terms">{categories}</p>
            <h2 class="teaser__title" id={heading_id} {..custom_attribute("elementtiming", "teaser-title")}>
                <a href=link.clone()>
                    <Highlighted text=title.clone() terms=terms.clone() />
                </a>
            </h2>
            <Byline authors=teaser.authors terms=terms.clone() />
            <p class="teaser__date">
                <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
            </p>
            <p class="teaser__excerpt">
                <Highlighted text=teaser.excerpt terms=terms />
            </p>
            <a class="teaser__more" href=link data-continue="">
                "Continue Reading"
                <span class="visually-hidden">": " {title}</span>
            </a>
        </article>
    }
}
