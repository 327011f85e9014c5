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
}

impl ApiServer {
    /// Serves `bundle` with the binary at `$BROADSHEET_SERVER` (the Makefile
    /// builds it), else the debug build under `target/`.
    pub fn start(bundle: &Path) -> anyhow::Result<Self> {
        let binary = std::env::var_os("BROADSHEET_SERVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo_root().join("target/debug/broadsheet-server"));
        let binary = if binary.is_relative() {
            repo_root().join(binary)
        } else {
            binary
        };
        let port = free_port()?;
        let child = Command::new(&binary)
            .arg(bundle)
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
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait()? {
                bail!("broadsheet-server exited with {status}");
            }
            if Instant::now() >= deadline {
                bail!("broadsheet-server did not listen on {port}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(server)
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
