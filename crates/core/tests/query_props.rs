//! Property tests of the query logic over a synthetic archive: every
//! result meets every filter, facet counts equal the totals of applying
//! them, paging shows every result once, and URLs round-trip.

use broadsheet_core::search::{fold, starts_word, terms};
use broadsheet_core::Query;
use std::collections::BTreeSet;

mod common;
use proptest::prelude::*;

use common::{catalog, query};

/// Every matching teaser, on one page.
fn everything(query: &Query) -> Query {
    Query {
        page: 1,
        per_page: 100,
        ..query.clone()
    }
}

/// All results of `query`, page by page.
fn all_pages(query: &Query) -> Vec<String> {
    let first = catalog().run(&Query {
        page: 1,
        ..query.clone()
    });
    let mut slugs = Vec::new();
    for page in 1..=first.pages {
        let results = catalog().run(&Query {
            page,
            ..query.clone()
        });
        assert_eq!(results.total, first.total);
        assert!(results.teasers.len() <= query.per_page as usize);
        slugs.extend(results.teasers.iter().map(|t| t.slug.clone()));
    }
    slugs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_result_meets_every_filter(query in query()) {
        let words = terms(query.text.as_deref().unwrap_or_default());
        for teaser in all_pages(&query) {
            let teaser = catalog().index().teaser(&teaser).expect("a result is in the index");
            if let Some(slug) = &query.category {
                prop_assert!(teaser.categories.iter().any(|t| &t.slug == slug));
            }
            if let Some(slug) = &query.author {
                prop_assert!(teaser.authors.iter().any(|a| &a.slug == slug));
            }
            if let Some(slug) = &query.tag {
                prop_assert!(teaser.tags.iter().any(|t| &t.slug == slug));
            }
            if let Some(year) = query.year {
                prop_assert_eq!(teaser.date.year(), year);
            }
            let names: Vec<&str> = teaser.authors.iter().map(|a| a.name.as_str()).collect();
            let text = fold(&format!("{} {} {}", teaser.title, teaser.excerpt, names.join(" ")));
            for word in &words {
                prop_assert!(starts_word(&text, word), "{} lacks {}", teaser.slug, word);
            }
        }
    }

    #[test]
    fn paging_shows_every_result_exactly_once(query in query()) {
        let paged = all_pages(&query);
        let unique: BTreeSet<&String> = paged.iter().collect();
        prop_assert_eq!(unique.len(), paged.len(), "a result appears twice");
        let total = catalog().run(&query).total;
        prop_assert_eq!(paged.len(), total);
        // In the asked order: the same sequence as one big page would give,
        // when the whole result fits on one.
        if total <= 100 {
            let one: Vec<String> = catalog()
                .run(&everything(&query))
                .teasers
                .iter()
                .map(|t| t.slug.clone())
                .collect();
            prop_assert_eq!(&paged, &one);
        }
    }

    #[test]
    fn facet_counts_equal_the_totals_of_applying_them(query in query()) {
        let results = catalog().run(&query);
        let facets = &results.facets;
        for option in facets.categories.iter().step_by(3) {
            let applied = Query { category: Some(option.slug.clone()), ..query.clone() };
            prop_assert_eq!(option.count, Some(catalog().run(&applied).total), "category {}", option.slug);
        }
        for option in facets.authors.iter().step_by(17) {
            let applied = Query { author: Some(option.slug.clone()), ..query.clone() };
            prop_assert_eq!(option.count, Some(catalog().run(&applied).total), "author {}", option.slug);
        }
        for option in facets.tags.iter().step_by(23) {
            let applied = Query { tag: Some(option.slug.clone()), ..query.clone() };
            prop_assert_eq!(option.count, Some(catalog().run(&applied).total), "tag {}", option.slug);
        }
        for option in &facets.years {
            let year = option.slug.parse().ok();
            let applied = Query { year, ..query.clone() };
            prop_assert_eq!(option.count, Some(catalog().run(&applied).total), "year {}", option.slug);
        }
    }

    #[test]
    fn a_query_survives_its_url(query in query(), text in proptest::option::of("\\PC{1,12}")) {
        // The URL leaves the page size to the configuration.
        let query = Query { per_page: Query::default().per_page, text, ..query };
        prop_assert_eq!(Query::from_url(&query.to_url()), query.clone());
        prop_assert_eq!(Query::from_url(&format!("?{}", query.to_url())), query);
    }

    #[test]
    fn any_query_string_reads_without_panicking(search in "\\PC{0,60}") {
        let query = Query::from_url(&search);
        prop_assert!(query.page >= 1);
        let _ = catalog().run(&catalog().known(&query));
    }
}

#[test]
fn unknown_filters_are_dropped_by_known() {
    let query = Query::from_url("category=no-such&year=1066&author=also-not&q=x");
    let known = catalog().known(&query);
    assert_eq!(known.category, None);
    assert_eq!(known.author, None);
    assert_eq!(known.year, None);
    assert_eq!(known.text.as_deref(), Some("x"));
    // Unknown slugs match nothing when asked of the catalog directly.
    assert_eq!(catalog().run(&query).total, 0);
}
