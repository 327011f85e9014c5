//! Slugs name articles, authors and terms in URLs and file names.

/// Whether `slug` is safe to put in a URL path and a file name: one to 200
/// characters of lowercase ASCII letters, digits and inner hyphens.
///
/// Slugs come from data, and the app builds request URLs from them
/// (`data/articles/<slug>.json`), so anything that could climb out of the
/// data folder or change the URL's meaning (`..`, `/`, `?`, `%`) is refused.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_valid_slug;

    #[test]
    fn accepts_plain_slugs() {
        for slug in ["peru", "explosive-protests-rock-peru", "2022-review", "a"] {
            assert!(is_valid_slug(slug), "{slug} should be valid");
        }
    }

    #[test]
    fn refuses_anything_that_could_change_a_path() {
        for slug in [
            "", "..", "../index", "a/b", "a?b", "a%2fb", "Peru", "perú", "-a", "a-", "a b",
        ] {
            assert!(!is_valid_slug(slug), "{slug:?} should be refused");
        }
        assert!(!is_valid_slug(&"a".repeat(201)));
    }
}
