//! One module per route; the route table is in [`crate::App`].

pub mod article;
pub mod listing;
pub mod not_found;
