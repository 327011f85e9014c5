//! The compiled static index answers exactly as the catalog does over the
//! whole archive: results, order, totals, paging and every facet count,
//! for arbitrary queries; an article's place in results and its related
//! articles too. Each answer loads only the files it names.

use std::collections::HashMap;
use std::sync::OnceLock;

use broadsheet_core::compiled::{compile, parse_manifest, Reader, Step};
use broadsheet_core::Query;
use proptest::prelude::*;

mod common;
use common::{catalog, query};

/// The compiled index's files by path, and its manifest's bytes.
type Files = (HashMap<String, Vec<u8>>, Vec<u8>);

/// The compiled index's files, by path, and its manifest's bytes.
fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let compiled = compile(catalog(), &mut |_| {});
        let manifest = compiled.manifest_bytes();
        (compiled.files.into_iter().collect(), manifest)
    })
}

/// A reader with nothing loaded.
fn reader() -> Reader {
    let manifest = parse_manifest(&files().1, "manifest.json").expect("the manifest reads back");
    Reader::new(manifest)
}

/// Asks `ask` until it is answered, loading what it needs each round (a
/// file the build did not write is a 404); returns the answer, the rounds
/// and the files loaded.
fn resolve<T>(reader: &mut Reader, ask: impl Fn(&Reader) -> Step<T>) -> (T, usize, usize) {
    let mut rounds = 0;
    let mut loaded = 0;
    loop {
        match ask(reader) {
            Step::Done(answer) => return (answer, rounds, loaded),
            Step::Need(paths) => {
                rounds += 1;
                assert!(rounds < 5, "still needs {paths:?}");
                for path in paths {
                    assert!(!reader.has(&path), "{path} asked for twice");
                    let bytes = files().0.get(&path).map(Vec::as_slice);
                    reader
                        .add(&path, bytes, &path)
                        .expect("every file reads back");
                    loaded += 1;
                }
            }
        }
    }
}

fn answer(
    reader: &mut Reader,
    query: &Query,
    counts: bool,
) -> (broadsheet_core::Answer, usize, usize) {
    resolve(reader, |r| match r.answer(query, counts) {
        Ok(step) => step,
        Err(error) => panic!("{error}"),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn answers_equal_the_catalogs(query in query()) {
        let expected = catalog().run(&catalog().known(&query)).into_answer();
        let mut reader = reader();
        let (results, rounds, _) = answer(&mut reader, &query, false);
        prop_assert!(rounds <= 2, "{rounds} rounds for the results");
        prop_assert_eq!(&results.teasers, &expected.teasers);
        prop_assert_eq!((results.total, results.page, results.pages), (expected.total, expected.page, expected.pages));
        prop_assert_eq!(&results.terms, &expected.terms);
        // Without counts: what it names, and any number it gives, is the
        // catalog's, and the chosen author and tag are named.
        let known = catalog().known(&query);
        let pairs = [
            (&results.facets.categories, &expected.facets.categories, None),
            (&results.facets.authors, &expected.facets.authors, known.author.as_deref()),
            (&results.facets.tags, &expected.facets.tags, known.tag.as_deref()),
            (&results.facets.years, &expected.facets.years, None),
        ];
        for (ours, theirs, chosen) in pairs {
            for facet in ours.iter() {
                let same = theirs.iter().find(|t| t.slug == facet.slug).is_some_and(|t| {
                    t.name == facet.name && facet.count.is_none_or(|n| t.count == Some(n))
                });
                prop_assert!(same, "{facet:?} is not the catalog's");
            }
            if let Some(slug) = chosen {
                prop_assert!(ours.iter().any(|f| f.slug == slug), "the chosen {slug} is not named");
            }
        }
        let (counted, _, _) = answer(&mut reader, &query, true);
        prop_assert_eq!(&counted.facets, &expected.facets);
        prop_assert_eq!(&counted.teasers, &expected.teasers);
    }

    #[test]
    fn an_articles_place_and_relations_equal_the_catalogs(query in query(), at in 0usize..600) {
        let index = catalog().index();
        let slug = &index.teasers[at % index.teasers.len()].slug;
        let known = catalog().known(&query);
        let expected = catalog().around(&known, slug);
        let mut reader = reader();
        let (around, _, _) = resolve(&mut reader, |r| match r.around(&query, slug) {
            Step::Done(around) => Step::Done(around.map(|a| (a.position, a.total, a.previous.cloned(), a.next.cloned()))),
            Step::Need(paths) => Step::Need(paths),
        });
        prop_assert_eq!(around, expected.map(|a| (a.position, a.total, a.previous.cloned(), a.next.cloned())));
        let related: Vec<_> = catalog().related(slug, broadsheet_core::catalog::RELATED).into_iter().cloned().collect();
        let (ours, _, _) = resolve(&mut reader, |r| r.related(slug));
        prop_assert_eq!(ours, related);
        let (teaser, _, _) = resolve(&mut reader, |r| r.teaser_of(slug));
        prop_assert_eq!(teaser.as_ref(), index.teaser(slug));
    }
}

#[test]
fn the_first_page_loads_one_teaser_file_and_an_unknown_archive_is_none() {
    let mut reader = reader();
    let (first, rounds, loaded) = answer(&mut reader, &Query::default(), false);
    assert_eq!((rounds, loaded), (1, 1));
    assert_eq!(first.teasers.len(), 12);
    let (heading, _, _) = resolve(&mut reader, |r| {
        r.archive(broadsheet_core::ArchiveKind::Author, "no-such-author")
    });
    assert_eq!(heading, None);
    let slug = &catalog().index().authors[0].slug;
    let (heading, _, _) = resolve(&mut reader, |r| {
        r.archive(broadsheet_core::ArchiveKind::Author, slug)
    });
    assert_eq!(
        heading,
        catalog()
            .index()
            .archive(broadsheet_core::ArchiveKind::Author, slug)
    );
}
