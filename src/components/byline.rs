//! Who wrote an article, as the archive prints it.

use broadsheet_core::{byline_gap, byline_tail, ArchiveKind, Author};
use leptos::prelude::*;

use crate::base::route_href;
use crate::components::highlighted::Highlighted;

/// One byline per author ("Darragh O’Dwyer is a member of …"), each name
/// linking to the author's archive and marked where it matches the
/// search, co-authors separated as [`byline_gap`] says.
#[component]
pub fn Byline(
    /// The authors, in byline order.
    authors: Vec<Author>,
    /// Folded search words to mark in the names.
    #[prop(optional)]
    terms: Vec<String>,
) -> impl IntoView {
    let gaps: Vec<&'static str> = (0..authors.len())
        .map(|position| byline_gap(&authors, position))
        .collect();
    view! {
        <p class="byline" data-byline="">
            {authors
                .into_iter()
                .zip(gaps)
                .map(|(author, gap)| {
                    let link = route_href(&ArchiveKind::Author.route(author.slug.clone()));
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
