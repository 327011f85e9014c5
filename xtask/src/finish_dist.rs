//! `cargo xtask finish-dist <dist>`: what `make build` does after trunk, so
//! `dist/` is ready for any static host.
//!
//! - trunk's inline loader script moves to a file (`loader-<hash>.js`), so
//!   the Content-Security-Policy needs no `'unsafe-inline'` for scripts,
//!   and imports the app's glue when it runs rather than statically, so
//!   the page's `DOMContentLoaded` and `load` do not wait for the glue
//!   (fetched at low priority, it shares a slow link with the page's own
//!   files: on a throttled first visit the events came 100-250 ms later);
//! - trunk's six style sheets become one style element in the page, with
//!   the page's own Content-Security-Policy allowing it by its hash: no
//!   render-blocking request;
//! - the page links the web app manifest (`manifest.webmanifest`, written
//!   here) and gives both themes' colours, from the style sheets;
//! - `sw.js` (public/sw.js) is told this build's name and shell;
//! - `404.html` is a copy of `index.html`, for hosts that serve it for
//!   unknown paths (deep links);
//! - every built text asset and the wasm get `.gz` and `.br` beside them,
//!   for servers that send precompressed files. The data and
//!   `config.json` do not: publishers replace those without rebuilding,
//!   and a stale `.br` beside a new `index.json` would be served instead.

use std::hash::Hasher;
use std::io::Write;
use std::path::Path;

use crate::app_shell;

/// File types precompressed.
const COMPRESSED: &[&str] = &["html", "js", "css", "wasm", "svg", "txt", "xml"];

/// Runs every step on `dist`.
pub fn run(dist: &Path) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e} (run trunk build first)", index_path.display()))?;
    let index_app = index_app(dist)?;
    let (html, loader) = externalise_loader(&html, index_app.as_deref())?;
    if let Some((name, script)) = &loader {
        write(&dist.join(name), script.as_bytes())?;
        println!("finish-dist: loader script moved to {name}");
    }
    let (html, styles) = inline_styles(&html, dist)?;
    if let Some(parts) = styles {
        println!("finish-dist: {parts} style sheets inlined, allowed by the page's own policy");
    }
    let html = installable(&html, dist)?;
    write(&index_path, html.as_bytes())?;
    write(&dist.join("404.html"), html.as_bytes())?;
    // With the app for a compiled index, the shell is that app: the one
    // for every source is saved when a page loads it.
    let every_app = match (&index_app, &loader) {
        (Some(_), Some((_, script))) => app_files(script),
        _ => Vec::new(),
    };
    if let Some(build) = app_shell::fill_service_worker(dist, &html, &every_app)? {
        println!("finish-dist: sw.js saves build {build}'s shell");
    }
    let mut count = 0;
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSED.contains(&e));
        if path.is_file() && compressible {
            precompress(&path)?;
            count += 1;
        }
    }
    println!("finish-dist: 404.html written, {count} files precompressed (.gz, .br)");
    Ok(())
}

/// The glue of the app for a compiled index in `dist`
/// (`cargo xtask index-app`), if built.
fn index_app(dist: &Path) -> Result<Option<String>, String> {
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(crate::index_app::PREFIX) && name.ends_with(".js") {
            return Ok(Some(name.into_owned()));
        }
    }
    Ok(None)
}

/// The file names of the app for every source, from the loader `script`.
fn app_files(script: &str) -> Vec<String> {
    script
        .split("const every = '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .and_then(|url| url.rsplit('/').next())
        .map(|glue| vec![glue.to_owned(), glue.replace(".js", "_bg.wasm")])
        .unwrap_or_default()
}

/// `html` with trunk's inline `<script type="module">` replaced by a
/// reference to a file of the same content, and that file's name and
/// content; unchanged (and `None`) when there is no inline script, as
/// after an earlier run. With `index_app` (the glue of the app for a
/// compiled index) the loader chooses between the two apps, and the
/// page no longer preloads trunk's: which one it needs is known only
/// once `boot.js` has read `config.json` and the index's manifest.
fn externalise_loader(
    html: &str,
    index_app: Option<&str>,
) -> Result<(String, Option<(String, String)>), String> {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        return Ok((html.to_owned(), None));
    };
    let body_start = start + OPEN.len();
    let end = html[body_start..]
        .find("</script>")
        .map(|at| body_start + at)
        .ok_or("index.html: the loader script is not closed")?;
    let base = base_href(html).unwrap_or("/");
    let index_app = index_app.map(|glue| format!("{base}{glue}"));
    let script = dynamic_glue(html[body_start..end].trim(), index_app.as_deref())?;
    let name = format!("loader-{:016x}.js", fnv1a(script.as_bytes()));
    let tag = format!("<script type=\"module\" src=\"{base}{name}\"></script>");
    let mut rewritten = format!(
        "{}{tag}{}",
        &html[..start],
        &html[end + "</script>".len()..]
    );
    if index_app.is_some() {
        rewritten = without_app_preloads(&rewritten);
    }
    Ok((rewritten, Some((name, format!("{script}\n")))))
}

/// `html` without trunk's preloads of the app's glue and wasm.
fn without_app_preloads(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let link = &rest[at..end];
        let preload = link.starts_with("<link rel=\"modulepreload\"")
            || (link.starts_with("<link rel=\"preload\"") && link.contains("application/wasm"));
        kept.push_str(&rest[..at]);
        if !preload {
            kept.push_str(link);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
}

/// trunk's loader `script` with its static import of the app's glue
/// (`import init, * as bindings from '…';`) made an import when it runs;
/// with `index_app` (the glue of the app for a compiled index, under the
/// base), that app's glue and wasm when `boot.js` says the data is a
/// compiled index (`broadsheetEarly.app`), else trunk's.
fn dynamic_glue(script: &str, index_app: Option<&str>) -> Result<String, String> {
    const IMPORT: &str = "import init";
    let Some(at) = script.find(IMPORT) else {
        return Ok(script.to_owned());
    };
    let end = script[at..]
        .find(';')
        .map(|e| at + e + 1)
        .ok_or("index.html: the loader's import is not closed")?;
    let statement = &script[at..end];
    let url = statement
        .split('\'')
        .nth(1)
        .ok_or_else(|| format!("index.html: the loader's import has no quoted URL: {statement}"))?;
    let Some(index_app) = index_app else {
        return Ok(format!(
            "{}const bindings = await import('{url}');\nconst init = bindings.default;{}",
            &script[..at],
            &script[end..]
        ));
    };
    let wasm = format!("'{}_bg.wasm'", url.trim_end_matches(".js"));
    if !script[end..].contains(&wasm) {
        return Err(format!("index.html: the loader does not load {wasm}"));
    }
    // The wasm boot.js started fetching (`broadsheetEarly.wasm`) when it
    // is this one: one request in every engine, where WebKit downloads a
    // preloaded wasm again when the page fetches it. Should that request
    // have failed, the loader asks again, as it did when it was a preload.
    Ok(format!(
        "{}const every = '{url}';\nconst early = window.broadsheetEarly;\n\
         const glue = early && early.app && (await early.app) === 'index' ? '{index_app}' : every;\n\
         const bindings = await import(glue);\nconst init = bindings.default;\n\
         const path = glue.replace(/\\.js$/, '_bg.wasm');\n\
         const started = early && early.wasm;\n\
         const again = () => fetch(path);\n\
         const source = started && started.url === new URL(path, document.baseURI).href ? started.response.then((r) => (r.ok ? r : again()), again) : path;{}",
        &script[..at],
        script[end..].replace(&wasm, "source")
    ))
}

/// The opening of the page's style element, which the page's own
/// policy allows by its hash (see [`inline_styles`]).
const STYLE_OPEN: &str = "<style>";

/// The opening of the page's own Content-Security-Policy, which comes
/// right before its styles (inline or linked).
const POLICY_OPEN: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// `html` with trunk's style sheet links (one per file in `style/`)
/// replaced by their text, in their order, in one `<style>` element,
/// preceded by the page's own Content-Security-Policy allowing exactly
/// that element by its SHA-256 (`style-src 'self' 'sha256-…'`). A style
/// sheet apart costs a first visit a round trip before the first paint
/// (on a throttled phone the first teaser came at twice the time of the
/// same page with its styles inline); inline, the styles come with the
/// page. The policy lives in the page because the hash changes with the
/// styles, and a host's configuration should not have to: the shipped
/// configurations allow inline style elements and refuse style
/// attributes, and this policy narrows the elements to this one.
/// The files are replaced by one holding them all, which article pages
/// link ([`linking_styles`]); returns how many were inlined (`None`
/// when the page links none, as after an earlier run).
fn inline_styles(html: &str, dist: &Path) -> Result<(String, Option<usize>), String> {
    const OPEN: &str = "<link rel=\"stylesheet\" href=\"";
    let base = base_href(html).unwrap_or("/");
    let mut rest = html;
    let mut kept = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut first = None;
    while let Some(at) = rest.find(OPEN) {
        let end = rest[at..]
            .find('>')
            .map(|e| at + e + 1)
            .ok_or("index.html: a style sheet link is not closed")?;
        let href = rest[at + OPEN.len()..end]
            .split('"')
            .next()
            .unwrap_or_default();
        kept.push_str(&rest[..at]);
        if first.is_none() {
            first = Some(kept.len());
        }
        files.push(href.strip_prefix(base).unwrap_or(href).to_owned());
        rest = &rest[end..];
    }
    kept.push_str(rest);
    let Some(first) = first else {
        return Ok((html.to_owned(), None));
    };
    let mut css = String::new();
    for file in &files {
        let path = dist.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        css.push_str(text.trim_end());
        css.push('\n');
    }
    if css.to_ascii_lowercase().contains("</style") {
        return Err(
            "a style sheet contains `</style`, which would end the page's style element".into(),
        );
    }
    write(&dist.join(style_file(&css)), css.as_bytes())?;
    for file in &files {
        let path = dist.join(file);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let element = format!(
        "{POLICY_OPEN}{}\">{STYLE_OPEN}{css}</style>",
        style_policy(&css)
    );
    let html = format!("{}{element}{}", &kept[..first], &kept[first..]);
    Ok((html, Some(files.len())))
}

/// The name of the file holding the styles `css` too, for the pages
/// that link them rather than carry them (see [`linking_styles`]).
fn style_file(css: &str) -> String {
    format!("style-{:016x}.css", fnv1a(css.as_bytes()))
}

/// The page `html` (with its styles inline, as [`inline_styles`] left it)
/// linking the file with those styles instead: for article pages, which
/// are most of an archive's pages, where 18 KB of styles in each took a
/// 100,000-article prerender from 39 to 61 s (two cores, written to
/// memory) and its HTML from 1.3 to 3.2 GB. A
/// listing, where a reader lands to browse and search, carries them.
/// The page's own policy then allows no inline style element at all.
/// `None` when the page has no inline styles.
pub(crate) fn linking_styles(html: &str) -> Option<String> {
    let at = html.find(POLICY_OPEN)?;
    let end = at + html[at..].find("</style>")? + "</style>".len();
    let css = inline_css(&html[at..end])?;
    let base = base_href(html).unwrap_or("/");
    // Its own policy still refuses every inline style element.
    Some(format!(
        "{}{POLICY_OPEN}style-src 'self'\"><link rel=\"stylesheet\" href=\"{base}{}\">{}",
        &html[..at],
        style_file(css),
        &html[end..]
    ))
}

/// The page's own policy for style: its style element `css`, by hash,
/// and style sheets from its origin.
fn style_policy(css: &str) -> String {
    format!("style-src 'self' 'sha256-{}'", sha256_base64(css))
}

/// The base64 SHA-256 of `text`, as a Content-Security-Policy names an
/// inline element it allows (`'sha256-…'`).
fn sha256_base64(text: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text))
}

/// The text of the page's style element.
fn inline_css(html: &str) -> Option<&str> {
    let at = html.find(STYLE_OPEN)? + STYLE_OPEN.len();
    let end = html[at..].find("</style>")?;
    Some(&html[at..at + end])
}

/// `html` with the web app manifest and the themes' colours in its head,
/// and the manifest written (named as the page's title; `cargo xtask
/// prerender` names it as the data does), both from the style sheet's
/// colours; unchanged when they are there already.
fn installable(html: &str, dist: &Path) -> Result<String, String> {
    if html.contains(app_shell::MANIFEST) {
        return Ok(html.to_owned());
    }
    let base = base_href(html).unwrap_or("/");
    let css =
        inline_css(html).ok_or("index.html: no style element to take the theme colours from")?;
    let (light, dark) = app_shell::theme_colours(css)
        .ok_or("the style sheets define no --color-background for both themes")?;
    let between = |open: &str, close: &str| {
        html.split(open)
            .nth(1)
            .and_then(|rest| rest.split(close).next())
            .unwrap_or_default()
            .to_owned()
    };
    let title = between("<title>", "</title>");
    let description = between("<meta name=\"description\" content=\"", "\"");
    app_shell::write_manifest(dist, &title, &description, &light)?;
    let head = format!(
        "<link rel=\"manifest\" href=\"{base}{}\">\
         <meta name=\"theme-color\" content=\"{light}\" media=\"(prefers-color-scheme: light)\">\
         <meta name=\"theme-color\" content=\"{dark}\" media=\"(prefers-color-scheme: dark)\">\
         </head>",
        app_shell::MANIFEST
    );
    Ok(html.replacen("</head>", &head, 1))
}

/// The `href` of the page's `<base>`, which trunk sets to the public URL.
fn base_href(html: &str) -> Option<&str> {
    let tag = &html[html.find("<base ")?..];
    let value = &tag[tag.find("href=\"")? + "href=\"".len()..];
    Some(&value[..value.find('"')?])
}

/// FNV-1a, 64 bits: a stable name for the loader's content.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for byte in bytes {
                self.0 ^= u64::from(*byte);
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    hasher.write(bytes);
    hasher.finish()
}

pub(crate) fn precompress(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    compress_beside(path, &bytes, 11, Some(9))
}

/// Writes `bytes` (the contents of `path`) as `path.br` with brotli at
/// `brotli_quality` (0–11) and, given a `gzip_level` (0–9), as `path.gz`;
/// without one, removes a `path.gz` an earlier build wrote, which a host
/// would serve in the new file's place.
pub(crate) fn compress_beside(
    path: &Path,
    bytes: &[u8],
    brotli_quality: i32,
    gzip_level: Option<u32>,
) -> Result<(), String> {
    let name = path.display().to_string();
    if let Some(level) = gzip_level {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
        gzip.write_all(bytes).map_err(|e| e.to_string())?;
        let gzip = gzip.finish().map_err(|e| e.to_string())?;
        write(Path::new(&format!("{name}.gz")), &gzip)?;
    } else {
        match std::fs::remove_file(format!("{name}.gz")) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(format!("{name}.gz: {e}"));
            }
            _ => {}
        }
    }
    let mut brotli = Vec::new();
    // A window just large enough for the file, and its size told in
    // advance: the same bytes out as brotli's default window for a page of
    // a few KB, in a fifth of the time (the encoder no longer clears
    // megabytes of tables for every page; most of a 100,000-article
    // build's time went there).
    let params = brotli::enc::BrotliEncoderParams {
        quality: brotli_quality,
        lgwin: window(bytes.len()),
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).map_err(|e| e.to_string())?;
    write(Path::new(&format!("{name}.br")), &brotli)
}

/// Brotli's window for `len` bytes: the smallest from 2^18 (smaller
/// windows pick a slower matcher) to 2^24 that holds them.
fn window(len: usize) -> i32 {
    let mut bits = 18;
    while bits < 24 && (1usize << bits) - 16 < len {
        bits += 1;
    }
    bits
}

/// Writes `bytes` to `path`, naming the file in an error.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<html><head><base href="/news/" />
<script type="module">
import init, * as bindings from '/news/broadsheet-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/news/broadsheet-0123456789abcdef_bg.wasm' });
window.wasmBindings = bindings;
</script>
<link rel="stylesheet" href="/news/base-0123456789abcdef.css"/></head><body></body></html>"#;

    #[test]
    fn the_brotli_window_holds_the_file() {
        assert_eq!(window(0), 18);
        assert_eq!(window(9_000), 18);
        assert_eq!(window(300_000), 19);
        assert_eq!(window(1 << 30), 24);
    }

    #[test]
    fn the_loader_moves_to_a_file_under_the_base() {
        let (html, loader) = externalise_loader(TRUNK, None).unwrap();
        let (name, script) = loader.unwrap();
        assert!(name.starts_with("loader-") && name.ends_with(".js") && name.len() == 26);
        assert!(script.starts_with(
            "const bindings = await import('/news/broadsheet-0123456789abcdef.js');\nconst init = bindings.default;\nconst wasm = await init("
        ));
        assert!(html.contains(&format!(
            r#"<script type="module" src="/news/{name}"></script>"#
        )));
        assert!(!html.contains("await init"));
        // A second run finds nothing inline and changes nothing.
        let (again, none) = externalise_loader(&html, None).unwrap();
        assert_eq!(again, html);
        assert!(none.is_none());
    }

    #[test]
    fn with_the_app_for_a_compiled_index_the_loader_chooses() {
        let page = TRUNK.replace(
            "</head>",
            r#"<link rel="modulepreload" href="/news/broadsheet-0123456789abcdef.js" crossorigin="anonymous"><link rel="preload" href="/news/broadsheet-0123456789abcdef_bg.wasm" as="fetch" type="application/wasm"><link rel="manifest" href="/news/manifest.webmanifest"></head>"#,
        );
        let (html, loader) =
            externalise_loader(&page, Some("broadsheet-index-00000000000000ff.js")).unwrap();
        let (_, script) = loader.unwrap();
        assert!(script.contains(
            "const glue = early && early.app && (await early.app) === 'index' ? '/news/broadsheet-index-00000000000000ff.js' : every;"
        ), "{script}");
        assert!(script.contains("const bindings = await import(glue);"));
        assert!(
            script.contains("const path = glue.replace(/\\.js$/, '_bg.wasm');"),
            "{script}"
        );
        // The wasm boot.js started, when it is this one.
        assert!(
            script.contains(
                "const source = started && started.url === new URL(path, document.baseURI).href ? started.response.then((r) => (r.ok ? r : again()), again) : path;"
            ),
            "{script}"
        );
        assert!(
            script.contains("init({ module_or_path: source })"),
            "{script}"
        );
        assert!(!script.contains("0123456789abcdef_bg.wasm"), "{script}");
        // Which app is not known before boot.js has read the data's
        // configuration: neither is preloaded; other links stay.
        assert!(!html.contains("preload"), "{html}");
        assert!(html.contains(r#"<link rel="manifest" href="/news/manifest.webmanifest">"#));
        assert!(html.contains(r#"<link rel="stylesheet" href="/news/base-0123456789abcdef.css"/>"#));
        assert_eq!(
            super::app_files(&script),
            [
                "broadsheet-0123456789abcdef.js",
                "broadsheet-0123456789abcdef_bg.wasm"
            ]
        );
    }

    /// The policy each shipped host configuration sends.
    fn policy(file: &str, prefix: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text
            .find(prefix)
            .unwrap_or_else(|| panic!("{file}: no {prefix}"));
        let rest = &text[at + prefix.len()..];
        rest[..rest.find(['"', '\n']).unwrap()].trim().to_owned()
    }

    /// The directive `name` of `policy`, whole (as `style-src 'self'`).
    fn directive(policy: &str, name: &str) -> String {
        policy
            .split(';')
            .map(str::trim)
            .find(|d| d.split(' ').next() == Some(name))
            .unwrap_or_else(|| panic!("no {name} in {policy}"))
            .to_owned()
    }

    #[test]
    fn every_shipped_config_sends_the_same_policy() {
        let nginx = policy("deploy/nginx.conf", "Content-Security-Policy \"");
        // Inline scripts never but the page's head script, by its hash
        // (tested above); inline style elements only as the page's
        // own policy narrows them (its styles' hash); style attributes
        // never.
        let directive = |name: &str| directive(&nginx, name);
        assert!(
            !directive("script-src").contains("unsafe-inline"),
            "{nginx}"
        );
        assert_eq!(directive("style-src"), "style-src 'self' 'unsafe-inline'");
        assert_eq!(directive("style-src-attr"), "style-src-attr 'none'");
        assert_eq!(
            policy("deploy/Caddyfile", "Content-Security-Policy \""),
            nginx
        );
        assert_eq!(
            policy("deploy/netlify/_headers", "Content-Security-Policy: "),
            nginx
        );
        assert_eq!(policy("docs/deploy.md", "Content-Security-Policy: "), nginx);
    }

    #[test]
    fn the_shipped_policy_allows_the_pages_head_script_by_its_hash() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html");
        let page = std::fs::read_to_string(path).unwrap();
        let scripts: Vec<&str> = page
            .split("<script>")
            .skip(1)
            .filter_map(|rest| rest.split("</script>").next())
            .collect();
        assert_eq!(scripts.len(), 1, "index.html's inline scripts");
        let hash = format!("'sha256-{}'", sha256_base64(scripts[0]));
        let nginx = policy("deploy/nginx.conf", "Content-Security-Policy \"");
        assert_eq!(
            directive(&nginx, "script-src"),
            format!("script-src 'self' 'wasm-unsafe-eval' {hash}"),
            "index.html's head script changed: put its hash in every shipped policy"
        );
    }

    #[test]
    fn style_sheets_go_inline_in_their_order_allowed_by_their_hash() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("base-1.css"), "a{}\n").unwrap();
        std::fs::write(dist.path().join("layout-2.css"), "b{}").unwrap();
        let html = "<head><base href=\"/news/\" /><link rel=\"stylesheet\" href=\"/news/base-1.css\" integrity=\"sha384-x\"/>\n<link rel=\"stylesheet\" href=\"/news/layout-2.css\" integrity=\"sha384-y\"/></head>";
        let (html, inlined) = inline_styles(html, dist.path()).unwrap();
        assert_eq!(inlined, Some(2));
        // sha256("a{}\nb{}\n"), as `openssl dgst -sha256 -binary | base64`.
        assert_eq!(
            html,
            "<head><base href=\"/news/\" /><meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'self' 'sha256-VDSIfmWi3cQU7EK2nO6uXRIXAWjpRu1sEO1dH+ZLxqU='\"><style>a{}\nb{}\n</style>\n</head>"
        );
        assert_eq!(inline_css(&html), Some("a{}\nb{}\n"));
        // An article's page links the same styles, kept in one file.
        let name = style_file("a{}\nb{}\n");
        assert_eq!(
            std::fs::read_to_string(dist.path().join(&name)).unwrap(),
            "a{}\nb{}\n"
        );
        assert_eq!(
            linking_styles(&html).unwrap(),
            format!("<head><base href=\"/news/\" /><meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'self'\"><link rel=\"stylesheet\" href=\"/news/{name}\">\n</head>")
        );
        assert!(!dist.path().join("base-1.css").exists());
        assert!(!dist.path().join("layout-2.css").exists());
        // Once inline, a second run leaves the page alone.
        assert!(inline_styles(&html, dist.path()).unwrap().1.is_none());
    }

    #[test]
    fn a_style_sheet_that_would_end_the_element_is_refused() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(
            dist.path().join("a-1.css"),
            "p::after{content:\"</STYLE>\"}",
        )
        .unwrap();
        let html = "<head><link rel=\"stylesheet\" href=\"/a-1.css\"></head>";
        let error = inline_styles(html, dist.path()).unwrap_err();
        assert!(error.contains("`</style`"), "{error}");
        assert!(dist.path().join("a-1.css").exists());
    }

    #[test]
    fn dist_is_finished_in_place() {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("index.html"), TRUNK).unwrap();
        std::fs::write(dist.path().join("config.json"), "{}").unwrap();
        std::fs::write(
            dist.path().join("base-0123456789abcdef.css"),
            ":root { --color-background: #fdfcf8; }\n:root[data-theme=\"dark\"] { --color-background: #16150f; }",
        )
        .unwrap();
        std::fs::write(dist.path().join("broadsheet-0123456789abcdef.js"), "").unwrap();
        std::fs::write(
            dist.path().join("sw.js"),
            "\"use strict\";\nconst BUILD = \"\";\nconst SHELL = [];\n",
        )
        .unwrap();
        run(dist.path()).unwrap();
        // Installable: the manifest, linked with both themes' colours.
        let manifest = std::fs::read_to_string(dist.path().join("manifest.webmanifest")).unwrap();
        assert!(
            manifest.contains("\"theme_color\": \"#fdfcf8\""),
            "{manifest}"
        );
        let page = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
        assert!(page.contains("<link rel=\"manifest\" href=\"/news/manifest.webmanifest\">"));
        // The styles are in the page, allowed by its own policy.
        assert!(page.contains("<style>:root { --color-background: #fdfcf8; }"));
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"style-src 'self' 'sha256-"
        ));
        assert!(!page.contains("stylesheet"));
        assert!(!dist.path().join("base-0123456789abcdef.css").exists());
        assert!(page.contains("content=\"#16150f\" media=\"(prefers-color-scheme: dark)\""));
        // The worker knows the build and its shell.
        let worker = std::fs::read_to_string(dist.path().join("sw.js")).unwrap();
        assert!(!worker.contains("const BUILD = \"\";"), "{worker}");
        let shell = worker
            .lines()
            .find(|line| line.starts_with("const SHELL = "))
            .unwrap();
        for file in [
            "\"app.html\"",
            "\"style-",
            "\"broadsheet-0123456789abcdef.js\"",
            "\"manifest.webmanifest\"",
            "\"loader-",
        ] {
            assert!(shell.contains(file), "{file} not in {shell}");
        }
        // A second run changes nothing.
        run(dist.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.path().join("index.html")).unwrap(),
            page
        );
        let index = std::fs::read_to_string(dist.path().join("index.html")).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.path().join("404.html")).unwrap(),
            index
        );
        for file in ["index.html.gz", "index.html.br", "404.html.br"] {
            assert!(dist.path().join(file).is_file(), "{file}");
        }
        assert!(!dist.path().join("config.json.br").exists());
        let loader = std::fs::read_dir(dist.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("loader-") && n.ends_with(".js"))
            .unwrap();
        assert!(dist.path().join(format!("{loader}.br")).is_file());
    }
}
