//! Deterministic synthetic archives for scale tests and benchmarks:
//! realistic field lengths, non-ASCII names and titles, hundreds of authors
//! and tags, and twenty years of dates.
//!
//! The same `(articles, seed)` always gives the same bytes, on every
//! machine and version: the random numbers come from SplitMix64, written
//! out here, not from a crate whose algorithm may change.

use crate::bundle::{ArticleFile, IndexFile};
use crate::model::{Article, Author, Site, Teaser, Term, DEFAULT_LANGUAGE};
use crate::Date;

/// A generated bundle: `index.json` and each `articles/<slug>.json`.
pub struct Archive {
    /// The index file's contents.
    pub index: String,
    /// Each article's slug and file contents, newest first.
    pub articles: Vec<(String, String)>,
}

/// SplitMix64: a small, well-known generator with a fixed definition.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const GIVEN: &[&str] = &[
    "Darragh",
    "Elan",
    "Mauro",
    "Emily",
    "José",
    "María",
    "Zoë",
    "Søren",
    "Łukasz",
    "Ngozi",
    "Aoife",
    "Mateus",
    "Inés",
    "Kenji",
    "Ayşe",
    "François",
    "Björn",
    "Chloé",
    "Tomás",
    "Yūko",
    "Nuno",
    "Ewa",
    "Dmitri",
    "Ana",
    "Siobhán",
    "Kwame",
    "Lucía",
    "Jürgen",
    "Mei",
    "Ōta",
];
const FAMILY: &[&str] = &[
    "O’Dwyer",
    "Axelbank",
    "Espinola",
    "Culver",
    "Pérez",
    "Gonçalves",
    "Ødegaard",
    "Wróbel",
    "Okafor",
    "Ní Bhriain",
    "Fernández",
    "Tanaka",
    "Yılmaz",
    "Lefèvre",
    "Åberg",
    "Müller",
    "Castillo",
    "Nakamura",
    "Kowalczyk",
    "Mensah",
    "Ruiz",
    "Dubois",
    "Sánchez",
    "Novák",
];
const ORGANISATIONS: &[&str] = &[
    "Socialist Alternative (England, Wales & Scotland)",
    "Socialist Alternative in the US",
    "Alternativa Socialista (ISA in Mexico)",
    "Liberdade, Socialismo e Revolução (Brasil)",
    "Sosialistisk Alternativ (Norge)",
    "Alternativa Socialista (Perú)",
];
const PLACES: &[&str] = &[
    "Perú",
    "Lima",
    "São Paulo",
    "Bogotá",
    "Ciudad de México",
    "Zürich",
    "Łódź",
    "Ōsaka",
    "Reykjavík",
    "Kraków",
    "Montréal",
    "Córdoba",
    "Antofagasta",
    "Cusco",
    "Tegucigalpa",
];
const SUBJECTS: &[&str] = &[
    "Mass Protests",
    "Strike Wave",
    "Teachers’ Strike",
    "Rent Revolt",
    "Miners’ Dispute",
    "Student Movement",
    "Coup Attempt",
    "Election Result",
    "Climate March",
    "Dock Workers",
    "Nurses’ Walkout",
    "Budget Cuts",
    "Land Occupation",
    "Pension Reform",
    "Transport Strike",
];
const VERBS: &[&str] = &[
    "Shakes",
    "Spreads Across",
    "Defeats Government in",
    "Returns to",
    "Grows in",
    "Paralyses",
    "Wins Concessions in",
    "Confronts Police in",
    "Divides Opinion in",
    "Rocks",
];
const SECTIONS: &[(&str, &str)] = &[
    ("latin-america", "Latin America"),
    ("europe", "Europe"),
    ("north-america", "North America"),
    ("africa", "Africa"),
    ("asia", "Asia"),
    ("middle-east", "Middle East"),
    ("oceania", "Oceania"),
    ("economy", "Economy"),
    ("environment", "Environment"),
    ("labour", "Labour"),
    ("women", "Women’s Struggles"),
    ("youth", "Youth"),
];
const WORDS: &[&str] = &[
    "the",
    "workers",
    "movement",
    "government",
    "crisis",
    "protest",
    "strike",
    "union",
    "inflation",
    "wages",
    "struggle",
    "democratic",
    "committees",
    "mass",
    "rural",
    "poor",
    "rights",
    "election",
    "reform",
    "capital",
    "organise",
    "solidarity",
    "demands",
    "city",
    "ongoing",
    "against",
    "across",
    "together",
    "national",
    "local",
    "coordinate",
    "steps",
];

fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ã' | 'å' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ú' | 'ü' | 'ū' => 'u',
            'ç' => 'c',
            'ł' => 'l',
            'ñ' => 'n',
            'ş' => 's',
            'ý' => 'y',
            '’' | '\'' => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// `least` to `least + more - 1` words.
fn sentence(rng: &mut Rng, least: usize, more: usize) -> String {
    let words = least + rng.below(more);
    let mut text = String::new();
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(rng.pick(WORDS));
    }
    text
}

/// Generates an archive of `articles` articles from `seed`.
pub fn generate(articles: usize, seed: u64) -> Archive {
    let mut rng = Rng(seed);
    let author_count = (articles / 25).clamp(20, 400);
    let mut authors = Vec::with_capacity(author_count);
    for i in 0..author_count {
        let name = format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY));
        authors.push(Author {
            slug: format!("{}-{i}", slugify(&name)),
            name,
            affiliation: Some(rng.pick(ORGANISATIONS).to_owned()),
            description: None,
        });
    }
    let term = |slug: String, name: String| Term {
        slug,
        name,
        description: None,
    };
    let categories: Vec<Term> = SECTIONS
        .iter()
        .map(|(slug, name)| term((*slug).to_owned(), (*name).to_owned()))
        .collect();
    let tag_count = (articles / 20).clamp(30, 500);
    let tags: Vec<Term> = (0..tag_count)
        .map(|i| {
            let name = format!("{} {}", rng.pick(PLACES), rng.pick(SUBJECTS));
            term(format!("{}-{i}", slugify(&name)), name)
        })
        .collect();

    // Twenty years, newest first: 2025-12-31 back to 2006-01-01.
    let span_days = 20 * 365;
    let mut days: Vec<usize> = (0..articles).map(|_| rng.below(span_days)).collect();
    days.sort_unstable();
    let mut teasers = Vec::with_capacity(articles);
    let mut files = Vec::with_capacity(articles);
    let mut calendar = Calendar::new();
    for (i, day) in days.into_iter().enumerate() {
        let date = calendar.at(day);
        let title = format!(
            "{}: {} {} {}",
            rng.pick(PLACES),
            rng.pick(SUBJECTS),
            rng.pick(VERBS),
            rng.pick(PLACES)
        );
        let slug = format!("{}-{}-{i}", slugify(&title), date.year());
        let excerpt = format!("{} […]", capitalise(&sentence(&mut rng, 30, 25)));
        let mut article_authors = vec![rng.below(author_count)];
        if rng.below(6) == 0 {
            article_authors.push(rng.below(author_count));
            article_authors.dedup();
        }
        let mut article_tags: Vec<usize> = (0..1 + rng.below(4))
            .map(|_| rng.below(tag_count))
            .collect();
        article_tags.sort_unstable();
        article_tags.dedup();
        let category = rng.below(SECTIONS.len());
        let body: String = (0..3 + rng.below(5))
            .map(|_| format!("<p>{}.</p>", capitalise(&sentence(&mut rng, 40, 60))))
            .collect();
        let teaser = Teaser {
            slug,
            title,
            date,
            authors: article_authors
                .iter()
                .map(|&a| authors[a].clone())
                .collect(),
            categories: vec![categories[category].clone()],
            tags: article_tags.iter().map(|&t| tags[t].clone()).collect(),
            excerpt,
            image: None,
            reading_minutes: u32::try_from(1 + body.len() / 1200).ok(),
        };
        let article = Article {
            teaser,
            body_html: body,
            language: None,
        };
        let file = serde_json::to_string(&ArticleFile::new(&article)).unwrap_or_default();
        files.push((article.teaser.slug.clone(), file));
        teasers.push(article.teaser);
    }
    let site = Site {
        title: format!("Synthetic Archive ({articles} articles)"),
        description: String::new(),
        language: DEFAULT_LANGUAGE.to_owned(),
        url: None,
        sections: Vec::new(),
    };
    let index = IndexFile::new(&site, &authors, &categories, &tags, &teasers);
    Archive {
        index: serde_json::to_string(&index).unwrap_or_default(),
        articles: files,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A calendar that walks back one day at a time from 2025-12-31.
struct Calendar {
    year: u16,
    month: u8,
    day: u8,
    /// Days walked back so far.
    offset: usize,
}

impl Calendar {
    fn new() -> Self {
        Calendar {
            year: 2025,
            month: 12,
            day: 31,
            offset: 0,
        }
    }

    /// The date `offset` days before 2025-12-31, as `YYYY-MM-DD`; offsets
    /// asked in ascending order cost one step per day in all.
    fn at(&mut self, offset: usize) -> Date {
        if offset < self.offset {
            *self = Calendar::new();
        }
        while self.offset < offset {
            self.offset += 1;
            if self.day > 1 {
                self.day -= 1;
                continue;
            }
            if self.month > 1 {
                self.month -= 1;
            } else {
                self.month = 12;
                self.year -= 1;
            }
            let (year, month) = (self.year, self.month);
            self.day = (28..=31)
                .rev()
                .find(|&d| crate::Date::new(year, month, d).is_some())
                .unwrap_or(28);
        }
        Date::from_valid(self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_article, parse_index};

    #[test]
    fn is_deterministic_and_readable() {
        let a = generate(300, 7);
        let b = generate(300, 7);
        assert_eq!(a.index, b.index);
        assert_ne!(a.index, generate(300, 8).index);
        let index = parse_index(a.index.as_bytes(), "index.json").unwrap();
        assert_eq!(index.teasers.len(), 300);
        assert!(index.skipped.is_empty(), "{:?}", index.skipped.first());
        assert!(index.authors.len() >= 20 && index.tags.len() >= 30);
        let dates: Vec<_> = index.teasers.iter().map(|t| t.date).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
        assert!(index.teasers.iter().any(|t| !t.title.is_ascii()));
        for (slug, file) in a.articles.iter().take(20) {
            let article = parse_article(file.as_bytes(), "a.json").unwrap();
            assert_eq!(&article.teaser.slug, slug);
            assert_eq!(Some(&article.teaser), index.teaser(slug));
        }
    }

    #[test]
    fn dates_count_back_from_the_end_of_2025() {
        let mut calendar = Calendar::new();
        assert_eq!(calendar.at(0).iso(), "2025-12-31");
        assert_eq!(calendar.at(31).iso(), "2025-11-30");
        assert_eq!(calendar.at(365).iso(), "2024-12-31");
        assert_eq!(calendar.at(670).iso(), "2024-03-01");
        assert_eq!(calendar.at(671).iso(), "2024-02-29");
        // Asked out of order, it starts again.
        assert_eq!(calendar.at(31).iso(), "2025-11-30");
    }
}
