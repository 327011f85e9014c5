//! `broadsheet-server <bundle-dir> [--port <port>] [--host <address>]`

use std::process::ExitCode;
use std::sync::Arc;

#[tokio::main]
async fn main() -> ExitCode {
    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("broadsheet-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let usage = "usage: broadsheet-server <bundle-dir> [--port <port>] [--host <address>]";
    let mut args = std::env::args().skip(1);
    let (mut dir, mut port, mut host) = (None, 8081u16, "127.0.0.1".to_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().ok_or(usage)?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port: expected a port number, got {value:?}"))?;
            }
            "--host" => host = args.next().ok_or(usage)?,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}\n{usage}")),
            _ => dir = Some(arg),
        }
    }
    let dir = dir.ok_or(usage)?;
    let bundle = broadsheet_server::load(std::path::Path::new(&dir)).map_err(|e| e.to_string())?;
    println!(
        "{dir}: {} teasers ({} skipped)",
        bundle.catalog.index().teasers.len(),
        bundle.catalog.index().skipped.len()
    );
    let listener = tokio::net::TcpListener::bind((host.as_str(), port))
        .await
        .map_err(|e| format!("{host}:{port}: {e}"))?;
    println!(
        "listening on http://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    axum::serve(listener, broadsheet_server::router(Arc::new(bundle)))
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
