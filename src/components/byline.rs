//! Who wrote an article, as the archive prints it.

use broadsheet_core::{byline, Author};
use leptos::prelude::*;

/// One byline sentence per author ("Darragh O’Dwyer is a member of …").
#[component]
pub fn Byline(
    /// The authors, in byline order.
    authors: Vec<Author>,
) -> impl IntoView {
    view! {
        <p class="byline" data-byline="">
            {authors
                .iter()
                .enumerate()
                .map(|(position, author)| {
                    let gap = if position == 0 { "" } else { " " };
                    view! { {gap} <span class="byline__author">{byline(author)}</span> }
                })
                .collect_view()}
        </p>
    }
}
