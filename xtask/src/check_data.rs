//! `cargo xtask check-data`: validate a bundle with the app's own parser.

use std::path::Path;

use broadsheet_core::{parse_article, parse_index};

/// Reads `<dir>/index.json` and `<dir>/articles/<slug>.json` for every
/// teaser, and checks that each article file agrees with its teaser.
pub fn run(dir: &Path) -> Result<(), String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))
    };
    let index = parse_index(&read("index.json")?, "index.json").map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    for teaser in &index.teasers {
        let name = format!("articles/{}.json", teaser.slug);
        match read(&name).and_then(|bytes| parse_article(&bytes, &name).map_err(|e| e.to_string()))
        {
            Ok(article) if article.teaser != *teaser => {
                problems.push(format!("{name}: does not match its teaser in index.json"))
            }
            Ok(_) => {}
            Err(message) => problems.push(message),
        }
    }
    if problems.is_empty() {
        println!(
            "{}: {} teasers, {} articles, all valid",
            dir.display(),
            index.teasers.len(),
            index.teasers.len()
        );
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
