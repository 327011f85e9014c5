//! Waiting for a condition instead of sleeping.

use std::future::Future;
use std::time::{Duration, Instant};

/// How long a condition may take before the scenario fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Polls `probe` until it returns `Ok(Some(value))`, and fails with the
/// last error (or `what`) once [`PATIENCE`] has passed.
pub async fn eventually<T, F, Fut>(what: &str, probe: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Option<T>>>,
{
    eventually_within(PATIENCE, what, probe).await
}

/// [`eventually`] with another limit, for conditions that take longer (a
/// time-out) or must come sooner (an abort).
pub async fn eventually_within<T, F, Fut>(
    patience: Duration,
    what: &str,
    mut probe: F,
) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Option<T>>>,
{
    let deadline = Instant::now() + patience;
    loop {
        let last = match probe().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => None,
            Err(error) => Some(error),
        };
        if Instant::now() >= deadline {
            return Err(match last {
                Some(error) => error.context(format!("waiting for {what}")),
                None => anyhow::anyhow!("timed out after {patience:?} waiting for {what}"),
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
