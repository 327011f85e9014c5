//! A small HTTP server whose answers each scenario chooses: a file, an
//! error status, or no answer at all. It speaks plain HTTP/1.1 over TCP on
//! 127.0.0.1, allows any origin (the app reaches it cross-origin), and
//! notices when the browser gives up on a request that never got an answer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with a request for a path.
#[derive(Clone)]
pub enum Answer {
    /// 200 with this body, as JSON.
    Body(Vec<u8>),
    /// This status and a short text body.
    Status(u16),
    /// Nothing: the connection stays open until the client closes it.
    Hang,
}

#[derive(Default)]
struct State {
    answers: HashMap<String, Answer>,
    abandoned: Vec<String>,
}

/// The server; it stops when dropped.
pub struct Flaky {
    /// Where it answers, as `http://127.0.0.1:41234` (no trailing slash).
    pub origin: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Flaky {
    /// Starts on a free port.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_on(0).await
    }

    /// Starts on `port` (0 for any free one).
    pub async fn start_on(port: u16) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let origin = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(answer(stream, shared.clone()));
            }
        });
        Ok(Self {
            origin,
            state,
            task,
        })
    }

    /// Answers requests for `path` (as `/index.json`) with `answer`.
    pub fn set(&self, path: &str, answer: Answer) {
        if let Ok(mut state) = self.state.lock() {
            state.answers.insert(path.to_owned(), answer);
        }
    }

    /// The paths of unanswered requests that the client has closed.
    pub fn abandoned(&self) -> Vec<String> {
        self.state
            .lock()
            .map(|state| state.abandoned.clone())
            .unwrap_or_default()
    }
}

impl Drop for Flaky {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
        if request.len() > 64 * 1024 {
            return;
        }
    }
    let line = String::from_utf8_lossy(&request);
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/")
        .to_owned();
    let chosen = state
        .lock()
        .ok()
        .and_then(|state| state.answers.get(&path).cloned());
    let (status, reason, body) = match chosen {
        Some(Answer::Body(body)) => (200, "OK", body),
        Some(Answer::Status(status)) => (status, reason_phrase(status), b"failed".to_vec()),
        None => (404, "Not Found", b"not found".to_vec()),
        Some(Answer::Hang) => {
            // Wait for the client to give up; reading 0 bytes means it closed.
            while let Ok(n) = stream.read(&mut buffer).await {
                if n == 0 {
                    break;
                }
            }
            if let Ok(mut state) = state.lock() {
                state.abandoned.push(path);
            }
            return;
        }
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n\
         Access-Control-Allow-Origin: *\r\nCache-Control: no-cache\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
    let _ = stream.shutdown().await;
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        403 => "Forbidden",
        _ => "Error",
    }
}
