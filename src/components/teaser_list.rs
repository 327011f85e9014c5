//! The teaser grid.

use broadsheet_core::Teaser;
use leptos::prelude::*;

use crate::components::teaser_card::TeaserCard;

/// The teasers in the order given.
#[component]
pub fn TeaserList(
    /// The teasers to show, in order.
    teasers: Vec<Teaser>,
) -> impl IntoView {
    view! {
        <div class="teaser-grid" data-teaser-list="">
            {teasers
                .into_iter()
                .map(|teaser| view! { <TeaserCard teaser=teaser /> })
                .collect_view()}
        </div>
    }
}
