//! The browser entry point: install the panic page and the readers of
//! every source, then mount the app. `src/bin/broadsheet-index.rs` is the
//! same app for a compiled index alone.

/// The allocator: talc instead of the standard library's dlmalloc (less
/// wasm, and faster at small allocations in its own benchmarks).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    broadsheet::panic_page::install();
    broadsheet::source::Readers::EVERY.install();
    leptos::mount::mount_to_body(broadsheet::App);
}
