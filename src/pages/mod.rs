//! One module per route; [`crate::Page`] maps each route to its view.

pub mod article;
pub mod listing;
pub mod not_found;
