//! `broadsheet-server <bundle-dir>` or `broadsheet-server --database <url>`:
//! the API of docs/api.md; `broadsheet-server import <bundle-dir>
//! --database <url>` loads a bundle into the database.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use broadsheet_server::{Database, Limits, Source};
use clap::{Args, Parser, Subcommand};

/// The broadsheet HTTP API (docs/api.md), over a bundle directory or a
/// PostgreSQL database.
#[derive(Debug, Parser)]
#[command(name = "broadsheet-server", args_conflicts_with_subcommands = true)]
struct Cli {
    /// The bundle directory to serve (its index.json is read at start).
    #[arg(required_unless_present = "database", conflicts_with = "database")]
    bundle: Option<PathBuf>,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Megabytes of answers this copy keeps and gives again while the
    /// archive is unchanged (0: work each one out every time).
    #[arg(long, default_value_t = broadsheet_server::answers::DEFAULT_BYTES >> 20)]
    answer_cache_mb: u64,
    /// The port to listen on.
    #[arg(long, default_value_t = 8081)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Args)]
struct DatabaseArgs {
    /// Serve from PostgreSQL (postgres://user@host:port/name) instead of a
    /// bundle; the schema is brought up to date at start.
    #[arg(long, env = "DATABASE_URL")]
    database: Option<String>,
    /// Connections this copy keeps to the database at most.
    #[arg(long, default_value_t = Limits::default().connections)]
    connections: u32,
    /// The longest a request waits for the database, in milliseconds,
    /// before it is answered 503.
    #[arg(long, default_value_t = Limits::default().query_time.as_millis() as u64)]
    query_timeout_ms: u64,
}

impl DatabaseArgs {
    fn url(&self) -> Result<&str, String> {
        self.database
            .as_deref()
            .ok_or_else(|| "--database <url> is required (or DATABASE_URL)".to_owned())
    }

    /// The database, to serve from.
    async fn open(&self) -> Result<Database, String> {
        let limits = Limits {
            connections: self.connections,
            query_time: Duration::from_millis(self.query_timeout_ms),
        };
        Database::open(self.url()?, limits)
            .await
            .map_err(|e| e.to_string())
    }

    /// The database, to import into or update.
    async fn maintain(&self) -> Result<Database, String> {
        Database::maintain(self.url()?)
            .await
            .map_err(|e| e.to_string())
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load a bundle into the database: new articles added, changed ones
    /// updated in place (by slug), in one transaction.
    Import {
        /// The bundle directory (index.json, its parts, articles/).
        bundle: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Bring the database's schema up to date, and nothing else.
    Migrate {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("broadsheet-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Some(Command::Import { bundle, database }) => {
            let database = database.maintain().await?;
            broadsheet_server::import::run(&bundle, &database)
                .await
                .map_err(|e| e.to_string())?;
            Ok(())
        }
        Some(Command::Migrate { database }) => {
            database.maintain().await?;
            println!("the database's schema is up to date");
            Ok(())
        }
        None => {
            let answer_bytes = cli.answer_cache_mb.saturating_mul(1 << 20);
            let source = match &cli.bundle {
                Some(dir) => {
                    let bundle = broadsheet_server::load(dir).map_err(|e| e.to_string())?;
                    println!(
                        "{}: {} teasers ({} skipped)",
                        dir.display(),
                        bundle.catalog.index().teasers.len(),
                        bundle.catalog.index().skipped.len()
                    );
                    Source::bundle(bundle, answer_bytes)
                }
                None => Source::database(cli.database.open().await?, answer_bytes),
            };
            if source.is_database() {
                match source.ready().await {
                    Ok(what) => println!("{what}"),
                    Err(failure) => println!("{failure}"),
                }
            }
            serve(source, &cli.host, cli.port).await
        }
    }
}

async fn serve(source: Source, host: &str, port: u16) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind((host, port))
        .await
        .map_err(|e| format!("{host}:{port}: {e}"))?;
    println!(
        "listening on http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    axum::serve(listener, broadsheet_server::router(Arc::new(source)))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| e.to_string())?;
    println!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
