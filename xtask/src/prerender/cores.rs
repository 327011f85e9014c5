//! Work spread over every core.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads [`on_every_core`] runs.
pub fn count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Runs `work` on each of `items`, on [`count`] threads, each taking the
/// next item as it finishes one; returns every failure (a failed item
/// does not stop the others).
pub fn on_every_core<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<(), String> + Sync,
) -> Vec<String> {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..count())
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if let Err(message) = work(item) {
                            failed.push(message);
                        }
                    }
                    failed
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|_| vec!["a thread panicked".to_owned()])
            })
            .collect()
    })
}
