//! broadsheet-server on a real PostgreSQL (a throwaway cluster as plain
//! processes): the same answers as the bundle for the same archive (an
//! oracle over the sample and a generated archive), imports that update in
//! place and report bad records as the bundle reader does, and a database
//! that goes away, comes back or stalls.

use std::path::Path;
use std::process::{Command, Output};

use broadsheet_core::search::words;
use broadsheet_server::scratch::Scratch;
use serde_json::Value;

mod support;

use support::{Server, SAMPLE};

fn import(dir: &Path, url: &str) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("import")
        .arg(dir)
        .args(["--database", url])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Writes a generated archive of `articles` into `dir`.
fn generate(dir: &Path, articles: usize) {
    let archive = broadsheet_core::synthetic::generate(articles, 7);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(dir.join("index.json"), archive.index).unwrap();
    for (slug, file) in archive.articles {
        std::fs::write(dir.join(format!("articles/{slug}.json")), file).unwrap();
    }
}

/// Queries that exercise every filter, the search in several scripts,
/// each order and paging, drawn from the archive in `dir`.
fn queries(dir: &Path) -> Vec<String> {
    let index = broadsheet_server::bundle::read_index(dir).unwrap();
    let encode =
        |value: &str| form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>();
    let mut asked = vec![
        String::new(),
        "per_page=1".to_owned(),
        "sort=oldest".to_owned(),
        "sort=relevance".to_owned(),
        "page=2&per_page=3".to_owned(),
        "page=9999".to_owned(),
        "sort=oldest&page=3&per_page=7".to_owned(),
        "category=no-such-category".to_owned(),
        "year=1066".to_owned(),
        "q=zzzzzz".to_owned(),
        "q=%21%21%21".to_owned(),
    ];
    let pick = |n: usize, len: usize| (0..len).step_by((len / n).max(1)).take(n);
    for at in pick(4, index.categories.len()) {
        let slug = &index.categories[at].slug;
        asked.push(format!("category={slug}"));
        asked.push(format!("category={slug}&sort=oldest&page=2&per_page=5"));
    }
    for at in pick(4, index.authors.len()) {
        asked.push(format!("author={}", index.authors[at].slug));
    }
    for at in pick(4, index.tags.len()) {
        let tag = &index.tags[at].slug;
        asked.push(format!("tag={tag}"));
        if let Some(category) = index.categories.first() {
            asked.push(format!("tag={tag}&category={}", category.slug));
        }
    }
    let mut years: Vec<u16> = index.teasers.iter().map(|t| t.date.year()).collect();
    years.dedup();
    for year in years.iter().take(3) {
        asked.push(format!("year={year}"));
    }
    // Search words: whole words and their starts, from titles, names and
    // excerpts as printed (accents, apostrophes and all), alone and
    // together, with filters and each order.
    for teaser in index
        .teasers
        .iter()
        .step_by((index.teasers.len() / 6).max(1))
    {
        let title: Vec<&str> = teaser.title.split_whitespace().collect();
        let excerpt: Vec<&str> = teaser.excerpt.split_whitespace().collect();
        let author = &teaser.authors[0];
        for word in title.iter().chain(excerpt.iter().take(2)) {
            let q = encode(word);
            asked.push(format!("q={q}"));
            asked.push(format!("q={q}&sort=relevance&per_page=20"));
        }
        for folded in words(&teaser.title).iter().take(2) {
            let start: String = folded.chars().take(2).collect();
            asked.push(format!("q={}", encode(&start)));
            asked.push(format!("q={}&sort=relevance", encode(&start)));
        }
        asked.push(format!("q={}", encode(&author.name)));
        asked.push(format!(
            "q={}&author={}&sort=relevance",
            encode(title.first().copied().unwrap_or("a")),
            author.slug
        ));
        if let (Some(category), Some(tag)) = (teaser.categories.first(), teaser.tags.first()) {
            // Filters alone, two to four at once (each facet counted under
            // the others: kept pairs for some, counted for the rest).
            let year = teaser.date.year();
            let (c, a, t) = (&category.slug, &author.slug, &tag.slug);
            asked.push(format!("category={c}&year={year}"));
            asked.push(format!("author={a}&tag={t}&sort=oldest"));
            asked.push(format!("category={c}&author={a}&tag={t}"));
            asked.push(format!("category={c}&author={a}&tag={t}&year={year}"));
            asked.push(format!("category=no-such-category&tag={t}&year={year}"));
            asked.push(format!(
                "q={}&category={}&tag={}&year={}&sort=relevance",
                encode(&format!(
                    "{} {}",
                    title.first().copied().unwrap_or(""),
                    excerpt.first().copied().unwrap_or("")
                )),
                category.slug,
                tag.slug,
                teaser.date.year()
            ));
        }
    }
    asked
}

/// Every query answered by a server over the bundle in `dir` and one over
/// the database it was imported into: the same status and JSON.
fn same_answers(dir: &Path, database: &str) -> usize {
    let mut bundle = Server::with(&[&dir.display().to_string()]);
    let mut stored = Server::with(&["--database", database]);
    let asked = queries(dir);
    for query in &asked {
        let path = format!("/teasers?{query}");
        let (status, expected) = bundle.json(&path);
        assert_eq!(status, 200, "{path}: {expected}");
        let (status, answered) = stored.json(&path);
        assert_eq!(status, 200, "{path}: {answered}");
        if answered != expected {
            panic!(
                "{path}: the database answers\n{}\nthe bundle\n{}",
                short(&answered),
                short(&expected)
            );
        }
    }
    let index = broadsheet_server::bundle::read_index(dir).unwrap();
    for teaser in index
        .teasers
        .iter()
        .step_by((index.teasers.len() / 5).max(1))
    {
        let path = format!("/articles/{}", teaser.slug);
        assert_eq!(stored.get(&path), bundle.get(&path), "{path}");
    }
    let path = "/articles/no-such-article";
    assert_eq!(stored.json(path), bundle.json(path));
    asked.len()
}

/// The parts of an answer a person compares first.
fn short(page: &Value) -> String {
    let slugs: Vec<&str> = page["teasers"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["slug"].as_str()).collect())
        .unwrap_or_default();
    format!(
        "total {} page {} of {}: {slugs:?}\nfacets {}",
        page["total"], page["page"], page["pages"], page["facets"]
    )
}

#[test]
fn answers_as_the_bundle_does() {
    let database = Scratch::start().unwrap();
    import(Path::new(SAMPLE), &database.url());
    let asked = same_answers(Path::new(SAMPLE), &database.url());
    assert!(asked > 50, "{asked} queries");

    let generated = tempfile::tempdir().unwrap();
    generate(generated.path(), 3000);
    let database = Scratch::start().unwrap();
    import(generated.path(), &database.url());
    let asked = same_answers(generated.path(), &database.url());
    assert!(asked > 80, "{asked} queries");
}

/// A copy of the sample bundle to change.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::copy(
        Path::new(SAMPLE).join("index.json"),
        dir.path().join("index.json"),
    )
    .unwrap();
    for entry in std::fs::read_dir(Path::new(SAMPLE).join("articles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(
            &path,
            dir.path().join("articles").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    dir
}

fn summary(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn imports_update_in_place_and_report_bad_records() {
    let bundle = sample_copy();
    let dir = bundle.path();
    let database = Scratch::start().unwrap();
    let url = database.url();
    let first = summary(&import(dir, &url));
    assert!(
        first.contains(
            ": 5 added, 0 updated, 0 unchanged, 0 skipped, 0 without an article file, in "
        ),
        "{first}"
    );
    let mut server = Server::with(&["--database", &url]);
    let again = summary(&import(dir, &url));
    assert!(
        again.contains(": 0 added, 0 updated, 5 unchanged, 0 skipped"),
        "{again}"
    );
    // Answers given before the changes below (a copy keeps them while
    // the archive stands).
    let (_, before) = server.json("/teasers");
    assert_eq!(before["total"].as_u64(), Some(5));
    let (_, searched) = server.json("/teasers?q=changed+since");
    assert_eq!(searched["total"].as_u64(), Some(0));

    // A changed title, a new article, and a teaser with no title.
    let mut index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    let teasers = index["teasers"].as_array_mut().unwrap();
    teasers[0]["title"] = "Peru: A Title Changed Since".into();
    let changed = teasers[0]["slug"].as_str().unwrap().to_owned();
    let mut added = teasers[1].clone();
    added["slug"] = "an-article-added-later".into();
    added["title"] = "An Article Added Later".into();
    added["date"] = "2030-01-01".into();
    let mut broken = teasers[2].clone();
    broken["slug"] = "a-teaser-without-a-title".into();
    broken.as_object_mut().unwrap().remove("title");
    teasers.push(added);
    teasers.push(broken);
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let article = std::fs::read_to_string(dir.join(format!("articles/{changed}.json"))).unwrap();
    std::fs::write(
        dir.join("articles/an-article-added-later.json"),
        article.replace(&changed, "an-article-added-later"),
    )
    .unwrap();
    let output = import(dir, &url);
    let third = summary(&output);
    assert!(
        third.contains(": 1 added, 1 updated, 4 unchanged, 1 skipped, 0 without an article file"),
        "{third}"
    );
    // The bundle reader's own message for the bad teaser.
    let expected = broadsheet_server::bundle::read_index(dir).unwrap().skipped[0].to_string();
    let problems = String::from_utf8_lossy(&output.stderr);
    assert!(expected.contains("title"), "{expected}");
    assert_eq!(problems.trim_end(), expected);

    // Served by the next request, without a restart.
    let (status, page) = server.json("/teasers");
    assert_eq!(status, 200);
    let titles: Vec<&str> = page["teasers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "An Article Added Later");
    assert!(
        titles.contains(&"Peru: A Title Changed Since"),
        "{titles:?}"
    );
    assert_eq!(
        (page["total"].as_u64(), page["skipped"].as_u64()),
        (Some(6), Some(1))
    );
    let (_, searched) = server.json("/teasers?q=changed+since");
    assert_eq!(searched["total"].as_u64(), Some(1));
    let (status, article) = server.json("/articles/an-article-added-later");
    assert_eq!(status, 200, "{article}");
    // The counts kept as articles change equal the bundle's.
    same_answers(dir, &url);

    // A bundle that cannot be read writes nothing.
    std::fs::write(dir.join("index.json"), "{\"version\": 1, \"site\": ").unwrap();
    let failed = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("import")
        .arg(dir)
        .args(["--database", &url])
        .output()
        .unwrap();
    assert!(!failed.status.success());
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.starts_with("broadsheet-server: index.json: "),
        "{message}"
    );
    assert_eq!(server.json("/teasers").1["total"], 6);
}

#[test]
fn survives_the_database_going_away_and_stalling() {
    let database = Scratch::start().unwrap();
    let url = database.url();
    import(Path::new(SAMPLE), &url);
    let mut server = Server::with(&["--database", &url, "--query-timeout-ms", "500"]);
    let (status, ready) = server.json("/readyz");
    assert_eq!(
        (status, ready["source"].as_str()),
        (200, Some("database of 5 articles"))
    );

    // A statement that cannot run (the table locked by another session):
    // an answer within the limit, not a hung request; the answer is
    // worked out meanwhile, and given once the lock is gone.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut locker = runtime.block_on(async {
        use sqlx::Connection;
        let mut connection = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query("begin").execute(&mut connection).await.unwrap();
        sqlx::query("lock table articles in access exclusive mode")
            .execute(&mut connection)
            .await
            .unwrap();
        connection
    });
    let started = std::time::Instant::now();
    let (status, stalled) = server.json("/teasers?q=peru");
    assert_eq!(status, 503, "{stalled}");
    assert_eq!(
        stalled["error"],
        "the database did not answer within 500 ms; the answer is still being worked out: \
         try again in a few seconds"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let (status, _) = server.json("/articles/explosive-protests-rock-peru");
    assert_eq!(status, 503);
    runtime.block_on(async {
        sqlx::query("rollback").execute(&mut locker).await.unwrap();
    });
    assert_eq!(server.json("/teasers?q=peru").1["total"], 4);

    // The database gone: 503s that say so; liveness still answers.
    database.halt().unwrap();
    let (status, gone) = server.json("/teasers");
    assert_eq!(status, 503, "{gone}");
    let message = gone["error"].as_str().unwrap();
    assert!(
        message.starts_with("the database is unavailable (") && message.ends_with("); try again"),
        "{message}"
    );
    assert_eq!(server.json("/readyz").0, 503);
    let asked = std::time::Instant::now();
    let (status, health) = server.json("/healthz");
    assert_eq!((status, health["status"].as_str()), (200, Some("ok")));
    // At once: a liveness probe must not time out while the database is away.
    assert!(asked.elapsed() < std::time::Duration::from_millis(900));

    // Back: the next request is answered, by the same process.
    database.resume().unwrap();
    let answer = server.json("/teasers");
    assert_eq!(answer.0, 200, "{}", answer.1);
    assert_eq!(answer.1["total"], 5);
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server kept running"
    );
}

#[test]
fn a_read_replica_answers_as_the_primary_and_follows_it() {
    let primary = Scratch::start().unwrap();
    let bundle = sample_copy();
    let dir = bundle.path();
    import(dir, &primary.url());
    let replica = primary.replica().unwrap();
    // Copies reading the replica answer as the bundle does.
    same_answers(dir, &replica.url());

    // An import into the primary reaches the replica's readers.
    let mut server = Server::with(&["--database", &replica.url()]);
    let mut index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    index["teasers"][0]["title"] = "Peru: Changed on the Primary".into();
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    import(dir, &primary.url());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let followed = loop {
        let (_, page) = server.json("/teasers?q=changed+primary");
        if page["total"] == 1 || std::time::Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(
        followed["teasers"][0]["title"],
        "Peru: Changed on the Primary"
    );

    // The replica cannot be imported into, and says why.
    let refused = Command::new(env!("CARGO_BIN_EXE_broadsheet-server"))
        .arg("import")
        .arg(dir)
        .args(["--database", &replica.url()])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("read-only"), "{message}");
}
