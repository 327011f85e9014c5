//! broadsheet-server: the HTTP API of docs/api.md over a bundle directory
//! (read at start, with the same query logic the app runs on a bundle) or
//! over PostgreSQL (read on every request, with the same answers).
//!
//! Stateless apart from its source: run as many copies as a load
//! balancer wants.

pub mod answers;
pub mod bundle;
pub mod database;
pub mod import;
pub mod routes;
pub mod scratch;
pub mod source;

pub use bundle::{load, Bundle, LoadError};
pub use database::{Database, Limits};
pub use routes::router;
pub use source::Source;
