//! The API over PostgreSQL: the schema (migrations/), and each request
//! answered by SQL with the catalog's meaning (crates/core, catalog.rs).
//!
//! A search word matches the start of a word: each is looked up in the
//! `words` table as a byte range (every word it starts), and an article
//! matches when its own words share one with every such set. Words are
//! folded by core when imported and when asked, never by the database.

use std::time::Duration;

use broadsheet_core::query::{FacetCount, Facets, Query, Sort, MAX_PER_PAGE};
use broadsheet_core::Site;
use serde_json::value::RawValue;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Postgres, Row};
use thiserror::Error;

use crate::source::{Failure, Page};

/// The schema, in versioned steps applied in order (crates/server/migrations).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// How much of the database one server copy may use.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections in this copy's pool.
    pub connections: u32,
    /// The longest a request may wait for the database, and the longest a
    /// statement may run there (`statement_timeout`).
    pub query_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections: 8,
            query_time: Duration::from_secs(2),
        }
    }
}

/// A pool of connections to an archive's database.
#[derive(Debug, Clone)]
pub struct Database {
    pool: PgPool,
    /// How the pool connects, to ask why when it could not.
    options: PgConnectOptions,
    limits: Limits,
}

/// Why a database could not be opened.
#[derive(Debug, Error)]
pub enum OpenError {
    /// The URL is not a PostgreSQL URL.
    #[error("--database: {0}")]
    Url(sqlx::Error),
    /// The database did not answer.
    #[error("the database at {url} did not answer: {source}")]
    Connect {
        /// The URL, without its password.
        url: String,
        /// What the client said.
        source: sqlx::Error,
    },
    /// Its schema could not be brought up to date.
    #[error("updating the database's schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Its schema could not be read.
    #[error("reading the database's schema version: {0}")]
    Schema(sqlx::Error),
    /// A read replica whose schema is older than this server's.
    #[error(
        "the database is a read replica with schema version {found}, and this server \
         needs {wanted}: bring the primary up to date (broadsheet-server migrate \
         --database <primary>) and let the replica follow"
    )]
    ReplicaBehind {
        /// The replica's newest version.
        found: i64,
        /// This server's newest version.
        wanted: i64,
    },
}

/// A URL without its password, for messages.
fn shown(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("…"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

impl Database {
    /// Connects to `url` (`postgres://user@host:port/name`) and brings its
    /// schema up to date.
    pub async fn open(url: &str, limits: Limits) -> Result<Self, OpenError> {
        let options = Self::migrate(url).await?;
        let statement_ms = limits.query_time.as_millis().to_string();
        // work_mem: a common word's matches at a million articles (130,000
        // rows) fit an exact bitmap, not a lossy one whose every row on a
        // page is checked again (measured: 1.08 s -> 0.80 s).
        let options = options.options([
            ("statement_timeout", statement_ms.as_str()),
            ("work_mem", "16MB"),
        ]);
        let pool = PgPoolOptions::new()
            .max_connections(limits.connections)
            .acquire_timeout(limits.query_time);
        Self::with_pool(url, pool, options, limits).await
    }

    /// Connects to `url` for maintenance (an import): one connection, no
    /// time limit on statements; the schema brought up to date.
    pub async fn maintain(url: &str) -> Result<Self, OpenError> {
        let options = Self::migrate(url).await?;
        let limits = Limits {
            connections: 1,
            query_time: Duration::from_secs(60),
        };
        let pool = PgPoolOptions::new().max_connections(1);
        Self::with_pool(url, pool, options, limits).await
    }

    /// Opens `pool` to the database at `url` with `options`.
    async fn with_pool(
        url: &str,
        pool: PgPoolOptions,
        options: PgConnectOptions,
        limits: Limits,
    ) -> Result<Self, OpenError> {
        let pool =
            pool.connect_with(options.clone())
                .await
                .map_err(|source| OpenError::Connect {
                    url: shown(url),
                    source,
                })?;
        Ok(Self {
            pool,
            options,
            limits,
        })
    }

    /// Brings the schema at `url` up to date (without a time limit: a
    /// step may rework every article); returns how to connect.
    async fn migrate(url: &str) -> Result<PgConnectOptions, OpenError> {
        use sqlx::Connection;
        let options: PgConnectOptions = url.parse().map_err(OpenError::Url)?;
        let options = options.application_name("broadsheet-server");
        let connect = |source| OpenError::Connect {
            url: shown(url),
            source,
        };
        let mut connection = sqlx::PgConnection::connect_with(&options)
            .await
            .map_err(connect)?;
        // A read replica (a hot standby) cannot be written: its schema is
        // the primary's, which must be up to date already.
        let (replica,): (bool,) = sqlx::query_as("select pg_is_in_recovery()")
            .fetch_one(&mut connection)
            .await
            .map_err(OpenError::Schema)?;
        if replica {
            let wanted = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
            let (found,): (i64,) = sqlx::query_as(
                "select coalesce(max(version), 0) from _sqlx_migrations where success",
            )
            .fetch_one(&mut connection)
            .await
            .map_err(OpenError::Schema)?;
            if found < wanted {
                return Err(OpenError::ReplicaBehind { found, wanted });
            }
        } else {
            MIGRATOR.run(&mut connection).await?;
        }
        connection.close().await.map_err(connect)?;
        Ok(options)
    }

    /// The connection pool (the importer writes through it).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Runs `work` within the query time limit; the database failing or
    /// not answering in time is [`Failure::Unavailable`].
    async fn within<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, sqlx::Error>>,
    ) -> Result<T, Failure> {
        self.within_for(self.limits.query_time, work).await
    }

    /// Runs `work` within `limit`, as [`Database::within`].
    async fn within_for<T>(
        &self,
        limit: Duration,
        work: impl std::future::Future<Output = Result<T, sqlx::Error>>,
    ) -> Result<T, Failure> {
        match tokio::time::timeout(limit, work).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(sqlx::Error::PoolTimedOut)) => Err(self.why_no_connection().await),
            Ok(Err(problem)) => Err(unavailable(&problem, limit)),
            Err(_) => Err(timed_out(limit)),
        }
    }

    /// Why the pool gave no connection in time: the database refusing or
    /// not reachable (the pool retries quietly until its time-out), or
    /// every connection busy.
    async fn why_no_connection(&self) -> Failure {
        use sqlx::Connection;
        let limit = self.limits.query_time;
        match tokio::time::timeout(limit, sqlx::PgConnection::connect_with(&self.options)).await {
            Ok(Ok(connection)) => {
                let _ = connection.close().await;
                Failure::Unavailable(format!(
                    "the database did not answer within {} ms (all {} connections of this \
                     copy were busy); try again",
                    limit.as_millis(),
                    self.limits.connections
                ))
            }
            Ok(Err(problem)) => unavailable(&problem, limit),
            Err(_) => timed_out(limit),
        }
    }

    /// How much of the database this copy may use.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The archive's version (migrations/0004): it moves with every write.
    pub async fn version(&self) -> Result<i64, Failure> {
        let (version,): (i64,) = self
            .within(sqlx::query_as("select version from archive_version").fetch_one(&self.pool))
            .await?;
        Ok(version)
    }

    /// `query`'s answer from the database, asked within `limit`.
    pub async fn ask(&self, query: &Query, limit: Duration) -> Result<Page, Failure> {
        let plan = Plan::new(query);
        let asked = query.page.max(1);
        let answer = self.page_of(&plan, query, asked, limit).await?;
        // Past the last page: the last page, as the catalog answers (asked
        // again, now that the total is known; rare).
        if answer.page < asked {
            return self.page_of(&plan, query, answer.page, limit).await;
        }
        Ok(answer)
    }

    /// `query`'s answer with the teasers of `page`, asked within `limit`.
    async fn page_of(
        &self,
        plan: &Plan,
        query: &Query,
        page: u32,
        limit: Duration,
    ) -> Result<Page, Failure> {
        let per_page = query.page_size() as u32;
        let offset = u64::from(page - 1) * u64::from(per_page);
        let sql = plan.answer(per_page, offset);
        let rows = if limit == self.limits.query_time {
            self.within(plan.bound(&sql).fetch_all(&self.pool)).await?
        } else {
            // The connection's statement_timeout is the request's limit:
            // raised for this transaction alone.
            let ms = limit.as_millis().to_string();
            self.within_for(limit, async {
                let mut transaction = self.pool.begin().await?;
                sqlx::query("select set_config('statement_timeout', $1, true)")
                    .bind(ms)
                    .execute(&mut *transaction)
                    .await?;
                let rows = plan.bound(&sql).fetch_all(&mut *transaction).await?;
                transaction.commit().await?;
                Ok(rows)
            })
            .await?
        };
        read_answer(rows, query)
    }

    /// The article file of `slug`, if the database has one.
    pub async fn article(&self, slug: &str) -> Result<Option<String>, Failure> {
        let found: Option<(Option<String>,)> = self
            .within(
                sqlx::query_as("select article from articles where slug = $1")
                    .bind(slug)
                    .fetch_optional(&self.pool),
            )
            .await?;
        match found {
            None => Ok(None),
            Some((Some(article),)) => Ok(Some(article)),
            Some((None,)) => Err(Failure::NotFound(format!(
                "{}: the article's file was missing or unreadable when it was imported",
                broadsheet_core::bundle::article_file(slug)
            ))),
        }
    }

    /// Whether the database answers, and how many articles it holds.
    pub async fn ready(&self) -> Result<String, Failure> {
        let (articles,): (i64,) = self
            .within(
                // The kept count (migrations/0002): a probe every few
                // seconds must not count a million rows.
                sqlx::query_as(
                    "select coalesce(sum(articles), 0)::bigint from facet_counts where kind = 4",
                )
                .fetch_one(&self.pool),
            )
            .await?;
        Ok(format!("database of {articles} articles"))
    }
}

/// The rows of [`Plan::answer`] as a page of `query`'s answer.
fn read_answer(rows: Vec<PgRow>, query: &Query) -> Result<Page, Failure> {
    let broken = |problem: sqlx::Error| Failure::Broken(problem.to_string());
    let (mut facets, mut total, mut teasers, mut site) = (Facets::default(), 0, Vec::new(), None);
    for row in rows {
        let kind: i32 = row.try_get("kind").map_err(broken)?;
        let slug: String = row.try_get("slug").map_err(broken)?;
        let count = row.try_get::<i64, _>("n").map_err(broken)?;
        let count = usize::try_from(count).unwrap_or_default();
        let option = || -> Result<FacetCount, Failure> {
            Ok(FacetCount {
                slug: slug.clone(),
                name: row.try_get("name").map_err(broken)?,
                count: Some(count),
            })
        };
        match kind {
            0 => facets.categories.push(option()?),
            1 => facets.authors.push(option()?),
            2 => facets.tags.push(option()?),
            3 => facets.years.push(option()?),
            4 => total = count,
            5 => teasers.push(
                RawValue::from_string(slug)
                    .map_err(|problem| Failure::Broken(format!("a stored teaser: {problem}")))?,
            ),
            _ => site = Some((slug, count)),
        }
    }
    let (site, skipped) = site.ok_or_else(|| {
        Failure::Unavailable(
            "the database holds no archive yet: import one with \
             `broadsheet-server import <bundle-dir> --database <url>`"
                .to_owned(),
        )
    })?;
    let site: Site = serde_json::from_str(&site)
        .map_err(|problem| Failure::Broken(format!("the stored site: {problem}")))?;
    let (page, pages) = query.paging(total);
    Ok(Page {
        site,
        total,
        page,
        pages,
        per_page: query.per_page.min(MAX_PER_PAGE),
        teasers,
        skipped,
        facets,
    })
}

fn timed_out(limit: Duration) -> Failure {
    Failure::Unavailable(format!(
        "the database did not answer within {} ms; try again",
        limit.as_millis()
    ))
}

fn unavailable(problem: &sqlx::Error, limit: Duration) -> Failure {
    // PostgreSQL's own time-out (statement_timeout) says "canceling
    // statement due to statement timeout" (SQLSTATE 57014).
    if let sqlx::Error::Database(error) = problem {
        if error.code().as_deref() == Some("57014") {
            return timed_out(limit);
        }
    }
    Failure::Unavailable(format!(
        "the database is unavailable ({problem}); try again"
    ))
}

/// A value bound to a statement.
#[derive(Debug, Clone)]
enum Param {
    Text(String),
    Year(i16),
}

/// The SQL of one query: the conditions of its filters and search words,
/// with their parameters.
#[derive(Debug)]
struct Plan {
    params: Vec<Param>,
    /// Per filter (category, author, tag, year): the SQL of its option's
    /// id, when the query sets it.
    ids: [Option<String>; 4],
    /// Per filter: its condition on an article `a`, `true` when the query
    /// sets no such filter.
    filters: [String; 4],
    /// The search words' conditions (all must hold).
    text: Vec<String>,
    /// Relevance: the sum of each word's points, when sorting by it.
    score: Option<String>,
    sort: Sort,
}

/// The string after every string that starts with `prefix` (in byte
/// order, which is code point order): `None` when no string is.
fn after_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last {
            '\u{D7FF}' => Some('\u{E000}'),
            c => char::from_u32(u32::from(c) + 1),
        };
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

impl Plan {
    fn new(query: &Query) -> Self {
        let mut params = Vec::new();
        let mut param = |value: Param| {
            params.push(value);
            format!("${}", params.len())
        };
        // Each filter's option as an id (null when no option has that
        // slug: the filter then matches nothing, as in the catalog).
        let mut slug = |slug: &Option<String>, table: &str| {
            slug.as_ref().map(|slug| {
                let p = param(Param::Text(slug.clone()));
                format!("(select id from {table} where slug = {p})")
            })
        };
        let ids = [
            slug(&query.category, "categories"),
            slug(&query.author, "authors"),
            slug(&query.tag, "tags"),
            // A year past i16 names no article's year.
            query.year.map(|year| {
                let year = i16::try_from(year).unwrap_or(-1);
                format!("{}::int2::integer", param(Param::Year(year)))
            }),
        ];
        let columns = ["category_ids", "author_ids", "tag_ids"];
        let filters = std::array::from_fn(|kind| match (&ids[kind], columns.get(kind)) {
            (Some(id), Some(column)) => format!("a.{column} @> array[{id}]"),
            (Some(id), None) => format!("a.year = {id}"),
            (None, _) => "true".to_owned(),
        });
        let mut text = Vec::new();
        let mut points = Vec::new();
        for term in query.terms() {
            let from = param(Param::Text(term.clone()));
            let range = match after_prefix(&term) {
                Some(to) => format!(
                    "word >= {from} collate \"C\" and word < {} collate \"C\"",
                    param(Param::Text(to))
                ),
                None => format!("word >= {from} collate \"C\""),
            };
            let started =
                format!("(select coalesce(array_agg(word), '{{}}') from words where {range})");
            text.push(format!("a.words && {started}"));
            points.push(format!(
                "case when a.title_words && {started} then 3 \
                 when a.author_words && {started} then 2 else 1 end"
            ));
        }
        let score =
            (query.sort == Sort::Relevance && !points.is_empty()).then(|| points.join(" + "));
        Self {
            params,
            ids,
            filters,
            text,
            score,
            sort: query.sort,
        }
    }

    fn bound<'q>(
        &'q self,
        sql: &'q str,
    ) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
        self.params
            .iter()
            .fold(sqlx::query(sql), |statement, param| match param {
                Param::Text(text) => statement.bind(text.as_str()),
                Param::Year(year) => statement.bind(*year),
            })
    }

    fn text_condition(&self) -> String {
        if self.text.is_empty() {
            "true".to_owned()
        } else {
            self.text.join(" and ")
        }
    }

    /// The whole answer in one statement (one snapshot, one round trip):
    /// rows of kind 0 to 3 the facets' options in order, 4 the total, 5
    /// the page's teasers in order (in `slug`), 6 the site (in `slug`, with
    /// the skipped count in `n`). The page is the one at `offset`: a
    /// constant, so the planner knows how far into the order it reads
    /// (with an offset computed in SQL it assumes a tenth of the matches
    /// and, at a million articles, sorts a whole category instead of
    /// walking the newest-first index).
    fn answer(&self, per_page: u32, offset: u64) -> String {
        let order = match (&self.score, self.sort) {
            (Some(_), _) => "score desc, day desc, id",
            (None, Sort::Oldest) => "day, id",
            (None, _) => "day desc, id",
        };
        // The same order over the page's rows `p`.
        let outer: Vec<String> = order.split(", ").map(|key| format!("p.{key}")).collect();
        let outer = outer.join(", ");
        format!(
            "with facets as ({facets}),
            shown as (
                -- The page's ids first (from the order's index alone when
                -- nothing else is asked), then their teasers.
                select t.teaser, row_number() over (order by {outer}) as at from (
                    select a.id, a.day, {score} as score
                    from articles a where {text} and {filters}
                    order by {order}
                    limit {per_page} offset {offset}
                ) p join articles t on t.id = p.id
            )
            select kind, slug, name, n, p, q from facets
            union all select 5, teaser, '', 0, at, 0 from shown
            union all select 6, site, '', skipped, 0, 0 from site
            order by kind, p, q",
            facets = self.facets(),
            score = self.score.as_deref().unwrap_or("0"),
            text = self.text_condition(),
            filters = self.filters.join(" and "),
        )
    }

    /// The SQL of the facet counts (each filter's options counted under
    /// the other filters and the search) and the total. A facet counted
    /// under no filter or one, without search words, reads the counts kept
    /// as articles change (migrations/0002); any other is counted over the
    /// matching articles, in one pass over their tagged options
    /// (migrations/0003), reading only the articles some count needs.
    fn facets(&self) -> String {
        let active: Vec<usize> = (0..4).filter(|&kind| self.ids[kind].is_some()).collect();
        let searching = !self.text.is_empty();
        // The filters a facet is counted under: every filter but its own
        // (the total, kind 4, under all of them).
        let under =
            |kind: usize| -> Vec<usize> { active.iter().copied().filter(|&k| k != kind).collect() };
        let counted: Vec<usize> = (0..5)
            .filter(|&kind| searching || under(kind).len() > 1)
            .collect();
        let source = |kind: usize| -> String {
            match under(kind).as_slice() {
                _ if counted.contains(&kind) => {
                    format!("(select id, n from counted where kind = {kind})")
                }
                [filter] => format!(
                    "(select other as id, n from facet_pairs \
                     where kind = {filter} and id = {id} and other_kind = {kind})",
                    id = self.ids[*filter].as_deref().unwrap_or("null"),
                ),
                _ => format!("(select id, n from facet_counts where kind = {kind})"),
            }
        };
        let total = match active.as_slice() {
            _ if counted.contains(&4) => {
                "(select coalesce(sum(n), 0)::bigint from counted where kind = 4)".to_owned()
            }
            [filter] => format!(
                "(select coalesce(sum(articles), 0)::bigint from facet_counts \
                 where kind = {filter} and id = {id})",
                id = self.ids[*filter].as_deref().unwrap_or("null"),
            ),
            _ => "(select coalesce(sum(articles), 0)::bigint from facet_counts where kind = 4)"
                .to_owned(),
        };
        let counting = if counted.is_empty() {
            String::new()
        } else {
            format!("with counted as ({}) ", self.counting(&counted, under))
        };
        format!(
            "{counting}select 0 as kind, v.slug, v.name, coalesce(c.n, 0)::bigint as n, v.position as p, v.id as q
                from categories v left join {categories} c on c.id = v.id
            union all select 1, v.slug, v.name, coalesce(c.n, 0)::bigint, v.position, v.id
                from authors v left join {authors} c on c.id = v.id
            union all select 2, v.slug, v.name, coalesce(c.n, 0)::bigint, v.position, v.id
                from tags v left join {tags} c on c.id = v.id
            union all select 3, y.id::text, y.id::text, coalesce(c.n, 0)::bigint, -y.id, 0
                from facet_counts y left join {years} c on c.id = y.id
                where y.kind = 3 and y.articles > 0
            union all select 4, '', '', {total}, 0, 0",
            categories = source(0),
            authors = source(1),
            tags = source(2),
            years = source(3),
        )
    }

    /// The SQL that counts the facets of the kinds in `counted` (4 the
    /// total), each under the filters `under` names, over the articles
    /// matching the search words: rows of (kind, id, n). One pass over the
    /// matches' tagged options, the total counted as a sentinel option.
    fn counting(&self, counted: &[usize], under: impl Fn(usize) -> Vec<usize>) -> String {
        let all = |filters: Vec<usize>| -> String {
            let conditions: Vec<String> = filters.iter().map(|&k| format!("f{k}")).collect();
            if conditions.is_empty() {
                "true".to_owned()
            } else {
                conditions.join(" and ")
            }
        };
        // An article is read when some count needs it.
        let needed: Vec<String> = counted
            .iter()
            .map(|&kind| {
                let filters: Vec<&str> = under(kind)
                    .iter()
                    .map(|&k| self.filters[k].as_str())
                    .collect();
                if filters.is_empty() {
                    "true".to_owned()
                } else {
                    format!("({})", filters.join(" and "))
                }
            })
            .collect();
        let kept: Vec<String> = counted
            .iter()
            .map(|&kind| format!("(o >> 32 = {kind} and {})", all(under(kind))))
            .collect();
        let [f0, f1, f2, f3] = &self.filters;
        format!(
            "select (o >> 32)::integer as kind, (o & 4294967295)::integer as id, count(*) as n
            from (
                select unnest(a.options || (4::bigint << 32)) as o,
                    {f0} as f0, {f1} as f1, {f2} as f2, {f3} as f3
                from articles a
                where {text} and ({needed})
            ) m
            where {kept}
            group by o",
            text = self.text_condition(),
            needed = needed.join(" or "),
            kept = kept.join(" or "),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::after_prefix;

    #[test]
    fn the_range_of_a_prefix_ends_after_its_last_character() {
        assert_eq!(after_prefix("peru").as_deref(), Some("perv"));
        assert_eq!(after_prefix("αθ").as_deref(), Some("αι"));
        assert_eq!(after_prefix("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
        assert_eq!(after_prefix("b\u{10FFFF}").as_deref(), Some("c"));
        assert_eq!(after_prefix("\u{10FFFF}"), None);
    }
}
