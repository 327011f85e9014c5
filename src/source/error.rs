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
        /// The status line's text, as `Internal Server Error`, and what
        /// the server said of it when it said (`: …`, the `error` of a
        /// JSON answer, as broadsheet's API sends: docs/api.md).
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
    /// A web page where a data file was asked for: the host's own page for
    /// a file it does not have (many hosts answer every missing path with
    /// `index.html` and a 200).
    #[error(
        "{url}: the host answered with a web page, not this file: the file is missing (this \
         host answers a missing file with a page of its own)"
    )]
    WebPage {
        /// The URL asked for.
        url: String,
    },
    /// Offline, and never saved on this device (public/sw.js answers so).
    #[error(
        "{url}: you are offline, and this was not saved on this device: it needs a connection"
    )]
    Offline {
        /// The URL asked for.
        url: String,
    },
    /// The page's Content-Security-Policy refused the request.
    #[error(
        "{url}: this page's Content-Security-Policy refused the request ({directive}): the \
         publisher must add the server's origin to {directive} where the site's headers are set \
         (docs/deploy.md)"
    )]
    Refused {
        /// The URL asked for.
        url: String,
        /// The directive that refused it, as `connect-src`.
        directive: String,
    },
    /// No answer within the time limit; the request was abandoned.
    #[error("{url}: no answer within {seconds} seconds")]
    Timeout {
        /// The URL asked for.
        url: String,
        /// The limit that passed.
        seconds: u32,
    },
    /// The data needs a source the app loaded into this page does not
    /// read: it loaded the app for a compiled index (as `boot.js` chose
    /// from `config.json` and the index's manifest), and the data changed
    /// since. Loading the page again chooses again.
    #[error(
        "{url}: the data changed while this page loaded (it now needs an API, a WordPress site \
         or a bundle without a compiled index): reload the page"
    )]
    OtherApp {
        /// What was asked for.
        url: String,
    },
    /// The answer arrived but is not usable data.
    #[error("{0}")]
    Data(DataError),
    /// A WordPress site could not be read, and what its publisher can do:
    /// [`LoadError::wordpress`]'s message. Held as text, so the app for a
    /// compiled index, which never reads a WordPress site, carries none of
    /// [`WordPressProblem`]'s wording.
    #[error("{0}")]
    WordPress(String),
}

impl LoadError {
    /// The site at `site` could not be read, for `problem`.
    pub fn wordpress(site: &str, problem: WordPressProblem) -> Self {
        LoadError::WordPress(format!("The WordPress site {site} {problem}"))
    }

    /// Whether the file is not there: a 404, or a host's web page in its
    /// place.
    pub fn is_missing(&self) -> bool {
        matches!(
            self,
            LoadError::Status { status: 404, .. } | LoadError::WebPage { .. }
        )
    }
}

/// Why a WordPress site could not be read, worded for its publisher.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum WordPressProblem {
    /// Nothing answered.
    #[error(
        "could not be reached ({reason}). Check the address in config.json, that the site is \
         up, and that this page's Content-Security-Policy lists it in connect-src."
    )]
    Unreachable {
        /// What the browser reported.
        reason: String,
    },
    /// Something answered, but the browser may not show this page the
    /// answer.
    #[error(
        "answered, but refused to share its REST API with this page (a cross-origin request \
         refused). WordPress allows every origin unless a plugin, the theme or the web server \
         removes its Access-Control-Allow-Origin header, or something in front of it (a \
         password prompt, a firewall's challenge page) answers instead: check those, and that \
         the address in config.json is the WordPress site's."
    )]
    CrossOrigin,
    /// The REST API needs a login.
    #[error(
        "keeps its REST API behind a login ({status} {status_text}). broadsheet reads only \
         public posts, categories, tags and users: allow reading them without logging in, in \
         the security plugin or server rule that blocks them."
    )]
    Restricted {
        /// 401 or 403.
        status: u16,
        /// The status line's text.
        status_text: String,
    },
    /// There is no REST API to read.
    #[error(
        "has no REST API here (404 at {url}): a plugin has switched it off, or the address in \
         config.json is not the WordPress site's."
    )]
    NoApi {
        /// The URL that answered 404.
        url: String,
    },
    /// An answer that is not the REST API's JSON.
    #[error(
        "sent an answer that is not the REST API's JSON ({detail}). A plugin or theme printing \
         PHP warnings or HTML into the API's answers is the usual cause: check the site's \
         error log."
    )]
    Malformed {
        /// Which answer, and what was wrong with it.
        detail: String,
    },
    /// The totals WordPress sends with every list are missing.
    #[error(
        "sent a list without its X-WP-Total and X-WP-TotalPages headers ({url}): a proxy or \
         plugin removes them, or no longer exposes them to other origins \
         (Access-Control-Expose-Headers)."
    )]
    NoTotals {
        /// The list's URL.
        url: String,
    },
}
