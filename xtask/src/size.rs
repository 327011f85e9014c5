//! `cargo xtask size`: what the reader downloads, and the wasm budgets.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The release wasm of the app for every source (trunk's `broadsheet`)
/// may not exceed this many bytes after brotli (download and compile
/// time on a phone; pages are prerendered, so it delays no first paint).
/// Measured with the encoder and settings `finish-dist` serves it with,
/// so the figure is what a reader downloads. This budget sits under 2 KB
/// above what the app measures, so growth is a decision. The measured
/// history is in the commit messages. Telling a host's web page and a
/// policy's refusal from a missing file and an unreachable server (#20)
/// added 0.9 KB (178.1 to 179.0 KB). Word files that keep only a long
/// word's newest articles (#19) added 1.0 KB (179.7 to 180.7 KB). Reading
/// the other sources through `source::Readers` and a whole bundle through
/// `source::WholeIndex` (#19), so that the app for a compiled index can
/// leave them out, added 5.3 KB (180.8 to 186.1 KB: calls through
/// pointers are not inlined): only readers of an API, a WordPress site or
/// a bundle without a compiled index download this build. wasm-opt's
/// `--low-memory-unused` (index.html) took 1.2 KB off (185.9 to 184.7 KB).
const WASM_BROTLI_BUDGET: usize = 186 * 1024;

/// The app for a compiled index (`cargo xtask index-app`), what a reader
/// of a static host downloads. The project's ceiling is 160 KB; 164.5 KB
/// when it was made, 161.3 KB once the views asked a whole bundle through
/// `source::WholeIndex` (19.5 KB under what every reader downloaded
/// before), 160.4 KB once WordPress's messages were left to its reader,
/// 159.5 KB with wasm-opt's `--low-memory-unused`: within the ceiling,
/// which is this budget. It carries the author and tag comboboxes (8 KB:
/// Leptos's attribute and view code for each element) and the bundle
/// format's reader for the index's teaser files.
const INDEX_APP_BROTLI_BUDGET: usize = 160 * 1024;

/// The first answer's module (`crates/first-answer`) may not exceed this:
/// it shares a slow link with the app's wasm, and what it saves a reader
/// is the time its bytes take. 49.6 KB when it was made; 50.6 KB with
/// `--low-memory-unused` (51.0 before); 50.2 KB optimised with the app's
/// settings (index.html's).
const FIRST_ANSWER_BROTLI_BUDGET: usize = 52 * 1024;

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
        let budget = if name.starts_with(crate::first_answer::PREFIX) {
            FIRST_ANSWER_BROTLI_BUDGET
        } else if name.starts_with(crate::index_app::PREFIX) {
            INDEX_APP_BROTLI_BUDGET
        } else {
            WASM_BROTLI_BUDGET
        };
        if name.ends_with(".wasm") && brotli > budget {
            over.push(format!(
                "{name}: {} brotli is over the {} budget",
                kb(brotli),
                kb(budget)
            ));
        }
    }
    if over.is_empty() {
        println!(
            "wasm within budget ({} brotli; the app for a compiled index {}; the first answer's {})",
            kb(WASM_BROTLI_BUDGET),
            kb(INDEX_APP_BROTLI_BUDGET),
            kb(FIRST_ANSWER_BROTLI_BUDGET)
        );
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
