//! The route table: every view the app has, read from and written to a
//! path. The app, its links and the prerenderer share this one table.

use crate::slug::is_valid_slug;

/// The kinds of archive: the groupings a teaser belongs to, each with its
/// own page (`/category/<slug>`) and filter (`?category=<slug>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArchiveKind {
    /// Sections: `/category/<slug>`.
    Category,
    /// Writers: `/author/<slug>`.
    Author,
    /// Topics: `/tag/<slug>`.
    Tag,
}

impl ArchiveKind {
    /// Every kind, in the order menus list them.
    pub const ALL: [ArchiveKind; 3] =
        [ArchiveKind::Category, ArchiveKind::Author, ArchiveKind::Tag];

    /// Its name in paths, query strings and `data-` attributes: `category`,
    /// `author`, `tag`.
    pub fn name(self) -> &'static str {
        match self {
            ArchiveKind::Category => "category",
            ArchiveKind::Author => "author",
            ArchiveKind::Tag => "tag",
        }
    }

    /// The kind [`ArchiveKind::name`] names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Its name as a heading's kicker or a menu's label: `Category`.
    pub fn label(self) -> &'static str {
        match self {
            ArchiveKind::Category => "Category",
            ArchiveKind::Author => "Author",
            ArchiveKind::Tag => "Tag",
        }
    }

    /// The route of the archive `slug` of this kind.
    pub fn route(self, slug: impl Into<String>) -> Route {
        let slug = slug.into();
        match self {
            ArchiveKind::Category => Route::Category(slug),
            ArchiveKind::Author => Route::Author(slug),
            ArchiveKind::Tag => Route::Tag(slug),
        }
    }
}

/// A view, as a path names it (the path below the app's base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the latest articles, with filters in the query string.
    Home,
    /// `/articles/<slug>`.
    Article(String),
    /// `/category/<slug>`.
    Category(String),
    /// `/author/<slug>`.
    Author(String),
    /// `/tag/<slug>`.
    Tag(String),
    /// Any other path.
    NotFound,
}

impl Route {
    /// The route a path names; a trailing slash and `index.html` make no
    /// difference, and a slug that cannot be one is not found.
    pub fn parse(path: &str) -> Route {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let mut parts = path.split('/').filter(|part| !part.is_empty());
        let route = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => return Route::Home,
            (Some(kind), Some(slug), None) => (kind, slug.to_owned()),
            _ => return Route::NotFound,
        };
        if !is_valid_slug(&route.1) {
            return Route::NotFound;
        }
        match route {
            ("articles", slug) => Route::Article(slug),
            (kind, slug) => match ArchiveKind::from_name(kind) {
                Some(kind) => kind.route(slug),
                None => Route::NotFound,
            },
        }
    }

    /// The archive this route is, if it is one.
    pub fn archive(&self) -> Option<(ArchiveKind, &str)> {
        match self {
            Route::Category(slug) => Some((ArchiveKind::Category, slug)),
            Route::Author(slug) => Some((ArchiveKind::Author, slug)),
            Route::Tag(slug) => Some((ArchiveKind::Tag, slug)),
            Route::Home | Route::Article(_) | Route::NotFound => None,
        }
    }

    /// The path of this route, below the base; `None` for
    /// [`Route::NotFound`], which has no path of its own.
    pub fn path(&self) -> Option<String> {
        Some(match self {
            Route::Home => "/".to_owned(),
            Route::Article(slug) => format!("/articles/{slug}"),
            Route::Category(slug) | Route::Author(slug) | Route::Tag(slug) => {
                let kind = self.archive().map_or("", |(kind, _)| kind.name());
                format!("/{kind}/{slug}")
            }
            Route::NotFound => return None,
        })
    }
}

/// The query string parameter of an article's URL naming the archive
/// the listing it was opened from was confined to.
pub const FROM: &str = "from";

/// The path (without the app's base) of article `slug` opened from the
/// results of `query` on a listing confined to `scope` (`None`: the whole
/// archive): the query without its page, plus [`FROM`] for an archive.
pub fn article_path(slug: &str, query: &crate::Query, scope: Option<ArchiveKind>) -> String {
    let mut search = crate::Query {
        page: 1,
        ..query.clone()
    }
    .to_url();
    if let Some(kind) = scope {
        if !search.is_empty() {
            search.push('&');
        }
        search.push_str(FROM);
        search.push('=');
        search.push_str(kind.name());
    }
    let path = Route::Article(slug.to_owned()).path().unwrap_or_default();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn reads_every_route() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/index.html"), Route::Home);
        assert_eq!(
            Route::parse("/articles/peru-revolt"),
            Route::Article("peru-revolt".into())
        );
        assert_eq!(
            Route::parse("/category/latin-america/"),
            Route::Category("latin-america".into())
        );
        assert_eq!(Route::parse("/author/ann"), Route::Author("ann".into()));
        assert_eq!(Route::parse("/tag/coup"), Route::Tag("coup".into()));
        for path in [
            "/articles",
            "/articles/a/b",
            "/nowhere/x",
            "/articles/Not%20A%20Slug",
            "/tag/..",
            "/x",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn paths_read_back_as_their_routes() {
        for route in [
            Route::Home,
            Route::Article("a-1".into()),
            Route::Category("c".into()),
            Route::Author("au".into()),
            Route::Tag("t".into()),
        ] {
            let path = route.path().unwrap();
            assert_eq!(Route::parse(&path), route);
        }
        assert_eq!(Route::NotFound.path(), None);
    }
}
