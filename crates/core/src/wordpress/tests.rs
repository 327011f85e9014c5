use super::*;

/// A page of posts as WordPress 6 answers `posts_params`: rendered
/// fields with entities, a theme's read-more link, and the embeds.
const POSTS: &str = r##"[
  {
    "slug": "peru-mass-revolt-against-coup-continues",
    "date_gmt": "2023-01-20T12:00:00",
    "title": {"rendered": "Peru: Mass Revolt Against Coup Continues"},
    "excerpt": {"rendered": "<p>The Peruvian masses must rely on their own strength &#8230; 2022 came to a chaotic [&hellip;] <a class=\"more-link\" href=\"http://wp.test/peru/\">Continue reading<span class=\"screen-reader-text\"> &#8220;Peru&#8221;</span></a></p>\n", "protected": false},
    "_links": {"author": [{"embeddable": true, "href": "http://wp.test/wp-json/wp/v2/users/2"}]},
    "_embedded": {
      "author": [{"id": 2, "name": "Darragh O&#8217;Dwyer", "slug": "darragh-odwyer",
        "description": "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales &amp; Scotland).",
        "avatar_urls": {"24": "http://wp.test/a.png"}}],
      "wp:term": [
        [{"id": 3, "link": "http://wp.test/category/latin-america/", "name": "Latin America", "slug": "latin-america", "taxonomy": "category"}],
        [{"id": 7, "name": "Coup", "slug": "coup", "taxonomy": "post_tag"},
         {"id": 8, "name": "Pink &amp; Tide", "slug": "pink-tide", "taxonomy": "post_tag"}]
      ],
      "wp:featuredmedia": [{"id": 40, "alt_text": "A march in Lima", "source_url": "http://wp.test/up/lima.jpg",
        "media_details": {"width": 1200, "height": 800, "file": "lima.jpg", "sizes": {
          "thumbnail": {"file": "lima-150x150.jpg", "width": 150, "height": 150, "source_url": "http://wp.test/up/lima-150x150.jpg"},
          "medium": {"file": "lima-300x200.jpg", "width": 300, "height": 200, "source_url": "http://wp.test/up/lima-300x200.jpg"},
          "full": {"file": "lima.jpg", "width": 1200, "height": 800, "source_url": "http://wp.test/up/lima.jpg"}}}}]
    }
  },
  {
    "slug": "Not A Slug",
    "date_gmt": "2023-01-19T12:00:00",
    "title": {"rendered": "Broken"}
  },
  {
    "slug": "hidden-author",
    "date_gmt": "2022-12-08T09:30:00",
    "title": {"rendered": "Latin America: Second &#8220;Pink Tide&#8221;: What Way Forward?"},
    "excerpt": {"rendered": "<p>A wave of left-wing electoral victories [&hellip;]</p>\n"},
    "_embedded": {
      "author": [{"code": "rest_user_invalid_id", "message": "Invalid user ID.", "data": {"status": 404}}],
      "wp:featuredmedia": [{"code": "rest_forbidden", "message": "Sorry", "data": {"status": 401}}]
    }
  }
]"##;

#[test]
fn posts_become_teasers_with_plain_text_and_embeds() {
    let (teasers, skipped) = parse_posts(POSTS.as_bytes(), "http://wp.test/posts").unwrap();
    assert_eq!(teasers.len(), 2);
    let peru = &teasers[0];
    assert_eq!(peru.slug, "peru-mass-revolt-against-coup-continues");
    assert_eq!(peru.title, "Peru: Mass Revolt Against Coup Continues");
    assert_eq!(
        peru.excerpt,
        "The Peruvian masses must rely on their own strength … 2022 came to a chaotic […]"
    );
    assert_eq!(peru.date.iso(), "2023-01-20");
    assert_eq!(peru.authors.len(), 1);
    assert_eq!(peru.authors[0].name, "Darragh O’Dwyer");
    assert_eq!(peru.authors[0].slug, "darragh-odwyer");
    assert_eq!(
        crate::byline(&peru.authors[0]),
        "Darragh O’Dwyer is a member of Socialist Alternative (England, Wales & Scotland)."
    );
    assert_eq!(peru.categories[0].slug, "latin-america");
    let tags: Vec<&str> = peru.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Coup", "Pink & Tide"]);
    let image = peru.image.as_ref().unwrap();
    assert_eq!(image.src, "http://wp.test/up/lima.jpg");
    assert_eq!(image.alt, "A march in Lima");
    assert_eq!((image.width, image.height), (1200, 800));
    assert_eq!(
        image.srcset.as_deref(),
        Some(
            "http://wp.test/up/lima-150x150.jpg 150w, http://wp.test/up/lima-300x200.jpg 300w, \
             http://wp.test/up/lima.jpg 1200w"
        )
    );

    // An embed that failed leaves its part out, not the post.
    let hidden = &teasers[1];
    assert_eq!(
        hidden.title,
        "Latin America: Second “Pink Tide”: What Way Forward?"
    );
    assert!(hidden.authors.is_empty());
    assert!(hidden.image.is_none());

    assert_eq!(skipped.len(), 1);
    assert_eq!(
        skipped[0].to_string(),
        r#"http://wp.test/posts: [1].slug: expected a slug of lowercase letters, digits and hyphens, got "Not A Slug""#
    );
}

#[test]
fn a_post_is_an_article_with_its_body_and_reading_time() {
    let words = "word ".repeat(450);
    let json = format!(
        r#"[{{"slug": "a", "date_gmt": "2023-02-17T08:00:00", "title": {{"rendered": "A"}},
            "excerpt": {{"rendered": ""}}, "content": {{"rendered": "<p>{words}</p><script>x()</script>"}}}}]"#
    );
    let article = parse_article(json.as_bytes(), "u").unwrap().unwrap();
    assert_eq!(article.teaser.slug, "a");
    assert!(article.body_html.starts_with("<p>word"));
    assert_eq!(article.teaser.reading_minutes, Some(3));
    assert_eq!(parse_article(b"[]", "u").unwrap(), None);
    assert_eq!(
        parse_article(br#"{"code": "rest_no_route"}"#, "u")
            .unwrap_err()
            .to_string(),
        "u: (top level): expected a list (an array), as WordPress answers"
    );
    assert!(parse_article(b"<br />\n<b>Warning</b>: x", "u")
        .unwrap_err()
        .to_string()
        .starts_with("u: not valid JSON"));
}

#[test]
fn the_index_describes_the_site() {
    let site = parse_site(
        br#"{"name": "Socialist &amp; Alternative", "description": "News &#8211; analysis", "home": "http://wp.test"}"#,
        "u",
    )
    .unwrap();
    assert_eq!(site.title, "Socialist & Alternative");
    assert_eq!(site.description, "News – analysis");
    assert_eq!(site.url.as_deref(), Some("http://wp.test/"));
}

fn entry(id: u32, slug: &str, name: &str, count: Option<usize>) -> Entry {
    Entry {
        id,
        slug: slug.to_owned(),
        name: name.to_owned(),
        description: None,
        count,
    }
}

fn vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary {
        span: Some((2023, 2021)),
        ..Vocabulary::default()
    };
    vocabulary.add(
        ArchiveKind::Category,
        vec![
            entry(4, "peru", "Peru", Some(3)),
            entry(3, "latin-america", "Latin America", Some(5)),
        ],
    );
    vocabulary.add(ArchiveKind::Tag, vec![entry(7, "coup", "Coup", Some(3))]);
    vocabulary.add(
        ArchiveKind::Author,
        vec![entry(2, "darragh-odwyer", "Darragh O’Dwyer", None)],
    );
    vocabulary
}

#[test]
fn entries_are_read_in_plain_text_and_kept_by_name() {
    let entries = parse_entries(
        br#"[{"id": 9, "slug": "a-b", "name": "A &amp; B", "description": "<p>About</p>", "count": 2},
             {"id": 2, "slug": "odwyer", "name": "O&#8217;Dwyer", "description": ""}]"#,
        "u",
    )
    .unwrap();
    assert_eq!(entries[0].name, "A & B");
    assert_eq!(entries[0].description.as_deref(), Some("About"));
    assert_eq!(entries[0].count, Some(2));
    assert_eq!(entries[1].description, None);
    assert_eq!(entries[1].count, None);
    let vocabulary = vocabulary();
    let names: Vec<&str> = vocabulary
        .categories
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, ["Latin America", "Peru"]);
    assert_eq!(
        parse_entries(br#"[{"id": -1, "slug": "a", "name": "A"}]"#, "u")
            .unwrap_err()
            .to_string(),
        "u: [0].id: expected a whole number, got -1"
    );
}

#[test]
fn queries_map_to_the_rest_apis_parameters() {
    let vocabulary = vocabulary();
    let query = Query::from_url("category=peru&tag=coup&author=darragh-odwyer&year=2022&q=Per%C3%BA+coup&sort=relevance&page=2");
    let params = posts_params(
        &Query {
            per_page: 12,
            ..query
        },
        &vocabulary,
    );
    assert_eq!(
        params,
        format!(
            "categories=4&tags=7&author=2&after=2021-12-31T23%3A59%3A59\
             &before=2023-01-01T00%3A00%3A00&search=Per%C3%BA+coup&orderby=relevance\
             &page=2&per_page=12&{TEASER_FIELDS}"
        )
    );
    // Nothing but the page by default; oldest first; relevance without
    // words is WordPress's default order; an unknown slug is left out.
    let plain = posts_params(&Query::from_url("sort=relevance&tag=nope"), &vocabulary);
    assert_eq!(plain, format!("page=1&per_page=12&{TEASER_FIELDS}"));
    let oldest = posts_params(&Query::from_url("sort=oldest"), &vocabulary);
    assert!(oldest.starts_with("order=asc&page=1&"));
    assert_eq!(
        vocabulary.unknown(&Query::from_url("tag=nope&category=peru&author=x")),
        [
            (ArchiveKind::Tag, "nope".to_owned()),
            (ArchiveKind::Author, "x".to_owned())
        ]
    );
    assert_eq!(
        ArchiveKind::Tag.rest_lookup("año"),
        "slug=a%C3%B1o&_fields=id,slug,name,description,count"
    );
    assert!(article_params("peru").starts_with("slug=peru&_embed="));
}

#[test]
fn both_permalink_styles_address_the_same_routes() {
    assert_eq!(
        Routes::Pretty.url("https://wp.test/news/", "/wp/v2/posts", "page=2"),
        "https://wp.test/news/wp-json/wp/v2/posts?page=2"
    );
    assert_eq!(
        Routes::Plain.url("https://wp.test/news/", "/wp/v2/posts", "page=2"),
        "https://wp.test/news/?rest_route=/wp/v2/posts&page=2"
    );
    assert_eq!(
        Routes::Pretty.url("https://wp.test/", "/", SITE_FIELDS),
        "https://wp.test/wp-json/?_fields=name,description,home"
    );
    assert_eq!(
        Routes::Plain.url("https://wp.test/", "/", ""),
        "https://wp.test/?rest_route=/"
    );
}

#[test]
fn the_api_roots_link_tells_the_permalink_style() {
    let pretty = r#"<http://wp.test/wp-json/>; rel="https://api.w.org/""#;
    let plain = r#"<http://wp.test/?rest_route=/>; rel="https://api.w.org/""#;
    assert_eq!(Routes::from_link(Some(pretty)), Routes::Pretty);
    assert_eq!(Routes::from_link(Some(plain)), Routes::Plain);
    let both = format!(r#"<http://wp.test/?rest_route=/x&page=2>; rel="next", {pretty}"#);
    assert_eq!(Routes::from_link(Some(&both)), Routes::Pretty);
    assert_eq!(Routes::from_link(None), Routes::Plain);
    let moved = r#"<http://wp.test/api/>; rel="https://api.w.org/""#;
    assert_eq!(Routes::from_link(Some(moved)), Routes::Plain);
    assert_eq!(Routes::from_link(Some("<x>; rel=\"next\"")), Routes::Plain);
}

#[test]
fn facets_give_only_the_counts_wordpress_can_answer() {
    let vocabulary = vocabulary();
    let counts = |facets: &[FacetCount]| -> Vec<(String, Option<usize>)> {
        facets.iter().map(|f| (f.slug.clone(), f.count)).collect()
    };
    let whole = vocabulary.facets(&Query::default());
    assert_eq!(
        counts(&whole.categories),
        [("latin-america".into(), Some(5)), ("peru".into(), Some(3))]
    );
    assert_eq!(counts(&whole.tags), [("coup".into(), Some(3))]);
    assert_eq!(counts(&whole.authors), [("darragh-odwyer".into(), None)]);
    assert_eq!(
        counts(&whole.years),
        [
            ("2023".into(), None),
            ("2022".into(), None),
            ("2021".into(), None)
        ]
    );
    // A category's own filter leaves its counts true; another filter or a
    // search does not.
    let in_peru = vocabulary.facets(&Query::from_url("category=peru"));
    assert_eq!(in_peru.categories[1].count, Some(3));
    assert_eq!(in_peru.tags[0].count, None);
    let searching = vocabulary.facets(&Query::from_url("q=coup"));
    assert_eq!(searching.categories[0].count, None);
    let by_year = vocabulary.facets(&Query::from_url("year=2022"));
    assert_eq!(by_year.tags[0].count, None);
}

#[test]
fn the_edge_dates_give_the_years() {
    assert_eq!(
        parse_edge_year(br#"[{"date_gmt": "2019-03-01T10:00:00"}]"#, "u").unwrap(),
        Some(2019)
    );
    assert_eq!(parse_edge_year(b"[]", "u").unwrap(), None);
}

#[test]
fn rendered_html_becomes_plain_text() {
    let cases = [
        ("<p>Rock &amp; roll</p>\n", "Rock & roll"),
        (
            "It&#8217;s &#x201C;new&#x201D; [&hellip;]",
            "It’s “new” […]",
        ),
        ("a&nbsp;b", "a b"),
        ("&unknown; &amp &#;", "&unknown; &amp &#;"),
        ("&#0; &#1114112;", "\u{fffd} \u{fffd}"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        ("<p>one</p><p>two</p>", "one two"),
        ("x <b>bold</b> <a href=\"/y\">link</a>.", "x bold link."),
        (
            "Text. <a href=\"/p\" class=\"more-link\">More <span>about it</span></a>",
            "Text.",
        ),
        (
            "Text &hellip; <a href=\"/p\">Continue reading &rarr;</a>",
            "Text …",
        ),
        ("<a href='/p'>Read more</a> after", "after"),
        ("<p title=\"a > b\">kept</p>", "kept"),
        ("1 < 2 and <3", "1 < 2 and <3"),
        ("<script>alert(1)</script>safe<style>p{}</style>", "safe"),
        ("<!-- note -->shown", "shown"),
        ("unclosed <a href=\"x", "unclosed <a href=\"x"),
        ("<a class=x>Read <abbr>more</abbr> now</a> tail", "tail"),
        (
            "See <a href=\"/more-links-page\">our list</a> here",
            "See our list here",
        ),
        ("<!-- don't --> It's <b>fine</b>", "It's fine"),
        ("&#+65; &#150; &#x93;q&#x94;", "&#+65; – “q”"),
        ("<p>a</p><script>x</scripts></script>b", "a b"),
        ("<A HREF='/p' CLASS='x more-link'>More</A>after", "after"),
    ];
    for (html, text) in cases {
        assert_eq!(plain_text(html), text, "{html}");
    }
}

#[test]
fn unclosed_and_nested_links_take_linear_time() {
    let html = "<a href=x>word ".repeat(20_000);
    let text = plain_text(&html);
    assert_eq!(text.split(' ').count(), 20_000);
}
