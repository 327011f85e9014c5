//! The one error type for data that cannot be used.

use thiserror::Error;

/// Data that could not be read, with where and why, worded for the person
/// who publishes it: `index.json: teasers[2].date: expected an ISO 8601
/// date, got "yesterday"`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DataError {
    /// The file is not JSON at all, or is cut short.
    #[error("{file}: not valid JSON ({reason})")]
    Syntax {
        /// The file's name, as the reader would look for it.
        file: String,
        /// What the JSON parser saw, with line and column.
        reason: String,
    },
    /// The file is JSON, but a field does not have the expected shape.
    #[error("{file}: {path}: {reason}")]
    Field {
        /// The file's name.
        file: String,
        /// Where in the file, as `teasers[41].date`.
        path: String,
        /// What was expected and what was found.
        reason: String,
    },
    /// The file declares a format version this app does not read.
    #[error(
        "{file}: format version {found} is not supported (this app reads version {supported})"
    )]
    Version {
        /// The file's name.
        file: String,
        /// The version the file declares.
        found: u64,
        /// The version this app reads.
        supported: u64,
    },
}
