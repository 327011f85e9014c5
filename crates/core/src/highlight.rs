//! Marking the words a search matched, in the text as printed.
//!
//! Search compares folded text (see [`crate::search`]), so a match is found
//! in the folded form and mapped back to the original characters: "odwyer"
//! marks all of "O’Dwyer", apostrophe included, and "peru" marks "Perú".

use crate::search::fold_char;

/// `text` cut into runs, each `true` where it is part of a match of one of
/// `terms` (folded search words, as [`crate::search::terms`] gives them).
/// Concatenating the runs gives `text` back.
pub fn highlight<'a>(text: &'a str, terms: &[String]) -> Vec<(&'a str, bool)> {
    // For every byte of the folded text, the original character it came from.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        let end = start + c.len_utf8();
        if folded.len() == before {
            // A combining mark belongs to the letter before it.
            if let Some(&(last, _)) = origin.last() {
                for at in origin.iter_mut().rev().take_while(|at| at.0 == last) {
                    at.1 = end;
                }
            }
        }
        origin.extend(std::iter::repeat_n((start, end), folded.len() - before));
    }
    // Which bytes of `text` are marked (a table rather than sorted ranges:
    // each sort is code in the wasm).
    let mut marked = vec![false; text.len()];
    for term in terms.iter().filter(|term| !term.is_empty()) {
        let starts = |at: usize| at == 0 || folded.as_bytes()[at - 1] == b' ';
        for (at, found) in folded
            .match_indices(term.as_str())
            .filter(|(at, _)| starts(*at))
        {
            if let (Some(first), Some(last)) = (origin.get(at), origin.get(at + found.len() - 1)) {
                marked[first.0..last.1].fill(true);
            }
        }
    }
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=text.len() {
        let boundary = end == text.len() || marked[end] != marked[start];
        if boundary && text.is_char_boundary(end) {
            runs.push((&text[start..end], marked[start]));
            start = end;
        }
    }
    if runs.is_empty() {
        runs.push((text, false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::highlight;
    use crate::search::terms;

    fn marked(text: &str, query: &str) -> Vec<String> {
        highlight(text, &terms(query))
            .into_iter()
            .filter(|(_, mark)| *mark)
            .map(|(run, _)| run.to_owned())
            .collect()
    }

    #[test]
    fn marks_the_original_characters() {
        assert_eq!(marked("Mass Revolt in Perú", "peru"), ["Perú"]);
        assert_eq!(marked("Darragh O’Dwyer writes", "odwyer"), ["O’Dwyer"]);
        assert_eq!(marked("Darragh O’Dwyer writes", "o'dwyer"), ["O’Dwyer"]);
        assert_eq!(
            marked("Peru, Perú and PERU", "peru"),
            ["Peru", "Perú", "PERU"]
        );
        assert_eq!(marked("Pink Tide", "tide pink"), ["Pink", "Tide"]);
    }

    #[test]
    fn overlapping_matches_make_one_run() {
        assert_eq!(marked("revolution", "revol revolu"), ["revolu"]);
        assert_eq!(marked("abc abc", "abc ab"), ["abc", "abc"]);
    }

    #[test]
    fn marks_only_the_starts_of_words_and_their_marks() {
        assert_eq!(marked("Peru and Superuser", "peru"), ["Peru"]);
        assert_eq!(marked("cafe\u{301} noir", "cafe"), ["cafe\u{301}"]);
        assert_eq!(marked("Đà Nẵng", "da nang"), ["Đà", "Nẵng"]);
    }

    #[test]
    fn runs_give_the_text_back() {
        for (text, query) in [
            ("Łódź Straße", "strasse"),
            ("", "x"),
            ("nothing here", "peru"),
            ("Perú", ""),
            ("a ß b", "ss"),
        ] {
            let runs = highlight(text, &terms(query));
            let joined: String = runs.iter().map(|(run, _)| *run).collect();
            assert_eq!(joined, text, "{query}");
        }
        assert_eq!(marked("a ß b", "ss"), ["ß"]);
    }
}
