//! broadsheet's data contract and the pure logic around it.
//!
//! Nothing here touches the browser: the app, the developer tools and the
//! tests share these types and functions, and they are tested natively.

pub mod byline;
pub mod date;
pub mod error;
pub mod model;
pub mod parse;
pub mod slug;

pub use byline::byline;
pub use date::Date;
pub use error::DataError;
pub use model::{Article, Author, Index, Site, Teaser, Term};
pub use parse::{parse_article, parse_index, FORMAT_VERSION};
pub use slug::is_valid_slug;
