//! A load that failed: what failed, and a way to try again.

use leptos::prelude::*;

/// An alert naming what failed, with a Retry button that calls `retry`.
#[component]
pub fn ErrorView(
    /// What the reader was waiting for, as "the articles".
    what: &'static str,
    /// The error, naming the URL and the reason.
    message: String,
    /// Tries the load again.
    retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="error-view" role="alert" data-error="">
            <h2 class="error-view__title">"Could not load " {what}</h2>
            <p class="error-view__message">{message}</p>
            <button type="button" class="error-view__retry" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </div>
    }
}
