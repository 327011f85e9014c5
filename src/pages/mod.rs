//! One module per route; the route table is in [`crate::App`].

pub mod article;
pub mod home;
pub mod not_found;
