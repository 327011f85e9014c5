//! Which parts of an untrusted article body are kept, and how: the one
//! policy ([`decide`]) that the app's sanitiser applies to the browser's
//! parse of a body (src/sanitize.rs) and [`crate::sanitize`] applies to
//! html5ever's at build time, node for node, so the two give one result.

/// Elements kept, with their contents.
pub const ELEMENTS: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "mark",
    "abbr",
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "div",
    "span",
    "time",
    "del",
    "ins",
];

/// Elements dropped with everything inside them: code, embedded content,
/// forms and foreign markup. Any other element not kept is unwrapped: its
/// contents stay, itself goes.
pub const DROPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "marquee", "form", "input", "button", "select", "textarea", "option", "svg", "math",
    "link", "meta", "base", "title", "head", "audio", "video", "source", "track", "canvas",
    "dialog", "portal", "slot",
];

/// Attributes kept on any kept element.
pub const GLOBAL_ATTRIBUTES: &[&str] = &["title", "lang", "dir"];

/// Attributes kept on particular elements; those marked as URLs must pass
/// [`is_safe_url`].
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("a", "href"),
    ("img", "src"),
    ("img", "alt"),
    ("img", "width"),
    ("img", "height"),
    ("blockquote", "cite"),
    ("q", "cite"),
    ("del", "cite"),
    ("ins", "cite"),
    ("td", "colspan"),
    ("td", "rowspan"),
    ("th", "colspan"),
    ("th", "rowspan"),
    ("th", "scope"),
    ("ol", "start"),
    ("ol", "reversed"),
    ("time", "datetime"),
];

/// Attributes holding a URL, which must pass [`is_safe_url`].
pub const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];

/// The value of `rel` on a link that leaves the site.
pub const EXTERNAL_REL: &str = "noopener noreferrer";

/// What becomes of one element of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Left out with everything inside it.
    Drop,
    /// Left out, its children kept in its place.
    Unwrap,
    /// Kept as `name` (an `<h1>` becomes an `<h2>`: the page's own
    /// headline is the only `<h1>`) with these attributes, in order.
    Keep {
        /// The element's name.
        name: &'static str,
        /// Its attributes: the allowed ones as given, then those added.
        attributes: Vec<(String, String)>,
    },
}

/// How deep kept elements nest; deeper ones are unwrapped (browsers stop
/// nesting at 512 levels while parsing, html5ever does not; and the
/// sanitisers' walks stay shallow).
pub const MAX_DEPTH: usize = 256;

/// Where an element is in the kept tree: its kept parent's name (`None`
/// at the top of the body) and how many kept elements enclose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// The name of the kept element it goes into.
    pub parent: Option<&'static str>,
    /// How many kept elements enclose it.
    pub depth: usize,
}

impl Place {
    /// The place of the children of a kept `name` here.
    pub fn inside(self, name: &'static str) -> Place {
        Place {
            parent: Some(name),
            depth: self.depth + 1,
        }
    }
}

/// Whether the HTML parser would keep `name` as a child of `parent`, so
/// the kept tree reads back the same once written out as HTML and parsed
/// as part of the page: table parts only in their table, and no
/// paragraph, heading or list item directly inside its own kind (which an
/// unwrapped element between them can leave).
fn fits(name: &str, parent: Option<&str>) -> bool {
    let heading = |n: &str| matches!(n, "h2" | "h3" | "h4" | "h5" | "h6");
    match (name, parent) {
        ("caption" | "thead" | "tbody" | "tfoot", parent) => parent == Some("table"),
        ("tr", parent) => matches!(parent, Some("thead" | "tbody" | "tfoot")),
        ("td" | "th", parent) => parent == Some("tr"),
        ("p", Some("p")) | ("li", Some("li")) => false,
        ("dt" | "dd", Some("dt" | "dd")) => false,
        (name, Some(parent)) if heading(name) && heading(parent) => false,
        _ => true,
    }
}

/// What becomes of the element `name` (lowercase, as parsed) with
/// `attributes` at `place`; `html` says whether it is in the HTML
/// namespace (SVG and MathML bring their own rules and are dropped).
pub fn decide<'a>(
    name: &str,
    html: bool,
    attributes: impl IntoIterator<Item = (&'a str, &'a str)>,
    place: Place,
) -> Decision {
    if !html {
        return Decision::Drop;
    }
    let name = if name == "h1" { "h2" } else { name };
    if DROPPED.contains(&name) {
        return Decision::Drop;
    }
    let Some(name) = ELEMENTS.iter().copied().find(|kept| *kept == name) else {
        return Decision::Unwrap;
    };
    if place.depth >= MAX_DEPTH || !fits(name, place.parent) {
        return Decision::Unwrap;
    }
    let mut kept: Vec<(String, String)> = attributes
        .into_iter()
        .filter(|(attribute, value)| {
            (GLOBAL_ATTRIBUTES.contains(attribute) || ATTRIBUTES.contains(&(name, *attribute)))
                && (!URL_ATTRIBUTES.contains(attribute) || is_safe_url(value))
        })
        .map(|(attribute, value)| (attribute.to_owned(), value.to_owned()))
        .collect();
    let value = |kept: &[(String, String)], wanted: &str| {
        kept.iter()
            .find(|(attribute, _)| attribute == wanted)
            .map(|(_, value)| value.clone())
    };
    match name {
        "img" => {
            if value(&kept, "src").is_none() {
                return Decision::Drop;
            }
            kept.push(("loading".to_owned(), "lazy".to_owned()));
            kept.push(("decoding".to_owned(), "async".to_owned()));
        }
        "a" => {
            let external = value(&kept, "href")
                .is_some_and(|href| href.contains("//") || href.starts_with("mailto:"));
            if external {
                kept.push(("rel".to_owned(), EXTERNAL_REL.to_owned()));
            }
        }
        _ => {}
    }
    Decision::Keep {
        name,
        attributes: kept,
    }
}

/// Whether `url` may be a link or an image source: http, https, mailto, or
/// relative. Browsers ignore tabs, newlines and leading spaces or control
/// characters in a URL, so they are ignored here too before the scheme is
/// read (`java\tscript:` is `javascript:`); a scheme with any other
/// character in it is refused.
pub fn is_safe_url(url: &str) -> bool {
    let plain: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let plain = plain.trim_start_matches(|c: char| c <= ' ');
    let scheme_end = plain.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if plain[end..].starts_with(':') => {
            let scheme = plain[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative URL (or a bare path or fragment).
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_https_mailto_and_relative_urls_pass() {
        for safe in [
            "https://example.org/a",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:desk@example.org",
            "/articles/peru",
            "peru.jpg",
            "../images/a.png",
            "#notes",
            "?page=2",
            "a/b:c",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{1}java\u{3}script:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "blob:https://example.org/x",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
    }

    #[test]
    fn decides_each_element() {
        let top = Place::default();
        assert_eq!(decide("script", true, [], top), Decision::Drop);
        assert_eq!(decide("p", false, [], top), Decision::Drop);
        assert_eq!(decide("font", true, [], top), Decision::Unwrap);
        assert_eq!(decide("td", true, [], top), Decision::Unwrap);
        assert_eq!(decide("p", true, [], top.inside("p")), Decision::Unwrap);
        let deep = Place {
            parent: Some("span"),
            depth: MAX_DEPTH,
        };
        assert_eq!(decide("span", true, [], deep), Decision::Unwrap);
        assert_eq!(
            decide("h1", true, [("onclick", "x()"), ("title", "T")], top),
            Decision::Keep {
                name: "h2",
                attributes: vec![("title".into(), "T".into())]
            }
        );
        assert_eq!(
            decide("img", true, [("src", "javascript:x")], top),
            Decision::Drop
        );
        let Decision::Keep { attributes, .. } =
            decide("a", true, [("href", "https://example.org/")], top)
        else {
            panic!("a link is kept");
        };
        assert!(attributes.contains(&("rel".into(), EXTERNAL_REL.into())));
    }
}
