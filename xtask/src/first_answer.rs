//! `cargo xtask first-answer <dist>`: after trunk, before `finish-dist`.
//! Builds `crates/first-answer` (the compiled index's reader alone) for the
//! browser, binds and optimises it as trunk does the app, names it by its
//! content (`first-answer-<hash>.js` and `…_bg.wasm`, immutable like the
//! app's files) and names it in `index.html`'s
//! `<meta name="broadsheet-first-answer">`, where `boot.js` finds it when a
//! reader types into a page as built.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::finish_dist::{fnv1a, write};

/// How the module's file names start.
pub const PREFIX: &str = "first-answer-";
/// The meta element's name.
const META: &str = "broadsheet-first-answer";
/// The package, and its wasm's file name.
const PACKAGE: &str = "broadsheet-first-answer";
const WASM: &str = "broadsheet_first_answer";

/// Builds the module into `dist` and names it in its index.html.
pub fn run(dist: &Path) -> Result<(), String> {
    Module {
        cargo: &["--package", PACKAGE],
        wasm: WASM,
        prefix: PREFIX,
        meta: META,
    }
    .build(dist)
    .map(drop)
}

/// A wasm module built for the browser beside trunk's app, bound and
/// optimised as trunk does the app's (with `index.html`'s wasm-opt
/// settings), named by its content (`<prefix><hash>.js` and `…_bg.wasm`,
/// immutable like the app's files) and in `dist/index.html`'s
/// `<meta name="<meta>">`.
pub struct Module<'a> {
    /// What `cargo build` builds (`--package …`, `--bin …`).
    pub cargo: &'a [&'a str],
    /// The built wasm's file stem.
    pub wasm: &'a str,
    /// How the files' names start.
    pub prefix: &'a str,
    /// The name of the meta element that names it in the page.
    pub meta: &'a str,
}

impl Module<'_> {
    /// Builds the module into `dist`, replacing an earlier build's, names
    /// it in `dist/index.html` and returns its name (`<prefix><hash>`).
    pub fn build(&self, dist: &Path) -> Result<String, String> {
        let index_path = dist.join("index.html");
        let html = std::fs::read_to_string(&index_path)
            .map_err(|e| format!("{}: {e} (run trunk build first)", index_path.display()))?;
        let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html");
        let source =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let optimise = optimisation(&source)?;
        let target = target_dir();
        run_tool(
            Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
                .args([
                    "build",
                    "--quiet",
                    "--release",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .args(self.cargo),
        )?;
        let built = target.join(format!("wasm32-unknown-unknown/release/{}.wasm", self.wasm));
        let out = target.join(self.prefix.trim_end_matches('-'));
        run_tool(Command::new("wasm-bindgen").args([
            "--target".as_ref(),
            "web".as_ref(),
            "--no-typescript".as_ref(),
            "--out-dir".as_ref(),
            out.as_os_str(),
            built.as_os_str(),
        ]))?;
        let bound = out.join(format!("{}_bg.wasm", self.wasm));
        let optimised = out.join("optimised.wasm");
        run_tool(
            Command::new("wasm-opt")
                .args(&optimise)
                .arg(&bound)
                .arg("-o")
                .arg(&optimised),
        )?;
        let wasm = read(&optimised)?;
        let glue = read(&out.join(format!("{}.js", self.wasm)))?;
        let mut both = wasm.clone();
        both.extend_from_slice(&glue);
        let name = format!("{}{:016x}", self.prefix, fnv1a(&both));
        remove_earlier(dist, self.prefix)?;
        write(&dist.join(format!("{name}.js")), &glue)?;
        write(&dist.join(format!("{name}_bg.wasm")), &wasm)?;
        write(
            &index_path,
            named(&html, self.meta, &format!("{name}.js"))?.as_bytes(),
        )?;
        println!(
            "{}: {name}.js and {name}_bg.wasm ({} KB of wasm, before compression)",
            self.prefix.trim_end_matches('-'),
            wasm.len() / 1024
        );
        Ok(name)
    }
}

/// The wasm-opt arguments trunk runs with, from `index.html`'s app link:
/// `-O<data-wasm-opt>` then `data-wasm-opt-params`, so every module is
/// optimised as the app is.
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

/// `html` with the meta element `meta` naming `script` (replacing one an
/// earlier run wrote), before the head's scripts, which read it as they
/// run.
fn named(html: &str, meta: &str, script: &str) -> Result<String, String> {
    let element = format!(r#"<meta name="{meta}" content="{script}">"#);
    let open = format!(r#"<meta name="{meta}""#);
    if let Some(at) = html.find(&open) {
        let end = html[at..]
            .find('>')
            .ok_or("index.html: an unclosed meta element")?;
        return Ok(format!("{}{element}{}", &html[..at], &html[at + end + 1..]));
    }
    // Before the head's scripts: boot.js reads it as it runs.
    let head = html.find("</head>").ok_or("index.html has no </head>")?;
    let at = html[..head].find("<script").unwrap_or(head);
    Ok(format!("{}{element}{}", &html[..at], &html[at..]))
}

/// Removes the files of `prefix` an earlier run left in `dist`.
fn remove_earlier(dist: &Path, prefix: &str) -> Result<(), String> {
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let earlier = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix));
        if earlier {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Where cargo builds: `CARGO_TARGET_DIR`, or the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    )
}

fn run_tool(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("{command:?}: {e} (make tools installs it)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{named, optimisation, META};

    #[test]
    fn modules_are_optimised_as_the_app() {
        let html = r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--strip-debug  -Oz --converge" />"#;
        assert_eq!(
            optimisation(html).unwrap(),
            ["-Oz", "--strip-debug", "-Oz", "--converge"]
        );
        assert!(optimisation("<link data-trunk rel=\"rust\" />").is_err());
    }

    #[test]
    fn the_module_is_named_once_in_the_head() {
        let html = "<html><head><title>x</title></head><body></body></html>";
        let once = named(html, META, "first-answer-1.js").unwrap();
        assert_eq!(
            once,
            r#"<html><head><title>x</title><meta name="broadsheet-first-answer" content="first-answer-1.js"></head><body></body></html>"#
        );
        let again = named(&once, META, "first-answer-2.js").unwrap();
        assert_eq!(
            again,
            once.replace("first-answer-1.js", "first-answer-2.js")
        );
        // Before the scripts, which read it as they run.
        let scripted = named(
            r#"<html><head><title>x</title><script src="boot.js"></script></head></html>"#,
            META,
            "first-answer-1.js",
        )
        .unwrap();
        assert_eq!(
            scripted,
            r#"<html><head><title>x</title><meta name="broadsheet-first-answer" content="first-answer-1.js"><script src="boot.js"></script></head></html>"#
        );
    }
}
