//! `feed.xml` (Atom) and `sitemap.xml` for a built bundle.

use broadsheet_core::head::at_path;
use broadsheet_core::Route;

use crate::bundle::{Built, SiteInfo};

/// Escapes text for XML content and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn base(site: &SiteInfo) -> String {
    if site.url.ends_with('/') {
        site.url.clone()
    } else {
        format!("{}/", site.url)
    }
}

/// The absolute URL of the article `slug` on the site.
fn article_url(site: &SiteInfo, slug: &str) -> String {
    let path = Route::Article(slug.to_owned()).path().unwrap_or_default();
    at_path(&site.url, &path)
}

/// An Atom feed of every article, newest first.
pub fn atom(site: &SiteInfo, articles: &[Built]) -> String {
    let base = base(site);
    let updated = articles
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |a| a.date.iso());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(&site.language),
        escape(&site.title),
        escape(&base),
        escape(&base),
    );
    for article in articles {
        let url = escape(&article_url(site, &article.slug));
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link href=\"{url}\"/>\n    <updated>{}T00:00:00Z</updated>\n",
            escape(&article.title),
            article.date.iso()
        ));
        for name in &article.author_names {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(name)
            ));
        }
        xml.push_str(&format!(
            "    <summary>{}</summary>\n  </entry>\n",
            escape(&article.excerpt)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// A sitemap of the home page and every article.
pub fn sitemap(site: &SiteInfo, articles: &[Built]) -> String {
    let base = base(site);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>{}</loc></url>\n",
        escape(&base)
    );
    for article in articles {
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&article_url(site, &article.slug)),
            article.date.iso()
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}
