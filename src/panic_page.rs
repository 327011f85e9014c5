//! What the reader sees if the app ever panics: a message and a way out,
//! never a blank or frozen page.

use wasm_bindgen::JsValue;

/// Replaces the default panic hook: the panic is logged to the console and
/// the page is replaced by a short explanation with a reload link.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&info.to_string()));
        let Some(body) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.body())
        else {
            return;
        };
        body.set_inner_html(
            "<main class=\"panic\" role=\"alert\"><h1>Something went wrong</h1>\
             <p>The page stopped because of an internal error. \
             <a href=\"\">Reload the page</a> to try again.</p></main>",
        );
    }));
}
