//! `cargo xtask generate --articles <N> --out <dir> [--seed <S>]`: a
//! deterministic synthetic bundle for scale tests and benchmarks.

use std::path::Path;

use broadsheet_core::synthetic::generate;

/// Parses the arguments after `generate` and writes the bundle.
pub fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: cargo xtask generate --articles <N> --out <dir> [--seed <S>]";
    let (mut articles, mut out, mut seed) = (None, None, 1u64);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{usage}"))?;
        match flag.as_str() {
            "--articles" => {
                articles =
                    Some(value.parse::<usize>().map_err(|_| {
                        format!("--articles: expected a whole number, got {value:?}")
                    })?)
            }
            "--out" => out = Some(value.clone()),
            "--seed" => {
                seed = value
                    .parse()
                    .map_err(|_| format!("--seed: expected a whole number, got {value:?}"))?
            }
            other => return Err(format!("unknown option {other}\n{usage}")),
        }
    }
    let (Some(articles), Some(out)) = (articles, out) else {
        return Err(usage.to_owned());
    };
    write(articles, Path::new(&out), seed)
}

fn write(articles: usize, out: &Path, seed: u64) -> Result<(), String> {
    let archive = generate(articles, seed);
    let folder = out.join("articles");
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let index = out.join("index.json");
    std::fs::write(&index, &archive.index).map_err(|e| format!("{}: {e}", index.display()))?;
    for (slug, file) in &archive.articles {
        let path = folder.join(format!("{slug}.json"));
        std::fs::write(&path, file).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "{}: {articles} articles (seed {seed}), index.json {} KB",
        out.display(),
        archive.index.len() / 1024
    );
    Ok(())
}
