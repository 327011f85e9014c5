//! What a page's `<head>` says about it: the document title, the
//! description, the language, and for link previews the canonical link,
//! Open Graph and Twitter card tags.
//!
//! The one table of those tags: the app writes [`Head::tags`] into the
//! document, the build writes the same list as HTML.

use crate::model::Site;

/// Marks the tags a page adds to its head (all but the description, which
/// is the page's own), so the next view's replace them: the app and the
/// build write it alike.
pub const MARK: &str = "data-head";

/// The separator between a view's name and the site's in a title.
pub const TITLE_SEPARATOR: &str = " — ";

/// What one view tells the world about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The view's name or headline, without the site's name.
    pub title: String,
    /// The site's name.
    pub site_name: String,
    /// One or two sentences: the excerpt, the archive's description or
    /// the site's.
    pub description: String,
    /// The BCP 47 language of the page.
    pub language: String,
    /// For link previews; `None` leaves out the canonical link and the
    /// Open Graph and Twitter tags (the data names no site URL).
    pub card: Option<Card>,
}

/// The link-preview part of a [`Head`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// The page's absolute URL (also its canonical link).
    pub url: String,
    /// `article` or `website`.
    pub kind: &'static str,
    /// An absolute URL of the picture to show with a link to the page.
    pub image: Option<String>,
    /// When it was published, as `2022-04-12`.
    pub published: Option<String>,
}

/// One tag of [`Head::tags`]: `<meta name|property=… content=…>` or
/// `<link rel=… href=…>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// `meta` or `link`.
    pub element: &'static str,
    /// The attribute naming it: `name`, `property` or `rel`.
    pub key_attribute: &'static str,
    /// Its name, as `og:title`.
    pub key: &'static str,
    /// The attribute holding its value: `content` or `href`.
    pub value_attribute: &'static str,
    /// The value.
    pub value: String,
}

impl Head {
    /// The document title: "view — site", or the site's name alone for a
    /// view with no name of its own.
    pub fn document_title(&self) -> String {
        if self.title.is_empty() {
            self.site_name.clone()
        } else {
            format!("{}{TITLE_SEPARATOR}{}", self.title, self.site_name)
        }
    }

    /// The description and, with a card, the preview tags, in the order
    /// they are written.
    pub fn tags(&self) -> Vec<Tag> {
        let meta = |key_attribute, key, value: &str| Tag {
            element: "meta",
            key_attribute,
            key,
            value_attribute: "content",
            value: value.to_owned(),
        };
        let mut tags = vec![meta("name", "description", &self.description)];
        let Some(card) = &self.card else {
            return tags;
        };
        let twitter_card = if card.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        let entries: [(&'static str, &'static str, Option<&str>); 12] = [
            ("property", "og:title", Some(&self.title)),
            ("property", "og:description", Some(&self.description)),
            ("property", "og:type", Some(card.kind)),
            ("property", "og:url", Some(&card.url)),
            ("property", "og:site_name", Some(&self.site_name)),
            ("property", "og:image", card.image.as_deref()),
            (
                "property",
                "article:published_time",
                card.published.as_deref(),
            ),
            ("name", "twitter:card", Some(twitter_card)),
            ("name", "twitter:title", Some(&self.title)),
            ("name", "twitter:description", Some(&self.description)),
            ("name", "twitter:image", card.image.as_deref()),
            ("rel", "canonical", Some(&card.url)),
        ];
        for (key_attribute, key, value) in entries {
            let Some(value) = value else { continue };
            if key_attribute == "rel" {
                tags.push(Tag {
                    element: "link",
                    key_attribute,
                    key,
                    value_attribute: "href",
                    value: value.to_owned(),
                });
            } else {
                tags.push(meta(key_attribute, key, value));
            }
        }
        tags
    }
}

/// What a view says of itself; [`Head::of`] adds the site's part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewHead {
    /// The view's name or headline.
    pub title: String,
    /// Its own description; the site's when `None`.
    pub description: Option<String>,
    /// Its path below the app's base (from [`crate::Route::path`]); `None`
    /// for a view with no address of its own (not found).
    pub path: Option<String>,
    /// `article` or `website`.
    pub kind: &'static str,
    /// Its picture's URL as the page loads it (relative to the app's base,
    /// rooted, or absolute).
    pub image: Option<String>,
    /// When it was published, as `2022-04-12`.
    pub published: Option<String>,
    /// Its language when it differs from the site's.
    pub language: Option<String>,
}

impl Head {
    /// The head of `view` on `site`, named `site_name`: preview tags with
    /// absolute URLs when the site names its address and the view has one.
    pub fn of(view: ViewHead, site: &Site, site_name: &str) -> Head {
        let card = match (&site.url, &view.path) {
            (Some(site_url), Some(path)) => Some(Card {
                url: at_path(site_url, path),
                kind: view.kind,
                image: view.image.as_deref().map(|src| absolute(site_url, src)),
                published: view.published,
            }),
            _ => None,
        };
        Head {
            title: view.title,
            site_name: site_name.to_owned(),
            description: view.description.unwrap_or_else(|| site.description.clone()),
            language: view.language.unwrap_or_else(|| site.language.clone()),
            card,
        }
    }
}

/// The absolute URL of `path` (below the app's base, from `/`) on the
/// site whose address is `site_url`.
pub fn at_path(site_url: &str, path: &str) -> String {
    format!("{}{path}", site_url.trim_end_matches('/'))
}

/// `url` (as a page below the app's base loads it: absolute, rooted at
/// the host, or relative to the base) as an absolute URL on the site
/// whose address is `site_url` (`https://example.org/news/`, with or
/// without its trailing slash). The one rule for canonical links and
/// preview pictures.
pub fn absolute(site_url: &str, url: &str) -> String {
    let scheme_end = url.find([':', '/', '?', '#']);
    if scheme_end.is_some_and(|end| url[end..].starts_with(':')) {
        // Absolute already (`https://…`, `data:…`).
        return url.to_owned();
    }
    let site = site_url.trim_end_matches('/');
    if let Some(host_relative) = url.strip_prefix("//") {
        let scheme = site.split_once("://").map_or("https", |(scheme, _)| scheme);
        return format!("{scheme}://{host_relative}");
    }
    if let Some(rooted) = url.strip_prefix('/') {
        let after_scheme = site.find("://").map_or(0, |at| at + 3);
        let origin_end = site[after_scheme..]
            .find('/')
            .map_or(site.len(), |at| after_scheme + at);
        return format!("{}/{rooted}", &site[..origin_end]);
    }
    format!("{site}/{url}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_adds_the_preview_tags_and_no_card_only_the_description() {
        let mut head = Head {
            title: "A".to_owned(),
            site_name: "Site".to_owned(),
            description: "About A".to_owned(),
            language: "en".to_owned(),
            card: None,
        };
        assert_eq!(head.document_title(), "A — Site");
        assert_eq!(head.tags().len(), 1);
        head.card = Some(Card {
            url: at_path("https://example.org/news/", "/articles/a"),
            kind: "article",
            image: None,
            published: Some("2022-04-12".to_owned()),
        });
        let tags = head.tags();
        let find = |key: &str| tags.iter().find(|t| t.key == key).map(|t| t.value.as_str());
        assert_eq!(find("og:url"), Some("https://example.org/news/articles/a"));
        assert_eq!(find("twitter:card"), Some("summary"));
        assert_eq!(find("og:image"), None);
        let canonical = tags.iter().find(|t| t.key == "canonical").unwrap();
        assert_eq!(
            (canonical.element, canonical.value_attribute),
            ("link", "href")
        );
    }

    #[test]
    fn urls_resolve_against_the_site_s_address() {
        let site = "https://example.org/news/";
        assert_eq!(
            absolute(site, "/img/a.jpg"),
            "https://example.org/img/a.jpg"
        );
        assert_eq!(
            absolute(site, "data/a.jpg"),
            "https://example.org/news/data/a.jpg"
        );
        assert_eq!(
            absolute(site, "https://cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
        assert_eq!(absolute("https://example.org", "/"), "https://example.org/");
        assert_eq!(
            absolute(site, "//cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
        assert_eq!(
            absolute(site, "data:image/png;base64,AA"),
            "data:image/png;base64,AA"
        );
    }
}
