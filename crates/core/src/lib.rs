//! broadsheet's data contract and the pure logic around it.
//!
//! Nothing here touches the browser: the app, the developer tools and the
//! tests share these types and functions, and they are tested natively.

pub mod allowlist;
pub mod bundle;
pub mod byline;
pub mod catalog;
pub mod compiled;
pub mod config;
pub mod count;
pub mod date;
pub mod error;
pub mod head;
pub mod highlight;
mod json;
pub mod model;
pub mod progress;
pub mod query;
mod quote;
pub mod route;
#[cfg(feature = "html")]
pub mod sanitize;
pub mod search;
pub mod slug;
pub mod synthetic;
pub mod wordpress;

pub use bundle::{api_error, parse_api_page, parse_article, parse_index, ApiPage};
pub use byline::{byline, byline_gap, byline_tail};
pub use catalog::{Around, Catalog};
pub use config::{parse_config, Config, Source, CONFIG_FILE};
pub use date::Date;
pub use error::DataError;
pub use json::FORMAT_VERSION;
pub use model::{Article, Author, Image, Index, Site, Teaser, Term};
pub use query::{Answer, Query, Sort};
pub use route::{ArchiveKind, Route};
pub use slug::is_valid_slug;
