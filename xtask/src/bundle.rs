//! `cargo xtask bundle <content-dir> <out-dir>`: Markdown articles with
//! TOML front matter into a broadsheet bundle (docs/data-format.md), with
//! `feed.xml` (Atom) and `sitemap.xml` beside it.
//!
//! ```text
//! content/site.toml             [site], [[authors]], [[categories]], [[tags]]
//! content/articles/<slug>.md    +++ front matter +++, then Markdown
//! ```

use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{ArticleFile, IndexFile};
use broadsheet_core::{is_valid_slug, Article, Author, Date, Image, Site, Teaser, Term};
use serde::Deserialize;

use crate::feeds;

/// An excerpt cut from the body is at most this many characters.
const EXCERPT_CHARS: usize = 280;
/// Reading speed for `reading_minutes`.
const WORDS_PER_MINUTE: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    site: SiteInfo,
    #[serde(default)]
    authors: Vec<Author>,
    #[serde(default)]
    categories: Vec<Term>,
    #[serde(default)]
    tags: Vec<Term>,
}

/// `[site]` in `site.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteInfo {
    /// The site's name.
    pub title: String,
    /// One sentence about it.
    #[serde(default)]
    pub description: String,
    /// Its BCP 47 language, `en` by default.
    #[serde(default = "english")]
    pub language: String,
    /// Where the site is published, for the feed and the sitemap.
    pub url: String,
}

fn english() -> String {
    broadsheet_core::model::DEFAULT_LANGUAGE.to_owned()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    date: String,
    authors: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    excerpt: Option<String>,
    image: Option<ImageMatter>,
    language: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageMatter {
    src: String,
    alt: String,
    width: u32,
    height: u32,
}

/// One article, ready to write.
pub struct Built {
    /// Its slug (the file name).
    pub slug: String,
    /// Its headline.
    pub title: String,
    /// Its publication date.
    pub date: Date,
    /// The excerpt, given or cut from the body.
    pub excerpt: String,
    /// Its authors' names, for the feed.
    pub author_names: Vec<String>,
    article: Article,
}

/// Builds the bundle from `content` into `out`.
pub fn run(content: &Path, out: &Path) -> Result<(), String> {
    let files = build(content)?;
    for (name, text) in &files {
        let path = out.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "{}: {} files from {}",
        out.display(),
        files.len(),
        content.display()
    );
    Ok(())
}

/// Every output file's name (relative to the bundle) and contents.
pub fn build(content: &Path) -> Result<Vec<(String, String)>, String> {
    let site_path = content.join("site.toml");
    let site_text = read(&site_path)?;
    let site: SiteFile =
        toml::from_str(&site_text).map_err(|e| toml_error(&site_path, &site_text, 0, &e))?;
    let mut articles = Vec::new();
    let folder = content.join("articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    for path in &paths {
        articles.push(article(path, &site)?);
    }
    // Newest first; the same day by slug, so the order never depends on
    // the file system.
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    if let Some(pair) = articles
        .windows(2)
        .find(|pair| pair[0].slug == pair[1].slug)
    {
        return Err(format!("two articles have the slug {:?}", pair[0].slug));
    }

    let about = Site {
        title: site.site.title.clone(),
        description: site.site.description.clone(),
        language: site.site.language.clone(),
        url: Some(site.site.url.clone()),
        sections: Vec::new(),
    };
    let teasers: Vec<Teaser> = articles.iter().map(|a| a.article.teaser.clone()).collect();
    let index = IndexFile::new(
        &about,
        &site.authors,
        &site.categories,
        &site.tags,
        &teasers,
    );
    let mut files = vec![("index.json".to_owned(), pretty(&index)?)];
    for built in &articles {
        files.push((
            broadsheet_core::bundle::article_file(&built.slug),
            pretty(&ArticleFile::new(&built.article))?,
        ));
    }
    files.push(("feed.xml".to_owned(), feeds::atom(&site.site, &articles)));
    files.push((
        "sitemap.xml".to_owned(),
        feeds::sitemap(&site.site, &articles),
    ));
    Ok(files)
}

fn article(path: &Path, site: &SiteFile) -> Result<Built, String> {
    let name = path.display();
    let slug = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_valid_slug(&slug) {
        return Err(format!(
            "{name}: the file name must be a slug (lowercase letters, digits, hyphens), got {slug:?}"
        ));
    }
    let text = read(path)?;
    let rest = text
        .strip_prefix("+++\n")
        .ok_or_else(|| format!("{name}:1: expected front matter opening with a +++ line"))?;
    let end = rest
        .find("\n+++\n")
        .ok_or_else(|| format!("{name}: the front matter has no closing +++ line"))?;
    let (matter_text, markdown) = (&rest[..=end], &rest[end + 5..]);
    let matter: FrontMatter =
        toml::from_str(matter_text).map_err(|e| toml_error(path, matter_text, 1, &e))?;
    let date = Date::parse(&matter.date).ok_or_else(|| {
        format!(
            "{name}: date: expected an ISO 8601 date, got {:?}",
            matter.date
        )
    })?;
    let authors = lookup(
        &name.to_string(),
        "authors",
        &matter.authors,
        &site.authors,
        |a| &a.slug,
    )?;
    let categories = lookup(
        &name.to_string(),
        "categories",
        &matter.categories,
        &site.categories,
        |t| &t.slug,
    )?;
    let tags = lookup(&name.to_string(), "tags", &matter.tags, &site.tags, |t| {
        &t.slug
    })?;

    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(markdown));
    let body_html = ammonia::clean(&rendered);
    let words = plain_text(markdown);
    let reading_minutes = words
        .split_whitespace()
        .count()
        .div_ceil(WORDS_PER_MINUTE)
        .max(1);
    let excerpt = match matter.excerpt {
        Some(excerpt) => excerpt,
        None => cut_excerpt(&first_paragraph(markdown)),
    };
    let image = matter.image.map(|i| Image {
        src: i.src,
        alt: i.alt,
        width: i.width,
        height: i.height,
        srcset: None,
    });
    let article = Article {
        teaser: Teaser {
            slug: slug.clone(),
            title: matter.title.clone(),
            date,
            authors: authors.clone(),
            categories,
            tags,
            excerpt: excerpt.clone(),
            image,
            reading_minutes: u32::try_from(reading_minutes).ok(),
        },
        body_html,
        language: matter.language,
    };
    Ok(Built {
        author_names: authors.iter().map(|a| a.name.clone()).collect(),
        slug,
        title: matter.title,
        date,
        excerpt,
        article,
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn pretty(value: &impl serde::Serialize) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

/// A TOML error as `file:line: message`; `first_line` is the line of the
/// file where `text` starts, less one.
fn toml_error(path: &Path, text: &str, first_line: usize, error: &toml::de::Error) -> String {
    let line = error
        .span()
        .map(|span| first_line + 1 + text[..span.start.min(text.len())].matches('\n').count())
        .unwrap_or(first_line + 1);
    format!("{}:{line}: {}", path.display(), error.message())
}

fn lookup<T: Clone>(
    file: &str,
    field: &str,
    slugs: &[String],
    vocabulary: &[T],
    slug_of: impl Fn(&T) -> &String,
) -> Result<Vec<T>, String> {
    slugs
        .iter()
        .map(|slug| {
            vocabulary
                .iter()
                .find(|entry| slug_of(entry) == slug)
                .cloned()
                .ok_or_else(|| {
                    format!("{file}: {field}: {slug:?} is not in site.toml's [[{field}]]")
                })
        })
        .collect()
}

/// The Markdown's text, without markup.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(&t);
            text.push(' ');
        }
    }
    text
}

/// The text of the first paragraph.
fn first_paragraph(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// At most [`EXCERPT_CHARS`] characters, cut at a word boundary and closed
/// with "[…]" when anything was cut.
pub fn cut_excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let mut cut = String::new();
    for word in text.split_whitespace() {
        if cut.chars().count() + 1 + word.chars().count() > EXCERPT_CHARS - 4 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{} […]", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn the_committed_sample_is_built_from_content() {
        let files = build(&repo().join("content")).unwrap();
        assert_eq!(files.len(), 5 + 3);
        for (name, text) in files {
            let committed =
                std::fs::read_to_string(repo().join("public/data").join(&name)).unwrap_or_default();
            assert!(
                committed == text,
                "public/data/{name} is out of date: run `cargo xtask bundle content public/data`"
            );
        }
    }

    #[test]
    fn excerpts_are_cut_at_a_word_and_marked() {
        assert_eq!(cut_excerpt("Short and whole."), "Short and whole.");
        let long = "word ".repeat(100);
        let cut = cut_excerpt(&long);
        assert!(cut.ends_with("word […]"), "{cut}");
        assert!(
            cut.chars().count() <= EXCERPT_CHARS,
            "{}",
            cut.chars().count()
        );
    }

    fn site_dir(article: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        std::fs::write(
            dir.path().join("site.toml"),
            "[site]\ntitle = \"T\"\nurl = \"https://example.org/news/\"\n\n[[authors]]\nslug = \"ann\"\nname = \"Ann & Co\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("articles/first-post.md"), article).unwrap();
        dir
    }

    #[test]
    fn markdown_is_rendered_sanitised_and_summarised() {
        let dir = site_dir(
            "+++\ntitle = \"First <Post>\"\ndate = \"2024-05-06\"\nauthors = [\"ann\"]\n+++\n\n\
             A *first* paragraph with [a link](https://example.org) and more.\n\n\
             <script>alert(1)</script><img src=x onerror=alert(1)>\n",
        );
        let files = build(dir.path()).unwrap();
        let article = &files
            .iter()
            .find(|(n, _)| n == "articles/first-post.json")
            .unwrap()
            .1;
        let value: serde_json::Value = serde_json::from_str(article).unwrap();
        let body = value["article"]["body_html"].as_str().unwrap();
        assert!(body.contains("<em>first</em>"), "{body}");
        assert!(body.contains("rel=\"noopener noreferrer\""), "{body}");
        assert!(
            !body.contains("script") && !body.contains("onerror"),
            "{body}"
        );
        assert_eq!(
            value["article"]["excerpt"],
            "A first paragraph with a link and more."
        );
        assert_eq!(value["article"]["reading_minutes"], 1);
        let feed = &files.iter().find(|(n, _)| n == "feed.xml").unwrap().1;
        assert!(feed.contains("<title>First &lt;Post&gt;</title>"), "{feed}");
        assert!(feed.contains("<name>Ann &amp; Co</name>"), "{feed}");
        assert!(
            feed.contains("https://example.org/news/articles/first-post"),
            "{feed}"
        );
        let sitemap = &files.iter().find(|(n, _)| n == "sitemap.xml").unwrap().1;
        assert!(sitemap.contains("<loc>https://example.org/news/articles/first-post</loc>"));
        // And the app's own parser reads what was written.
        let out = tempfile::tempdir().unwrap();
        for (name, text) in &files {
            let path = out.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        assert_eq!(crate::check_data::check(out.path()), Ok(1));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let dir =
            site_dir("+++\ntitle = \"T\"\ndate = \"2024-05-06\"\nauthors = [\"ann\"\n+++\nBody\n");
        let error = build(dir.path()).err().unwrap();
        assert!(error.contains("articles/first-post.md:4: "), "{error}");
        let dir = site_dir("+++\ntitle = \"T\"\ndate = \"soon\"\nauthors = [\"ann\"]\n+++\n");
        let error = build(dir.path()).err().unwrap();
        assert!(
            error.ends_with("first-post.md: date: expected an ISO 8601 date, got \"soon\""),
            "{error}"
        );
        let dir = site_dir("+++\ntitle = \"T\"\ndate = \"2024-05-06\"\nauthors = [\"bob\"]\n+++\n");
        let error = build(dir.path()).err().unwrap();
        assert!(
            error.ends_with("first-post.md: authors: \"bob\" is not in site.toml's [[authors]]"),
            "{error}"
        );
        let dir = site_dir("no front matter\n");
        let error = build(dir.path()).err().unwrap();
        assert!(
            error.ends_with("first-post.md:1: expected front matter opening with a +++ line"),
            "{error}"
        );
    }
}
