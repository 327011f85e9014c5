//! Load on broadsheet-server, on loopback: 32 concurrent readers (each
//! waits for its answer, then asks again) against two copies on
//! PostgreSQL (a throwaway cluster), request by request in turn, for each
//! shape of request a reader makes; beside them one copy over the bundle
//! in memory at a tenth of the size. Prints p50/p95/p99 latency and
//! requests per second per shape, the import's time, the database's size,
//! and each copy's memory. Figures, not a test: asserts nothing about
//! them. `make bench-api` runs it.
//!
//! `BENCH_ARTICLES` (default 1,000,000) sizes the database's archive,
//! `BENCH_MEMORY_ARTICLES` (default 100,000) the in-memory one,
//! `BENCH_READERS` (32) the readers, `BENCH_SECONDS` (5) and
//! `BENCH_REQUESTS` (20,000) bound each shape's run. Generated archives are
//! kept in the system's temporary folder between runs (the same articles
//! every time). `BENCH_DATABASE` (a URL) skips the import and serves a
//! database that holds the archive already.
//!
//! The copies, on PostgreSQL and in memory, run twice: as shipped, once
//! every request of a shape has been asked (answers kept while the archive
//! stands: the figures of requests asked before), and with
//! `--answer-cache-mb 0` (every request worked out: the figures of
//! requests never asked before).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use broadsheet_core::search::words;
use broadsheet_core::Index;
use broadsheet_server::scratch::Scratch;

fn number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
}

/// A generated archive of `articles`, written once and kept.
fn archive(articles: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("broadsheet-bench-archive-{articles}"));
    if dir.join("index.json").exists() {
        return dir;
    }
    let started = Instant::now();
    let partial = dir.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(partial.join("articles")).expect("a folder for the archive");
    let archive = broadsheet_core::synthetic::generate(articles, 1);
    for (slug, file) in &archive.articles {
        std::fs::write(partial.join(format!("articles/{slug}.json")), file).expect("an article");
    }
    std::fs::write(partial.join("index.json"), &archive.index).expect("the index");
    std::fs::rename(&partial, &dir).expect("the archive in place");
    println!(
        "generated {articles} articles in {:.0} s ({})",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    dir
}

/// The server binary built for speed (the release profile is tuned for
/// the wasm's size).
fn server_binary() -> PathBuf {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "build",
            "-q",
            "--profile",
            "server",
            "-p",
            "broadsheet-server",
        ])
        .status()
        .expect("cargo");
    assert!(status.success(), "building broadsheet-server");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("server/broadsheet-server")
}

struct Copy {
    child: Child,
    port: u16,
}

impl Copy {
    fn start(binary: &Path, source: &[&str]) -> Copy {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(binary)
            .args(source)
            .args(["--port", &port.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .expect("broadsheet-server");
        let deadline = Instant::now() + Duration::from_secs(600);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the server did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
        Copy { child, port }
    }

    /// Resident memory, from /proc.
    fn rss_mb(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0)
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET `path`: the status.
fn get(port: u16, path: &str) -> u16 {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return 0;
    };
    if write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return 0;
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer[..answer.len().min(16)])
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The requests of each shape, drawn from the archive.
fn shapes(index: &Index) -> Vec<(&'static str, Vec<String>)> {
    let n = index.teasers.len();
    let sample: Vec<_> = index.teasers.iter().step_by((n / 200).max(1)).collect();
    let encode = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let word = |t: &broadsheet_core::Teaser, at: usize| {
        let title = words(&t.title);
        title
            .get(at % title.len().max(1))
            .cloned()
            .unwrap_or_default()
    };
    let pages = n / 12;
    vec![
        ("first page", vec!["/teasers?per_page=12".to_owned()]),
        (
            "a category",
            index
                .categories
                .iter()
                .map(|c| format!("/teasers?category={}&per_page=12", c.slug))
                .collect(),
        ),
        (
            "one search word",
            sample
                .iter()
                .enumerate()
                .map(|(at, t)| format!("/teasers?q={}&per_page=12", encode(&word(t, at))))
                .collect(),
        ),
        (
            "three words, two filters",
            sample
                .iter()
                .filter_map(|t| {
                    let title = words(&t.title);
                    let excerpt = words(&t.excerpt);
                    let q = [title.first()?, title.get(1)?, excerpt.first()?]
                        .map(|w| encode(w))
                        .join("+");
                    Some(format!(
                        "/teasers?q={q}&category={}&tag={}&sort=relevance&per_page=12",
                        t.categories.first()?.slug,
                        t.tags.first()?.slug
                    ))
                })
                .collect(),
        ),
        (
            "a page deep in the results",
            (1..=20)
                .map(|k| format!("/teasers?page={}&per_page=12", pages * k / 40 + 1))
                .collect(),
        ),
        (
            "an article",
            sample
                .iter()
                .map(|t| format!("/articles/{}", t.slug))
                .collect(),
        ),
    ]
}

/// Runs `paths` from `readers` readers over `ports` in turn: latencies
/// (sorted) and requests per second.
fn run(
    ports: &[u16],
    paths: &[String],
    readers: usize,
    seconds: u64,
    limit: usize,
) -> (Vec<f64>, f64, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let paths = Arc::new(paths.to_vec());
    let ports = Arc::new(ports.to_vec());
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let handles: Vec<_> = (0..readers)
        .map(|_| {
            let (next, paths, ports) = (next.clone(), paths.clone(), ports.clone());
            std::thread::spawn(move || {
                let mut times = Vec::new();
                let mut failed = 0;
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    if at >= limit || Instant::now() >= until {
                        break;
                    }
                    let asked = Instant::now();
                    if get(ports[at % ports.len()], &paths[at % paths.len()]) != 200 {
                        failed += 1;
                    }
                    times.push(asked.elapsed().as_secs_f64() * 1000.0);
                }
                (times, failed)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut failed = 0;
    for handle in handles {
        let (times, f) = handle.join().expect("a reader");
        all.extend(times);
        failed += f;
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    (all, rate, failed)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Asks every path of `paths` of every copy until it is answered (8 at
/// a time): each copy has then kept every answer. Returns how long it took.
fn keep_all(ports: &[u16], paths: &[String]) -> Duration {
    let started = Instant::now();
    let asks: Vec<(u16, String)> = ports
        .iter()
        .flat_map(|&port| paths.iter().map(move |path| (port, path.clone())))
        .collect();
    let asks = Arc::new(asks);
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (asks, next) = (asks.clone(), next.clone());
            std::thread::spawn(move || {
                while let Some((port, path)) = asks.get(next.fetch_add(1, Ordering::Relaxed)) {
                    // A 503 says the answer is being worked out: ask again.
                    let deadline = Instant::now() + Duration::from_secs(60);
                    while get(*port, path) != 200 && Instant::now() < deadline {
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    started.elapsed()
}

/// Runs every shape against `ports` and prints its figures; with `kept`,
/// after every request has been asked once (the copies keep answers).
fn report(backend: &str, ports: &[u16], index: &Index, kept: bool) {
    let readers = number("BENCH_READERS", 32);
    let seconds = number("BENCH_SECONDS", 5) as u64;
    let limit = number("BENCH_REQUESTS", 20_000);
    for (shape, paths) in shapes(index) {
        if kept {
            let took = keep_all(ports, &paths);
            println!(
                "{backend:<40} {shape:<28} {} requests asked once in {:.1} s",
                paths.len(),
                took.as_secs_f64()
            );
        }
        // One pass of some requests first: the database's cache warm.
        for path in paths.iter().take(50) {
            get(ports[0], path);
        }
        let (times, rate, failed) = run(ports, &paths, readers, seconds, limit);
        println!(
            "{backend:<40} {shape:<28} p50 {:>7.1} ms  p95 {:>7.1} ms  p99 {:>7.1} ms  {:>7.0} req/s  ({} requests{})",
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
            rate,
            times.len(),
            if failed > 0 { format!(", {failed} not 200") } else { String::new() }
        );
    }
}

/// Imports `dir` into `database`, and prints how long it took and the
/// database's size.
fn import(binary: &Path, dir: &Path, database: &Scratch, articles: usize) {
    let started = Instant::now();
    let imported = Command::new(binary)
        .arg("import")
        .arg(dir)
        .args(["--database", &database.url()])
        .stdout(Stdio::null())
        .status()
        .expect("import");
    assert!(imported.success(), "import");
    let import_s = started.elapsed().as_secs_f64();
    let size = Command::new("du")
        .args(["-sm"])
        .arg(database.dir().join("data"))
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    println!("import of {articles} articles: {import_s:.0} s; database on disk: {size} MB");
}

fn main() {
    let articles = number("BENCH_ARTICLES", 1_000_000);
    let in_memory = number("BENCH_MEMORY_ARTICLES", 100_000);
    let binary = server_binary();

    let dir = archive(articles);
    let scratch;
    let url = match std::env::var("BENCH_DATABASE") {
        Ok(url) => url,
        Err(_) => {
            scratch = Scratch::start().expect("PostgreSQL (make postgres)");
            import(&binary, &dir, &scratch, articles);
            scratch.url()
        }
    };
    let index = broadsheet_server::bundle::read_index(&dir).expect("the archive");
    for (cache, label) in [("32", "answers kept"), ("0", "every request asked")] {
        let source = ["--database", &url, "--answer-cache-mb", cache];
        let copies = [Copy::start(&binary, &source), Copy::start(&binary, &source)];
        let ports: Vec<u16> = copies.iter().map(|c| c.port).collect();
        let rss: Vec<f64> = copies.iter().map(Copy::rss_mb).collect();
        report(
            &format!("PostgreSQL {articles}, {label}"),
            &ports,
            &index,
            cache != "0",
        );
        let after: Vec<f64> = copies.iter().map(Copy::rss_mb).collect();
        println!(
            "memory per copy ({label}): {:.0} and {:.0} MB at start, {:.0} and {:.0} MB after the load",
            rss[0], rss[1], after[0], after[1]
        );
    }
    drop(index);

    let dir = archive(in_memory);
    let index = broadsheet_server::bundle::read_index(&dir).expect("the archive");
    for (cache, label) in [("32", "answers kept"), ("0", "every request worked out")] {
        let started = Instant::now();
        let copy = Copy::start(
            &binary,
            &[&dir.display().to_string(), "--answer-cache-mb", cache],
        );
        println!(
            "in memory, {in_memory}: ready in {:.1} s, {:.0} MB",
            started.elapsed().as_secs_f64(),
            copy.rss_mb()
        );
        report(
            &format!("in memory {in_memory}, {label}"),
            &[copy.port],
            &index,
            cache != "0",
        );
    }
}
