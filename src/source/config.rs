//! `config.json`: read once, then remembered in the visit's [`Session`].

use broadsheet_core::{parse_config, Config, CONFIG_FILE};

use super::error::LoadError;
use super::http;
use super::session::Session;

/// The deployment's configuration. A missing `config.json` (404) means the
/// defaults: the bundle the app was built with. Any other failure is an
/// error like bad data, and is tried again on the next call.
pub async fn load_config(session: Session) -> Result<Config, LoadError> {
    if let Some(config) = session.config() {
        return Ok(config);
    }
    let config = match http::get_bytes(CONFIG_FILE.to_owned(), None).await {
        Ok(bytes) => parse_config(&bytes, CONFIG_FILE).map_err(LoadError::Data)?,
        Err(error) if error.is_missing() => Config::default(),
        Err(error) => return Err(error),
    };
    session.keep_config(config.clone());
    Ok(config)
}
