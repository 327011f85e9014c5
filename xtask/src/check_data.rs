//! `cargo xtask check-data`: validate a bundle with the app's own parser.

use std::path::Path;

use broadsheet_core::{parse_article, parse_index};

/// Reads `<dir>/index.json` and `<dir>/articles/<slug>.json` for every
/// teaser, checks that each article file agrees with its teaser, and says
/// so.
pub fn run(dir: &Path) -> Result<(), String> {
    let count = check(dir)?;
    println!(
        "{}: {count} teasers, {count} articles, all valid",
        dir.display()
    );
    Ok(())
}

/// [`run`] without the report; the number of articles checked.
pub fn check(dir: &Path) -> Result<usize, String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let index = parse_index(&read("index.json")?, "index.json").map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for teaser in &index.teasers {
        let name = broadsheet_core::bundle::article_file(&teaser.slug);
        match read(&name).and_then(|bytes| parse_article(&bytes, &name).map_err(|e| e.to_string()))
        {
            Ok(article) if article.teaser != *teaser => {
                problems.push(format!("{name}: does not match its teaser in index.json"))
            }
            Ok(_) => {}
            Err(message) => problems.push(message),
        }
    }
    problems.extend(index.skipped.iter().map(ToString::to_string));
    if problems.is_empty() {
        Ok(index.teasers.len())
    } else {
        Err(problems.join("\n"))
    }
}
