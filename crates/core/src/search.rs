//! What a search matches: one definition for the bundle's catalog, the
//! compiled static index and the API server.
//!
//! Text is *folded* before it is compared: decomposed (Unicode NFKD:
//! accents apart, ligatures and full-width forms spelled plainly),
//! lowercased, its combining marks dropped (accents, Greek tonos,
//! Vietnamese tone marks), apostrophes dropped, the letters that carry
//! their stroke in the letter itself spelled plainly (`đ` → `d`, `ł` →
//! `l`, `ø` → `o`, `ß` → `ss`, final `ς` → `σ`), and every other
//! character that is not a letter or a digit turned into a space. Han,
//! Hiragana and Katakana characters are words of their own, as those
//! scripts write no spaces.
//!
//! A search's words are the folded query split at spaces; a teaser
//! matches when every one of them is the start of a word of its title,
//! its authors' names or its excerpt: "peru" finds "Perú" and
//! "Peruvian", "odwyer" finds "O’Dwyer", "αθηνα" finds "Αθήνα", "da nang"
//! finds "Đà Nẵng"; "eru" finds none of them.
//!
//! The Unicode tables come from the platform: in the browser its own
//! (`String.prototype.normalize`, `toLowerCase`, `\p{M}`), which cost the
//! wasm nothing; natively the `unicode-normalization` crate and the
//! standard library. A wasm test holds the two to the same results.

/// Folds `text` (see the module's documentation).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        text.chars().for_each(|c| plain(c, &mut out));
    } else {
        platform::decompose(text)
            .chars()
            .for_each(|c| plain(c, &mut out));
    }
    out
}

/// Appends the folded form of one character. Folding is character by
/// character (`fold` of a text is the folds of its characters in turn),
/// which marking matches in the text as printed relies on.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        plain(c, out);
    } else {
        let mut buffer = [0; 4];
        platform::decompose(c.encode_utf8(&mut buffer))
            .chars()
            .for_each(|c| plain(c, out));
    }
}

/// Folds one character that is already decomposed, lowercased and free of
/// combining marks.
fn plain(c: char, out: &mut String) {
    match c {
        'a'..='z' | '0'..='9' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' => {}
        c if c.is_alphanumeric() => match stroked(c) {
            Some(plain) => out.push_str(plain),
            None if own_word(c) => {
                out.push(' ');
                out.push(c);
                out.push(' ');
            }
            None => out.push(c),
        },
        _ => out.push(' '),
    }
}

/// Letters whose mark is part of the letter (no decomposition), spelled
/// plainly.
fn stroked(c: char) -> Option<&'static str> {
    Some(match c {
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ł' | 'ŀ' => "l",
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        'ŧ' => "t",
        'ς' => "σ",
        _ => return None,
    })
}

/// Whether `c` is a word by itself: Han ideographs, Hiragana, Katakana.
fn own_word(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The folded words of a search, each of which must be found.
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_owned).collect()
}

/// The folded words of `text`, in order, repeats included.
pub fn words(text: &str) -> Vec<String> {
    terms(text)
}

/// Whether `term` starts a word of `folded` (text already folded, whose
/// words are separated by spaces or newlines).
pub fn starts_word(folded: &str, term: &str) -> bool {
    folded
        .match_indices(term)
        .any(|(at, _)| at == 0 || matches!(folded.as_bytes().get(at - 1), Some(b' ' | b'\n')))
}

/// Whether every term starts a word of `folded`.
pub fn matches(folded: &str, terms: &[String]) -> bool {
    terms.iter().all(|term| starts_word(folded, term))
}

#[cfg(target_arch = "wasm32")]
mod platform {
    //! The browser's Unicode tables, through JavaScript.
    use js_sys::{JsString, RegExp};

    thread_local! {
        static MARKS: RegExp = RegExp::new(r"\p{M}", "gu");
    }

    /// `text` decomposed, lowercased, without combining marks.
    pub fn decompose(text: &str) -> String {
        let decomposed = JsString::from(text).normalize("NFKD").to_lower_case();
        MARKS
            .with(|marks| decomposed.replace_by_pattern(marks, ""))
            .into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod platform {
    //! The `unicode-normalization` crate's tables and the standard
    //! library's lowercase.
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    /// `text` decomposed, lowercased, without combining marks.
    pub fn decompose(text: &str) -> String {
        let decomposed: String = text.nfkd().collect();
        decomposed
            .to_lowercase()
            .chars()
            .filter(|c| !is_combining_mark(*c))
            .collect()
    }
}

/// Texts and their folds, the cases the browser's fold is held to (a wasm
/// test) and the build's (a unit test).
pub const FOLD_CASES: &[(&str, &str)] = &[
    (
        "Darragh O’Dwyer on Perú’s “Pink Tide”",
        "darragh odwyer on perus  pink tide ",
    ),
    ("Łódź Straße", "lodz strasse"),
    ("ΑΘΗΝΑ Αθήνα αθηνα", "αθηνα αθηνα αθηνα"),
    ("Οδυσσέας ΟΔΥΣΣΕΑΣ", "οδυσσεασ οδυσσεασ"),
    ("Москва Ёлка", "москва елка"),
    ("ĞÜNEŞ İstanbul", "gunes istanbul"),
    (
        "Đà Nẵng Hồ Chí Minh Nguyễn Thị Đức",
        "da nang ho chi minh nguyen thi duc",
    ),
    ("cafe\u{301} e\u{301}e\u{300}\u{302}", "cafe ee"),
    ("Smørrebrød Æble Œuvre Þór", "smorrebrod aeble oeuvre thor"),
    (
        "北京大学 東京タワー",
        " 北  京  大  学   東  京  タ  ワ  ー ",
    ),
    ("São Paulo, 2024—2025", "sao paulo  2024 2025"),
    ("ﬁnance Ｆｕｌｌ ²", "finance full 2"),
    ("don't l'Hôpital ʼokina", "dont lhopital okina"),
];

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
            "pe",
        ] {
            assert!(matches(&haystack, &terms(query)), "{query}");
        }
        assert!(!matches(&haystack, &terms("pink wave")));
        assert!(
            !matches(&haystack, &terms("eru")),
            "only the starts of words"
        );
        assert!(!matches(&haystack, &terms("dwyer")));
    }

    #[test]
    fn every_script_folds_as_documented() {
        for (text, folded) in FOLD_CASES {
            assert_eq!(fold(text), *folded, "{text}");
        }
        assert!(matches(&fold("Αθήνα"), &terms("αθηνα")));
        assert!(matches(&fold("Đà Nẵng"), &terms("da nang")));
        assert!(matches(&fold("cafe\u{301}"), &terms("café")));
        assert!(matches(&fold("北京大学"), &terms("北京")));
    }

    #[test]
    fn a_text_folds_as_its_characters_do() {
        for (text, _) in FOLD_CASES {
            let mut by_char = String::new();
            text.chars().for_each(|c| fold_char(c, &mut by_char));
            assert_eq!(by_char, fold(text), "{text}");
        }
    }
}
