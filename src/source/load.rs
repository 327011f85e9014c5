//! Loading a value in the background into a signal.
//!
//! A small stand-in for Leptos's `LocalResource`: an effect starts the
//! load whenever what it reads changes (or on [`Load::refetch`]), and only
//! the newest load's result is kept. Each load gets an abort signal, fired
//! when a newer load starts or the view that owns it goes away, so a
//! request nobody waits for any more is abandoned. Each `LocalResource`
//! type is its own large copy of code in the wasm; this is one small one.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use crate::effect::watch;

/// A value loaded in the background: `None` until the first load ends.
pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    again: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Load<T> {}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// Runs `fetch` now and again whenever a signal it reads changes,
    /// handing it the load's abort signal. With `keep`, the last value
    /// stays while the next loads (results while the reader types);
    /// without, the value is `None` while loading.
    pub fn new<Fut>(fetch: impl Fn(Option<AbortSignal>) -> Fut + 'static, keep: bool) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let value = RwSignal::new(None);
        let again = Trigger::new();
        let generation = StoredValue::new(0_u64);
        let in_flight = StoredValue::new_local(None::<AbortController>);
        on_cleanup(move || abort(in_flight, None));
        watch(move || {
            again.track();
            let future = fetch(next_signal(in_flight));
            let this = generation.try_update_value(|g| {
                *g += 1;
                *g
            });
            if !keep {
                value.try_set(None);
            }
            spawn_local(async move {
                let result = future.await;
                // A newer load, or a page that has gone, wins.
                if this.is_some() && generation.try_get_value() == this {
                    value.try_set(Some(result));
                }
            });
        });
        Self { value, again }
    }

    /// A value already at hand: nothing is loaded (a view rendered by
    /// the build, which read its data from disk), and `refetch` does
    /// nothing.
    pub fn ready(value: T) -> Self {
        Self {
            value: RwSignal::new(Some(value)),
            again: Trigger::new(),
        }
    }

    /// The value, tracked; `None` while the first load runs.
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }

    /// Reads the value without copying it, tracked.
    pub fn with<R>(&self, read: impl FnOnce(&Option<T>) -> R) -> R {
        self.value.with(read)
    }

    /// Loads again, as Retry does.
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// The abort signal of a new load, the previous load's aborted. Not
/// generic, so it is compiled once for every kind of load.
fn next_signal(
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
) -> Option<AbortSignal> {
    let cancel = AbortController::new().ok();
    let signal = cancel.as_ref().map(AbortController::signal);
    abort(in_flight, cancel);
    signal
}

/// Aborts the load in flight and puts `next` in its place.
fn abort(
    in_flight: StoredValue<Option<AbortController>, LocalStorage>,
    next: Option<AbortController>,
) {
    if let Some(previous) = in_flight
        .try_update_value(|slot| std::mem::replace(slot, next))
        .flatten()
    {
        previous.abort();
    }
}
