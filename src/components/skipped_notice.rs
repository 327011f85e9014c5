//! Teasers the data held but the app could not read.

use leptos::prelude::*;

/// "2 articles could not be shown", with each reason one click away; shows
/// nothing when every teaser was read.
#[component]
pub fn SkippedNotice(
    /// Why each unreadable teaser was skipped.
    skipped: Vec<String>,
) -> impl IntoView {
    if skipped.is_empty() {
        return ().into_any();
    }
    let count = skipped.len();
    let summary = match count {
        1 => "1 article could not be shown.".to_owned(),
        n => format!("{n} articles could not be shown."),
    };
    view! {
        <details class="skipped-notice" data-skipped=count>
            <summary>{summary}</summary>
            <ul>{skipped.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}</ul>
        </details>
    }
    .into_any()
}
