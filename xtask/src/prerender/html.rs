//! Writing HTML by hand: escaping, and the page's `<head>` for one route.

use std::fmt::Write;

/// `text` escaped for an element's content or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// What a route's `<head>` says about it, as `src/head.rs` writes it in
/// the browser.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// The document title (`Latest articles — Broadsheet Sample`).
    pub title: String,
    /// The meta description.
    pub description: String,
    /// For link previews: the headline, its absolute URL, the site's name,
    /// `article` or `website`, an absolute image URL and the date. `None`
    /// leaves out Open Graph, Twitter and canonical tags (no site URL).
    pub card: Option<Card>,
}

/// The link-preview part of [`Head`].
#[derive(Debug, Clone, Default)]
pub struct Card {
    /// The headline or view name, without the site's name.
    pub title: String,
    /// The page's absolute URL.
    pub url: String,
    /// The site's name.
    pub site_name: String,
    /// `article` or `website`.
    pub kind: &'static str,
    /// An absolute URL of the picture.
    pub image: Option<String>,
    /// When it was published, as `2022-04-12`.
    pub published: Option<String>,
}

impl Head {
    /// The tags, as the app's head module (`src/head.rs`) writes them:
    /// the preview tags marked `data-head`, so the app removes them when
    /// the reader moves on.
    pub fn tags(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<title>{}</title><meta name=\"description\" content=\"{}\">",
            escape(&self.title),
            escape(&self.description)
        );
        let Some(card) = &self.card else {
            return out;
        };
        let twitter_card = if card.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        let tags: [(&str, &str, Option<&str>); 12] = [
            ("property", "og:title", Some(&card.title)),
            ("property", "og:description", Some(&self.description)),
            ("property", "og:type", Some(card.kind)),
            ("property", "og:url", Some(&card.url)),
            ("property", "og:site_name", Some(&card.site_name)),
            ("property", "og:image", card.image.as_deref()),
            (
                "property",
                "article:published_time",
                card.published.as_deref(),
            ),
            ("name", "twitter:card", Some(twitter_card)),
            ("name", "twitter:title", Some(&card.title)),
            ("name", "twitter:description", Some(&self.description)),
            ("name", "twitter:image", card.image.as_deref()),
            ("rel", "canonical", Some(&card.url)),
        ];
        for (attribute, key, value) in tags {
            let Some(value) = value else { continue };
            if attribute == "rel" {
                let _ = write!(
                    out,
                    "<link rel=\"{key}\" href=\"{}\" data-head=\"\">",
                    escape(value)
                );
            } else {
                let _ = write!(
                    out,
                    "<meta {attribute}=\"{key}\" content=\"{}\" data-head=\"\">",
                    escape(value)
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
    }

    #[test]
    fn writes_preview_tags_only_with_a_url() {
        let mut head = Head {
            title: "A — Site".to_owned(),
            description: "About \"A\"".to_owned(),
            card: None,
        };
        assert_eq!(
            head.tags(),
            "<title>A — Site</title><meta name=\"description\" content=\"About &quot;A&quot;\">"
        );
        head.card = Some(Card {
            title: "A".to_owned(),
            url: "https://example.org/articles/a".to_owned(),
            site_name: "Site".to_owned(),
            kind: "article",
            image: None,
            published: Some("2022-04-12".to_owned()),
        });
        let tags = head.tags();
        assert!(tags.contains("<meta property=\"og:title\" content=\"A\" data-head=\"\">"));
        assert!(tags.contains("<meta name=\"twitter:card\" content=\"summary\" data-head=\"\">"));
        assert!(tags.contains(
            "<link rel=\"canonical\" href=\"https://example.org/articles/a\" data-head=\"\">"
        ));
        assert!(!tags.contains("og:image"));
    }
}
