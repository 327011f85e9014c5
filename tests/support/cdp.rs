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
