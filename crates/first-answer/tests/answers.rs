//! The first answer is the catalog's: for searches over a synthetic
//! archive, the status line, the cards' order and what each card says are
//! what the app's listing shows from `broadsheet_core::Catalog`.

use std::collections::HashMap;

use broadsheet_core::compiled::compile;
use broadsheet_core::count::showing;
use broadsheet_core::model::display_title;
use broadsheet_core::route::article_path;
use broadsheet_core::{byline_tail, parse_index, synthetic, ArchiveKind, Catalog, Query};
use broadsheet_first_answer::{FirstAnswer, Reply, View};

/// Answers `search` (a query string) loading every file it asks for.
fn answer(
    first: &mut FirstAnswer,
    files: &HashMap<String, Vec<u8>>,
    path: &str,
    search: &str,
) -> View {
    for _ in 0..5 {
        match first.reply(path, search).expect("answers") {
            Reply::View(view) => return view,
            Reply::Need(paths) => {
                for path in paths {
                    let bytes = files.get(&path).map(Vec::as_slice);
                    first.add_file(&path, bytes).expect("every file reads");
                }
            }
        }
    }
    panic!("{search}: still asking for files after five rounds");
}

#[test]
fn searches_show_the_catalogs_answer() {
    let archive = synthetic::generate(2_000, 7);
    let index = parse_index(archive.index.as_bytes(), "index.json").expect("synthetic");
    let catalog = Catalog::new(index);
    let compiled = compile(&catalog, &mut |_| {});
    let manifest = compiled.manifest_bytes();
    let files: HashMap<String, Vec<u8>> = compiled.files.into_iter().collect();
    let mut first =
        FirstAnswer::open(br#"{"page_size": 9}"#, &manifest).expect("the config and manifest read");
    let title = &catalog.index().teasers[1_234].title;
    let word = broadsheet_core::search::terms(title)
        .into_iter()
        .find(|w| w.len() >= 5)
        .expect("a long word");
    let author = &catalog.index().teasers[77].authors[0].name;
    let category = &catalog.index().teasers[1_234].categories[0].slug;
    let listings = [
        ("/".to_owned(), None),
        (format!("/category/{category}"), Some(ArchiveKind::Category)),
    ];
    for (path, scope) in &listings {
        for search in [
            format!("q={}", &word[..3]),
            format!("q={word}"),
            format!("q={}&sort=relevance", &word[..4]),
            format!("q={}", author.replace(' ', "+")),
            "q=zzzzqx".to_owned(),
            String::new(),
        ] {
            let mut query = Query::from_url(&search);
            query.per_page = 9;
            if let Some(kind) = scope {
                query.set_archive(*kind, Some(category.clone()));
            }
            let expected = catalog.run(&catalog.known(&query));
            let view = answer(&mut first, &files, path, &format!("?{search}"));
            assert_eq!(
                view.status,
                showing(expected.total, expected.page, 9),
                "{search}"
            );
            assert_eq!(view.total, expected.total, "{search}");
            assert_eq!(
                view.cards.is_empty(),
                search.contains("zzzzqx") || expected.total == 0,
                "{search}: {} cards",
                view.cards.len()
            );
            let slugs: Vec<&str> = view.cards.iter().map(|c| c.slug.as_str()).collect();
            let want: Vec<&str> = expected.teasers.iter().map(|t| t.slug.as_str()).collect();
            assert_eq!(slugs, want, "{search}");
            for (card, teaser) in view.cards.iter().zip(&expected.teasers) {
                let text = |runs: &Vec<(String, bool)>| {
                    runs.iter().map(|r| r.0.as_str()).collect::<String>()
                };
                assert_eq!(text(&card.title), display_title(&teaser.title));
                assert_eq!(text(&card.excerpt), teaser.excerpt);
                assert_eq!(card.link, article_path(&teaser.slug, &query, *scope));
                assert_eq!(card.date, teaser.date.long());
                let names: Vec<String> = card.authors.iter().map(|a| text(&a.name)).collect();
                let want: Vec<&String> = teaser.authors.iter().map(|a| &a.name).collect();
                assert_eq!(names.iter().collect::<Vec<_>>(), want);
                assert_eq!(card.authors[0].tail, byline_tail(&teaser.authors[0]));
                // With search words, each one typed is marked somewhere.
                if !expected.terms.is_empty() {
                    let marked = [&card.title, &card.excerpt]
                        .into_iter()
                        .chain(card.authors.iter().map(|a| &a.name))
                        .flatten()
                        .any(|run| run.1);
                    assert!(marked, "{search}: nothing marked in {}", card.slug);
                }
            }
        }
    }
}
