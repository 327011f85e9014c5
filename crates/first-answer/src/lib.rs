//! The first answer to a search typed into a page as built, before the
//! app has started.
//!
//! A reader who lands on a prerendered listing and types would otherwise
//! wait for the app's wasm (most of a first visit's bytes) before any
//! answer. This module is the compiled index's reader
//! ([`broadsheet_core::compiled::Reader`]) and nothing else: `boot.js`
//! loads it when the reader types, feeds it the files each question needs
//! and fills the page's own cards (as the build rendered them from the
//! app's `TeaserCard`) with the [`View`] it answers. The app takes over as
//! soon as it has started, with the same search.
//!
//! Every fact comes from core, as the app takes it: the query read from
//! the address ([`Query::from_url`]), the answer ([`Reader::answer`]), the
//! status line ([`showing`]), the marks ([`highlight`]), bylines, dates and
//! links.

use broadsheet_core::compiled::{parse_manifest, Reader, Step};
use broadsheet_core::count::showing;
use broadsheet_core::highlight::highlight;
use broadsheet_core::model::display_title;
use broadsheet_core::route::article_path;
use broadsheet_core::{
    byline_gap, byline_tail, parse_config, ArchiveKind, DataError, Query, Route, Teaser,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The allocator: talc, as the app's (less wasm than dlmalloc).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The index's reader and the deployment's page size.
#[wasm_bindgen]
pub struct FirstAnswer {
    reader: Reader,
    per_page: u32,
}

/// What a question answers: the files to load first, or the view.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reply {
    /// Paths under the build's directory to load, then ask again.
    Need(Vec<String>),
    /// The listing's answer, ready to show.
    View(View),
}

/// A listing's answer as the page shows it.
#[derive(Debug, Serialize)]
pub struct View {
    /// The status line (`Showing 1–12 of 1,234 articles.`).
    pub status: String,
    /// Teasers matching the query.
    pub total: usize,
    /// Pages in all.
    pub pages: u32,
    /// This page's cards, in order.
    pub cards: Vec<Card>,
}

/// Text as printed, in runs: `true` for a run that matches a search word.
pub type Runs = Vec<(String, bool)>;

/// One teaser card's content.
#[derive(Debug, Serialize)]
pub struct Card {
    /// The article's slug.
    pub slug: String,
    /// Where the title and "Continue Reading" lead (under the app's base).
    pub link: String,
    /// The categories: slug, archive path, name.
    pub categories: Vec<(String, String, String)>,
    /// The headline.
    pub title: Runs,
    /// The bylines, in order.
    pub authors: Vec<Byline>,
    /// The day, as `2023-02-17`.
    pub datetime: String,
    /// The day, as `17 February 2023`.
    pub date: String,
    /// The excerpt.
    pub excerpt: Runs,
}

/// One author's byline.
#[derive(Debug, Serialize)]
pub struct Byline {
    /// What separates it from the one before (`""` for the first).
    pub gap: &'static str,
    /// The author's slug.
    pub slug: String,
    /// The author's archive path.
    pub path: String,
    /// The name.
    pub name: Runs,
    /// The rest of the byline (`is a member of …`).
    pub tail: String,
}

#[wasm_bindgen]
impl FirstAnswer {
    /// A reader of the index `manifest` names, with `config` (the
    /// deployment's config.json) saying the page size.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &[u8], manifest: &[u8]) -> Result<FirstAnswer, JsError> {
        Ok(Self::open(config, manifest)?)
    }

    /// Adds a loaded file (`None`: the host has none).
    pub fn add(&mut self, path: &str, bytes: Option<Vec<u8>>) -> Result<(), JsError> {
        Ok(self.add_file(path, bytes.as_deref())?)
    }

    /// Answers the listing at `path` (below the app's base: `/`,
    /// `/category/peru`) with the address's query string `search`, as
    /// JSON: `{"need": [paths]}` or `{"view": View}`.
    pub fn ask(&self, path: &str, search: &str) -> Result<String, JsError> {
        let reply = self.reply(path, search)?;
        Ok(serde_json::to_string(&reply)?)
    }
}

impl FirstAnswer {
    /// [`FirstAnswer::new`], for any caller.
    pub fn open(config: &[u8], manifest: &[u8]) -> Result<Self, DataError> {
        let config = parse_config(config, "config.json")?;
        let manifest = parse_manifest(manifest, "index/manifest.json")?;
        Ok(Self {
            reader: Reader::new(manifest),
            per_page: config.page_size,
        })
    }

    /// [`FirstAnswer::add`], for any caller. A file already added is
    /// kept (two questions in flight may both have asked for it).
    pub fn add_file(&mut self, path: &str, bytes: Option<&[u8]>) -> Result<(), DataError> {
        if self.reader.has(path) {
            return Ok(());
        }
        self.reader.add(path, bytes, path)
    }

    /// [`FirstAnswer::ask`]'s answer, before it is written as JSON.
    pub fn reply(&self, path: &str, search: &str) -> Result<Reply, DataError> {
        let mut query = Query::from_url(search);
        query.per_page = self.per_page;
        // An archive's own filter comes from its path, as the app's
        // listing takes it.
        let scope = Route::parse(path).archive().map(|(kind, slug)| {
            query.set_archive(kind, Some(slug.to_owned()));
            kind
        });
        Ok(match self.reader.answer(&query, false)? {
            Step::Need(paths) => Reply::Need(paths),
            Step::Done(answer) => Reply::View(View {
                status: showing(answer.total, answer.page, query.per_page),
                total: answer.total,
                pages: answer.pages,
                cards: answer
                    .teasers
                    .into_iter()
                    .map(|teaser| card(teaser, &query, scope, &answer.terms))
                    .collect(),
            }),
        })
    }
}

/// `text` in runs, those matching `terms` marked.
fn runs(text: &str, terms: &[String]) -> Runs {
    highlight(text, terms)
        .into_iter()
        .map(|(run, marked)| (run.to_owned(), marked))
        .collect()
}

/// The card of `teaser` in the results of `query` on a listing confined
/// to `scope`.
fn card(teaser: Teaser, query: &Query, scope: Option<ArchiveKind>, terms: &[String]) -> Card {
    let path = |kind: ArchiveKind, slug: &str| kind.route(slug).path().unwrap_or_default();
    let authors = teaser
        .authors
        .iter()
        .enumerate()
        .map(|(position, author)| Byline {
            gap: byline_gap(&teaser.authors, position),
            slug: author.slug.clone(),
            path: path(ArchiveKind::Author, &author.slug),
            name: runs(&author.name, terms),
            tail: byline_tail(author),
        })
        .collect();
    Card {
        link: article_path(&teaser.slug, query, scope),
        categories: teaser
            .categories
            .iter()
            .map(|term| {
                (
                    term.slug.clone(),
                    path(ArchiveKind::Category, &term.slug),
                    term.name.clone(),
                )
            })
            .collect(),
        title: runs(&display_title(&teaser.title), terms),
        authors,
        datetime: teaser.date.iso(),
        date: teaser.date.long(),
        excerpt: runs(&teaser.excerpt, terms),
        slug: teaser.slug,
    }
}
