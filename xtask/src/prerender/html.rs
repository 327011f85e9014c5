//! The head of a built page as HTML: escaping, and core's one table of
//! head tags (`broadsheet_core::head`) written out.

use std::fmt::Write;

use broadsheet_core::head::{Head, MARK};

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

/// The `<title>` and every tag of `head`: the description as the page's
/// own, the preview tags marked `data-head`, as the app marks those it
/// adds, so it replaces them when the reader moves on.
pub fn head_tags(head: &Head) -> String {
    let mut out = format!("<title>{}</title>", escape(&head.document_title()));
    for tag in head.tags() {
        let mark = if tag.key == "description" {
            String::new()
        } else {
            format!(" {MARK}=\"\"")
        };
        let _ = write!(
            out,
            "<{} {}=\"{}\" {}=\"{}\"{mark}>",
            tag.element,
            tag.key_attribute,
            tag.key,
            tag.value_attribute,
            escape(&tag.value)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::head::Card;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
    }

    #[test]
    fn writes_preview_tags_only_with_a_card() {
        let mut head = Head {
            title: "A".to_owned(),
            site_name: "Site".to_owned(),
            description: "About \"A\"".to_owned(),
            language: "en".to_owned(),
            card: None,
        };
        assert_eq!(
            head_tags(&head),
            "<title>A — Site</title><meta name=\"description\" content=\"About &quot;A&quot;\">"
        );
        head.card = Some(Card {
            url: "https://example.org/articles/a".to_owned(),
            kind: "article",
            image: None,
            published: Some("2022-04-12".to_owned()),
        });
        let tags = head_tags(&head);
        assert!(tags.contains("<meta property=\"og:title\" content=\"A\" data-head=\"\">"));
        assert!(tags.contains("<meta name=\"twitter:card\" content=\"summary\" data-head=\"\">"));
        assert!(tags.contains(
            "<link rel=\"canonical\" href=\"https://example.org/articles/a\" data-head=\"\">"
        ));
        assert!(!tags.contains("og:image"));
    }
}
