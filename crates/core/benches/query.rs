//! Answering the grid's queries over synthetic archives of 10,000 and
//! 100,000 teasers, natively: filters, search and facet counts together,
//! as one keystroke in the search box costs. `make bench` prints them.

use std::hint::black_box;

use broadsheet_core::synthetic::generate;
use broadsheet_core::{parse_index, Catalog, Query};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn query(c: &mut Criterion) {
    let mut group = c.benchmark_group("query");
    group.sample_size(20);
    for articles in [10_000, 100_000] {
        let index = match parse_index(generate(articles, 1).index.as_bytes(), "index.json") {
            Ok(index) => index,
            Err(error) => panic!("synthetic index: {error}"),
        };
        let catalog = Catalog::new(index);
        let first = &catalog.index().teasers[0];
        let category = first.categories.first().map(|t| t.slug.clone());
        let word = first.title.split(' ').next().map(str::to_owned);
        let cases = [
            ("no filter", Query::default()),
            (
                "category + year",
                Query {
                    category: category.clone(),
                    year: Some(first.date.year()),
                    ..Query::default()
                },
            ),
            (
                "search one word",
                Query {
                    text: word.clone(),
                    ..Query::default()
                },
            ),
            (
                "search + category, oldest",
                Query {
                    text: word.map(|w| format!("{w} a")),
                    category,
                    sort: broadsheet_core::Sort::Oldest,
                    ..Query::default()
                },
            ),
        ];
        for (name, query) in cases {
            group.bench_with_input(BenchmarkId::new(name, articles), &query, |b, query| {
                b.iter(|| catalog.run(black_box(query)).total)
            });
        }
        group.bench_function(
            BenchmarkId::new("clone index + prepare catalog", articles),
            |b| {
                b.iter(|| {
                    Catalog::new(black_box(catalog.index().clone()))
                        .years()
                        .len()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
