use super::*;
use crate::parse_index;
use crate::query::FacetCount;

fn sample() -> Catalog {
    Catalog::new(sample_index())
}

fn sample_index() -> Index {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/index.json"
    ))
    .unwrap();
    parse_index(&bytes, "index.json").unwrap()
}

fn titles(results: &Results) -> Vec<String> {
    results.teasers.iter().map(|t| t.title.clone()).collect()
}

fn query(pairs: &[(&str, &str)]) -> Query {
    Query::from_pairs(pairs.iter().copied()).unwrap()
}

#[test]
fn the_default_query_is_the_whole_archive_newest_first() {
    let index = sample();
    let results = index.run(&Query::default());
    assert_eq!(results.total, 5);
    assert_eq!(results.pages, 1);
    assert_eq!(
        titles(&results)[0],
        "Latin America: Second “Pink Tide”: What Way Forward?"
    );
    let oldest = index.run(&query(&[("sort", "oldest")]));
    assert_eq!(
        titles(&oldest)[0],
        "Peru: Mass Protests Bring Down Illegitimate Coup President"
    );
}

#[test]
fn filters_combine_and_search_ignores_accents_and_apostrophes() {
    let index = sample();
    let results = index.run(&query(&[("author", "darragh-odwyer"), ("tag", "protests")]));
    assert_eq!(
        titles(&results),
        [
            "Peru: Mass Revolt Against Coup Continues",
            "Explosive Protests Rock Peru"
        ]
    );
    for q in ["odwyer", "o'dwyer", "O’DWYER"] {
        assert_eq!(index.run(&query(&[("q", q)])).total, 2, "{q}");
    }
    assert_eq!(index.run(&query(&[("q", "martín vizcarra")])).total, 1);
    assert_eq!(
        index
            .run(&query(&[("q", "martin"), ("year", "2020")]))
            .total,
        1
    );
    assert_eq!(
        index
            .run(&query(&[("q", "martin"), ("year", "2022")]))
            .total,
        0
    );
}

#[test]
fn facet_counts_leave_out_their_own_filter() {
    let index = sample();
    let results = index.run(&query(&[("category", "peru"), ("year", "2022")]));
    assert_eq!(results.total, 2);
    let count = |facets: &[FacetCount], slug: &str| {
        facets
            .iter()
            .find(|f| f.slug == slug)
            .unwrap()
            .count
            .unwrap()
    };
    // Categories count within 2022: both 2022 articles are in both.
    assert_eq!(count(&results.facets.categories, "latin-america"), 2);
    // Years count within the peru category: 2023 has one, 2020 one.
    assert_eq!(count(&results.facets.years, "2023"), 1);
    assert_eq!(count(&results.facets.years, "2020"), 1);
    assert_eq!(count(&results.facets.years, "2022"), 2);
    assert_eq!(count(&results.facets.authors, "elan-axelbank"), 0);
}

#[test]
fn paging_returns_every_result_once() {
    let index = sample();
    let mut seen = Vec::new();
    for page in 1..=3 {
        let results = index.run(&query(&[("per_page", "2"), ("page", &page.to_string())]));
        assert_eq!(results.pages, 3);
        seen.extend(titles(&results));
    }
    assert_eq!(seen, titles(&index.run(&Query::default())));
    let past_the_end = index.run(&query(&[("per_page", "2"), ("page", "9")]));
    assert_eq!(past_the_end.page, 3);
}

#[test]
fn around_finds_the_neighbours_within_the_filtered_results() {
    let catalog = sample();
    let slug = "defeat-the-coup-of-the-peruvian-oligarchy-against-pedro-castillo";
    let all = catalog.around(&Query::default(), slug).unwrap();
    assert_eq!((all.position, all.total), (3, 5));
    assert_eq!(
        all.previous.map(|t| t.slug.as_str()),
        Some("peru-mass-revolt-against-coup-continues")
    );
    assert_eq!(
        all.next.map(|t| t.slug.as_str()),
        Some("explosive-protests-rock-peru")
    );

    // Among the coup articles, oldest first, it is the second of three.
    let coup = catalog
        .around(&query(&[("tag", "coup"), ("sort", "oldest")]), slug)
        .unwrap();
    assert_eq!((coup.position, coup.total), (2, 3));
    assert_eq!(
        coup.previous.map(|t| t.slug.as_str()),
        Some("peru-mass-protests-bring-down-illegitimate-coup-president")
    );
    assert_eq!(
        coup.next.map(|t| t.slug.as_str()),
        Some("peru-mass-revolt-against-coup-continues")
    );

    // The first has no previous; an article outside the results has no place.
    let first = catalog
        .around(
            &Query::default(),
            "latin-america-second-pink-tide-what-way-forward",
        )
        .unwrap();
    assert_eq!((first.position, first.previous), (1, None));
    assert!(catalog
        .around(&query(&[("tag", "inflation")]), slug)
        .is_none());
    assert!(catalog
        .around(&Query::default(), "no-such-article")
        .is_none());
}

#[test]
fn related_articles_share_authors_or_tags_best_first() {
    let catalog = sample();
    let related: Vec<&str> = catalog
        .related("peru-mass-revolt-against-coup-continues", 3)
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    // Same author and a tag (3), then two shared tags each (2), newest first.
    assert_eq!(
        related,
        [
            "explosive-protests-rock-peru",
            "defeat-the-coup-of-the-peruvian-oligarchy-against-pedro-castillo",
            "peru-mass-protests-bring-down-illegitimate-coup-president",
        ]
    );
    // Nothing shares a tag or an author with the pink tide article.
    assert!(catalog
        .related("latin-america-second-pink-tide-what-way-forward", 3)
        .is_empty());
    assert!(catalog.related("no-such-article", 3).is_empty());
}

#[test]
fn category_counts_cover_the_whole_archive() {
    let counts: Vec<(String, Option<usize>)> = sample()
        .category_counts()
        .into_iter()
        .map(|c| (c.slug, c.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("latin-america".to_owned(), Some(5)),
            ("peru".to_owned(), Some(4))
        ]
    );
}

#[test]
fn related_articles_are_written_near_it() {
    let archive = crate::synthetic::generate(3000, 3);
    let catalog = Catalog::new(parse_index(archive.index.as_bytes(), "index.json").unwrap());
    let ranks: Vec<usize> = catalog.newest.clone();
    // Where `entry` stands in the list (newest first) of the articles with
    // author or tag `id`.
    let place = |has: &dyn Fn(&Entry) -> bool, at: usize| {
        ranks
            .iter()
            .filter(|&&p| has(&catalog.entries[p]))
            .position(|&p| p == at)
    };
    let mut far_from_newest = 0;
    for &me in ranks.iter().skip(2000).step_by(97) {
        let slug = &catalog.index().teasers[me].slug;
        let related = catalog.related(slug, RELATED);
        assert!(!related.is_empty(), "{slug}: nothing related");
        for teaser in related {
            let other = catalog.position(&teaser.slug).unwrap();
            let (mine, theirs) = (&catalog.entries[me], &catalog.entries[other]);
            let near = |has: &dyn Fn(&Entry) -> bool| match (place(has, me), place(has, other)) {
                (Some(a), Some(b)) => a.abs_diff(b) <= NEAREST,
                _ => false,
            };
            let shared_author = mine.author_ids.iter().any(|a| {
                theirs.author_ids.contains(a) && near(&|e: &Entry| e.author_ids.contains(a))
            });
            let shared_tag = mine
                .tag_ids
                .iter()
                .any(|t| theirs.tag_ids.contains(t) && near(&|e: &Entry| e.tag_ids.contains(t)));
            assert!(
                shared_author || shared_tag,
                "{slug}: {} is not near it",
                teaser.slug
            );
            far_from_newest += usize::from(ranks.iter().position(|&p| p == other).unwrap() > 1000);
        }
    }
    // Old articles' related articles are old too, not the newest sharing a tag.
    assert!(far_from_newest > 0);
}
