//! A bundle's compiled static index (`index/manifest.json` and its
//! build's files, see `broadsheet_core::compiled`): each question loads
//! only the files it needs, all of a round at once, and keeps them for the
//! next question.

use std::future::Future;
use std::pin::Pin;
use std::sync::RwLock;

use broadsheet_core::compiled::{parse_manifest, Manifest, Reader, Step, DIRECTORY, MANIFEST};
use broadsheet_core::query::FacetCount;
use broadsheet_core::Site;
use futures::future::join_all;
use web_sys::AbortSignal;

use super::error::LoadError;
use super::http;

/// An open static index: where it is, and what has been loaded of it.
#[derive(Debug)]
pub struct StaticIndex {
    /// The index's directory URL, ending in `/`.
    base: String,
    /// What the archive says about itself.
    pub site: Site,
    /// Every category with its number of articles.
    pub categories: Vec<FacetCount>,
    /// Why each teaser the bundle could not read was left out.
    pub skipped: Vec<String>,
    reader: RwLock<Reader>,
}

impl StaticIndex {
    /// Opens the static index of the bundle at `base` (ending in `/`):
    /// `Ok(None)` when the bundle has none (the host answers 404).
    pub async fn open(base: &str) -> Result<Option<Self>, LoadError> {
        let base = format!("{base}{DIRECTORY}");
        let url = format!("{base}{MANIFEST}");
        let bytes = match http::get_bytes(url.clone(), None).await {
            Ok(bytes) => bytes,
            Err(error) if error.is_missing() => return Ok(None),
            Err(error) => return Err(error),
        };
        let manifest = parse_manifest(&bytes, &url).map_err(LoadError::Data)?;
        Ok(Some(Self::with(base, Reader::new(manifest))))
    }

    /// The index at `base` read through `reader`.
    fn with(base: String, reader: Reader) -> Self {
        let manifest = reader.manifest();
        Self {
            base,
            site: manifest.site.clone(),
            categories: manifest.categories.clone(),
            skipped: manifest.skipped.clone(),
            reader: RwLock::new(reader),
        }
    }

    /// The teaser of the article `slug` if a file already loaded holds it.
    pub fn teaser_at_hand(&self, slug: &str) -> Option<broadsheet_core::Teaser> {
        self.reader.read().ok()?.teaser_at_hand(slug).cloned()
    }

    /// A static index with every file at hand: what the build renders
    /// pages from (`manifest` and its build's `files`, as compiled).
    pub fn preloaded(
        manifest: Manifest,
        files: &[(String, Vec<u8>)],
    ) -> Result<Self, broadsheet_core::DataError> {
        let mut reader = Reader::new(manifest);
        for (path, bytes) in files {
            reader.add(path, Some(bytes), path)?;
        }
        Ok(Self::with(String::new(), reader))
    }

    /// Reads what the loaded files answer, if they answer: `ask` is asked
    /// once, with no request.
    pub fn now<T>(&self, ask: impl Fn(&Reader) -> Step<T>) -> Option<T> {
        let reader = self.reader.read().ok()?;
        match ask(&reader) {
            Step::Done(answer) => Some(answer),
            Step::Need(_) => None,
        }
    }

    /// Answers `ask`, loading the files it needs round by round (each
    /// round's files at once). A file that fails is the error, naming its
    /// URL; an archive's file the host does not have (404) is an archive
    /// the data does not have. Aborting `cancel` abandons the requests.
    pub async fn ask<T>(
        &self,
        ask: impl Fn(&Reader) -> Result<Step<T>, LoadError>,
        cancel: Option<AbortSignal>,
    ) -> Result<T, LoadError> {
        loop {
            let need = {
                let reader = self.reader.read().map_err(|_| poisoned())?;
                match ask(&reader)? {
                    Step::Done(answer) => return Ok(answer),
                    Step::Need(need) => need,
                }
            };
            self.load(need, cancel.clone()).await?;
        }
    }

    /// Loads the files at `need` at once and adds them to the reader. One
    /// boxed future, so the requests are compiled once rather than into
    /// every question's state machine.
    fn load(
        &self,
        need: Vec<String>,
        cancel: Option<AbortSignal>,
    ) -> Pin<Box<dyn Future<Output = Result<(), LoadError>> + '_>> {
        Box::pin(async move {
            let loads = need.iter().map(|path| {
                let url = format!("{}{path}", self.base);
                let cancel = cancel.clone();
                async move { (http::get_kept(url.clone(), cancel).await, url) }
            });
            let loaded = join_all(loads).await;
            let mut reader = self.reader.write().map_err(|_| poisoned())?;
            for (path, (bytes, url)) in need.iter().zip(loaded) {
                let bytes = match bytes {
                    Ok(bytes) => Some(bytes),
                    Err(error) if error.is_missing() && path.contains("/p-") => None,
                    Err(error) => return Err(error),
                };
                reader
                    .add(path, bytes.as_deref(), &url)
                    .map_err(LoadError::Data)?;
            }
            Ok(())
        })
    }
}

/// A question that panicked while the reader was held (never expected).
fn poisoned() -> LoadError {
    LoadError::Network {
        url: DIRECTORY.to_owned(),
        reason: "the index reader stopped after an error; reload the page".to_owned(),
    }
}
