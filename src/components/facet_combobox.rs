//! A filter with many values (authors, tags) as a combobox: a text field
//! whose list shows the values with the most matches first and finds any
//! other by the words typed, each with its count.
//!
//! The WAI-ARIA "combobox with listbox popup" pattern: focus stays in the
//! field, the active option is named by `aria-activedescendant`; Down and
//! Up open the list and move through it, Enter picks, Escape closes and
//! restores the field, a click picks. Only the shown options are in the
//! document, so thousands of values cost a page nothing.

use std::sync::Arc;

use broadsheet_core::query::{menu_values, Facets};
use broadsheet_core::search;
use leptos::prelude::*;

use super::filters::{Counts, Dimension};
use crate::effect::watch;

/// Values shown before the reader types.
const TOP: usize = 10;
/// Values shown for what the reader typed.
const FOUND: usize = 30;

/// One row of the open list: a value's slug (empty: the row that clears
/// the filter), its text and whether picking it would leave nothing.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    slug: String,
    text: String,
    disabled: bool,
}

/// The open list and what the hint under it says.
#[derive(Debug, Clone, PartialEq, Default)]
struct Listed {
    rows: Vec<Row>,
    hint: String,
}

/// A combobox for `dimension`: the field shows the chosen value's name;
/// typing or Down opens the list of values under the current query.
#[component]
pub fn FacetCombobox(
    /// The filter it sets.
    dimension: Dimension,
    /// The values and their counts.
    facets: Signal<Arc<Facets>>,
    /// Whether the counts are there, loading or failed.
    counts: Signal<Counts>,
    /// Loads the counts again (opening the list after they failed).
    recount: Callback<()>,
    /// The chosen value's slug.
    selected: Signal<Option<String>>,
    /// Called with the value picked (`None`: any).
    pick: Callback<Option<String>>,
) -> impl IntoView {
    let id = format!("filter-{}", dimension.name());
    let list_id = format!("{id}-list");
    let hint_id = format!("{id}-hint");
    let plural = dimension.plural();
    let open = RwSignal::new(false);
    // What the reader typed since the list opened (`None`: nothing yet,
    // so the field shows the chosen value and the list the top values).
    let typed = RwSignal::new(None::<String>);
    let active = RwSignal::new(None::<usize>);

    // The values' names and their folds, kept while the names stay the
    // same (each new query brings new counts, not new names).
    let folded = StoredValue::new((Vec::<String>::new(), Vec::<String>::new()));
    // The rows last shown, for the keys and clicks that pick among them.
    let shown = StoredValue::new(Vec::<Row>::new());
    // The open list under the current query and what was typed.
    let list = move || -> Listed {
        if !open.get() {
            return Listed::default();
        }
        let words = typed.with(|t| t.as_deref().map(search::terms).unwrap_or_default());
        let problem = counts.with(|c| match c {
            Counts::Ready => None,
            Counts::Loading => Some(format!("Loading the {plural}…")),
            Counts::Failed(why) => Some(format!(
                "The {plural} could not be loaded ({why}). Close and reopen this list to try again."
            )),
        });
        let mut rows = vec![Row {
            slug: String::new(),
            text: dimension.any().to_owned(),
            disabled: false,
        }];
        if let Some(hint) = problem {
            return Listed { rows, hint };
        }
        let limit = if words.is_empty() { TOP } else { FOUND };
        let (shown, matched) = facets.with(|f| {
            let options = dimension.options(f);
            folded.update_value(|(names, folds)| {
                let same = names.len() == options.len()
                    && names.iter().zip(options).all(|(n, o)| *n == o.name);
                if !same {
                    *names = options.iter().map(|o| o.name.clone()).collect();
                    *folds = names.iter().map(|n| search::words(n).join(" ")).collect();
                }
            });
            folded.with_value(|(_, folds)| {
                let (shown, matched) = menu_values(options, folds, &words, limit);
                let shown: Vec<Row> = shown
                    .into_iter()
                    .map(|o| Row {
                        slug: o.slug.clone(),
                        text: match o.count {
                            Some(n) => format!("{} ({n})", o.name),
                            None => o.name.clone(),
                        },
                        disabled: o.count == Some(0)
                            && selected.with(|s| s.as_deref() != Some(o.slug.as_str())),
                    })
                    .collect();
                (shown, matched)
            })
        });
        let hint = if matched == 0 {
            let text = typed.get_untracked().unwrap_or_default();
            format!("No {plural} match “{text}”.")
        } else if matched > shown.len() {
            format!(
                "{} of {matched} {plural}, most articles first: type to find others.",
                shown.len()
            )
        } else if matched == 1 {
            format!("1 {}.", dimension.name())
        } else {
            format!("{matched} {plural}, most articles first.")
        };
        rows.extend(shown);
        Listed { rows, hint }
    };

    let show = move || {
        if !open.get_untracked() {
            open.set(true);
            if counts.with_untracked(|c| matches!(c, Counts::Failed(_))) {
                recount.run(());
            }
        }
    };
    let close = move || {
        open.set(false);
        typed.set(None);
        active.set(None);
    };
    let choose = move |at: usize| {
        let row = shown.with_value(|rows| rows.get(at).cloned());
        if let Some(row) = row.filter(|r| !r.disabled) {
            close();
            pick.run(Some(row.slug).filter(|s| !s.is_empty()));
        }
    };
    // The next enabled row from `at` in direction `step`, wrapping.
    let next = move |from: Option<usize>, step: isize| {
        shown.with_value(|rows| {
            let len = rows.len() as isize;
            let mut at = from.map_or(if step > 0 { -1 } else { len }, |a| a as isize);
            for _ in 0..len {
                at = (at + step).rem_euclid(len);
                if !rows[at as usize].disabled {
                    return Some(at as usize);
                }
            }
            None
        })
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| match event.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            event.prevent_default();
            let step = if event.key() == "ArrowDown" { 1 } else { -1 };
            if !open.get_untracked() {
                show();
                // The first row ("All …") is always there to start from.
                if !event.alt_key() {
                    active.set(Some(0));
                }
                return;
            }
            active.set(next(active.get_untracked(), step));
        }
        "Enter" => {
            if let Some(at) = active.get_untracked().filter(|_| open.get_untracked()) {
                event.prevent_default();
                choose(at);
            }
        }
        "Escape" if open.get_untracked() => {
            event.prevent_default();
            close();
        }
        _ => {}
    };
    let on_input = move |event: web_sys::Event| {
        typed.set(Some(event_target_value(&event)));
        active.set(None);
        show();
    };
    // What the reader's keys change, written into the page by one effect:
    // each reactive attribute would be its own compiled copy of Leptos's
    // attribute code in the wasm (measured: the combobox cost 8.5 KB
    // brotli with six of them).
    let field = NodeRef::<leptos::html::Input>::new();
    let popup = NodeRef::<leptos::html::Div>::new();
    let initial = untrack(|| chosen_name(selected, facets, dimension)).unwrap_or_default();
    {
        let id = id.clone();
        watch(move || {
            let is_open = open.get();
            let descendant = active.get().filter(|_| is_open);
            let value = typed
                .get()
                .or_else(|| chosen_name(selected, facets, dimension))
                .unwrap_or_default();
            if let Some(input) = field.get() {
                let _ =
                    input.set_attribute("aria-expanded", if is_open { "true" } else { "false" });
                let _ = match descendant {
                    Some(at) => input.set_attribute("aria-activedescendant", &format!("{id}-{at}")),
                    None => input.remove_attribute("aria-activedescendant"),
                };
                if input.value() != value {
                    input.set_value(&value);
                }
            }
            if let Some(popup) = popup.get() {
                popup.set_hidden(!is_open);
            }
        });
    }
    // The list and its hint, rebuilt as a whole when anything in them
    // changes (a few dozen rows).
    let content = {
        let (id, list_id, hint_id) = (id.clone(), list_id.clone(), hint_id.clone());
        move || {
            let Listed { rows, hint } = list();
            let current = active.get();
            shown.set_value(rows.clone());
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(at, row)| {
                    let chosen =
                        selected.with_untracked(|s| s.as_deref().unwrap_or("") == row.slug);
                    view! {
                        <li
                            role="option"
                            id=format!("{id}-{at}")
                            class=if current == Some(at) {
                                "combobox__option combobox__option--active"
                            } else {
                                "combobox__option"
                            }
                            aria-selected=if chosen { "true" } else { "false" }
                            aria-disabled=row.disabled.then_some("true")
                            data-value=row.slug
                            // Keeps focus in the field.
                            on:mousedown=|event| event.prevent_default()
                            on:click=move |_| choose(at)
                        >
                            {row.text}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul id=list_id.clone() role="listbox" aria-label=plural class="combobox__list">
                    {rows}
                </ul>
                <p id=hint_id.clone() class="combobox__hint" aria-live="polite">
                    {hint}
                </p>
            }
        }
    };
    view! {
        <div class="filters__field combobox" data-filter=dimension.name()>
            <label for=id.clone()>{dimension.label()}</label>
            <input
                id=id
                node_ref=field
                role="combobox"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=list_id
                aria-describedby=hint_id
                aria-expanded="false"
                placeholder=dimension.any()
                value=initial.clone()
                on:input=on_input
                on:keydown=on_keydown
                on:click=move |_| if open.get_untracked() { close() } else { show() }
                on:blur=move |_| close()
            />
            // The value the form sends without the app (the page as built).
            <input type="hidden" name=dimension.name() value=selected.get_untracked() />
            <div class="combobox__popup" node_ref=popup hidden=true>
                {content}
            </div>
        </div>
    }
}

/// The name of the chosen value (its slug while the facets do not name
/// it); `None` when none is chosen.
fn chosen_name(
    selected: Signal<Option<String>>,
    facets: Signal<Arc<Facets>>,
    dimension: Dimension,
) -> Option<String> {
    let slug = selected.get()?;
    Some(facets.with(|f| dimension.name_of(f, slug)))
}
