//! Reusable views. Components take data as props and never fetch.

pub mod byline;
pub mod empty_state;
pub mod error_view;
pub mod filters;
pub mod highlighted;
pub mod masthead;
pub mod page_title;
pub mod pager;
pub mod plain_body;
pub mod skipped_notice;
pub mod teaser_card;
pub mod teaser_list;
