//! WordPress's rendered fields as plain text.
//!
//! `title.rendered`, `excerpt.rendered` and term names arrive as HTML with
//! entities (`&#8217;`, `&amp;`, `[&hellip;]`), and excerpts often carry a
//! theme's "Continue reading" link. The views want plain text: tags are
//! dropped, entities decoded, whitespace collapsed, and read-more links
//! left out (the grid has its own "Continue Reading").

/// `html` as plain text: elements dropped (keeping their text), entities
/// decoded, runs of whitespace made one space, read-more links (class
/// `more-link`, or text starting "Continue reading" or "Read more") and
/// the content of `<script>` and `<style>` left out.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tag_and_after = &rest[open..];
        let Some(close) = tag_end(tag_and_after) else {
            // A `<` that starts no tag is text.
            text.push('<');
            rest = &tag_and_after[1..];
            continue;
        };
        let tag = &tag_and_after[1..close];
        let name = tag_name(tag);
        rest = &tag_and_after[close + 1..];
        match name.as_str() {
            "script" | "style" if !tag.starts_with('/') => rest = after_closing(rest, &name),
            // A link's text stays (the loop goes on inside it), unless it
            // is a read-more link.
            "a" if !tag.starts_with('/') => {
                let end = closing_at(rest, "a").unwrap_or(rest.len());
                let folded = plain_text(&rest[..end]).to_ascii_lowercase();
                if tag.contains("more-link")
                    || folded.starts_with("continue reading")
                    || folded.starts_with("read more")
                {
                    text.push(' ');
                    rest = after_closing(rest, "a");
                }
            }
            // Block boundaries separate words.
            _ if is_block(&name) => text.push(' '),
            _ => {}
        }
    }
    text.push_str(rest);
    collapse(&decode_entities(&text))
}

/// The byte position of the `>` that ends the tag `markup` starts with
/// (`markup` begins with `<`), skipping quoted attribute values; `None`
/// when `<` starts no tag.
fn tag_end(markup: &str) -> Option<usize> {
    let next = markup[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!' || next == '?') {
        return None;
    }
    let mut quote = None;
    for (at, c) in markup.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return Some(at),
            _ => {}
        }
    }
    None
}

/// A tag's element name, lowercased, without `/`: `a` for `<a href…>` and
/// for `</A>`.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where the closing tag of `name` starts in `html`, if it has one.
fn closing_at(html: &str, name: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("</{name}");
    lower.find(&needle)
}

/// What follows the closing tag of `name` (all of it consumed when there
/// is none).
fn after_closing<'a>(html: &'a str, name: &str) -> &'a str {
    match closing_at(html, name) {
        Some(at) => match html[at..].find('>') {
            Some(end) => &html[at + end + 1..],
            None => "",
        },
        None => "",
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "tr"
            | "td"
            | "th"
            | "hr"
            | "section"
            | "article"
    )
}

/// Runs of whitespace (including no-break spaces from `&nbsp;`) as one
/// space, none at either end.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The named entities WordPress's formatting functions write (wptexturize,
/// esc_html) and a few more editors leave in; any other name stays as
/// written. Numeric entities are decoded whatever their number.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("hellip", '…'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("prime", '′'),
    ("Prime", '″'),
    ("times", '×'),
    ("minus", '−'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("shy", '\u{ad}'),
];

/// `text` with its character references decoded: `&#8217;` and `&#x2019;`
/// as `’`, `&hellip;` as `…`. A reference to no character (or to NUL) is
/// U+FFFD, as browsers read it; an unknown name stays as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(33)
            .find(|&(_, c)| c == ';')
            .map(|(at, _)| at);
        let decoded = end.and_then(|end| reference(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's body (between `&` and `;`) names.
fn reference(body: &str) -> Option<char> {
    if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(
            char::from_u32(value)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == body)
        .map(|&(_, c)| c)
}
