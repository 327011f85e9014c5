//! Property tests of the query logic over a synthetic archive: every
//! result meets every filter, facet counts equal the totals of applying
//! them, paging shows every result once, and URLs round-trip.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use broadsheet_core::search::{fold, starts_word, terms};
use broadsheet_core::{parse_index, synthetic, Catalog, Query, Sort};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let archive = synthetic::generate(600, 7);
        let index = parse_index(archive.index.as_bytes(), "index.json").expect("synthetic index");
        Catalog::new(index)
    })
}

/// Queries that name real slugs, years and words from the catalog (so
/// they often match something), and sometimes unknown ones.
fn query() -> impl Strategy<Value = Query> {
    let index = catalog().index();
    let pick = |slugs: Vec<String>| {
        prop_oneof![
            3 => Just(None),
            3 => proptest::sample::select(slugs).prop_map(Some),
            1 => Just(Some("no-such-slug".to_owned())),
        ]
    };
    let categories = pick(index.categories.iter().map(|t| t.slug.clone()).collect());
    let authors = pick(index.authors.iter().map(|a| a.slug.clone()).collect());
    let tags = pick(index.tags.iter().map(|t| t.slug.clone()).collect());
    let years = prop_oneof![
        2 => Just(None),
        2 => proptest::sample::select(catalog().years().to_vec()).prop_map(Some),
        1 => (1u16..=9999).prop_map(Some),
    ];
    let words: Vec<String> = index
        .teasers
        .iter()
        .take(50)
        .flat_map(|t| t.title.split(' ').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let text = prop_oneof![
        3 => Just(None),
        2 => proptest::sample::select(words.clone()).prop_map(Some),
        1 => (proptest::sample::select(words.clone()), proptest::sample::select(words))
            .prop_map(|(a, b)| Some(format!("{a} {}", b.to_uppercase()))),
        1 => "[a-zà-ÿ’' ]{1,8}".prop_map(Some),
    ];
    let sort = prop_oneof![
        Just(Sort::Newest),
        Just(Sort::Oldest),
        Just(Sort::Relevance)
    ];
    (
        categories,
        authors,
        tags,
        years,
        text,
        sort,
        1u32..6,
        1u32..=100,
    )
        .prop_map(
            |(category, author, tag, year, text, sort, page, per_page)| Query {
                category,
                author,
                tag,
                year,
                text,
                sort,
                page,
                per_page,
            },
        )
}

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
