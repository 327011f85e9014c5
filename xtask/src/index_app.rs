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

use crate::first_answer::Module;

/// How the app's files' names start.
pub const PREFIX: &str = "broadsheet-index-";

/// Builds the app for a compiled index into `dist`.
pub fn run(dist: &Path) -> Result<(), String> {
    Module {
        cargo: &["--package", "broadsheet", "--bin", "broadsheet-index"],
        wasm: "broadsheet-index",
        prefix: PREFIX,
        meta: "broadsheet-index-app",
    }
    .build(dist)
    .map(drop)
}
