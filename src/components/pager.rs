//! Page links under the grid.

use broadsheet_core::count::pager_window;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Previous, numbered and next links as real links (`link(n)` gives page
/// `n`'s URL), the current page marked with `aria-current`. Following one
/// moves focus to the grid, so keyboard and screen reader users land on
/// the new results. Nothing when there is one page.
#[component]
pub fn Pager(
    /// The page shown.
    page: u32,
    /// Pages in all.
    pages: u32,
    /// Page `n`'s URL.
    link: Callback<u32, String>,
) -> impl IntoView {
    if pages <= 1 {
        return None;
    }
    let numbers = pager_window(page, pages)
        .into_iter()
        .map(|number| match number {
            Some(n) => {
                let current = (n == page).then_some("page");
                view! {
                    <li>
                        <a href=link.run(n) aria-current=current aria-label=format!("Page {n}") data-page=n>
                            {n}
                        </a>
                    </li>
                }
                .into_any()
            }
            None => view! { <li class="pager__gap" aria-hidden="true">"…"</li> }.into_any(),
        })
        .collect_view();
    let previous = (page > 1).then(|| {
        view! { <a class="pager__step" href=link.run(page - 1) rel="prev" data-page-step="previous">"Previous"</a> }
    });
    let next = (page < pages).then(|| {
        view! { <a class="pager__step" href=link.run(page + 1) rel="next" data-page-step="next">"Next"</a> }
    });
    Some(view! {
        <nav class="pager" aria-label="Pages" data-pager="" on:click=focus_results>
            {previous}
            <ul class="pager__numbers">{numbers}</ul>
            {next}
        </nav>
    })
}

/// After a page link is followed, puts focus on the grid once it shows
/// the new page.
fn focus_results(event: web_sys::MouseEvent) {
    let on_link = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a").ok().flatten())
        .is_some();
    if on_link {
        request_animation_frame(|| {
            let grid = document()
                .query_selector("[data-teaser-list]")
                .ok()
                .flatten()
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(grid) = grid {
                let _ = grid.focus();
            }
        });
    }
}
