//! A WordPress site as a source, read through its public REST API
//! (`/wp/v2/`) with nothing installed on the WordPress side.
//!
//! Here are the URLs the app asks for and how their answers become the
//! app's own types: the site's description, teasers and articles (titles
//! and excerpts as plain text, GMT dates, authors, terms and the featured
//! image from the same request's `_embed`), the menus' options and what
//! WordPress can truly say about their counts. The requests themselves are
//! the app's (`src/source/wordpress.rs`); this is tested natively.

mod text;

pub use text::{decode_entities, plain_text};

use crate::error::DataError;
use crate::json::{parse, Obj, Value};
use crate::model::{Article, Author, Image, Site, Teaser, Term, DEFAULT_LANGUAGE};
use crate::query::{FacetCount, Facets, Query, Sort};
use crate::quote::quoted;
use crate::route::ArchiveKind;
use crate::search::{fold, terms};
use crate::slug::is_valid_slug;

/// The most items WordPress returns in one page (`per_page`).
pub const MAX_PER_PAGE: u32 = 100;

/// Reading speed for an article's reading time, as for a bundle.
const WORDS_PER_MINUTE: usize = 200;

/// What the site's index is asked for. `public/boot.js` asks for the same
/// URL before the app starts (the index comes first whatever the view),
/// so the two must agree (an end-to-end test counts the index requests).
pub const SITE_FIELDS: &str = "_fields=name,description,home";

/// What a page of teasers asks for: only the fields the grid shows, with
/// authors, terms and the featured image embedded in the same answer.
/// (`_fields` must name `_links` and `_embedded`, or the embeds are
/// dropped.)
const TEASER_FIELDS: &str = "_embed=author,wp:term,wp:featuredmedia\
    &_fields=slug,title,excerpt,date_gmt,_links,_embedded";

/// What an article asks for: a teaser's fields and the body.
const ARTICLE_FIELDS: &str = "_embed=author,wp:term,wp:featuredmedia\
    &_fields=slug,title,excerpt,content,date_gmt,_links,_embedded";

/// How a site addresses its REST routes. Sites with pretty permalinks
/// answer at `/wp-json/`; the others only through `?rest_route=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routes {
    /// `https://site/wp-json/wp/v2/posts?…`.
    Pretty,
    /// `https://site/?rest_route=/wp/v2/posts&…`.
    Plain,
}

impl Routes {
    /// The URL of `route` (as `/wp/v2/posts`, or `/` for the index) with
    /// the query parameters `params` (`a=1&b=2`, or empty) on the site at
    /// `site` (ending in `/`).
    pub fn url(self, site: &str, route: &str, params: &str) -> String {
        let (mut url, join) = match self {
            Routes::Pretty => (format!("{site}wp-json{route}"), '?'),
            Routes::Plain => (format!("{site}?rest_route={route}"), '&'),
        };
        if !params.is_empty() {
            url.push(join);
            url.push_str(params);
        }
        url
    }
}

impl Routes {
    /// The style a site uses, from the `Link: <…>; rel="https://api.w.org/"`
    /// header every REST answer carries (its API root): a root ending in
    /// `/wp-json/` means pretty permalinks. Anything else — `?rest_route=`,
    /// a REST prefix moved elsewhere, no header at all — plain: the one
    /// style every site answers.
    pub fn from_link(link: Option<&str>) -> Routes {
        let root = link.and_then(|link| {
            link.split(',')
                .find(|part| part.contains("rel=\"https://api.w.org/\""))
        });
        match root {
            Some(root) if root.contains("/wp-json/>") => Routes::Pretty,
            _ => Routes::Plain,
        }
    }
}

/// The REST routes of each kind of archive's vocabulary.
impl ArchiveKind {
    /// The route listing this vocabulary.
    pub fn rest_route(self) -> &'static str {
        match self {
            ArchiveKind::Category => "/wp/v2/categories",
            ArchiveKind::Tag => "/wp/v2/tags",
            ArchiveKind::Author => "/wp/v2/users",
        }
    }

    /// The parameters of the request for the menu's options: the 100 most
    /// used (WordPress's page limit; a slug outside them is looked up on
    /// its own, see [`ArchiveKind::rest_lookup`]).
    pub fn rest_list(self) -> &'static str {
        match self {
            ArchiveKind::Category | ArchiveKind::Tag => {
                "per_page=100&orderby=count&order=desc&hide_empty=true\
                 &_fields=id,slug,name,description,count"
            }
            ArchiveKind::Author => "per_page=100&_fields=id,slug,name,description",
        }
    }

    /// The parameters of the request for the one entry called `slug`.
    pub fn rest_lookup(self, slug: &str) -> String {
        let fields = match self {
            ArchiveKind::Author => "id,slug,name,description",
            _ => "id,slug,name,description,count",
        };
        format!("slug={}&_fields={fields}", encode(slug))
    }
}

/// One category, tag or author as the site lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// WordPress's id, which queries use.
    pub id: u32,
    /// The URL name, which the app's URLs use.
    pub slug: String,
    /// The name as printed, as plain text.
    pub name: String,
    /// The description (an author's biography), as plain text.
    pub description: Option<String>,
    /// How many published posts it has (WordPress keeps this for terms,
    /// not for authors).
    pub count: Option<usize>,
}

/// What the site offers the menus: its categories, tags and authors, and
/// the years between its oldest and newest post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// The categories, by name.
    pub categories: Vec<Entry>,
    /// The most used tags, by name.
    pub tags: Vec<Entry>,
    /// The authors, by name.
    pub authors: Vec<Entry>,
    /// The years of the newest and oldest posts.
    pub span: Option<(u16, u16)>,
    /// Slugs looked up and not found (or not given), not asked for again.
    pub missing: Vec<(ArchiveKind, String)>,
}

impl Vocabulary {
    /// The entries of `kind`.
    pub fn entries(&self, kind: ArchiveKind) -> &[Entry] {
        match kind {
            ArchiveKind::Category => &self.categories,
            ArchiveKind::Tag => &self.tags,
            ArchiveKind::Author => &self.authors,
        }
    }

    /// The entry of `kind` called `slug`, if known.
    pub fn find(&self, kind: ArchiveKind, slug: &str) -> Option<&Entry> {
        self.entries(kind).iter().find(|entry| entry.slug == slug)
    }

    /// Adds entries of `kind` (the 100 listed, or one looked up), keeping
    /// them in name order and each slug once.
    pub fn add(&mut self, kind: ArchiveKind, entries: Vec<Entry>) {
        let list = match kind {
            ArchiveKind::Category => &mut self.categories,
            ArchiveKind::Tag => &mut self.tags,
            ArchiveKind::Author => &mut self.authors,
        };
        for entry in entries {
            if list.iter().any(|known| known.slug == entry.slug) {
                continue;
            }
            // Each in its place by name, folded as search folds (case and
            // accents): no sort, whose code would weigh on the wasm.
            let name = fold(&entry.name);
            let at = list.partition_point(|known| fold(&known.name) <= name);
            list.insert(at, entry);
        }
    }

    /// The slugs `query` filters by that are not known yet, with their
    /// kind: each needs a [`ArchiveKind::rest_lookup`] before the query is sent.
    pub fn unknown(&self, query: &Query) -> Vec<(ArchiveKind, String)> {
        [
            (ArchiveKind::Category, &query.category),
            (ArchiveKind::Tag, &query.tag),
            (ArchiveKind::Author, &query.author),
        ]
        .into_iter()
        .filter_map(|(kind, slug)| {
            let slug = slug.as_ref()?;
            let missing = self.missing.iter().any(|(k, s)| *k == kind && s == slug);
            (self.find(kind, slug).is_none() && !missing).then(|| (kind, slug.clone()))
        })
        .collect()
    }

    /// What the menus show for `query`. WordPress counts each category's
    /// and tag's published posts, which is what picking it would leave
    /// only while no other filter or search is active; then those counts
    /// are given, otherwise none (authors and years never): a number
    /// WordPress cannot answer is not made up.
    pub fn facets(&self, query: &Query) -> Facets {
        let searching = !query.terms().is_empty();
        let others_clear = |kind: ArchiveKind| {
            !searching
                && query.year.is_none()
                && query.author.is_none()
                && (kind == ArchiveKind::Category || query.category.is_none())
                && (kind == ArchiveKind::Tag || query.tag.is_none())
        };
        let options = |kind: ArchiveKind, counted: bool| -> Vec<FacetCount> {
            self.entries(kind)
                .iter()
                .map(|entry| FacetCount {
                    slug: entry.slug.clone(),
                    name: entry.name.clone(),
                    count: entry.count.filter(|_| counted),
                })
                .collect()
        };
        let years = match self.span {
            Some((newest, oldest)) => (oldest..=newest)
                .rev()
                .map(|year| FacetCount {
                    slug: year.to_string(),
                    name: year.to_string(),
                    count: None,
                })
                .collect(),
            None => Vec::new(),
        };
        Facets {
            categories: options(ArchiveKind::Category, others_clear(ArchiveKind::Category)),
            authors: options(ArchiveKind::Author, false),
            tags: options(ArchiveKind::Tag, others_clear(ArchiveKind::Tag)),
            years,
        }
    }
}

/// The parameters of `/wp/v2/posts` for `query`: filters by id (a slug
/// the vocabulary does not know is left out, as a bundle leaves out a
/// filter naming nothing), a year as an `after`/`before` range, the
/// search words, the order, the page and its size.
pub fn posts_params(query: &Query, vocabulary: &Vocabulary) -> String {
    let mut params = form_urlencoded::Serializer::new(String::new());
    let filters = [
        ("categories", ArchiveKind::Category, &query.category),
        ("tags", ArchiveKind::Tag, &query.tag),
        ("author", ArchiveKind::Author, &query.author),
    ];
    for (name, kind, slug) in filters {
        if let Some(entry) = slug.as_ref().and_then(|s| vocabulary.find(kind, s)) {
            params.append_pair(name, &entry.id.to_string());
        }
    }
    if let Some(year) = query.year {
        // Both ends are exclusive in WordPress's date query.
        params.append_pair("after", &format!("{:04}-12-31T23:59:59", year - 1));
        // WordPress reads four-digit years only.
        if year < 9999 {
            params.append_pair("before", &format!("{:04}-01-01T00:00:00", year + 1));
        }
    }
    let searching = query.text.as_deref().filter(|text| !terms(text).is_empty());
    if let Some(text) = searching {
        params.append_pair("search", text);
    }
    match query.sort {
        Sort::Oldest => {
            params.append_pair("order", "asc");
        }
        // WordPress refuses relevance without search words.
        Sort::Relevance if searching.is_some() => {
            params.append_pair("orderby", "relevance");
        }
        _ => {}
    }
    params.append_pair("page", &query.page.max(1).to_string());
    params.append_pair(
        "per_page",
        &query.per_page.clamp(1, MAX_PER_PAGE).to_string(),
    );
    let mut params = params.finish();
    params.push('&');
    params.push_str(TEASER_FIELDS);
    params
}

/// The parameters asking for the one post called `slug`, with its body.
pub fn article_params(slug: &str) -> String {
    format!("slug={}&{ARTICLE_FIELDS}", encode(slug))
}

/// The parameters asking for the date of the newest post (`oldest`:
/// the oldest), for the year menu's range.
pub fn edge_params(oldest: bool) -> &'static str {
    if oldest {
        "per_page=1&order=asc&_fields=date_gmt"
    } else {
        "per_page=1&_fields=date_gmt"
    }
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Reads the site's index (`/wp-json/`, asked with [`SITE_FIELDS`]).
/// `file` (its URL) names it in messages.
pub fn parse_site(bytes: &[u8], file: &str) -> Result<Site, DataError> {
    let document = parse(bytes, file)?;
    let top = Obj::top(&document, file)?;
    let title = plain_text(&top.string("name")?);
    Ok(Site {
        title,
        description: plain_text(&top.opt_string("description")?.unwrap_or_default()),
        language: DEFAULT_LANGUAGE.to_owned(),
        url: top
            .opt_string("home")?
            .map(|home| format!("{}/", home.trim_end_matches('/'))),
        sections: Vec::new(),
    })
}

/// Reads a list of categories, tags or users. `file` (its URL) names it
/// in messages.
pub fn parse_entries(bytes: &[u8], file: &str) -> Result<Vec<Entry>, DataError> {
    let document = parse(bytes, file)?;
    let mut entries = Vec::new();
    for (path, item) in top_items(&document, file)? {
        let obj = Obj::at(item, file, path)?;
        let slug = obj.string("slug")?;
        let description = plain_text(&obj.opt_string("description")?.unwrap_or_default());
        entries.push(Entry {
            id: obj.u32("id")?,
            name: plain_text(&obj.string("name")?),
            description: Some(description).filter(|d| !d.is_empty()),
            count: obj.opt_u32("count")?.map(|n| n as usize),
            slug,
        });
    }
    Ok(entries)
}

/// The years of the dates in a list of posts asked with
/// [`edge_params`].
pub fn parse_edge_year(bytes: &[u8], file: &str) -> Result<Option<u16>, DataError> {
    let document = parse(bytes, file)?;
    match top_items(&document, file)?.into_iter().next() {
        Some((path, item)) => Ok(Some(Obj::at(item, file, path)?.date("date_gmt")?.year())),
        None => Ok(None),
    }
}

/// Reads a page of posts (asked with [`posts_params`]) as teasers; a post
/// that cannot be read is left out with why. `file` (its URL) names it
/// in messages.
pub fn parse_posts(bytes: &[u8], file: &str) -> Result<(Vec<Teaser>, Vec<DataError>), DataError> {
    let document = parse(bytes, file)?;
    let mut teasers = Vec::new();
    let mut skipped = Vec::new();
    for (path, item) in top_items(&document, file)? {
        match Obj::at(item, file, path).and_then(|post| read_teaser(&post)) {
            Ok(teaser) => teasers.push(teaser),
            Err(error) => skipped.push(error),
        }
    }
    Ok((teasers, skipped))
}

/// Reads the answer to [`article_params`]: the article, or `None` when
/// the site has no published post with that slug.
pub fn parse_article(bytes: &[u8], file: &str) -> Result<Option<Article>, DataError> {
    let document = parse(bytes, file)?;
    let Some((path, item)) = top_items(&document, file)?.into_iter().next() else {
        return Ok(None);
    };
    let post = Obj::at(item, file, path)?;
    let mut teaser = read_teaser(&post)?;
    let body_html = post.object("content")?.string("rendered")?;
    let words = plain_text(&body_html).split(' ').count();
    teaser.reading_minutes = Some(words.div_ceil(WORDS_PER_MINUTE).max(1) as u32);
    Ok(Some(Article {
        teaser,
        body_html,
        language: None,
    }))
}

/// A list answer's items; WordPress answers every collection with an
/// array.
fn top_items<'a>(document: &'a Value, file: &str) -> Result<Vec<(String, &'a Value)>, DataError> {
    match document {
        Value::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(at, item)| (format!("[{at}]"), item))
            .collect()),
        _ => Err(DataError::Field {
            file: file.to_owned(),
            path: "(top level)".to_owned(),
            reason: "expected a list (an array), as WordPress answers".to_owned(),
        }),
    }
}

/// A field WordPress renders, as `title`: `{"rendered": "…"}`, as plain
/// text.
fn rendered(post: &Obj, key: &str) -> Result<String, DataError> {
    match post.opt_object(key)? {
        Some(field) => Ok(plain_text(
            &field.opt_string("rendered")?.unwrap_or_default(),
        )),
        None => Ok(String::new()),
    }
}

fn read_teaser(post: &Obj) -> Result<Teaser, DataError> {
    let slug = post.string("slug")?;
    if !is_valid_slug(&slug) {
        return Err(post.field_error(
            "slug",
            format!(
                "expected a slug of lowercase letters, digits and hyphens, got {}",
                quoted(&slug)
            ),
        ));
    }
    let mut teaser = Teaser {
        title: rendered(post, "title")?,
        date: post.date("date_gmt")?,
        authors: Vec::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        excerpt: rendered(post, "excerpt")?,
        image: None,
        reading_minutes: None,
        slug,
    };
    // What the embeds hold; one that failed (an error object in its
    // place, as when a plugin hides users) is left out.
    if let Some(embedded) = post.opt_object("_embedded")? {
        for (path, item) in embedded.items("author", false)? {
            if let Ok(author) = Obj::at(item, post.file(), path).and_then(|a| read_author(&a)) {
                teaser.authors.push(author);
            }
        }
        for (_, group) in embedded.items("wp:term", false)? {
            let Value::Array(terms) = group else { continue };
            for term in terms {
                let Ok(term) = Obj::at(term, post.file(), String::new()) else {
                    continue;
                };
                let list = match term.opt_string("taxonomy") {
                    Ok(Some(taxonomy)) if taxonomy == "category" => &mut teaser.categories,
                    Ok(Some(taxonomy)) if taxonomy == "post_tag" => &mut teaser.tags,
                    _ => continue,
                };
                if let (Ok(slug), Ok(name)) = (term.string("slug"), term.string("name")) {
                    list.push(Term {
                        slug,
                        name: plain_text(&name),
                        description: None,
                    });
                }
            }
        }
        if let Some((path, media)) = embedded
            .items("wp:featuredmedia", false)?
            .into_iter()
            .next()
        {
            teaser.image = Obj::at(media, post.file(), path)
                .ok()
                .and_then(|media| read_image(&media));
        }
    }
    Ok(teaser)
}

/// An embedded user as an author. A biography that reads `<name> is a
/// member of <organisation>.` gives the byline's affiliation, as the
/// seed's archive prints it; any other is the author's description.
fn read_author(user: &Obj) -> Result<Author, DataError> {
    let name = plain_text(&user.string("name")?);
    let bio = plain_text(&user.opt_string("description")?.unwrap_or_default());
    let affiliation = bio
        .strip_prefix(name.as_str())
        .and_then(|rest| rest.strip_prefix(" is a member of "))
        .and_then(|rest| rest.strip_suffix('.'))
        .filter(|organisation| !organisation.contains(". "))
        .map(str::to_owned);
    Ok(Author {
        slug: user.string("slug")?,
        description: (affiliation.is_none() && !bio.is_empty()).then_some(bio),
        affiliation,
        name,
    })
}

/// An embedded attachment as the featured image: its full size with its
/// dimensions (so the page reserves its space), its alt text, and every
/// size WordPress made as `srcset`. `None` without a URL or dimensions.
fn read_image(media: &Obj) -> Option<Image> {
    let src = media.opt_string("source_url").ok()??;
    let details = media.opt_object("media_details").ok()??;
    let width = details.opt_u32("width").ok()??;
    let height = details.opt_u32("height").ok()??;
    // Every size WordPress made, narrowest first, each width once.
    let mut candidates: Vec<(u32, String)> = Vec::new();
    let mut add = |width: u32, url: String| {
        let at = candidates.partition_point(|(known, _)| *known < width);
        if candidates.get(at).is_none_or(|(known, _)| *known != width) {
            candidates.insert(at, (width, url));
        }
    };
    if let Ok(Some(sizes)) = details.opt_object("sizes") {
        for (_, size) in sizes.entries() {
            let Ok(size) = Obj::at(size, media.file(), String::new()) else {
                continue;
            };
            if let (Ok(Some(url)), Ok(Some(width))) =
                (size.opt_string("source_url"), size.opt_u32("width"))
            {
                add(width, url);
            }
        }
    }
    add(width, src.clone());
    let mut srcset = String::new();
    for (width, url) in &candidates {
        if !srcset.is_empty() {
            srcset.push_str(", ");
        }
        srcset.push_str(&url.replace(' ', "%20"));
        srcset.push(' ');
        srcset.push_str(&width.to_string());
        srcset.push('w');
    }
    let srcset = (candidates.len() > 1).then_some(srcset);
    Some(Image {
        alt: plain_text(&media.opt_string("alt_text").ok()?.unwrap_or_default()),
        src,
        width,
        height,
        srcset,
    })
}

#[cfg(test)]
mod tests;
