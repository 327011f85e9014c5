//! Chrome DevTools Protocol commands through chromedriver, for the
//! benchmarks' throttling.

/// A Chrome DevTools Protocol command through chromedriver's
/// `goog/cdp/execute` endpoint.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Turns the benchmarks' mobile conditions on (4× slower CPU, 150 ms
/// round trip, 1.6 Mbps down, 750 kbps up, no cache) or off (no cache
/// still).
pub async fn throttle(client: &fantoccini::Client, on: bool) -> anyhow::Result<()> {
    let conditions = if on {
        serde_json::json!({ "offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750 })
    } else {
        serde_json::json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 })
    };
    for (command, params) in [
        ("Network.enable", serde_json::json!({})),
        (
            "Network.setCacheDisabled",
            serde_json::json!({ "cacheDisabled": true }),
        ),
        ("Network.emulateNetworkConditions", conditions),
        // The service worker's own fetches escape the emulated network:
        // with it bypassed, every request of the page goes through it.
        (
            "Network.setBypassServiceWorker",
            serde_json::json!({ "bypass": on }),
        ),
        (
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": if on { 4 } else { 1 } }),
        ),
    ] {
        client.issue_cmd(Cdp(command, params)).await?;
    }
    Ok(())
}

/// Makes the next visit to `url`'s origin a first visit: leaves the page
/// for `about:blank` and forgets everything the origin stored — its
/// service worker above all, which would otherwise answer the next load
/// from its caches, outside the network's throttling.
pub async fn forget_origin(client: &fantoccini::Client, url: &str) -> anyhow::Result<()> {
    let origin = url::Url::parse(url)?.origin().ascii_serialization();
    client.goto("about:blank").await?;
    client
        .issue_cmd(Cdp(
            "Storage.clearDataForOrigin",
            serde_json::json!({ "origin": origin, "storageTypes": "all" }),
        ))
        .await?;
    Ok(())
}
