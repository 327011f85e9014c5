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
    // The open link: where its text starts, and whether its class marks
    // it as a read-more link.
    let mut link: Option<(usize, bool)> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let markup = &rest[open..];
        if let Some(comment) = markup.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(close) = tag_end(markup) else {
            // A `<` that starts no tag is text.
            text.push('<');
            rest = &markup[1..];
            continue;
        };
        let tag = &markup[1..close];
        rest = &markup[close + 1..];
        let closing = tag.starts_with('/');
        let name = tag_name(tag);
        match (name.as_str(), closing) {
            ("script" | "style", false) => rest = after_closing(rest, &name),
            ("a", false) => link = Some((text.len(), has_class(tag, "more-link"))),
            ("a", true) => {
                if let Some((start, marked)) = link.take() {
                    let said = collapse(&decode_entities(&text[start..])).to_ascii_lowercase();
                    if marked
                        || said.starts_with("continue reading")
                        || said.starts_with("read more")
                    {
                        text.truncate(start);
                        text.push(' ');
                    }
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

/// Whether the tag's `class` attribute lists `token`.
fn has_class(tag: &str, token: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find("class=") else {
        return false;
    };
    let value = &tag[at + 6..];
    let value = match value.chars().next() {
        Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or_default(),
        _ => value
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or_default(),
    };
    value.split_whitespace().any(|class| class == token)
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

/// What follows the closing tag of `name` (`</script>`; all of it
/// consumed when there is none).
fn after_closing<'a>(html: &'a str, name: &str) -> &'a str {
    let lower = html.to_ascii_lowercase();
    let needle = format!("</{name}");
    let mut from = 0;
    while let Some(found) = lower[from..].find(&needle) {
        let at = from + found;
        let after = at + needle.len();
        // `</scripts` is not `</script`.
        if !lower[after..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return match html[after..].find('>') {
                Some(end) => &html[after + end + 1..],
                None => "",
            };
        }
        from = after;
    }
    ""
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

/// The numbers 128–159 browsers read as Windows-1252's punctuation.
const WINDOWS_1252: &[(u32, char)] = &[
    (0x80, '€'),
    (0x82, '‚'),
    (0x84, '„'),
    (0x85, '…'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x99, '™'),
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
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let value = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
        // Old content often has Windows-1252's punctuation by number, which
        // browsers read as that code page does.
        if let Some(&(_, c)) = WINDOWS_1252.iter().find(|(code, _)| *code == value) {
            return Some(c);
        }
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
