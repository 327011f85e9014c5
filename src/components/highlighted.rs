//! Text with the reader's search words marked.

use broadsheet_core::highlight::highlight;
use leptos::either::Either;
use leptos::prelude::*;

/// `text`, each run that matches one of `terms` in a `<mark>`; plain text
/// when there are no terms.
#[component]
pub fn Highlighted(
    /// The text as printed.
    text: String,
    /// The folded search words.
    terms: Vec<String>,
) -> impl IntoView {
    if terms.is_empty() {
        return Either::Left(text);
    }
    let runs: Vec<(String, bool)> = highlight(&text, &terms)
        .into_iter()
        .map(|(run, marked)| (run.to_owned(), marked))
        .collect();
    Either::Right(
        runs.into_iter()
            .map(|(run, marked)| {
                if marked {
                    Either::Left(view! { <mark>{run}</mark> })
                } else {
                    Either::Right(run)
                }
            })
            .collect_view(),
    )
}
