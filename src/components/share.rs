//! Sharing an article: the system's share sheet where the browser has
//! one (the Web Share API), else the link copied to the clipboard, else
//! the link shown ready to copy by hand. Each way says what happened.

use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How the link was passed on.
enum Outcome {
    /// Through the system's share sheet.
    Shared,
    /// The reader closed the share sheet.
    Cancelled,
    /// Copied to the clipboard.
    Copied,
    /// Neither was possible: the reader copies it from the message.
    ByHand,
}

/// A Share button for the current page (its address without the query
/// string), with a polite confirmation that shows the link.
#[component]
pub fn Share(
    /// The article's headline, offered with the link.
    title: String,
) -> impl IntoView {
    let said = RwSignal::new(String::new());
    let share = move |_| {
        let location = window().location();
        let url = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let title = title.clone();
        spawn_local(async move {
            let message = match pass_on(&title, &url).await {
                Outcome::Shared => "Shared.".to_owned(),
                Outcome::Cancelled => String::new(),
                Outcome::Copied => format!("Link copied: {url}"),
                Outcome::ByHand => format!("Copy this link: {url}"),
            };
            said.try_set(message);
        });
    };
    view! {
        <p class="share">
            <button type="button" class="share__button" on:click=share data-share="">"Share"</button>
            " "
            <span role="status" data-share-status="">{said}</span>
        </p>
    }
}

/// Offers `url` to the share sheet, else copies it.
async fn pass_on(title: &str, url: &str) -> Outcome {
    let navigator = Reflect::get(&window(), &"navigator".into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(share) = method(&navigator, "share") {
        let data = Object::new();
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        match call(&share, &navigator, &data.into()).await {
            Ok(()) => return Outcome::Shared,
            Err(error) if name_of(&error) == "AbortError" => return Outcome::Cancelled,
            // Not allowed here (or no share target): copy instead.
            Err(_) => {}
        }
    }
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    match method(&clipboard, "writeText") {
        Some(write) if call(&write, &clipboard, &url.into()).await.is_ok() => Outcome::Copied,
        _ => Outcome::ByHand,
    }
}

/// The function `name` of `object`, if it has one.
fn method(object: &JsValue, name: &str) -> Option<Function> {
    if !object.is_object() {
        return None;
    }
    Reflect::get(object, &name.into()).ok()?.dyn_into().ok()
}

/// Calls `function` on `this` with `argument` and waits for its promise.
async fn call(function: &Function, this: &JsValue, argument: &JsValue) -> Result<(), JsValue> {
    let promise: Promise = function.call1(this, argument)?.dyn_into()?;
    JsFuture::from(promise).await.map(|_| ())
}

/// An exception's `name`, as `AbortError`.
fn name_of(error: &JsValue) -> String {
    Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default()
}
