//! Answers already given, given again while the archive stands.
//!
//! Readers ask the same things (the front page, a section, the word in the
//! news), and an answer whose facet counts run over a hundred thousand
//! matching articles costs the database most of a second. Each copy keeps
//! recent answers as the JSON it sent, keyed by the query and the
//! archive's version (migrations/0004: any write to the archive moves it),
//! bounded in bytes, least recently used first out.
//!
//! An answer is worked out by a task of its own, once however many readers
//! ask for it meanwhile, and kept when done even if the readers who asked
//! have been told to try again (a request waits its time limit; the task
//! may take longer): the retry finds it.

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use broadsheet_core::query::{Query, Sort};
use moka::future::Cache;
use tokio::sync::Semaphore;

use crate::source::Failure;

/// One answer's identity: the archive's version and what the query means
/// (search words folded, so "Perú" and "peru" are one answer).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    version: i64,
    category: Option<String>,
    author: Option<String>,
    tag: Option<String>,
    year: Option<u16>,
    terms: Vec<String>,
    sort: Sort,
    per_page: usize,
    page: u32,
}

impl Key {
    /// The key of `query` against the archive at `version`.
    pub fn new(version: i64, query: &Query) -> Self {
        let terms = query.terms();
        Self {
            version,
            category: query.category.clone(),
            author: query.author.clone(),
            tag: query.tag.clone(),
            year: query.year,
            // Relevance without words is newest first.
            sort: match query.sort {
                Sort::Relevance if terms.is_empty() => Sort::Newest,
                sort => sort,
            },
            terms,
            per_page: query.page_size(),
            page: query.page.max(1),
        }
    }
}

/// The bytes of answers a copy keeps unless told otherwise.
pub const DEFAULT_BYTES: u64 = 32 << 20;

/// Recent answers of one server copy.
#[derive(Debug, Clone)]
pub struct Answers {
    kept: Option<Kept>,
}

#[derive(Debug, Clone)]
struct Kept {
    cache: Cache<Key, Bytes>,
    /// Answers worked out at once at most (the rest wait their turn), so
    /// some of the copy's connections stay free to read the archive's
    /// version for answers already kept.
    working: Arc<Semaphore>,
}

impl Answers {
    /// Keeps up to `bytes` of answers, `0` none; works out at most
    /// `at_once` answers at a time.
    pub fn new(bytes: u64, at_once: usize) -> Self {
        Self {
            kept: (bytes > 0).then(|| Kept {
                cache: Cache::builder()
                    .max_capacity(bytes)
                    .weigher(|_: &Key, body: &Bytes| u32::try_from(body.len()).unwrap_or(u32::MAX))
                    .build(),
                working: Arc::new(Semaphore::new(at_once.max(1))),
            }),
        }
    }

    /// Whether answers are kept at all.
    pub fn keeps(&self) -> bool {
        self.kept.is_some()
    }

    /// The answer of `key`: kept, or worked out by `ask` (once for
    /// concurrent requests of the same key: the cache's own single
    /// flight), in a task of its own, so it is kept when done whether or
    /// not this request still waits. Failures are not kept.
    pub async fn get(
        &self,
        key: Key,
        ask: impl Future<Output = Result<Bytes, Failure>> + Send + 'static,
    ) -> Result<Bytes, Failure> {
        let Some(kept) = &self.kept else {
            return ask.await;
        };
        if let Some(body) = kept.cache.get(&key).await {
            return Ok(body);
        }
        let (cache, working) = (kept.cache.clone(), kept.working.clone());
        let task = tokio::spawn(async move {
            cache
                .try_get_with(key, async move {
                    let _turn = working
                        .acquire_owned()
                        .await
                        .map_err(|_| Failure::Broken("the server is stopping".to_owned()))?;
                    ask.await
                })
                .await
                .map_err(|failure| (*failure).clone())
        });
        task.await
            .map_err(|_| Failure::Broken("the task working out this answer ended".to_owned()))?
    }
}

#[cfg(test)]
mod tests {
    use super::{Answers, Key};
    use crate::source::Failure;
    use axum::body::Bytes;
    use broadsheet_core::query::Query;

    fn key(version: i64) -> Key {
        Key::new(version, &Query::default())
    }

    #[tokio::test]
    async fn answers_are_kept_per_version_and_failures_asked_again() {
        let answers = Answers::new(1 << 20, 2);
        let failed = answers
            .get(key(1), async {
                Err(Failure::Unavailable("down".to_owned()))
            })
            .await;
        assert!(matches!(failed, Err(Failure::Unavailable(why)) if why == "down"));
        let asked = answers.get(key(1), async { Ok(Bytes::from_static(b"one")) });
        assert_eq!(asked.await.ok(), Some(Bytes::from_static(b"one")));
        let kept = answers.get(key(1), async { Ok(Bytes::from_static(b"two")) });
        assert_eq!(kept.await.ok(), Some(Bytes::from_static(b"one")));
        let moved = answers.get(key(2), async { Ok(Bytes::from_static(b"three")) });
        assert_eq!(moved.await.ok(), Some(Bytes::from_static(b"three")));
    }

    #[tokio::test]
    async fn concurrent_askers_share_one_answer_and_a_panic_is_asked_again() {
        let answers = Answers::new(1 << 20, 2);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let first = answers.get(key(1), async move {
            let _ = rx.await;
            Ok(Bytes::from_static(b"once"))
        });
        let second = answers.get(key(1), async { Ok(Bytes::from_static(b"twice")) });
        let _ = tx.send(());
        let (first, second) = tokio::join!(first, second);
        assert_eq!(first.ok(), Some(Bytes::from_static(b"once")));
        assert_eq!(second.ok(), Some(Bytes::from_static(b"once")));

        let broken = answers
            .get(key(5), async {
                panic!("a bug while working an answer out")
            })
            .await;
        assert!(matches!(broken, Err(Failure::Broken(_))));
        let again = answers.get(key(5), async { Ok(Bytes::from_static(b"fixed")) });
        assert_eq!(again.await.ok(), Some(Bytes::from_static(b"fixed")));
    }
}
