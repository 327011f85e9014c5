//! Which parts of an untrusted article body are kept: the allowlist the
//! app's sanitiser (src/sanitize.rs) applies in the browser and the
//! prerenderer (xtask) applies at build time, so the two agree.

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
    "applet", "form", "input", "button", "select", "textarea", "option", "svg", "math", "link",
    "meta", "base", "title", "head", "audio", "video", "source", "track", "canvas", "dialog",
    "portal", "slot",
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

pub const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite"];
