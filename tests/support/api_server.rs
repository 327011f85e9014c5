//! The reference API server (crates/server) on 127.0.0.1, for running the
//! app in API mode.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use super::{free_port, repo_root};

/// A running `broadsheet-server`; stopped when dropped.
pub struct ApiServer {
    child: Child,
    /// Where it answers, as `http://127.0.0.1:41234` (no trailing slash).
    pub origin: String,
    /// The port it listens on.
    pub port: u16,
}

impl ApiServer {
    /// Serves `bundle`.
    pub fn start(bundle: &Path) -> anyhow::Result<Self> {
        Self::with(&[bundle.as_os_str()])
    }

    /// Serves from the PostgreSQL database at `url`, answering 503 when it
    /// takes longer than `query_ms`.
    pub fn on_database(url: &str, query_ms: u32) -> anyhow::Result<Self> {
        let query_ms = query_ms.to_string();
        Self::with(&[
            "--database".as_ref(),
            url.as_ref(),
            "--query-timeout-ms".as_ref(),
            query_ms.as_ref(),
        ])
    }

    /// Imports the bundle in `bundle` into the database at `url`
    /// (`broadsheet-server import`).
    pub fn import(bundle: &Path, url: &str) -> anyhow::Result<()> {
        let output = Command::new(binary())
            .arg("import")
            .arg(bundle)
            .args(["--database", url])
            .output()?;
        if !output.status.success() {
            bail!(
                "broadsheet-server import: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    /// The server with `args` (its source), on a free port.
    fn with(args: &[&std::ffi::OsStr]) -> anyhow::Result<Self> {
        let binary = binary();
        let port = free_port()?;
        let child = Command::new(&binary)
            .args(args)
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| {
                format!(
                    "starting {} (build it with `cargo build -p broadsheet-server`)",
                    binary.display()
                )
            })?;
        let mut server = ApiServer {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            port,
        };
        server.wait_until_listening()?;
        Ok(server)
    }

    /// Waits until the server accepts connections.
    fn wait_until_listening(&mut self) -> anyhow::Result<()> {
        let port = self.port;
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = self.child.try_wait()? {
                bail!("broadsheet-server exited with {status}");
            }
            if Instant::now() >= deadline {
                bail!("broadsheet-server did not listen on {port}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(())
    }

    /// Kills the server at once (SIGKILL), whatever it is answering.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}

/// The binary at `$BROADSHEET_SERVER` (the Makefile builds it), else the
/// debug build under `target/`.
fn binary() -> PathBuf {
    let binary = std::env::var_os("BROADSHEET_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/debug/broadsheet-server"));
    if binary.is_relative() {
        repo_root().join(binary)
    } else {
        binary
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
