//! A throwaway PostgreSQL for tests and benchmarks: a cluster made with
//! `initdb` in a temporary folder, its server a plain process on a free
//! loopback port, stopped and removed on drop. No system service, nothing
//! left behind. As root (where `initdb` refuses to run) the processes run
//! as the `postgres` user Debian's package creates (through `runuser`).
//!
//! `BROADSHEET_PG_BIN` names the folder of `initdb` and `pg_ctl`; by
//! default the newest `/usr/lib/postgresql/<version>/bin`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use thiserror::Error;

/// A running throwaway cluster with one database, `broadsheet`.
#[derive(Debug)]
pub struct Scratch {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

/// Why a throwaway cluster could not be made or run.
#[derive(Debug, Error)]
pub enum ScratchError {
    /// No PostgreSQL programs were found.
    #[error(
        "no PostgreSQL found: install Debian's postgresql package (`make postgres`) \
         or set BROADSHEET_PG_BIN to the folder of initdb and pg_ctl"
    )]
    NotInstalled,
    /// A program could not be started.
    #[error("{program}: {source}")]
    Spawn {
        /// The program.
        program: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A program failed.
    #[error("{program} failed: {output}")]
    Failed {
        /// The program.
        program: String,
        /// What it printed.
        output: String,
    },
}

/// The folder of PostgreSQL's server programs.
fn bin_dir() -> Result<PathBuf, ScratchError> {
    if let Some(dir) = std::env::var_os("BROADSHEET_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| ScratchError::NotInstalled)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .ok_or(ScratchError::NotInstalled)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

impl Scratch {
    /// Makes a cluster and starts its server.
    pub fn start() -> Result<Self, ScratchError> {
        let scratch = Self::empty(bin_dir()?)?;
        let data = scratch.data();
        scratch.program(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "broadsheet",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
        )?;
        scratch.resume()?;
        scratch.program(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &scratch.port.to_string(),
                "-U",
                "broadsheet",
                "broadsheet",
            ],
        )?;
        Ok(scratch)
    }

    /// A hot standby of this cluster on a port of its own: a copy made
    /// with `pg_basebackup -R` (which writes how to follow the primary),
    /// answering reads and replaying the primary's changes.
    pub fn replica(&self) -> Result<Self, ScratchError> {
        let replica = Self::empty(self.bin.clone())?;
        replica.program(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "broadsheet",
                "-D",
                &replica.data(),
                "-R",
                "--checkpoint=fast",
                "--no-sync",
            ],
        )?;
        replica.resume()?;
        Ok(replica)
    }

    /// A new folder for a cluster, owned by the user its server runs as,
    /// and a free port; nothing running yet.
    fn empty(bin: PathBuf) -> Result<Self, ScratchError> {
        // Unique within the process by a counter, across processes by the
        // process's id and the time; made with `create_dir`, so that two
        // clusters can never share a folder (one's drop would remove the
        // other's data under its server).
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "broadsheet-pg-{}-{}-{}",
            std::process::id(),
            MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir(&dir).map_err(|source| ScratchError::Spawn {
            program: format!("mkdir {}", dir.display()),
            source,
        })?;
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(&dir))?;
        }
        Ok(Self {
            dir,
            bin,
            port: free_port()?,
            as_postgres,
        })
    }

    /// The database's URL.
    pub fn url(&self) -> String {
        format!("postgres://broadsheet@127.0.0.1:{}/broadsheet", self.port)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    /// Stops the server at once (connections are cut), keeping the data.
    pub fn halt(&self) -> Result<(), ScratchError> {
        self.program(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        )
    }

    /// Starts the server (again), waiting until it accepts connections.
    pub fn resume(&self) -> Result<(), ScratchError> {
        // Surviving a power cut is not what a throwaway cluster is for
        // (fsync off: the system's cache keeps what was written). Commits
        // stay synchronous: `halt` kills the server, and a commit still in
        // its memory would be lost.
        let options = format!(
            "-k {} -p {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c full_page_writes=off",
            self.dir.display(),
            self.port
        );
        let log = self.dir.join("postgres.log").display().to_string();
        self.program(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-l",
                &log,
                "-o",
                &options,
                "-w",
                "start",
            ],
        )
    }

    /// Runs one of PostgreSQL's programs, as `postgres` when root.
    fn program(&self, name: &str, args: &[&str]) -> Result<(), ScratchError> {
        let program = self.bin.join(name);
        let mut command = if self.as_postgres {
            // util-linux's runuser: the program as that user, no shell.
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", "postgres", "--"]).arg(&program);
            runuser
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(&self.dir);
        run(&mut command)
    }

    /// The folder holding the cluster.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn free_port() -> Result<u16, ScratchError> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|source| ScratchError::Spawn {
            program: "a free port".to_owned(),
            source,
        })
}

fn run(command: &mut Command) -> Result<(), ScratchError> {
    let program = format!("{:?}", command.get_program());
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().map_err(|source| ScratchError::Spawn {
        program: program.clone(),
        source,
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(ScratchError::Failed {
            program,
            output: format!(
                "{}{}",
                String::from_utf8_lossy(&stdout),
                String::from_utf8_lossy(&stderr)
            ),
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.halt();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
