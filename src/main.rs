//! The browser entry point: install the panic page, then mount the app.

fn main() {
    broadsheet::panic_page::install();
    leptos::mount::mount_to_body(broadsheet::App);
}
