//! Parsing and validating the index of a synthetic archive, natively.
//! `make bench` prints the time per parse and the throughput.

use std::hint::black_box;

use broadsheet_core::parse_index;
use broadsheet_core::synthetic::generate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_index");
    group.sample_size(20);
    for articles in [1_000, 10_000] {
        let index = generate(articles, 1).index;
        group.throughput(Throughput::Bytes(index.len() as u64));
        group.bench_function(
            format!("{articles} articles ({} KB)", index.len() / 1024),
            |b| {
                b.iter(|| {
                    let parsed = parse_index(black_box(index.as_bytes()), "index.json");
                    assert!(matches!(&parsed, Ok(i) if i.teasers.len() == articles));
                    parsed
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
