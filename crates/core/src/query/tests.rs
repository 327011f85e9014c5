use super::*;

#[test]
fn the_url_names_only_what_differs_from_the_default() {
    assert_eq!(Query::default().to_url(), "");
    let query = Query {
        category: Some("latin-america".into()),
        year: Some(2022),
        text: Some("o’dwyer & co".into()),
        sort: Sort::Oldest,
        page: 3,
        ..Query::default()
    };
    assert_eq!(
        query.to_url(),
        "category=latin-america&year=2022&q=o%E2%80%99dwyer+%26+co&sort=oldest&page=3"
    );
    assert_eq!(Query::from_url(&format!("?{}", query.to_url())), query);
    assert_eq!(
        query.to_api_url(),
        "category=latin-america&year=2022&q=o%E2%80%99dwyer+%26+co&sort=oldest&page=3&per_page=12"
    );
    assert_eq!(Query::default().to_api_url(), "per_page=12");
}

#[test]
fn the_url_is_read_leniently() {
    let query =
        Query::from_url("?year=abc&page=0&sort=best&colour=red&q=&tag=coup&page=2&utm_source=x");
    assert_eq!(
        query,
        Query {
            tag: Some("coup".into()),
            page: 2,
            ..Query::default()
        }
    );
    assert_eq!(Query::from_url("year=99999&page=-1&%ZZ"), Query::default());
    // Search text is kept as typed, so the box shows what the reader typed.
    assert_eq!(
        Query::from_url("q=pink+tide+").text.as_deref(),
        Some("pink tide ")
    );
    assert!(!Query::from_url("q=+").is_filtered());
    assert!(Query::from_url("q=peru").is_filtered());
}

#[test]
fn bad_parameters_are_named() {
    let error = |pairs: &[(&str, &str)]| {
        Query::from_pairs(pairs.iter().copied())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(&[("per_page", "500")]),
        r#"per_page: expected a number from 1 to 100, got "500""#
    );
    assert_eq!(
        error(&[("page", "0")]),
        r#"page: expected a number from 1 to 4294967295, got "0""#
    );
    assert_eq!(
        error(&[("sort", "best")]),
        r#"sort: expected newest, oldest or relevance, got "best""#
    );
    assert!(error(&[("colour", "red")]).starts_with("colour: unknown parameter"));
}

#[test]
fn sections_are_the_named_categories_or_the_largest() {
    let category = |slug: &str, count| FacetCount {
        slug: slug.into(),
        name: slug.to_uppercase(),
        count: Some(count),
    };
    let categories: Vec<FacetCount> = (0..8).map(|n| category(&format!("c{n}"), n)).collect();
    let slugs = |sections: Vec<FacetCount>| -> Vec<String> {
        sections.into_iter().map(|s| s.slug).collect()
    };
    assert_eq!(
        slugs(sections(
            &["c1".into(), "nope".into(), "c0".into()],
            &categories
        )),
        ["c1", "c0"]
    );
    assert_eq!(
        slugs(sections(&[], &categories)),
        ["c2", "c3", "c4", "c5", "c6", "c7"]
    );
}

#[test]
fn a_menu_shows_the_values_with_most_articles_first_and_finds_by_words() {
    let option = |name: &str, count: usize| FacetCount {
        slug: name.to_lowercase().replace(' ', "-"),
        name: name.to_owned(),
        count: Some(count),
    };
    let options = [
        option("Ana Núñez", 3),
        option("Darragh O’Dwyer", 9),
        option("Dara Ó Briain", 3),
        option("Zoë Adams", 12),
    ];
    let folded: Vec<String> = options
        .iter()
        .map(|o| crate::search::words(&o.name).join(" "))
        .collect();
    fn names((shown, matched): (Vec<&FacetCount>, usize)) -> (Vec<String>, usize) {
        (shown.iter().map(|o| o.name.clone()).collect(), matched)
    }
    assert_eq!(
        names(menu_values(&options, &folded, &[], 3)),
        (
            vec![
                "Zoë Adams".to_owned(),
                "Darragh O’Dwyer".into(),
                "Ana Núñez".into()
            ],
            4
        )
    );
    assert_eq!(
        names(menu_values(&options, &folded, &terms("dar"), 10)),
        (
            vec!["Darragh O’Dwyer".to_owned(), "Dara Ó Briain".into()],
            2
        )
    );
    assert_eq!(
        names(menu_values(&options, &folded, &terms("odwy"), 10)),
        (vec!["Darragh O’Dwyer".to_owned()], 1)
    );
    assert_eq!(
        names(menu_values(&options, &folded, &terms("nunez ana"), 10)),
        (vec!["Ana Núñez".to_owned()], 1)
    );
    assert_eq!(
        names(menu_values(&options, &folded, &terms("adams z"), 10)),
        (vec!["Zoë Adams".to_owned()], 1)
    );
    assert_eq!(
        names(menu_values(&options, &folded, &terms("x"), 10)),
        (Vec::<String>::new(), 0)
    );
}
