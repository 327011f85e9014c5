//! The real server binary on 127.0.0.1, over real HTTP: the seed listing,
//! filters, paging, articles, errors as JSON, CORS, the log, and a clean
//! stop on SIGTERM.

use std::process::Command;

use serde_json::Value;

mod support;

use support::Server;

fn titles(page: &Value) -> Vec<&str> {
    page["teasers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect()
}

#[test]
fn serves_the_sample_through_the_contract() {
    let mut server = Server::start();

    let (status, page) = server.json("/teasers");
    assert_eq!(status, 200);
    assert_eq!(
        titles(&page),
        [
            "Latin America: Second “Pink Tide”: What Way Forward?",
            "Peru: Mass Revolt Against Coup Continues",
            "Defeat the Coup of the Peruvian Oligarchy Against Pedro Castillo!",
            "Explosive Protests Rock Peru",
            "Peru: Mass Protests Bring Down Illegitimate Coup President",
        ]
    );
    assert_eq!(page["total"], 5);
    assert_eq!(page["site"]["title"], "Broadsheet Sample");
    assert_eq!(page["teasers"][1]["authors"][0]["name"], "Darragh O’Dwyer");
    let line = server.log_line();
    assert!(line.starts_with("GET /teasers 200 "), "{line}");

    let (_, page) =
        server.json("/teasers?author=darragh-odwyer&per_page=1&page=2&q=o%E2%80%99dwyer");
    assert_eq!(titles(&page), ["Explosive Protests Rock Peru"]);
    assert_eq!(
        (page["total"].as_u64(), page["pages"].as_u64()),
        (Some(2), Some(2))
    );
    let authors = page["facets"]["authors"].as_array().unwrap();
    let darragh = authors
        .iter()
        .find(|a| a["slug"] == "darragh-odwyer")
        .unwrap();
    assert_eq!(darragh["count"], 2);

    let (status, head, body) = server.get("/teasers?per_page=500");
    assert_eq!(status, 400);
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["error"],
        r#"per_page: expected a number from 1 to 100, got "500""#
    );

    let (status, article) = server.json("/articles/explosive-protests-rock-peru");
    assert_eq!(status, 200);
    assert_eq!(article["article"]["title"], "Explosive Protests Rock Peru");
    let (status, missing) = server.json("/articles/no-such-article");
    assert_eq!(status, 404);
    assert_eq!(
        missing["error"],
        r#"no article with slug "no-such-article""#
    );
    let (status, _) = server.json("/articles/..%2Fsecret");
    assert_eq!(status, 404);
    let (status, unknown) = server.json("/admin");
    assert_eq!(status, 404);
    assert!(unknown["error"]
        .as_str()
        .unwrap()
        .starts_with("/admin: no such endpoint"));
    let long = format!("/teasers?q={}", "a".repeat(3000));
    assert_eq!(server.get(&long).0, 414);

    // SIGTERM: a clean stop.
    let pid = server.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let rest = server.rest_of_log();
    assert!(rest.trim_end().ends_with("stopped"), "{rest}");
    assert!(server.child.wait().unwrap().success());
}
