//! The files that make the build an installable app that reads offline:
//! the service worker's list of the build's shell (`sw.js`, from
//! public/sw.js) and the web app manifest (`manifest.webmanifest`), with
//! the theme colours the style sheets define.

use std::path::Path;

use serde_json::json;

/// The web app manifest's file name in `dist/`.
pub const MANIFEST: &str = "manifest.webmanifest";

/// The light and dark themes' page background, as the style sheet `css`
/// defines `--color-background` (first in `:root`, then in the dark
/// theme's rule).
pub fn theme_colours(css: &str) -> Option<(String, String)> {
    let mut found = css.match_indices("--color-background:").map(|(at, name)| {
        css[at + name.len()..]
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned()
    });
    Some((found.next()?, found.next()?))
}

/// Writes the manifest for a site called `name`, described by
/// `description`, whose light theme's background is `light`; the icon is
/// the build's `favicon.svg`.
pub fn write_manifest(
    dist: &Path,
    name: &str,
    description: &str,
    light: &str,
) -> Result<(), String> {
    let manifest = json!({
        "name": name,
        "short_name": name,
        "description": description,
        "start_url": ".",
        "scope": ".",
        "display": "standalone",
        "background_color": light,
        "theme_color": light,
        "icons": [{ "src": "favicon.svg", "sizes": "any", "type": "image/svg+xml" }],
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    let path = dist.join(MANIFEST);
    std::fs::write(&path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
}

/// The light theme's background the manifest in `dist` has, to keep
/// when the data's name is written into it.
pub fn manifest_colour(dist: &Path) -> Option<String> {
    let bytes = std::fs::read(dist.join(MANIFEST)).ok()?;
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Some(manifest["background_color"].as_str()?.to_owned())
}

/// Whether `name` (a file in `dist/`) is one trunk named by its content:
/// `<stem>-<8 to 16 hex digits>[_bg].<js|css|wasm>`.
fn hashed(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    if !["js", "css", "wasm"].contains(&extension) {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Fills in `dist/sw.js`'s `BUILD` (a name for this build: its page's and
/// files' hash) and `SHELL` (the files it saves on install: the page
/// without a view, the hashed files, the icon and the manifest), from the
/// page `html` and the files in `dist` but those `left_out`. Returns the
/// build's name, or `None` when there is no `sw.js`.
pub fn fill_service_worker(
    dist: &Path,
    html: &str,
    left_out: &[String],
) -> Result<Option<String>, String> {
    let path = dist.join("sw.js");
    let Ok(script) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let mut shell = vec![
        "app.html".to_owned(),
        "favicon.svg".to_owned(),
        MANIFEST.to_owned(),
    ];
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        // The search-only module is a first visit's head start, not part
        // of the app: offline, the app answers.
        if hashed(&name)
            && !name.starts_with(crate::first_answer::PREFIX)
            && !left_out.iter().any(|out| *out == name)
        {
            shell.push(name.into_owned());
        }
    }
    shell.sort();
    let build = format!(
        "{:016x}",
        crate::finish_dist::fnv1a(format!("{html}\n{}", shell.join("\n")).as_bytes())
    );
    let list = serde_json::to_string(&shell).map_err(|e| e.to_string())?;
    let mut filled = String::with_capacity(script.len() + list.len());
    let mut found = 0;
    for line in script.lines() {
        if line.starts_with("const BUILD = ") {
            filled.push_str(&format!("const BUILD = \"{build}\";"));
            found += 1;
        } else if line.starts_with("const SHELL = ") {
            filled.push_str(&format!("const SHELL = {list};"));
            found += 1;
        } else {
            filled.push_str(line);
        }
        filled.push('\n');
    }
    if found != 2 {
        return Err(format!(
            "{}: no `const BUILD = ` and `const SHELL = ` lines to fill in",
            path.display()
        ));
    }
    std::fs::write(&path, filled).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(build))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_names_are_told_apart() {
        assert!(hashed("broadsheet-275fd1df558bdde8_bg.wasm"));
        assert!(hashed("boot-878122ed7d9d9a43.js"));
        assert!(hashed("style-d35ab83aebf8720b.css"));
        assert!(!hashed("sw.js"));
        assert!(!hashed("boot-878122ed7d9d9a43.js.br"));
        assert!(!hashed("favicon.svg"));
        assert!(!hashed("my-script.js"));
    }

    #[test]
    fn the_theme_colours_are_the_style_sheets() {
        let css = ":root {\n  --color-background: #fdfcf8;\n}\n:root[data-theme=\"dark\"] {\n  --color-background: #16150f;\n}";
        assert_eq!(
            theme_colours(css),
            Some(("#fdfcf8".to_owned(), "#16150f".to_owned()))
        );
    }
}
