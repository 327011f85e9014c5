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
