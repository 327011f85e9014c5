//! The data contract: what a bundle holds and what the views show.
//!
//! A bundle is an index file (`index.json`: site metadata, the vocabularies
//! of authors and terms, and every teaser, whose authors and terms are named
//! by slug) and one file per article (`articles/<slug>.json`, complete in
//! itself, so an article opened directly needs no other file).

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::DataError;

/// What the archive says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// The site's name, shown in the masthead and document titles.
    pub title: String,
    /// One sentence about the site.
    #[serde(default)]
    pub description: String,
    /// The BCP 47 language of its articles, as `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site lives, as `https://example.org/news/`, for canonical
    /// links; absent in a bundle that may be hosted anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The categories the masthead lists as the site's sections, by slug,
    /// in order; when empty, its largest categories
    /// ([`crate::query::sections`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

/// The language of a site whose data names none.
pub const DEFAULT_LANGUAGE: &str = "en";

fn default_language() -> String {
    DEFAULT_LANGUAGE.to_owned()
}

/// A person who writes for the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The author's URL name, as `darragh-odwyer`.
    pub slug: String,
    /// The name as printed, as `Darragh O’Dwyer`.
    pub name: String,
    /// The organisation the byline names, as `Socialist Alternative (England, Wales & Scotland)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// A sentence or two about the author, for their archive page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A category or a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The term's URL name, as `latin-america`.
    pub slug: String,
    /// The name as printed, as `Latin America`.
    pub name: String,
    /// A sentence or two about the term, for its archive page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A picture shown with an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Its URL: absolute (`https:`), rooted (`/…`), or relative to the
    /// site's address (where `index.html` is), as every image URL in the
    /// data, `body_html` included, whatever the source.
    pub src: String,
    /// What it shows, for readers who cannot see it; empty if decorative.
    pub alt: String,
    /// Its width in CSS pixels, so the page reserves its space.
    pub width: u32,
    /// Its height in CSS pixels.
    pub height: u32,
    /// Other sizes of the same picture for the browser to choose from, as
    /// an `<img srcset>`: `pic-300.jpg 300w, pic-1024.jpg 1024w`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub srcset: Option<String>,
}

/// The `sizes` an article's image is shown at, for its `srcset`: the
/// reading column on a wide screen, the whole width on a phone.
pub const ARTICLE_IMAGE_SIZES: &str = "(min-width: 48rem) 46rem, 100vw";

/// What the grid shows of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaser {
    /// The article's URL name: its page is `articles/<slug>`.
    pub slug: String,
    /// The headline, as plain text.
    pub title: String,
    /// The day it was published.
    pub date: Date,
    /// Who wrote it, in byline order.
    pub authors: Vec<Author>,
    /// The sections it belongs to.
    #[serde(default)]
    pub categories: Vec<Term>,
    /// The topics it touches.
    #[serde(default)]
    pub tags: Vec<Term>,
    /// A plain-text summary; cut excerpts end in `[…]`.
    pub excerpt: String,
    /// The featured picture, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Estimated minutes to read the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_minutes: Option<u32>,
}

/// What stands for the headline of an article that has none (WordPress
/// allows posts without a title), so its heading and links still say
/// something.
pub const UNTITLED: &str = "(Untitled)";

/// `title` as headings and links show it: [`UNTITLED`] when blank.
pub fn display_title(title: &str) -> String {
    if title.trim().is_empty() {
        UNTITLED.to_owned()
    } else {
        title.to_owned()
    }
}

/// A whole article: its teaser and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Everything the grid shows, also the article page's header.
    pub teaser: Teaser,
    /// The body as HTML. Untrusted: sanitise before it reaches the page.
    pub body_html: String,
    /// The article's BCP 47 language when it differs from the site's.
    pub language: Option<String>,
}

/// A loaded archive: the site, its vocabularies and every teaser, newest
/// first as the file lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// What the archive says about itself.
    pub site: Site,
    /// Every author the teasers name.
    pub authors: Vec<Author>,
    /// Every category the teasers name.
    pub categories: Vec<Term>,
    /// Every tag the teasers name.
    pub tags: Vec<Term>,
    /// Every teaser, authors and terms resolved.
    pub teasers: Vec<Teaser>,
    /// More index files whose teasers belong to this archive, relative to
    /// the index; the loader fetches each and calls [`Index::add_part`].
    pub parts: Vec<String>,
    /// The teasers that could not be read, each with why; the grid shows
    /// the rest and says how many are missing.
    pub skipped: Vec<DataError>,
}

impl Index {
    /// The name and description of the archive `slug` of `kind`, if the
    /// archive has it: a term's own description; an author's, else their
    /// byline when it names an affiliation.
    pub fn archive(
        &self,
        kind: crate::ArchiveKind,
        slug: &str,
    ) -> Option<(String, Option<String>)> {
        let term = |terms: &[Term]| {
            terms
                .iter()
                .find(|t| t.slug == slug)
                .map(|t| (t.name.clone(), t.description.clone()))
        };
        match kind {
            crate::ArchiveKind::Category => term(&self.categories),
            crate::ArchiveKind::Tag => term(&self.tags),
            crate::ArchiveKind::Author => self.authors.iter().find(|a| a.slug == slug).map(|a| {
                let description = match (&a.affiliation, &a.description) {
                    (_, Some(description)) => Some(description.clone()),
                    (Some(_), None) => Some(crate::byline(a)),
                    (None, None) => None,
                };
                (a.name.clone(), description)
            }),
        }
    }

    /// The teaser with this slug, if the archive has one.
    pub fn teaser(&self, slug: &str) -> Option<&Teaser> {
        self.teasers.iter().find(|teaser| teaser.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::{display_title, UNTITLED};

    #[test]
    fn a_post_without_a_title_still_has_one_to_show() {
        assert_eq!(display_title(""), UNTITLED);
        assert_eq!(display_title("  \n"), UNTITLED);
        assert_eq!(display_title("Peru"), "Peru");
    }
}
