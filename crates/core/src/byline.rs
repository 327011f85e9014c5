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

#[cfg(test)]
mod tests {
    use super::byline;
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
}
