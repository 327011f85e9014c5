//! Who wrote an article, as the archive prints it.

use broadsheet_core::{byline_tail, Author};
use leptos::prelude::*;

use crate::base::href;
use crate::components::highlighted::Highlighted;

/// One byline sentence per author ("Darragh O’Dwyer is a member of …"),
/// each name linking to the author's archive and marked where it matches
/// the search.
#[component]
pub fn Byline(
    /// The authors, in byline order.
    authors: Vec<Author>,
    /// Folded search words to mark in the names.
    #[prop(optional)]
    terms: Vec<String>,
) -> impl IntoView {
    view! {
        <p class="byline" data-byline="">
            {authors
                .into_iter()
                .enumerate()
                .map(|(position, author)| {
                    let gap = if position == 0 { "" } else { " " };
                    let link = href(&format!("/author/{}", author.slug));
                    let tail = byline_tail(&author);
                    view! {
                        {gap}
                        <span class="byline__author">
                            <a href=link data-author=author.slug>
                                <Highlighted text=author.name terms=terms.clone() />
                            </a>
                            {tail}
                        </span>
                    }
                })
                .collect_view()}
        </p>
    }
}
