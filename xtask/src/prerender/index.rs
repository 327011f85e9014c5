//! The compiled static index (`broadsheet_core::compiled`) written beside
//! the bundle: `<bundle>/index/manifest.json` and the build's files under
//! `<bundle>/index/<build>/`, each with its `.br` and `.gz` (but the
//! smallest, which compress to no less). A build already on disk is not
//! written again; the previous build stays (a reader who loaded the
//! previous manifest still finds its files) and older ones are removed.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use broadsheet_core::compiled::{parse_manifest, Compiled, DIRECTORY, MANIFEST};

use super::cores::on_every_core;
use broadsheet_core::progress::Progress;

/// What writing the index did.
pub struct Written {
    /// The build's name.
    pub build: String,
    /// Its files (the manifest not counted).
    pub files: usize,
    /// Their bytes, uncompressed.
    pub bytes: usize,
    /// Whether they were written (else the build was already there).
    pub new: bool,
    /// Older builds removed.
    pub removed: usize,
}

/// Writes `compiled` into `bundle`'s `index/`.
pub fn write(bundle: &Path, compiled: &Compiled, progress: &Progress) -> Result<Written, String> {
    let dir = bundle.join(DIRECTORY);
    let build = compiled.manifest.build.clone();
    let manifest_path = dir.join(MANIFEST);
    let previous = std::fs::read(&manifest_path)
        .ok()
        .and_then(|bytes| parse_manifest(&bytes, MANIFEST).ok())
        .map(|manifest| manifest.build);
    let complete = dir.join(&build).join(".complete");
    let new = !complete.is_file();
    let bytes: usize = compiled.files.iter().map(|(_, b)| b.len()).sum();
    if new {
        let total = compiled.files.len();
        let done = AtomicUsize::new(0);
        let write_one = |(path, contents): &(String, Vec<u8>)| -> Result<(), String> {
            let file = dir.join(path);
            if let Some(folder) = file.parent() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            std::fs::write(&file, contents).map_err(|e| format!("{}: {e}", file.display()))?;
            // A file of a few hundred bytes is no smaller compressed.
            // Brotli 6: 0.3 % larger files than 9 at a sixteenth of the
            // time (measured on a 100,000-article index: 0.8 against 13 ms
            // a file).
            if contents.len() > 512 {
                crate::finish_dist::compress_beside(&file, contents, 6, Some(9))?;
            }
            progress.count(
                "index files",
                done.fetch_add(1, Ordering::Relaxed) + 1,
                total,
            );
            Ok(())
        };
        let failures = on_every_core(&compiled.files, write_one);
        if !failures.is_empty() {
            return Err(failures.join("\n"));
        }
        std::fs::write(&complete, b"").map_err(|e| format!("{}: {e}", complete.display()))?;
    }
    // The manifest last, replaced in one step: a reader never sees one
    // naming files not yet written.
    let manifest = compiled.manifest_bytes();
    let staged = dir.join(format!("{MANIFEST}.new"));
    std::fs::write(&staged, &manifest).map_err(|e| format!("{}: {e}", staged.display()))?;
    std::fs::rename(&staged, &manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    crate::finish_dist::compress_beside(&manifest_path, &manifest, 11, Some(9))?;
    let mut removed = 0;
    for entry in std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let a_build = name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if a_build && name != build && Some(&name) != previous.as_ref() {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            removed += 1;
        }
    }
    Ok(Written {
        files: compiled.files.len(),
        bytes,
        build,
        new,
        removed,
    })
}
