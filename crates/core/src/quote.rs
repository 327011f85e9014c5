//! Values quoted in error messages.

/// `text` in double quotes with quotes, backslashes and control characters
/// escaped, as `"yesterday"`: what `{:?}` prints for ordinary text, without
/// the Unicode tables `Debug` pulls into the wasm.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn reads_like_debug_for_ordinary_text() {
        for text in [
            "yesterday",
            "Perú",
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "new\nline",
            "bell\u{7}",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
    }
}
