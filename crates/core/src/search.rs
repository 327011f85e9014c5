//! Text matching for search: case, accents and apostrophes do not matter.
//!
//! "peru" finds "Perú"; "odwyer", "o'dwyer" and "o’dwyer" all find
//! "O’Dwyer". The folding table covers the Latin letters news archives
//! use; it is written out rather than taken from a Unicode normalisation
//! crate, whose tables would weigh more in the wasm than this whole module.

/// Lowercases `text`, strips accents from Latin letters, drops apostrophes
/// and turns every other non-alphanumeric character into a space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Appends the folded form of one character: nothing for an apostrophe,
/// a space for punctuation, else its lowercase letters without accents.
pub(crate) fn fold_char(c: char, out: &mut String) {
    match c {
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' => {}
        c if c.is_alphanumeric() => {
            for lower in c.to_lowercase() {
                match strip_accent(lower) {
                    Some(plain) => out.push_str(plain),
                    None => out.push(lower),
                }
            }
        }
        _ => out.push(' '),
    }
}

fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The folded words of a search, each of which must be found.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

/// Whether every term occurs in `haystack` (already folded).
pub fn matches(haystack: &str, terms: &[String]) -> bool {
    terms.iter().all(|term| haystack.contains(term.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_apostrophes_do_not_matter() {
        let haystack = fold("Darragh O’Dwyer on Perú’s “Pink Tide”");
        for query in [
            "peru",
            "PERÚ",
            "odwyer",
            "o'dwyer",
            "o’dwyer",
            "pink tide",
            "Perus",
        ] {
            assert!(matches(&haystack, &terms(query)), "{query}");
        }
        assert!(!matches(&haystack, &terms("pink wave")));
        assert_eq!(fold("Łódź Straße"), "lodz strasse");
    }
}
