//! What the grid shows when nothing matches.

use std::sync::Arc;

use broadsheet_core::query::Facets;
use broadsheet_core::Query;
use leptos::prelude::*;

use crate::components::filters::{clear_all, describe, Change, Scope};

/// Says that no article matches, names the filters and search that rule
/// everything out, and offers to clear them.
#[component]
pub fn EmptyState(
    /// The query that matched nothing.
    query: Memo<Query>,
    /// The facet counts, for the filters' names.
    facets: Signal<Arc<Facets>>,
    /// The archive the listing is confined to.
    scope: Scope,
    /// Called with the cleared query.
    change: Callback<Change>,
) -> impl IntoView {
    let reasons = facets.with_untracked(|f| query.with_untracked(|q| describe(q, f, scope)));
    let filtered = !reasons.is_empty();
    let because = reasons
        .into_iter()
        .map(|(label, name, _)| format!("{label}: {name}"))
        .collect::<Vec<_>>()
        .join(", ");
    let clear = move |_| {
        let mut next = query.get_untracked();
        clear_all(&mut next, scope);
        next.page = 1;
        change.run((next, false));
    };
    view! {
        <div class="empty-state" data-empty-state="">
            <h2 class="empty-state__title">"No articles match"</h2>
            {if filtered {
                view! {
                    <p>"Nothing here matches all of " {because} ". Try fewer words, or remove a filter."</p>
                    <button type="button" class="empty-state__clear" on:click=clear data-clear-filters="">
                        "Clear all filters"
                    </button>
                }
                .into_any()
            } else {
                view! { <p>"This archive has no articles yet."</p> }.into_any()
            }}
        </div>
    }
}
