//! What the app learns about its source during a visit, kept in the
//! context [`crate::App`] provides: the configuration once read, and a
//! WordPress site's connection (its permalink style and, once asked for,
//! what the menus offer).

use std::rc::Rc;

use broadsheet_core::Config;
use leptos::prelude::*;

use super::wordpress::Connection;

/// The visit's source session: a handle, copied into every load.
#[derive(Debug, Clone, Copy)]
pub struct Session(StoredValue<Known, LocalStorage>);

/// What a [`Session`] holds.
#[derive(Debug, Clone, Default)]
struct Known {
    config: Option<Config>,
    wordpress: Option<Rc<Connection>>,
}

impl Session {
    /// A session that knows nothing yet.
    pub fn new() -> Self {
        Self(StoredValue::new_local(Known::default()))
    }

    /// The session from context; [`crate::App`] provides it (a view
    /// rendered alone, as in a test, starts its own).
    pub fn use_context() -> Self {
        use_context::<Self>().unwrap_or_default()
    }

    /// The configuration, once read.
    pub(super) fn config(&self) -> Option<Config> {
        self.0
            .try_with_value(|known| known.config.clone())
            .flatten()
    }

    /// Remembers the configuration for the rest of the visit.
    pub(super) fn keep_config(&self, config: Config) {
        self.0.try_update_value(|known| known.config = Some(config));
    }

    /// The WordPress connection, once made.
    pub(super) fn wordpress(&self) -> Option<Rc<Connection>> {
        self.0
            .try_with_value(|known| known.wordpress.clone())
            .flatten()
    }

    /// Remembers the WordPress connection (a new one replaces the last).
    pub(super) fn keep_wordpress(&self, connection: Rc<Connection>) {
        self.0
            .try_update_value(|known| known.wordpress = Some(connection));
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}
