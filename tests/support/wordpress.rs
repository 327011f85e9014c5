//! A real WordPress on 127.0.0.1 (Debian's package, MariaDB, PHP-FPM and
//! nginx, started and stopped by `scripts/wordpress.sh`), seeded with the
//! sample bundle's five articles and a few hundred generated ones, beside
//! the app's own site: a different origin, so CORS is real.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context};
use broadsheet_core::synthetic;

use super::{repo_root, Site};

/// How many generated posts the site holds besides the sample's five.
pub const GENERATED: usize = 300;

/// A running WordPress; stopped when dropped.
pub struct WordPress {
    state: tempfile::TempDir,
    /// Each server in front of it by its behaviour: `pretty`, `plain`,
    /// `auth`, `forbidden`, `disabled`, `nocors`, `malformed`; each URL
    /// ends in `/`.
    urls: BTreeMap<String, String>,
}

impl WordPress {
    /// Installs (once per run), starts and seeds a WordPress with the
    /// bundle at `sample` (its articles first) and [`GENERATED`] generated
    /// posts, none of them in the sample's "Latin America" category, so
    /// that category's archive is the seed listing.
    pub fn start(sample: &Path) -> anyhow::Result<Self> {
        let state = tempfile::tempdir()?;
        let generated = state.path().join("generated");
        write_generated(&generated)?;
        let hostile = state.path().join("hostile");
        write_hostile(&hostile)?;
        Self::start_in(state, &[sample, &generated, &hostile])
    }

    /// Starts a WordPress seeded with `bundles`, in order.
    pub fn start_with(bundles: &[&Path]) -> anyhow::Result<Self> {
        Self::start_in(tempfile::tempdir()?, bundles)
    }

    fn start_in(state: tempfile::TempDir, bundles: &[&Path]) -> anyhow::Result<Self> {
        let output = Command::new("bash")
            .arg(repo_root().join("scripts/wordpress.sh"))
            .arg("start")
            .arg(state.path().join("wp"))
            .args(bundles)
            .output()
            .context("running scripts/wordpress.sh")?;
        if !output.status.success() {
            bail!(
                "scripts/wordpress.sh start failed ({}):\n{}\n{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let mut wordpress = WordPress {
            state,
            urls: BTreeMap::new(),
        };
        let listed = std::fs::read_to_string(wordpress.state.path().join("wp/urls"))
            .context("reading the WordPress servers' URLs")?;
        for line in listed.lines() {
            if let Some((mode, url)) = line.split_once('=') {
                wordpress.urls.insert(mode.to_owned(), url.to_owned());
            }
        }
        if !wordpress.urls.contains_key("pretty") {
            bail!("scripts/wordpress.sh listed no `pretty` server: {listed}");
        }
        Ok(wordpress)
    }

    /// The generated bundle it was seeded with ([`WordPress::start`]).
    pub fn generated(&self) -> std::path::PathBuf {
        self.state.path().join("generated")
    }

    /// The URL of the server behaving as `mode`, ending in `/`.
    pub fn url(&self, mode: &str) -> String {
        self.urls.get(mode).cloned().unwrap_or_default()
    }

    /// The WordPress nginx's access log: every request the browser made
    /// to the site, one line each (the start script's own readiness checks
    /// left out).
    pub fn access_log(&self) -> Vec<String> {
        std::fs::read_to_string(self.state.path().join("wp/access.log"))
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.contains("Python-urllib"))
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(repo_root().join("scripts/wordpress.sh"))
            .arg("stop")
            .arg(self.state.path().join("wp"))
            .status();
    }
}

/// Posts seeded from `tests/fixtures/hostile`: its one article, whose body
/// tries every trick.
pub const HOSTILE: usize = 1;

/// Writes a bundle of the hostile fixture's article to `out`: its file as
/// it is, and an index naming it, by an author and in a category of its
/// own.
fn write_hostile(out: &Path) -> anyhow::Result<()> {
    let fixture = repo_root().join("tests/fixtures/hostile/articles/hostile-payloads.json");
    let article: serde_json::Value = serde_json::from_slice(&std::fs::read(&fixture)?)?;
    let article = &article["article"];
    let index = serde_json::json!({
        "version": 1,
        "site": {"title": "Hostile"},
        "authors": [{"slug": "test-author", "name": "Test Author"}],
        "categories": [{"slug": "tests", "name": "Tests"}],
        "tags": [],
        "teasers": [{
            "slug": article["slug"],
            "title": article["title"],
            "date": article["date"],
            "authors": ["test-author"],
            "categories": ["tests"],
            "tags": [],
            "excerpt": article["excerpt"],
        }],
    });
    std::fs::create_dir_all(out.join("articles"))?;
    std::fs::write(out.join("index.json"), index.to_string())?;
    std::fs::copy(&fixture, out.join("articles/hostile-payloads.json"))?;
    Ok(())
}

/// How many of the generated posts have a featured image.
pub const WITH_IMAGES: usize = 3;

/// Writes a generated bundle of [`GENERATED`] articles to `out`, with its
/// "Latin America" section renamed "The Americas", and the newest
/// [`WITH_IMAGES`] given a featured image (`images/photo-<n>.png`, 1200 by
/// 800, alt text "Photo <n>", a 300-wide size beside it).
pub fn write_generated(out: &Path) -> anyhow::Result<()> {
    let archive = synthetic::generate(GENERATED, 7);
    let rename = |json: &str| {
        json.replace("\"latin-america\"", "\"the-americas\"")
            .replace("\"Latin America\"", "\"The Americas\"")
    };
    let image = |n: usize| {
        serde_json::json!({
            "src": format!("images/photo-{n}.png"),
            "alt": format!("Photo {n}"),
            "width": 1200,
            "height": 800,
            "srcset": format!("images/photo-{n}-300.png 300w, images/photo-{n}.png 1200w"),
        })
    };
    let mut index: serde_json::Value = serde_json::from_str(&rename(&archive.index))?;
    let teasers = index["teasers"]
        .as_array_mut()
        .context("the generated index has no teasers")?;
    std::fs::create_dir_all(out.join("articles"))?;
    std::fs::create_dir_all(out.join("images"))?;
    for (n, teaser) in teasers.iter_mut().take(WITH_IMAGES).enumerate() {
        teaser["image"] = image(n);
        for name in [format!("photo-{n}.png"), format!("photo-{n}-300.png")] {
            std::fs::write(out.join("images").join(name), PIXEL)?;
        }
    }
    std::fs::write(out.join("index.json"), index.to_string())?;
    for (n, (slug, file)) in archive.articles.iter().enumerate() {
        let mut article: serde_json::Value = serde_json::from_str(&rename(file))?;
        if n < WITH_IMAGES {
            article["article"]["image"] = image(n);
        }
        std::fs::write(
            out.join(format!("articles/{slug}.json")),
            article.to_string(),
        )?;
    }
    Ok(())
}

/// A one-pixel PNG: enough for a picture the browser really loads.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x68, 0x68, 0xf8,
    0x0f, 0x00, 0x05, 0x84, 0x02, 0x80, 0x8c, 0xcd, 0x66, 0x26, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The app's site and a WordPress beside it, for `suite!`: scenarios get
/// the site's helpers through `Deref` and the WordPress through
/// [`WithWordPress::wordpress`].
pub struct WithWordPress {
    site: Site,
    wordpress: WordPress,
}

impl WithWordPress {
    /// Starts the app's site (`dist/`) and a seeded WordPress.
    pub fn start() -> anyhow::Result<Self> {
        let site = Site::start()?;
        let wordpress = WordPress::start(&site.dist_file("data"))?;
        Ok(Self { site, wordpress })
    }

    /// The WordPress.
    pub fn wordpress(&self) -> &WordPress {
        &self.wordpress
    }

    /// Points `config.json` at the WordPress server behaving as `mode`,
    /// with `config` as its other fields (as `"page_size": 5,`).
    pub fn use_wordpress(&self, mode: &str, config: &str) -> anyhow::Result<String> {
        let url = self.wordpress.url(mode);
        self.site.put(
            "config.json",
            format!(r#"{{{config} "source": {{"wordpress": "{url}"}}}}"#).as_bytes(),
        )?;
        Ok(url)
    }
}

impl Deref for WithWordPress {
    type Target = Site;

    fn deref(&self) -> &Site {
        &self.site
    }
}
