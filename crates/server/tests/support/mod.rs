//! The real server binary on 127.0.0.1, spoken to over real HTTP.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};

use serde_json::Value;

/// The sample bundle the app ships.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data");

/// A running `broadsheet-server`, stopped on drop.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// Its log's lines, read as they come (a log nobody read would fill
    /// the pipe and stop the server).
    log: Receiver<String>,
}

/// A free port on the loopback address.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// The server over the sample bundle.
    pub fn start() -> Server {
        Server::with(&[SAMPLE])
    }

    /// The server with `args` (a bundle directory, or `--database <url>`),
    /// once it says where it listens.
    pub fn with(args: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
            .args(args)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, log) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        loop {
            let line = log.recv().expect("the server stopped before listening");
            if line.starts_with("listening on ") {
                break;
            }
        }
        Server { child, port, log }
    }

    /// GET `path`: status, headers (lowercased), body.
    pub fn get(&mut self, path: &str) -> (u16, String, String) {
        get(self.port, path)
    }

    /// GET `path` as JSON.
    pub fn json(&mut self, path: &str) -> (u16, Value) {
        let (status, _, body) = self.get(path);
        let value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"));
        (status, value)
    }

    /// The next line of the server's log.
    pub fn log_line(&mut self) -> String {
        self.log.recv().unwrap_or_default()
    }

    /// The rest of the log, once the server has stopped.
    pub fn rest_of_log(&mut self) -> String {
        self.log.iter().collect::<Vec<_>>().join("\n")
    }
}

/// GET `path` from 127.0.0.1:`port`: status, headers (lowercased), body.
pub fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_owned())
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
