//! `cargo xtask index-app <dist>`: after trunk and `first-answer`, before
//! `finish-dist`.
//! Builds the app for a compiled index (`src/bin/broadsheet-index.rs`:
//! the same views without the readers of an API, a WordPress site or a
//! whole bundle) beside trunk's app, bound and optimised with the
//! wasm-opt settings `index.html` gives trunk, as
//! `broadsheet-index-<hash>.js` and `…_bg.wasm`, named in `index.html`'s
//! `<meta name="broadsheet-index-app">`. `boot.js` starts loading it
//! once `config.json` names a bundle, and `finish-dist`'s loader runs it
//! when the bundle has a compiled index, else trunk's.

use std::path::Path;

use crate::finish_dist::write;
use crate::first_answer::{named, Module};

/// How the app's files' names start.
pub const PREFIX: &str = "broadsheet-index-";
/// The meta element's name.
const META: &str = "broadsheet-index-app";

/// Builds the app for a compiled index into `dist`.
pub fn run(dist: &Path) -> Result<(), String> {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html");
    let html = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
    let name = Module {
        cargo: &["--package", "broadsheet", "--bin", "broadsheet-index"],
        wasm: "broadsheet-index",
        prefix: PREFIX,
        optimise: optimisation(&html)?,
    }
    .build(dist)?;
    let index_path = dist.join("index.html");
    let built = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e} (run trunk build first)", index_path.display()))?;
    write(
        &index_path,
        named(&built, META, &format!("{name}.js"))?.as_bytes(),
    )
}

/// The wasm-opt arguments trunk runs with, from `index.html`'s app link:
/// `-O<data-wasm-opt>` then `data-wasm-opt-params`, so both builds of the
/// app are optimised alike.
fn optimisation(html: &str) -> Result<Vec<String>, String> {
    let level = attribute(html, "data-wasm-opt")
        .ok_or("index.html: the app's link has no data-wasm-opt")?;
    let mut arguments = vec![format!("-O{level}")];
    if let Some(params) = attribute(html, "data-wasm-opt-params") {
        arguments.extend(params.split_whitespace().map(str::to_owned));
    }
    Ok(arguments)
}

/// The value of the first attribute `name` in `html`.
fn attribute<'a>(html: &'a str, name: &str) -> Option<&'a str> {
    let open = format!(" {name}=\"");
    let at = html.find(&open)? + open.len();
    html[at..].split('"').next()
}

#[cfg(test)]
mod tests {
    use super::optimisation;

    #[test]
    fn both_builds_of_the_app_are_optimised_alike() {
        let html = r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--strip-debug  -Oz --converge" />"#;
        assert_eq!(
            optimisation(html).unwrap(),
            ["-Oz", "--strip-debug", "-Oz", "--converge"]
        );
        assert!(optimisation("<link data-trunk rel=\"rust\" />").is_err());
    }
}
