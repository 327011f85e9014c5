//! What the property tests share: a synthetic archive's catalog and a
//! strategy for queries over it.

use std::sync::OnceLock;

use broadsheet_core::{parse_index, synthetic, Catalog, Query, Sort};
use proptest::prelude::*;

/// The catalog of a 600-article synthetic archive.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let archive = synthetic::generate(600, 7);
        let index = parse_index(archive.index.as_bytes(), "index.json").expect("synthetic index");
        Catalog::new(index)
    })
}

/// Queries that name real slugs, years and words from the catalog (so
/// they often match something), and sometimes unknown ones.
pub fn query() -> impl Strategy<Value = Query> {
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
