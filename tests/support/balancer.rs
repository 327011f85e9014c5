//! nginx as the API's load balancer, with the shipped
//! deploy/nginx-api.conf changed only in its port and the copies it lists.

use std::fs;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use super::site::{adapted, nginx_binary};
use super::{free_port, repo_root};

/// A running load balancer; stopped when dropped.
pub struct Balancer {
    child: Child,
    dir: tempfile::TempDir,
    /// Where it answers, as `http://127.0.0.1:41234` (no trailing slash).
    pub origin: String,
    /// The port it listens on.
    pub port: u16,
}

impl Balancer {
    /// Balances over broadsheet-server copies on `ports` of 127.0.0.1.
    pub fn start(ports: &[u16]) -> anyhow::Result<Self> {
        let file = "deploy/nginx-api.conf";
        let shipped = fs::read_to_string(repo_root().join(file))?;
        let port = free_port()?;
        let copies: String = ports
            .iter()
            .map(|port| format!("    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n"))
            .collect();
        let config = adapted(
            file,
            shipped,
            vec![
                (
                    "    server 127.0.0.1:8081 max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:8082 max_fails=1 fail_timeout=5s;\n".to_owned(),
                    copies,
                ),
                ("listen 8090;".to_owned(), format!("listen 127.0.0.1:{port};")),
            ],
        )?;
        let dir = tempfile::tempdir()?;
        fs::write(dir.path().join("site.conf"), config)?;
        let main = fs::read_to_string(repo_root().join("tests/support/nginx.conf"))?
            .replace("@TMP@", &dir.path().display().to_string());
        let main_path = dir.path().join("nginx.conf");
        fs::write(&main_path, main)?;
        let child = Command::new(nginx_binary())
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&main_path)
            .stdin(Stdio::null())
            .spawn()
            .context("starting nginx (install it with `make browsers`)")?;
        let balancer = Balancer {
            child,
            dir,
            origin: format!("http://127.0.0.1:{port}"),
            port,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() >= deadline {
                bail!(
                    "the load balancer did not listen on {port}: {}",
                    balancer.errors()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(balancer)
    }

    /// nginx's error log so far.
    pub fn errors(&self) -> String {
        fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    /// The status of every request it answered, in order.
    pub fn statuses(&self) -> Vec<u16> {
        fs::read_to_string(self.dir.path().join("access.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                // `… "GET /teasers HTTP/1.1" 200 1234 …`
                let (_, after) = line.split_once("\" ")?;
                after.split_whitespace().next()?.parse().ok()
            })
            .collect()
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
