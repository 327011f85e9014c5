//! A copy of `dist/` served by nginx on 127.0.0.1.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{bail, Context};

use super::{free_port, repo_root};

/// How the host answers a path that is no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// With `index.html` (deploy/nginx.conf, Netlify's `_redirects`).
    IndexHtml,
    /// With `404.html` and status 404, as GitHub Pages does.
    NotFoundPage,
    /// With `index.html` for every path, files included (the rule many
    /// static hosts default to): a missing data file is a web page.
    IndexHtmlForAll,
    /// A folder asked for without its trailing slash is redirected to it
    /// (`/articles/x` → `/articles/x/`), as object stores and many hosts
    /// do; `404.html` for the rest.
    FolderRedirect,
}

/// nginx serving a private copy of the release build with the shipped
/// configuration (deploy/nginx.conf), so scenarios can break and mend its
/// data without touching `dist/`.
pub struct Site {
    server: std::cell::RefCell<Child>,
    /// How the server was started, to start it again.
    command: std::cell::RefCell<Command>,
    port: u16,
    dist: PathBuf,
    dir: tempfile::TempDir,
    /// The sub-path the app is served under: `""` at the root, or `/news`.
    prefix: String,
    /// How much of nginx's access log has been checked.
    log_checked: std::cell::Cell<usize>,
    /// How much of the CSP report log has been checked.
    csp_checked: std::cell::Cell<usize>,
    /// Paths a scenario asks for knowing they are missing.
    expected_missing: std::cell::RefCell<Vec<String>>,
    /// Policy directives a scenario expects to refuse something.
    expected_violations: std::cell::RefCell<Vec<String>>,
    /// Where the site answers, as `http://127.0.0.1:41234` (no trailing slash).
    pub origin: String,
}

impl Site {
    /// Copies `dist/` (or `$BROADSHEET_DIST`) and starts nginx on a free port.
    pub fn start() -> anyhow::Result<Self> {
        Self::start_with("", "BROADSHEET_DIST", "dist", Fallback::IndexHtml)
    }

    /// Serves a build made for the sub-path `prefix` (as `/news`, or `""`
    /// at the root), found in `$<variable>` or else `default`, under that
    /// path, answering unknown paths as `fallback` says.
    pub fn start_with(
        prefix: &str,
        variable: &str,
        default: &str,
        fallback: Fallback,
    ) -> anyhow::Result<Self> {
        let dist = dist_from(variable, default);
        let (dir, root) = copy_of(&dist, prefix)?;
        let port = free_port()?;
        let site = site_config(prefix, port, &root, fallback)?;
        fs::write(dir.path().join("site.conf"), site)?;
        let config = fs::read_to_string(repo_root().join("tests/support/nginx.conf"))?
            .replace("@TMP@", &dir.path().display().to_string())
            .replace("@ROOT@", &root.display().to_string())
            .replace("@PORT@", &port.to_string());
        let config_path = dir.path().join("nginx.conf");
        fs::write(&config_path, config)?;
        let mut nginx = Command::new(nginx_binary());
        nginx
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&config_path)
            .stdin(Stdio::null());
        Site::started(nginx, dist, dir, prefix, port)
    }

    /// Serves a build made for the sub-path `prefix` (as `/news`, or `""`
    /// at the root), found in `$<variable>` or else `default`, with
    /// Debian's Caddy and the shipped deploy/Caddyfile, changed only in its
    /// address and root (and Caddy's admin endpoint off), and under a
    /// sub-path as docs/deploy.md says.
    pub fn start_caddy(prefix: &str, variable: &str, default: &str) -> anyhow::Result<Self> {
        let dist = dist_from(variable, default);
        let (dir, root) = copy_of(&dist, prefix)?;
        let port = free_port()?;
        let config = fs::read_to_string(repo_root().join("deploy/Caddyfile"))?;
        let fallback = (
            " /index.html\n".to_owned(),
            format!(" {prefix}/index.html\n"),
        );
        let config = adapted(
            "deploy/Caddyfile",
            config,
            vec![
                (
                    "example.org {".to_owned(),
                    format!("{{\n\tadmin off\n}}\n\nhttp://127.0.0.1:{port} {{"),
                ),
                (
                    "root * /var/www/broadsheet".to_owned(),
                    format!("root * {}", root.display()),
                ),
                fallback,
            ],
        )?;
        let config_path = dir.path().join("Caddyfile");
        fs::write(&config_path, config)?;
        let mut caddy = Command::new("caddy");
        caddy
            .args(["run", "--adapter", "caddyfile", "--config"])
            .arg(&config_path)
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(dir.path().join("error.log"))?);
        Site::started(caddy, dist, dir, prefix, port)
    }

    /// The site served by the server `command` starts on `port`, once it
    /// listens.
    fn started(
        mut command: Command,
        dist: PathBuf,
        dir: tempfile::TempDir,
        prefix: &str,
        port: u16,
    ) -> anyhow::Result<Self> {
        let server = command
            .spawn()
            .context("starting the web server (install it with `make browsers`)")?;
        let site = Site {
            server: std::cell::RefCell::new(server),
            command: std::cell::RefCell::new(command),
            port,
            dist,
            dir,
            prefix: prefix.to_owned(),
            log_checked: std::cell::Cell::new(0),
            csp_checked: std::cell::Cell::new(0),
            expected_missing: std::cell::RefCell::new(Vec::new()),
            expected_violations: std::cell::RefCell::new(Vec::new()),
            origin: format!("http://127.0.0.1:{port}"),
        };
        site.wait_until_listening(port)?;
        Ok(site)
    }

    /// The absolute URL of the app's `path` (which starts with `/`), under
    /// the sub-path if there is one.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.origin, self.prefix)
    }

    /// Replaces a served file (`data/index.json`) with `contents`. A
    /// bundle file changed by hand takes the bundle's compiled index away
    /// (as a publisher's edit without `make prerender` would leave it
    /// stale), so the app reads the files as they are now.
    pub fn put(&self, path: &str, contents: &[u8]) -> anyhow::Result<()> {
        self.forget_compiled_index(path)?;
        let served = self.served(path);
        if let Some(folder) = served.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(&served, contents).with_context(|| format!("writing {path}"))?;
        touch(&served)
    }

    /// The requests nginx answered with an error since the last call, that
    /// no reader should ever meet: any 5xx, and any 4xx for the app's page
    /// and assets. A missing data file (`.json`, `.xml`) is a state the app
    /// shows and scenarios test on purpose. Content-Security-Policy
    /// violations reported since the last call count too.
    pub fn unexpected_errors(&self) -> anyhow::Result<Vec<String>> {
        let mut errors = self.error_responses();
        let expected = std::mem::take(&mut *self.expected_violations.borrow_mut());
        errors.extend(
            self.csp_reports(true)
                .into_iter()
                .filter(|v| !expected.iter().any(|d| v.starts_with(&format!("{d} "))))
                .map(|v| format!("CSP violation: {v}")),
        );
        Ok(errors)
    }

    /// How many requests nginx has answered, and the bytes of their
    /// bodies (compressed as sent), from its access log.
    pub fn bytes_sent(&self) -> (usize, u64) {
        let log = fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default();
        log.lines()
            .filter_map(|line| {
                // The combined format: … "GET /path HTTP/1.1" 200 1234 …
                let (_, rest) = line.split_once('"')?;
                let (_, rest) = rest.split_once('"')?;
                rest.split_whitespace().nth(1)?.parse::<u64>().ok()
            })
            .fold((0, 0), |(count, bytes), sent| (count + 1, bytes + sent))
    }

    fn error_responses(&self) -> Vec<String> {
        let log = fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default();
        let from = self.log_checked.replace(log.len()).min(log.len());
        let expected = std::mem::take(&mut *self.expected_missing.borrow_mut());
        log[from..]
            .lines()
            .filter_map(|line| {
                // The combined format: … "GET /path HTTP/1.1" 404 …
                let (_, rest) = line.split_once('"')?;
                let (request, rest) = rest.split_once('"')?;
                let status: u16 = rest.split_whitespace().next()?.parse().ok()?;
                let path = request.split(' ').nth(1)?.split('?').next()?;
                let data = [".json", ".xml", ".bin"]
                    .iter()
                    .any(|ext| path.ends_with(ext));
                let expected = status == 404 && expected.iter().any(|p| p == path);
                (status >= 500 || (status >= 400 && !data && !expected))
                    .then(|| format!("{status} {request}"))
            })
            .collect()
    }

    /// The Content-Security-Policy violations browsers reported since the
    /// last [`Site::unexpected_errors`], each as `violated-directive
    /// blocked-uri (document-uri)`.
    pub fn csp_violations(&self) -> Vec<String> {
        self.csp_reports(false)
    }

    fn csp_reports(&self, consume: bool) -> Vec<String> {
        let log = fs::read_to_string(self.dir.path().join("csp-reports.log")).unwrap_or_default();
        let from = self.csp_checked.get().min(log.len());
        if consume {
            self.csp_checked.set(log.len());
        }
        log[from..]
            .lines()
            .map(|line| {
                // nginx writes the JSON body with `"` as \x22.
                let report = line.replace("\\x22", "\"");
                let field = |name: &str| -> String {
                    let key = format!("\"{name}\":\"");
                    report
                        .split_once(&key)
                        .and_then(|(_, rest)| rest.split_once('"'))
                        .map_or_else(String::new, |(value, _)| value.to_owned())
                };
                format!(
                    "{} {} ({})",
                    field("violated-directive"),
                    field("blocked-uri"),
                    field("document-uri")
                )
            })
            .collect()
    }

    /// Tells the check after this scenario that the policy's `directive`
    /// (as `script-src-attr`) refusing something is expected: Chromium
    /// checks inline handlers and styles even while parsing into an inert
    /// fragment, so a hostile article body is reported though nothing of
    /// it reaches the page.
    pub fn expect_violation(&self, directive: &str) {
        self.expected_violations
            .borrow_mut()
            .push(directive.to_owned());
    }

    /// Tells the check after this scenario that `path` (as `/missing.png`)
    /// is asked for knowing it is missing.
    pub fn expect_missing(&self, path: &str) {
        self.expected_missing.borrow_mut().push(path.to_owned());
    }

    /// Serves `index` (a synthetic archive's index file) at `/synthetic/`
    /// and points `config.json` at it, with `config` as its other fields
    /// (as `"page_size": 20,`, or empty).
    pub fn serve_synthetic(&self, index: &str, config: &str) -> anyhow::Result<()> {
        self.put("synthetic/index.json", index.as_bytes())?;
        self.put(
            "config.json",
            format!(r#"{{{config} "source": {{"bundle": "synthetic/"}}}}"#).as_bytes(),
        )
    }

    /// Runs `cargo xtask prerender` over the served copy, with `args`
    /// (as `--articles 2`), as a publisher runs `make prerender`.
    pub fn prerender(&self, args: &[&str]) -> anyhow::Result<()> {
        let root = self.served("").display().to_string();
        let mut all = vec!["prerender", root.as_str()];
        all.extend_from_slice(args);
        xtask(&all)
    }

    /// Replaces the served `data/` with a synthetic archive of `articles`
    /// built as a publisher builds it: `cargo xtask generate`, then
    /// `cargo xtask prerender` over the served copy (pages and compiled
    /// index).
    pub fn build_synthetic(&self, articles: usize) -> anyhow::Result<()> {
        let root = self.served("");
        let data = root.join("data");
        fs::remove_dir_all(&data)?;
        // A bundle generated before (a million articles take minutes and
        // gigabytes to write): served from where it is, its compiled
        // index written into it.
        match std::env::var_os("BENCH_BUNDLE") {
            Some(bundle) => std::os::unix::fs::symlink(bundle, &data)?,
            None => xtask(&[
                "generate",
                "--articles",
                &articles.to_string(),
                "--out",
                &data.display().to_string(),
            ])?,
        }
        // Only the newest articles' pages, as a publisher of a large
        // archive builds it (docs/deploy.md).
        let root = root.display().to_string();
        match std::env::var("BENCH_PRERENDER_ARTICLES") {
            Ok(newest) => xtask(&["prerender", &root, "--articles", &newest]),
            Err(_) => xtask(&["prerender", &root]),
        }
    }

    /// Serves `archive` (a synthetic archive, its `catalog` prepared) at
    /// `/<at>` (as `scale/`) with its compiled static index, as a build
    /// writes it (once per site), and its first `articles` article files,
    /// and points `config.json` at it.
    pub fn serve_compiled(
        &self,
        at: &str,
        archive: &broadsheet_core::synthetic::Archive,
        catalog: &broadsheet_core::Catalog,
        articles: usize,
    ) -> anyhow::Result<()> {
        use broadsheet_core::compiled::{compile, DIRECTORY, MANIFEST};
        let dir = self.served(at);
        if !dir.join(DIRECTORY).join(MANIFEST).is_file() {
            let compiled = compile(catalog, &mut |_| {});
            for (path, bytes) in &compiled.files {
                let file = dir.join(DIRECTORY).join(path);
                fs::create_dir_all(file.parent().context("a file in a folder")?)?;
                fs::write(file, bytes)?;
            }
            fs::write(
                dir.join(DIRECTORY).join(MANIFEST),
                compiled.manifest_bytes(),
            )?;
            fs::write(dir.join("index.json"), &archive.index)?;
            fs::create_dir_all(dir.join("articles"))?;
            for (slug, file) in archive.articles.iter().take(articles) {
                fs::write(dir.join("articles").join(format!("{slug}.json")), file)?;
            }
        }
        self.put(
            "config.json",
            format!(r#"{{"source": {{"bundle": "{at}"}}}}"#).as_bytes(),
        )
    }

    /// Points `config.json` at the API at `origin`, with `config` as its
    /// other fields (as `"page_size": 3,`, or empty).
    pub fn use_api(&self, origin: &str, config: &str) -> anyhow::Result<()> {
        self.put(
            "config.json",
            format!(r#"{{{config} "source": {{"api": "{origin}/"}}}}"#).as_bytes(),
        )
    }

    /// Serves a fixture folder from `tests/fixtures/<fixture>` at `/<at>/`.
    pub fn put_fixture(&self, fixture: &str, at: &str) -> anyhow::Result<()> {
        self.forget_compiled_index(&format!("{at}/"))?;
        copy_dir(
            &repo_root().join("tests/fixtures").join(fixture),
            &self.served(at),
        )
    }

    /// Removes the compiled index of the bundle `path` is in (`data/`),
    /// unless `path` is in the compiled index itself.
    fn forget_compiled_index(&self, path: &str) -> anyhow::Result<()> {
        let Some((bundle, rest)) = path.split_once('/') else {
            return Ok(());
        };
        let compiled = self.served(bundle).join("index");
        if !rest.starts_with("index/") && compiled.is_dir() {
            fs::remove_dir_all(&compiled)?;
        }
        Ok(())
    }

    /// Removes a served file, so requests for it get a 404.
    pub fn remove(&self, path: &str) -> anyhow::Result<()> {
        self.forget_compiled_index(path)?;
        fs::remove_file(self.served(path)).with_context(|| format!("removing {path}"))
    }

    /// A file of the release build itself.
    pub fn dist_file(&self, path: &str) -> PathBuf {
        self.dist.join(path)
    }

    /// Puts back the file from the release build.
    pub fn restore(&self, path: &str) -> anyhow::Result<()> {
        fs::copy(self.dist.join(path), self.served(path))
            .with_context(|| format!("restoring {path}"))?;
        touch(&self.served(path))
    }

    /// Serves `html` as the page `path` (as `index.html`), its precompressed
    /// copies taken away so that nginx sends this one to every browser.
    pub fn put_page(&self, path: &str, html: &str) -> anyhow::Result<()> {
        self.put(path, html.as_bytes())?;
        for suffix in PRECOMPRESSED {
            let copy = format!("{path}{suffix}");
            if self.served(&copy).exists() {
                self.remove(&copy)?;
            }
        }
        Ok(())
    }

    /// Serves the page `path` as built without the script that starts the
    /// app (`loader-<hash>.js` under the site's prefix), as a reader sees
    /// it before the app has arrived; [`Site::restore_page`] puts it back.
    pub fn hold_back_app(&self, path: &str) -> anyhow::Result<()> {
        let built = fs::read_to_string(self.served(path))?;
        let loader = format!("<script type=\"module\" src=\"{}/loader-", self.prefix);
        let held = without(&built, &loader, "</script>");
        anyhow::ensure!(held != built, "no loader script in {path}");
        self.put_page(path, &held)
    }

    /// Puts back the page `path` and its precompressed copies as the
    /// release build has them.
    pub fn restore_page(&self, path: &str) -> anyhow::Result<()> {
        self.restore(path)?;
        for suffix in PRECOMPRESSED {
            let copy = format!("{path}{suffix}");
            if self.dist_file(&copy).exists() {
                self.restore(&copy)?;
            }
        }
        Ok(())
    }

    /// Puts `data/` and `config.json` back as the release build has them.
    pub fn reset_data(&self) -> anyhow::Result<()> {
        let data = self.served("data");
        fs::remove_dir_all(&data)?;
        copy_dir(&self.dist.join("data"), &data)?;
        self.restore("config.json")
    }

    pub fn served(&self, path: &str) -> PathBuf {
        self.dir
            .path()
            .join("root")
            .join(self.prefix.trim_start_matches('/'))
            .join(path)
    }

    /// Stops the web server: to the browser, the network is gone (a reader
    /// on a train).
    pub fn stop_server(&self) -> anyhow::Result<()> {
        let mut server = self.server.borrow_mut();
        server.kill()?;
        server.wait()?;
        Ok(())
    }

    /// Starts the web server again, as it was, on the same port.
    pub fn start_server(&self) -> anyhow::Result<()> {
        let server = self.command.borrow_mut().spawn()?;
        *self.server.borrow_mut() = server;
        self.wait_until_listening(self.port)
    }

    fn wait_until_listening(&self, port: u16) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match std::net::TcpStream::connect(("127.0.0.1", port)) {
                Ok(_) => return Ok(()),
                Err(error) if Instant::now() >= deadline => {
                    let log =
                        fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default();
                    bail!("the web server did not listen on {port}: {error}\n{log}");
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let server = self.server.get_mut();
        let _ = server.kill();
        let _ = server.wait();
    }
}

/// Gives a file a modification time no earlier write had. nginx derives
/// `ETag` and `Last-Modified` from the time in whole seconds and the size,
/// so two same-sized versions written within one second would look alike
/// and the browser would keep the first.
fn touch(path: &Path) -> anyhow::Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(1);
    let later = Duration::from_secs(WRITES.fetch_add(1, Ordering::Relaxed));
    fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(SystemTime::now() + later)?;
    Ok(())
}

/// nginx from PATH, or Debian's /usr/sbin when PATH lacks sbin.
pub(crate) fn nginx_binary() -> PathBuf {
    let sbin = Path::new("/usr/sbin/nginx");
    if sbin.is_file() {
        sbin.to_owned()
    } else {
        PathBuf::from("nginx")
    }
}

/// Where the browsers send reports of what the Content-Security-Policy
/// blocked (added to the shipped policy for the tests).
const CSP_REPORT: &str = "/__csp-report";

/// deploy/nginx.conf for this run: its port and root, `connect-src` (and
/// `img-src`) opened to the other local servers scenarios point
/// `config.json` at (as docs/deploy.md tells a publisher to add an API's
/// or a WordPress site's origin), and for a
/// sub-path the location and fallback its comments describe. Fails if the
/// shipped file no longer has the lines this relies on.
fn site_config(prefix: &str, port: u16, root: &Path, fallback: Fallback) -> anyhow::Result<String> {
    let shipped = fs::read_to_string(repo_root().join("deploy/nginx.conf"))?;
    let mut edits = vec![
        (
            "    listen 80;".to_owned(),
            format!("    listen 127.0.0.1:{port};"),
        ),
        (
            "    root /var/www/broadsheet;".to_owned(),
            format!("    root {};", root.display()),
        ),
        (
            "connect-src 'self';".to_owned(),
            "connect-src 'self' http://127.0.0.1:*;".to_owned(),
        ),
        // A WordPress on another local port serves its images over http,
        // which docs/wordpress.md tells a publisher to allow likewise.
        (
            "img-src 'self' https:;".to_owned(),
            "img-src 'self' https: http://127.0.0.1:*;".to_owned(),
        ),
        // Every engine reports what the policy blocked; nginx keeps the
        // reports' text (read through a proxied request, so the body is
        // read) for `unexpected_errors`.
        (
            "frame-ancestors 'none'\" always;".to_owned(),
            format!("frame-ancestors 'none'; report-uri {CSP_REPORT}\" always;"),
        ),
        (
            "    # Deep links:".to_owned(),
            format!(
                "    location = {CSP_REPORT} {{\n        client_body_buffer_size 64k;\n        \
                 access_log csp-reports.log csp_report;\n        \
                 proxy_pass http://127.0.0.1:{port}/__csp-received;\n    }}\n    \
                 location = /__csp-received {{\n        access_log off;\n        return 204;\n    }}\n\n    # Deep links:"
            ),
        ),
    ];
    if !prefix.is_empty() {
        edits.push((
            "    location / {".to_owned(),
            format!("    location {prefix}/ {{"),
        ));
        edits.push((" /index.html;".to_owned(), format!(" {prefix}/index.html;")));
    }
    let fallback_rule = "    location / {\n        try_files $uri $uri/index.html /index.html;";
    match fallback {
        Fallback::IndexHtml => {}
        Fallback::NotFoundPage => edits.push((
            fallback_rule.to_owned(),
            "    error_page 404 /404.html;\n    location / {\n        try_files $uri $uri/index.html =404;"
                .to_owned(),
        )),
        Fallback::IndexHtmlForAll => edits.push((
            "    location ~ \\.[A-Za-z0-9]+$ {\n        try_files $uri =404;".to_owned(),
            "    location ~ \\.[A-Za-z0-9]+$ {\n        try_files $uri /index.html;".to_owned(),
        )),
        // nginx's own answer to a folder without its slash: a redirect.
        Fallback::FolderRedirect => edits.push((
            fallback_rule.to_owned(),
            "    error_page 404 /404.html;\n    location / {\n        index index.html;".to_owned(),
        )),
    }
    adapted(
        "deploy/nginx.conf",
        format!("log_format csp_report '$request_body';\n{shipped}"),
        edits,
    )
}

/// `config` (the shipped `file`) with each `(from, to)` of `edits`
/// replaced; fails if the file no longer has a line an edit relies on.
pub(crate) fn adapted(
    file: &str,
    mut config: String,
    edits: Vec<(String, String)>,
) -> anyhow::Result<String> {
    for (from, to) in edits {
        if !config.contains(&from) {
            bail!("{file} has no line {from:?} to adapt for the tests");
        }
        config = config.replace(&from, &to);
    }
    Ok(config)
}

/// The build in `$<variable>`, or else `default`, in the repository.
fn dist_from(variable: &str, default: &str) -> PathBuf {
    let dist = std::env::var_os(variable).map_or_else(|| repo_root().join(default), PathBuf::from);
    if dist.is_relative() {
        repo_root().join(dist)
    } else {
        dist
    }
}

/// A new temporary folder with a copy of `dist` in `root/` (under
/// `prefix`, as `/news`), and that root.
fn copy_of(dist: &Path, prefix: &str) -> anyhow::Result<(tempfile::TempDir, PathBuf)> {
    if !dist.join("index.html").is_file() {
        bail!(
            "{} has no index.html: run `make build` first (`make test` does)",
            dist.display()
        );
    }
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("root");
    copy_dir(dist, &root.join(prefix.trim_start_matches('/')))?;
    Ok((dir, root))
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            match fs::copy(entry.path(), &target) {
                Ok(_) => touch(&target)?,
                Err(error) if error.kind() == ErrorKind::NotFound => {}
                Err(error) => return Err(error.into()),
            }
        }
    }
    Ok(())
}

/// The precompressed copies a build writes beside a file, which nginx
/// sends in its place.
const PRECOMPRESSED: [&str; 2] = [".br", ".gz"];

/// `html` without every run from `start` to the next `end` after it.
pub fn without(html: &str, start: &str, end: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(start) {
        out.push_str(&rest[..at]);
        match rest[at..].find(end) {
            Some(stop) => rest = &rest[at + stop + end.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs `cargo xtask` with `args` in the repository, as the Makefile does.
fn xtask(args: &[&str]) -> anyhow::Result<()> {
    let status = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .current_dir(repo_root())
        .status()?;
    anyhow::ensure!(status.success(), "cargo xtask {args:?} failed");
    Ok(())
}
