//! The path the app is served under.
//!
//! trunk writes the build's public URL into `<base href>` (`/` at a domain's
//! root, `/news/` under a sub-path). Routes, links and data URLs all follow
//! it, so one `dist/` works wherever its public URL says. In the browser it
//! is read once from the page; rendered by the build, the [`BasePath`] in
//! context says it.

use std::sync::OnceLock;

use broadsheet_core::Route;

static BASE: OnceLock<String> = OnceLock::new();

/// The base path in context, for views rendered off the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePath(pub String);

/// The base path without its trailing slash: `""` at the root, `/news`
/// under a sub-path.
pub fn base_path() -> String {
    // Only a view rendered off the browser has one in context.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(BasePath(base)) = leptos::prelude::use_context::<BasePath>() {
        return base;
    }
    BASE.get_or_init(read_base).clone()
}

/// An in-app link to `path` (which starts with `/`), under the base path.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// The link to `route`, under the base path.
pub fn route_href(route: &Route) -> String {
    href(&route.path().unwrap_or_else(|| "/".to_owned()))
}

#[cfg(target_arch = "wasm32")]
fn read_base() -> String {
    let base_uri = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .unwrap_or_default();
    path_of(&base_uri)
}

/// Off the browser there is no page to read: the root.
#[cfg(not(target_arch = "wasm32"))]
fn read_base() -> String {
    String::new()
}

/// The path of an absolute URL, without a trailing slash.
pub fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    // `<base href="/news/">` means the folder /news/; a base naming a file
    // (`/news/index.html`) means its folder too.
    let folder = path.rfind('/').map_or("", |slash| &path[..slash]);
    folder.to_owned()
}

#[cfg(test)]
mod tests {
    use super::path_of;

    #[test]
    fn reads_the_folder_of_the_base_url() {
        assert_eq!(path_of("http://127.0.0.1:8080/"), "");
        assert_eq!(path_of("http://127.0.0.1:8080"), "");
        assert_eq!(path_of("https://example.org/news/"), "/news");
        assert_eq!(path_of("https://example.org/news/index.html"), "/news");
        assert_eq!(path_of("https://example.org/a/b/?x=1#y"), "/a/b");
    }
}
