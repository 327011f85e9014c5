//! Effects: work that follows signals into the page (the document title,
//! head tags, inserted nodes, background loads).

use leptos::prelude::Effect;

/// Runs `body` once the view is drawn, and again whenever a signal it
/// read changes, as [`Effect::new`] does. The body is boxed so that every
/// effect of the app shares one compiled copy of Leptos's effect code:
/// each closure type given to `Effect::new` directly is its own copy in
/// the wasm.
pub fn watch(body: impl Fn() + 'static) {
    let body: Box<dyn Fn()> = Box::new(body);
    Effect::new(move |_| body());
}
