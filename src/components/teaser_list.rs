//! The teaser grid.

use broadsheet_core::{Query, Teaser};
use leptos::prelude::*;

use crate::components::filters::Scope;
use crate::components::teaser_card::TeaserCard;
use crate::results::article_url;

/// The teasers in the order given, search words marked. The grid takes
/// focus (from script only) when the reader turns a page.
#[component]
pub fn TeaserList(
    /// The teasers to show, in order.
    teasers: Vec<Teaser>,
    /// Folded search words to mark.
    #[prop(optional)]
    terms: Vec<String>,
    /// The results they are a page of, which their article links carry
    /// (the whole archive by default).
    #[prop(optional)]
    from: Option<(Query, Scope)>,
) -> impl IntoView {
    let (query, scope) = from.unwrap_or((Query::default(), None));
    view! {
        <div class="teaser-grid" data-teaser-list="" tabindex="-1" role="region" aria-label="Results">
            {teasers
                .into_iter()
                .map(|teaser| {
                    let link = article_url(&teaser.slug, &query, scope);
                    view! { <TeaserCard teaser=teaser terms=terms.clone() link=link /> }
                })
                .collect_view()}
        </div>
    }
}
