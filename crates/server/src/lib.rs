//! broadsheet-server: the HTTP API of docs/api.md over a bundle directory,
//! answering with the same query logic the app runs on a bundle.
//!
//! Stateless apart from the bundle it read at start: run as many copies as
//! a load balancer wants.

pub mod bundle;
pub mod routes;

pub use bundle::{load, Bundle, LoadError};
pub use routes::router;
