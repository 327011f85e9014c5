//! Bylines as the seed's archive prints them.

use crate::model::Author;

/// The byline sentence for one author: `Darragh O’Dwyer is a member of
/// Socialist Alternative (England, Wales & Scotland).` when the data names
/// an affiliation, or just the name when it does not.
pub fn byline(author: &Author) -> String {
    format!("{}{}", author.name, byline_tail(author))
}

/// What the byline says after the name: ` is a member of Socialist
/// Alternative (England, Wales & Scotland).`, or nothing.
pub fn byline_tail(author: &Author) -> String {
    match &author.affiliation {
        Some(affiliation) => format!(" is a member of {affiliation}."),
        None => String::new(),
    }
}

/// What goes before the byline of the author at `position` of `authors`:
/// nothing before the first; a space after a byline that is a sentence;
/// otherwise `, ` between names and ` and ` before the last, so that
/// co-authors never run together ("José Núñez and Zoë Ó Briain is a
/// member of …").
pub fn byline_gap(authors: &[Author], position: usize) -> &'static str {
    let Some(previous) = position.checked_sub(1).and_then(|at| authors.get(at)) else {
        return "";
    };
    if previous.affiliation.is_some() {
        " "
    } else if position + 1 == authors.len() {
        " and "
    } else {
        ", "
    }
}

#[cfg(test)]
mod tests {
    use super::{byline, byline_gap};
    use crate::model::Author;

    #[test]
    fn reads_like_the_seed() {
        let author = Author {
            slug: "darragh-odwyer".into(),
            name: "Darragh O’Dwyer".into(),
            affiliation: Some("Socialist Alternative (England, Wales & Scotland)".into()),
            description: None,
        };
        assert_eq!(
            byline(&author),
            "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland)."
        );
    }

    #[test]
    fn is_the_name_alone_without_affiliation() {
        let author = Author {
            slug: "ann".into(),
            name: "Ann".into(),
            affiliation: None,
            description: None,
        };
        assert_eq!(byline(&author), "Ann");
    }

    #[test]
    fn co_authors_never_run_together() {
        let author = |name: &str, affiliation: Option<&str>| Author {
            slug: name.to_lowercase(),
            name: name.into(),
            affiliation: affiliation.map(Into::into),
            description: None,
        };
        let authors = [
            author("Ann", None),
            author("Bo", None),
            author("Cy", Some("X")),
            author("Di", None),
        ];
        let line: String = authors
            .iter()
            .enumerate()
            .map(|(at, a)| format!("{}{}", byline_gap(&authors, at), byline(a)))
            .collect();
        assert_eq!(line, "Ann, Bo, Cy is a member of X. Di");
        let two = [
            author("José Núñez", None),
            author("Zoë Ó Briain", Some("Y")),
        ];
        assert_eq!(byline_gap(&two, 1), " and ");
    }
}
