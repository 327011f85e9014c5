//! One teaser in the grid.

use broadsheet_core::Teaser;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::base::href;
use crate::components::byline::Byline;

/// A teaser as an `<article>`: the title linking to the article, the
/// byline, the date, the excerpt and a "Continue Reading" link. Titles
/// carry `elementtiming`, so the browser reports when the first was painted.
#[component]
pub fn TeaserCard(
    /// The teaser to show.
    teaser: Teaser,
) -> impl IntoView {
    let link = href(&format!("/articles/{}", teaser.slug));
    let heading_id = format!("teaser-{}", teaser.slug);
    let labelled_by = heading_id.clone();
    view! {
        <article class="teaser" data-teaser=teaser.slug.clone() aria-labelledby=labelled_by>
            <h2 class="teaser__title" id={heading_id} {..custom_attribute("elementtiming", "teaser-title")}>
                <a href=link.clone()>{teaser.title.clone()}</a>
            </h2>
            <Byline authors=teaser.authors.clone() />
            <p class="teaser__date">
                <time datetime=teaser.date.iso()>{teaser.date.long()}</time>
            </p>
            <p class="teaser__excerpt">{teaser.excerpt.clone()}</p>
            <a class="teaser__more" href=link data-continue="">
                "Continue Reading"
                <span class="visually-hidden">": " {teaser.title}</span>
            </a>
        </article>
    }
}
