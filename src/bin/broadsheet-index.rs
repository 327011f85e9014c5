//! The browser entry point of the app for a compiled static index: the
//! same app as `src/main.rs` without the readers of the other sources
//! (`source::Readers`), so its wasm is smaller. `boot.js` and the loader
//! choose it when `config.json` names a bundle with a compiled index.

/// The allocator, as `src/main.rs`'s.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    broadsheet::panic_page::install();
    leptos::mount::mount_to_body(broadsheet::App);
}
