//! Reading a bundle directory once, at start.

use std::path::{Path, PathBuf};

use broadsheet_core::{parse_index, Catalog, DataError, Index};
use thiserror::Error;

/// A loaded bundle: the index in memory, the article files on disk.
#[derive(Debug)]
pub struct Bundle {
    /// The index, parts included, prepared for queries.
    pub catalog: Catalog,
    /// The directory the article files are read from.
    pub dir: PathBuf,
}

/// Why a bundle could not be served.
#[derive(Debug, Error)]
pub enum LoadError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file is not a valid bundle file.
    #[error("{0}")]
    Data(#[from] DataError),
}

/// Reads `dir/index.json` and the parts it lists, prepared for queries.
pub fn load(dir: &Path) -> Result<Bundle, LoadError> {
    Ok(Bundle {
        catalog: Catalog::new(read_index(dir)?),
        dir: dir.to_owned(),
    })
}

/// Reads `dir/index.json` and the parts it lists.
pub fn read_index(dir: &Path) -> Result<Index, LoadError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|source| LoadError::Io {
            path: path.display().to_string(),
            source,
        })
    };
    let mut index = parse_index(&read("index.json")?, "index.json")?;
    for part in index.parts.clone() {
        index.add_part(&read(&part)?, &part)?;
    }
    Ok(index)
}
