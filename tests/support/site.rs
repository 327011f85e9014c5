//! A copy of `dist/` served by nginx on 127.0.0.1.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{bail, Context};

use super::{free_port, repo_root};

/// nginx serving a private copy of the release build, so scenarios can
/// break and mend its data without touching `dist/`.
pub struct Site {
    nginx: Child,
    dist: PathBuf,
    dir: tempfile::TempDir,
    /// Where the site answers, as `http://127.0.0.1:41234` (no trailing slash).
    pub origin: String,
}

impl Site {
    /// Copies `dist/` (or `$BROADSHEET_DIST`) and starts nginx on a free port.
    pub fn start() -> anyhow::Result<Self> {
        let dist = std::env::var_os("BROADSHEET_DIST")
            .map_or_else(|| repo_root().join("dist"), PathBuf::from);
        let dist = if dist.is_relative() {
            repo_root().join(dist)
        } else {
            dist
        };
        if !dist.join("index.html").is_file() {
            bail!(
                "{} has no index.html: run `make build` first (`make test` does)",
                dist.display()
            );
        }
        let dir = tempfile::tempdir()?;
        let root = dir.path().join("root");
        copy_dir(&dist, &root)?;
        let port = free_port()?;
        let config = fs::read_to_string(repo_root().join("tests/support/nginx.conf"))?
            .replace("@TMP@", &dir.path().display().to_string())
            .replace("@ROOT@", &root.display().to_string())
            .replace("@PORT@", &port.to_string());
        let config_path = dir.path().join("nginx.conf");
        fs::write(&config_path, config)?;
        let nginx = Command::new(nginx_binary())
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&config_path)
            .stdin(Stdio::null())
            .spawn()
            .context("starting nginx (install it with `make browsers`)")?;
        let site = Site {
            nginx,
            dist,
            dir,
            origin: format!("http://127.0.0.1:{port}"),
        };
        site.wait_until_listening(port)?;
        Ok(site)
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// Replaces a served file (`data/index.json`) with `contents`.
    pub fn put(&self, path: &str, contents: &[u8]) -> anyhow::Result<()> {
        let served = self.served(path);
        if let Some(folder) = served.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(&served, contents).with_context(|| format!("writing {path}"))?;
        touch(&served)
    }

    /// Serves a fixture folder from `tests/fixtures/<fixture>` at `/<at>/`.
    pub fn put_fixture(&self, fixture: &str, at: &str) -> anyhow::Result<()> {
        copy_dir(
            &repo_root().join("tests/fixtures").join(fixture),
            &self.served(at),
        )
    }

    /// Removes a served file, so requests for it get a 404.
    pub fn remove(&self, path: &str) -> anyhow::Result<()> {
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

    /// Puts `data/` and `config.json` back as the release build has them.
    pub fn reset_data(&self) -> anyhow::Result<()> {
        let data = self.served("data");
        fs::remove_dir_all(&data)?;
        copy_dir(&self.dist.join("data"), &data)?;
        self.restore("config.json")
    }

    fn served(&self, path: &str) -> PathBuf {
        self.dir.path().join("root").join(path)
    }

    fn wait_until_listening(&self, port: u16) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match std::net::TcpStream::connect(("127.0.0.1", port)) {
                Ok(_) => return Ok(()),
                Err(error) if Instant::now() >= deadline => {
                    let log =
                        fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default();
                    bail!("nginx did not listen on {port}: {error}\n{log}");
                }
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = self.nginx.kill();
        let _ = self.nginx.wait();
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
fn nginx_binary() -> PathBuf {
    let sbin = Path::new("/usr/sbin/nginx");
    if sbin.is_file() {
        sbin.to_owned()
    } else {
        PathBuf::from("nginx")
    }
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
