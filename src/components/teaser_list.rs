//! The teaser grid.

use broadsheet_core::Teaser;
use leptos::prelude::*;

use crate::components::teaser_card::TeaserCard;

/// The teasers in the order given, search words marked. The grid takes
/// focus (from script only) when the reader turns a page.
#[component]
pub fn TeaserList(
    /// The teasers to show, in order.
    teasers: Vec<Teaser>,
    /// Folded search words to mark.
    #[prop(optional)]
    terms: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="teaser-grid" data-teaser-list="" tabindex="-1" role="region" aria-label="Results">
            {teasers
                .into_iter()
                .map(|teaser| view! { <TeaserCard teaser=teaser terms=terms.clone() /> })
                .collect_view()}
        </div>
    }
}
