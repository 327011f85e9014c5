//! Why data could not be loaded, worded for the reader and the publisher.

use broadsheet_core::DataError;
use thiserror::Error;

/// A failed load: the URL, and what went wrong with it.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LoadError {
    /// The server answered, but not with the file.
    #[error("{url}: the server answered {status} {status_text}")]
    Status {
        /// The URL asked for.
        url: String,
        /// The HTTP status code.
        status: u16,
        /// The status line's text, as `Internal Server Error`.
        status_text: String,
    },
    /// No answer at all: offline, refused, or blocked.
    #[error("{url}: the server could not be reached ({reason})")]
    Network {
        /// The URL asked for.
        url: String,
        /// What the browser reported.
        reason: String,
    },
    /// No answer within the time limit; the request was abandoned.
    #[error("{url}: no answer within {seconds} seconds")]
    Timeout {
        /// The URL asked for.
        url: String,
        /// The limit that passed.
        seconds: u32,
    },
    /// The answer arrived but is not usable data.
    #[error("{0}")]
    Data(DataError),
}
