//! `cargo xtask size`: what the reader downloads, and the wasm budget.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The release wasm may not exceed this many bytes after brotli (146 KB:
/// download and compile time on a phone). Measured with the encoder and
/// settings `finish-dist` serves it with, so the figure is what a reader
/// downloads.
///
/// The app with a bundle or an API fitted 130 KB (133,107 bytes before
/// #10). Reading a WordPress site (#10: its REST API's JSON, plain text
/// from rendered HTML, the permalink style, menus from its vocabularies,
/// each failure explained) measured 15.2 KB more (145.2 KB), and
/// `config.json` picks the source at run time, so it ships in the one
/// wasm: the budget is that figure with 0.8 KB to spare. What would win
/// it back for bundle sites is loading the WordPress adapter only when
/// `config.json` names one (a second module), which trunk's single-wasm
/// build does not give.
const WASM_BROTLI_BUDGET: usize = 146 * 1024;

/// Prints every `.wasm` and `.js` file in `dist` raw, gzip -9 and brotli
/// -11, and fails when the wasm's brotli size is over budget.
pub fn run(dist: &Path) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e} (run `make build` first)", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js")
            )
        })
        .collect();
    files.sort();
    if !files
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "wasm"))
    {
        return Err(format!(
            "{}: no .wasm file (run `make build` first)",
            dist.display()
        ));
    }
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut over = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (gzip, brotli) = (gzip_len(&bytes)?, brotli_len(&bytes)?);
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        println!(
            "{name:<40} {:>10} {:>10} {:>10}",
            kb(bytes.len()),
            kb(gzip),
            kb(brotli)
        );
        if name.ends_with(".wasm") && brotli > WASM_BROTLI_BUDGET {
            over.push(format!(
                "{name}: {} brotli is over the {} budget",
                kb(brotli),
                kb(WASM_BROTLI_BUDGET)
            ));
        }
    }
    if over.is_empty() {
        println!("wasm within budget ({} brotli)", kb(WASM_BROTLI_BUDGET));
        Ok(())
    } else {
        Err(over.join("\n"))
    }
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn gzip_len(bytes: &[u8]) -> Result<usize, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    encoder
        .finish()
        .map(|out| out.len())
        .map_err(|e| e.to_string())
}

fn brotli_len(bytes: &[u8]) -> Result<usize, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len())
}
