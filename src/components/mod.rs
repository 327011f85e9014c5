//! Reusable views. Components take data as props and never fetch.

pub mod article_body;
pub mod byline;
pub mod empty_state;
pub mod error_view;
pub mod facet_combobox;
pub mod filters;
pub mod highlighted;
pub mod masthead;
pub mod pager;
pub mod share;
pub mod skipped_notice;
pub mod teaser_card;
pub mod teaser_list;
