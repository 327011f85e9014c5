use super::*;

#[test]
fn a_manifest_reads_back_and_shards_have_one_path_each() {
    let archive = crate::synthetic::generate(80, 3);
    let index = crate::parse_index(archive.index.as_bytes(), "index.json").expect("synthetic");
    let compiled = compile(&crate::Catalog::new(index), &mut |_| {});
    let bytes = compiled.manifest_bytes();
    let read = parse_manifest(&bytes, "manifest.json").expect("reads back");
    assert_eq!(read, compiled.manifest);
    let mut paths: Vec<&String> = compiled.files.iter().map(|(path, _)| path).collect();
    let all = paths.len();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), all);
    assert!(paths
        .iter()
        .all(|p| p.starts_with(&compiled.manifest.build)));
    assert_eq!(
        Shard::Postings(ArchiveKind::Tag, "peru".into()).path("b"),
        "b/p-tag/peru.bin"
    );
}

#[test]
fn every_range_of_words_sharing_a_start_is_found() {
    let words = ["pa", "pe", "per", "peru", "peruvian", "pet", "z"];
    let listed: Vec<(&str, &[u32])> = words.iter().map(|w| (*w, &[][..])).collect();
    let ranges = write::shared_starts(&listed);
    // "p…", "pe…", "per…" and "peru…": every start's words, two or more.
    assert_eq!(ranges, vec![(0, 6), (1, 6), (2, 5), (3, 5)]);
    for start in ["p", "pe", "per", "peru"] {
        let from = words.iter().position(|w| w.starts_with(start)).unwrap();
        let to = words.iter().rposition(|w| w.starts_with(start)).unwrap() + 1;
        assert!(ranges.contains(&(from, to)), "{start}");
    }
}
