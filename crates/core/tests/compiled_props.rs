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
fn resolve<T>(reader: &mut Reader, ask: impl Fn(&Reader) -> Step<T>) -> (T, usize, Vec<String>) {
    let mut rounds = 0;
    let mut loaded = Vec::new();
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
                    loaded.push(path);
                }
            }
        }
    }
}

fn answer(
    reader: &mut Reader,
    query: &Query,
    counts: bool,
) -> (broadsheet_core::Answer, usize, Vec<String>) {
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
        // The files first, then the teasers; a search that needs every
        // article of a long word (more words, another condition, oldest
        // first or a page past the newest its word file keeps) reads
        // the rest of it between.
        let newest_kept = query.terms().len() == 1
            && (query.category.is_none() && query.author.is_none() && query.tag.is_none())
            && query.year.is_none()
            && query.sort != broadsheet_core::Sort::Oldest
            && query.page as usize * query.page_size() <= broadsheet_core::compiled::HEAD;
        prop_assert!(rounds <= if newest_kept { 2 } else { 3 }, "{rounds} rounds for the results");
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

/// A search word as a reader types it: a word of the archive's titles, or
/// its start.
fn typed() -> impl Strategy<Value = String> {
    let words: Vec<String> = catalog()
        .index()
        .teasers
        .iter()
        .take(80)
        .flat_map(|t| t.title.split(' ').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    (proptest::sample::select(words), 1usize..8).prop_map(|(word, keep)| {
        let kept: String = word.chars().take(keep).collect();
        kept
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A lone search word's first page, newest first or by relevance,
    /// comes from its word file alone (with the teasers), whatever the
    /// word's length, and is the catalog's answer, total included.
    #[test]
    fn a_search_words_first_page_needs_only_its_word_file(
        text in typed(),
        relevance in any::<bool>(),
        page in 1u32..=2,
        per_page in 1u32..=12,
    ) {
        let query = Query {
            text: Some(text),
            sort: if relevance { broadsheet_core::Sort::Relevance } else { broadsheet_core::Sort::Newest },
            page,
            per_page,
            ..Query::default()
        };
        let expected = catalog().run(&catalog().known(&query)).into_answer();
        let mut reader = reader();
        let (results, rounds, loaded) = answer(&mut reader, &query, false);
        prop_assert!(rounds <= 2, "{rounds} rounds");
        // Unless the words starting with it run over two word files.
        let terms = query.terms();
        let firsts = &reader.manifest().words;
        let over = terms.iter().any(|t| firsts.iter().any(|f| f.starts_with(t.as_str()) && f != t));
        prop_assert!(over || loaded.iter().all(|path| !path.contains("/r")), "{loaded:?}");
        prop_assert_eq!(&results.teasers, &expected.teasers);
        prop_assert_eq!((results.total, results.page, results.pages), (expected.total, expected.page, expected.pages));
    }
}

#[test]
fn long_words_keep_their_newest_in_their_word_file() {
    // The archive the properties run on has words too long for their
    // word file, and ranges of words whose count the file keeps.
    let rests = files().0.keys().filter(|p| p.contains("/r")).count();
    assert!(rests > 0, "no word of the test archive is long");
    // The commonest word of the titles: its first page needs its word
    // file and teasers, never the rest.
    let search = |word: &str| Query {
        text: Some(word.to_owned()),
        ..Query::default()
    };
    let titles = catalog()
        .index()
        .teasers
        .iter()
        .flat_map(|t| t.title.split(' '));
    let word = titles
        .max_by_key(|word| catalog().run(&search(word)).total)
        .expect("titles have words");
    let query = search(word);
    let expected = catalog().run(&query).into_answer();
    assert!(
        expected.total > broadsheet_core::compiled::SHORT,
        "{word}: {}",
        expected.total
    );
    let mut reader = reader();
    let (first, rounds, loaded) = answer(&mut reader, &query, false);
    assert_eq!(
        (first.total, &first.teasers),
        (expected.total, &expected.teasers)
    );
    assert_eq!(rounds, 2);
    assert!(loaded.iter().all(|p| !p.contains("/r")), "{loaded:?}");
    // Every count needs every article: then the rest is read.
    let (counted, _, more) = answer(&mut reader, &query, true);
    assert_eq!(counted.facets, expected.facets);
    assert!(more.iter().any(|p| p.contains("/r")), "{more:?}");
}

#[test]
fn the_first_page_loads_one_teaser_file_and_an_unknown_archive_is_none() {
    let mut reader = reader();
    let (first, rounds, loaded) = answer(&mut reader, &Query::default(), false);
    assert_eq!((rounds, loaded.len()), (1, 1));
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
